"""The "Related terms" cards of every page: the term's own list, then terms the graph suggests.

A term's ``related`` list always shows in full, first. When it names fewer than
``related_terms`` (a ``glossary.toml`` key), the cards are filled from the graph, strongest
first: terms that link here, terms this one links to, terms whose definitions mention each
other (``mentions.py``), shared tags, the same category. The order is fixed (score, then
title), so two builds agree, and each suggested card carries the reason a reader sees
("shares the tag Scrum").

Cost grows with the links, mentions and tag members of each term, never terms × terms:
candidates come from indexes by tag and by category, and a tag or category with more than
``BROAD_GROUP`` members offers only the ``BROAD_GROUP`` terms nearest in title order.
Cards and backlink lists are sorted by title (``alphabet.sort_key``).
"""

from __future__ import annotations

import dataclasses
import heapq
from collections import defaultdict
from collections.abc import Iterable
from types import MappingProxyType

from .alphabet import sort_key
from .graph import Node, TermGraph
from .mentions import MentionFinder
from .names import normalize_name
from .schema import Status

# How many members of a large tag or category one term may be compared with.
BROAD_GROUP = 50
# What each signal adds to a candidate's score; the largest part names the reason.
LINKS_HERE = 8
LINKED_FROM_HERE = 6
MUTUAL_MENTION = 5
MENTION = 3
SHARED_TAG = 4
SAME_CATEGORY = 2


def with_related(
    graph: TermGraph, related_terms: int, autolink: bool = False, language: str = "en"
) -> TermGraph:
    """``graph`` with every node's cards filled up to ``related_terms`` and sorted by title.

    ``autolink``: the site links mentions (autolink.py), so a term's mentions are among its
    links already and only the definitions of terms that opt out are scanned for names.
    ``language``: the site's, whose order sorts the cards (collation.py).
    """
    index = _Index(graph, autolink, language)
    nodes = {slug: index.fill(node, related_terms) for slug, node in graph.nodes.items()}
    return TermGraph(MappingProxyType(nodes), graph.names)


