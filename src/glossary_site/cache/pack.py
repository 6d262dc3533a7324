"""Many small cache rows in a few store entries ("shards"), so a build reads a handful of
files instead of one per term.

A pack holds rows of one kind for one namespace (for example the term entries of one
environment). Each row is plain JSON data under a string key; the key picks one of
``SHARDS`` shards, each an ordinary store entry (``store.Store``: a checksummed header,
written to a temporary file and renamed into place). So a damaged or foreign shard is a
miss of its rows only, a crash mid-write leaves the previous shard, and two builds that
write a shard at once each leave a whole one (the later wins; the other's rows are just
missing next time, and made again).

A build's shards hold exactly the rows it used or made: a shard is rewritten when its
rows differ from those loaded (a new row, a changed one, or one no longer used), and
left alone otherwise, so an edit to one term rewrites one shard. Rows are never
unpickled: they are JSON, checked by whoever reads them.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from typing import Any

from .store import MAX_ENTRY_BYTES, Store

SHARDS = 256


class Pack:
    """The rows of ``kind`` in ``namespace``: ``get`` a row, ``put`` one, ``save`` at the end."""

    def __init__(self, store: Store, kind: str, namespace: str, shards: int = SHARDS) -> None:
        self.store = store
        self.kind = kind
        self.shard_keys = [
            hashlib.sha256(f"{kind}\0{namespace}\0{shard}".encode()).hexdigest()
            for shard in range(shards)
        ]
        self._loaded: list[dict[str, Any] | None] = [None] * shards  # shard → rows read
        self._used: list[dict[str, Any]] = [{} for _ in range(shards)]  # rows this build keeps
        self._texts: dict[str, str] = {}  # JSON text of rows put by this build
        self._changed: set[int] = set()

    def _shard(self, key: str) -> int:
        return zlib.crc32(key.encode("utf-8", "surrogatepass")) % len(self.shard_keys)

    def _rows(self, shard: int) -> dict[str, Any]:
        rows = self._loaded[shard]
        if rows is None:
            rows = self._loaded[shard] = _load(self.store, self.kind, self.shard_keys[shard])
        return rows

    def get(self, key: str) -> Any:
        """The row stored under ``key`` (JSON data, unchecked), or None; kept when saved."""
        shard = self._shard(key)
        used = self._used[shard]
        if key in used:
            row = used[key]
            return json.loads(self._texts[key]) if row is None and key in self._texts else row
        row = self._rows(shard).get(key)
        if row is not None:
            used[key] = row
        return row

    def forget(self, key: str) -> None:
        """Do not keep the row of ``key`` (its reader found it unusable)."""
        shard = self._shard(key)
        if self._used[shard].pop(key, None) is not None:
            self._changed.add(shard)
        self._texts.pop(key, None)

    def put(self, key: str, text: str) -> None:
        """Store the row whose JSON text is ``text`` under ``key`` (replacing any)."""
        shard = self._shard(key)
        self._rows(shard)
        self._used[shard][key] = None  # not parsed: written from its text
        self._texts[key] = text
        self._changed.add(shard)

    def save(self) -> frozenset[str]:
        """Write the shards whose rows changed; the keys of the shards holding rows."""
        for shard, used in enumerate(self._used):
            loaded = self._loaded[shard]
            if used and (shard in self._changed or loaded is None or used.keys() != loaded.keys()):
                self._write(shard, used)
        return frozenset(key for key, used in zip(self.shard_keys, self._used, strict=True) if used)

    def _write(self, shard: int, rows: dict[str, Any]) -> None:
        texts = self._texts
        parts = [
            json.dumps(key) + ":" + (texts[key] if key in texts else json.dumps(row))
            for key, row in rows.items()
        ]
        data = ("{" + ",".join(parts) + "}").encode("ascii")
        if len(data) <= MAX_ENTRY_BYTES // 2:  # else its rows are made again next time
            self.store.put(self.kind, self.shard_keys[shard], data)


def _load(store: Store, kind: str, key: str) -> dict[str, Any]:
    found = store.get(kind, key)
    if found is None:
        return {}
    try:
        loaded = json.loads(found[0])
    except (ValueError, RecursionError):
        return {}
    return loaded if isinstance(loaded, dict) else {}
