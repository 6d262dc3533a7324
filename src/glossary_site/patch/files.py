"""The files a patch build makes: the edited terms' pages, exports and search shards.

Each is made by the functions the full build uses (``render``, ``exports``, ``search``),
on the light glossary with the edited terms whole; the joined export files are the
site's own with the edited terms' parts replaced (``exports.spans``).
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import MappingProxyType

from ..assets import asset_version, load_assets
from ..cache import Store
from ..cache.sortkeys import SortKeyCache
from ..config import SiteConfig
from ..edit_links import edit_urls
from ..exports import EXPORTERS
from ..exports.facts import facts_of
from ..exports.parts import PartMaker, whole_files
from ..exports.spans import JOINED, Spans, splice
from ..graph import Node, TermGraph
from ..i18n import Catalogue, packaged_catalogue
from ..project import Project, input_roots
from ..render import make_environment, term_page_renderer, uses_project_templates
from ..search import SEARCH_DIR
from ..search.cached import KIND as BUNDLE_KIND
from ..search.cached import bundle_key, pack
from ..search.documents import search_document
from ..search.pagefind import PagefindError, find_pagefind, run_pagefind
from ..search.shards import (
    DOCS_KIND,
    Bundle,
    bucket,
    cached_bundle,
    decode_documents,
    encode_documents,
    shard_dir,
    trimmed,
)
from ..site_urls import FEED_FILE
from .edits import Edited
from .light import BrokenLight, Light
from .state import PatchState

# The search files of the shards made again, the files they drop, every shard's key.
_Shards = tuple[dict[PurePosixPath, bytes], set[PurePosixPath], dict[int, str]]


@dataclass(slots=True)
class EditFiles:
    """The files of the edited terms, and what becomes of the search index's."""

    files: dict[PurePosixPath, bytes]
    removed: set[PurePosixPath]  # the search files the new shards no longer have
    shard_keys: dict[int, str]
    parts: dict[str, dict[str, bytes]] = field(default_factory=dict)  # slug → its parts
    search: _Search | None = None

    def searched(self) -> dict[PurePosixPath, bytes] | None:
        """The search files of the shards made again (waits for Pagefind), with
        ``removed`` and ``shard_keys`` set; None when they could not be made."""
        shards = self.search.result() if self.search is not None else None
        if shards is None:
            return None
        files, self.removed, self.shard_keys = shards
        return files

    def close(self) -> None:
        """Wait for Pagefind's thread, if any (a full build that follows forks workers)."""
        if self.search is not None:
            self.search.result()

    def joined(
        self, folder: Path, previous: Mapping[str, str], spans: dict[PurePosixPath, Spans]
    ) -> dict[PurePosixPath, bytes] | None:
        """The joined export files of the site in ``folder`` (the manifest's digests
        ``previous``) with the edited terms' parts in place, ``spans`` updated; None
        when a file cannot be read or has no spans."""
        files = {}
        for path, (name, _) in JOINED.items():
            if path.as_posix() not in previous:
                continue
            each = spans.get(path)
            data = _read(folder, path)
            if each is None or data is None or not each.fits(len(data)):
                return None
            for slug, parts in self.parts.items():
                part = parts.get(name)
                if part is None or slug not in each.slugs:
                    return None
                data = splice(data, each, slug, part)
                each = each.replaced(slug, len(part))
            files[path] = data
            spans[path] = each
        return files


def make_files(
    project: Project,
    config: SiteConfig,
    ui: Catalogue,
    light: Light,
    state: PatchState,
    edited: list[Edited],
    store: Store,
) -> EditFiles | None:
    """The edited terms' files; None when they cannot be made here (build in full)."""
    slugs = [each.node.term.slug for each in edited]
    if state.feed is not None and any(slug in state.feed for slug in slugs):
        return None  # the feed shows the term's text: made whole by the full build
    search = _Search(config, state, [each.node for each in edited], store)
    try:
        nodes = {node.term.slug: node for node in light.nodes()}
    except BrokenLight:
        search.result()
        return None
    nodes.update((each.node.term.slug, each.node) for each in edited)
    graph = TermGraph(MappingProxyType(nodes), MappingProxyType(light.names))
    SortKeyCache(store, state.environment, config.language)  # titles' keys, for the letters
    pages = _pages(project, config, ui, graph, light, slugs)
    if pages is None:
        search.result()  # (its thread ends before the build goes on)
        return None
    made = _exports(config, ui, graph, slugs, state)
    made.files.update(pages)
    made.search = search  # still running: the writer waits for it last
    return made


