"""Addresses of a term's other forms (Markdown twin, feed) and the page's breadcrumb data.

Shared by the page renderer (links in <head>, JSON-LD) and the exporters that write
those files, so that a link and the file it leads to are made by the same rule.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin

from .config import SiteConfig

FEED_FILE = "feed.xml"
LLMS_FILE = "llms.txt"
MARKDOWN_TWIN = "index.md"  # beside each term's index.html


def term_url(config: SiteConfig, slug: str) -> str:
    """A term page's address for other tools: absolute with base_url, else root-relative."""
    suffix = "" if config.directory_urls else "index.html"
    return f"{config.base_url or config.base_path}{slug}/{suffix}"


def site_url(config: SiteConfig, path: str) -> str:
    """The address of a file of the site (``path`` below the root), as ``term_url``."""
    return f"{config.base_url or config.base_path}{path}"


def feed_url(config: SiteConfig) -> str:
    """The feed's absolute URL, or "" when there is none (it needs base_url)."""
    return f"{config.base_url}{FEED_FILE}" if config.base_url and config.exports_on("feed") else ""


def markdown_twin_href(config: SiteConfig) -> str:
    """The link from a term page to its Markdown twin (in the same folder), or ""."""
    return MARKDOWN_TWIN if config.exports_on("markdown") else ""


def term_breadcrumbs(config: SiteConfig, slug: str, title: str, letter: tuple[str, str]) -> str:
    """A schema.org ``BreadcrumbList`` for a term page (site, letter of the index, term) as
    JSON for a <script> element; ``letter`` is (label, link from the term page to its
    letter: the index's anchor or, when the index is split, the letter's page), the trail
    the page shows.

    URLs are absolute with base_url; without one, relative to the term page (JSON-LD
    reads them against the page's address), and the term itself has none.
    """
    home = config.base_url or ("../" if config.directory_urls else "../index.html")
    label, letter_href = letter
    if config.base_url:
        letter_href = urljoin(term_url(config, slug), letter_href)
    crumbs = [
        (config.title, home),
        (label, letter_href),
        (title, term_url(config, slug) if config.base_url else ""),
    ]
    items: list[dict[str, Any]] = []
    for position, (name, url) in enumerate(crumbs, 1):
        item: dict[str, Any] = {"@type": "ListItem", "position": position, "name": name}
        if url:
            item["item"] = url
        items.append(item)
    data = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
