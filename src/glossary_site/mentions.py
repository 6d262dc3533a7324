"""Where a term's text names another term: one Aho–Corasick pass over the text.

Every published title and alias goes into one automaton (``pyahocorasick``), so the text
of all terms is scanned once: linear in the text plus the matches, never terms × terms.
Names are matched case-insensitively, as whole words; an all-capitals name ("IT", "API")
only as written, so the word "it" is not the acronym. Code, links, URLs, HTML tags and
headings are left out, and so are names that are common words (``common_words``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import ahocorasick

from .common_words import COMMON_WORDS
from .schema import Term

_FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING_RE = re.compile(r"^\s{0,3}#")
# Parts of a line that are not prose: code spans, links and images (their text too: it is
# linked already), HTML tags and autolinks, bare URLs.
_MASKED_RE = re.compile(
    r"`+[^`]*`+|!?\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])|<[^>\n]*>|\bhttps?://\S+|\bwww\.\S+"
)


@dataclass(frozen=True, slots=True)
class Mention:
    """``name`` (as the text writes it) of the term ``slug``, at ``line``:``column``."""

    slug: str
    name: str
    line: int
    column: int  # 1-based; 0 when the text is not laid out as in the file


def _word_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _is_acronym(name: str) -> bool:
    return name.isupper() and " " not in name


def plurals(key: str) -> tuple[str, ...]:
    """Simple English plurals of a casefolded name (its last word): sprint → sprints,
    story → stories, process → processes, branch → branches."""
    if key.endswith(("s", "x", "z", "ch", "sh")):
        return (key + "es",)
    if key.endswith("y") and len(key) > 1 and key[-2] not in "aeiou":
        return (key[:-1] + "ies",)
    return (key + "s",)


class MentionFinder:
    """Finds the names of ``terms`` in text; built once for the whole glossary.

    With ``with_plurals`` a name's simple plurals (``plurals``; "APIs" for "API") match
    too, unless another term has that name.
    """

    def __init__(self, terms: Iterable[Term], *, with_plurals: bool = False) -> None:
        self._folded: Any = ahocorasick.Automaton()
        self._exact: Any = ahocorasick.Automaton()
        later: list[tuple[Any, str, str]] = []
        for term in terms:
            for name in (term.title, *(alias.text for alias in term.aliases)):
                key = _word_key(name)
                if _is_acronym(name) and len(name) > 1:  # "IT" is not the word "it"
                    self._exact.add_word(name, (term.slug, len(name)))
                    later.append((self._exact, name + "s", term.slug))
                elif len(key) > 1 and key not in COMMON_WORDS:
                    self._folded.add_word(key, (term.slug, len(key)))
                    later += [(self._folded, plural, term.slug) for plural in plurals(key)]
        for automaton, plural, slug in later if with_plurals else ():
            if not automaton.exists(plural):  # a name of its own wins over a plural
                automaton.add_word(plural, (slug, len(plural)))
        for automaton in (self._folded, self._exact):
            if len(automaton):
                automaton.make_automaton()

    def in_term(self, term: Term) -> Iterator[Mention]:
        """Every mention in the definition and body of ``term``, in text order."""
        from_body = term.definition_line >= term.body_line
        yield from self._in_text(term.definition, term.definition_line, from_body)
        yield from self._in_text(term.body, term.body_line, True)

    def _in_text(self, text: str, first_line: int, exact_columns: bool) -> Iterator[Mention]:
        in_fence = False
        for number, line in enumerate(text.split("\n"), first_line):
            if _FENCE_RE.match(line):
                in_fence = not in_fence
                continue
            if in_fence or _HEADING_RE.match(line):
                continue
            prose = _MASKED_RE.sub(lambda m: " " * len(m.group()), line)
            for start, end, slug in self.matches(prose):
                column = start + 1 if exact_columns else 0
                yield Mention(slug, line[start:end], number, column)

    def matches(self, line: str) -> list[tuple[int, int, str]]:
        """(start, end, slug) of every name in ``line``: whole words, the longest at each
        place, never overlapping, in text order."""
        found = self._whole_word_matches(line, line.casefold())
        return longest_first(found)

    def all_matches(self, text: str) -> list[tuple[int, int, str]] | None:
        """Every whole-word name in ``text``, overlapping ones too, sorted by start and
        then longest first; None when case folding changes the length of ``text`` (then
        positions in the folded text are not those of ``text``: see ``matches``).

        A stretch of ``text`` between two characters that are not word characters finds
        the same names alone (``matches``) as among these."""
        folded = text.casefold()
        if len(folded) != len(text):
            return None
        return self._whole_word_matches(text, folded)

    def _whole_word_matches(self, text: str, folded: str) -> list[tuple[int, int, str]]:
        found: list[tuple[int, int, str]] = []
        if len(folded) == len(text):  # folding kept the positions (it does but for ß, İ …)
            found += _whole_words(self._folded, folded)
        found += _whole_words(self._exact, text)
        found.sort(key=lambda match: (match[0], match[0] - match[1]))
        return found


def longest_first(found: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Of matches sorted by start and then longest first, the longest at each place,
    never overlapping."""
    chosen = []
    last_end = -1
    for match in found:
        if match[0] >= last_end:
            chosen.append(match)
            last_end = match[1]
    return chosen


def _whole_words(automaton: Any, text: str) -> list[tuple[int, int, str]]:
    """(start, end, slug) of each name in ``text`` with no word character on either side."""
    if not len(automaton):
        return []
    found = []
    size = len(text)
    for end_index, (slug, length) in automaton.iter(text):
        start, end = end_index - length + 1, end_index + 1
        if start:
            before = text[start - 1]
            if before.isalnum() or before == "_":
                continue
        if end < size:
            after = text[end]
            if after.isalnum() or after == "_":
                continue
        found.append((start, end, slug))
    return found
