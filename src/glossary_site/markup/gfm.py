"""GitHub-flavoured details Python-Markdown and pymdown-extensions do not cover.

* list indentation by two or four spaces (``lists.normalize_lists``),
* Markdown inside HTML blocks after a blank line (``html_blocks``, with ``md_in_html``),
* a backslash at the end of a line as a hard line break,
* ``~~strikethrough~~`` with two or one tildes (one pattern: cheaper than ``pymdownx.tilde``),
* inline code longer than a phone's line marked so that only it may wrap,
* task list items ``- [ ]`` / ``- [x]`` as a disabled checkbox inside a ``<label>`` with
  the item's text, so the checkbox has an accessible name.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor, SimpleTagInlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .highlight import HIGHLIGHT_CLASS
from .html_blocks import mark_markdown_in_html
from .lists import normalize_lists

LONG_CODE = 28  # characters of inline code that fit a 375 px phone's line with room to spare
_CODE_BLOCK = f'<div class="{HIGHLIGHT_CLASS}"><pre>'
_FOCUSABLE_CODE_BLOCK = f'<div class="{HIGHLIGHT_CLASS}"><pre tabindex="0">'
_TASK_RE = re.compile(r"\[([ xX])\][ \t]+")
_STRIKE_RE = r"(?<![~\\])(~{1,2})(?![~\s])(.+?)(?<![~\s\\])\1(?!~)"
_BLOCK_TAGS = frozenset(
    {"ul", "ol", "p", "pre", "div", "blockquote", "table", "dl", "hr"}
    | {f"h{level}" for level in range(1, 7)}
)


class _ListIndentPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return normalize_lists("\n".join(lines)).split("\n")


class _MarkdownInHtmlPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return mark_markdown_in_html(lines)


class _HardBreakProcessor(InlineProcessor):
    """``\\`` right before a line end is a ``<br>``, as in CommonMark."""

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element, int, int]:
        return etree.Element("br"), m.start(0), m.end(0)


class _TaskListProcessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            if parent.tag not in ("ul", "ol"):
                continue
            tasks = [item for item in parent if item.tag == "li" and _make_task(item)]
            if tasks:
                parent.set("class", "task-list")


def _make_task(item: etree.Element) -> bool:
    holder = item
    if not (item.text or "").strip() and len(item) and item[0].tag == "p":
        holder = item[0]
    match = _TASK_RE.match(holder.text or "")
    if match is None:
        return False
    label = etree.Element("label")
    box = etree.SubElement(label, "input", {"type": "checkbox", "disabled": "disabled"})
    if match.group(1) != " ":
        box.set("checked", "checked")
    box.tail = " " + (holder.text or "")[match.end() :]
    for child in list(holder):
        if child.tag in _BLOCK_TAGS:
            break
        holder.remove(child)
        label.append(child)
    holder.text = None
    holder.insert(0, label)
    item.set("class", "task-list-item")
    return True


class _LongCodeProcessor(Treeprocessor):
    """Marks inline code too long for a phone's line (``class="long"``): only it may wrap.

    Short inline code keeps ``white-space: nowrap`` (style.css) so ``-pm`` never breaks
    after its hyphen; long code must wrap somewhere or it would widen the page.
    """

    def run(self, root: etree.Element) -> None:
        in_blocks = {id(child) for pre in root.iter("pre") for child in pre}
        for code in root.iter("code"):  # each below a parent of its own, root excluded
            if id(code) not in in_blocks and len(code.text or "") > LONG_CODE:
                code.set("class", "long")


class _FocusableTableProcessor(Treeprocessor):
    """Wide tables scroll sideways in their own box: ``tabindex="0"`` lets keyboards scroll."""

    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            table.set("tabindex", "0")


class _FocusableCodePostprocessor(Postprocessor):
    """Code blocks scroll sideways on phones: ``tabindex="0"`` lets keyboards scroll them."""

    def run(self, text: str) -> str:
        return text.replace(_CODE_BLOCK, _FOCUSABLE_CODE_BLOCK)


class GithubFlavourExtension(Extension):
    """The GitHub details above, registered into Python-Markdown's pipeline."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Before pymdownx.superfences stashes top-level fences (31.05) and tabs are expanded (30).
        md.preprocessors.register(_ListIndentPreprocessor(md), "gfm_list_indent", 32)
        md.preprocessors.register(_MarkdownInHtmlPreprocessor(md), "gfm_markdown_in_html", 31.5)
        md.inlinePatterns.register(_HardBreakProcessor(r"\\\n", md), "gfm_hard_break", 185)
        md.inlinePatterns.register(SimpleTagInlineProcessor(_STRIKE_RE, "del"), "gfm_strike", 59)
        md.ESCAPED_CHARS.append("~")
        md.treeprocessors.register(_TaskListProcessor(md), "gfm_task_list", 6)
        md.treeprocessors.register(_LongCodeProcessor(md), "gfm_long_code", 6)
        md.treeprocessors.register(_FocusableTableProcessor(md), "gfm_focusable_table", 6)
        # After the stashed, highlighted code blocks are put back (raw_html, 30).
        md.postprocessors.register(_FocusableCodePostprocessor(md), "gfm_focusable_code", 5)
