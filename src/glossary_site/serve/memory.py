"""The build cache kept in memory while the server runs: nothing is written to disk.

``MemoryTermCache`` keeps each term file's parsed and converted entry as a Python value
(no encoding), keyed like the disk cache by the file's path and bytes, so an edit
converts that one file again. ``MemoryStore`` keeps rendered term pages by key, so a
rebuild renders only the pages whose key changed (see ``cache.pages``). Both drop what
the last rebuild did not use. Each look-up and store calls ``checkpoint`` first: a
rebuild asks them once per term and per page, so it can be cancelled there.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable
from pathlib import Path

from ..cache import Cached, Store, TermCache, TermEntry


class MemoryStore(Store):
    """Entries in a dict instead of a folder; ``prune`` keeps only ``keep``."""

    in_memory = True

    def __init__(self) -> None:
        super().__init__(Path("/nonexistent-memory-store"), writable=False)
        self.entries: dict[tuple[str, str], tuple[bytes, str]] = {}
        self.checkpoint: Callable[[], None] = _no_checkpoint

    def get(self, kind: str, key: str) -> tuple[bytes, str] | None:
        self.checkpoint()
        return self.entries.get((kind, key))

    def put(self, kind: str, key: str, payload: bytes) -> str:
        self.checkpoint()
        digest = hashlib.sha256(payload).hexdigest()
        self.entries[kind, key] = (payload, digest)
        return digest

    def prune(self, keep: set[str] | frozenset[str], now: float | None = None) -> None:
        self.entries = {k: v for k, v in self.entries.items() if k[1] in keep}


class MemoryTermCache(TermCache):
    """Term entries as values, keyed by environment, path and bytes."""

    def __init__(self, environment: str) -> None:
        super().__init__(MemoryStore(), environment)
        self.entries: dict[str, Cached] = {}
        self.used: set[str] = set()
        self._puts = itertools.count()
        self.checkpoint: Callable[[], None] = _no_checkpoint

    def get(self, key: str) -> Cached | None:
        self.checkpoint()
        found = self.entries.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def put(self, key: str, entry: TermEntry) -> str:
        self.checkpoint()
        digest = f"{key}:{next(self._puts)}"  # a new entry, a new digest
        self.entries[key] = Cached(entry, digest)
        self.used.add(key)
        return digest

    def prune(self) -> None:
        """Forget the entries the last rebuild did not use."""
        self.entries = {k: v for k, v in self.entries.items() if k in self.used}
        self.used = set()


def _no_checkpoint() -> None:
    return None
