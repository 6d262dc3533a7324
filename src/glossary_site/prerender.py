"""Term pages ahead of ``render_site``: taken from the cache, or rendered in worker processes.

Each page is handed to the site's outputs (``PageSink``: the spool of the build) as soon as
it is made or found, not held: the pages of 10,000 terms are about 350 MB. A page whose key
is the one of the last build and whose SHA-256 (``cache.pages.PageShas``) is what the site
being updated holds already is not even read from the cache.

``render_site`` then renders only the other pages (index, 404, sitemap) and any term page
that failed here: a template's error is always reported by ``render_site`` itself, in
this process, with the template's file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import PurePosixPath
from typing import Protocol

import jinja2

from .cache import Store, page_keys
from .cache.pages import KIND, LIST_KIND, PageShas, list_key, term_digests
from .config import SiteConfig
from .graph import Node, TermGraph
from .memory import release_free_memory
from .page_kit import Listed
from .pool import MIN_PARALLEL_ITEMS, run_each
from .render import term_page_renderer, uses_project_templates


class PageSink(Protocol):
    """Where finished pages go (``outputs._Outputs``)."""

    def take(self, files: Mapping[PurePosixPath, bytes], generated: bool = True) -> None:
        """Hand over files (the caller drops them)."""

    def keep(self, dest_path: PurePosixPath, sha256: str) -> bool:
        """Take the file the site being updated holds at ``dest_path`` when its SHA-256
        is ``sha256`` (no bytes needed); False when it is not known to hold it."""


def prerender_pages(
    graph: TermGraph,
    config: SiteConfig,
    env: jinja2.Environment,
    asset_version: str,
    *,
    store: Store | None,
    site: str,
    digests: Mapping[str, str],
    jobs: int,
    sink: PageSink,
    edit_urls: Mapping[str, str] | None = None,
    faces: tuple[Callable[[Node], str], dict[str, str]] | None = None,
) -> tuple[frozenset[str], ListedPages]:
    """The slugs of the term pages handed to ``sink``, and the cache of list pages for
    ``render_site`` (whose ``keys`` are what term and list pages are stored under: ``site``
    and ``digests`` make them, see ``cache.pages``).

    With ``faces`` (a function and a mapping) the function's value for each term whose page
    is rendered goes into the mapping by slug, computed where the page is (``patch_notes``).
    """
    site = f"{site}:{asset_version}"
    own_templates = store is not None and uses_project_templates(env)
    keys = (
        page_keys(graph, digests, site, cards_only=not own_templates) if store is not None else {}
    )
    shas = PageShas(store, site) if store is not None else None
    handed = _from_cache(shas, keys, sink) if shas is not None else set()
    missing = [node for slug, node in graph.nodes.items() if slug not in handed]
    maker = _PageMaker(
        term_page_renderer(graph, config, env, asset_version, edit_urls),
        store,
        keys,
        faces[0] if faces is not None else None,
    )
    for number, made in run_each(maker, missing, jobs):
        if made is None:
            continue
        slug = missing[number].term.slug
        page, sha256, face = made
        if faces is not None and face:
            faces[1][slug] = face
        sink.take({_dest(slug): page})
        handed.add(slug)
        if store is not None and store.in_memory:  # a worker's put stays in the worker
            store.put(KIND, keys[slug], page)
        if shas is not None:
            shas.found(keys[slug], sha256)
    if len(missing) >= MIN_PARALLEL_ITEMS:  # the pages made are spooled: their memory is free
        release_free_memory()
    used = set(keys.values())
    if shas is not None:
        used.add(shas.save())
    lists = ListedPages(store, _lists_site(site, len(graph.nodes)), used)
    if own_templates:
        lists.terms = term_digests(graph, digests)
    return frozenset(handed), lists


def list_cache(store: Store, site: str, asset_version: str, term_count: int) -> ListedPages:
    """The cache of list pages ``prerender_pages`` gives with the same ``site``,
    ``asset_version`` and number of terms, and the default templates (a patch build's)."""
    return ListedPages(store, _lists_site(f"{site}:{asset_version}", term_count), set())


def _lists_site(site: str, term_count: int) -> str:
    return f"{site}\0{term_count}"


def _dest(slug: str) -> PurePosixPath:
    return PurePosixPath(slug, "index.html")


def _from_cache(shas: PageShas, keys: Mapping[str, str], sink: PageSink) -> set[str]:
    """The slugs of the pages found in the cache, each handed to ``sink``: without reading
    it where the site holds it already (same key as last time, same SHA-256)."""
    handed = set()
    for slug, key in keys.items():
        known = shas.known(key)
        if known is not None and sink.keep(_dest(slug), known):
            handed.add(slug)
            shas.found(key, known)
            continue
        entry = shas.store.get(KIND, key)
        if entry is not None:
            sink.take({_dest(slug): entry[0]})
            handed.add(slug)
            shas.found(key, entry[1])
    return handed


class ListedPages:
    """List pages (index, letters, tags) in the cache, keyed by what they show.

    With the default templates that is exactly what ``render_index`` and ``render_tags``
    say they show (titles, teasers, slugs, tags…), so editing a term's body renders none
    of them. A project's own templates may show anything of the terms listed: then each
    term's whole digest is part of the key as well (``terms``).
    """

    def __init__(self, store: Store | None, site: str, keys: set[str]) -> None:
        self.store = store
        self.site = site
        self.keys = keys  # every key used by this build (term and list pages)
        self.terms: dict[str, str] | None = None
        self._last: tuple[Listed, str, str] | None = None  # (a miss: ``get``, then ``put``)

    def _key(self, dest: str, template: str, listed: Listed) -> str:
        last = self._last
        if last is not None and last[0] is listed and last[1] == dest:
            return last[2]
        terms = self.terms
        digests = "\0".join(terms[slug] for slug in listed.nodes) if terms is not None else ""
        key = list_key(self.site, dest, template, listed.shown, digests)
        self.keys.add(key)
        self._last = (listed, dest, key)
        return key

    def get(self, dest: str, template: str, listed: Listed) -> bytes | None:
        if self.store is None:
            return None
        entry = self.store.get(LIST_KIND, self._key(dest, template, listed))
        return entry[0] if entry is not None else None

    def put(self, dest: str, template: str, listed: Listed, page: bytes) -> None:
        if self.store is not None:
            self.store.put(LIST_KIND, self._key(dest, template, listed), page)


class _PageMaker:
    """Renders a term page and stores it; None when rendering fails (reported later).

    After a failure it renders nothing more (in this process): a broken template costs
    one failure, not one per term.
    """

    def __init__(
        self,
        render: Callable[[Node], bytes],
        store: Store | None,
        keys: Mapping[str, str],
        face: Callable[[Node], str] | None = None,
    ) -> None:
        self.render = render
        self.store = store
        self.keys = keys
        self.face = face
        self.failed = False

    def __call__(self, node: Node) -> tuple[bytes, str, str] | None:
        """The page, its SHA-256 ("" without a store) and the term's face ("" without)."""
        if self.failed:
            return None
        try:
            page = self.render(node)
        except Exception:  # rendered again by render_site, which reports it
            self.failed = True
            return None
        face = self.face(node) if self.face is not None else ""
        if self.store is not None:
            return page, self.store.put(KIND, self.keys[node.term.slug], page), face
        return page, "", face
