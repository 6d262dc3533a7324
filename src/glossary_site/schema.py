"""Stage 2: ``RawTerm`` → validated, frozen ``Term``.

Front-matter values are read as written: a plain scalar such as ``no``, ``1.10``
or ``2024-01-01`` in a text field is that text, never YAML 1.1's boolean, number
or date. Every problem becomes a ``Diagnostic`` naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .diagnostics import Diagnostic, Severity, did_you_mean
from .inputs import find_forbidden_character
from .load import RawTerm
from .names import MAX_SLUG_LENGTH
from .term_fields import BOOLEANS, DATE_PATTERN, FIELDS, FIELDS_BY_NAME, SLUG_PATTERN, Kind
from .term_fields import Status as Status  # re-exported: the pipeline imports it from here

SLUG_RE = re.compile(SLUG_PATTERN)
_DATE_RE = re.compile(DATE_PATTERN)
_BLOCK_START_RE = re.compile(r"^\s{0,3}([#>|<*+-]|\d+[.)]\s|```|~~~|\s{4})")


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to another term as the editor wrote it, with its line."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Term:
    src_path: Path
    slug: str
    title: str
    definition: str  # inline Markdown
    definition_line: int
    summary: str  # plain text; empty when the definition stands in for it
    aliases: tuple[Ref, ...]
    related: tuple[Ref, ...]
    tags: tuple[str, ...]
    category: str
    author: str
    updated: dt.date | None
    status: Status
    replaced_by: Ref | None
    body: str  # Markdown; the definition paragraph, when taken from it, is blanked
    body_line: int
    title_line: int
    slug_line: int
    key_lines: tuple[tuple[str, int], ...] = ()  # (front-matter key, its line), as written
    redirect_from: tuple[Ref, ...] = ()  # former slugs, each checked against SLUG_PATTERN
    autolink: bool = True  # names of other terms in its text become links (autolink.py)

    def line_of(self, key: str) -> int:
        """The line of ``key`` in the front matter; the title's line when it is absent."""
        return next((line for name, line in self.key_lines if name == key), self.title_line)


# Which keys exist and what they hold: one table (term_fields.FIELDS) for this validator
# and the JSON Schema that ``glossary-site schema`` prints.
_LIST_KEYS = tuple(field.name for field in FIELDS if field.kind is Kind.LIST)
_DATE_KEYS = tuple(field.name for field in FIELDS if field.kind is Kind.DATE)
_BOOL_KEYS = tuple(field.name for field in FIELDS if field.kind is Kind.BOOL)
KNOWN_KEYS = frozenset(field.name for field in FIELDS)

_NULL_TAG = "tag:yaml.org,2002:null"
_Value = str | tuple[Ref, ...] | dt.date | bool


