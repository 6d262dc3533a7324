"""What counts as "the same name", and the closest known name to a misspelt one.

Every comparison of titles, aliases and references goes through ``normalize_name``:
two names are the same when they are equal after

1. removing invisible characters (Unicode's default-ignorable code points: zero-width
   space, joiner and non-joiner, word joiner, soft hyphen, byte-order mark, direction
   marks and bidi controls, variation selectors, tag characters …), so a name pasted
   with a zero-width space or a soft hyphen is the name without it;
2. NFKC normalisation, so macOS's decomposed "é" (NFD) equals the composed one (NFC),
   and compatibility forms equal their plain letters: full-width "ＡＰＩ" is "API",
   the ligature "ﬁ" is "fi", "CO₂" is "CO2". NFKC rather than plain NFC because these
   forms look like, and are meant as, the same name (Unicode's recommendation for
   identifier matching, UAX #31);
3. case folding ("Straße" is "STRASSE"), then NFKC again (folding can un-normalise);
4. collapsing every run of white space to one space.

This module sits at the bottom of the pipeline: it imports nothing of the project.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from itertools import chain

# Longest slug glossary-site makes or accepts: file names stay well under the 255-byte
# limit of file systems, and URLs stay readable.
MAX_SLUG_LENGTH = 100

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), plus the braille
# blank U+2800, which renders as nothing in most fonts.
_INVISIBLE_RE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
# General categories a reader can see: letters, numbers, punctuation and symbols.
_VISIBLE_CATEGORIES = frozenset("LNPS")


@functools.lru_cache(maxsize=1 << 17)  # the same titles, tags and categories, many times a build
def normalize_name(text: str) -> str:
    """The form in which two names are compared (see the module docstring)."""
    if text.isascii():  # fast path: nothing to normalise or remove but case and spaces
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKC", _INVISIBLE_RE.sub("", text))
    text = unicodedata.normalize("NFKC", text.casefold())
    return " ".join(text.split())


def has_visible_character(text: str) -> bool:
    """Whether ``text`` shows anything: a letter, digit, punctuation mark or symbol."""
    return any(
        unicodedata.category(char)[0] in _VISIBLE_CATEGORIES for char in normalize_name(text)
    )


class Suggester:
    """The closest of a fixed set of names to a misspelt one, prepared once per set.

    The answer is difflib's (``get_close_matches(word, names, n=1, cutoff=0.6)``, by
    normalised name), but each miss compares the word only with the ``SHORTLIST``
    names that share most three-letter pieces with it (rare pieces first, at most
    ``POSTINGS_PER_MISS`` index entries), found through an index built on the first
    miss, instead of with every name: a miss costs about the same in a glossary of 100
    or 10,000 terms. The work of all misses together is capped by ``budget`` (index
    entries visited; a comparison counts 100): past it, no more suggestions are made,
    so a glossary with thousands of misspellings is still checked in bounded time.
    """

    SHORTLIST = 20
    POSTINGS_PER_MISS = 3000
    CUTOFF = 0.6
    _COMPARE_COST = 100

    def __init__(self, candidates: Iterable[str], budget: int = 20_000_000) -> None:
        self._candidates: Iterable[str] | None = candidates  # prepared on the first miss
        self._display: dict[str, str] = {}
        self._keys: list[str] = []
        self._index: dict[str, list[int]] | None = None
        self._answers: dict[str, str | None] = {}
        self._budget = budget

    def closest(self, word: str) -> str | None:
        """The candidate (as given) closest to ``word``, or None when none is close."""
        if self._candidates is not None:
            for name in sorted(set(self._candidates), reverse=True):  # smallest spelling wins
                self._display[normalize_name(name)] = name
            self._keys = sorted(self._display)
            self._candidates = None
        key = normalize_name(word)
        if key not in self._answers:
            self._answers[key] = self._find(key)
        return self._answers[key]

    def _find(self, key: str) -> str | None:
        pool = self._keys if len(self._keys) <= self.SHORTLIST else self._shortlist(key)
        self._budget -= self._COMPARE_COST * len(pool)
        if self._budget < 0:
            return None
        matches = difflib.get_close_matches(key, pool, n=1, cutoff=self.CUTOFF)
        return self._display[matches[0]] if matches else None

    def _shortlist(self, key: str) -> list[str]:
        if self._index is None:
            self._index = {}
            for number, name in enumerate(self._keys):
                for gram in _trigrams(name):
                    self._index.setdefault(gram, []).append(number)
        # Rare pieces first: they tell names apart; common ones only while there is room.
        grams = sorted(_trigrams(key))  # sorted: the same shortlist in every run
        postings = sorted((self._index.get(gram, []) for gram in grams), key=len)
        chosen: list[list[int]] = []
        visited = 0
        for numbers in postings:
            if chosen and visited + len(numbers) > self.POSTINGS_PER_MISS:
                break
            visited += len(numbers)
            chosen.append(numbers)
        self._budget -= visited
        best = Counter(chain.from_iterable(chosen)).most_common(self.SHORTLIST)
        return [self._keys[number] for number, _ in best]


def _trigrams(name: str) -> set[str]:
    """Three-character pieces of ``name``, padded so that short names have some too."""
    padded = f"  {name[:MAX_SLUG_LENGTH]} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}
