"""What the SKOS, CSV and TBX exports say about each term, read once from the graph.

``definition`` is plain text (what other tools expect): the rendered definition without
tags and without footnote marks; ``markdown`` and ``body`` are the sources as written.
``related`` is the term's own ``related`` list, resolved to slugs; backlinks are not
repeated there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..config import SiteConfig
from ..graph import TermGraph
from ..markup.text import html_to_text
from ..markup.whole import without_footnote_refs
from ..schema import Status


@dataclass(frozen=True, slots=True)
class TermRecord:
    slug: str
    title: str
    aliases: tuple[str, ...]
    definition: str  # plain text
    teaser: str  # plain text: the summary, or the start of the definition
    summary: str  # the term's own summary, "" when it has none
    markdown: str  # the definition as written (inline Markdown)
    body: str  # the body as written, without the definition when it was taken from it
    author: str
    related: tuple[str, ...]  # slugs, as listed in the term's 'related'
    tags: tuple[str, ...]
    category: str
    updated: dt.date | None
    deprecated: bool
    replaced_by: str  # slug, or ""


# The records of the last graph asked for: three exporters read them in one build.
_last: list[tuple[TermGraph, tuple[TermRecord, ...]]] = []


def term_records(graph: TermGraph) -> tuple[TermRecord, ...]:
    """One record per published (or deprecated) term, in slug order."""
    if _last and _last[0][0] is graph:
        return _last[0][1]
    records = _records(graph)
    _last[:] = [(graph, records)]
    return records


def _records(graph: TermGraph) -> tuple[TermRecord, ...]:
    records = []
    for slug, node in graph.nodes.items():
        term = node.term
        related = (graph.resolve(ref.text) for ref in term.related)
        records.append(
            TermRecord(
                slug=slug,
                title=term.title,
                aliases=tuple(dict.fromkeys(alias.text for alias in term.aliases)),
                definition=html_to_text(without_footnote_refs(node.document.definition_html)),
                teaser=node.document.summary,
                summary=term.summary,
                markdown=term.definition,
                body=term.body.strip("\n"),
                author=term.author,
                related=tuple(
                    dict.fromkeys(s for s in related if s and s in graph.nodes and s != slug)
                ),
                tags=term.tags,
                category=term.category,
                updated=term.updated,
                deprecated=term.status is Status.DEPRECATED,
                replaced_by=node.replaced_by or "",
            )
        )
    return tuple(records)


def concept_iri(config: SiteConfig, slug: str) -> str:
    """The IRI of a term: its page's URL, relative to the site root without base_url."""
    return f"{config.base_url}{slug}/"


def scheme_iri(config: SiteConfig) -> str:
    """The IRI of the glossary as a whole: the site's root."""
    return config.base_url or "./"
