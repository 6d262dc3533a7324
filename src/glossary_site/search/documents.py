"""What search reads: one small HTML document per published term, and the names index.

Pagefind indexes these documents rather than the site's term pages, so the index holds
the term's words and nothing of the page around them (header, contents, cards of other
terms, footer), whatever the project's templates do. Each document has the title
(the heaviest weight), the aliases (almost as heavy), the definition and the body with
the section ids of the real page, so a hit in a section leads to ``slug/#section``. The
reader's page is found through the ``slug`` metadata, not the document's path.

The names index (``names.json``) is what the search box matches names against before
asking Pagefind: for every term its slug, title, aliases and whether it is deprecated,
with the folders of the full-text shards to merge and the number of teaser files. The teasers are in
``teasers/<n>.json`` files of at most ``TEASER_TERMS`` terms each (by a hash of the slug,
``shards.bucket``), fetched only for the names a search shows, so the names index stays
small: a term's teaser is most of its bytes.
"""

from __future__ import annotations

import json
import re
from html import escape

from ..graph import Node, TermGraph
from ..markup import Document
from ..schema import Status, Term
from .shards import bucket, power_of_two_count

# Pagefind's weights (1 is ordinary text, 10 the most): a title outranks an alias,
# which outranks the definition, which outranks the body.
TITLE_WEIGHT = 10
ALIAS_WEIGHT = 8
DEFINITION_WEIGHT = 5
# Characters of the summary carried in the names index (the teaser of a result).
TEASER_CHARACTERS = 160
_NOT_ALPHANUMERIC_RE = re.compile(r"[^a-z0-9]+")
# A link's tags (its text stays): where a term's links lead is no part of its words, and
# Pagefind indexes the same without them. The build's HTML quotes every attribute value.
_LINK_TAG_RE = re.compile(r"""</?a(?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?>""", re.IGNORECASE)
# Most terms in one teaser file.
TEASER_TERMS = 64


def search_document(node: Node, language: str) -> str:
    """The HTML Pagefind indexes for ``node``'s term (see the module docstring)."""
    return document_html(node.term, node.document, language)


def document_html(term: Term, document: Document, language: str) -> str:
    """``search_document`` of a term and its converted ``document``, linked or not: the
    links' tags are left out (a patch build indexes an edited term before linking it)."""
    aliases = "".join(
        f'<p data-pagefind-weight="{ALIAS_WEIGHT}">{escape(alias.text)}</p>'
        for alias in term.aliases
    )
    return (
        f'<!doctype html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        f"<title>{escape(term.title)}</title></head><body>"
        f'<main data-pagefind-body data-pagefind-meta="slug:{escape(term.slug)}">'
        f'<h1 data-pagefind-weight="{TITLE_WEIGHT}" data-pagefind-meta="title">'
        f"{escape(term.title)}</h1>{aliases}"
        f'<p data-pagefind-weight="{DEFINITION_WEIGHT}">'
        f"{_LINK_TAG_RE.sub('', document.definition_html)}</p>"
        f"{_LINK_TAG_RE.sub('', document.body_html)}"
        f'<p data-pagefind-meta="teaser" data-pagefind-ignore>'
        f"{escape(_teaser(document.summary))}</p></main></body></html>\n"
    )


def names_index(graph: TermGraph, shards: list[str]) -> bytes:
    """``names.json``: ``{"shards": [folder, …], "teasers": n, "terms": [[title, [aliases],
    deprecated, slug], …]}``: the folders of the shards merged into the first, the number
    of teaser files, and the terms by slug. The slug is left out when ``simple_slug`` of
    the title gives it (``static/search.js`` computes it the same way).

    Compact JSON (no spaces, non-ASCII as is): the search box downloads it when the
    reader first uses search.
    """
    rows = []
    for slug, node in sorted(graph.nodes.items()):
        title = node.term.title
        row: list[object] = [
            title,
            [alias.text for alias in node.term.aliases],
            1 if node.term.status is Status.DEPRECATED else 0,
        ]
        rows.append(row if simple_slug(title) == slug else [*row, slug])
    index = {"shards": shards, "teasers": teaser_count(graph), "terms": rows}
    return _json(index)


def simple_slug(title: str) -> str | None:
    """An ASCII title in lower case, each run of other characters a "-"; None when the
    title is not ASCII."""
    if not title.isascii():
        return None
    return _NOT_ALPHANUMERIC_RE.sub("-", title.lower()).strip("-")


def teaser_count(graph: TermGraph) -> int:
    """How many teaser files the terms of ``graph`` fill."""
    return power_of_two_count(len(graph.nodes), TEASER_TERMS)


def teaser_files(graph: TermGraph) -> dict[str, bytes]:
    """``{"<n>.json": {slug: teaser, …}}`` for every teaser file, the slugs sorted."""
    count = teaser_count(graph)
    files: list[dict[str, str]] = [{} for _ in range(count)]
    for slug, node in sorted(graph.nodes.items()):
        files[bucket(slug, count)][slug] = _teaser(node.document.summary)
    return {f"{number}.json": _json(teasers) for number, teasers in enumerate(files)}


def _json(value: object) -> bytes:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def _teaser(summary: str) -> str:
    summary = " ".join(summary.split())
    if len(summary) <= TEASER_CHARACTERS:
        return summary
    cut = summary[: TEASER_CHARACTERS - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"
