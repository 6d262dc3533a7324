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
from .facts import TermFacts, term_facts


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


def term_records(graph: TermGraph) -> tuple[TermRecord, ...]:
    """One record per published (or deprecated) term, in slug order."""
    return tuple(term_record(facts) for facts in term_facts(graph).values())


def term_record(facts: TermFacts) -> TermRecord:
    """The record of the term of ``facts``."""
    return TermRecord(
        slug=facts.slug,
        title=facts.title,
        aliases=tuple(dict.fromkeys(facts.aliases)),
        definition=html_to_text(without_footnote_refs(facts.definition_html)),
        teaser=facts.teaser,
        summary=facts.summary,
        markdown=facts.definition,
        body=facts.body.strip("\n"),
        author=facts.author,
        related=facts.published_related,
        tags=facts.tags,
        category=facts.category,
        updated=facts.updated,
        deprecated=facts.status == Status.DEPRECATED.value,
        replaced_by=facts.replaced_by,
    )


def concept_iri(config: SiteConfig, slug: str) -> str:
    """The IRI of a term: its page's URL, relative to the site root without base_url."""
    return f"{config.base_url}{slug}/"


def scheme_iri(config: SiteConfig) -> str:
    """The IRI of the glossary as a whole: the site's root."""
    return config.base_url or "./"
