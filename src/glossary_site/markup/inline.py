"""Python-Markdown's inline processor, skipping the patterns that cannot match a text.

Python-Markdown tries each inline pattern (18 here: code, links, images, HTML, emphasis…)
on each piece of text in turn, and again on what a match leaves; a try costs a Python
call, a registry lookup and a regular-expression scan, and nearly all of them find
nothing. That was a third of a term's conversion time. Every match of each pattern
below contains one of its trigger substrings (a link's ``[``, an entity's ``&``,
emphasis's ``*`` or ``_``), so a text without them is passed over exactly as a failed
try would pass it over: the output is the same, only faster. Patterns not listed here
(another extension's) are always tried.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Sequence
from typing import Any

import markdown
from markdown import util
from markdown.treeprocessors import InlineProcessor

# A test of a text that is false only when the pattern cannot match anywhere in it.
Trigger = Callable[[str], bool]


def _any_of(*needles: str) -> Trigger:
    if len(needles) == 1:
        (needle,) = needles
        return lambda text: needle in text
    return lambda text: any(needle in text for needle in needles)


def _web_address(text: str) -> bool:
    """pymdownx.magiclink's bare links: ``http://``, ``ftp://`` or ``www.`` in any case."""
    return "://" in text or ("." in text and "www." in text.lower())


# By pattern name: what every match of the pattern registered under it contains.
TRIGGERS: dict[str, Trigger] = {
    "backtick": _any_of("`"),  # also a run of backslashes, but only before a backtick
    "gfm_hard_break": _any_of("\\"),
    "escape": _any_of("\\"),
    "footnote": _any_of("[^"),
    "reference": _any_of("["),
    "link": _any_of("["),
    "image_link": _any_of("!["),
    "image_reference": _any_of("!["),
    "short_reference": _any_of("["),
    "short_image_ref": _any_of("!["),
    "autolink": _any_of("<"),
    "automail": _any_of("<"),
    "linebreak": _any_of("  \n"),
    "html": _any_of("<"),
    "magic-link": _web_address,
    "magic-mail": _any_of("@"),
    "entity": _any_of("&"),
    "em_strong": _any_of("*", "_"),
    "gfm_strike": _any_of("~"),
}


# Python-Markdown's private method that tries one pattern (its name, mangled).
_APPLY_PATTERN = "_InlineProcessor__applyPattern"


class SkippingInlineProcessor(InlineProcessor):
    """``InlineProcessor`` that does not try a pattern on a text without its trigger."""

    def __init__(self, md: markdown.Markdown, triggers: dict[str, Trigger]) -> None:
        super().__init__(md)
        self.triggers = triggers
        method = vars(InlineProcessor)[_APPLY_PATTERN]
        self._apply: Callable[..., tuple[str, bool, int]] = types.MethodType(method, self)
        self._table: Sequence[tuple[Any, Trigger | None]] = ()

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        self._table = self._patterns()
        return super().run(tree, ancestors)

    def _patterns(self) -> tuple[tuple[Any, Trigger | None], ...]:
        """The registered patterns in order, each with its trigger (None: always tried)."""
        registry = self.inlinePatterns
        by_object = {
            id(registry[name]): trigger
            for name, trigger in self.triggers.items()
            if name in registry
        }
        return tuple((pattern, by_object.get(id(pattern))) for pattern in registry)

    # Python-Markdown's private ``__handleInline``, which its ``run`` and its
    # ``__applyPattern`` call (on every text, and on the text inside each match).
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, util.AtomicString):
            return data
        table = self._table
        count = len(table)
        start = 0
        while patternIndex < count:
            pattern, trigger = table[patternIndex]
            if trigger is not None and not trigger(data):
                patternIndex, start = patternIndex + 1, 0  # as after a failed try
                continue
            data, matched, start = self._apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


def install(md: markdown.Markdown) -> None:
    """Replace ``md``'s inline processor (same name, same priority) by the skipping one."""
    md.treeprocessors.register(SkippingInlineProcessor(md, TRIGGERS), "inline", 20)