def slug_from_title(title: str) -> str:
    """ASCII slug for a title: 'Jobs-to-be-done' → 'jobs-to-be-done', 'Café' → 'cafe'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def parse_term(raw: RawTerm) -> tuple[Term | None, tuple[Diagnostic, ...]]:
    """Validate one term; returns None as the term when it cannot be used."""
    problems: list[Diagnostic] = []
    values, lines = _read_front_matter(raw, problems)
    title = values.get("title")
    if not isinstance(title, str):
        misspelt = any(p.code == "unknown-key" and "'title'" in p.hint for p in problems)
        if "title" not in lines and not misspelt:
            problems.append(
                Diagnostic(
                    raw.src_path,
                    1,
                    "missing-title",
                    "the front matter has no 'title'",
                    "add a line such as: title: Daily Scrum",
                )
            )
        return None, tuple(problems)
    slug, slug_line = _slug(raw, values, lines, problems)
    definition, definition_line, body = _definition(raw, values, lines, problems)
    status = _status(raw, values, lines, problems)
    replaced_by = _replaced_by(raw, values, lines, status, problems)
    if slug is None or definition is None:  # other errors fail the run but keep the term
        return None, tuple(problems)
    term = Term(
        src_path=raw.src_path,
        slug=slug,
        title=title,
        definition=definition,
        definition_line=definition_line,
        summary=_text(values, "summary"),
        aliases=_refs(values, "aliases"),
        related=_refs(values, "related"),
        tags=_names(values, "tags"),
        category=_text(values, "category"),
        author=_text(values, "author"),
        updated=_date(values),
        status=status,
        replaced_by=replaced_by,
        body=body,
        body_line=raw.body_line,
        title_line=lines["title"],
        slug_line=slug_line,
        key_lines=tuple(lines.items()),
        redirect_from=_refs(values, "redirect_from"),
        autolink=values.get("autolink") is not False,
    )
    return term, tuple(problems)


def _text(values: dict[str, _Value], key: str) -> str:
    value = values.get(key, "")
    return value if isinstance(value, str) else ""


def _names(values: dict[str, _Value], key: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ref.text for ref in _refs(values, key)))


def _refs(values: dict[str, _Value], key: str) -> tuple[Ref, ...]:
    value = values.get(key, ())
    return value if isinstance(value, tuple) else ()


def _date(values: dict[str, _Value]) -> dt.date | None:
    value = values.get("updated")
    return value if isinstance(value, dt.date) else None


def _read_front_matter(
    raw: RawTerm, problems: list[Diagnostic]
) -> tuple[dict[str, _Value], dict[str, int]]:
    values: dict[str, _Value] = {}
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
) -> _Value | None:
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


def _slug(
    raw: RawTerm, values: dict[str, _Value], lines: dict[str, int], problems: list[Diagnostic]
) -> tuple[str | None, int]:
    explicit = values.get("slug")
    slug = explicit if isinstance(explicit, str) else raw.src_path.stem
    line = lines.get("slug", 1)
    if len(slug) > MAX_SLUG_LENGTH:
        problems.append(_long_slug(raw.src_path, line, slug, isinstance(explicit, str)))
        return None, line
    if SLUG_RE.match(slug):
        return slug, line
    suggestion = slug_from_title(slug) or slug_from_title(str(values.get("title", "")))
    if isinstance(explicit, str):
        what = f"slug '{slug}' may only contain a-z, 0-9 and single hyphens"
        hint = f"write slug: {suggestion}" if suggestion else "write slug: some-ascii-name"
    else:
        what = f"the file name '{raw.src_path.name}' is not a valid slug (a-z, 0-9, hyphens)"
        hint = (
            f"rename the file to {suggestion}.md or add 'slug: {suggestion}'"
            if suggestion
            else "add a line such as 'slug: my-term'"
        )
    problems.append(Diagnostic(raw.src_path, line, "bad-slug", what, hint))
    return None, line


def _long_slug(path: Path, line: int, slug: str, explicit: bool) -> Diagnostic:
    shorter = slug_from_title(slug)[:MAX_SLUG_LENGTH].rstrip("-") or "short-name"
    what = "slug" if explicit else "the file name, which is the slug,"
    return Diagnostic(
        path,
        line,
        "slug-too-long",
        f"{what} is {len(slug)} characters long; the limit is {MAX_SLUG_LENGTH}",
        f"write slug: {shorter}" if explicit else f"add 'slug: {shorter}' or rename the file",
    )


def _definition(
    raw: RawTerm, values: dict[str, _Value], lines: dict[str, int], problems: list[Diagnostic]
) -> tuple[str | None, int, str]:
    given = values.get("definition")
    if isinstance(given, str):
        return given, lines["definition"], raw.body
    if "definition" in lines:  # present but unusable: already reported
        return None, lines["definition"], raw.body
    body_lines = raw.body.split("\n")
    start = next((i for i, text in enumerate(body_lines) if text.strip()), None)
    if start is None or _BLOCK_START_RE.match(body_lines[start]):
        problems.append(
            Diagnostic(
                raw.src_path,
                raw.body_line + (start or 0) if start is not None else 1,
                "missing-definition",
                "the term has no definition",
                "add 'definition: …' to the front matter, or start the body with a paragraph "
                "(before any '##' heading) that defines the term",
            )
        )
        return None, 0, raw.body
    end = next(
        (i for i in range(start, len(body_lines)) if not body_lines[i].strip()), len(body_lines)
    )
    paragraph = "\n".join(body_lines[start:end])
    rest = body_lines[:start] + [""] * (end - start) + body_lines[end:]
    return paragraph, raw.body_line + start, "\n".join(rest)


def _status(
    raw: RawTerm, values: dict[str, _Value], lines: dict[str, int], problems: list[Diagnostic]
) -> Status:
    text = str(values.get("status", Status.PUBLISHED.value))
    try:
        return Status(text)
    except ValueError:
        choices = [s.value for s in Status]
        guess = did_you_mean(str(text), choices)
        problems.append(
            Diagnostic(
                raw.src_path,
                lines.get("status", 1),
                "bad-status",
                f"unknown status '{text}'",
                guess or "use one of: " + ", ".join(choices),
            )
        )
        return Status.PUBLISHED


def _replaced_by(
    raw: RawTerm,
    values: dict[str, _Value],
    lines: dict[str, int],
    status: Status,
    problems: list[Diagnostic],
) -> Ref | None:
    text = values.get("replaced_by")
    if not isinstance(text, str):
        return None
    if status is not Status.DEPRECATED:
        problems.append(
            Diagnostic(
                raw.src_path,
                lines["replaced_by"],
                "replaced-by-not-deprecated",
                "'replaced_by' is set but the term is not deprecated",
                "add 'status: deprecated', or remove 'replaced_by'",
                Severity.ERROR,
            )
        )
    return Ref(text, lines["replaced_by"])