class _Search:
    """The edited terms' shards indexed again in a thread of its own, while the pages and
    exports are made (Pagefind's run is most of a patch build's time)."""

    def __init__(
        self, config: SiteConfig, state: PatchState, edited: list[Node], store: Store
    ) -> None:
        self._outcome: _Shards | None = None
        self._error: BaseException | None = None  # raised again by ``result``
        self._thread: threading.Thread | None = None
        if not (config.search and state.shard_count):
            self._outcome = {}, set(), dict(state.shard_keys)
            return
        self._thread = threading.Thread(
            target=self._work, args=(config, state, edited, store), name="patch-search"
        )
        self._thread.start()

    def _work(
        self, config: SiteConfig, state: PatchState, edited: list[Node], store: Store
    ) -> None:
        try:
            self._outcome = _search(config, state, edited, store)
        except BaseException as exc:  # a bug: raised in the build's thread
            self._error = exc

    def result(self) -> _Shards | None:
        """The shards' files, removed files and keys (None: build in full); waits."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        return self._outcome


def _pages(
    project: Project,
    config: SiteConfig,
    ui: Catalogue,
    graph: TermGraph,
    light: Light,
    slugs: list[str],
) -> dict[PurePosixPath, bytes] | None:
    """The edited terms' pages, as ``outputs.render_outputs`` renders them."""
    roots = input_roots(project)
    env = make_environment(project.templates_dir, roots)
    env.globals["t"] = ui
    env.globals.update(project.template_globals)
    if uses_project_templates(env):
        return None  # they may show anything of the other terms (cache.pages)
    assets, _ = load_assets(project.static_dir, roots)
    links = edit_urls(config, light.terms, project.source_dir)
    render = term_page_renderer(graph, config, env, asset_version(assets), links)
    pages = {}
    for slug in slugs:
        try:
            pages[PurePosixPath(slug, "index.html")] = render(graph.nodes[slug])
        except Exception:  # a template's error: the full build reports it with its line
            return None
    return pages


def _exports(
    config: SiteConfig, ui: Catalogue, graph: TermGraph, slugs: list[str], state: PatchState
) -> EditFiles:
    """The edited terms' own export files, and their parts of the joined ones."""
    on = frozenset(name for name in EXPORTERS if config.exports_on(name))
    maker = PartMaker(config, ui or packaged_catalogue(config.language), on)
    made = EditFiles({}, set(), {})
    skipped = {*JOINED, PurePosixPath(FEED_FILE)}
    for slug in slugs:
        facts = facts_of(graph, slug, state.redirects.get(slug, ()))
        parts = maker.parts(facts)
        made.parts[slug] = parts
        alone = whole_files({slug: facts}, {slug: parts}, config, maker.ui, on)
        made.files.update((path, data) for path, data in alone.items() if path not in skipped)
    return made


def _search(
    config: SiteConfig, state: PatchState, edited: list[Node], store: Store
) -> _Shards | None:
    """The edited terms' shards indexed again: their files, the files they drop, and the
    shards' keys."""
    keys = dict(state.shard_keys)
    by_shard: dict[int, list[Node]] = {}
    for node in edited:
        by_shard.setdefault(bucket(node.term.slug, state.shard_count), []).append(node)
    files: dict[PurePosixPath, bytes] = {}
    removed: set[PurePosixPath] = set()
    for shard, nodes in sorted(by_shard.items()):
        key = keys.get(shard)
        entry = store.get(DOCS_KIND, key) if key is not None else None
        documents = decode_documents(entry[0]) if entry is not None else None
        runtime = shard == state.first_shard
        old = cached_bundle(store, key, runtime=runtime) if key is not None else None
        if documents is None or old is None:
            return None
        for node in nodes:
            path = PurePosixPath(node.term.slug, "index.html")
            if path not in documents:
                return None
            documents[path] = search_document(node, config.language)
        bundle = _bundle(documents, runtime, store)
        if bundle is None:
            return None
        keys[shard] = bundle[0]
        prefix = SEARCH_DIR if runtime else SEARCH_DIR / shard_dir(shard)
        files.update((prefix / path, data) for path, data in bundle[1].items())
        removed |= {prefix / path for path in old if path not in bundle[1]}
    return files, removed, keys


def _bundle(
    documents: dict[PurePosixPath, str], runtime: bool, store: Store
) -> tuple[str, Bundle] | None:
    """The bundle of a shard's documents and its key: from the cache, or made and stored."""
    try:
        binary = find_pagefind()
    except PagefindError:
        return None
    key = bundle_key(documents, binary)
    found = cached_bundle(store, key, runtime=runtime)
    if found is None:
        try:
            found = trimmed(run_pagefind(documents, binary), runtime=runtime)
        except PagefindError:
            return None
        store.put(BUNDLE_KIND, key, pack(found))
    if not store.has(DOCS_KIND, key):
        store.put(DOCS_KIND, key, encode_documents(documents))
    return key, found


def _read(folder: Path, path: PurePosixPath) -> bytes | None:
    """The site's regular file at ``path`` (never through a link). The folder is known to
    be what the manifest says (its stamps held under the lock), as for ``Update.keep``."""
    try:
        fd = os.open(folder.joinpath(*path.parts), os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    with open(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return None
        return file.read()
