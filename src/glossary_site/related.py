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
from collections.abc import Collection, Iterable
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
        self.deprecated = {
            slug for slug, n in graph.nodes.items() if n.term.status is Status.DEPRECATED
        }
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
        explicit = self._by_title(node.related)
        backlinks = self._by_title(node.referenced_by)
        room = related_terms - len(explicit)
        if room <= 0:
            return dataclasses.replace(
                node, related=explicit, referenced_by=backlinks, reasons=("",) * len(explicit)
            )
        signals = list(self._signals(node))
        scores = self._scores(node, signals)
        # The first ``room`` of the ranking that are not explicit (nor the term itself);
        # equal scores and titles keep the order in which the candidates came.
        wanted = room + len(explicit) + 1
        keys = self.keys
        ranked = heapq.nsmallest(
            wanted,
            [(-score, keys[other], at, other) for at, (other, score) in enumerate(scores.items())],
        )
        chosen = [
            (other, _reason(signals, other))
            for other in [other for *_, other in ranked if other not in explicit][:room]
        ]
        chosen.sort(key=lambda pair: self.keys[pair[0]])
        return dataclasses.replace(
            node,
            related=explicit + tuple(other for other, _ in chosen),
            referenced_by=backlinks,
            reasons=("",) * len(explicit) + tuple(reason for _, reason in chosen),
        )

    def _by_title(self, slugs: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(dict.fromkeys(slugs), key=self.keys.__getitem__))

    def _scores(self, node: Node, signals: list[_Signal] | None = None) -> dict[str, int]:
        """Candidates with their scores (every signal adds, see ``_signals``); deprecated
        terms (and the term itself) are never suggested."""
        slug = node.term.slug
        if signals is None:
            signals = list(self._signals(node))
        scores: dict[str, int] = {}
        get = scores.get
        for others, weight, _ in signals:
            for other in others:
                scores[other] = get(other, 0) + weight
        deprecated = self.deprecated
        return {
            other: score
            for other, score in scores.items()
            if other != slug and other not in deprecated
        }

    def _signals(self, node: Node) -> Iterable[_Signal]:
        """What suggests each candidate, in order: the candidates, the weight, the reason."""
        term = node.term
        slug = term.slug
        yield node.referenced_by, LINKS_HERE, "links here"
        yield self.linked[slug], LINKED_FROM_HERE, "linked in this entry"
        mentioned = self.mentions.get(slug, ())
        for other in self._mention_partners(slug):
            if other in mentioned and slug in self.mentions.get(other, ()):
                yield (other,), MUTUAL_MENTION, "they mention each other"
            elif other in mentioned:
                yield (other,), MENTION, "mentioned in this entry"
            else:
                yield (other,), MENTION, "mentions this term"
        for tag in dict.fromkeys(term.tags):
            yield self.tags[normalize_name(tag)].near(slug), SHARED_TAG, f"shares the tag {tag}"
        if term.category:
            group = self.categories[normalize_name(term.category)]
            yield group.near(slug), SAME_CATEGORY, f"also in {term.category}"

    def _mention_partners(self, slug: str) -> set[str]:
        return self.mentions.get(slug, set()) | self.mentioned_by[slug]


# The candidates a signal names, what it adds to their score, and the reason it gives.
_Signal = tuple[Collection[str], int, str]


def _reason(signals: list[_Signal], other: str) -> str:
    """The reason a reader sees: that of the strongest signal naming ``other`` (the first
    of the strongest, in the order of the signals)."""
    best, reason = 0, ""
    for others, weight, said in signals:
        if weight > best and other in others:
            best, reason = weight, said
    return reason


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
