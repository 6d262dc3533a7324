"""The site as served: the last good build's files in memory, and the last rebuild's problems.

Two paths update it. ``quick`` renders the pages of edited terms at once (see ``quick``)
and leaves the pages that show their cards (``cards``) and the full rebuild (``full``)
to the follow-up work (``follow``). A full rebuild runs the pipeline with in-memory
caches (``build.render_in_memory``): term files that did not change are neither parsed
nor converted again, and term pages whose inputs did not change are not rendered again.
It is the source of truth: every check, the index, the sitemaps. It can be cancelled
at its checkpoints (``Cancelled``), and a change made while it runs (``generation``
moved on) drops its result. Whatever goes wrong in a rebuild (bad content, a broken
template, an invalid config, a deleted folder, even a bug of ours) becomes problems to
show; the files served stay those of the last good build.
"""

from __future__ import annotations

import gc
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import MappingProxyType

from ..build import Caches, Glossary, Project, render_in_memory
from ..diagnostics import Diagnostic, has_errors, printable
from .memory import MemoryStore, MemoryTermCache
from .quick import QuickPath, Tools

Checkpoint = Callable[[], None]


class Cancelled(BaseException):
    """Raised at a checkpoint of a rebuild that is no longer wanted (a change came):
    it stops there and its result is dropped. A ``BaseException``, so that no
    ``except Exception`` of a stage takes it for a failure."""


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """What one rebuild did: whether the files served changed, its problems, its time
    (``cpu_seconds``: of the thread that did it, so other threads' work is not counted;
    worker processes are not counted either)."""

    changed: bool
    diagnostics: tuple[Diagnostic, ...]
    seconds: float
    cpu_seconds: float
    quick: bool = False  # only the edited terms' pages: a full rebuild is still to come
    cards: frozenset[str] = frozenset()  # edited terms: the pages showing them follow


def _no_checkpoint() -> None:
    return None


class SiteState:
    """The files served and the caches that make rebuilding them cheap.

    ``quick`` and ``cards`` run one at a time (a lock); ``full`` runs beside them and
    takes that lock only to publish its result, unless ``generation`` moved on meanwhile.
    """

    def __init__(self, project: Project) -> None:
        self.project = project
        self._commit = threading.Lock()
        self._files: Mapping[PurePosixPath, bytes] = MappingProxyType({})
        self._term_caches: dict[str, MemoryTermCache] = {}
        self._pages = MemoryStore()
        self._quick: QuickPath | None = None
        self._tools = Tools()
        self._last: tuple[Diagnostic, ...] = ()
        self.base_path = "/"
        self.generation = 0  # moves on with every change to the inputs

    @property
    def files(self) -> Mapping[PurePosixPath, bytes]:
        return self._files  # swapped whole, never changed in place

    def rebuild(self, changed: set[Path] | None = None) -> Rebuilt:
        """Update after edits to the files ``changed`` (None: anything may have changed):
        by the quick path with the pages showing the edited terms when it can, else by a
        full rebuild. (The server runs these steps apart; see ``follow``.)"""
        if changed:
            quick = self.quick(changed)
            if quick is not None:
                cards = self.cards(quick.cards)
                return quick if cards is None else cards
        return self.full()

    def quick(self, changed: set[Path]) -> Rebuilt | None:
        """The edited terms' own pages rendered again, or None when only a full rebuild
        can tell (see ``quick``); ``cards`` of the result are still to render."""
        started, cpu = time.perf_counter(), time.thread_time()
        with self._commit:
            if self._quick is None:
                return None
            try:
                update = self._quick.update(changed, self._files)
            except Exception:  # the full rebuild will tell what it is
                update = None
            if update is None:
                return None
            self._files = MappingProxyType(dict(update.files))
            kept = tuple(d for d in self._last if d.path not in update.edited)
            self._last = (*kept, *update.diagnostics)
            problems = self._last
        elapsed = time.perf_counter() - started
        cpu_seconds = time.thread_time() - cpu
        return Rebuilt(True, problems, elapsed, cpu_seconds, quick=True, cards=update.cards)

    def cards(
        self, slugs: Iterable[str], checkpoint: Checkpoint = _no_checkpoint
    ) -> Rebuilt | None:
        """The pages of ``slugs`` (they show edited terms) rendered again; None when
        none changed or the quick path is gone (a full rebuild renders them)."""
        started, cpu = time.perf_counter(), time.thread_time()
        with self._commit:
            if self._quick is None:
                return None
            pages = self._quick.pages(self._quick.showing(slugs), checkpoint)
            changed = {k: v for k, v in (pages or {}).items() if self._files.get(k) != v}
            if not changed:
                return None
            self._files = MappingProxyType({**self._files, **changed})
            problems = self._last
        elapsed = time.perf_counter() - started
        return Rebuilt(True, problems, elapsed, time.thread_time() - cpu, quick=True)

    def prepare(self) -> None:
        """Make what the quick path will need, before the first edit needs it."""
        quick = self._quick
        if quick is not None:
            try:
                quick.prepare()
            except Exception:  # the edit that needs it will fall back to a full rebuild
                return

    def full(self, checkpoint: Checkpoint = _no_checkpoint) -> Rebuilt:
        """A full rebuild; raises ``Cancelled`` (from ``checkpoint``, or when the inputs
        changed while it ran) and then changes nothing served."""
        started, cpu = time.perf_counter(), time.thread_time()
        generation = self.generation
        self._set_checkpoint(checkpoint)
        try:
            glossary, diagnostics, outputs = render_in_memory(
                self.project, Caches(self._term_cache, self._pages, checkpoint, self._tools.links)
            )
        except Exception as exc:  # a bug of ours must not stop the server: show it
            glossary, outputs = None, {}
            diagnostics = (_internal_error(exc, self.project.source_dir),)
        finally:
            self._set_checkpoint(_no_checkpoint)
        with self._commit:
            if generation != self.generation:
                raise Cancelled
            changed = self._publish(glossary, diagnostics, outputs)
        # Collect the old site's garbage now, so that the quick updates that follow do
        # not pay for a collection of the whole heap (0.3 s at 10,000 terms).
        gc.collect()
        elapsed = time.perf_counter() - started
        return Rebuilt(changed, diagnostics, elapsed, time.thread_time() - cpu)

    def _publish(
        self,
        glossary: Glossary | None,
        diagnostics: tuple[Diagnostic, ...],
        outputs: Mapping[PurePosixPath, bytes],
    ) -> bool:
        """Serve a full rebuild's result (under the lock); whether the files changed."""
        self._last = diagnostics
        for cache in self._term_caches.values():
            cache.prune()
        if not outputs or has_errors(diagnostics) or glossary is None:
            self._quick = None
            return False
        changed = dict(self._files) != dict(outputs)
        self._files = MappingProxyType(dict(outputs))
        self.base_path = glossary.config.base_path or "/"
        self._quick = QuickPath(self.project, glossary, self._tools)
        return changed

    def _set_checkpoint(self, checkpoint: Checkpoint) -> None:
        self._pages.checkpoint = checkpoint
        for cache in self._term_caches.values():
            cache.checkpoint = checkpoint

    def _term_cache(self, environment: str) -> MemoryTermCache:
        """The term cache of ``environment``; those of other environments are dropped."""
        cache = self._term_caches.get(environment)
        if cache is None:
            cache = MemoryTermCache(environment)
            cache.checkpoint = self._pages.checkpoint
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
