"""The tree processor that resolves, rewrites and records every link and image of a term.

Each ``<a href>`` and ``<img src>`` is resolved against the ``SiteIndex`` and rewritten to
its URL on the term's page (``<slug>/index.html``): ``../sprint/``, ``../img/a.svg``.
Every reference is recorded with the line it is written on, so the ``references`` pass
can report the broken ones and check their ``#fragments``.
"""

from __future__ import annotations

import bisect
import html
import re
import xml.etree.ElementTree as etree
from collections import deque
from pathlib import Path
from urllib.parse import quote

import markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from .images import finish_image, set_size
from .links import Kind, Reference, Resolver, SiteIndex, Target, safe_file

# Where a URL is written in Markdown or HTML: ``](url``, ``[id]: url`` (at a line's start,
# after up to three spaces), ``href="url"``, ``src="url"``, ``<scheme:url>``. Every
# alternative starts with a literal character and checks what comes before it with a
# look-behind (``^``, ``\b``), so the regex engine jumps from candidate to candidate
# character: a dozen times faster than ``^[ ]{0,3}\[…|\b(?:href|src)…``, which it
# had to try at every position, with the same matches.
_URL_RE = re.compile(
    r"\]\(\s*<?((?:[^\s()<>]|\([^\s()]*\))*)"
    r"|\[(?<=^\[)[^\]\n]+\]:[ \t]*<?([^\s>]+)"
    r"| (?<=^ )[ ]{0,2}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)"
    r"|href(?<=\bhref)\s*=\s*[\"']([^\"']*)"
    r"|src(?<=\bsrc)\s*=\s*[\"']([^\"']*)"
    r"|<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s>]*)>",
    re.MULTILINE,
)


class LineLocator:
    """The file line of each URL of a text, in linear time.

    The text is scanned once; the n-th reference to a URL gets the line of the n-th
    place that URL is written (the last one again when it is written fewer times).
    """

    # URLs found by a plain search when the scan missed them (bounded: each costs a pass).
    MAX_SEARCHES = 50

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.searches = 0
        self.first_line = first_line
        # Made on the first question (most texts, definitions above all, have no URL).
        self._line_starts: list[int] | None = None
        self._positions: dict[str, deque[int]] | None = None

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0, *(match.end() for match in re.finditer("\n", self.text))]
        return self._line_starts

    @property
    def positions(self) -> dict[str, deque[int]]:
        if self._positions is None:
            self._positions = {}
            for match in _URL_RE.finditer(self.text):
                url = next(group for group in match.groups() if group is not None)
                self._positions.setdefault(url, deque()).append(match.start())
        return self._positions

    def line_at(self, position: int) -> int:
        return self.first_line + bisect.bisect_right(self.line_starts, position) - 1

    def line(self, url: str) -> int:
        positions = self.positions
        found = positions.get(url)
        if not found and url and self.searches < self.MAX_SEARCHES:
            self.searches += 1
            position = self.text.find(url)
            found = positions[url] = deque([position] if position >= 0 else [])
        if not found:
            return self.first_line
        return self.line_at(found.popleft() if len(found) > 1 else found[0])


class ReferenceProcessor(Treeprocessor):
    """Resolves, rewrites and records links and images; set up per text with ``begin``."""

    def __init__(self, md: markdown.Markdown, index: SiteIndex) -> None:
        super().__init__(md)
        self.index = index
        self.resolver = Resolver(index)
        self.begin("", 1, None, eager_images=0)

    def begin(self, text: str, first_line: int, term_dir: str | None, eager_images: int) -> None:
        """Prepare for ``text`` of a term in ``term_dir``, whose first line is ``first_line``."""
        self.locator = LineLocator(text, first_line)
        self.term_dir = term_dir
        self.eager_images = eager_images
        self.references: list[Reference] = []
        self.raw_blocks_done = 0  # raw HTML blocks already rewritten (see RawHtmlReferences)

    def run(self, root: etree.Element) -> None:
        images = list(root.iter("img"))
        parents = {child: parent for parent in root.iter() for child in parent} if images else {}
        for number, image in enumerate(images):
            target = self._record(image, "src", image=True)
            if target.kind is Kind.FILE:
                set_size(image, target.source or self._static_file(target.target))
            finish_image(image, parents.get(image), self.md, lazy=number >= self.eager_images)
        for anchor in list(root.iter("a")):
            if "href" in anchor.attrib:
                self._record(anchor, "href", image=False)

    def _static_file(self, site_path: str) -> Path | None:
        folder = self.index.static_dir
        return safe_file(folder, site_path) if folder is not None else None

    def _record(self, element: etree.Element, attribute: str, image: bool) -> Target:
        target, new_url = self.resolve(element.get(attribute, ""), image)
        if target.kind is Kind.SCHEME:
            del element.attrib[attribute]
        elif new_url is not None:
            element.set(attribute, new_url)
        return target

    def resolve(self, url: str, image: bool) -> tuple[Target, str | None]:
        """Resolve and record ``url``; its target and its new URL (None: leave it)."""
        target, fragment = self.resolver.resolve(url, self.term_dir)
        line = self.locator.line(url)
        self.references.append(
            Reference(
                url, line, target.kind, image, target.target, fragment, target.source, target.hint
            )
        )
        return target, self._url(target, fragment)

    def _url(self, target: Target, fragment: str) -> str | None:
        """The URL of ``target`` from a term page, or None to leave the URL as written."""
        suffix = f"#{fragment}" if fragment else ""
        if target.kind is Kind.TERM:
            return f"../{target.target}/{self.index.page_suffix}{suffix}"
        if target.kind is Kind.FILE:
            return f"../{quote(target.target)}{suffix}"
        if target.kind is Kind.PAGE:
            page = self.index.page_suffix if target.target == "index.html" else target.target
            return f"../{page}{suffix}"
        return None


# ``<a … href="…">`` and ``<img … src="…">`` in raw HTML (quoted values only).
_RAW_URL_RE = re.compile(
    r"(<(?:(a)|img)\b[^>]*?\s(?(2)href|src)\s*=\s*)([\"'])(.*?)\3", re.IGNORECASE | re.DOTALL
)


class RawHtmlReferences(Postprocessor):
    """Resolves, rewrites and records links and images written in raw HTML.

    Runs before Python-Markdown puts the raw HTML back into the page, on its stash.
    Python-Markdown may run postprocessors more than once per document (the toc
    extension does, on the table of contents), so each block is handled once.
    """

    def __init__(self, md: markdown.Markdown, processor: ReferenceProcessor) -> None:
        super().__init__(md)
        self.processor = processor

    def run(self, text: str) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        for number in range(self.processor.raw_blocks_done, len(blocks)):
            block = blocks[number]
            if (
                isinstance(block, str)
                and ("href" in block or "src" in block)
                and not block.lstrip().startswith("<!--")  # a comment is not shown
            ):
                blocks[number] = _RAW_URL_RE.sub(self._rewrite, block)
        self.processor.raw_blocks_done = len(blocks)
        return text

    def _rewrite(self, match: re.Match[str]) -> str:
        url = html.unescape(match.group(4))
        target, new_url = self.processor.resolve(url, image=match.group(2) is None)
        if new_url is None or target.kind is Kind.SCHEME:
            return match.group(0)
        quote_mark = match.group(3)
        return f"{match.group(1)}{quote_mark}{html.escape(new_url)}{quote_mark}"
