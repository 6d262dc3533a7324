"""What the exports show of each term, read from the graph once as plain data.

Every per-term part of every export (``parts.py``) is made from a term's ``TermFacts``
alone, with the config and the interface strings; so the facts, hashed, are the key of
those parts in the cache (``part_cache.py``): whatever changes a part changes its facts.
That includes what a term shows of other terms: the slugs its ``related`` names resolve
to, its backlinks, its replacement and that term's title, its links as resolved (the
auto-linked HTML, the references of the Markdown twin) and its redirect addresses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import NamedTuple

from ..graph import Node, TermGraph
from ..markup import TocEntry
from ..markup.links import Reference
from ..redirects import Redirect


class TermFacts(NamedTuple):
    """A tuple of plain values, so that ``repr`` (the cache key's text) is fast and exact."""

    slug: str
    title: str
    aliases: tuple[str, ...]  # as written, in order (duplicates kept: the JSON API lists them)
    summary: str  # the term's own summary, "" when it has none
    teaser: str  # the document's summary: the summary or the start of the definition
    sections: tuple[tuple[object, ...], ...]  # the table of contents: (id, title, children)
    references: tuple[tuple[str, str, str, str], ...]  # (url, kind, target, fragment)
    author: str
    tags: tuple[str, ...]
    category: str
    updated: dt.date | None
    status: str
    replaced_by: str  # slug, or ""
    replaced_by_title: str  # that term's title, or ""
    resolved: tuple[str | None, ...]  # what each name of ``related`` resolves to
    published_related: tuple[str, ...]  # those that are published terms, not itself
    referenced_by: tuple[str, ...]
    redirects: tuple[tuple[str, str, str], ...]  # (path, written, kind) leading here
    # The long texts last (``TEXTS`` of them): the key hashes them apart from the rest.
    definition: str  # the definition as written (Markdown)
    body: str  # the body as written
    definition_html: str
    body_html: str


# How many fields at the end of ``TermFacts`` are long texts.
TEXTS = 4


def term_facts(
    graph: TermGraph, redirects: Mapping[str, Redirect] | None = None
) -> dict[str, TermFacts]:
    """The facts of every published term, in slug order; ``redirects`` by path (as
    ``redirects.find_redirects`` gives them), none when that export is off."""
    leading: dict[str, list[tuple[str, str, str]]] = {}
    for path, redirect in (redirects or {}).items():
        leading.setdefault(redirect.target, []).append((path, redirect.written, redirect.kind))
    return {
        slug: _facts(slug, node, graph, tuple(leading.get(slug, ())))
        for slug, node in graph.nodes.items()
    }


def facts_of(
    graph: TermGraph, slug: str, redirects: tuple[tuple[str, str, str], ...] = ()
) -> TermFacts:
    """The facts of the published term ``slug`` alone, as ``term_facts`` gives them when
    ``redirects`` are those of its facts."""
    return _facts(slug, graph.nodes[slug], graph, redirects)


def _facts(
    slug: str, node: Node, graph: TermGraph, redirects: tuple[tuple[str, str, str], ...]
) -> TermFacts:
    term, document = node.term, node.document
    resolved = tuple(graph.resolve(ref.text) for ref in term.related)
    replaced_by = node.replaced_by or ""
    nodes = graph.nodes
    return TermFacts(
        slug=slug,
        title=term.title,
        aliases=tuple(alias.text for alias in term.aliases),
        summary=term.summary,
        teaser=document.summary,
        definition=term.definition,
        body=term.body,
        definition_html=document.definition_html,
        body_html=document.body_html,
        sections=_sections(document.toc),
        references=tuple(_reference(ref) for ref in document.references),
        author=term.author,
        tags=tuple(term.tags),
        category=term.category,
        updated=term.updated,
        status=term.status.value,
        replaced_by=replaced_by,
        replaced_by_title=nodes[replaced_by].term.title if replaced_by in nodes else "",
        resolved=resolved,
        published_related=tuple(
            dict.fromkeys(s for s in resolved if s and s in nodes and s != slug)
        ),
        referenced_by=tuple(node.referenced_by),
        redirects=redirects,
    )


def _sections(toc: tuple[TocEntry, ...]) -> tuple[tuple[object, ...], ...]:
    return tuple((entry.id, entry.title, _sections(entry.children)) for entry in toc)


def _reference(ref: Reference) -> tuple[str, str, str, str]:
    return (ref.url, ref.kind.value, ref.target, ref.fragment)