class _Index:
    """What the ranking looks up: titles' sort keys, links, mentions, tag and category members."""

    def __init__(self, graph: TermGraph, autolink: bool = False, language: str = "en") -> None:
        self.nodes = graph.nodes
        self.keys = _title_ranks(graph, language)
        self.linked: dict[str, set[str]] = defaultdict(set)  # slug → slugs it links to
        for slug, node in graph.nodes.items():
            for source in node.referenced_by:
                self.linked[source].add(slug)
        # Definitions only: they say what a term is in terms of others, and are short, so
        # this pass stays well under a second at 10,000 terms (bodies: several seconds).
        unlinked = [n for n in graph.nodes.values() if not (autolink and n.term.autolink)]
        finder = MentionFinder(n.term for n in graph.nodes.values()) if unlinked else None
        self.mentions = {
            n.term.slug: {m.slug for m in finder.in_term(dataclasses.replace(n.term, body=""))}
            - {n.term.slug}
            for n in unlinked
            if finder is not None
        }
        self.mentioned_by: dict[str, set[str]] = defaultdict(set)
        for slug, mentioned in self.mentions.items():
            for other in mentioned:
                self.mentioned_by[other].add(slug)
        self.tags = self._groups(
            (slug, tag) for slug, n in self.nodes.items() for tag in n.term.tags
        )
        self.categories = self._groups(
            (slug, n.term.category) for slug, n in self.nodes.items() if n.term.category
        )

    def _groups(self, pairs: Iterable[tuple[str, str]]) -> dict[str, _Group]:
        members: dict[str, list[str]] = defaultdict(list)
        for slug, name in pairs:
            members[normalize_name(name)].append(slug)
        return {
            name: _Group(sorted(slugs, key=self.keys.__getitem__))
            for name, slugs in members.items()
        }

    def fill(self, node: Node, related_terms: int) -> Node:
        slug = node.term.slug
        explicit = self._by_title(node.related)
        backlinks = self._by_title(node.referenced_by)
        room = related_terms - len(explicit)
        if room <= 0:
            return dataclasses.replace(
                node, related=explicit, referenced_by=backlinks, reasons=("",) * len(explicit)
            )
        scores = self._scores(node)
        # The first ``room`` of the ranking that are not explicit (nor the term itself).
        wanted = room + len(explicit) + 1
        ranked = heapq.nsmallest(
            wanted, scores.items(), key=lambda item: (-item[1][0], self.keys[item[0]])
        )
        chosen = [
            (other, reason)
            for other, (_, reason) in ranked
            if other not in explicit and other != slug
        ][:room]
        chosen.sort(key=lambda pair: self.keys[pair[0]])
        return dataclasses.replace(
            node,
            related=explicit + tuple(other for other, _ in chosen),
            referenced_by=backlinks,
            reasons=("",) * len(explicit) + tuple(reason for _, reason in chosen),
        )

    def _by_title(self, slugs: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(dict.fromkeys(slugs), key=self.keys.__getitem__))

    def _scores(self, node: Node) -> dict[str, tuple[int, str]]:
        """Candidates with (score, reason); deprecated terms are never suggested.

        The score adds up every signal; the reason is the strongest signal's (the first
        of the strongest, in the order they are added here)."""
        term = node.term
        slug = term.slug
        scores: dict[str, tuple[int, str, int]] = {}  # other → (score, reason, its weight)

        def add(others: Iterable[str], weight: int, reason: str) -> None:
            for other in others:
                found = scores.get(other)
                if found is None:
                    scores[other] = (weight, reason, weight)
                elif weight > found[2]:
                    scores[other] = (found[0] + weight, reason, weight)
                else:
                    scores[other] = (found[0] + weight, found[1], found[2])

        add(node.referenced_by, LINKS_HERE, "links here")
        add(self.linked[slug], LINKED_FROM_HERE, "linked in this entry")
        mentioned = self.mentions.get(slug, ())
        for other in self._mention_partners(slug):
            if other in mentioned and slug in self.mentions.get(other, ()):
                add((other,), MUTUAL_MENTION, "they mention each other")
            elif other in mentioned:
                add((other,), MENTION, "mentioned in this entry")
            else:
                add((other,), MENTION, "mentions this term")
        for tag in dict.fromkeys(term.tags):
            add(self.tags[normalize_name(tag)].near(slug), SHARED_TAG, f"shares the tag {tag}")
        if term.category:
            group = self.categories[normalize_name(term.category)]
            add(group.near(slug), SAME_CATEGORY, f"also in {term.category}")
        nodes = self.nodes
        return {
            other: (score, reason)
            for other, (score, reason, _) in scores.items()
            if other != slug and nodes[other].term.status is not Status.DEPRECATED
        }

    def _mention_partners(self, slug: str) -> set[str]:
        return self.mentions.get(slug, set()) | self.mentioned_by[slug]


def _title_ranks(graph: TermGraph, language: str = "en") -> dict[str, int]:
    """Each term's place in title order (``alphabet.sort_key``): ints compare faster than
    collation keys, in the same order; equal keys share a place."""
    keys = {slug: sort_key(n.term.title, language) for slug, n in graph.nodes.items()}
    ranks: dict[str, int] = {}
    previous: object = None
    rank = -1
    for place, slug in enumerate(sorted(keys, key=keys.__getitem__)):
        if keys[slug] != previous:
            rank, previous = place, keys[slug]
        ranks[slug] = rank
    return ranks


class _Group:
    """The members of one tag or category, sorted by title."""

    def __init__(self, members: list[str]) -> None:
        self.members = members
        self.position = {slug: at for at, slug in enumerate(members)}

    def near(self, slug: str) -> list[str]:
        """All members, or for a broad group the ``BROAD_GROUP`` nearest ``slug`` by title."""
        if len(self.members) <= BROAD_GROUP + 1:
            return self.members
        at = self.position[slug]
        start = max(0, min(at - BROAD_GROUP // 2, len(self.members) - BROAD_GROUP - 1))
        return self.members[start : start + BROAD_GROUP + 1]
