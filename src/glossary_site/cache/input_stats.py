"""Digests of input files known by their status, so an unchanged file is not read again.

As git's index does: the SHA-256 of a file is remembered with its inode, size,
modification and status-change times (``ctime``, which no program can set back). A
later digest of the inputs takes a file whose status is still exactly that as
unchanged without reading it. A file whose times are within ``RACY_NS`` of when it was
hashed could still change within the clock's tick without its times moving: it is not
remembered, so it is read again next time (the racy-clean rule).

The table lives in the cache (one entry per project and output folder) and may come
from elsewhere (a CI restore): every field is checked on the way in, and a forged entry
could only match a file whose inode and ``ctime`` it knows, which only this machine
can know (a restored or checked-out file gets a new ``ctime``).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from typing import Any

from .store import Store

KIND = "inputstats"
RACY_NS = 2_000_000_000
Status = tuple[int, int, int, int]  # inode, size, mtime_ns, ctime_ns


class InputStats:
    """Known digests by path and status; what is hashed now is noted for the next time."""

    def __init__(self, known: dict[str, tuple[Status, bytes]] | None = None) -> None:
        self.known = known or {}
        self.seen: dict[str, tuple[Status, bytes]] = {}
        self.read = 0  # files read this time (the others were known)

    def digest_of(self, path: str, info: os.stat_result) -> bytes | None:
        """The SHA-256 of the file at ``path`` if its status is the one remembered."""
        status = _status(info)
        found = self.known.get(path)
        if found is None or found[0] != status:
            return None
        self.seen[path] = found
        return found[1]

    def note(self, path: str, info: os.stat_result, sha256: bytes) -> None:
        """Remember a file just hashed, unless its times are too recent to prove anything."""
        self.read += 1
        racy_from = time.time_ns() - RACY_NS
        if info.st_mtime_ns < racy_from and info.st_ctime_ns < racy_from:
            self.seen[path] = (_status(info), sha256)

    def again(self) -> InputStats:
        """A table for digesting the same inputs once more, knowing what this one saw."""
        return InputStats(dict(self.seen))


def stats_key(*parts: str) -> str:
    return hashlib.sha256("\0".join((KIND, *parts)).encode("utf-8", "surrogateescape")).hexdigest()


def load_stats(store: Store, key: str) -> InputStats:
    """The table stored under ``key``; empty when absent or when anything does not fit."""
    found = store.get(KIND, key)
    if found is None:
        return InputStats()
    try:
        data = json.loads(found[0])
        return InputStats(_decode(data))
    except (ValueError, TypeError, RecursionError):
        return InputStats()


def save_stats(store: Store, key: str, stats: InputStats, loaded: InputStats) -> None:
    """Store what ``stats`` saw (best effort), when it differs from the ``loaded`` table."""
    if stats.seen == loaded.known:
        return
    table = {path: [*status, sha.hex()] for path, (status, sha) in stats.seen.items()}
    payload = json.dumps(table, separators=(",", ":"), ensure_ascii=True)
    store.put(KIND, key, payload.encode("ascii"))


def _decode(data: Any) -> dict[str, tuple[Status, bytes]]:
    if not isinstance(data, dict):
        raise TypeError("table")
    known: dict[str, tuple[Status, bytes]] = {}
    for path, row in data.items():
        if not (isinstance(row, list) and len(row) == 5):
            raise TypeError("row")
        inode, size, mtime_ns, ctime_ns, sha = row
        numbers = (inode, size, mtime_ns, ctime_ns)
        if {*map(type, numbers)} != _INT_TYPES or min(numbers) < 0 or type(sha) is not str:
            raise TypeError("row")  # (bool is no int here: type(True) is bool)
        digest = bytes.fromhex(sha)
        if len(digest) != 32:
            raise TypeError("digest")
        known[path] = (numbers, digest)
    return known


_INT_TYPES = {int}


def _status(info: os.stat_result) -> Status:
    return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns
