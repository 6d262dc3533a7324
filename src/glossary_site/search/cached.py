"""Pagefind's bundle of one shard kept in the build cache, so a build whose shard's terms did
not change does not run Pagefind again for it (about 1.3 s of CPU for 500 terms).

The key hashes every search document of the shard and the identity of the binary (the ``pagefind``
package's version, the binary's path, size and modification time), so any change to what
is indexed, or another Pagefind, makes a new bundle. The entry is one payload of
``path\\nlength\\nbytes`` records. Reading it back checks every record (a safe relative
path, the stated length, a ``pagefind-entry.json``): anything else is a miss, and Pagefind runs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Protocol

KIND = "search"
# A bundle path: plain names joined by "/", none of them "." or "..".
_SAFE_PATH_RE = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")


class EntryStore(Protocol):
    """What the cache offers (``cache.Store``); this package does not import it."""

    def get(self, kind: str, key: str) -> tuple[bytes, str] | None: ...

    def put(self, kind: str, key: str, payload: bytes) -> str: ...


def bundle_key(documents: Mapping[PurePosixPath, str], binary: Path) -> str:
    """The cache key of the bundle Pagefind ``binary`` makes of ``documents``."""
    digest = hashlib.sha256(f"search 2\0{_identity(binary)}\0".encode())
    for path in sorted(documents):
        digest.update(f"{path.as_posix()}\0{documents[path]}\0".encode())
    return digest.hexdigest()


def _identity(binary: Path) -> str:
    try:
        version = metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        version = ""
    try:
        found = binary.stat()
    except OSError:
        return f"{version}:{binary}"
    return f"{version}:{binary}:{found.st_size}:{found.st_mtime_ns}"


def pack(bundle: Mapping[PurePosixPath, bytes]) -> bytes:
    """The bundle as one cache payload."""
    parts = []
    for path in sorted(bundle):
        data = bundle[path]
        parts.append(f"{path.as_posix()}\n{len(data)}\n".encode() + data)
    return b"".join(parts)


def unpack(payload: bytes) -> dict[PurePosixPath, bytes] | None:
    """The bundle of a payload ``pack`` wrote; None when it is anything else."""
    bundle: dict[PurePosixPath, bytes] = {}
    at = 0
    while at < len(payload):
        record = _record(payload, at)
        if record is None:
            return None
        path, data, at = record
        bundle[path] = data
    return bundle if PurePosixPath("pagefind-entry.json") in bundle else None


def _record(payload: bytes, at: int) -> tuple[PurePosixPath, bytes, int] | None:
    name_end = payload.find(b"\n", at)
    size_end = payload.find(b"\n", name_end + 1) if name_end >= 0 else -1
    if size_end < 0:
        return None
    try:
        name = payload[at:name_end].decode("ascii")
        size = int(payload[name_end + 1 : size_end].decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return None
    end = size_end + 1 + size
    if not _SAFE_PATH_RE.match(name) or size < 0 or end > len(payload):
        return None
    return PurePosixPath(name), payload[size_end + 1 : end], end
