"""Sort keys per language: the Unicode Collation Algorithm (``pyuca``'s DUCET, the root
order) with the tailorings that matter for a glossary's index.

Tailored languages (letters of their own, sorted where their alphabet puts them):

- Swedish, Finnish (sv, fi): å ä ö after z (æ with ä, ø with ö);
- Danish, Norwegian (da, nb, nn, no): æ ø å after z (ä with æ, ö with ø);
- Spanish (es): ñ after n;
- Turkish, Azerbaijani (tr, az): ç ğ ı ö ş ü letters of their own (ı before i);
- Polish (pl): ą ć ę ł ń ó ś ź ż after their base letter;
- Czech (cs): č after c, ch after h, ř after r, š after s, ž after z.

Every other language uses the root order (German ä with a, as DIN 5007-1, is root). A
language written in another script than Latin lists titles in its own script first
(Russian: Cyrillic, then Latin), as CLDR's script reordering does; Japanese and Korean
put Han characters after kana or Hangul. PyICU, which knows every CLDR tailoring, has no
wheel here; this table is the part of it a glossary needs.
"""

from __future__ import annotations

import copy
import functools
import unicodedata
from collections.abc import Iterable
from typing import Any

from pyuca import Collator
from pyuca.trie import Trie

SortKey = tuple[int, tuple[float, ...], str]

# Tailored letters: (lower case, upper case, the letter they follow). Several letters after
# one anchor follow it in the order given. "=x" instead of an anchor: sorts as letter x.
_NORDIC_SV = (("å", "Å", "z"), ("ä", "Ä", "z"), ("ö", "Ö", "z"), ("æ", "Æ", "=ä"), ("ø", "Ø", "=ö"))
_NORDIC_DA = (("æ", "Æ", "z"), ("ø", "Ø", "z"), ("å", "Å", "z"), ("ä", "Ä", "=æ"), ("ö", "Ö", "=ø"))
_TURKISH = (
    ("ç", "Ç", "c"),
    ("ğ", "Ğ", "g"),
    ("ı", "I", "h"),
    ("i", "İ", "=i"),
    ("ö", "Ö", "o"),
    ("ş", "Ş", "s"),
    ("ü", "Ü", "u"),
)
_POLISH = tuple(
    (low, low.upper(), base)
    for low, base in (
        ("ą", "a"),
        ("ć", "c"),
        ("ę", "e"),
        ("ł", "l"),
        ("ń", "n"),
        ("ó", "o"),
        ("ś", "s"),
        ("ź", "z"),
        ("ż", "z"),
    )
)
_CZECH = (("č", "Č", "c"), ("ch", "CH", "h"), ("ř", "Ř", "r"), ("š", "Š", "s"), ("ž", "Ž", "z"))
TAILORINGS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "sv": _NORDIC_SV,
    "fi": _NORDIC_SV,
    "da": _NORDIC_DA,
    "nb": _NORDIC_DA,
    "nn": _NORDIC_DA,
    "no": _NORDIC_DA,
    "es": (("ñ", "Ñ", "n"),),
    "tr": _TURKISH,
    "az": _TURKISH,
    "pl": _POLISH,
    "cs": _CZECH,
}

# The scripts a language is written in, listed first in its order (CLDR's reordering).
NATIVE_SCRIPTS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("ru", "uk", "bg", "sr", "mk", "be", "kk", "ky", "mn", "tg"), ("CYRILLIC",)),
    "el": ("GREEK",),
    **dict.fromkeys(("ar", "fa", "ur", "ps", "sd", "ug", "ckb", "ku"), ("ARABIC",)),
    **dict.fromkeys(("he", "yi"), ("HEBREW",)),
    **dict.fromkeys(("hi", "mr", "ne", "sa"), ("DEVANAGARI",)),
    **dict.fromkeys(("bn", "as"), ("BENGALI",)),
    "ja": ("KANA", "HAN"),
    "ko": ("HANGUL", "HAN"),
    "zh": ("HAN",),
}


def primary_language(language: str) -> str:
    """'de-AT' → 'de', 'zh-Hant-TW' → 'zh'."""
    return language.split("-", 1)[0].casefold()


def script_of(char: str) -> str:
    """The script of a letter by its Unicode name: 'LATIN', 'CYRILLIC', 'KANA', 'HAN'…"""
    name = unicodedata.name(unicodedata.normalize("NFKC", char)[:1] or char, "")
    word = name.split(" ", 1)[0]
    if word in ("HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA"):
        return "KANA"
    if word == "CJK" and "IDEOGRAPH" in name:
        return "HAN"
    if word in ("HANGUL",):
        return "HANGUL"
    return word


