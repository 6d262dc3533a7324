"""Footnotes that nothing refers to: shown without a back link, and reported.

Python-Markdown lists every footnote defined (``[^x]: …``) and gives each a back link
to ``#fnref:x``, even when the text never refers to it: a link to an id that is not
on the page, which the link check would report against a line the editor never wrote.
This extension removes such back links and records the footnote, so that the renderer
can warn at the footnote's own line.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
from markdown.extensions import Extension
from markdown.extensions.footnotes import NBSP_PLACEHOLDER
from markdown.treeprocessors import Treeprocessor

from ..diagnostics import Diagnostic, Severity


class _UnreferencedFootnotes(Treeprocessor):
    def __init__(self, md: markdown.Markdown, extension: FootnoteCheckExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        ids = {element.get("id") for element in root.iter() if element.get("id")}
        parents = {child: parent for parent in root.iter() for child in parent}
        for link in list(root.iter("a")):
            href = link.get("href", "")
            if link.get("class") != "footnote-backref" or href[1:] in ids:
                continue
            self.extension.unreferenced.append(href.split(":", 1)[-1])
            parent = parents[link]
            previous = _previous(parent, link)
            if previous is None:
                parent.text = (parent.text or "").removesuffix(NBSP_PLACEHOLDER)
            else:
                previous.tail = (previous.tail or "").removesuffix(NBSP_PLACEHOLDER)
            parent.remove(link)


def _previous(parent: etree.Element, child: etree.Element) -> etree.Element | None:
    children = list(parent)
    at = children.index(child)
    return children[at - 1] if at else None


class FootnoteCheckExtension(Extension):
    """Removes back links of footnotes never referred to; ``unreferenced`` names them."""

    def __init__(self) -> None:
        super().__init__()
        self.unreferenced: list[str] = []

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.registerExtension(self)  # so that Markdown.reset() calls our reset()
        # After the footnotes' duplicates (15), before links are resolved (8).
        md.treeprocessors.register(_UnreferencedFootnotes(md, self), "unreferenced_footnotes", 12)

    def reset(self) -> None:
        self.unreferenced = []


def unreferenced_footnote_warnings(
    path: Path, text: str, first_line: int, names: list[str]
) -> list[Diagnostic]:
    """An ``unreferenced-footnote`` warning per name, at the line of its ``[^name]:``."""
    warnings = []
    for name in names:
        found = re.search(r"^[ ]{0,3}\[\^" + re.escape(name) + r"\]:", text, re.MULTILINE)
        line = first_line + (text.count("\n", 0, found.start()) if found else 0)
        warnings.append(
            Diagnostic(
                path,
                line,
                "unreferenced-footnote",
                f"the footnote [^{name}] is never referred to",
                f"refer to it where it belongs with [^{name}], or remove it; it is shown "
                "at the end of the page without a link back",
                Severity.WARNING,
            )
        )
    return warnings
