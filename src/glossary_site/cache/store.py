"""A folder of content-addressed entries: each file is named by the digest of what it depends on.

Layout: ``<folder>/v1/<kind>/<first two hex digits>/<key>``. Each entry starts with a
header line holding the format and the SHA-256 of the rest, so a truncated, corrupted
or foreign file is a miss, never trusted. Entries are written to a temporary file
beside their place and renamed into it, so concurrent builds only ever see whole
entries (two builds that write the same key write the same bytes). ``prune`` removes
entries a build did not use once they are old enough not to belong to a build running
at the same time; it never follows a link out of the folder. Deleting the folder is
always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import re
import stat
import time
from pathlib import Path

FORMAT = b"glossary-site-cache 1"
LAYOUT = "v1"
MAX_ENTRY_BYTES = 64 * 1024 * 1024
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# glossary-site's cache: safe to delete.\n"
_HEADER_BYTES = len(FORMAT) + 1 + 64 + 1
_numbers = itertools.count()
# Entries unused by a build are removed once they are older than this.
PRUNE_AFTER_SECONDS = 3600.0
# A key: a plain file name (hex digests, mostly).
_KEY_RE = re.compile(r"[0-9A-Za-z_-][0-9A-Za-z_.-]{0,199}")
# What ``_read_entry`` gives for a file that is not an intact entry (a miss, removed).
_BROKEN: tuple[bytes, str] = (b"", "broken")


class Store:
    """Entries of one cache folder; every failure to read is a miss, every failure to write
    turns writing off for the rest of the run (the build never depends on the cache)."""

    # True for a store in this process's memory (``serve``): what worker processes
    # make is stored again here, since their puts stay in their own memory.
    in_memory = False

    def __init__(self, folder: Path, writable: bool = True) -> None:
        self.folder = folder
        self.writable = writable
        self._root = os.path.join(folder, LAYOUT)  # plain strings: paths are made by the 10,000
        self._prepared = False

    def _path(self, kind: str, key: str) -> str | None:
        """Where the entry is; None for a key that is no plain name (a key read from an
        entry may have been tampered with: it never leads out of its folder)."""
        if _KEY_RE.fullmatch(key) is None:
            return None
        return os.path.join(self._root, kind, key[:2], key)

    def get(self, kind: str, key: str) -> tuple[bytes, str] | None:
        """The payload of an intact entry and its SHA-256 (hex), or None. An entry that is
        there but not intact is removed, so that the next build stores it again."""
        path = self._path(kind, key)
        if path is None:
            return None
        found = _read_entry(path)
        if found is _BROKEN:
            self._remove(path)
            return None
        return found

    def get_named(self, kind: str, key: str) -> bytes | None:
        """The payload of an entry stored under the SHA-256 of its bytes (``key``), or None.
        An intact entry that is not those bytes is removed, like a broken one: the next
        build stores it again."""
        found = self.get(kind, key)
        if found is None:
            return None
        if found[1] != key:
            self.discard(kind, key)
            return None
        return found[0]

    def has(self, kind: str, key: str) -> bool:
        """Whether an entry is stored under ``key`` (not read: it may still be broken)."""
        path = self._path(kind, key)
        return path is not None and os.path.isfile(path)

    def discard(self, kind: str, key: str) -> None:
        """Remove the entry under ``key``, best effort."""
        path = self._path(kind, key)
        if path is not None:
            self._remove(path)

    def _remove(self, path: str) -> None:
        if self.writable:
            with contextlib.suppress(OSError):
                os.unlink(path)

    def put(self, kind: str, key: str, payload: bytes) -> str:
        """Store ``payload`` under ``key`` (best effort); its SHA-256 (hex)."""
        header = _header(payload)
        path = self._path(kind, key)
        if self.writable and path is not None:
            try:
                self._prepare()
                _write_atomic(path, header + payload)
            except OSError:
                self.writable = False
        return header[len(FORMAT) + 1 : -1].decode()

    def prune(self, keep: set[str] | frozenset[str], now: float | None = None) -> None:
        """Remove the entries not in ``keep`` and the temporary files of killed builds,
        once they are older than ``PRUNE_AFTER_SECONDS`` (entries a build running at the
        same time is writing are younger). Best effort: what cannot be removed stays."""
        if not self.writable:
            return
        cutoff = (time.time() if now is None else now) - PRUNE_AFTER_SECONDS
        for kind in _folders(self._root):
            for folder in _folders(kind.path):
                for entry in _files(folder.path):
                    if entry.name not in keep:
                        _remove_if_older(entry, cutoff)

    def _prepare(self) -> None:
        """Create the folder, tagged as a cache (backup tools skip it, git ignores it)."""
        if self._prepared or (self.folder / "CACHEDIR.TAG").is_file():
            self._prepared = True
            return
        _write_atomic(self.folder / ".gitignore", b"# glossary-site's cache\n*\n")
        _write_atomic(self.folder / "CACHEDIR.TAG", TAG.encode())
        self._prepared = True


def _folders(path: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(path) as listing:
            return [entry for entry in listing if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def _files(path: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(path) as listing:
            return [entry for entry in listing if entry.is_file(follow_symlinks=False)]
    except OSError:
        return []


def _remove_if_older(entry: os.DirEntry[str], cutoff: float) -> None:
    with contextlib.suppress(OSError):
        if entry.stat(follow_symlinks=False).st_mtime < cutoff:
            os.unlink(entry.path)


def _header(payload: bytes) -> bytes:
    return FORMAT + b" " + hashlib.sha256(payload).hexdigest().encode() + b"\n"


def _read_entry(path: str) -> tuple[bytes, str] | None:
    """The payload of the entry at ``path``, or None when it is absent or cannot be read,
    ``_BROKEN`` when it is a file that is not an intact entry."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            data = handle.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_ENTRY_BYTES or len(data) < _HEADER_BYTES:
        return _BROKEN
    header, payload = data[:_HEADER_BYTES], data[_HEADER_BYTES:]
    if header != _header(payload):
        return _BROKEN
    return payload, header[len(FORMAT) + 1 : -1].decode()


def _write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file of this process beside it."""
    temporary = f"{path}.tmp-{os.getpid()}-{next(_numbers)}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(temporary, flags, 0o644)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(temporary), exist_ok=True)
        fd = os.open(temporary, flags, 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def folder_clash(cache_dir: Path, folders: dict[str, Path]) -> str | None:
    """Why ``cache_dir`` may not be used beside ``folders`` (by description), or None.

    The cache may not lie in the output folder (it would be published) nor in an input
    folder (it would be read as content), and may not hold either.
    """
    cache = cache_dir.resolve()
    for description, folder in folders.items():
        other = folder.resolve()
        if cache == other or other in cache.parents:
            return f"the cache folder is {description} or inside it"
        if cache in other.parents:
            return f"the cache folder holds {description}"
    return None