def first_letter(title: str) -> str:
    """The first letter or digit of ``title`` (leading punctuation skipped), or ''."""
    return next((ch for ch in title if ch.isalnum()), "")


@functools.cache
def _root() -> Collator:
    return Collator()  # reads the Unicode table once per process (~0.1 s)


@functools.cache
def collator(language: str) -> Collator:
    """The root collator, or a tailored copy for a language of ``TAILORINGS``."""
    tailoring = TAILORINGS.get(primary_language(language))
    if tailoring is None:
        return _root()
    tailored = copy.copy(_root())  # shares the root's table (~30 MB), under an overlay
    tailored.table = _Overlay(tailored.table)
    _tailor(tailored, tailoring)
    return tailored


class _Overlay:
    """The root table with a tailoring's few entries over it: the longer match wins, and
    on equal length the tailoring's (pyuca's ``Trie`` interface)."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.extra = Trie()

    def add(self, key: list[int], value: list[list[float]]) -> None:
        self.extra.add(key, value)

    def find_prefix(self, key: list[int]) -> tuple[list[int], Any, list[int]]:
        tailored: tuple[list[int], Any, list[int]] = self.extra.find_prefix(key)
        root: tuple[list[int], Any, list[int]] = self.root.find_prefix(key)
        return tailored if tailored[1] and len(tailored[0]) >= len(root[0]) else root


def _tailor(target: Collator, tailoring: Iterable[tuple[str, str, str]]) -> None:
    root = _root()
    steps: dict[str, int] = {}
    primaries: dict[str, float] = {}
    for lower, upper, anchor in tailoring:
        if anchor.startswith("="):
            same = anchor[1:]
            primary = primaries.get(same) or root.collation_elements(same)[0][0]
        else:
            steps[anchor] = steps.get(anchor, 0) + 1
            primary = root.collation_elements(anchor)[0][0] + steps[anchor] / 10
        primaries[lower] = primary
        for variant, tertiary in ((lower, 2), (upper, 8), (upper[:1] + lower[1:], 8)):
            codes = [ord(ch) for ch in unicodedata.normalize("NFD", variant)]
            target.table.add(codes, [[primary, 32, tertiary]])


# Cards, lists and the index ask for one title often. Room for every title and alias of
# 100,000 terms (about 800 bytes a key): with fewer entries than names, each pass over all
# names evicts the keys the next pass needs (at 100,000 terms the taxonomy took 70 × its
# 10,000-term time, computing every key again).
@functools.lru_cache(maxsize=1 << 18)
def sort_key(title: str, language: str = "en") -> SortKey:
    """The title's key in the language's order; the exact title breaks ties.

    The first number puts the language's own scripts first (0, 1…), the others after.
    """
    return script_rank(first_letter(title), language), _key(title, language), title


def _key(title: str, language: str) -> tuple[float, ...]:
    known = _KNOWN.get(language)
    found = known.get(title) if known is not None else None
    if found is not None:
        _USED.setdefault(language, {})[title] = found
        return found
    key = tuple(collator(language).sort_key(title))
    _USED.setdefault(language, {})[title] = key
    _MADE.add(language)
    return key


# Collation keys by language and string, known from an earlier build (``remember_keys``)
# so that a build whose titles are known need not load the collator (~0.3 s of CPU);
# those this process used, and the languages for which it made new ones.
_KNOWN: dict[str, dict[str, tuple[float, ...]]] = {}
_USED: dict[str, dict[str, tuple[float, ...]]] = {}
_MADE: set[str] = set()


def remember_keys(language: str, keys: dict[str, tuple[float, ...]]) -> None:
    """Take ``keys`` (string → ``collator(language).sort_key`` of it, as a tuple) as known.

    The caller vouches for them: they must come from this version of the collation."""
    _KNOWN.setdefault(language, {}).update(keys)


def used_keys(language: str) -> tuple[dict[str, tuple[float, ...]], bool]:
    """The collation keys this process used for ``language``, and whether any was new."""
    return dict(_USED.get(language, {})), language in _MADE


def script_rank(char: str, language: str) -> int:
    """0, 1… for the language's own scripts (in their order), after them every other."""
    native = NATIVE_SCRIPTS.get(primary_language(language), ())
    if char.isdigit():
        return -1  # numbers before letters, as in the root order
    if not char or not native:
        return 0
    script = script_of(char)
    return native.index(script) if script in native else len(native)
