"""Runs the Pagefind binary once over a folder of documents and reads back its bundle.

Pagefind (PyPI ``pagefind[extended]``) ships its binary inside a wheel. It is run as a
subprocess, once per shard of the index not in the cache (``shards``), in a private
temporary folder (in memory where the system has room) with a clean environment: no
``pagefind.yml`` of the project and no ``PAGEFIND_*`` variable can change what it does.
(Its service mode over stdin, which its Python API uses, costs more CPU than a run over
files: 2.1 against 1.75 s for 657 documents, with a client that does not poll.) Every way
it can fail (missing, not executable, killed, too slow, a non-zero exit, no bundle)
raises ``PagefindError`` with a message fit for a diagnostic.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

# Files of the bundle the search box uses; Pagefind's own UIs are left out of the site.
UNUSED_PREFIXES = (
    "pagefind-ui.",
    "pagefind-component-ui.",
    "pagefind-modular-ui.",
    "pagefind-highlight.",
)
# Seconds one run may take: a base plus a little per document (500 take ~1.3 s of CPU).
BASE_TIMEOUT_SECONDS = 120.0
SECONDS_PER_DOCUMENT = 0.05
# Characters of Pagefind's own error output quoted in a diagnostic.
QUOTED_OUTPUT = 300
# Pagefind's private scratch folder goes into memory (tmpfs) where the system has one with
# room: writing, indexing and removing a shard's ~650 documents and ~700 bundle files cost
# about 0.25 s of CPU a shard on a disk file system, about 0.04 s in memory.
MEMORY_FOLDER = "/dev/shm"
# A scratch folder's name; one of ours untouched this long is a killed build's (no run may
# take more than a few minutes: ``_timeout``), and is removed by the next run there.
SCRATCH_PREFIX = "glossary-search-"
STALE_SECONDS = 3600.0
# Room left in the memory folder besides the documents and their bundle.
MEMORY_SPARE_BYTES = 256 * 1024 * 1024


class PagefindError(Exception):
    """Pagefind could not make the index; ``str()`` says why."""


class PagefindUnavailable(PagefindError):
    """There is no Pagefind binary to run."""


def find_pagefind() -> Path:
    """The Pagefind binary (the one in the ``pagefind[extended]`` wheel first)."""
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise PagefindUnavailable("the Python package 'pagefind' is not installed") from exc
    try:
        found = get_executable()
    except OSError as exc:
        raise PagefindUnavailable(f"the Pagefind binary cannot be used: {exc}") from exc
    if found is None:
        raise PagefindUnavailable("the Pagefind binary was not found")
    if not Path(found).is_file():
        raise PagefindUnavailable(f"the Pagefind binary {found} does not exist")
    return Path(found)


def run_pagefind(
    documents: Mapping[PurePosixPath, str], binary: Path | None = None
) -> dict[PurePosixPath, bytes]:
    """Pagefind's bundle for ``documents`` (path below the site → HTML), by bundle path."""
    return start_pagefind(documents, binary).result()


def start_pagefind(
    documents: Mapping[PurePosixPath, str], binary: Path | None = None
) -> PagefindRun:
    """``run_pagefind`` begun: the documents are written and Pagefind's process started;
    ``result`` waits for it. The caller's thread goes on meanwhile, and nothing of this
    needs Python's lock until then (a thread writing hundreds of files beside a busy
    thread waits for the lock at every one)."""
    binary = binary or find_pagefind()
    encoded = {path: html.encode("utf-8") for path, html in documents.items()}
    memory = _memory_folder(sum(map(len, encoded.values())))
    if memory is not None:
        remove_stale(memory)  # (memory: what a killed build left takes room until reboot)
        try:
            return PagefindRun(memory, encoded, binary)
        except OSError:  # the memory folder filled up meanwhile: on disk then
            pass
    try:
        return PagefindRun(None, encoded, binary)
    except OSError as exc:
        raise PagefindError(f"the documents to index could not be written: {exc}") from exc


def remove_stale(folder: str, now: float | None = None) -> None:
    """Remove the scratch folders in ``folder`` that builds killed during a run left: ours
    by name and owner, real folders (not links), untouched for ``STALE_SECONDS``."""
    cutoff = (time.time() if now is None else now) - STALE_SECONDS
    uid = os.getuid() if hasattr(os, "getuid") else None
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not entry.name.startswith(SCRATCH_PREFIX):
                continue
            with contextlib.suppress(OSError):
                found = entry.stat(follow_symlinks=False)
                if (
                    stat.S_ISDIR(found.st_mode)
                    and (uid is None or found.st_uid == uid)
                    and found.st_mtime < cutoff
                ):
                    shutil.rmtree(entry.path, ignore_errors=True)


