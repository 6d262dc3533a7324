"""Outputs kept on disk, not in memory, from when they are made until the site is written.

A build of 10,000 terms makes about 590 MB of files. Held in memory until the write,
they doubled the build's peak memory. A ``Spool`` takes each group of files as soon as
it is made (``add``): it hashes the bytes once and writes them to a private folder
beside the output folder (``.<name>.spool-*``, on the same filesystem), so the caller
can drop them. The writer then *moves* each changed file into the site (a rename, no
copy) and skips a file whose SHA-256 is the one the old manifest lists.

A file whose SHA-256 is the one the manifest of the site being updated lists, when
that site is known to be what the last build left (its stamps hold, see ``stamps``), is
not even written to the spool: an edit at 10,000 terms spools a few files, not 590 MB.
Should the site then change before the write takes the lock, such a file cannot be
restored from the spool: the write is refused (``output-changed``) and the next build,
which no longer trusts the site, writes it.

Nothing in the site changes until the writer commits, so a failure or a kill while
files are spooled leaves the old site as it was. The folder is removed at the end of
the build (``close``); a folder a killed build left is removed by the next build (it
holds a lock on ``.lock`` in it while it lives, see ``remove_stale_spools``). As a
Mapping it reads a file's bytes back on demand, for the few callers that need them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

from .errors import OutputError, UnsafeOutputError, printable, write_failure
from .manifest import digest

_LOCK_NAME = ".lock"


def output_changed(dest_path: PurePosixPath) -> OutputError:
    """The site changed between the start of a build and its write (see above)."""
    return OutputError(
        "output-changed",
        f"the output folder changed while the site was built ({printable(str(dest_path))} "
        "and maybe others were edited, replaced or removed); nothing was written",
        "build again: the next build checks every file of the folder and writes what differs",
    )


def spool_prefix(out_dir: Path) -> str:
    return f".{out_dir.name}.spool-"


class Spool(Mapping[PurePosixPath, bytes]):
    """Files of a site being made, each on disk under a number, with its SHA-256."""

    def __init__(self, target: Path, unchanged: Mapping[str, str] | None = None) -> None:
        """A new spool for the site at ``target`` (resolved), in the folder that holds it
        (which must exist: a build that writes nothing creates no folder). ``unchanged``:
        the manifest of ``target``, known to hold (its files are not spooled again)."""
        self.target = target
        self.unchanged = unchanged or {}
        self.folder = Path(tempfile.mkdtemp(prefix=spool_prefix(target), dir=target.parent))
        self._lock = _hold_lock(self.folder / _LOCK_NAME)
        self._files: dict[PurePosixPath, tuple[str, str]] = {}  # path → (number, SHA-256)
        self.spooled = 0

    def add(self, dest_path: PurePosixPath, data: bytes) -> None:
        if dest_path in self._files:
            raise UnsafeOutputError(f"refusing to write {dest_path} twice")
        sha256 = digest(data)
        if self.unchanged.get(dest_path.as_posix()) == sha256:
            self._files[dest_path] = ("", sha256)  # in the site already
            return
        number = str(self.spooled)
        try:
            (self.folder / number).write_bytes(data)
        except OSError as exc:
            raise write_failure(exc) from exc
        self._files[dest_path] = (number, sha256)
        self.spooled += 1

    def keep(self, dest_path: PurePosixPath, sha256: str) -> bool:
        """``add`` of bytes whose SHA-256 the caller knows, when ``unchanged`` lists them at
        ``dest_path`` (in the site already: nothing to read or write); False otherwise."""
        if dest_path in self._files or self.unchanged.get(dest_path.as_posix()) != sha256:
            return False
        self._files[dest_path] = ("", sha256)
        return True

    def file(self, dest_path: PurePosixPath) -> tuple[Path | None, str]:
        """Where the bytes of ``dest_path`` are (None: in the site, unchanged), and their
        SHA-256."""
        number, sha256 = self._files[dest_path]
        return (self.folder / number if number else None), sha256

    def __getitem__(self, dest_path: PurePosixPath) -> bytes:
        source, sha256 = self.file(dest_path)
        data = (source or self.target.joinpath(*dest_path.parts)).read_bytes()
        if digest(data) != sha256:
            raise output_changed(dest_path)
        return data

    def __iter__(self) -> Iterator[PurePosixPath]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    def __contains__(self, dest_path: object) -> bool:
        return dest_path in self._files

    def close(self) -> None:
        """Remove the folder and what is left in it (files moved into the site are gone)."""
        shutil.rmtree(self.folder, ignore_errors=True)
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def remove_stale_spools(target: Path) -> None:
    """Remove the spool folders of builds of ``target`` that no longer run (killed).

    Only folders named by our scheme, holding nothing but numbered files and the lock,
    whose lock nobody holds, are removed."""
    with contextlib.suppress(OSError):
        with os.scandir(target.parent) as listing:
            spools = [
                Path(entry.path)
                for entry in listing
                if entry.name.startswith(spool_prefix(target))
                and entry.is_dir(follow_symlinks=False)
            ]
        for folder in spools:
            _remove_if_stale(folder)


def _remove_if_stale(folder: Path) -> None:
    with contextlib.suppress(OSError):
        names = os.listdir(folder)
        if not all(name == _LOCK_NAME or name.isdigit() for name in names):
            return  # not ours: left alone
        lock = _try_lock(folder / _LOCK_NAME) if _LOCK_NAME in names else None
        if _LOCK_NAME in names and lock is None:
            return  # its build is still running
        try:
            for name in names:
                if name != _LOCK_NAME:
                    os.unlink(folder / name)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(folder / _LOCK_NAME)
            folder.rmdir()
        finally:
            if lock is not None:
                os.close(lock)


def _hold_lock(path: Path) -> int | None:
    """Hold an exclusive lock on ``path`` for the life of this process (None: no fcntl)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: stale spools stay until removed
        return fd
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def _try_lock(path: Path) -> int | None:
    """An fd holding the lock on ``path``, or None when another process holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover
        return None
    fd = os.open(path, os.O_RDWR | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd
