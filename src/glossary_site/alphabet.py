"""A–Z grouping and sorting of titles for the index, cards, lists and tag pages.

Titles sort by the Unicode Collation Algorithm (``pyuca``, the default table): "Container"
before "Container Network Interface", "CUDA Core" before "GPU Core", "é" with "e" whatever
the case. Latin letters with diacritics group with their base letter (É with E), titles
starting with a digit go under "0–9" before A, and titles in other scripts come after Z,
each under its own first letter.
"""

from __future__ import annotations

import functools
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from pyuca import Collator

T = TypeVar("T")

DIGITS_LABEL = "0–9"


@dataclass(frozen=True, slots=True)
class LetterGroup(Generic[T]):
    label: str
    id: str
    items: tuple[T, ...]


@functools.cache
def _collator() -> Collator:
    return Collator()  # reads the Unicode table once per process (~0.1 s)


@functools.lru_cache(maxsize=1 << 16)  # cards, lists and the index ask for one title often
def sort_key(title: str) -> tuple[tuple[int, ...], str]:
    """The title's collation key (UCA), with the exact title as tie-breaker."""
    return _collator().sort_key(title), title


def _base_letters(title: str) -> str:
    decomposed = unicodedata.normalize("NFKD", title)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def group_label(title: str) -> str:
    """'Épic' → 'E', '3 Amigos' → '0–9', 'Жизнь' → 'Ж'; leading punctuation is skipped."""
    base = _base_letters(title)
    first = next((ch for ch in base if ch.isalnum()), "")
    if not first:
        return "#"
    if first in string.ascii_lowercase:
        return first.upper()
    if first.isdigit():
        return DIGITS_LABEL
    return first.upper()


def _group_order(label: str) -> tuple[int, str]:
    if label == DIGITS_LABEL:
        return 0, ""
    if len(label) == 1 and label in string.ascii_uppercase:
        return 1, label
    if label == "#":
        return 3, ""
    return 2, label


def group_id(label: str) -> str:
    if label == DIGITS_LABEL:
        return "letter-0-9"
    if label in string.ascii_uppercase:
        return f"letter-{label.lower()}"
    return "letter-other" if label == "#" else f"letter-u{ord(label):04x}"


def group_by_letter(items: Iterable[tuple[str, T]]) -> tuple[LetterGroup[T], ...]:
    """Group ``(title, item)`` pairs by first letter; groups and items sorted."""
    groups: dict[str, list[tuple[tuple[tuple[int, ...], str], T]]] = {}
    for title, item in items:
        groups.setdefault(group_label(title), []).append((sort_key(title), item))
    return tuple(
        LetterGroup(
            label,
            group_id(label),
            tuple(item for _, item in sorted(groups[label], key=lambda pair: pair[0])),
        )
        for label in sorted(groups, key=_group_order)
    )


def letter_bar(groups: tuple[LetterGroup[T], ...]) -> tuple[LetterGroup[T], ...]:
    """Every letter A–Z (empty ones without items) plus every other group present."""
    present = {g.label: g for g in groups}
    labels = sorted(set(string.ascii_uppercase) | set(present), key=_group_order)
    return tuple(present.get(label) or LetterGroup(label, group_id(label), ()) for label in labels)
