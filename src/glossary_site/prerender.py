"""Term pages ahead of ``render_site``: taken from the cache, or rendered in worker processes.

``render_site`` then renders only the other pages (index, 404, sitemap) and any term page
that failed here: a template's error is always reported by ``render_site`` itself, in
this process, with the template's file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import jinja2

from .cache import Store, cached_pages, page_keys
from .cache.pages import KIND, LIST_KIND, list_key, term_digests
from .config import SiteConfig
from .graph import Node, TermGraph
from .page_kit import Listed
from .pool import run_all
from .render import term_page_renderer, uses_project_templates


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
    edit_urls: Mapping[str, str] | None = None,
) -> tuple[dict[str, bytes], ListedPages]:
    """The term pages by slug, and the cache of list pages for ``render_site`` (whose
    ``keys`` are what term and list pages are stored under: ``site`` and ``digests`` make
    them, see ``cache.pages``)."""
    site = f"{site}:{asset_version}"
    own_templates = store is not None and uses_project_templates(env)
    keys = (
        page_keys(graph, digests, site, cards_only=not own_templates) if store is not None else {}
    )
    found = cached_pages(store, keys) if store is not None else {}
    missing = [node for slug, node in graph.nodes.items() if slug not in found]
    maker = _PageMaker(
        term_page_renderer(graph, config, env, asset_version, edit_urls), store, keys
    )
    for node, page in zip(missing, run_all(maker, missing, jobs), strict=True):
        if page is not None:
            found[node.term.slug] = page
            if store is not None and store.in_memory:  # a worker's put stays in the worker
                store.put(KIND, keys[node.term.slug], page)
    lists = ListedPages(store, f"{site}\0{len(graph.nodes)}", set(keys.values()))
    if own_templates:
        lists.terms = term_digests(graph, digests)
    return found, lists


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

    def _key(self, dest: str, template: str, listed: Listed) -> str:
        terms = self.terms
        digests = "\0".join(terms[slug] for slug in listed.nodes) if terms is not None else ""
        key = list_key(self.site, dest, template, listed.shown, digests)
        self.keys.add(key)
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
        self, render: Callable[[Node], bytes], store: Store | None, keys: Mapping[str, str]
    ) -> None:
        self.render = render
        self.store = store
        self.keys = keys
        self.failed = False

    def __call__(self, node: Node) -> bytes | None:
        if self.failed:
            return None
        try:
            page = self.render(node)
        except Exception:  # rendered again by render_site, which reports it
            self.failed = True
            return None
        if self.store is not None:
            self.store.put(KIND, self.keys[node.term.slug], page)
        return page
