"""Stage 2: ``RawTerm`` → validated, frozen ``Term``.

Front-matter values are read as written: a plain scalar such as ``no``, ``1.10``
or ``2024-01-01`` in a text field is that text, never YAML 1.1's boolean, number
or date (``front_values`` reads and type-checks each key; this module makes the term:
slug, definition, status, replacement). Every problem becomes a ``Diagnostic`` naming
the file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Severity, did_you_mean
from .front_values import KNOWN_KEYS as KNOWN_KEYS  # re-exported, as the next three
from .front_values import SLUG_RE as SLUG_RE
from .front_values import Ref as Ref
from .front_values import Value, read_front_matter
from .front_values import slug_from_title as slug_from_title
from .load import RawTerm
from .names import MAX_SLUG_LENGTH
from .term_fields import Status as Status  # re-exported: the pipeline imports it from here

_BLOCK_START_RE = re.compile(r"^\s{0,3}([#>|<*+-]|\d+[.)]\s|```|~~~|\s{4})")


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


def parse_term(raw: RawTerm) -> tuple[Term | None, tuple[Diagnostic, ...]]:
    """Validate one term; returns None as the term when it cannot be used."""
    problems: list[Diagnostic] = []
    values, lines = read_front_matter(raw, problems)
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


def _text(values: dict[str, Value], key: str) -> str:
    value = values.get(key, "")
    return value if isinstance(value, str) else ""


def _names(values: dict[str, Value], key: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ref.text for ref in _refs(values, key)))


def _refs(values: dict[str, Value], key: str) -> tuple[Ref, ...]:
    value = values.get(key, ())
    return value if isinstance(value, tuple) else ()


def _date(values: dict[str, Value]) -> dt.date | None:
    value = values.get("updated")
    return value if isinstance(value, dt.date) else None


def _slug(
    raw: RawTerm, values: dict[str, Value], lines: dict[str, int], problems: list[Diagnostic]
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
    raw: RawTerm, values: dict[str, Value], lines: dict[str, int], problems: list[Diagnostic]
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
    raw: RawTerm, values: dict[str, Value], lines: dict[str, int], problems: list[Diagnostic]
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
    values: dict[str, Value],
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
