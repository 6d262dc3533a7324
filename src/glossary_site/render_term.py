"""Term pages: the term, its document, its place in the graph, its cards and previews.

``TermPages`` is the part of ``render._Pages`` that renders them; ``render_site`` and the
worker processes of ``prerender`` call its ``term``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

import jinja2
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import escape

from .concept_map import Neighbourhoods
from .config import SiteConfig
from .graph import Node, TermGraph
from .i18n import Catalogue
from .page_kit import PageMeta, json_ld
from .render_env import is_default_template
from .site_urls import markdown_twin_href, term_breadcrumbs
from .taxonomy import Taxonomy
from .term_parts import ConceptMapWriter, PreviewCards
from .term_view import term_extras


class TermPages:
    """Renders term pages; the rest of the page kit (``_render``, URLs) is ``render._Pages``."""

    graph: TermGraph
    config: SiteConfig
    env: jinja2.Environment
    ui: Catalogue
    maps: Neighbourhoods
    taxonomy: Taxonomy
    split_index: bool
    graph_slug: str | None
    edit_urls: Mapping[str, str]

    def _render(self, name: str, listed: int = 0, **context: Any) -> bytes:
        raise NotImplementedError

    def _canonical(self, path: str) -> str:
        raise NotImplementedError

    def _home(self, root: str) -> str:
        raise NotImplementedError

    def _url_maker(self, root: str) -> Callable[[str], str]:
        raise NotImplementedError

    def _prepare_terms(self, version: str) -> None:
        """The default concept map and preview cards are written in Python (term_parts.py),
        unless the project overrides their template."""
        self._term_url = self._url_maker("../")
        self._extras_memo: dict[tuple[str, str], str] = {}
        graph_url = self._term_url(self.graph_slug) if self.graph_slug else ""
        default_map = is_default_template(self.env, "concept-map.html")
        self._maps = ConceptMapWriter(self.ui, self._term_url, graph_url) if default_map else None
        default_cards = is_default_template(self.env, "term-previews.html")
        self._cards = self._preview_cards(version) if default_cards else None

    def _preview_cards(self, version: str) -> PreviewCards:
        root = escape(self.env.globals.get("asset_root", ""))
        script = f'<script src="../{root}preview.js?v={escape(version)}" defer></script>'
        policies = self.env.policies
        data_ui = htmlsafe_json_dumps(
            self.ui.for_script("preview.read_more", "preview.about"),
            dumps=policies["json.dumps_function"],
            **policies["json.dumps_kwargs"],
        )
        return PreviewCards(self.ui, self._term_url, script, data_ui)

    def _term_set(self) -> dict[str, Any]:
        data: dict[str, Any] = {"@type": "DefinedTermSet", "name": self.config.title}
        if self.config.base_url:
            data["url"] = self.config.base_url
        return data

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
            node,
            self.graph,
            self.taxonomy,
            self.config.directory_urls,
            self.split_index,
            self.ui,
            self._extras_memo,
        )
        page = dataclasses.replace(
            page,
            breadcrumbs_json_ld=term_breadcrumbs(
                self.config, term.slug, term.title, (extras["letter"], extras["letter_url"])
            ),
            markdown=markdown_twin_href(self.config),
        )
        fast: dict[str, Any] = {}
        drawn = self.maps.of(node)
        graph_url = self._term_url(self.graph_slug) if self.graph_slug else ""
        if self._maps is not None:
            fast["concept_map_html"] = self._maps.html(drawn, term.title)
        previews = self._previews(node)
        if self._cards is not None:
            fast["previews_html"] = self._cards.html(previews)
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
            term_url=self._term_url,
            edit_url=self.edit_urls.get(term.slug, ""),
            previews=previews,
            concept_map=drawn,
            graph_url=graph_url,
            **fast,
        )

    def _previews(self, node: Node) -> tuple[Node, ...]:
        """The terms a term page links to, for their preview cards (the page key covers them)."""
        slugs = {*node.related, *node.referenced_by, *(link.target for link in node.document.links)}
        if node.replaced_by:
            slugs.add(node.replaced_by)
        slugs.discard(node.term.slug)
        nodes = self.graph.nodes
        return tuple(nodes[slug] for slug in sorted(slugs) if slug in nodes)
