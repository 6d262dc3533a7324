"""Our own Python-Markdown extensions: term links and table row headers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

TERM_LINK_RE = re.compile(r"^(?:\.\./|\./)?([a-z0-9]+(?:-[a-z0-9]+)*)(?:/(?:index\.html)?|\.md)?$")


class _TermLinkProcessor(Treeprocessor):
    """Rewrites links to other terms to their page URL and records the targets."""

    def __init__(self, md: markdown.Markdown, page_suffix: str) -> None:
        super().__init__(md)
        self.page_suffix = page_suffix
        self.targets: list[str] = []

    def run(self, root: etree.Element) -> None:
        for anchor in root.iter("a"):
            href = anchor.get("href", "")
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            match = TERM_LINK_RE.match(parts.path)
            if match:
                slug = match.group(1)
                self.targets.append(slug)
                fragment = f"#{parts.fragment}" if parts.fragment else ""
                anchor.set("href", f"../{slug}/{self.page_suffix}{fragment}")


class _RowHeaderProcessor(Treeprocessor):
    """A table whose top-left header cell is empty has row headers in its first column.

    The empty corner becomes a ``<td>`` (an empty ``<th>`` names nothing) and the
    first cell of each body row a ``<th scope="row">``, so every cell has headers.
    """

    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            corner = table.find("thead/tr/th")
            if corner is None or (corner.text or "").strip() or len(corner):
                continue
            corner.tag = "td"
            for row in table.iterfind("tbody/tr"):
                first = row.find("td")
                if first is not None and row[0] is first:
                    first.tag = "th"
                    first.set("scope", "row")


class GlossaryExtension(Extension):
    """Term-link rewriting and table row headers, added to Python-Markdown's pipeline."""

    def __init__(self, page_suffix: str) -> None:
        super().__init__()
        self.page_suffix = page_suffix
        self.processor: _TermLinkProcessor | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        self.processor = _TermLinkProcessor(md, self.page_suffix)
        md.treeprocessors.register(self.processor, "term_links", 5)
        md.treeprocessors.register(_RowHeaderProcessor(md), "row_headers", 4)
