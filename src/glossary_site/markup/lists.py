"""List indentation as GitHub reads it, rewritten into the 4-space form Python-Markdown reads.

GitHub (CommonMark) nests a line under a list item when it is indented at least to the
item's content column: two spaces under ``- a``, three under ``1. a``, four also works.
Python-Markdown nests only by multiples of four spaces and flattens anything else into
the parent item's text. ``normalize_lists`` walks the lines once, keeps a stack of the open
items' content columns and re-indents every line inside a list by four spaces per level,
keeping any extra indentation (code blocks inside items) as it was. It also ends a list
where GitHub does — before a fence, heading, rule or quote at a lower indentation — and
separates a list from the paragraph it interrupts. Lines inside fences keep their tabs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_ITEM_RE = re.compile(r"(?P<marker>[-*+]|(?P<number>\d{1,9})[.)])(?P<gap> +|$)")
_FENCE_RE = re.compile(r"(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_RULE_RE = re.compile(r"([-*_])(?: *\1){2,} *$")
_INTERRUPT_RE = re.compile(r"(?:`{3}|~{3}|#{1,6}(?: |$)|>)")
MAX_DEPTH = 16  # list levels kept; deeper items are shown at this level
_QUOTE_OR_HEADING_RE = re.compile(r"(?:#{1,6}(?: |$)|>)")
_QUOTE_RE = re.compile(r"^ {0,3}> ?")
_INDENT = "    "


@dataclass(slots=True)
class _Fence:
    marker: str  # the opening run of backticks or tildes
    strip: int  # columns of indentation that belong to the enclosing items
    prefix: str  # what each line of the fence is re-indented with


def _indent_width(line: str) -> tuple[int, str]:
    """Columns of leading whitespace (tabs to the next multiple of 4) and the rest."""
    width = 0
    for index, char in enumerate(line):
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            return width, line[index:]
    return width, ""


def _dedent(line: str, columns: int) -> str:
    """``line`` without up to ``columns`` columns of leading whitespace."""
    if columns == 0:
        return line
    width, rest = _indent_width(line)
    if width <= columns:
        return rest
    if line[:width].isspace() and "\t" not in line[:width]:
        return line[columns:]
    return " " * (width - columns) + rest


def _closes(fence: _Fence, text: str) -> bool:
    stripped = text.strip()
    return (
        bool(stripped) and set(stripped) == {fence.marker[0]} and len(stripped) >= len(fence.marker)
    )


class _Normalizer:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.stack: list[int] = []  # content column of each open list item
        self.fence: _Fence | None = None
        self.previous_blank = True
        self.paragraph = False  # the previous line is top-level paragraph text
        self.item_block = False  # lines since the last blank line continue an item's content
        self.quote: list[str] = []  # the lines of a block quote at top level, without "> "

    def feed(self, line: str) -> None:
        if self.fence is not None:
            self._fence_line(line)
            return
        if not self.stack and (_QUOTE_RE.match(line) or (self.quote and line.strip())):
            self.quote.append(_QUOTE_RE.sub("", line, count=1))
            return
        self.flush()
        if not line.strip():
            self.out.append("")
            self.previous_blank, self.paragraph, self.item_block = True, False, False
            return
        width, rest = _indent_width(line)
        item = _ITEM_RE.match(rest)
        if item and not _RULE_RE.match(rest) and self._is_item(width):
            self._item(width, rest, item)
        elif self.stack:
            self._inside(width, rest)
        else:
            self._top_level(line, width, rest)
        self.previous_blank = False

    def flush(self) -> None:
        """Write out a pending block quote, its contents normalised like a document."""
        if self.quote:
            inner = normalize_lists("\n".join(self.quote)).rstrip("\n").split("\n")
            self.out.extend(f"> {line}" if line else ">" for line in inner)
            self.quote = []
            self.paragraph, self.previous_blank = False, False

    def _fence_line(self, line: str) -> None:
        assert self.fence is not None
        text = _dedent(line, self.fence.strip)
        self.out.append(self.fence.prefix + text if text else "")
        if _closes(self.fence, text):
            if not self.fence.prefix:
                self.out.append("")  # a paragraph or list right after the fence starts afresh
            self.fence = None

    def _is_item(self, width: int) -> bool:
        parents = bisect_right(self.stack, width)
        base = self.stack[parents - 1] if parents else 0
        return width - base <= 3

    def _item(self, width: int, rest: str, item: re.Match[str]) -> None:
        number = item.group("number")
        empty = not rest[item.end() :].strip()
        if self.paragraph and not self.stack and not (number not in (None, "1") or empty):
            self.out.append("")  # a bullet or "1." may interrupt a paragraph
        elif self.item_block:
            self.out.append("")  # Python-Markdown reads an item only at the start of a block
        self.item_block = False
        while self.stack and width < self.stack[-1]:
            self.stack.pop()
        gap = len(item.group("gap"))
        marker = f"{number}." if number is not None else item.group("marker")
        content = rest[item.end() :]
        if gap > 4 or empty:  # content is an indented code block or on the next line
            content = " " * max(gap - 1, 0) + content if not empty else ""
            gap = 1
        if len(self.stack) >= MAX_DEPTH:  # deeper items become siblings: bounded output size
            self.stack.pop()
        depth = len(self.stack)
        self.stack.append(width + len(item.group("marker")) + gap)
        self.out.append(_INDENT * depth + marker + " " + content)
        self.paragraph = False
        self._open_fence(content, self.stack[-1], depth + 1)

    def _inside(self, width: int, rest: str) -> None:
        depth = bisect_right(self.stack, width)
        interrupts = bool(_INTERRUPT_RE.match(rest)) or bool(_RULE_RE.match(rest))
        if depth < len(self.stack) and (self.previous_blank or interrupts):
            del self.stack[depth:]
            if not self.previous_blank:
                self.out.append("")
        elif depth < len(self.stack):  # a lazy continuation line of the deepest paragraph
            depth = len(self.stack)
            width = self.stack[-1]
        if depth == 0:
            self.out.append(" " * width + rest)
            self.paragraph = not interrupts
            self._open_fence(rest, 0, 0)
            return
        extra = " " * (width - self.stack[depth - 1])
        if not self.previous_blank and not extra and _QUOTE_OR_HEADING_RE.match(rest):
            self.out.append("")  # Python-Markdown starts a quote or heading only after a blank
            self.previous_blank = True
        self.item_block = self.item_block or self.previous_blank
        self.out.append(_INDENT * depth + extra + rest)
        self._open_fence(rest, self.stack[depth - 1], depth)

    def _top_level(self, line: str, width: int, rest: str) -> None:
        if self.paragraph and width < 4 and _FENCE_RE.match(rest):
            self.out.append("")  # a fence interrupts a paragraph
        self.out.append(line)
        code = width >= 4 and (self.previous_blank or not self.paragraph)
        self.paragraph = not code and not _INTERRUPT_RE.match(rest) and not _RULE_RE.match(rest)
        if not code:
            self._open_fence(rest, 0, 0)

    def _open_fence(self, text: str, strip: int, depth: int) -> None:
        match = _FENCE_RE.match(text.lstrip(" "))
        if match is None or (match.group("fence")[0] == "`" and "`" in match.group("info")):
            return
        if depth == 0:
            self.fence = _Fence(match.group("fence"), 0, "")
        else:
            self.fence = _Fence(match.group("fence"), strip, _INDENT * depth)


def normalize_lists(text: str) -> str:
    """``text`` with list items and their contents indented the way Python-Markdown nests."""
    if not _has_list(text):
        return text
    normalizer = _Normalizer()
    for line in text.split("\n"):
        normalizer.feed(line)
    normalizer.flush()
    return "\n".join(normalizer.out)


_ANY_ITEM_RE = re.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])(?: |$)|```|~~~", re.MULTILINE)


def _has_list(text: str) -> bool:
    return _ANY_ITEM_RE.search(text) is not None
