"""Stage 6: ``{dest_path: bytes}`` → the output folder, all or nothing.

A previous clean build is updated in place: only the files whose bytes changed are
written, aside, then renamed into place once the journal is committed (see
``update``); its cost grows with what changed. Any other folder (missing, empty, or
replaced with ``--force``) gets a new folder beside it (each file listed in a journal
before it is written, the manifest at the end, see ``stage``), which then takes the old
folder's place in one atomic exchange (see ``swap``). A failure before the commit
leaves the previous site exactly as it was; a build killed after it is completed by
the next build. Only a missing or empty folder or a previous build is replaced
(``guard``), one build at a time (``lock``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path, PurePosixPath

from .errors import OutputError, UnsafeOutputError, write_failure
from .guard import contents_problem, path_problem
from .lock import lock_path, output_lock
from .manifest import (
    JOURNAL_NAME,
    KEPT_AT_ROOT,
    MANIFEST_NAME,
    RESERVED_AT_ROOT,
    Previous,
    read_manifest,
)
from .spool import Spool, remove_stale_spools
from .stage import Staging, contained_path, reusable_digests
from .stamps import KnownSite, site_is_known, site_is_unchanged, take_stamps, updated_stamps
from .swap import move_kept, put_in_place, recover, remove_site, staging_prefix
from .update import Update, recover_update

__all__ = [
    "DEFAULT_LOCK_TIMEOUT",
    "JOURNAL_NAME",
    "MANIFEST_NAME",
    "RESERVED_AT_ROOT",
    "KnownSite",
    "OutputError",
    "Spool",
    "Staging",
    "UnsafeOutputError",
    "Update",
    "contained_path",
    "examine_output",
    "lock_path",
    "open_site",
    "output_path_problem",
    "output_problem",
    "real_output",
    "site_is_unchanged",
    "take_stamps",
    "updated_stamps",
    "write_site",
]

DEFAULT_LOCK_TIMEOUT = 60.0


def real_output(out_dir: Path) -> Path:
    """The folder a build really replaces: ``out_dir`` with every symbolic link resolved.

    When ``--out`` is a symlink, the site is built beside its target and exchanged
    there, so the link keeps pointing at the same path.
    """
    return Path(os.path.realpath(out_dir))


def output_path_problem(
    out_dir: Path, kept: Mapping[str, Path], inputs: Mapping[str, Path]
) -> OutputError | None:
    """Why ``out_dir`` may never be built, whatever it holds (see ``guard.path_problem``)."""
    return path_problem(out_dir, kept, inputs)


def output_problem(
    out_dir: Path,
    kept: Mapping[str, Path],
    inputs: Mapping[str, Path],
    force: bool = False,
    known: KnownSite | None = None,
) -> OutputError | None:
    """Why ``out_dir`` must not be (re)built, or None when it may (checked before reading)."""
    return examine_output(out_dir, kept, inputs, force, known)[0]


def examine_output(
    out_dir: Path,
    kept: Mapping[str, Path],
    inputs: Mapping[str, Path],
    force: bool = False,
    known: KnownSite | None = None,
) -> tuple[OutputError | None, Mapping[str, str] | None]:
    """As ``output_problem``, and the manifest's digests when the folder is ``known`` to be
    what the last build left (its stamps still hold): it is then not walked."""
    problem = path_problem(out_dir, kept, inputs)
    if problem is not None:
        return problem, None
    target = real_output(out_dir)
    previous = Previous(target)
    if known is not None and not force and site_is_known(target, known, previous.digests):
        return None, previous.digests()
    return contents_problem(target, force, out_dir, previous), None


def write_site(
    outputs: Mapping[PurePosixPath, bytes],
    out_dir: Path,
    *,
    force: bool = False,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    on_wait: Callable[[], None] | None = None,
    on_done: Callable[[Path, list[str], list[str] | None], None] | None = None,
    known: KnownSite | None = None,
) -> int:
    """Write every file into a fresh folder, then put it in place of ``out_dir``.

    ``outputs`` may be a ``Spool``: its files are moved into the site, not copied.
    Returns the number of files written (the manifest not counted). Raises OutputError
    (an OSError becomes ``write-failed``) and leaves the old site as it was. ``on_done``
    is called with the site's folder, its files' paths and, when the folder was updated in
    place and ``known`` held, the paths written or removed, once it is in place, while
    the lock is still held. ``known``: the stamps the last build took of the folder (see
    ``stamps``); when they still hold, unchanged files are not read.
    """
    for dest_path in outputs:
        if str(dest_path).partition("/")[0] in RESERVED_AT_ROOT:
            raise UnsafeOutputError(f"refusing to write {dest_path}: the build keeps that name")
    with open_site(
        out_dir,
        force=force,
        lock_timeout=lock_timeout,
        on_wait=on_wait,
        on_done=on_done,
        known=known,
    ) as site:
        if isinstance(outputs, Spool):
            _add_spooled(site, outputs)
        else:
            for dest_path, data in outputs.items():
                site.add(dest_path, data)
    return len(outputs)


def _add_spooled(site: Staging | Update, spool: Spool) -> None:
    """Move the spooled files into ``site``; those the spool left in the old site (same
    SHA-256) are kept, or read back from it and checked (``output-changed`` if they differ)."""
    for dest_path in spool:
        source, sha256 = spool.file(dest_path)
        if source is not None:
            site.add_file(dest_path, source, sha256)
        elif not (isinstance(site, Update) and site.keep(dest_path, sha256)):
            site.add(dest_path, spool[dest_path])


@contextlib.contextmanager
def open_site(
    out_dir: Path,
    *,
    force: bool = False,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    on_wait: Callable[[], None] | None = None,
    on_done: Callable[[Path, list[str], list[str] | None], None] | None = None,
    known: KnownSite | None = None,
) -> Iterator[Staging | Update]:
    """A new site to ``add(path, bytes)`` files to, put in place of ``out_dir`` at the end.

    For a build that writes pages as it renders them instead of holding them all::

        with open_site(out_dir) as site:
            for path, data in pages():
                site.add(path, data)

    The lock is held from the start to the end of the ``with``. If the block raises, the
    new folder is removed and the old site stays as it was; the exception propagates.
    Refusals and filesystem errors are OutputErrors, as for ``write_site``.
    """
    target = real_output(out_dir)
    with contextlib.ExitStack() as stack:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            stack.enter_context(output_lock(target, lock_timeout, on_wait, out_dir))
            recover(target)
            remove_stale_spools(target)
            if target.is_dir():
                recover_update(target)
            previous = Previous(target)
            trusted = (
                known is not None
                and not force
                and target.is_dir()
                and site_is_known(target, known, previous.digests)
            )
            problem = None if trusted else contents_problem(target, force, out_dir, previous)
            if problem is not None:
                raise problem
            site = _new_site(target, force, previous, trusted)
        except OSError as exc:
            raise write_failure(exc) from exc
        try:
            yield site  # the caller's exceptions propagate as they are
        except BaseException:
            _abandon(site)
            raise
        try:
            site.finish()
            if isinstance(site, Staging):
                _put_in_place(site.folder, target)
        except BaseException as exc:
            _abandon(site)
            if isinstance(exc, OSError):
                raise write_failure(exc) from exc
            raise
        if on_done is not None:
            changed = site.changed if isinstance(site, Update) and site.known else None
            on_done(target, site.names(), changed)


def _new_site(target: Path, force: bool, previous: Previous, known: bool) -> Staging | Update:
    """An in-place update of a clean previous build, else a new folder beside ``target``;
    ``known``: the stamps of ``target`` showed it is what the last build left."""
    digests = reusable_digests(target, not force, previous) if target.is_dir() else {}
    if digests:
        return Update(target, digests, known)
    return _new_staging(target)


def _abandon(site: Staging | Update) -> None:
    """Undo a site that was not finished (a committed update is left for the next build)."""
    if isinstance(site, Update):
        if not site.committed:
            site.discard()
        site.close()
        return
    site.close()
    _discard(site.folder)


def _new_staging(target: Path) -> Staging:
    """An empty folder beside ``target``, readable as a site must be."""
    folder = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)  # mkdtemp makes it private
    return Staging(folder)


def _put_in_place(staging: Path, target: Path) -> None:
    if target.is_dir():
        move_kept(target, staging)
    try:
        old_site = put_in_place(staging, target)
    except BaseException:
        move_kept(staging, target)
        raise
    if old_site is not None:
        _delete_old(old_site)


def _discard(staging: Path) -> None:
    """Remove an unfinished folder, unless it still holds a ``.git`` that was not put back."""
    if not any(os.path.lexists(staging / name) for name in KEPT_AT_ROOT):
        shutil.rmtree(staging, ignore_errors=True)


def _delete_old(old_site: Path) -> None:
    """Delete the replaced site; what cannot be deleted now, the next build tidies."""
    if read_manifest(old_site) is None:
        shutil.rmtree(old_site, ignore_errors=True)  # a folder replaced with --force
        return
    with contextlib.suppress(OSError):
        remove_site(old_site)
