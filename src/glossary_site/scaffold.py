"""``new``: a valid term file to start from; never overwrites anything.

The title may not hold control characters or consist of invisible ones only; a long
title gets a slug of at most ``MAX_SLUG_LENGTH`` characters, cut at a hyphen.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, did_you_mean
from .load import find_term_files, load_terms
from .names import MAX_SLUG_LENGTH, has_visible_character, normalize_name
from .schema import SLUG_RE, Term, parse_term, slug_from_title

# Control characters other than the white space a paste may bring (tab, line breaks),
# and the bidi controls that make text read differently from what it is.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_TEMPLATE = """\
---
title: {title_yaml}
# One paragraph of inline Markdown (emphasis, links such as [sprint](sprint)).
definition: >-
  One or two sentences that say what {title} is. Replace this text.
# Plain text of at most 160 characters: cards, the index and the meta description.
summary: A plain-text teaser of at most 160 characters, shown on cards and in search results.
# Other names and abbreviations; each may name one term only.
aliases: {aliases}
# Other terms, by slug, title or alias; they come first among "Related terms".
related: {related}
tags: {tags}
{category}updated: {today}
status: draft  # remove this line to publish the term
---

## What is {title}?

Explain the term for someone who meets it for the first time.

## Example

Show the term in use.
"""


@dataclass(frozen=True, slots=True)
class NewTerm:
    """What ``glossary-site new`` was asked to write."""

    title: str
    slug: str | None = None
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    category: str = ""


def _yaml_text(text: str) -> str:
    """``text`` as a YAML scalar, quoted when plain YAML would misread it."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _yaml_list(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(_yaml_text(item) for item in items) + "]"


def new_term(
    source_dir: Path,
    title: str,
    slug: str | None = None,
    today: dt.date | None = None,
    **fields: Any,
) -> tuple[Path | None, Diagnostic | None]:
    """Write ``<source_dir>/<slug>.md`` for ``title``; refuses to overwrite.

    ``fields`` are the other ``NewTerm`` fields: ``aliases``, ``related``, ``tags``,
    ``category``.
    """
    request = NewTerm(title, slug, **fields)
    problem = _title_problem(source_dir, title) or _values_problem(source_dir, request)
    if problem is not None:
        return None, problem
    title = " ".join(title.split())
    slug = slug or capped_slug(slug_from_title(title))
    if not SLUG_RE.match(slug) or len(slug) > MAX_SLUG_LENGTH:
        return None, Diagnostic(
            source_dir,
            0,
            "bad-slug",
            f"cannot make a slug (a-z, 0-9, single hyphens, at most {MAX_SLUG_LENGTH} "
            f"characters) from '{slug or title}'",
            "choose one with --slug, e.g. --slug my-term",
        )
    path = source_dir / f"{slug}.md"
    problem = _exists(path) if path.exists() else _conflicts(source_dir, request)
    if problem is not None:
        return None, problem
    text = _TEMPLATE.format(
        title=title,
        title_yaml=_yaml_text(title),
        aliases=_yaml_list(request.aliases),
        related=_yaml_list(request.related),
        tags=_yaml_list(request.tags),
        category=f"category: {_yaml_text(request.category)}\n" if request.category else "",
        today=(today or dt.date.today()).isoformat(),
    )
    return _write(path, text)


def _write(path: Path, text: str) -> tuple[Path | None, Diagnostic | None]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        return None, _exists(path)
    except OSError as exc:
        return None, Diagnostic(
            path,
            0,
            "new-write-failed",
            f"could not write the term file: {exc.strerror or exc}",
            "check that the --source folder is a folder you may write to",
        )
    return path, None


def _exists(path: Path) -> Diagnostic:
    return Diagnostic(
        path,
        0,
        "new-exists",
        "a term file with this name already exists",
        "edit it, or choose another slug with --slug",
    )


