"""The /graph/ page: the whole glossary as one map, clustered by category, drawn at build time.

Terms are grouped by category (a term without one by its first tag, else "Other"). Each
cluster is a ring of its terms around the cluster's name, labels pointing outwards; the
clusters sit in a grid, row by row in name order; a line joins every two terms that are
related or linked. The layout is arithmetic on sorted input, so the same glossary always
gives the same picture. Above ``graph_max_terms`` terms the page lists the clusters only.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from .concept_map import cut
from .graph import Node, TermGraph

OTHER = "Other"
# Where the page goes, unless a term has that slug (then the next; the term keeps its page).
PAGE_SLUGS = ("graph", "glossary-graph", "concept-map-of-all-terms")
_NODE_SPACING = 22  # along a ring, between the centres of two terms
_MIN_RADIUS = 40
_LABEL_ROOM = 130  # beyond the ring, for labels (up to LABEL_CHARACTERS at 12 px)
LABEL_CHARACTERS = 18


@dataclass(frozen=True, slots=True)
class GraphNode:
    slug: str
    title: str
    label: str
    x: float
    y: float
    angle: float  # degrees: the label's rotation, so it reads outwards and upright
    anchor: str  # "start" on the right half of a ring, "end" on the left


@dataclass(frozen=True, slots=True)
class Cluster:
    name: str
    x: float  # centre
    y: float
    radius: float
    nodes: tuple[GraphNode, ...]


@dataclass(frozen=True, slots=True)
class GraphMap:
    clusters: tuple[Cluster, ...]
    edges: tuple[tuple[float, float, float, float], ...]  # x1, y1, x2, y2
    width: int
    height: int
    drawn: bool  # False above graph_max_terms: the page lists the clusters only


def page_slug(slugs: set[str] | frozenset[str]) -> str | None:
    """The folder of the graph page: the first of PAGE_SLUGS that no term has."""
    return next((slug for slug in PAGE_SLUGS if slug not in slugs), None)


def cluster_name(node: Node) -> str:
    return node.term.category or (node.term.tags[0] if node.term.tags else OTHER)


def graph_map(graph: TermGraph, max_terms: int) -> GraphMap:
    """The map of every term of ``graph`` (positions only when it has at most ``max_terms``)."""
    groups: dict[str, list[Node]] = defaultdict(list)
    for node in graph.nodes.values():
        groups[cluster_name(node)].append(node)
    names = sorted(groups, key=lambda name: (name == OTHER, name.casefold(), name))
    ordered = [
        (name, sorted(groups[name], key=lambda n: (n.term.title.casefold(), n.term.slug)))
        for name in names
    ]
    drawn = 0 < len(graph.nodes) <= max_terms
    if not drawn:
        clusters = tuple(Cluster(name, 0, 0, 0, _unplaced(nodes)) for name, nodes in ordered)
        return GraphMap(clusters, (), 0, 0, False)
    return _laid_out(graph, ordered)


def _unplaced(nodes: list[Node]) -> tuple[GraphNode, ...]:
    return tuple(
        GraphNode(n.term.slug, n.term.title, n.term.title, 0, 0, 0, "start") for n in nodes
    )


def _laid_out(graph: TermGraph, ordered: list[tuple[str, list[Node]]]) -> GraphMap:
    radii = [max(_MIN_RADIUS, len(nodes) * _NODE_SPACING / (2 * math.pi)) for _, nodes in ordered]
    cells = [2 * (radius + _LABEL_ROOM) for radius in radii]
    columns = max(1, math.ceil(math.sqrt(len(ordered))))
    widths = [max(cells[i::columns]) for i in range(min(columns, len(cells)))]
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    heights = [max(row) for row in rows]
    clusters = []
    place: dict[str, tuple[float, float]] = {}
    for index, ((name, nodes), radius) in enumerate(zip(ordered, radii, strict=True)):
        row, column = divmod(index, columns)
        x = sum(widths[:column]) + widths[column] / 2
        y = sum(heights[:row]) + heights[row] / 2
        placed = _ring(nodes, x, y, radius)
        place.update((node.slug, (node.x, node.y)) for node in placed)
        clusters.append(Cluster(name, round(x, 1), round(y, 1), round(radius, 1), placed))
    edges = set()
    for slug, node in graph.nodes.items():
        for other in (*node.related, *node.referenced_by):
            first, second = sorted((slug, other))
            if first != second:
                edges.add((*place[first], *place[second]))
    return GraphMap(
        tuple(clusters), tuple(sorted(edges)), math.ceil(sum(widths)), math.ceil(sum(heights)), True
    )


def _ring(nodes: list[Node], x: float, y: float, radius: float) -> tuple[GraphNode, ...]:
    placed = []
    for index, node in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * index / len(nodes)
        degrees = math.degrees(angle)
        left = math.cos(angle) < -1e-9
        title = node.term.title
        label = cut(title, LABEL_CHARACTERS)
        placed.append(
            GraphNode(
                node.term.slug,
                title,
                label,
                round(x + radius * math.cos(angle), 1),
                round(y + radius * math.sin(angle), 1),
                round(degrees + 180 if left else degrees, 1),
                "end" if left else "start",
            )
        )
    return tuple(placed)
