"""The mark of a build: ``.glossary-site.json`` in the output root lists what it wrote.

A folder counts as a previous build only when it holds a valid manifest, and only the
files the manifest lists (plus ``.git`` at the root and operating-system litter) may be
replaced without ``--force``. The manifest is deterministic: format version, then every
written file in sorted order with its SHA-256.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from json.encoder import encode_basestring
from pathlib import Path, PurePosixPath
from typing import Any

MANIFEST_NAME = ".glossary-site.json"
# While a new site is written: one JSON line [path, sha256] per file, appended before the
# file is written, so the folder of a build killed part-way is recognisably ours.
JOURNAL_NAME = ".glossary-site.partial"
# While a previous build is updated in place (see ``update``): its journal, and the folder
# holding the new files until they are renamed into place.
UPDATE_NAME = ".glossary-site.update"
INCOMING_NAME = ".glossary-site.incoming"
FORMAT = 1
GENERATOR = "glossary-site"
# Kept across builds at the output root (a gh-pages worktree's .git folder or file).
KEPT_AT_ROOT = frozenset({".git"})
# Files an operating system drops into folders it shows; never a reason to refuse.
OS_LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
RESERVED_AT_ROOT = KEPT_AT_ROOT | {MANIFEST_NAME, JOURNAL_NAME, UPDATE_NAME, INCOMING_NAME}
_MAX_MANIFEST_BYTES = 64 * 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")
_HEX_DIGITS = b"0123456789abcdef"


def digest(data: bytes) -> str:
    """The SHA-256 of ``data`` as the manifest writes it."""
    return hashlib.sha256(data).hexdigest()


def manifest_bytes(outputs: Mapping[PurePosixPath, bytes]) -> bytes:
    """The manifest of a site made of ``outputs``."""
    return manifest_from_digests({path: digest(data) for path, data in outputs.items()})


def manifest_from_digests(digests: Mapping[PurePosixPath, str] | Mapping[str, str]) -> bytes:
    """The manifest of a site whose files have the SHA-256 ``digests``.

    The bytes of ``json.dumps(document, indent=1, ensure_ascii=False)``, made line by
    line: the indenting encoder is pure Python, and a site has 50,000 entries. A path is
    quoted by the encoder's own string function (what ``dumps`` of a ``str`` does); a
    SHA-256 is hex, which needs no escaping.
    """
    quote = encode_basestring
    names = sorted([(str(path), sha256) for path, sha256 in digests.items()])
    entries = ",\n".join(
        [
            f'  {{\n   "path": {quote(name)},\n   "sha256": "{sha256}"\n  }}'
            for name, sha256 in names
        ]
    )
    files = f"[\n{entries}\n ]" if names else "[]"
    text = f'{{\n "format": {FORMAT},\n "generator": "{GENERATOR}",\n "files": {files}\n}}\n'
    return text.encode("utf-8")


def read_manifest(folder: Path) -> frozenset[str] | None:
    """The paths a valid manifest in ``folder`` lists, or None (absent or not ours)."""
    digests = read_digests(folder)
    return None if digests is None else frozenset(digests)


class Previous:
    """The manifest of a folder that may hold a previous build, read at most once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._digests: dict[str, str] | None = None
        self._read = False

    def digests(self) -> dict[str, str] | None:
        """Each path the manifest lists with its SHA-256, or None (as ``read_digests``)."""
        if not self._read:
            self._digests, self._read = read_digests(self.folder), True
        return self._digests

    def listed(self) -> frozenset[str] | None:
        digests = self.digests()
        return None if digests is None else frozenset(digests)


def read_digests(folder: Path) -> dict[str, str] | None:
    """Each path a valid manifest in ``folder`` lists, with its SHA-256; None if not ours.

    A build reads the manifest of its output folder two or three times (before reading
    the inputs, under the lock, for the update): the table parsed last is kept with the
    SHA-256 of the bytes it came from, and bytes with the same SHA-256 are not parsed
    again (each caller gets its own copy)."""
    path = folder / MANIFEST_NAME
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > _MAX_MANIFEST_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    sha256 = hashlib.sha256(data).digest()
    if _last_parsed and _last_parsed[0] == sha256:
        return dict(_last_parsed[1])
    listed = _parse_digests(data)
    _last_parsed.clear()
    if listed is not None:
        _last_parsed.extend((sha256, listed))
        return dict(listed)
    return None


_last_parsed: list[Any] = []  # [SHA-256 of a manifest's bytes, its table]


