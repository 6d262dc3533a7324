"""Front-matter values as written: each key read and type-checked, each problem reported.

``schema`` makes a ``Term`` of these values. A plain scalar such as ``no``, ``1.10`` or
``2024-01-01`` in a text field is that text, never YAML 1.1's boolean, number or date;
lists, booleans and dates are checked against the table of keys (``term_fields``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .diagnostics import Diagnostic, did_you_mean
from .inputs import find_forbidden_character
from .load import RawTerm
from .term_fields import BOOLEANS, DATE_PATTERN, FIELDS, FIELDS_BY_NAME, SLUG_PATTERN, Kind

SLUG_RE = re.compile(SLUG_PATTERN)
_DATE_RE = re.compile(DATE_PATTERN)


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to another term as the editor wrote it, with its line."""

    text: str
    line: int


# Which keys exist and what they hold: one table (term_fields.FIELDS) for this validator
# and the JSON Schema that ``glossary-site schema`` prints.
_LIST_KEYS = tuple(field.name for field in FIELDS if field.kind is Kind.LIST)
_DATE_KEYS = tuple(field.name for field in FIELDS if field.kind is Kind.DATE)
_BOOL_KEYS = tuple(field.name for field in FIELDS if field.kind is Kind.BOOL)
KNOWN_KEYS = frozenset(field.name for field in FIELDS)

_NULL_TAG = "tag:yaml.org,2002:null"
Value = str | tuple[Ref, ...] | dt.date | bool


