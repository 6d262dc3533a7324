"""Stage 5: ``TermGraph`` + ``SiteConfig`` → ``{dest_path: bytes}``. Writes nothing.

The pages by kind: term pages in ``render_term``, the index and letters in
``render_index``, tags and categories in ``render_tags``; the Jinja environment and its
sandbox in ``render_env``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping
from pathlib import PurePosixPath
from types import MappingProxyType
from typing import Any

import jinja2
from jinja2.debug import rewrite_traceback_stack

from .concept_map import Neighbourhoods
from .config import SiteConfig
from .graph import Node, TermGraph
from .graph_page import graph_map, page_slug
from .i18n import Catalogue, packaged_catalogue
from .markup.limits import TimeBudgetExceeded, time_budget
from .page_kit import ListCache, Listed, PageMeta, json_ld
from .render_env import DEFAULT_TEMPLATES, make_environment, uses_project_templates
from .render_index import index_jobs
from .render_tags import tag_jobs
from .render_term import TermPages
from .site_urls import feed_url
from .sitemaps import SITEMAP_MAX_BYTES, SITEMAP_MAX_URLS, Sitemaps
from .taxonomy import build_taxonomy
from .template_errors import TemplateTimeout

# Seconds one page may take to render (POSIX main thread only, see markup.limits).
PAGE_TIME_BUDGET_SECONDS = 30.0
# More for each entry of a page that lists every term (the index page, sitemaps): about
# ten times what an entry takes on a busy machine (100,000 terms: 3 s of CPU for the index).
LISTED_ENTRY_SECONDS = 0.0005
__all__ = [
    "DEFAULT_TEMPLATES",
    "PageMeta",
    "json_ld",
    "make_environment",
    "render_lists",
    "render_site",
    "site_catalogue",
    "term_page_renderer",
    "uses_project_templates",
]


def render_site(
    graph: TermGraph,
    config: SiteConfig,
    env: jinja2.Environment,
    asset_version: str,
    edit_urls: Mapping[str, str] | None = None,
    *,
    sitemap_limits: tuple[int, int] | None = None,
    rendered: Mapping[str, bytes] = MappingProxyType({}),
    cache: ListCache | None = None,
    handed: Collection[str] = frozenset(),
) -> tuple[Mapping[PurePosixPath, bytes], tuple[Exception, ...]]:
    """Every generated page of the site, keyed by its path relative to the site root.

    ``asset_version`` is appended to asset URLs (``style.css?v=…``) so caches refresh.
    ``sitemap_limits`` (URLs, bytes per file) default to the protocol's (see ``Sitemaps``).
    A page whose template raises is left out and the exception returned; after the
    first failure of a template its other pages are skipped, so a broken ``term.html``
    costs one failure, not one per term. ``edit_urls`` (slug → URL) are the "Edit this
    term" links. ``rendered`` holds term pages already rendered (by slug) with the same
    templates and inputs: they are used as they are; ``handed`` names those the caller
    has put in the site already (they are left out); ``cache`` holds list pages (index,
    letters, tags) by what they show.
    """
    pages = _Pages(graph, config, env, asset_version)
    pages.edit_urls = edit_urls or {}
    jobs: list[tuple[str, str, Callable[[], bytes]]] = [
        *_list_jobs(pages),
        ("404.html", "404.html", pages.not_found),
        ("robots.txt", "robots.txt", lambda: pages.plain("robots.txt")),
    ]
    if pages.graph_slug:  # the map of all terms (graph_page.py)
        jobs.append((f"{pages.graph_slug}/index.html", "graph.html", pages.graph_map))
    outputs = {PurePosixPath(slug, "index.html"): page for slug, page in rendered.items()}
    for slug, node in graph.nodes.items():
        if slug not in rendered and slug not in handed:
            jobs.append((f"{slug}/index.html", "term.html", functools.partial(pages.term, node)))
    failures: dict[str, Exception] = {}
    for dest, template, make in jobs:
        if template in failures:
            continue
        try:
            outputs[PurePosixPath(dest)] = _made(dest, template, make, cache)
        except Exception as exc:  # judged by the caller: a project template's fault, or a bug
            failures[template] = exc
    # Every listing page rendered (tags, categories, letters, the map) is indexed as well;
    # redirect pages (exports) and 404.html are not jobs of this list.
    listed = tuple(
        dest.removesuffix("index.html")
        for dest, template, _ in jobs
        if template not in {"term.html", "404.html", "robots.txt"}
        and dest != "index.html"
        and PurePosixPath(dest) in outputs
    )
    try:
        limits = sitemap_limits or (SITEMAP_MAX_URLS, SITEMAP_MAX_BYTES)
        sitemaps = Sitemaps(pages, *limits, listed=listed)
        # Rendered all the same without a base URL, so that check finds its errors
        # before a build --base-url; written only with one.
        files = sitemaps.files()
        if config.base_url:
            outputs.update((PurePosixPath(name), data) for name, data in files.items())
    except Exception as exc:  # as above
        failures["sitemap.xml"] = exc
    return MappingProxyType(dict(sorted(outputs.items()))), tuple(failures.values())


def render_lists(
    graph: TermGraph,
    config: SiteConfig,
    env: jinja2.Environment,
    asset_version: str,
    edit_urls: Mapping[str, str] | None = None,
    *,
    cache: ListCache | None = None,
    listing: Collection[str] | None = None,
) -> dict[PurePosixPath, bytes] | None:
    """The list pages of the site (the index, its letters, the tag and category pages),
    as ``render_site`` renders them; with ``listing`` (slugs), only those that list one of
    those terms. None when a template fails (``render_site`` reports it). A patch
    build's, when a term's teaser changed (``patch``)."""
    pages = _Pages(graph, config, env, asset_version)
    pages.edit_urls = edit_urls or {}
    wanted = None if listing is None else frozenset(listing)
    try:
        jobs = [
            (dest, name, make)
            for dest, name, make in _list_jobs(pages)
            if wanted is None or (isinstance(make, Listed) and not wanted.isdisjoint(make.nodes))
        ]
        return {PurePosixPath(dest): _made(dest, name, make, cache) for dest, name, make in jobs}
    except Exception:  # a template's error, reported with its line by the full build
        return None


def _list_jobs(pages: _Pages) -> list[tuple[str, str, Callable[[], bytes]]]:
    return [*index_jobs(pages, pages.taxonomy), *tag_jobs(pages, pages.taxonomy)]


def _made(dest: str, template: str, make: Callable[[], bytes], cache: ListCache | None) -> bytes:
    """The page of a job: from ``cache`` when it is a list page that shows what it showed."""
    if cache is None or not isinstance(make, Listed):
        return make()
    page = cache.get(dest, template, make)
    if page is None:
        page = make()
        cache.put(dest, template, make, page)
    return page


def term_page_renderer(
    graph: TermGraph,
    config: SiteConfig,
    env: jinja2.Environment,
    asset_version: str,
    edit_urls: Mapping[str, str] | None = None,
) -> Callable[[Node], bytes]:
    """Renders one term page as ``render_site`` does (to render them ahead, in parallel)."""
    pages = _Pages(graph, config, env, asset_version)
    pages.edit_urls = edit_urls or {}
    return pages.term


def site_catalogue(config: SiteConfig, env: jinja2.Environment) -> Catalogue:
    """The interface strings the build loaded (``env.globals["t"]``, with the project's
    translations), or the package's for the site's language."""
    loaded = env.globals.get("t")
    if isinstance(loaded, Catalogue) and loaded.language == config.language:
        return loaded
    return packaged_catalogue(config.language)


class _Pages(TermPages):
    """Renders each kind of page (term pages: ``TermPages``); holds only read-only inputs."""

    def __init__(
        self, graph: TermGraph, config: SiteConfig, env: jinja2.Environment, version: str
    ) -> None:
        self.graph = graph
        self.config = config
        self.env = env
        self.graph_slug = page_slug(frozenset(graph.nodes))
        self.maps = Neighbourhoods(graph)
        self.ui = site_catalogue(config, env)
        self.globals = {
            "t": self.ui,
            "site": config,
            "asset_version": version,
            "term_count": len(graph.nodes),
            "feed_url": feed_url(config),
        }
        self.edit_urls = {}
        self.taxonomy = build_taxonomy(graph, config.language)[0]  # check reported clashes
        self.split_index = len(graph.nodes) > config.index_split_at
        self._prepare_terms(version)

    def render_page(self, name: str, listed: int = 0, **context: Any) -> bytes:
        return self._render(name, listed, **context)

    def page_meta(self, title: str, description: str, path: str, root: str) -> PageMeta:
        return PageMeta(
            title, description, self._canonical(path), root, self._home(root), "website", ""
        )

    def _render(self, name: str, listed: int = 0, **context: Any) -> bytes:
        """``name`` rendered within the time budget; ``listed``: entries it lists."""
        template = self.env.get_template(name)
        budget = PAGE_TIME_BUDGET_SECONDS + listed * LISTED_ENTRY_SECONDS
        try:
            with time_budget(budget):
                return template.render(**self.globals, **context).encode("utf-8")
        except TimeBudgetExceeded:
            interrupted = rewrite_traceback_stack()  # template lines, as Jinja gives for errors
            raise TemplateTimeout(f"{budget:g} s").with_traceback(
                interrupted.__traceback__
            ) from None

    def _url_maker(self, root: str) -> Callable[[str], str]:
        suffix = "" if self.config.directory_urls else "index.html"
        return lambda slug: f"{root}{slug}/{suffix}"

    def _home(self, root: str) -> str:
        if not self.config.directory_urls:
            return f"{root}index.html"
        return root or "./"

    def _canonical(self, path: str) -> str:
        return f"{self.config.base_url}{path}" if self.config.base_url else ""

    def home_meta(self) -> PageMeta:
        """The index page's: its JSON-LD describes the set, not each term (each term page
        names its set)."""
        term_set = {
            "@context": "https://schema.org",
            **self._term_set(),
            "description": self.config.description,
        }
        return PageMeta(
            self.config.title,
            self.config.description,
            self._canonical(""),
            "",
            self._home(""),
            "website",
            json_ld(term_set),
        )

    def graph_map(self) -> bytes:
        """The map of every term (or, above graph_max_terms, the list of its clusters)."""
        slug = self.graph_slug
        page = PageMeta(
            self.ui.text("page.title", page=self.ui.text("graph.title"), site=self.config.title),
            self.ui.text("graph.description", site=self.config.title),
            self._canonical(f"{slug}/"),
            "../",
            self._home("../"),
            "website",
            "",
        )
        drawn = graph_map(self.graph, self.config.graph_max_terms)
        return self._render(
            "graph.html",
            len(self.graph.nodes),
            page=page,
            graph_map=drawn,
            term_url=self._url_maker("../"),
        )

    def not_found(self) -> bytes:
        root = self.config.base_path  # the 404 page is served at any depth
        page = PageMeta(
            self.ui.text(
                "page.title", page=self.ui.text("not_found.title"), site=self.config.title
            ),
            self.config.description,
            "",
            root,
            self._home(root),
            "website",
            "",
        )
        return self._render("404.html", page=page, term_url=self._url_maker(root))

    def plain(self, name: str) -> bytes:
        return self._render(name)
