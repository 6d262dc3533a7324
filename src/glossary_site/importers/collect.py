"""Checks across all imported terms before anything is written.

Each importer converts one file at a time; what only shows across files is settled here:
two files giving the same slug, an alias that is another term's name, text with control
characters our ``check`` refuses, a term left without any definition.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path

from ..load import find_term_files, load_terms
from ..names import MAX_SLUG_LENGTH, normalize_name
from ..schema import SLUG_RE, parse_term, slug_from_title
from .model import ImportedTerm, ImportResult
from .sources import split_definition

# The characters ``check`` refuses in any text (see ``inputs.find_forbidden_character``).
_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# A line that starts a block other than a paragraph: heading, quote, table, HTML, list
# item, fence, indented code.
_BLOCK_START_RE = re.compile(r"^\s{0,3}([#>|<]|[*+-](\s|$)|\d+[.)]\s|```|~~~|\s{4})")
_TEXT_FIELDS = ("title", "definition", "summary", "category", "author", "replaced_by", "body")
_LIST_FIELDS = ("aliases", "related", "tags")


def make_slug(text: str) -> str:
    """Our slug for a name or a foreign slug: ASCII, lower case, hyphens, at most 100 long."""
    slug = slug_from_title(text.replace("_", "-"))
    if len(slug) <= MAX_SLUG_LENGTH:
        return slug
    cut = slug[: MAX_SLUG_LENGTH + 1].rfind("-")
    return (slug[:cut] if cut > 0 else slug[:MAX_SLUG_LENGTH]).strip("-")


def finish(
    result: ImportResult, existing: Mapping[str, tuple[str, str]] | None = None
) -> list[ImportedTerm]:
    """The terms of ``result`` that can be written; problems are added to ``result``.

    ``existing``: names of the terms already in the output folder (see ``existing_names``).
    """
    kept: list[ImportedTerm] = []
    owners: dict[str, ImportedTerm] = {}
    for term in result.terms:
        term = _clean(term, result)
        if not SLUG_RE.match(term.slug):
            result.fail(
                term.source,
                term.line,
                "bad-slug",
                f"cannot make a slug from '{term.title}'",
                "give the term a title with letters or digits in the source",
            )
            continue
        if term.slug in owners:
            first = owners[term.slug]
            result.fail(
                term.source,
                term.line,
                "duplicate-slug",
                f"'{term.title}' would be {term.slug}.md, like '{first.title}' "
                f"({first.source}:{first.line}); it was not imported",
                "rename one of the two terms in the source, or import them into separate folders",
            )
            continue
        defined = _with_definition(term, result)
        if defined is not None:
            owners[term.slug] = defined
            kept.append(defined)
    return _free_aliases(kept, existing or {}, result)


def _clean(term: ImportedTerm, result: ImportResult) -> ImportedTerm:
    """``term`` without the control characters that ``check`` would refuse."""
    changes: dict[str, str | tuple[str, ...]] = {}
    for name in _TEXT_FIELDS:
        value = getattr(term, name)
        if _FORBIDDEN_RE.search(value):
            changes[name] = _FORBIDDEN_RE.sub("", value)
    for name in _LIST_FIELDS:
        values = getattr(term, name)
        if any(_FORBIDDEN_RE.search(value) for value in values):
            cleaned = (" ".join(_FORBIDDEN_RE.sub("", value).split()) for value in values)
            changes[name] = tuple(dict.fromkeys(value for value in cleaned if value))
    if not changes:
        return term
    result.warn(
        term.source,
        term.line,
        "control-character",
        f"'{term.title}' contained invisible control characters in "
        f"{', '.join(changes)}; they were removed",
        "check that the imported text reads as intended",
    )
    return dataclasses.replace(term, **changes)  # type: ignore[arg-type]


def _with_definition(term: ImportedTerm, result: ImportResult) -> ImportedTerm | None:
    """``term`` with a definition: its own, the body's first paragraph, or its summary.

    The body's paragraph is moved into ``definition``, so that a paragraph starting with
    emphasis (``**Base64** is …``) is taken too.
    """
    if term.definition.strip():
        return term
    first = next((line for line in term.body.split("\n") if line.strip()), None)
    if first is not None and not _BLOCK_START_RE.match(first):
        paragraph, rest = split_definition(term.body)
        return dataclasses.replace(term, definition=paragraph, body=rest)
    if term.summary.strip():
        return dataclasses.replace(term, definition=term.summary)
    result.fail(
        term.source,
        term.line,
        "no-definition",
        f"'{term.title}' has no definition: no text before its first heading, list or block",
        "write a sentence that defines the term at the top of the source, then import again",
    )
    return None


def _free_aliases(
    terms: list[ImportedTerm], existing: Mapping[str, tuple[str, str]], result: ImportResult
) -> list[ImportedTerm]:
    """``terms`` without aliases that repeat their own names or are another term's name.

    ``existing`` maps the names of the terms already in the output folder to their
    (slug, title). An alias two imported terms share stays with the first.
    """
    imported = {term.slug for term in terms}
    owners = {key: owner for key, owner in existing.items() if owner[0] not in imported}
    for term in terms:
        for name in (term.title, term.slug):
            owners.setdefault(normalize_name(name), (term.slug, term.title))
    freed = []
    for term in terms:
        aliases: list[str] = []
        seen = {normalize_name(term.title), term.slug}
        for alias in term.aliases:
            key = normalize_name(alias)
            owner = owners.setdefault(key, (term.slug, term.title))
            if owner[0] == term.slug:
                if key not in seen:
                    seen.add(key)
                    aliases.append(alias)
                continue
            result.warn(
                term.source,
                term.line,
                "alias-taken",
                f"alias '{alias}' of '{term.title}' is already a name of '{owner[1]}'; "
                "it was left out",
                "a name may belong to one term only; mention the other meaning in the text",
            )
        freed.append(dataclasses.replace(term, aliases=tuple(aliases)))
    return freed


def existing_names(out_dir: Path) -> dict[str, tuple[str, str]]:
    """Names (titles, slugs, aliases) of the terms already in ``out_dir`` → (slug, title)."""
    if not out_dir.is_dir():
        return {}
    files, _ = find_term_files(out_dir)
    raws, _ = load_terms(files)
    names: dict[str, tuple[str, str]] = {}
    for raw in raws:
        term, _ = parse_term(raw)
        if term is not None:
            for name in (term.title, term.slug, *(alias.text for alias in term.aliases)):
                names.setdefault(normalize_name(name), (term.slug, term.title))
    return names
