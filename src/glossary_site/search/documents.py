"""What search reads: one small HTML document per published term, and the names index.

Pagefind indexes these documents rather than the site's term pages, so the index holds
the term's words and nothing of the page around them (header, contents, cards of other
terms, footer), whatever the project's templates do. Each document has the title
(the heaviest weight), the aliases (almost as heavy), the definition and the body with
the section ids of the real page, so a hit in a section leads to ``slug/#section``. The
reader's page is found through the ``slug`` metadata, not the document's path.

The names index (``names.json``) is what the search box matches names against before
asking Pagefind: for every term its slug, title, aliases, teaser and whether it is
deprecated.
"""

from __future__ import annotations

import json
from html import escape

from ..graph import Node, TermGraph
from ..schema import Status

# Pagefind's weights (1 is ordinary text, 10 the most): a title outranks an alias,
# which outranks the definition, which outranks the body.
TITLE_WEIGHT = 10
ALIAS_WEIGHT = 8
DEFINITION_WEIGHT = 5
# Characters of the summary carried in the names index (the teaser of a result).
TEASER_CHARACTERS = 160


def search_document(node: Node, language: str) -> str:
    """The HTML Pagefind indexes for ``node``'s term (see the module docstring)."""
    term, document = node.term, node.document
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
        f'<p data-pagefind-weight="{DEFINITION_WEIGHT}">{document.definition_html}</p>'
        f"{document.body_html}"
        f'<p data-pagefind-meta="teaser" data-pagefind-ignore>{escape(_teaser(node))}</p>'
        "</main></body></html>\n"
    )


def names_index(graph: TermGraph) -> bytes:
    """``names.json``: ``[[slug, title, [aliases], teaser, deprecated], …]`` by slug.

    Compact JSON (no spaces, non-ASCII as is): the search box downloads it when the
    reader first uses search.
    """
    rows = [
        [
            slug,
            node.term.title,
            [alias.text for alias in node.term.aliases],
            _teaser(node),
            1 if node.term.status is Status.DEPRECATED else 0,
        ]
        for slug, node in sorted(graph.nodes.items())
    ]
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def _teaser(node: Node) -> str:
    summary = " ".join(node.document.summary.split())
    if len(summary) <= TEASER_CHARACTERS:
        return summary
    cut = summary[: TEASER_CHARACTERS - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"