def _parse_digests(data: bytes) -> dict[str, str] | None:
    try:
        document = json.loads(data)
    except ValueError:
        return None
    if not isinstance(document, dict) or document.get("generator") != GENERATOR:
        return None
    files = document.get("files")
    if document.get("format") != FORMAT or not isinstance(files, list):
        return None
    try:  # (an entry that is no mapping, or lacks a key)
        paths = [entry["path"] for entry in files]
        digests = [entry["sha256"] for entry in files]
    except (TypeError, KeyError, IndexError):
        return None
    if not (all(type(entry) is dict for entry in files) and valid_entries(paths, digests)):
        return None
    return dict(zip(paths, digests, strict=True))


def valid_entries(paths: list[str], digests: list[str]) -> bool:
    """Whether every entry is what ``_valid_entry`` accepts (and no path holds a NUL):
    checked on the joined strings, not entry by entry (a manifest lists 50,000 files,
    read on every build)."""
    if not {type(path) for path in paths} <= {str} or not {type(d) for d in digests} <= {str}:
        return False
    if not paths:
        return True
    names = "\0".join(paths)
    if names.count("\0") != len(paths) - 1 or not _all_inside(names):
        return False
    # Names of only "." and "/" are rare: those are checked one by one.
    if not all(valid_path(path) for path in paths if not path.strip("./")):
        return False
    if {len(sha256) for sha256 in digests} != {64}:
        return False
    try:
        return not "".join(digests).encode("ascii").translate(None, _HEX_DIGITS)
    except UnicodeEncodeError:
        return False


def _all_inside(names: str) -> bool:
    """Whether none of the NUL-joined ``names`` starts with "/" or has a ".." part."""
    return "\0/" not in f"\0{names}" and "/../" not in "/" + names.replace("\0", "/\0/") + "/"


def journal_line(dest_path: PurePosixPath, sha256: str) -> bytes:
    return (json.dumps([dest_path.as_posix(), sha256], ensure_ascii=False) + "\n").encode()


def read_journal(folder: Path) -> frozenset[str] | None:
    """The paths the journal of an unfinished build lists (a torn last line ignored)."""
    path = folder / JOURNAL_NAME
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > _MAX_MANIFEST_BYTES:
            return None
        lines = path.read_bytes().split(b"\n")
    except OSError:
        return None
    listed = set()
    for line in lines[:-1]:  # the last is empty, or torn by a kill
        try:
            entry = json.loads(line)
        except ValueError:
            return None
        if not (isinstance(entry, list) and len(entry) == 2):
            return None
        if not _valid_entry({"path": entry[0], "sha256": entry[1]}):
            return None
        listed.add(entry[0])
    return frozenset(listed)


def _valid_entry(entry: dict[str, object]) -> bool:
    path, digest = entry.get("path"), entry.get("sha256")
    if type(path) is not str or type(digest) is not str:
        return False
    return valid_path(path) and len(digest) == 64 and bool(_SHA256.fullmatch(digest))


def valid_path(path: str) -> bool:
    """Whether ``path`` may name a file of a site: relative, inside it (as
    ``PurePosixPath(path).parts`` would show it: some part, none of them ``..``)."""
    if not path or path[0] == "/":
        return False
    parts = path.split("/")
    return ".." not in parts and any(part not in ("", ".") for part in parts)


def foreign_entries(folder: Path, listed: frozenset[str]) -> list[str]:
    """Paths in ``folder`` that a build with manifest ``listed`` did not write.

    ``.git`` and the manifest at the root, and OS litter anywhere, are not counted;
    symbolic links never are ours. A foreign folder is reported once, not its contents.
    (Plain strings and ``scandir``: this walks every folder of the site at every build.)
    """
    folders = folders_of(listed)
    foreign: list[str] = []
    pending = [(str(folder), "")]
    while pending:
        top, relative = pending.pop()
        try:
            with os.scandir(top) as listing:
                entries = list(listing)
        except OSError:  # as os.walk: a folder that cannot be listed is passed over
            continue
        for entry in entries:
            name = entry.name
            if not relative and name in RESERVED_AT_ROOT:
                continue
            rel = f"{relative}/{name}" if relative else name
            if _is_folder(entry):
                if rel not in folders or entry.is_symlink():
                    foreign.append(rel)
                else:
                    pending.append((entry.path, rel))
            elif name not in OS_LITTER and (rel not in listed or entry.is_symlink()):
                foreign.append(rel)
    return sorted(foreign)


def folders_of(listed: frozenset[str]) -> set[str]:
    """Every folder that holds a listed file (``a`` and ``a/b`` for ``a/b/c.html``)."""
    folders: set[str] = set()
    for path in listed:
        end = path.rfind("/")
        while end > 0 and path[:end] not in folders:
            folders.add(path[:end])
            end = path.rfind("/", 0, end)
    return folders


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # a link to a folder too, as os.walk lists it
    except OSError:
        return False
