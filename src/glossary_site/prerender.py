"""Term pages ahead of ``render_site``: taken from the cache, or rendered in worker processes.

``render_site`` then renders only the other pages (index, 404, sitemap) and any term page
that failed here: a template's error is always reported by ``render_site`` itself, in
this process, with the template's file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import jinja2

from .cache import Store, cached_pages, page_keys
from .cache.pages import KIND
from .config import SiteConfig
from .graph import Node, TermGraph
from .pool import run_all
from .render import term_page_renderer


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
) -> tuple[dict[str, bytes], frozenset[str]]:
    """The term pages by slug, and the keys they are stored under (``site`` and
    ``digests`` make them, see ``cache.pages``)."""
    keys = page_keys(graph, digests, f"{site}:{asset_version}") if store is not None else {}
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
    return found, frozenset(keys.values())


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
