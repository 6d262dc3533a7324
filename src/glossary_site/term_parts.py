"""The default ``concept-map.html`` and ``term-previews.html`` as Python, for speed.

Drawn through Jinja, the concept map was about 40 % of a term page's rendering time (a
macro per node, a catalogue lookup per link) and the preview cards another 10 %. These
functions write the very same bytes (tests compare them with the templates on every page
of a corpus); ``render`` uses them only where the project does not override the template,
so an override still gets ``concept_map`` and ``previews`` and renders them its own way.
A preview card is the same on every term page (all sit at ``<slug>/``), so each is made
once per build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from markupsafe import Markup, escape

from .concept_map import ConceptMap, MapNode
from .graph import Node
from .i18n import Catalogue


class ConceptMapWriter:
    """What ``{% include "concept-map.html" %}`` writes; each neighbour's link (its URL and
    accessible name) is made once per build, however many maps show it."""

    def __init__(self, ui: Catalogue, term_url: Callable[[str], str], graph_url: str) -> None:
        self.ui = ui
        self.term_url = term_url
        self.heading = ui("map.heading")
        link = f' <a href="{escape(graph_url)}">{ui("graph.title")}</a>' if graph_url else ""
        self.graph_link = link
        self._links: dict[tuple[str, str], str] = {}

    def html(self, drawn: ConceptMap | None, title: str) -> Markup:
        """The map of the term titled ``title`` (nothing but a line break without one)."""
        if not drawn:
            return Markup("\n")
        centre = drawn.centre
        cx, cy = centre.x, centre.y  # numbers: nothing to escape
        parts = [
            '\n<section class="concept-map" aria-labelledby="concept-map">\n'
            f'  <h2 id="concept-map">{self.heading}</h2>\n'
            "  <figure>\n"
            f'    <svg viewBox="0 0 {drawn.width} {drawn.height}" role="group"'
            ' aria-labelledby="concept-map-caption">'
        ]
        parts += (
            f'\n      <line class="edge-{escape(n.relation)}" x1="{cx}" y1="{cy}"'
            f' x2="{n.x}" y2="{n.y}"/>'
            for n in drawn.neighbours
        )
        parts.append(
            f'\n      <g class="node node-self"><circle cx="{cx}" cy="{cy}" r="9"/>'
            f"{_label(centre)}</g>"
        )
        parts += (
            f'{self._link(n)}<circle cx="{n.x}" cy="{n.y}" r="7"/>{_label(n)}</a>'
            for n in drawn.neighbours
        )
        count = len(drawn.neighbours)
        if drawn.more:
            caption = self.ui("map.caption_more", count=count, title=title, more=drawn.more)
        else:
            caption = self.ui("map.caption", count=count, title=title)
        parts.append(
            f'\n    </svg>\n    <figcaption id="concept-map-caption">{caption}{self.graph_link}'
            "</figcaption>\n  </figure>\n</section>\n"
        )
        return Markup("".join(parts))

    def _link(self, n: MapNode) -> str:
        """The opening ``<a>`` of a neighbour: its URL and its accessible name."""
        found = self._links.get((n.slug, n.relation))
        if found is None:
            key = "map.node_related" if n.relation == "related" else "map.node_linking"
            found = self._links[n.slug, n.relation] = (
                f'\n      <a class="node node-{escape(n.relation)}"'
                f' href="{escape(self.term_url(n.slug))}"'
                f' aria-label="{self.ui(key, title=n.title)}">'
            )
        return found


def _label(n: MapNode) -> str:
    """The ``label`` macro of concept-map.html: the title on its lines, a cut hidden."""
    x = n.label_x
    spans = []
    for index, line in enumerate(n.lines):
        shift = ' dy="15"' if index else ""
        if line.endswith("…"):
            text = f'{escape(line[:-1])}<tspan aria-hidden="true">…</tspan>'
        else:
            text = str(escape(line))
        spans.append(f'{" " if index else ""}<tspan x="{x}"{shift}>{text}</tspan>')
    anchor = escape(n.anchor)
    return f'<text x="{x}" y="{n.label_y}" text-anchor="{anchor}">{"".join(spans)}</text>'


class PreviewCards:
    """What ``{% include "term-previews.html" %}`` writes, each term's card made once."""

    def __init__(
        self, ui: Catalogue, term_url: Callable[[str], str], script: str, data_ui: str
    ) -> None:
        self.ui = ui
        self.term_url = term_url
        self.script = script  # the preview.js element, the same on every term page
        self.data_ui = data_ui  # the interface strings of the script, as JSON
        self._cards: dict[str, str] = {}

    def html(self, previews: Iterable[Node]) -> Markup:
        cards = [self._card(node) for node in previews]
        if not cards:
            return Markup("\n")
        return Markup(
            f"\n<template id=\"term-previews\" data-ui='{self.data_ui}'>"
            f"{''.join(cards)}\n</template>\n{self.script}\n"
        )

    def _card(self, node: Node) -> str:
        slug = node.term.slug
        card = self._cards.get(slug)
        if card is None:
            card = self._cards[slug] = (
                f'\n<div data-href="{escape(self.term_url(slug))}"><p class="preview-title">'
                f'{escape(node.term.title)}</p><p class="preview-teaser">'
                f"{escape(node.document.summary)}</p></div>"
            )
        return card
