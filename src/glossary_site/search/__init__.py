"""Full-text search: Pagefind's index of the terms and the names index, under ``pagefind/``.

``search_files`` makes one search document per published term (``documents``), splits
them into shards (``shards``: one for small glossaries), runs Pagefind over each shard
not in the cache (``pagefind``) and returns the bundles plus ``names.json`` and the
teaser files as site files, so they go through the same checks, atomic write and
manifest as the pages. The build calls it in two steps, ``start_search`` after the term
pages and ``finish_search`` after the list pages, so that an edit's one Pagefind run goes on
meanwhile, as a process of its own (not earlier: the term pages' pool forks, and its
workers would hold the run's pipes).
The search box (``templates/base.html``, ``static/search.js``) loads nothing of it until
the reader uses search. ``search = false`` in glossary.toml switches all of it off.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from ..config import SiteConfig
from ..diagnostics import Diagnostic
from ..gc_pause import paused_gc
from ..graph import TermGraph
from .cached import EntryStore
from .documents import names_index, search_document, teaser_files
from .pagefind import (
    PagefindError,
    PagefindRun,
    PagefindUnavailable,
    find_pagefind,
    run_pagefind,
    start_pagefind,
)
from .shards import (
    Bundle,
    Documents,
    ShardPlan,
    one_made,
    place_bundles,
    plan_shards,
    run_missing,
    split,
)

# Folder of the site that holds every search file (Pagefind's default name: a folder
# starting with "_" would be dropped by GitHub Pages' Jekyll).
SEARCH_DIR = PurePosixPath("pagefind")
NAMES_FILE = SEARCH_DIR / "names.json"
TEASERS_DIR = SEARCH_DIR / "teasers"

# Runs started in the background by ``start_search``: one (an edit's shard). A cold
# build's many runs wait for ``finish_search`` (after the pages' workers are done).
BACKGROUND_RUNS = 1

Outcome = tuple[dict[PurePosixPath, bytes], tuple[Diagnostic, ...], frozenset[str]]

__all__ = [
    "NAMES_FILE",
    "SEARCH_DIR",
    "EntryStore",
    "PendingSearch",
    "finish_search",
    "search_files",
    "start_search",
]


def search_files(
    graph: TermGraph,
    config: SiteConfig,
    config_path: Path | None,
    store: EntryStore | None = None,
) -> tuple[dict[PurePosixPath, bytes], tuple[Diagnostic, ...], frozenset[str]]:
    """The site's search files, or the reason there are none (an error naming the fix),
    and the cache keys of the shards' bundles (none when none was made or looked up).

    With a ``store`` (the build cache) a shard's bundle made before of the same documents
    by the same Pagefind is reused, and a new one stored.
    """
    return finish_search(start_search(graph, config, config_path, store))


def start_search(
    graph: TermGraph,
    config: SiteConfig,
    config_path: Path | None,
    store: EntryStore | None = None,
) -> PendingSearch:
    """``search_files``, begun: the cache is looked up now, and when a single shard needs
    Pagefind (an edit) its process starts now, so the build goes on meanwhile (call it
    when no process will be forked before ``finish_search``, which gives the files, or
    ``PendingSearch.cancel``). More runs (a cold build) start in ``finish_search``.
    """
    return PendingSearch(graph, config, config_path, store)


def finish_search(
    pending: PendingSearch,
) -> tuple[dict[PurePosixPath, bytes], tuple[Diagnostic, ...], frozenset[str]]:
    """The outcome of ``start_search``, as ``search_files`` gives it."""
    return pending.result()


class PendingSearch:
    """A search index being made (see ``start_search``)."""

    def __init__(
        self,
        graph: TermGraph,
        config: SiteConfig,
        config_path: Path | None,
        store: EntryStore | None,
    ) -> None:
        self.graph, self.config_path, self.store = graph, config_path, store
        self._outcome: Outcome | None = None
        self._plan: ShardPlan | None = None
        self._background: _Background | None = None
        if not config.search or not graph.nodes:
            self._outcome = {}, (), frozenset()
            return
        with paused_gc():  # tens of thousands of small objects: see gc_pause
            documents = {
                slug: search_document(node, config.language) for slug, node in graph.nodes.items()
            }
            try:
                self._plan = plan_shards(split(documents), find_pagefind(), store)
            except PagefindError as exc:
                self._outcome = self._failed(exc)
                return
        if len(self._plan.missing) == BACKGROUND_RUNS:
            self._background = _Background(self._plan, store)

    def cancel(self) -> None:
        """Stop a run going on in the background (the build failed meanwhile)."""
        if self._background is not None and self._outcome is None:
            self._background.cancel()

    @property
    def running(self) -> bool:
        """Whether a Pagefind run goes on in the background (``finish_search`` waits)."""
        return self._background is not None and self._outcome is None

    def result(self) -> Outcome:
        """The search files, the diagnostics and the cache keys (waits for Pagefind)."""
        if self._outcome is None:
            self._outcome = self._finish()
        return self._outcome

    def _finish(self) -> Outcome:
        plan = self._plan
        assert plan is not None
        try:
            made = (
                self._background.result()
                if self._background is not None
                else run_missing(plan, self.store, _run)
            )
        except PagefindError as exc:
            return self._failed(exc)
        with paused_gc():
            bundles, keys, merged = place_bundles(plan, made)
            files = {PurePosixPath(f"{SEARCH_DIR}/{path}"): data for path, data in bundles.items()}
            del bundles
            files[NAMES_FILE] = names_index(self.graph, merged)
            for name, data in teaser_files(self.graph).items():
                files[TEASERS_DIR / name] = data
            return dict(sorted(files.items())), (), keys

    def layout(self) -> tuple[int, int, dict[int, str], list[Documents]] | None:
        """The shards of the index made: their count, the first with terms, the bundle
        key of each shard with terms and every shard's documents; None without one."""
        plan = self._plan
        if plan is None or self._outcome is None or self._outcome[1]:
            return None
        return len(plan.shards), plan.first, dict(plan.keys), list(plan.shards)

    def _failed(self, exc: PagefindError) -> Outcome:
        code = (
            "search-unavailable" if isinstance(exc, PagefindUnavailable) else "search-index-failed"
        )
        return {}, (_problem(self.config_path, code, str(exc)),), frozenset()


