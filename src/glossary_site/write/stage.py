"""Filling the staging folder: new bytes are written, unchanged files are hard-linked.

A file whose path and SHA-256 are the same as in the previous build's manifest is not
written again: the previous site's file is hard-linked into the staging folder, so it
keeps its inode and its mtime (a deploy that compares mtimes uploads only what changed).
Once the new site is in place the previous one is deleted, which leaves each file with
one name again.

Trust model: the previous site is reused only when it is a clean build of ours (a valid
manifest and nothing else in it, no symbolic links, checked under the output lock). Even
then its manifest is not taken on trust: a file is reused only when it is a regular file
(opened without following a symlink) whose bytes are equal to the new bytes, compared in
full. Anything else (edited in place, truncated, replaced) is written afresh. Reading is
cheaper than writing, and this way a build's output is always exactly what it rendered.
Where a hard link cannot be made (another filesystem, a filesystem without hard links,
too many links, not permitted) the file is copied with its mtime (``shutil.copy2``).
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from .errors import UnsafeOutputError, write_failure
from .manifest import (
    JOURNAL_NAME,
    MANIFEST_NAME,
    RESERVED_AT_ROOT,
    digest,
    foreign_entries,
    journal_line,
    manifest_from_digests,
    read_digests,
)

# errno values of os.link meaning "no hard link here": copy the file instead.
_NO_LINK = frozenset(
    getattr(errno, name)
    for name in ("EXDEV", "EPERM", "EMLINK", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EACCES")
    if hasattr(errno, name)
)


def contained_path(root: Path, dest_path: PurePosixPath) -> Path:
    """``root / dest_path``, refusing any path that would land outside ``root``."""
    if dest_path.is_absolute() or ".." in dest_path.parts or not dest_path.parts:
        raise UnsafeOutputError(f"refusing to write outside the output folder: {dest_path}")
    target = root.joinpath(*dest_path.parts)
    if not target.resolve().is_relative_to(root.resolve()):
        raise UnsafeOutputError(f"refusing to write outside the output folder: {dest_path}")
    return target


def _relative_parts(dest_path: PurePosixPath) -> tuple[str, ...]:
    if dest_path.is_absolute() or ".." in dest_path.parts or not dest_path.parts:
        raise UnsafeOutputError(f"refusing to write outside the output folder: {dest_path}")
    if dest_path.parts[0] in RESERVED_AT_ROOT:
        raise UnsafeOutputError(f"refusing to write {dest_path}: the build keeps that name")
    return dest_path.parts


def reusable_digests(previous_site: Path | None, checked: bool = False) -> Mapping[str, str]:
    """The files of ``previous_site`` that may lend their inode: {} unless a clean build.

    ``checked``: the caller has just found nothing in it but what its manifest lists
    (``guard.contents_problem`` without ``--force``), so it is not walked again.
    """
    if previous_site is None or not previous_site.is_dir() or previous_site.is_symlink():
        return {}
    digests = read_digests(previous_site)
    if digests is None or (not checked and foreign_entries(previous_site, frozenset(digests))):
        return {}
    return digests


class Staging:
    """A new site being filled, file by file, beside the site it will replace.

    Each file is listed in the journal before it is written; ``finish`` writes the
    manifest and removes the journal. Errors of the filesystem become ``write-failed``.
    """

    def __init__(self, folder: Path, previous_site: Path | None, checked: bool = False) -> None:
        self.folder = folder
        self.previous_site = previous_site
        self.previous = reusable_digests(previous_site, checked)
        self.digests: dict[PurePosixPath, str] = {}
        self.reused = 0
        self._made: set[Path] = {folder}
        self._journal = (folder / JOURNAL_NAME).open("ab", buffering=0)

    def add(self, dest_path: PurePosixPath, data: bytes) -> None:
        """Put ``data`` at ``dest_path``: linked from the previous site if unchanged.

        The path is checked without resolving it: the staging folder is new, and only
        this object puts anything in it, never a symbolic link.
        """
        target = self.folder.joinpath(*_relative_parts(dest_path))
        if dest_path in self.digests:
            raise UnsafeOutputError(f"refusing to write {dest_path} twice")
        sha256 = self.digests[dest_path] = digest(data)
        try:
            self._journal.write(journal_line(dest_path, sha256))
            if target.parent not in self._made:
                target.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(target.parent)
            if self.previous.get(dest_path.as_posix()) == sha256 and self._reuse(
                dest_path, target, data
            ):
                self.reused += 1
            else:
                target.write_bytes(data)
        except OSError as exc:
            raise write_failure(exc) from exc

    def finish(self) -> None:
        """Write the manifest (the folder is now a complete build) and drop the journal."""
        (self.folder / MANIFEST_NAME).write_bytes(manifest_from_digests(self.digests))
        self.close()
        (self.folder / JOURNAL_NAME).unlink()

    def close(self) -> None:
        self._journal.close()

    def _reuse(self, dest_path: PurePosixPath, target: Path, data: bytes) -> bool:
        assert self.previous_site is not None  # there are digests only with a previous site
        old_file = self.previous_site.joinpath(*dest_path.parts)
        if not same_bytes(old_file, data):
            return False
        try:
            os.link(old_file, target, follow_symlinks=False)
        except OSError as exc:
            if exc.errno not in _NO_LINK:
                raise
            shutil.copy2(old_file, target, follow_symlinks=False)
        return True


def same_bytes(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file (not a symlink) holding exactly ``data``."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return False
    with open(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        return file.read(len(data) + 1) == data
