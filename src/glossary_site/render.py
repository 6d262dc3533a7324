"""Stage 5: ``TermGraph`` + ``SiteConfig`` → ``{dest_path: bytes}``. Writes nothing.

Templates are looked up in the site's own ``templates/`` folder first, then in
the defaults shipped with the package; a site template can extend the default
it replaces as ``default/<name>``.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath
from types import MappingProxyType
from typing import Any

import jinja2
from jinja2.debug import rewrite_traceback_stack
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .concept_map import Neighbourhoods
from .config import SiteConfig
from .graph import Node, TermGraph
from .graph_page import graph_map, page_slug
from .i18n import Catalogue, packaged_catalogue
from .inputs import InputRoots
from .markup.limits import TimeBudgetExceeded, time_budget
from .render_index import index_jobs
from .render_tags import tag_jobs
from .site_urls import feed_url, markdown_twin_href, term_breadcrumbs
from .sitemaps import SITEMAP_MAX_BYTES, SITEMAP_MAX_URLS, Sitemaps
from .taxonomy import build_taxonomy
from .template_errors import TemplateTimeout
from .template_files import CheckedLoader
from .term_view import term_extras

# Seconds one page may take to render (POSIX main thread only, see markup.limits).
PAGE_TIME_BUDGET_SECONDS = 30.0
# More for each entry of a page that lists every term (the index page, sitemaps): about
# ten times what an entry takes on a busy machine (100,000 terms: 3 s of CPU for the index).
LISTED_ENTRY_SECONDS = 0.0005
PACKAGE_DIR = Path(__file__).parent
DEFAULT_TEMPLATES = PACKAGE_DIR / "templates"


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What ``base.html`` needs to know about the page it wraps."""

    title: str
    description: str
    canonical: str  # absolute URL, or "" without base_url
    root: str  # prefix from this page to the site root: "", "../" or base path
    home: str  # link to the index page
    og_type: str
    json_ld: str
    breadcrumbs_json_ld: str = ""  # a BreadcrumbList beside json_ld (term pages)
    markdown: str = ""  # link to the page's Markdown twin (term pages), see site_urls.py


