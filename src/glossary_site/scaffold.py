"""``new``: a valid term file to start from; never overwrites anything.

The title may not hold control characters or consist of invisible ones only; a long
title gets a slug of at most ``MAX_SLUG_LENGTH`` characters, cut at a hyphen.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .diagnostics import Diagnostic
from .load import find_term_files, load_terms
from .names import MAX_SLUG_LENGTH, has_visible_character, normalize_name
from .schema import SLUG_RE, parse_term, slug_from_title

# Control characters other than the white space a paste may bring (tab, line breaks),
# and the bidi controls that make text read differently from what it is.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_TEMPLATE = """\
---
title: {title_yaml}
definition: >-
  One or two sentences that say what {title} is. Replace this text.
summary: A plain-text teaser of at most 160 characters, shown on cards and in search results.
aliases: []
related: []
tags: []
updated: {today}
status: draft  # remove this line to publish the term
---

## What is {title}?

Explain the term for someone who meets it for the first time.

## Example

Show the term in use.
"""


def _yaml_text(text: str) -> str:
    """``text`` as a YAML scalar, quoted when plain YAML would misread it."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def new_term(
    source_dir: Path, title: str, slug: str | None = None, today: dt.date | None = None
) -> tuple[Path | None, Diagnostic | None]:
    """Write ``<source_dir>/<slug>.md`` for ``title``; refuses to overwrite."""
    problem = _title_problem(source_dir, title)
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
    problem = _exists(path) if path.exists() else _name_taken(source_dir, title)
    if problem is not None:
        return None, problem
    text = _TEMPLATE.format(
        title=title, title_yaml=_yaml_text(title), today=(today or dt.date.today()).isoformat()
    )
    try:
        source_dir.mkdir(parents=True, exist_ok=True)
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


def _name_taken(source_dir: Path, title: str) -> Diagnostic | None:
    """The existing term whose title, alias or slug ``title`` already is, as a problem."""
    key = normalize_name(title)
    try:
        files, _ = find_term_files(source_dir) if source_dir.is_dir() else ((), ())
        raws, _ = load_terms(files)
    except OSError:  # an unreadable folder: the write below reports it
        return None
    for raw in raws:
        term, _ = parse_term(raw)
        if term is None:
            continue
        names = [("title", term.title, term.title_line), ("slug", term.slug, term.slug_line)]
        names += [("alias", alias.text, alias.line) for alias in term.aliases]
        for kind, name, line in names:
            if normalize_name(name) == key:
                return Diagnostic(
                    term.src_path,
                    line,
                    "new-name-taken",
                    f"'{title}' is already the {kind} of this term ('{term.title}')",
                    "edit this term instead, or give the new term a title of its own",
                )
    return None