def _memory_folder(size: int) -> str | None:
    """``MEMORY_FOLDER`` when it is there, writable and has room for documents of ``size``
    bytes, their bundle and ``MEMORY_SPARE_BYTES``; None otherwise."""
    try:
        found = os.statvfs(MEMORY_FOLDER)
    except (OSError, AttributeError):  # none, or no statvfs (Windows)
        return None
    room = found.f_bavail * found.f_frsize
    if room < 3 * size + MEMORY_SPARE_BYTES or not os.access(MEMORY_FOLDER, os.W_OK | os.X_OK):
        return None
    return MEMORY_FOLDER


class PagefindRun:
    """One Pagefind run over documents written into a new private folder in ``folder``
    (None: the system's temporary folder); ``result`` reads its bundle back, ``cancel``
    stops it. Either removes the folder."""

    def __init__(
        self, folder: str | None, documents: Mapping[PurePosixPath, bytes], binary: Path
    ) -> None:
        self._work = tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, dir=folder)
        self._process: subprocess.Popen[bytes] | None = None
        try:
            work = self._work.name
            site_dir = os.path.join(work, "site")
            self._bundle_dir = Path(work, "bundle")
            _write_documents(site_dir, documents)
            command = [str(binary), "--site", site_dir, "--output-path", str(self._bundle_dir)]
            self._timeout = _timeout(len(documents))
            self._process = _start([*command, "--silent"], Path(work))
        except BaseException:
            self._work.cleanup()
            raise

    def result(self) -> dict[PurePosixPath, bytes]:
        """The bundle (waits for Pagefind); ``PagefindError`` when it failed."""
        process = self._process
        assert process is not None
        try:
            _wait(process, self._timeout)
            return _read_bundle(self._bundle_dir)
        except OSError as exc:
            raise PagefindError(f"its bundle could not be read: {exc}") from exc
        finally:
            self._work.cleanup()

    def cancel(self) -> None:
        """Stop Pagefind (its whole process group) and remove its folder."""
        if self._process is not None:
            with self._process:
                _kill_group(self._process)
        self._work.cleanup()


def _write_documents(site_dir: str, documents: Mapping[PurePosixPath, bytes]) -> None:
    made = {site_dir}
    os.mkdir(site_dir)
    for path, html in documents.items():
        parent = os.path.join(site_dir, *path.parts[:-1])
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(os.path.join(parent, path.name), "wb") as file:
            file.write(html)


def _timeout(count: int) -> float:
    return BASE_TIMEOUT_SECONDS + SECONDS_PER_DOCUMENT * count


def _start(command: list[str], work_dir: Path) -> subprocess.Popen[bytes]:
    """Pagefind started in a session of its own (so that its whole process group can be
    killed), with no ``PAGEFIND_*`` variable of ours."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND")}
    try:
        return subprocess.Popen(
            command,
            cwd=work_dir,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:  # not executable, wrong architecture, vanished
        raise PagefindError(f"the Pagefind binary {command[0]} could not be run: {exc}") from exc


def _wait(process: subprocess.Popen[bytes], timeout: float) -> None:
    """Wait for Pagefind; on timeout its whole process group is killed, so nothing it
    started can keep the build waiting."""
    with process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            _kill_group(process)
            raise PagefindError(f"Pagefind did not finish within {timeout:g} s") from exc
        except BaseException:  # interrupted: Pagefind does not outlive the build
            _kill_group(process)
            raise
    if process.returncode != 0:
        said = (stderr or stdout).decode("utf-8", "replace").strip()
        said = said[-QUOTED_OUTPUT:] if said else "nothing"
        ended = f"exit code {process.returncode}" if process.returncode > 0 else "a signal"
        raise PagefindError(f"Pagefind failed ({ended}) and said: {said}")


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    if hasattr(os, "killpg"):
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    process.kill()
    process.wait()


def _read_bundle(bundle_dir: Path) -> dict[PurePosixPath, bytes]:
    """Every file of the bundle but Pagefind's own UIs, by its path in the bundle (plain
    ``scandir``: a shard's bundle is ~700 files, read on the patch build's critical path)."""
    if not (bundle_dir / "pagefind.js").is_file():
        raise PagefindError("Pagefind finished but wrote no pagefind.js")
    found: list[tuple[str, str]] = []
    pending = [(str(bundle_dir), "")]
    while pending:
        folder, relative = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = f"{relative}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, f"{name}/"))
                elif entry.is_file(follow_symlinks=False) and not entry.name.startswith(
                    UNUSED_PREFIXES
                ):
                    found.append((name, entry.path))
    files: dict[PurePosixPath, bytes] = {}
    for name, path in sorted(found, key=lambda each: each[0].split("/")):  # (as paths sort)
        with open(path, "rb") as file:
            files[PurePosixPath(name)] = file.read()
    return files
