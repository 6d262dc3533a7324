"""Letter groups and sorting of titles for the index, cards, lists and tag pages, per language.

Titles sort in the site language's order (``collation.py``: the Unicode Collation
Algorithm with the tailorings that matter). Each title goes under the first letter of its
language's alphabet:

- Latin: the base letter (É with E), or a letter of the language's own (Spanish Ñ,
  Turkish Ç Ğ I İ Ö Ş Ü, Swedish Å Ä Ö, Danish Æ Ø Å, Polish, Czech Č Ch Ř Š Ž);
- Cyrillic, Greek, Arabic, Hebrew and other alphabets: the first letter (Russian Ё with Е,
  Arabic alef forms with ا, Greek accents dropped);
- Devanagari, Bengali and other Indic scripts: the first akshara's consonant (or vowel);
- Japanese kana: the gojūon row (あ か さ た な は ま や ら わ), katakana with hiragana,
  voiced with unvoiced; Korean Hangul: the initial consonant (ㄱ ㄴ ㄷ …);
- Han characters (no reading is known) in one group, after the phonetic ones, under a
  label the page translates;
- digits under "0–9" before every letter; titles with no letter or digit under "#".
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from .collation import (
    NATIVE_SCRIPTS,
    TAILORINGS,
    SortKey,
    first_letter,
    primary_language,
    script_of,
    script_rank,
)
from .collation import sort_key as sort_key

T = TypeVar("T")

DIGITS_LABEL = "0–9"
OTHER_LABEL = "#"
HAN_LABEL = "漢字"  # the Han group's label when the page does not translate it
HAN_ID = "letter-han"

_KANA_ROWS = "あかさたなはまやらわ"
_KANA_ROW_OF = {
    ch: row
    for row, members in zip(
        _KANA_ROWS,
        (
            "ぁあぃいぅうぇえぉお",
            "かきくけこゕゖ",
            "さしすせそ",
            "たちっつてと",
            "なにぬねの",
            "はひふへほ",
            "まみむめも",
            "ゃやゅゆょよ",
            "らりるれろ",
            "ゎわゐゑをん",
        ),
        strict=True,
    )
    for ch in members
}
_HANGUL_INITIALS = "ㄱㄱㄴㄷㄷㄹㅁㅂㅂㅅㅅㅇㅈㅈㅊㅋㅌㅍㅎ"  # ㄲ ㄸ ㅃ ㅆ ㅉ with their plain form
_FOLDED = {"Ё": "Е", "Ѐ": "Е", "آ": "ا", "أ": "ا", "إ": "ا", "ٱ": "ا"}
_LATIN = "".join(string.ascii_uppercase)

# The letters a language's letter bar always shows (empty ones greyed); languages not
# listed show A–Z when written in Latin, and only the groups present otherwise.
ALPHABETS: dict[str, tuple[str, ...]] = {
    "es": tuple("ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"),
    **dict.fromkeys(("sv", "fi"), tuple(_LATIN + "ÅÄÖ")),
    **dict.fromkeys(("da", "nb", "nn", "no"), tuple(_LATIN + "ÆØÅ")),
    **dict.fromkeys(("tr", "az"), tuple("ABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ")),
    "pl": tuple("AĄBCĆDEĘFGHIJKLŁMNŃOÓPRSŚTUWYZŹŻ"),
    "cs": (*"ABCČDEFGH", "Ch", *"IJKLMNOPQRŘSŠTUVWXYZŽ"),
    "ru": tuple("АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ"),
    "uk": tuple("АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЮЯ"),
    "el": tuple("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ"),
    "ja": tuple(_KANA_ROWS),
    "ko": tuple("ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"),
}


@dataclass(frozen=True, slots=True)
class LetterGroup(Generic[T]):
    label: str
    id: str
    items: tuple[T, ...]


def group_label(title: str, language: str = "en", han_label: str = HAN_LABEL) -> str:
    """'Épic' → 'E', '3 Amigos' → '0–9', 'Жизнь' → 'Ж', 'ñandú' → 'Ñ' (es) or 'N'."""
    return _letter(title, primary_language(language), han_label)


def _letter(title: str, language: str, han_label: str) -> str:
    text = unicodedata.normalize("NFC", title)
    index = next((i for i, ch in enumerate(text) if ch.isalnum()), -1)
    if index < 0:
        return OTHER_LABEL
    first = text[index]
    if first.isdigit():
        return DIGITS_LABEL
    script = script_of(first)
    if script == "LATIN":
        return _latin(text[index : index + 2], language)
    if script == "HAN":
        return han_label
    if script == "KANA":
        return _kana_row(first)
    if script == "HANGUL":
        return _hangul_initial(first)
    base = unicodedata.normalize("NFD", first)[0]
    if script in ("CYRILLIC", "ARABIC"):  # й, ї and Urdu letters are letters of their own
        base = unicodedata.normalize("NFC", first)
    return _FOLDED.get(base.upper(), base.upper())


def _latin(head: str, language: str) -> str:
    tailoring = TAILORINGS.get(language, ())
    if tailoring:
        lowered = _lower(head, language)
        for lower, upper, anchor in sorted(tailoring, key=lambda entry: -len(entry[0])):
            if lowered.startswith(lower):
                same = next((e for e in tailoring if anchor == f"={e[0]}" and e[0] != lower), None)
                lower, upper = (same[0], same[1]) if same else (lower, upper)
                return upper[:1] + lower[1:]
    base = unicodedata.normalize("NFKD", head[0])[0]
    return base.upper() if base.upper() in _LATIN else head[0].upper()


def _lower(text: str, language: str) -> str:
    if language in ("tr", "az"):
        text = text.replace("I", "ı").replace("İ", "i")
    return unicodedata.normalize("NFC", text.lower())


def _kana_row(char: str) -> str:
    code = ord(unicodedata.normalize("NFKC", char))
    if 0x30A1 <= code <= 0x30F6:  # katakana → hiragana
        code -= 0x60
    elif 0x30F7 <= code <= 0x30FA:  # ヷ ヸ ヹ ヺ
        return "わ"
    plain = unicodedata.normalize("NFD", chr(code))[0]  # が → か
    return _KANA_ROW_OF.get(plain, "あ")


def _hangul_initial(char: str) -> str:
    code = ord(char)
    if 0xAC00 <= code <= 0xD7A3:
        return _HANGUL_INITIALS[(code - 0xAC00) // 588]
    return char


def group_id(label: str, han_label: str = HAN_LABEL) -> str:
    """'A' → 'letter-a', '0–9' → 'letter-0-9', 'Ñ' → 'letter-u00d1', 'Ch' → 'letter-ch'."""
    if label == DIGITS_LABEL:
        return "letter-0-9"
    if label == OTHER_LABEL:
        return "letter-other"
    if label == han_label:
        return HAN_ID
    if label.isascii() and label.isalpha():
        return f"letter-{label.lower()}"
    return "letter-" + "-".join(f"u{ord(ch):04x}" for ch in label)


def _group_order(label: str, language: str, han_label: str) -> tuple[int, SortKey]:
    if label == DIGITS_LABEL:
        return 0, sort_key("", language)
    if label == OTHER_LABEL:
        return 3, sort_key("", language)
    letter = "一" if label == han_label else label
    return (2 if script_of(first_letter(letter) or letter) == "HAN" else 1), sort_key(
        letter, language
    )


def _ordered(labels: Iterable[str], language: str, han_label: str) -> list[str]:
    if NATIVE_SCRIPTS.get(primary_language(language)):  # own script first (script_rank)
        return sorted(labels, key=lambda label: _native_order(label, language, han_label))
    return sorted(labels, key=lambda label: _group_order(label, language, han_label))


def _native_order(label: str, language: str, han_label: str) -> tuple[int, int, SortKey]:
    kind, key = _group_order(label, language, han_label)
    letter = "一" if label == han_label else label
    rank = script_rank(first_letter(letter), language)
    return (0 if kind == 0 else 3 if kind == 3 else 1), rank, key


def group_by_letter(
    items: Iterable[tuple[str, T]], language: str = "en", han_label: str = HAN_LABEL
) -> tuple[LetterGroup[T], ...]:
    """Group ``(title, item)`` pairs by first letter; groups and items sorted."""
    code = primary_language(language)
    groups: dict[str, list[tuple[SortKey, T]]] = {}
    for title, item in items:
        groups.setdefault(_letter(title, code, han_label), []).append(
            (sort_key(title, language), item)
        )
    return tuple(
        LetterGroup(
            label,
            group_id(label, han_label),
            tuple(item for _, item in sorted(groups[label], key=lambda pair: pair[0])),
        )
        for label in _ordered(groups, language, han_label)
    )


def alphabet_of(language: str) -> tuple[str, ...]:
    """The letters the letter bar always shows for ``language`` (see ``ALPHABETS``)."""
    code = primary_language(language)
    if code in ALPHABETS:
        return ALPHABETS[code]
    return () if code in NATIVE_SCRIPTS else tuple(_LATIN)


def letter_bar(
    groups: tuple[LetterGroup[T], ...], language: str = "en", han_label: str = HAN_LABEL
) -> tuple[LetterGroup[T], ...]:
    """The language's alphabet (empty letters without items) plus every other group present."""
    present = {g.label: g for g in groups}
    labels = _ordered(set(alphabet_of(language)) | set(present), language, han_label)
    return tuple(
        present.get(label) or LetterGroup(label, group_id(label, han_label), ()) for label in labels
    )