class _Background:
    """The one Pagefind run of a plan (an edit's shard), started at once as a process of its
    own (``start_pagefind``): the build's thread goes on, and nothing of the run needs
    Python's lock until ``result`` waits for it, reads the bundle and stores it."""

    def __init__(self, plan: ShardPlan, store: EntryStore | None) -> None:
        self._plan, self._store = plan, store
        self._run: PagefindRun | None = None
        self._error: PagefindError | None = None  # raised by ``result``, naming the shard
        try:
            self._run = start_pagefind(plan.shards[plan.missing[0]], plan.binary)
        except PagefindError as exc:
            self._error = exc

    def result(self) -> dict[int, Bundle]:
        return one_made(self._plan, self._store, self._bundle)

    def cancel(self) -> None:
        """Stop the run and remove its files (the build goes no further)."""
        if self._run is not None:
            self._run.cancel()
            self._run = None

    def _bundle(self) -> Bundle:
        run, self._run = self._run, None
        if run is None:
            raise self._error or PagefindError("the run was stopped")
        return run.result()


def _run(documents: Mapping[PurePosixPath, str], binary: Path) -> dict[PurePosixPath, bytes]:
    """One Pagefind run (looked up here at each call, so tests can watch the runs)."""
    return run_pagefind(documents, binary)


def _problem(config_path: Path | None, code: str, message: str) -> Diagnostic:
    return Diagnostic(
        config_path or Path("glossary.toml"),
        0,
        code,
        f"the search index cannot be built: {message}",
        "install Pagefind with pip install 'pagefind[extended]' (glossary-site depends on "
        "it), or switch search off in glossary.toml: search = false",
    )