def capped_slug(slug: str) -> str:
    """``slug`` cut to at most ``MAX_SLUG_LENGTH`` characters, at a hyphen when there is one."""
    if len(slug) <= MAX_SLUG_LENGTH:
        return slug
    head = slug[: MAX_SLUG_LENGTH + 1]  # a hyphen right after the limit is a clean cut too
    cut = head.rfind("-")
    return (head[:cut] if cut > 0 else slug[:MAX_SLUG_LENGTH]).strip("-")


def _title_problem(source_dir: Path, title: str) -> Diagnostic | None:
    """Why ``title`` cannot be a term's title, or None."""
    control = _CONTROL_RE.search(title)
    if control is not None:
        return Diagnostic(
            source_dir,
            0,
            "new-bad-title",
            f"the title contains the control character {control.group()!r}: '{title}'",
            "type the title as readers should see it, without escape sequences or "
            "direction overrides",
        )
    if not title.strip():
        return Diagnostic(
            source_dir,
            0,
            "new-no-title",
            "the title is empty",
            'give the term a title: glossary-site new "Daily Scrum"',
        )
    if not has_visible_character(title):
        return Diagnostic(
            source_dir,
            0,
            "invisible-name",
            "the title has no visible character",
            "give the term a title in letters, digits or symbols; zero-width spaces, soft "
            "hyphens and direction marks do not count",
        )
    return None


def _values_problem(source_dir: Path, request: NewTerm) -> Diagnostic | None:
    """Why an alias, related term, tag or the category cannot be written, or None."""
    values = [("--alias", v) for v in request.aliases] + [("--related", v) for v in request.related]
    values += [("--tag", v) for v in request.tags]
    values += [("--category", request.category)] if request.category else []
    for option, value in values:
        control = _CONTROL_RE.search(value)
        if control is not None or "\n" in value or "\r" in value:
            return Diagnostic(
                source_dir,
                0,
                "new-bad-value",
                f"{option} '{value}' contains a control character or line break",
                "type the value on one line, without escape sequences or direction overrides",
            )
        if not has_visible_character(value):
            return Diagnostic(
                source_dir,
                0,
                "invisible-name",
                f"{option} '{value}' has no visible character",
                f"give {option} a value in letters, digits or symbols, or leave it out",
            )
    return None


def _known_names(source_dir: Path) -> dict[str, tuple[Term, str, int]]:
    """Every slug, title and alias of the existing terms: normalised name → (term, kind, line)."""
    try:
        files, _ = find_term_files(source_dir) if source_dir.is_dir() else ((), ())
        raws, _ = load_terms(files)
    except OSError:  # an unreadable folder: the write reports it
        return {}
    names: dict[str, tuple[Term, str, int]] = {}
    for raw in raws:
        term, _ = parse_term(raw)
        if term is None:
            continue
        found = [("title", term.title, term.title_line), ("slug", term.slug, term.slug_line)]
        found += [("alias", alias.text, alias.line) for alias in term.aliases]
        for kind, name, line in found:
            names.setdefault(normalize_name(name), (term, kind, line))
    return names


def _conflicts(source_dir: Path, request: NewTerm) -> Diagnostic | None:
    """A title or alias that already names a term, or a related term that does not exist."""
    names = _known_names(source_dir)
    for what, name in [("", request.title)] + [("alias ", a) for a in request.aliases]:
        taken = names.get(normalize_name(name))
        if taken is not None:
            term, kind, line = taken
            return Diagnostic(
                term.src_path,
                line,
                "new-name-taken",
                f"{what}'{name}' is already the {kind} of this term ('{term.title}')",
                "edit this term instead, or give the new term names of its own",
            )
    for name in request.related:
        if normalize_name(name) not in names:
            known = sorted({term.title for term, _, _ in names.values()})
            return Diagnostic(
                source_dir,
                0,
                "new-unknown-related",
                f"--related '{name}' is not a term of this glossary",
                did_you_mean(name, known) or "name an existing term by its slug, title or alias",
            )
    return None
