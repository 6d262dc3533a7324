"""``new``: a valid term file to start from; never overwrites anything."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .diagnostics import Diagnostic
from .schema import SLUG_RE, slug_from_title

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
    title = " ".join(title.split())
    slug = slug or slug_from_title(title)
    if not title:
        return None, Diagnostic(
            source_dir,
            0,
            "new-no-title",
            "the title is empty",
            'give the term a title: glossary-site new "Daily Scrum"',
        )
    if not SLUG_RE.match(slug):
        return None, Diagnostic(
            source_dir,
            0,
            "bad-slug",
            f"cannot make a slug (a-z, 0-9, hyphens) from '{slug or title}'",
            "choose one with --slug, e.g. --slug my-term",
        )
    path = source_dir / f"{slug}.md"
    if path.exists():
        return None, Diagnostic(
            path,
            0,
            "new-exists",
            "a term file with this name already exists",
            "edit it, or choose another slug with --slug",
        )
    text = _TEMPLATE.format(
        title=title, title_yaml=_yaml_text(title), today=(today or dt.date.today()).isoformat()
    )
    source_dir.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        return None, Diagnostic(
            path,
            0,
            "new-exists",
            "a term file with this name already exists",
            "edit it, or choose another slug with --slug",
        )
    return path, None
