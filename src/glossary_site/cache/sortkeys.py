"""Cached collation keys: each title's key in the site language's order (``collation.py``).

Computing a key needs pyuca's collator, whose table takes about 0.3 s of CPU to load in
every process, and then about 0.1 ms a title. The keys a build used are kept in one
cache entry per environment (which covers pyuca's version and our own code) and
language, so a build whose titles are all known never loads the collator. The entry is
checked on the way in: a string that does not map to a list of numbers drops the whole
entry (every key is then computed again).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from ..alphabet import HAN_LABEL, alphabet_of, group_label, sort_key
from ..collation import remember_keys, used_keys
from .store import MAX_ENTRY_BYTES, Store

KIND = "sortkeys"


class SortKeyCache:
    """The collation keys of one language, loaded once; ``save`` stores what was used."""

    def __init__(self, store: Store, environment: str, language: str) -> None:
        self.store = store
        self.language = language
        self.key = hashlib.sha256(f"{KIND}\0{environment}\0{language}".encode()).hexdigest()
        self.known = _load(store, self.key)
        remember_keys(language, self.known)

    def save(self, titles: Iterable[str]) -> frozenset[str]:
        """Store the keys this process used when any was new; the entry's key.

        The letters of the index (those of ``titles`` and the language's alphabet), sorted
        when pages are made, are added."""
        used, made = used_keys(self.language)
        if made:
            labels = {group_label(title, self.language) for title in titles}
            for label in labels | {*alphabet_of(self.language), "", HAN_LABEL, "一"}:
                sort_key(label, self.language)
            used, made = used_keys(self.language)
            data = json.dumps(used, separators=(",", ":")).encode()  # ASCII
            if len(data) <= MAX_ENTRY_BYTES // 2:
                self.store.put(KIND, self.key, data)
        return frozenset({self.key})


def _load(store: Store, key: str) -> dict[str, tuple[float, ...]]:
    found = store.get(KIND, key)
    if found is None:
        return {}
    try:
        loaded = json.loads(found[0], parse_constant=_refuse)
    except (ValueError, RecursionError):
        return {}
    return _checked(loaded)


def _refuse(constant: str) -> None:
    raise ValueError(f"{constant} is no collation weight")


def _checked(loaded: Any) -> dict[str, tuple[float, ...]]:
    """``loaded`` as keys by string, or {} when anything in it is not a key."""
    if not isinstance(loaded, dict):
        return {}
    keys: dict[str, tuple[float, ...]] = {}
    for text, numbers in loaded.items():
        if type(numbers) is not list or not all(type(n) in (int, float) for n in numbers):
            return {}
        keys[text] = tuple(numbers)
    return keys