def slug_from_title(title: str) -> str:
    """ASCII slug for a title: 'Jobs-to-be-done' → 'jobs-to-be-done', 'Café' → 'cafe'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def read_front_matter(
    raw: RawTerm, problems: list[Diagnostic]
) -> tuple[dict[str, Value], dict[str, int]]:
    values: dict[str, Value] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in raw.front_matter.value:
        line = raw.line_of(key_node)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(_complex_key(raw.src_path, line))
            continue
        key = key_node.value
        if key in lines:
            problems.append(
                Diagnostic(
                    raw.src_path,
                    line,
                    "duplicate-key",
                    f"'{key}' is given twice (first on line {lines[key]})",
                    "keep one of them",
                )
            )
            continue
        lines[key] = line
        if key not in KNOWN_KEYS:
            problems.append(_unknown_key(raw.src_path, line, key))
            continue
        value = _convert(raw, key, value_node, line, problems)
        if value is not None:
            values[key] = value
    return values, lines


def _complex_key(path: Path, line: int) -> Diagnostic:
    return Diagnostic(
        path,
        line,
        "complex-key",
        "front-matter keys must be plain names, not a list or mapping",
        "write 'key: value' with a name such as title, aliases or tags before the ':'",
    )


def _unknown_key(path: Path, line: int, key: str) -> Diagnostic:
    guess = did_you_mean(key, KNOWN_KEYS)
    hint = guess or "known keys: " + ", ".join(sorted(KNOWN_KEYS))
    return Diagnostic(path, line, "unknown-key", f"unknown front-matter key '{key}'", hint)


def _convert(
    raw: RawTerm, key: str, node: yaml.Node, line: int, problems: list[Diagnostic]
) -> Value | None:
    """The value of ``key`` (on ``line``) as written, or None after reporting why not."""
    if key in _LIST_KEYS:
        return _convert_list(raw, key, node, line, problems)
    if not isinstance(node, yaml.ScalarNode):
        problems.append(_type_error(raw.src_path, line, key, node, "a single text value"))
        return None
    if _has_escaped_control(raw, key, node, line, problems):
        return None
    if key in _BOOL_KEYS and node.tag != _NULL_TAG:
        return _convert_bool(raw.src_path, line, key, node, problems)
    text = "" if node.tag == _NULL_TAG else node.value.strip()
    if not text and node.value.strip() not in ("", "~"):  # null, Null, NULL: YAML's "nothing"
        problems.append(
            Diagnostic(
                raw.src_path,
                line,
                "empty-value",
                f"'{key}' is empty: YAML reads a bare '{node.value}' as no value",
                f'to mean the word, quote it: {key}: "{node.value}"; otherwise remove the line',
            )
        )
        return None
    if not text:
        problems.append(
            Diagnostic(
                raw.src_path,
                line,
                "empty-value",
                f"'{key}' is empty",
                f"give '{key}' a value or remove the line",
            )
        )
        return None
    if key in _DATE_KEYS:
        return _convert_date(raw.src_path, line, key, text, problems)
    return " ".join(text.split()) if key != "definition" else text


def _convert_list(
    raw: RawTerm, key: str, node: yaml.Node, line: int, problems: list[Diagnostic]
) -> tuple[Ref, ...] | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        problems.append(_type_error(raw.src_path, line, key, node, "a list"))
        return None
    refs = []
    for item in node.value:
        item_line = raw.line_of(item)
        if not isinstance(item, yaml.ScalarNode) or item.tag == _NULL_TAG or not item.value.strip():
            problems.append(
                Diagnostic(
                    raw.src_path,
                    item_line,
                    "wrong-type",
                    f"each item of '{key}' must be a non-empty text",
                    f"write '{key}' as a list of names: - First name",
                )
            )
            continue
        if _has_escaped_control(raw, key, item, item_line, problems):
            continue
        ref = Ref(" ".join(item.value.split()), item_line)
        if _is_slug_item(raw.src_path, key, ref, problems):
            refs.append(ref)
    return tuple(refs)


def _is_slug_item(path: Path, key: str, ref: Ref, problems: list[Diagnostic]) -> bool:
    """False, after reporting it, when ``key`` holds slugs and ``ref`` is none."""
    field = FIELDS_BY_NAME[key]
    if not field.pattern or (len(ref.text) <= field.max_length and SLUG_RE.match(ref.text)):
        return True
    suggestion = slug_from_title(ref.text)[: field.max_length].rstrip("-")
    problems.append(
        Diagnostic(
            path,
            ref.line,
            "bad-slug",
            f"'{ref.text}' in '{key}' is not a slug (a-z, 0-9 and single hyphens, "
            f"at most {field.max_length} characters)",
            f"write it as a slug: - {suggestion}" if suggestion else "write it as a slug",
        )
    )
    return False


def _has_escaped_control(
    raw: RawTerm, key: str, node: yaml.ScalarNode, line: int, problems: list[Diagnostic]
) -> bool:
    """Report a control character that a YAML escape (``"\\e"``, ``"\\x07"``) put in a value.

    The file's own text has none (``load`` refuses them), but double-quoted YAML can
    spell them, and they must not reach the page or a terminal either.
    """
    found = find_forbidden_character(node.value.replace("\n", " "))
    if found is None:
        return False
    problems.append(
        Diagnostic(
            raw.src_path,
            line,
            "control-character",
            f"'{key}' contains the control character {found.shown}, written as a YAML escape",
            "remove the escape (such as \\e, \\a, \\0 or \\x1b) from the quoted value",
        )
    )
    return True


def _type_error(path: Path, line: int, key: str, node: yaml.Node, expected: str) -> Diagnostic:
    if isinstance(node, yaml.SequenceNode):
        found = "a list"
    elif isinstance(node, yaml.MappingNode):
        found = "a mapping ('key: value' pairs)"
    else:
        found = "a single value"
    if key in _LIST_KEYS and isinstance(node, yaml.ScalarNode):
        example = f"{key}: [{node.value}]"
    elif key in _LIST_KEYS:
        example = f"{key}:\n          - first\n          - second"
    elif key in _BOOL_KEYS:
        example = f"{key}: false"
    else:
        example = f"{key}: some text"
    return Diagnostic(
        path,
        line,
        "wrong-type",
        f"'{key}' must be {expected}, not {found}",
        f"write it as:\n        {example}",
    )


def _convert_bool(
    path: Path, line: int, key: str, node: yaml.ScalarNode, problems: list[Diagnostic]
) -> bool | None:
    """``true`` or ``false`` as written without quotes; anything else is reported."""
    plain = not node.style  # None or "", as the pure-Python or the C parser say it
    value = BOOLEANS.get(node.value) if plain else None
    if value is None:
        shown = node.value if plain else f"{node.style}{node.value}{node.style}"
        problems.append(
            Diagnostic(
                path,
                line,
                "wrong-type",
                f"'{key}' must be true or false, not {shown!r}",
                f"write {key}: false (or remove the line for the default, true)",
            )
        )
    return value


def _convert_date(
    path: Path, line: int, key: str, text: str, problems: list[Diagnostic]
) -> dt.date | None:
    try:
        if not _DATE_RE.match(text):
            raise ValueError("not in YYYY-MM-DD form")
        return dt.datetime.fromisoformat(text).date()
    except ValueError as exc:
        problems.append(
            Diagnostic(
                path,
                line,
                "bad-date",
                f"'{key}' is not a valid date: '{text}' ({exc})",
                f"write an ISO date, e.g. {key}: 2026-03-14",
            )
        )
        return None
