"""A term's neighbourhood as a picture: positions for an inline SVG drawn at build time.

The term sits in the middle; its related terms and the terms that link to it (one hop)
sit around it on an ellipse, in a fixed order (explicit related terms first, then the
others by title), so the same graph always gives the same picture. The template
(``concept-map.html``) draws it: every node a link, colours from CSS custom properties,
no JavaScript.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from .graph import Node, TermGraph

# Neighbours drawn around a term at most; the rest are listed under "Related terms".
MAX_NEIGHBOURS = 12
# The picture's coordinate system (the SVG's viewBox) and the ellipse of neighbours.
WIDTH, HEIGHT = 440, 340
_CENTRE_X, _CENTRE_Y, _RADIUS_X, _RADIUS_Y = 220, 165, 90, 115
# Labels wrap onto two lines of this many characters (cut with "…"); the link's
# accessible name has the whole title.
LINE_CHARACTERS = 14
_LINE_HEIGHT = 15


@dataclass(frozen=True, slots=True)
class MapNode:
    slug: str
    title: str
    x: float
    y: float
    lines: tuple[str, ...]  # the label: the title on at most two lines
    anchor: str  # the label's text-anchor: "start", "middle" or "end"
    label_x: float
    label_y: float  # the baseline of the first line
    relation: str  # "self", "related" (either lists the other as related), "link" (in text)


@dataclass(frozen=True, slots=True)
class ConceptMap:
    centre: MapNode
    neighbours: tuple[MapNode, ...]
    more: int  # neighbours left out (beyond MAX_NEIGHBOURS)
    width: int = WIDTH
    height: int = HEIGHT


def label_lines(title: str, width: int = LINE_CHARACTERS) -> tuple[str, ...]:
    """``title`` wrapped at words onto at most two lines of ``width`` characters; what
    does not fit is cut (``cut``)."""
    lines: list[str] = []
    for word in title.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 2:
        lines[1:] = [" ".join(lines[1:])]
    return tuple(cut(line, width) for line in lines)


def cut(text: str, width: int) -> str:
    """``text`` cut after a whole word to at most ``width`` characters with "…" (so what
    shows is words of the link's name, WCAG 2.5.3); one long word is left whole."""
    if len(text) <= width or " " not in text[: width - 1]:
        return text
    return text[: width - 1].rsplit(" ", 1)[0].rstrip(" -,:;") + "…"


class Neighbourhoods:
    """Concept maps of the terms of ``graph``; who lists whom as related is resolved once
    per term, however many pages show it."""

    def __init__(self, graph: TermGraph) -> None:
        self.graph = graph
        self._related: dict[str, frozenset[str]] = {}

    def lists_as_related(self, slug: str) -> frozenset[str]:
        found = self._related.get(slug)
        if found is None:
            refs = self.graph.nodes[slug].term.related
            found = frozenset(s for s in (self.graph.resolve(r.text) for r in refs) if s)
            self._related[slug] = found
        return found

    def of(self, node: Node) -> ConceptMap | None:
        """The map of ``node`` and its neighbours (one hop), or None when it has none.

        Its own related terms come first, then terms that list it as related, then terms
        whose text links to it; by title within each.
        """
        slug = node.term.slug
        nodes = self.graph.nodes
        mine = self.lists_as_related(slug)

        def rank(other: str) -> tuple[int, str, str]:
            kind = 0 if other in mine else 1 if slug in self.lists_as_related(other) else 2
            return kind, nodes[other].term.title.casefold(), other

        ranked = sorted(({*node.related, *node.referenced_by} - {slug}), key=rank)
        explicit = {other for other in ranked[:MAX_NEIGHBOURS] if rank(other)[0] < 2}
        return _drawn(node, nodes, ranked, explicit)


def neighbourhood(node: Node, graph: TermGraph) -> ConceptMap | None:
    """The concept map of one term (``Neighbourhoods`` for many)."""
    return Neighbourhoods(graph).of(node)


def _drawn(
    node: Node, nodes: Mapping[str, Node], others: list[str], explicit: set[str]
) -> ConceptMap | None:
    if not others:
        return None
    shown = others[:MAX_NEIGHBOURS]
    count = len(shown)
    neighbours = []
    for index, other in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        x = _CENTRE_X + _RADIUS_X * math.cos(angle)
        y = _CENTRE_Y + _RADIUS_Y * math.sin(angle)
        relation = "related" if other in explicit else "link"
        neighbours.append(_node(nodes[other], x, y, relation, math.cos(angle)))
    centre = _node(node, _CENTRE_X, _CENTRE_Y, "self", 0.0)
    return ConceptMap(centre, tuple(neighbours), len(others) - count)


def _node(node: Node, x: float, y: float, relation: str, across: float) -> MapNode:
    """A node at (x, y), its label beside it (``across``: the cosine of its angle)."""
    lines = label_lines(node.term.title)
    block = (len(lines) - 1) * _LINE_HEIGHT
    if across > 0.35:
        anchor, label_x, label_y = "start", x + 13, y + 5 - block / 2
    elif across < -0.35:
        anchor, label_x, label_y = "end", x - 13, y + 5 - block / 2
    elif y < _CENTRE_Y:
        anchor, label_x, label_y = "middle", x, y - 14 - block
    else:
        anchor, label_x, label_y = "middle", x, y + 26
    return MapNode(
        node.term.slug,
        node.term.title,
        round(x, 1),
        round(y, 1),
        lines,
        anchor,
        round(label_x, 1),
        round(label_y, 1),
        relation,
    )
