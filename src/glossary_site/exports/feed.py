"""``/feed.xml``: an Atom feed (RFC 4287) of the newest terms by their ``updated`` date.

Only with base_url (Atom ids and links are absolute). Terms without a date are not in it;
the feed's own ``<updated>`` is the newest term's date, never the clock, so two builds of
the same sources give the same bytes. Its size is ``feed_entries`` in glossary.toml.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath
from typing import Protocol, TypeVar
from xml.sax.saxutils import escape, quoteattr

from ..config import SiteConfig
from ..graph import TermGraph
from ..site_urls import FEED_FILE, feed_url, term_url
from .facts import TermFacts, term_facts

# Before any term has a date, the feed says it was last updated at the epoch.
_NO_DATE = dt.date(1970, 1, 1)


def atom_feed(graph: TermGraph, config: SiteConfig) -> dict[PurePosixPath, bytes]:
    """The feed file, or nothing without base_url."""
    return feed_file(term_facts(graph), config)


def feed_file(facts: Mapping[str, TermFacts], config: SiteConfig) -> dict[PurePosixPath, bytes]:
    """The feed of the newest of the terms of ``facts``, or nothing without base_url."""
    if not feed_url(config):
        return {}
    newest = newest_terms(facts.values(), config)
    updated = (newest[0].updated if newest else None) or _NO_DATE
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(config.language)}>',
        f"<id>{escape(config.base_url)}</id>",
        f"<title>{escape(config.title)}</title>",
        f"<subtitle>{escape(config.description)}</subtitle>",
        f"<updated>{_timestamp(updated)}</updated>",
        f"<author><name>{escape(config.author or config.title)}</name></author>",
        f'<link rel="self" type="application/atom+xml" href={quoteattr(feed_url(config))}/>',
        f'<link rel="alternate" type="text/html" href={quoteattr(config.base_url)}/>',
        "<generator>glossary-site</generator>",
        *(_entry(each, config) for each in newest),
        "</feed>",
        "",
    ]
    return {PurePosixPath(FEED_FILE): "\n".join(lines).encode("utf-8")}


class _Dated(Protocol):
    @property
    def slug(self) -> str: ...

    @property
    def updated(self) -> dt.date | None: ...


Dated = TypeVar("Dated", bound=_Dated)


def newest_terms(terms: Iterable[Dated], config: SiteConfig) -> list[Dated]:
    """The terms the feed shows, newest first (``terms``: their facts, or the terms)."""
    dated = [each for each in terms if each.updated]
    dated.sort(key=lambda each: (each.updated or _NO_DATE, each.slug), reverse=True)
    return dated[: config.feed_entries]


def _entry(facts: TermFacts, config: SiteConfig) -> str:
    url = term_url(config, facts.slug)
    content = f"<p>{facts.definition_html}</p>\n{facts.body_html}"
    parts = [
        "<entry>",
        f"<id>{escape(url)}</id>",
        f"<title>{escape(facts.title)}</title>",
        f'<link rel="alternate" type="text/html" href={quoteattr(url)}/>',
        f"<updated>{_timestamp(facts.updated or _NO_DATE)}</updated>",
    ]
    if facts.author:
        parts.append(f"<author><name>{escape(facts.author)}</name></author>")
    parts += [f"<category term={quoteattr(tag)}/>" for tag in facts.tags]
    parts += [
        f"<summary>{escape(facts.teaser)}</summary>",
        f'<content type="html" xml:base={quoteattr(url)}>{escape(content)}</content>',
        "</entry>",
    ]
    return "\n".join(parts)


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
