"""Putting a finished site in place of the old one, and tidying up after a killed build.

On Linux the staging folder and the old site are exchanged in one atomic
``renameat2(RENAME_EXCHANGE)``: at every moment the output path holds a complete site.
Elsewhere, or where the filesystem does not support it, two renames are used (old site
away, new site in); a build killed between them leaves no output folder but a complete
``.<name>.old-*`` folder, which the next build puts back before it starts.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .manifest import (
    JOURNAL_NAME,
    KEPT_AT_ROOT,
    MANIFEST_NAME,
    foreign_entries,
    read_journal,
    read_manifest,
)

AT_FDCWD = -100
RENAME_EXCHANGE = 2
# errno values meaning "this system or filesystem cannot exchange": use the renames.
_UNSUPPORTED = frozenset(
    getattr(errno, name)
    for name in ("EINVAL", "ENOSYS", "ENOTSUP", "EOPNOTSUPP")
    if hasattr(errno, name)
)


def staging_prefix(out_dir: Path) -> str:
    return f".{out_dir.name}.new-"


def retired_prefix(out_dir: Path) -> str:
    return f".{out_dir.name}.old-"


def exchange(first: Path, second: Path) -> bool:
    """Atomically swap two existing paths; False when this system cannot do that."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(second))


def _renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2  # glibc 2.28 or newer
    except (OSError, AttributeError):
        return None
    # int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
    #               unsigned int flags)
    function.argtypes = (ctypes.c_int, ctypes.c_char_p) * 2 + (ctypes.c_uint,)
    function.restype = ctypes.c_int
    return function


def put_in_place(staging: Path, out_dir: Path) -> Path | None:
    """Make ``staging`` the site at ``out_dir``; returns where the old site now is (or None)."""
    if not out_dir.exists():
        staging.rename(out_dir)
        return None
    if exchange(staging, out_dir):
        return staging
    retired = Path(tempfile.mkdtemp(prefix=retired_prefix(out_dir), dir=out_dir.parent))
    retired.rmdir()
    out_dir.rename(retired)
    try:
        staging.rename(out_dir)
    except BaseException:
        retired.rename(out_dir)
        raise
    return retired


def move_kept(old_site: Path, staging: Path) -> None:
    """Carry ``.git`` (a folder, or a worktree's file) from the old site into the new one."""
    for name in KEPT_AT_ROOT:
        if os.path.lexists(old_site / name):
            (old_site / name).rename(staging / name)


def remove_site(folder: Path) -> None:
    """Delete a folder of ours, the manifest last, so a kill part-way leaves it recognisable."""
    for entry in sorted(folder.iterdir()):
        if entry.name in (MANIFEST_NAME, JOURNAL_NAME):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    (folder / MANIFEST_NAME).unlink(missing_ok=True)
    (folder / JOURNAL_NAME).unlink(missing_ok=True)
    folder.rmdir()


def recover(out_dir: Path) -> None:
    """Undo what a killed build left: restore a site renamed away, return ``.git``, clean up.

    Only folders named by our scheme are looked at, and only those holding nothing but
    what a build writes (a valid manifest and the files it lists, or nothing at all) are
    deleted; anything else is left alone.
    """
    leftovers = _leftovers(out_dir)
    if not os.path.lexists(out_dir):
        retired = [p for p in leftovers if p.name.startswith(retired_prefix(out_dir))]
        complete = [p for p in retired if read_manifest(p) is not None]
        if complete:
            newest = max(complete, key=lambda p: (p / MANIFEST_NAME).stat().st_mtime_ns)
            newest.rename(out_dir)
            leftovers.remove(newest)
    for leftover in leftovers:
        if not os.path.lexists(out_dir) and _holds_kept(leftover):
            out_dir.mkdir()  # no old site to restore, but its .git must not be lost
        _return_kept(leftover, out_dir)
        if _is_ours(leftover):
            remove_site(leftover)


def _leftovers(out_dir: Path) -> list[Path]:
    prefixes = (staging_prefix(out_dir), retired_prefix(out_dir))
    try:
        entries = sorted(out_dir.parent.iterdir())
    except FileNotFoundError:
        return []
    return [p for p in entries if p.name.startswith(prefixes) and p.is_dir() and not p.is_symlink()]


def _return_kept(leftover: Path, out_dir: Path) -> None:
    if not out_dir.is_dir() or out_dir.is_symlink():
        return
    for name in KEPT_AT_ROOT:
        if os.path.lexists(leftover / name) and not os.path.lexists(out_dir / name):
            (leftover / name).rename(out_dir / name)


def _holds_kept(folder: Path) -> bool:
    return any(os.path.lexists(folder / name) for name in KEPT_AT_ROOT)


def _is_ours(folder: Path) -> bool:
    if not any(folder.iterdir()):
        return True
    listed = read_manifest(folder)
    if listed is None:
        listed = read_journal(folder)  # a build killed while it wrote
    if listed is None or _holds_kept(folder):
        return False
    return not foreign_entries(folder, listed)
