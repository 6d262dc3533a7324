"""Filling a new site folder (a first build, or one replacing a folder with ``--force``).

Every file is written; a rebuild of a previous build updates it in place instead (see
``update``, which keeps unchanged files and their mtimes). Helpers shared by both: the
path checks, and ``reusable_digests`` (whether a folder is a clean build to update).

Trust model: the previous site is reused only when it is a clean build of ours (a valid
manifest and nothing else in it, no symbolic links, checked under the output lock). Even
then its manifest is not taken on trust: a file is kept only when it is a regular file
(opened without following a symlink) whose bytes are equal to the new bytes, compared in
full (``same_bytes``). Reading is cheaper than writing, and this way a build's output is
always exactly what it rendered.
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
    Previous,
    digest,
    foreign_entries,
    journal_line,
    manifest_from_digests,
)


def contained_path(root: Path, dest_path: PurePosixPath) -> Path:
    """``root / dest_path``, refusing any path that would land outside ``root``."""
    if dest_path.is_absolute() or ".." in dest_path.parts or not dest_path.parts:
        raise UnsafeOutputError(f"refusing to write outside the output folder: {dest_path}")
    target = root.joinpath(*dest_path.parts)
    if not target.resolve().is_relative_to(root.resolve()):
        raise UnsafeOutputError(f"refusing to write outside the output folder: {dest_path}")
    return target


def checked_name(dest_path: PurePosixPath) -> str:
    """``dest_path`` as a string, refused as ``relative_parts`` refuses it (without pathlib)."""
    name = dest_path.as_posix()
    if name in ("", ".") or name[0] == "/" or "/../" in f"/{name}/":
        raise UnsafeOutputError(f"refusing to write outside the output folder: {dest_path}")
    if name.partition("/")[0] in RESERVED_AT_ROOT:
        raise UnsafeOutputError(f"refusing to write {dest_path}: the build keeps that name")
    return name


def relative_parts(dest_path: PurePosixPath) -> tuple[str, ...]:
    if dest_path.is_absolute() or ".." in dest_path.parts or not dest_path.parts:
        raise UnsafeOutputError(f"refusing to write outside the output folder: {dest_path}")
    if dest_path.parts[0] in RESERVED_AT_ROOT:
        raise UnsafeOutputError(f"refusing to write {dest_path}: the build keeps that name")
    return dest_path.parts


def reusable_digests(
    previous_site: Path | None, checked: bool = False, previous: Previous | None = None
) -> Mapping[str, str]:
    """The files of ``previous_site`` that may lend their inode: {} unless a clean build.

    ``checked``: the caller has just found nothing in it but what its manifest lists
    (``guard.contents_problem`` without ``--force``), so it is not walked again;
    ``previous``: its manifest, when the caller has read it.
    """
    if previous_site is None or not previous_site.is_dir() or previous_site.is_symlink():
        return {}
    digests = (previous or Previous(previous_site)).digests()
    if digests is None or (not checked and foreign_entries(previous_site, frozenset(digests))):
        return {}
    return digests


class Staging:
    """A new site being filled, file by file, beside the folder it will replace.

    Each file is listed in the journal before it is written; ``finish`` writes the
    manifest and removes the journal. Errors of the filesystem become ``write-failed``.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.digests: dict[PurePosixPath, str] = {}
        self._made: set[Path] = {folder}
        self._journal = (folder / JOURNAL_NAME).open("ab", buffering=0)

    def add(self, dest_path: PurePosixPath, data: bytes) -> None:
        """Write ``data`` at ``dest_path``.

        The path is checked without resolving it: the staging folder is new, and only
        this object puts anything in it, never a symbolic link.
        """
        target = self.folder.joinpath(*relative_parts(dest_path))
        if dest_path in self.digests:
            raise UnsafeOutputError(f"refusing to write {dest_path} twice")
        sha256 = self.digests[dest_path] = digest(data)
        try:
            self._journal.write(journal_line(dest_path, sha256))
            if target.parent not in self._made:
                target.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(target.parent)
            target.write_bytes(data)
        except OSError as exc:
            raise write_failure(exc) from exc

    def add_file(self, dest_path: PurePosixPath, source: Path, sha256: str) -> None:
        """As ``add``, for bytes in the file ``source`` (a ``Spool``'s, moved, not copied)."""
        target = self.folder.joinpath(*relative_parts(dest_path))
        if dest_path in self.digests:
            raise UnsafeOutputError(f"refusing to write {dest_path} twice")
        self.digests[dest_path] = sha256
        try:
            self._journal.write(journal_line(dest_path, sha256))
            if target.parent not in self._made:
                target.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(target.parent)
            move_file(source, target)
        except OSError as exc:
            raise write_failure(exc) from exc

    def names(self) -> list[str]:
        """The paths of the files added so far."""
        return [path.as_posix() for path in self.digests]

    def finish(self) -> None:
        """Write the manifest (the folder is now a complete build) and drop the journal."""
        (self.folder / MANIFEST_NAME).write_bytes(manifest_from_digests(self.digests))
        self.close()
        (self.folder / JOURNAL_NAME).unlink()

    def close(self) -> None:
        self._journal.close()


def move_file(source: Path, target: Path) -> None:
    """Move ``source`` to ``target``: a rename, or a copy across filesystems."""
    try:
        os.replace(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        shutil.copyfile(source, target)


def file_digest(path: Path) -> str:
    """The SHA-256 of the regular file (not a symlink) at ``path``; "" if there is none."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return ""
    with open(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return ""
        return digest(file.read())


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
