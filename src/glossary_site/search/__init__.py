"""Full-text search: Pagefind's index of the terms and the names index, under ``pagefind/``.

``search_files`` is the build's one call: it writes one search document per published
term (``documents``) into a private temporary folder, runs Pagefind once over them
(``pagefind``) and returns the bundle plus ``names.json`` as site files, so they go
through the same checks, atomic write and manifest as the pages. The search box
(``templates/base.html``, ``static/search.js``) loads nothing of it until the reader
uses search. ``search = false`` in glossary.toml switches all of it off.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..config import SiteConfig
from ..diagnostics import Diagnostic
from ..graph import TermGraph
from .cached import KIND, EntryStore, bundle_key, pack, unpack
from .documents import names_index, search_document
from .pagefind import PagefindError, PagefindUnavailable, find_pagefind, run_pagefind

# Folder of the site that holds every search file (Pagefind's default name: a folder
# starting with "_" would be dropped by GitHub Pages' Jekyll).
SEARCH_DIR = PurePosixPath("pagefind")
NAMES_FILE = SEARCH_DIR / "names.json"

__all__ = ["NAMES_FILE", "SEARCH_DIR", "EntryStore", "search_files"]


def search_files(
    graph: TermGraph,
    config: SiteConfig,
    config_path: Path | None,
    store: EntryStore | None = None,
) -> tuple[dict[PurePosixPath, bytes], tuple[Diagnostic, ...], str]:
    """The site's search files, or the reason there are none (an error naming the fix),
    and the cache key of Pagefind's bundle ("" when none was made or looked up).

    With a ``store`` (the build cache) a bundle made before of the same documents by the
    same Pagefind is reused, and a new one stored.
    """
    if not config.search or not graph.nodes:
        return {}, (), ""
    documents = {
        PurePosixPath(slug, "index.html"): search_document(node, config.language)
        for slug, node in graph.nodes.items()
    }
    try:
        binary = find_pagefind()
        key = bundle_key(documents, binary)
        bundle = _cached(store, key)
        if bundle is None:
            bundle = run_pagefind(documents, binary)
            if store is not None:
                store.put(KIND, key, pack(bundle))
    except PagefindUnavailable as exc:
        return {}, (_problem(config_path, "search-unavailable", str(exc)),), ""
    except PagefindError as exc:
        return {}, (_problem(config_path, "search-index-failed", str(exc)),), ""
    files = {SEARCH_DIR / path: data for path, data in bundle.items()}
    files[NAMES_FILE] = names_index(graph)
    return dict(sorted(files.items())), (), key


def _cached(store: EntryStore | None, key: str) -> dict[PurePosixPath, bytes] | None:
    entry = store.get(KIND, key) if store is not None else None
    return unpack(entry[0]) if entry is not None else None


def _problem(config_path: Path | None, code: str, message: str) -> Diagnostic:
    return Diagnostic(
        config_path or Path("glossary.toml"),
        0,
        code,
        f"the search index cannot be built: {message}",
        "install Pagefind with pip install 'pagefind[extended]' (glossary-site depends on "
        "it), or switch search off in glossary.toml: search = false",
    )
