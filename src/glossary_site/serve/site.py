"""The site as served: the last good build's files in memory, and the last rebuild's problems.

A rebuild runs the pipeline with in-memory caches (``build.render_in_memory``): term
files that did not change are neither parsed nor converted again, and term pages whose
inputs did not change are not rendered again. Whatever goes wrong in a rebuild (bad
content, a broken template, an invalid config, a deleted folder, even a bug of ours)
becomes problems to show; the files served stay those of the last good build.
"""

from __future__ import annotations

import gc
import threading
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import MappingProxyType

from ..build import Caches, Project, render_in_memory
from ..diagnostics import Diagnostic, has_errors, printable
from .memory import MemoryStore, MemoryTermCache
from .quick import QuickPath, Tools


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """What one rebuild did: whether the files served changed, its problems, its time."""

    changed: bool
    diagnostics: tuple[Diagnostic, ...]
    seconds: float
    cpu_seconds: float
    quick: bool = False  # only the edited terms' pages: a full rebuild is still to come


class SiteState:
    """The files served and the caches that make rebuilding them cheap."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._lock = threading.Lock()
        self._files: Mapping[PurePosixPath, bytes] = MappingProxyType({})
        self._term_caches: dict[str, MemoryTermCache] = {}
        self._pages = MemoryStore()
        self._quick: QuickPath | None = None
        self._tools = Tools()
        self._last: tuple[Diagnostic, ...] = ()
        self.base_path = "/"

    @property
    def files(self) -> Mapping[PurePosixPath, bytes]:
        with self._lock:
            return self._files

    def rebuild(self, changed: set[Path] | None = None) -> Rebuilt:
        """Update after edits to the files ``changed`` (None: anything may have changed):
        by the quick path when it can (see ``quick``), else by a full rebuild."""
        started, cpu = time.perf_counter(), time.process_time()
        if changed and self._quick is not None:
            update = self._quick_update(changed)
            if update is not None:
                elapsed = time.perf_counter() - started
                return Rebuilt(True, update, elapsed, time.process_time() - cpu, quick=True)
        diagnostics, changed_files = self._full()
        for cache in self._term_caches.values():
            cache.prune()
        # Collect the old site's garbage now, so that the quick updates that follow do
        # not pay for a collection of the whole heap (0.3 s at 10,000 terms).
        gc.collect()
        elapsed = time.perf_counter() - started
        return Rebuilt(changed_files, diagnostics, elapsed, time.process_time() - cpu)

    def _quick_update(self, changed: set[Path]) -> tuple[Diagnostic, ...] | None:
        assert self._quick is not None
        try:
            update = self._quick.update(changed, self.files)
        except Exception:  # the full rebuild will tell what it is
            update = None
        if update is None:
            return None
        with self._lock:
            self._files = MappingProxyType(dict(update.files))
        kept = tuple(d for d in self._last if d.path not in update.edited)
        return (*kept, *update.diagnostics)

    def _full(self) -> tuple[tuple[Diagnostic, ...], bool]:
        """A full rebuild; its problems and whether the files served changed."""
        self._quick = None
        try:
            glossary, diagnostics, outputs = render_in_memory(
                self.project, Caches(self._term_cache, self._pages)
            )
        except Exception as exc:  # a bug of ours must not stop the server: show it
            glossary, outputs = None, {}
            diagnostics = (_internal_error(exc, self.project.source_dir),)
        self._last = diagnostics
        if not outputs or has_errors(diagnostics) or glossary is None:
            return diagnostics, False
        with self._lock:
            changed = dict(self._files) != dict(outputs)
            self._files = MappingProxyType(dict(outputs))
        self.base_path = glossary.config.base_path or "/"
        self._quick = QuickPath(self.project, glossary, self._tools)
        return diagnostics, changed

    def _term_cache(self, environment: str) -> MemoryTermCache:
        """The term cache of ``environment``; those of other environments are dropped."""
        cache = self._term_caches.get(environment)
        if cache is None:
            cache = MemoryTermCache(environment)
        self._term_caches = {environment: cache}
        return cache


def _internal_error(exc: Exception, source_dir: Path) -> Diagnostic:
    """A bug of ours during a rebuild, shown like a problem (with where to report it)."""
    last = traceback.extract_tb(exc.__traceback__)[-1:] or None
    where = f" at {last[0].filename}:{last[0].lineno}" if last else ""
    return Diagnostic(
        source_dir,
        0,
        "internal-error",
        printable(f"the rebuild failed: {exc!r}{where}"),
        "this is a bug of glossary-site: the last good site is still served; "
        "report it with the traceback printed in the terminal",
    )
