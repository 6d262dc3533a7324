"""The files a patch build makes: the edited terms' pages, exports and search shards.

Each is made by the functions the full build uses (``render``, ``exports``, ``search``),
on the light glossary with the edited terms whole; the joined export files are the
site's own with the edited terms' parts replaced (``exports.spans``).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import BinaryIO

from ..assets import asset_version, load_assets
from ..cache import Store, templates_digest
from ..cache.sortkeys import SortKeyCache
from ..config import SiteConfig
from ..edit_links import edit_urls
from ..exports import EXPORTERS
from ..exports.facts import facts_of
from ..exports.parts import PartMaker, whole_files
from ..exports.spans import JOINED, Spans, spliced
from ..graph import Node, TermGraph
from ..i18n import Catalogue, packaged_catalogue
from ..outputs import page_environment, pages_site
from ..prerender import list_cache
from ..project import Project, input_roots
from ..render import render_lists, term_page_renderer, uses_project_templates
from ..site_urls import FEED_FILE
from .cards import teaser_updates
from .edits import Edited
from .light import BrokenLight, Light
from .search import ShardRun
from .state import PatchState


@dataclass(slots=True)
class EditFiles:
    """The files of the edited terms, and what becomes of the search index's."""

    files: dict[PurePosixPath, bytes]
    shard_keys: dict[int, str]
    parts: dict[str, dict[str, bytes]] = field(default_factory=dict)  # slug → its parts
    search: ShardRun | None = None
    replaced: frozenset[PurePosixPath] = frozenset()  # the search files the new shards replace

    def searched(self) -> dict[PurePosixPath, bytes] | None:
        """The search files of the shards made again (waits for Pagefind), with
        ``shard_keys`` set; None when they could not be made."""
        if self.search is None:
            return {}
        shards = self.search.result(self.shard_keys)
        if shards is None:
            return None
        files, self.shard_keys = shards
        return files

    def joined(
        self, folder: Path, previous: Mapping[str, str], spans: dict[PurePosixPath, Spans]
    ) -> dict[PurePosixPath, list[memoryview]] | None:
        """The joined export files of the site in ``folder`` (the manifest's digests
        ``previous``) with the edited terms' parts in place, as pieces (``spliced``),
        ``spans`` updated; None when a file cannot be read or has no spans. A file whose
        parts of the edited terms are the same bytes is left out: it stays as it is (a
        body edit changes the CSV's row, not the other files' 30 MB)."""
        files = {}
        for path, (name, _) in JOINED.items():
            if path.as_posix() not in previous:
                continue
            each = spans.get(path)
            parts = {}
            for slug, made in self.parts.items():
                part = made.get(name)
                if each is None or part is None or slug not in each.slugs:
                    return None
                parts[slug] = part
            with _opened(folder, path) as file:
                if file is None or each is None or not each.fits(os.fstat(file.fileno()).st_size):
                    return None
                if all(_read_at(file, *each.place(slug)) == part for slug, part in parts.items()):
                    continue  # (kept as the manifest lists it: ``Update.keep_unchanged``)
                file.seek(0)
                data = file.read()
            files[path], spans[path] = spliced(data, each, parts)
        return files


def make_files(
    project: Project,
    config: SiteConfig,
    ui: Catalogue,
    light: Light,
    state: PatchState,
    edited: list[Edited],
    store: Store,
    search: ShardRun | None,
    shown: Mapping[str, Node],
) -> EditFiles | None:
    """The edited terms' files, with ``search`` (Pagefind's runs over their shards, going
    on); with card edits, the pages that show their cards (``shown``: those terms whole),
    the list pages and the teaser files too (``cards``). None when they cannot be made
    here (build in full)."""
    slugs = [each.node.term.slug for each in edited]
    try:
        nodes = {node.term.slug: node for node in light.nodes()}
    except BrokenLight:
        return None
    nodes.update(shown)
    nodes.update((each.node.term.slug, each.node) for each in edited)
    graph = TermGraph(MappingProxyType(nodes), MappingProxyType(light.names))
    SortKeyCache(store, state.environment, config.language)  # titles' keys, for the letters
    cards = [each.node.term.slug for each in edited if each.face]
    pages = _pages(project, config, ui, graph, light, [*slugs, *shown], cards, state, store)
    if pages is None:
        return None
    made = _exports(config, ui, graph, slugs, state)
    made.files.update(pages)
    if cards and config.search:
        made.files.update(teaser_updates(graph, cards))
    made.shard_keys = dict(state.shard_keys)
    if search is not None:
        made.replaced = search.old
    made.search = search  # still running: the writer waits for it last
    return made


def _pages(
    project: Project,
    config: SiteConfig,
    ui: Catalogue,
    graph: TermGraph,
    light: Light,
    slugs: list[str],
    cards: list[str],
    state: PatchState,
    store: Store,
) -> dict[PurePosixPath, bytes] | None:
    """The term pages of ``slugs``, as ``outputs.render_outputs`` renders them; with
    ``cards`` (card edits), the list pages too."""
    roots = input_roots(project)
    env = page_environment(project, ui)
    if uses_project_templates(env):
        return None  # they may show anything of the other terms (cache.pages)
    assets, _ = load_assets(project.static_dir, roots)
    version = asset_version(assets)
    links = edit_urls(config, light.terms, project.source_dir)
    render = term_page_renderer(graph, config, env, version, links)
    pages = {}
    for slug in slugs:
        try:
            pages[PurePosixPath(slug, "index.html")] = render(graph.nodes[slug])
        except Exception:  # a template's error: the full build reports it with its line
            return None
    if cards:
        templates = templates_digest(project.templates_dir, roots)
        site = pages_site(state.environment, templates, ui)
        cache = list_cache(store, site, version, len(graph.nodes))
        lists = render_lists(graph, config, env, version, links, cache=cache, listing=cards)
        if lists is None:
            return None
        pages.update(lists)
    return pages


def _exports(
    config: SiteConfig, ui: Catalogue, graph: TermGraph, slugs: list[str], state: PatchState
) -> EditFiles:
    """The edited terms' own export files, and their parts of the joined ones."""
    on = frozenset(name for name in EXPORTERS if config.exports_on(name))
    maker = PartMaker(config, ui or packaged_catalogue(config.language), on)
    made = EditFiles({}, {})
    skipped = {*JOINED, PurePosixPath(FEED_FILE)}
    for slug in slugs:
        facts = facts_of(graph, slug, state.redirects.get(slug, ()))
        parts = maker.parts(facts)
        made.parts[slug] = parts
        alone = whole_files({slug: facts}, {slug: parts}, config, maker.ui, on)
        made.files.update((path, data) for path, data in alone.items() if path not in skipped)
    return made


@contextlib.contextmanager
def _opened(folder: Path, path: PurePosixPath) -> Iterator[BinaryIO | None]:
    """The site's regular file at ``path`` open for reading (never through a link), or
    None. The folder is known to be what the manifest says (its stamps held under the
    lock), as for ``Update.keep``."""
    try:
        fd = os.open(folder.joinpath(*path.parts), os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        yield None
        return
    with open(fd, "rb") as file:
        yield file if stat.S_ISREG(os.fstat(file.fileno()).st_mode) else None


def _read_at(file: BinaryIO, start: int, length: int) -> bytes:
    file.seek(start)
    return file.read(length)
