"""Python-Markdown's block parser, skipping the block processors that cannot match a block.

For each block of text (the text between blank lines) Python-Markdown asks each block
processor in turn whether it applies: a heading, a table, a quote, a definition list, a
footnote or link definition… Each test is a Python call and most are a regular-expression
search of the whole block, and nearly all of them fail: a term's body is mostly
paragraphs. Every block that one of the processors below accepts contains its trigger
substring (a heading's ``#``, a table's ``|``), so a block without it is passed over
exactly as a failed test (or a ``run`` that gives the block back) would pass it over: the
output is the same, only faster. Processors not listed here are always tried (their
tests are already cheap: ``block.startswith(…)`` or one anchored match).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import markdown
from markdown import util
from markdown.blockparser import BlockParser

# A test of a block that is false only when the processor cannot apply to it.
Trigger = Callable[[str], bool]


def _any_of(*needles: str) -> Trigger:
    if len(needles) == 1:
        (needle,) = needles
        return lambda block: needle in block
    return lambda block: any(needle in block for needle in needles)


# By processor name: what every block the processor takes contains. Those whose ``test``
# is always true and whose ``run`` gives back a block it does not take (``return False``,
# the block put back as it was) are listed by what ``run`` looks for.
TRIGGERS: dict[str, Trigger] = {
    "markdown_block": lambda block: block.startswith(util.STX),  # an HTML placeholder first
    "table": _any_of("|"),
    "hashheader": _any_of("#"),
    "setextheader": _any_of("\n=", "\n-"),
    "hr": _any_of("-", "_", "*"),
    "deflist": _any_of(":"),
    "quote": _any_of(">"),
    "footnote": _any_of("[^"),
    "abbr": _any_of("*["),
    "reference": _any_of("]:"),
}


class SkippingBlockParser(BlockParser):
    """``BlockParser`` that does not try a processor on a block without its trigger."""

    triggers: dict[str, Trigger] = TRIGGERS
    _table: Sequence[tuple[Any, Trigger | None]] = ()

    def parseDocument(self, lines: Any) -> Any:
        self._table = self._processors()
        return super().parseDocument(lines)

    def _processors(self) -> tuple[tuple[Any, Trigger | None], ...]:
        """The registered processors in order, each with its trigger (None: always tried)."""
        registry = self.blockprocessors
        by_object = {
            id(registry[name]): trigger
            for name, trigger in self.triggers.items()
            if name in registry
        }
        return tuple((processor, by_object.get(id(processor))) for processor in registry)

    def parseBlocks(self, parent: Any, blocks: list[str]) -> None:
        table = self._table or self._processors()
        while blocks:
            for processor, trigger in table:
                block = blocks[0]
                if trigger is not None and not trigger(block):
                    continue  # as after a failed test
                if processor.test(parent, block) and processor.run(parent, blocks) is not False:
                    break


def install(md: markdown.Markdown) -> None:
    """Make ``md``'s block parser skip processors by trigger (its processors keep it)."""
    assert type(md.parser) is BlockParser
    md.parser.__class__ = SkippingBlockParser
