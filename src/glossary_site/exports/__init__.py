"""Files for other tools, written by ``build`` beside the pages: one module per format.

Each exporter is a function ``(graph, config) -> {site path: bytes}`` registered in
``EXPORTERS`` under the name that switches it on or off in glossary.toml (``[exports]``;
the names live in ``export_names.py``, which config checks the table against). Exporters
read the finished graph only; they never read files or the clock, so their output is
deterministic for given sources. The build calls ``export_files``, which makes every
export from each term's parts (``parts.py``: the same bytes), kept in the build cache
by the term's facts (``facts.py``, ``part_cache.py``), so an edit makes one term's parts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import PurePosixPath

from ..config import SiteConfig
from ..gc_pause import paused_gc
from ..graph import TermGraph
from ..i18n import Catalogue, packaged_catalogue
from ..redirects import find_redirects
from .csv_file import export_csv
from .embed import export_embed
from .facts import TermFacts, term_facts
from .feed import atom_feed
from .json_api import json_api
from .llms import llms_txt
from .markdown_twin import markdown_twins
from .part_cache import EntryStore, PartCache, pack_count, pack_key, part_key, shared_digest
from .parts import PartMaker, Parts, needed, whole_files
from .redirects import redirect_pages
from .skos import export_skos
from .spans import ExportNotes, part_spans
from .tbx import export_tbx

Exporter = Callable[[TermGraph, SiteConfig], Mapping[PurePosixPath, bytes]]
# Exporters that write words for readers take the interface strings (i18n) as well.
WordedExporter = Callable[[TermGraph, SiteConfig, Catalogue], Mapping[PurePosixPath, bytes]]

# name → exporter that makes that export's files alone, in the order ``export_files``
# writes them. Add a format by adding its module, a line here, its part in ``parts``.
EXPORTERS: dict[str, Exporter] = {
    "json-api": json_api,
    "redirects": redirect_pages,
    "feed": atom_feed,
    "llms-txt": llms_txt,
    "markdown": markdown_twins,
    "skos": export_skos,
    "csv": export_csv,
    "tbx": export_tbx,
    "embed": export_embed,
}


WORDED: dict[str, WordedExporter] = {
    "redirects": redirect_pages,
    "llms-txt": llms_txt,
    "markdown": markdown_twins,
}


def export_files(
    graph: TermGraph,
    config: SiteConfig,
    ui: Catalogue | None = None,
    store: EntryStore | None = None,
    environment: str = "",
    notes: ExportNotes | None = None,
) -> dict[PurePosixPath, bytes]:
    """The files of every export that is on, keyed by their path below the site root;
    ``ui``: the site's interface strings (default: the package's for its language);
    ``notes`` is filled with where each term's part is in the joined files and with the
    redirects leading to each term (``spans.ExportNotes``).

    Each term's parts of the exports (``parts``) are made once, or with a ``store`` (the
    build cache) and the build's ``environment`` digest taken from it when the term's
    facts are the same as when they were stored; the files are joined from the parts.
    """
    ui = ui or packaged_catalogue(config.language)
    on = frozenset(name for name in EXPORTERS if config.exports_on(name))
    with paused_gc():  # tens of thousands of small objects: see gc_pause
        redirects = find_redirects(graph)[0] if "redirects" in on else {}
        facts = term_facts(graph, redirects)
        cache = None
        if store is not None and environment:
            cache = PartCache(store, shared_digest(environment, ui.digest, on), len(facts))
        maker = PartMaker(config, ui, on)
        parts = {slug: _parts(each, maker, cache) for slug, each in facts.items()}
        if cache is not None:
            cache.save()
        files = whole_files(facts, parts, config, ui, on)
        if notes is not None:
            notes.spans.update(part_spans(files, facts, parts))
            notes.redirects.update((s, f.redirects) for s, f in facts.items() if f.redirects)
    if "embed" in on:
        files.update(export_embed(graph, config))
    return files


def export_cache_keys(
    config: SiteConfig, ui: Catalogue | None, environment: str, terms: int
) -> frozenset[str]:
    """The cache entries ``export_files`` uses for a glossary of ``terms`` terms."""
    ui = ui or packaged_catalogue(config.language)
    on = frozenset(name for name in EXPORTERS if config.exports_on(name))
    shared = shared_digest(environment, ui.digest, on)
    count = pack_count(terms)
    return frozenset(pack_key(shared, pack, count) for pack in range(count))


def _parts(facts: TermFacts, maker: PartMaker, cache: PartCache | None) -> Parts:
    if cache is None:
        return maker.parts(facts)
    key = part_key(facts, cache.shared)
    found = cache.get(facts.slug, key, needed(facts, maker.on))
    if found is not None:
        return found
    made = maker.parts(facts)
    cache.keep(facts.slug, key, made)
    return made
