"""One build at a time per output folder: ``flock`` on ``.<name>.lock`` beside it.

The lock file lives in the folder that holds the output (never inside the site) and is
removed on release while the lock is still held; a build that then wins the lock on the
removed file notices that the name no longer leads to it and tries again, so removing it
is race-free. Where ``fcntl`` does not exist (Windows) no lock is taken.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import OutputError, printable

POLL_SECONDS = 0.05


def lock_path(out_dir: Path) -> Path:
    """The lock file of the output folder ``out_dir`` (an absolute, resolved path)."""
    return out_dir.parent / f".{out_dir.name}.lock"


@contextlib.contextmanager
def output_lock(
    out_dir: Path,
    wait_seconds: float,
    on_wait: Callable[[], None] | None = None,
    given: Path | None = None,
) -> Iterator[None]:
    """Hold the lock of ``out_dir`` for the ``with`` block.

    Waits up to ``wait_seconds`` for another build (calling ``on_wait`` once when it
    starts waiting), then raises an ``output-locked`` OutputError that names the folder
    as ``given`` by the user.
    """
    if sys.platform == "win32":  # pragma: no cover - documented: no lock on Windows
        yield
        return
    path = lock_path(out_dir)
    fd = _acquire(path, time.monotonic() + max(wait_seconds, 0.0), on_wait, given or out_dir)
    try:
        yield
    finally:
        _release(path, fd)


if sys.platform != "win32":
    import fcntl

    def _acquire(
        path: Path, deadline: float, on_wait: Callable[[], None] | None, out_dir: Path
    ) -> int:
        waiting = False
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if time.monotonic() >= deadline:
                    raise _locked(out_dir, path) from None
                if not waiting and on_wait is not None:
                    on_wait()
                waiting = True
                time.sleep(POLL_SECONDS)
                continue
            except BaseException:
                os.close(fd)
                raise
            if _still_named(path, fd):
                return fd
            os.close(fd)  # released and removed by the build before us: take the new file

    def _release(path: Path, fd: int) -> None:
        try:
            if os.fstat(fd).st_size == 0 and _still_named(path, fd):
                path.unlink()  # still locked: nobody else can hold this file now
        finally:
            os.close(fd)  # closing releases the lock


def _still_named(path: Path, fd: int) -> bool:
    try:
        named = path.stat(follow_symlinks=False)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _locked(out_dir: Path, path: Path) -> OutputError:
    return OutputError(
        "output-locked",
        f"another build of {printable(str(out_dir))} is still running (it holds "
        f"{printable(path.name)})",
        "wait for it to finish, or give it longer with --lock-timeout SECONDS; "
        "builds into one folder run one at a time",
    )
