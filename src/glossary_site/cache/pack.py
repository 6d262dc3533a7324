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
left alone otherwise, so an edit to one term rewrites one shard. A row is bytes the
pack does not look into (its reader checks them); a shard is a sequence of rows, each
after a line ``key<TAB>length``. Nothing is ever unpickled.
"""

from __future__ import annotations

import hashlib
import zlib

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
        self._loaded: list[dict[str, bytes] | None] = [None] * shards  # shard → rows read
        self._used: list[dict[str, bytes]] = [{} for _ in range(shards)]  # rows this build keeps
        self._changed: set[int] = set()

    def _shard(self, key: str) -> int:
        return zlib.crc32(key.encode("utf-8", "surrogatepass")) % len(self.shard_keys)

    def _rows(self, shard: int) -> dict[str, bytes]:
        rows = self._loaded[shard]
        if rows is None:
            rows = self._loaded[shard] = _load(self.store, self.kind, self.shard_keys[shard])
        return rows

    def get(self, key: str) -> bytes | None:
        """The row stored under ``key`` (unchecked), or None; kept when saved."""
        shard = self._shard(key)
        used = self._used[shard]
        row = used.get(key)
        if row is None:
            row = self._rows(shard).get(key)
            if row is not None:
                used[key] = row
        return row

    def forget(self, key: str) -> None:
        """Do not keep the row of ``key`` (its reader found it unusable)."""
        shard = self._shard(key)
        if self._used[shard].pop(key, None) is not None:
            self._changed.add(shard)

    def put(self, key: str, row: bytes) -> None:
        """Store ``row`` under ``key`` (replacing any); a key holds no tab nor line break."""
        if "\t" in key or "\n" in key:
            raise ValueError(f"a pack key may not hold a tab or line break: {key!r}")
        shard = self._shard(key)
        self._rows(shard)
        self._used[shard][key] = row
        self._changed.add(shard)

    def save(self) -> frozenset[str]:
        """Write the shards whose rows changed; the keys of the shards holding rows.

        The rows are let go of: a ``get`` afterwards reads the shards again."""
        for shard, used in enumerate(self._used):
            loaded = self._loaded[shard]
            if used and (shard in self._changed or loaded is None or used.keys() != loaded.keys()):
                self._write(shard, used)
        kept = frozenset(key for key, used in zip(self.shard_keys, self._used, strict=True) if used)
        self._loaded = [None] * len(self.shard_keys)
        self._used = [{} for _ in self.shard_keys]
        self._changed = set()
        return kept

    def _write(self, shard: int, rows: dict[str, bytes]) -> None:
        parts: list[bytes] = []
        for key, row in rows.items():
            parts += (f"{key}\t{len(row)}\n".encode("utf-8", "surrogatepass"), row)
        data = b"".join(parts)
        if len(data) <= MAX_ENTRY_BYTES // 2:  # else its rows are made again next time
            self.store.put(self.kind, self.shard_keys[shard], data)


def _load(store: Store, kind: str, key: str) -> dict[str, bytes]:
    found = store.get(kind, key)
    return {} if found is None else _rows(found[0])


def _rows(data: bytes) -> dict[str, bytes]:
    """The rows of a shard's bytes; {} when they are not a sequence of rows."""
    rows: dict[str, bytes] = {}
    at = 0
    try:
        while at < len(data):
            end = data.index(b"\n", at)
            key, length = data[at:end].decode("utf-8", "surrogatepass").split("\t")
            size = int(length)
            at = end + 1 + size
            if size < 0 or at > len(data) or not length.isdigit():
                return {}
            rows[key] = data[end + 1 : at]
    except ValueError:  # no line end, no tab, not a number, not UTF-8
        return {}
    return rows
