"""``sitemap.xml``: every page worth indexing, as one file or, past the protocol's limits,
as a sitemap index of numbered files.

The protocol allows 50,000 URLs and 50 MB (uncompressed) per file. Below both limits
the site has one ``sitemap.xml``, as robots.txt announces; past either it becomes a
``<sitemapindex>`` of ``sitemap-1.xml``, ``sitemap-2.xml``…, each within both limits
(the home page is the first URL of the first file).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from .graph import Node, TermGraph

# The sitemap protocol's limits per file; past them sitemap.xml becomes a sitemap index.
SITEMAP_MAX_URLS = 50_000
SITEMAP_MAX_BYTES = 50 * 1024 * 1024


class PageRenderer(Protocol):
    """What the sitemaps need of the site's page renderer (render.py)."""

    graph: TermGraph

    def render_page(self, name: str, listed: int = 0, **context: Any) -> bytes: ...


@dataclass(frozen=True, slots=True)
class SitemapUrl:
    """One page of the sitemap: its path under the base URL and when it last changed."""

    path: str
    lastmod: date | None


class Sitemaps:
    """``sitemap.xml``, split into ``sitemap-1.xml``… under an index when it is too big
    (``max_urls`` URLs or ``max_bytes`` bytes in one file); ``listed``: the paths of the
    listing pages (tags/x/…), after the terms."""

    def __init__(
        self, pages: PageRenderer, max_urls: int, max_bytes: int, listed: tuple[str, ...] = ()
    ) -> None:
        self.pages = pages
        self.nodes: Mapping[str, Node] = pages.graph.nodes
        self.per_file = max(max_urls, 2) - 1  # the first file also lists the home page
        self.max_bytes = max_bytes
        self.listed = listed

    def files(self) -> dict[str, bytes]:
        """The sitemap files by name: ``sitemap.xml`` alone, or the index and its parts."""
        terms = (SitemapUrl(f"{n.term.slug}/", n.term.updated) for n in self.nodes.values())
        urls = (*terms, *(SitemapUrl(path, None) for path in self.listed))
        chunks = [urls[i : i + self.per_file] for i in range(0, len(urls), self.per_file)]
        parts: list[tuple[tuple[SitemapUrl, ...], bytes]] = []
        for chunk in chunks or [()]:
            parts += self._fitted(chunk, home=not parts)
        if len(parts) == 1:
            return {"sitemap.xml": parts[0][1]}
        files = {f"sitemap-{n}.xml": data for n, (_, data) in enumerate(parts, 1)}
        home = newest(self.nodes.values())  # the home page is in the first file
        listed = [
            (name, home if n == 0 else newest_url(chunk))
            for n, (name, (chunk, _)) in enumerate(zip(files, parts, strict=True))
        ]
        return {"sitemap.xml": self._index(listed), **files}

    def _fitted(
        self, chunk: tuple[SitemapUrl, ...], home: bool
    ) -> list[tuple[tuple[SitemapUrl, ...], bytes]]:
        """``chunk`` as one file, or halved until each half is within the byte limit."""
        data = self._urlset(chunk, home)
        if len(data) <= self.max_bytes or len(chunk) <= 1:
            return [(chunk, data)]
        half = len(chunk) // 2
        return self._fitted(chunk[:half], home) + self._fitted(chunk[half:], home=False)

    def _urlset(self, urls: tuple[SitemapUrl, ...], home: bool) -> bytes:
        """A ``<urlset>`` of ``urls`` (and the home page first when ``home``)."""
        lastmod = newest(self.nodes.values()) if home else None
        return self.pages.render_page(
            "sitemap.xml", len(urls), urls=urls, home=home, lastmod=lastmod
        )

    def _index(self, parts: list[tuple[str, date | None]]) -> bytes:
        """A ``<sitemapindex>`` of the sitemap files ``parts`` (name, newest lastmod)."""
        entries = [{"name": name, "lastmod": lastmod} for name, lastmod in parts]
        return self.pages.render_page("sitemap-index.xml", len(entries), sitemaps=entries)


def newest_url(urls: tuple[SitemapUrl, ...]) -> date | None:
    dates = [u.lastmod for u in urls if u.lastmod]
    return max(dates) if dates else None


def newest(nodes: Any) -> date | None:
    """The latest ``updated`` date of ``nodes`` (an iterable of ``Node``), if any."""
    dates = [n.term.updated for n in nodes if n.term.updated]
    return max(dates) if dates else None
