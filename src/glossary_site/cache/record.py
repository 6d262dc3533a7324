"""The whole-build short cut: what the last build of an output folder read, wrote and said.

After a build writes a site, it stores a record in the cache under the output folder's
path: the digest of all its inputs (``inputs``), the stamps of the folder it left
(``write.stamps``), and its report (counts, and the key of its diagnostics' entry:
``DIAGNOSTICS_KIND``, under the SHA-256 of its bytes). A later build whose inputs
have the same digest, into a folder whose stamps still match, reports the same and
writes nothing.

Trust: the record is read from a cache that may come from elsewhere (a CI restore), so
it is checked, not believed. It can only ever make a build write nothing, and only
when the output folder is, inode for inode and to the nanosecond of each status
change, what the record says a build of ours left there: a record made anywhere else
cannot know those of files that did not exist yet. Its diagnostics are decoded with
every field type checked; anything that does not fit is a miss.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Severity
from .store import Store

KIND = "builds"
# A record's diagnostics: an entry of their own under the SHA-256 of its bytes, which the
# record names, so a build that reports the same again (a patch build, a warm build moving
# its stamps) saves only the small record.
DIAGNOSTICS_KIND = "build-diagnostics"
_DIGEST_RE = re.compile(r"[0-9a-f]{64}")
_SEVERITIES = {severity.value: severity for severity in Severity}


@dataclass(frozen=True, slots=True)
class BuildRecord:
    """What one build of one output folder read, left and reported."""

    inputs: str  # inputs.inputs_digest
    stamps: Any  # write.stamps: checked against the folder, never trusted
    taken_ns: Any
    manifest: Any  # SHA-256 of the manifest
    term_count: int
    draft_count: int
    base_url: str
    diagnostics: tuple[Diagnostic, ...]


def record_key(out_dir: Path) -> str:
    return hashlib.sha256(str(out_dir).encode("utf-8", "surrogateescape")).hexdigest()


def save_record(store: Store, out_dir: Path, record: BuildRecord) -> None:
    """Store ``record`` for the (resolved) output folder ``out_dir``, best effort."""
    payload = {
        "inputs": record.inputs,
        "stamps": record.stamps,
        "taken_ns": record.taken_ns,
        "manifest": record.manifest,
        "report": [record.term_count, record.draft_count, record.base_url],
        "diagnostics": _saved(store, record.diagnostics),
    }
    data = json.dumps(payload, separators=(",", ":"))  # ASCII: lone surrogates escaped
    store.put(KIND, record_key(out_dir), data.encode())


def load_record(store: Store, out_dir: Path, inputs: str) -> BuildRecord | None:
    """The record of ``out_dir`` if it was made from inputs with the digest ``inputs``."""
    found = store.get(KIND, record_key(out_dir))
    if found is None or not found[0].startswith(_inputs_prefix(inputs)):
        return None  # (not parsed)
    try:
        payload = json.loads(found[0])
        if not isinstance(payload, dict) or payload.get("inputs") != inputs:
            return None
        term_count, draft_count, base_url = payload["report"]
        if not (_is_int(term_count) and _is_int(draft_count) and isinstance(base_url, str)):
            return None
        key = payload["diagnostics"]
        if not isinstance(key, str) or _DIGEST_RE.fullmatch(key) is None:
            return None
        saved = store.get_named(DIAGNOSTICS_KIND, key)
        if saved is None:
            return None
        diagnostics = _decode_diagnostics(json.loads(saved))
        _LOADED[:] = [(diagnostics, key)]
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    return BuildRecord(
        inputs,
        payload.get("stamps"),
        payload.get("taken_ns"),
        payload.get("manifest"),
        term_count,
        draft_count,
        base_url,
        diagnostics,
    )


def _inputs_prefix(inputs: str) -> bytes:
    """How a record saved for the inputs with the digest ``inputs`` begins."""
    return json.dumps({"inputs": inputs}, separators=(",", ":"))[:-1].encode() + b","


# The diagnostics of the last record loaded, with the key of their entry: a build that
# reports them again (a patch build, see patch/) names that entry without encoding them.
_LOADED: list[tuple[tuple[Diagnostic, ...], str]] = []


def _saved(store: Store, diagnostics: tuple[Diagnostic, ...]) -> str:
    """The key of the entry that holds ``diagnostics``, stored unless it is there."""
    for loaded, key in _LOADED:
        if loaded is diagnostics and store.has(DIAGNOSTICS_KIND, key):
            return key
    data = json.dumps(_encode_diagnostics(diagnostics), separators=(",", ":")).encode()
    key = hashlib.sha256(data).hexdigest()
    if not store.has(DIAGNOSTICS_KIND, key):
        store.put(DIAGNOSTICS_KIND, key, data)
    return key


def _encode_diagnostics(diagnostics: Sequence[Diagnostic]) -> list[list[Any]]:
    """Grouped by path, in order: ``[[path, [line, code, message, hint, severity,
    column], …], …]`` (a path is written once for all its diagnostics)."""
    groups: list[list[Any]] = []
    for d in diagnostics:
        path = str(d.path)
        if not groups or groups[-1][0] != path:
            groups.append([path])
        groups[-1].append([d.line, d.code, d.message, d.hint, d.severity.value, d.column])
    return groups


def _decode_diagnostics(groups: Any) -> tuple[Diagnostic, ...]:
    if not isinstance(groups, list):
        raise TypeError("diagnostics")
    decoded = []
    for group in groups:
        if not isinstance(group, list) or not group or not isinstance(group[0], str):
            raise TypeError("diagnostic group")
        path = Path(group[0])
        for line, code, message, hint, severity, column in group[1:]:
            if not (
                _is_int(line)
                and _is_int(column)
                and type(code) is str
                and type(message) is str
                and type(hint) is str
            ):
                raise TypeError("diagnostic")
            decoded.append(
                Diagnostic(path, line, code, message, hint, _SEVERITIES[severity], column)
            )
    return tuple(decoded)


def _is_int(value: object) -> bool:
    return type(value) is int and value >= 0