class _Sandbox(ImmutableSandboxedEnvironment):
    """Templates may read what they are given, never the file system or the process.

    Jinja's sandbox already refuses private attributes and mutating built-in values;
    on top of that, paths handed to templates (``term.src_path``) only show their
    name: ``read_text()``, ``open()``, ``parent`` and the like are refused, so a
    template in a pull request cannot publish a file from outside the project.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        # Whether an attribute is safe depends only on the object's type and the name
        # (Jinja's rules and ours), so each is decided once: a term page reads 600.
        self._safe_attributes: dict[tuple[type, str], bool] = {}
        # (type, name) known safe and never a ``str.format`` (which Jinja wraps): read
        # without the sandbox's checks.
        self._plain_attributes: set[tuple[type, str]] = set()

    def getattr(self, obj: Any, attribute: str) -> Any:
        if (type(obj), attribute) in self._plain_attributes:
            try:
                value = getattr(obj, attribute)
            except AttributeError:
                pass  # an item of a mapping, say: as the sandbox does it
            else:
                if type(value) not in _METHOD_TYPES:  # a method may be a str.format
                    return value
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        safe = self._safe_attributes.get(key)
        if safe is None:
            safe = self._safe_attributes[key] = self._decide(obj, attr, value)
            if safe and attr not in _FORMAT_METHODS:
                self._plain_attributes.add(key)
        return safe

    def _decide(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, PurePath) and attr not in _PATH_ATTRIBUTES:
            return False
        return bool(super().is_safe_attribute(obj, attr, value))


_PATH_ATTRIBUTES = frozenset({"name", "stem", "suffix", "as_posix"})
_FORMAT_METHODS = frozenset({"format", "format_map"})
_METHOD_TYPES = (types.BuiltinMethodType, types.MethodType)


def make_environment(
    templates_dir: Path | None, roots: InputRoots | None = None
) -> jinja2.Environment:
    """Jinja for the project's templates (read only inside ``roots``), then the defaults.

    A project template that may not be read (outside the project, not a regular file,
    too large, not UTF-8) raises ``UnsafeTemplateError`` with its diagnostic.
    """
    default = jinja2.FileSystemLoader(DEFAULT_TEMPLATES)
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None and templates_dir.is_dir():
        roots = roots or InputRoots.for_project(templates_dir.parent)
        loaders.append(CheckedLoader(templates_dir, roots))
    loaders += [jinja2.PrefixLoader({"default": default}), default]
    env = _Sandbox(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.globals["asset_root"] = ""  # from the site's root to the assets (multisite: "../")
    return env


def _autoescape(name: str | None) -> bool:
    """Escape HTML and XML, and templates given as strings; not plain-text files."""
    return not (name or "").endswith(".txt")


def render_site(
    graph: TermGraph,
    config: SiteConfig,
    env: jinja2.Environment,
    asset_version: str,
    edit_urls: Mapping[str, str] | None = None,
    *,
    sitemap_limits: tuple[int, int] | None = None,
    rendered: Mapping[str, bytes] = MappingProxyType({}),
) -> tuple[Mapping[PurePosixPath, bytes], tuple[Exception, ...]]:
    """Every generated page of the site, keyed by its path relative to the site root.

    ``asset_version`` is appended to asset URLs (``style.css?v=…``) so caches refresh.
    ``sitemap_limits`` (URLs, bytes per file) default to the protocol's (see ``Sitemaps``).
    A page whose template raises is left out and the exception returned; after the
    first failure of a template its other pages are skipped, so a broken ``term.html``
    costs one failure, not one per term. ``edit_urls`` (slug → URL) are the "Edit this
    term" links. ``rendered`` holds term pages already rendered (by slug) with the same
    templates and inputs: they are used as they are.
    """
    pages = _Pages(graph, config, env, asset_version)
    pages.edit_urls = edit_urls or {}
    jobs: list[tuple[str, str, Callable[[], bytes]]] = [
        *index_jobs(pages, pages.taxonomy),
        *tag_jobs(pages, pages.taxonomy),
        ("404.html", "404.html", pages.not_found),
        ("robots.txt", "robots.txt", lambda: pages.plain("robots.txt")),
    ]
    if pages.graph_slug:  # the map of all terms (graph_page.py)
        jobs.append((f"{pages.graph_slug}/index.html", "graph.html", pages.graph_map))
    outputs = {PurePosixPath(slug, "index.html"): page for slug, page in rendered.items()}
    for slug, node in graph.nodes.items():
        if slug not in rendered:
            jobs.append((f"{slug}/index.html", "term.html", functools.partial(pages.term, node)))
    failures: dict[str, Exception] = {}
    for dest, template, make in jobs:
        if template in failures:
            continue
        try:
            outputs[PurePosixPath(dest)] = make()
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


def json_ld(data: dict[str, Any]) -> str:
    """JSON for a <script> element: stable key order, no way to close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class _Pages:
    """Renders each kind of page; holds only read-only inputs."""

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
        self.edit_urls: Mapping[str, str] = {}
        self.taxonomy = build_taxonomy(graph, config.language)[0]  # check reported clashes
        self.split_index = len(graph.nodes) > config.index_split_at

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

    def _term_set(self) -> dict[str, Any]:
        data: dict[str, Any] = {"@type": "DefinedTermSet", "name": self.config.title}
        if self.config.base_url:
            data["url"] = self.config.base_url
        return data

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

    def _defined_term(self, node: Node) -> dict[str, Any]:
        data: dict[str, Any] = {
            "@type": "DefinedTerm",
            "name": node.term.title,
            "description": node.document.summary,
            "termCode": node.term.slug,
        }
        if self.config.base_url:
            data["url"] = f"{self.config.base_url}{node.term.slug}/"
        if node.term.aliases:
            data["alternateName"] = [a.text for a in node.term.aliases]
        data["inDefinedTermSet"] = self._term_set()
        return data

    def term(self, node: Node) -> bytes:
        term = node.term
        page = PageMeta(
            title=self.ui.text("page.title", page=term.title, site=self.config.title),
            description=node.document.summary,
            canonical=self._canonical(f"{term.slug}/"),
            root="../",
            home=self._home("../"),
            og_type="article",
            json_ld=json_ld({"@context": "https://schema.org", **self._defined_term(node)}),
        )
        nodes = self.graph.nodes
        extras = term_extras(
            node, self.graph, self.taxonomy, self.config.directory_urls, self.split_index, self.ui
        )
        page = dataclasses.replace(
            page,
            breadcrumbs_json_ld=term_breadcrumbs(
                self.config, term.slug, term.title, (extras["letter"], extras["letter_url"])
            ),
            markdown=markdown_twin_href(self.config),
        )
        return self._render(
            "term.html",
            page=page,
            term=term,
            document=node.document,
            author=term.author or self.config.author,
            **extras,
            related=tuple(nodes[s] for s in node.related),
            referenced_by=tuple(nodes[s] for s in node.referenced_by),
            replaced_by=nodes[node.replaced_by] if node.replaced_by else None,
            term_url=self._url_maker("../"),
            edit_url=self.edit_urls.get(term.slug, ""),
            previews=self._previews(node),
            concept_map=self.maps.of(node),
            graph_url=self._url_maker("../")(self.graph_slug) if self.graph_slug else "",
        )

    def _previews(self, node: Node) -> tuple[Node, ...]:
        """The terms a term page links to, for their preview cards (the page key covers them)."""
        slugs = {*node.related, *node.referenced_by, *(link.target for link in node.document.links)}
        if node.replaced_by:
            slugs.add(node.replaced_by)
        slugs.discard(node.term.slug)
        nodes = self.graph.nodes
        return tuple(nodes[slug] for slug in sorted(slugs) if slug in nodes)

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
