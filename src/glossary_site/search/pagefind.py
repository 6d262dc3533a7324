"""Runs the Pagefind binary once over a folder of documents and reads back its bundle.

Pagefind (PyPI ``pagefind[extended]``) ships its binary inside a wheel. It is run as a
subprocess, once per shard of the index not in the cache (``shards``; its Python API
costs about 0.1 s per record and can hang when reading files back), in a private
temporary folder with a clean environment: no ``pagefind.yml`` of the project and no
``PAGEFIND_*`` variable can change what it does. Every way it can fail (missing, not
executable, killed, too slow, a non-zero exit, no bundle) raises ``PagefindError`` with
a message fit for a diagnostic.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
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
    binary = binary or find_pagefind()
    with tempfile.TemporaryDirectory(prefix="glossary-search-") as work:
        site_dir, bundle_dir = Path(work, "site"), Path(work, "bundle")
        for path, html in documents.items():
            target = site_dir.joinpath(*path.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
        command = [str(binary), "--site", str(site_dir), "--output-path", str(bundle_dir)]
        _run([*command, "--silent"], Path(work), _timeout(len(documents)))
        return _read_bundle(bundle_dir)


def _timeout(count: int) -> float:
    return BASE_TIMEOUT_SECONDS + SECONDS_PER_DOCUMENT * count


def _run(command: list[str], work_dir: Path, timeout: float) -> None:
    """Run Pagefind; on timeout its whole process group is killed, so nothing it
    started can keep the build waiting."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND")}
    try:
        process = subprocess.Popen(
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
    with process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            _kill_group(process)
            raise PagefindError(f"Pagefind did not finish within {timeout:g} s") from exc
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
    if not (bundle_dir / "pagefind.js").is_file():
        raise PagefindError("Pagefind finished but wrote no pagefind.js")
    files: dict[PurePosixPath, bytes] = {}
    for path in sorted(bundle_dir.rglob("*")):
        if path.is_file() and not path.name.startswith(UNUSED_PREFIXES):
            files[PurePosixPath(path.relative_to(bundle_dir).as_posix())] = path.read_bytes()
    return files
