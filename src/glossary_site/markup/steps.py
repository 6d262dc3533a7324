"""Python-Markdown's pre-, tree and postprocessors, skipped where they cannot change anything.

Each step below looks for something its input may lack: fences (three backticks or
tildes), raw HTML or character references (``<``, ``&``), attribute lists (``{``), the
placeholders Python-Markdown puts in its HTML (``STX``). On an input without it the
step returns its input unchanged, at the cost of a pass over the whole text or tree (the
HTML block preprocessor runs an HTML parser over it). The guards below test for it
first, so the output is the same, only faster. A guard's test may say yes when the step
would find nothing; it never says no when the step would act.

The table of contents is the other saving: ``toc`` makes a ``<div>`` of the headings for
each text and serializes it (``md.toc``), which nothing here reads; ``SectionIds`` sets
the same heading ids and ``toc_tokens`` without it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any

import markdown
from markdown import util
from markdown.extensions.toc import TocTreeprocessor

Trigger = Callable[[str], bool]


def _any_of(*needles: str) -> Trigger:
    return lambda text: any(needle in text for needle in needles)


# By name: what a preprocessor's input (its lines, joined) must hold for it to act.
PREPROCESSOR_TRIGGERS: dict[str, Trigger] = {
    # pymdownx.superfences: a fence starts with ``` or ~~~; the code block step also
    # puts back what the raw block step stashed (HTML placeholders, STX).
    "fenced_raw_block": _any_of("```", "~~~"),
    "fenced_code_block": _any_of("```", "~~~", util.STX),
    # md_in_html's HTML parser copies text without tags or character references as it is.
    "html_block": _any_of("<", "&"),
}
# By name: what a postprocessor's text must hold for it to act: every one of these
# replaces placeholders (``STX`` … ``ETX``) and nothing else.
POSTPROCESSOR_TRIGGERS: dict[str, Trigger] = {
    "raw_html": _any_of(util.STX),
    "footnote": _any_of(util.STX),
    "amp_substitute": _any_of(util.STX),
}
# By name: what the text of a tree (texts and tails, ``itertext``) must hold.
TREEPROCESSOR_TRIGGERS: dict[str, Trigger] = {
    "attr_list": _any_of("{"),  # every attribute list is in braces
}


def _guard(step: Any, test: Callable[[Any], bool]) -> None:
    """Make ``step.run(x)`` return ``x`` unchanged (None for a tree) unless ``test(x)``."""
    run = step.run

    def guarded(value: Any) -> Any:
        return run(value) if test(value) else None if isinstance(value, etree.Element) else value

    step.__dict__["run"] = guarded


def _lines_test(trigger: Trigger) -> Callable[[list[str]], bool]:
    return lambda lines: trigger("\n".join(lines))


def _tree_test(trigger: Trigger) -> Callable[[etree.Element], bool]:
    return lambda root: trigger("".join(root.itertext()))


class SectionIds(TocTreeprocessor):
    """``toc`` without the table it would make for ``md.toc``, which nothing here reads.

    Heading ids and ``md.toc_tokens`` are made by ``TocTreeprocessor.run`` itself. Only
    where the text holds the ``[TOC]`` marker is the table needed in the page; elsewhere
    the table is an empty ``<div>`` (so ``md.toc`` is ``<div></div>``) and the walk that
    looks for the marker is not made. The postprocessors still run on that ``<div>``,
    for what they record (``rewrite.RawHtmlReferences``).
    """

    marked = False  # the text being converted holds the marker

    def run(self, doc: etree.Element) -> None:
        self.marked = bool(self.marker) and self.marker in "".join(doc.itertext())
        super().run(doc)

    def build_toc_div(self, toc_list: list[Any]) -> etree.Element:
        return super().build_toc_div(toc_list) if self.marked else etree.Element("div")

    def replace_marker(self, root: etree.Element, elem: etree.Element) -> None:
        if self.marked:
            super().replace_marker(root, elem)


def _block_level_test(md: markdown.Markdown) -> Callable[[Any], bool]:
    """``md.is_block_level`` with a set of the names (Python-Markdown keeps a list)."""
    elements = md.block_level_elements
    names = frozenset(elements)
    size = len(elements)

    def is_block_level(tag: Any) -> bool:
        nonlocal names, size
        if len(elements) != size:  # an extension added a name since
            names, size = frozenset(elements), len(elements)
        return isinstance(tag, str) and tag.lower().rstrip("/") in names

    return is_block_level


def install(md: markdown.Markdown) -> None:
    """Guard ``md``'s steps named above; the table of contents without its ``<div>``."""
    md.__dict__["is_block_level"] = _block_level_test(md)
    for name, trigger in PREPROCESSOR_TRIGGERS.items():
        if name in md.preprocessors:
            _guard(md.preprocessors[name], _lines_test(trigger))
    for name, trigger in POSTPROCESSOR_TRIGGERS.items():
        if name in md.postprocessors:
            _guard(md.postprocessors[name], trigger)
    for name, trigger in TREEPROCESSOR_TRIGGERS.items():
        if name in md.treeprocessors:
            _guard(md.treeprocessors[name], _tree_test(trigger))
    if "toc" in md.treeprocessors and type(md.treeprocessors["toc"]) is TocTreeprocessor:
        md.treeprocessors["toc"].__class__ = SectionIds
