"""Ids in a term's HTML never repeat and never take one of the page's own ids.

An author can set ids with ``{#id}`` (attr_list) and with raw HTML ``id="…"``;
headings get one from the table of contents. Within one converted text:

- an id the page templates use (``RESERVED_IDS``: ``main``, ``definition`` …) gets
  ``-section`` appended, as a heading of that name does;
- an id that is already taken gets ``_1``, ``_2`` … appended, as Python-Markdown's
  table of contents does for headings of the same name.

``{#id}`` ids are settled before the table of contents names the headings (so its
entries link to the final ids); raw HTML ids, which Python-Markdown keeps as text
until the end, are settled afterwards against every id of the tree. This holds with
``trust_html`` too.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..diagnostics import Diagnostic, Severity

_ATTRIBUTE_RE = re.compile(r"""\s*([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_TAG_NAME_RE = re.compile(r"<[^\s/>]+")


class _Ids:
    """The ids taken so far in one text, and the rule that gives a free one."""

    def __init__(
        self, reserved: frozenset[str], duplicates: list[tuple[str, str]], taken: Iterable[str] = ()
    ) -> None:
        self.reserved = reserved
        self.duplicates = duplicates  # (id wanted, id given) for each id used twice
        self.taken = set(taken)

    def claim(self, wanted: str) -> str:
        """``wanted`` if it is free, else the free id the rules give; marks it taken."""
        name = f"{wanted}-section" if wanted in self.reserved else wanted
        candidate, number = name, 0
        while candidate in self.taken or candidate in self.reserved:
            number += 1
            candidate = f"{name}_{number}"
        self.taken.add(candidate)
        if number and wanted == name:
            self.duplicates.append((wanted, candidate))
        return candidate


class _TreeIds(Treeprocessor):
    """Settles ``{#id}`` ids, in document order, before the table of contents runs."""

    def __init__(self, md: markdown.Markdown, extension: AuthorIdExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        ids = _Ids(self.extension.reserved, self.extension.duplicates)
        for element in root.iter():
            wanted = element.get("id")
            if wanted is not None:
                element.set("id", ids.claim(wanted))


class _RawHtmlIds(Treeprocessor):
    """Settles raw HTML ids against every id of the finished tree."""

    def __init__(self, md: markdown.Markdown, extension: AuthorIdExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        blocks = self.md.htmlStash.rawHtmlBlocks
        if not blocks:
            return
        taken = (e.get("id", "") for e in root.iter() if e.get("id"))
        ids = _Ids(self.extension.reserved, self.extension.duplicates, taken)
        for index, block in enumerate(blocks):
            if isinstance(block, str) and "id" in block.casefold():
                blocks[index] = _rewrite_ids(block, ids)


class _StartTags(HTMLParser):
    """Start tags of an HTML fragment with an ``id``: (offset, tag text)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[tuple[int, str]] = []
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text()
        if text and any(name == "id" for name, _ in attrs):
            line, column = self.getpos()
            self.found.append((self._line_starts[line - 1] + column, text))

    handle_startendtag = handle_starttag


def _rewrite_ids(block: str, ids: _Ids) -> str:
    pieces, end = [], 0
    for offset, tag in _StartTags(block).found:
        pieces += [block[end:offset], _rewrite_tag(tag, ids)]
        end = offset + len(tag)
    return "".join([*pieces, block[end:]])


def _rewrite_tag(tag: str, ids: _Ids) -> str:
    """``tag`` (a start tag's text) with its first ``id`` value replaced by a free id."""
    name = _TAG_NAME_RE.match(tag)
    position = name.end() if name else 1
    while match := _ATTRIBUTE_RE.match(tag, position):
        if match.end() == position:
            break
        if match.group(1).casefold() == "id" and match.group(2) is not None:
            value = match.group(2).strip("\"'")
            free = ids.claim(value)
            replacement = f'{match.group(0)[: match.start(2) - match.start()]}"{free}"'
            return tag[: match.start()] + replacement + tag[match.end() :]
        position = match.end()
    return tag


class AuthorIdExtension(Extension):
    """Unique ids in a text, none of them one of ``reserved``.

    ``duplicates`` lists, for the last converted text, each id the author used twice.
    """

    def __init__(self, reserved: frozenset[str]) -> None:
        super().__init__()
        self.reserved = reserved
        self.duplicates: list[tuple[str, str]] = []

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.registerExtension(self)  # so that Markdown.reset() calls our reset()
        # attr_list runs at 8 and the table of contents at 5; term links at 5, row headers 4.
        md.treeprocessors.register(_TreeIds(md, self), "author_ids", 6)
        md.treeprocessors.register(_RawHtmlIds(md, self), "raw_html_ids", 1)

    def reset(self) -> None:
        self.duplicates = []


def duplicate_id_warnings(
    path: Path, text: str, first_line: int, duplicates: list[tuple[str, str]]
) -> list[Diagnostic]:
    """A ``duplicate-id`` warning per id used twice, at the line of its second use if found."""
    warnings = []
    seen: dict[str, int] = {}
    for wanted, given in duplicates:
        pattern = r"(?:\{[^}\n]*#|\bid\s*=\s*[\"']?)" + re.escape(wanted) + r"(?![\w:.-])"
        uses = [m.start() for m in re.finditer(pattern, text, re.IGNORECASE)]
        seen[wanted] = seen.get(wanted, 0) + 1  # the n-th repeat is the (n+1)-th use
        offset = uses[min(seen[wanted], len(uses) - 1)] if uses else 0
        warnings.append(
            Diagnostic(
                path,
                first_line + text.count("\n", 0, offset),
                "duplicate-id",
                f"the id '{wanted}' is used more than once on this page",
                f"give each element its own id; this one became '{given}', so links to "
                f"'#{wanted}' lead to the first",
                Severity.WARNING,
            )
        )
    return warnings
