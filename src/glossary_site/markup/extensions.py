"""Our own Python-Markdown extensions: links and images, and table row headers."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .images import register_images
from .links import SiteIndex
from .rewrite import RawHtmlReferences, ReferenceProcessor


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
    """Link and image resolution, figures, and table row headers for Python-Markdown."""

    def __init__(self, index: SiteIndex) -> None:
        super().__init__()
        self.index = index
        self.processor: ReferenceProcessor | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        register_images(md)
        self.processor = ReferenceProcessor(md, self.index)
        # After inline parsing (20) and footnotes (50), so every link and image is there.
        md.treeprocessors.register(self.processor, "references", 8)
        md.treeprocessors.register(_RowHeaderProcessor(md), "row_headers", 4)
        # Before the raw HTML is put back (30), so links written in HTML are checked too.
        md.postprocessors.register(RawHtmlReferences(md, self.processor), "raw_references", 35)
