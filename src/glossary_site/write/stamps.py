"""Whether an output folder is still exactly what a build left in it, without reading it.

Right after a build puts its site in place (under the output lock) it takes the
*stamps* of the folder: for the root, every folder and every file, its relative path,
inode, size, modification and status-change time (``ctime``, which no program can set
back: ``utime`` moves it to now). A later build with unchanged inputs compares them
with the folder as it is; any difference (a file edited, replaced, removed or added,
which changes its folder's times) means "build for real".

Times have the resolution of the kernel's clock tick, so an entry changed within a
tick of its stamp could keep its times: entries whose ``ctime`` is within
``RACY_SECONDS`` of when the stamps were taken are checked by content instead (a file
against its SHA-256 in the manifest, a folder by its list of names), as git does for
its index.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

from .lock import output_lock
from .manifest import KEPT_AT_ROOT, MANIFEST_NAME, read_digests
from .swap import retired_prefix, staging_prefix

# Entries changed this close to the stamps are checked by their contents.
RACY_SECONDS = 2.0
# [relative path ("" for the root), is a folder (0/1), inode, size, mtime_ns, ctime_ns]
Stamp = list[object]


def take_stamps(site: Path) -> tuple[list[Stamp], int, str] | None:
    """The stamps of ``site``, when they were taken (ns) and the SHA-256 of its manifest;
    None if it holds a link or anything but files and folders (not a build of ours)."""
    stamps: list[Stamp] = []
    pending = [(str(site), "")]
    try:
        stamps.append(_stamp("", os.lstat(site)))
        while pending:
            path, relative = pending.pop()
            with os.scandir(path) as listing:
                for entry in listing:
                    if not relative and entry.name in KEPT_AT_ROOT:
                        continue
                    name = f"{relative}/{entry.name}" if relative else entry.name
                    info = entry.stat(follow_symlinks=False)
                    if stat.S_ISDIR(info.st_mode):
                        pending.append((entry.path, name))
                    elif not stat.S_ISREG(info.st_mode):
                        return None
                    stamps.append(_stamp(name, info))
        manifest = _file_digest(site / MANIFEST_NAME)
    except OSError:
        return None
    return stamps, time.time_ns(), manifest


def _stamp(name: str, info: os.stat_result) -> Stamp:
    folder = int(stat.S_ISDIR(info.st_mode))
    return [name, folder, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def site_is_unchanged(
    out_dir: Path,
    stamps: object,
    taken_ns: object,
    manifest_sha256: object,
    lock_timeout: float,
    on_wait: Callable[[], None] | None = None,
    given: Path | None = None,
) -> bool:
    """Whether ``out_dir`` (resolved) is exactly as ``stamps`` describe it, checked under
    its lock. ``stamps`` come from the cache and may be anything: what does not fit is
    simply not equal. Raises the ``output-locked`` OutputError as ``write_site`` does
    (naming the folder as ``given`` by the user)."""
    if not isinstance(stamps, list) or not isinstance(taken_ns, int) or not stamps:
        return False
    with (
        output_lock(out_dir, lock_timeout, on_wait, given),
        contextlib.suppress(OSError, TypeError, ValueError, IndexError),
    ):
        if _has_leftovers(out_dir):  # a killed build: the next real build tidies up
            return False
        if _file_digest(out_dir / MANIFEST_NAME) != manifest_sha256:
            return False
        return _matches(out_dir, stamps, taken_ns - int(RACY_SECONDS * 1e9))
    return False


def _has_leftovers(out_dir: Path) -> bool:
    prefixes = (staging_prefix(out_dir), retired_prefix(out_dir))
    with os.scandir(out_dir.parent) as listing:
        return any(entry.name.startswith(prefixes) for entry in listing)


def _matches(site: Path, stamps: list[object], racy_from: int) -> bool:
    racy: list[Stamp] = []
    for stamp in stamps:
        if not isinstance(stamp, list) or len(stamp) != 6 or not isinstance(stamp[0], str):
            return False
        name = stamp[0]
        if name.startswith("/") or ".." in name.split("/"):
            return False
        if _stamp(name, os.lstat(site / name if name else site)) != stamp:
            return False
        if not isinstance(stamp[5], int) or stamp[5] >= racy_from:
            racy.append(stamp)
    return not racy or _racy_entries_match(site, stamps, racy)


def _racy_entries_match(site: Path, stamps: list[object], racy: list[Stamp]) -> bool:
    """Entries too recent for their times to prove anything, compared by content."""
    digests = read_digests(site)
    if digests is None:
        return False
    children: dict[str, set[str]] = {}
    for stamp in stamps:
        entry = str(stamp[0])  # type: ignore[index]
        if entry:
            parent, _, child = entry.rpartition("/")
            children.setdefault(parent, set()).add(child)
    for name, folder, *_ in racy:
        path = site / str(name) if name else site
        if folder:
            found = set(os.listdir(path)) - (KEPT_AT_ROOT if not name else set())
            if found != children.get(str(name), set()):
                return False
        elif name != MANIFEST_NAME and _file_digest(path) != digests.get(str(name)):
            return False  # (the manifest's bytes were checked against the record)
    return True


def _file_digest(path: Path) -> str:
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return ""
        return hashlib.sha256(handle.read()).hexdigest()
