"""Full-text search: Pagefind's index of the terms and the names index, under ``pagefind/``.

``search_files`` is the build's one call: it makes one search document per published
term (``documents``), splits them into shards (``shards``: one for small glossaries),
runs Pagefind over each shard not in the cache (``pagefind``) and returns the bundles
plus ``names.json`` and the teaser files as site files, so they go through the same
checks, atomic write and manifest as the pages. The search box
(``templates/base.html``, ``static/search.js``) loads nothing of it until the reader
uses search. ``search = false`` in glossary.toml switches all of it off.
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
from .pagefind import PagefindError, PagefindUnavailable, find_pagefind, run_pagefind
from .shards import index_shards, split

# Folder of the site that holds every search file (Pagefind's default name: a folder
# starting with "_" would be dropped by GitHub Pages' Jekyll).
SEARCH_DIR = PurePosixPath("pagefind")
NAMES_FILE = SEARCH_DIR / "names.json"
TEASERS_DIR = SEARCH_DIR / "teasers"

__all__ = ["NAMES_FILE", "SEARCH_DIR", "EntryStore", "search_files"]


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
    if not config.search or not graph.nodes:
        return {}, (), frozenset()
    with paused_gc():  # tens of thousands of small objects: see gc_pause
        return _search_files(graph, config, config_path, store)


def _search_files(
    graph: TermGraph, config: SiteConfig, config_path: Path | None, store: EntryStore | None
) -> tuple[dict[PurePosixPath, bytes], tuple[Diagnostic, ...], frozenset[str]]:
    documents = {slug: search_document(node, config.language) for slug, node in graph.nodes.items()}
    shards = split(documents)
    try:
        binary = find_pagefind()
        bundles, keys, merged = index_shards(shards, binary, store, _run)
    except PagefindUnavailable as exc:
        return {}, (_problem(config_path, "search-unavailable", str(exc)),), frozenset()
    except PagefindError as exc:
        return {}, (_problem(config_path, "search-index-failed", str(exc)),), frozenset()
    files = {SEARCH_DIR / path: data for path, data in bundles.items()}
    files[NAMES_FILE] = names_index(graph, merged)
    for name, data in teaser_files(graph).items():
        files[TEASERS_DIR / name] = data
    return dict(sorted(files.items())), (), keys


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
