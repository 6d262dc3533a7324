"""Cached mentions: where each term's text names another term, for the unlinked-mention lint.

What ``MentionFinder.in_term`` finds in a term depends only on the names of the current
terms (every published title and alias, and its slug) and on the term's definition and
body with their first lines. The key of a term's mentions hashes exactly those (and the
environment: versions, config, our own code), so a cached list is the list the finder
would give. The finder itself (an automaton of every name) is built only when a term
misses. All mentions live in one entry (one read, one JSON document); each is checked on
the way back — a slug that is not a term, a field of the wrong type — and a term whose
list does not fit is scanned again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from ..config import SiteConfig
from ..diagnostics import Diagnostic
from ..graph import TermGraph
from ..lint import MentionSource, lint_graph, mention_finder
from ..mentions import Mention
from ..schema import Status, Term
from .store import Store

KIND = "mentions"


def lint_cached(
    graph: TermGraph, config: SiteConfig, today: dt.date, store: Store | None, environment: str
) -> tuple[tuple[Diagnostic, ...], frozenset[str]]:
    """``lint_graph`` with the mentions from the cache (when ``store``); and the keys of
    the cache entries it used."""
    if store is None:
        return lint_graph(graph, config, today), frozenset()
    cache = MentionCache(store, environment, graph)
    found = lint_graph(graph, config, today, cache.source)
    cache.save()
    return found, frozenset({cache.key})


class MentionCache:
    """``in_term`` as the finder of ``graph`` gives it, from one cache entry when current."""

    def __init__(self, store: Store, environment: str, graph: TermGraph) -> None:
        self.store = store
        self.graph = graph
        self.key = hashlib.sha256(f"{KIND}\0{environment}".encode()).hexdigest()
        self.names = _names_digest(graph)
        self.found: dict[str, Any] = _load(store, self.key)
        self.used: dict[str, list[list[Any]]] = {}
        self.finder: MentionSource | None = None

    def source(self) -> MentionSource:
        """What ``lint_graph`` asks for: the function that finds a term's mentions."""
        return self.in_term

    def in_term(self, term: Term) -> list[Mention]:
        key = self._term_key(term)
        mentions = _decode(self.found.get(key), self.graph)
        if mentions is None:
            if self.finder is None:
                self.finder = mention_finder(self.graph)
            mentions = list(self.finder(term))
        self.used[key] = [[m.slug, m.name, m.line, m.column] for m in mentions]
        return mentions

    def save(self) -> None:
        """Store the mentions this build used (only they: older ones are dropped)."""
        if self.used != self.found:
            payload = json.dumps(self.used, separators=(",", ":"))  # ASCII
            self.store.put(KIND, self.key, payload.encode())

    def _term_key(self, term: Term) -> str:
        digest = hashlib.sha256(f"{self.names}\0{term.slug}\0".encode())
        digest.update(f"{term.definition_line}\0{term.body_line}\0".encode())
        digest.update(term.definition.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(term.body.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()


def _names_digest(graph: TermGraph) -> str:
    """Every current term's slug, title and aliases, in the order the finder reads them."""
    digest = hashlib.sha256()
    for node in graph.nodes.values():
        term = node.term
        if term.status is Status.PUBLISHED:
            names: Iterable[str] = (term.slug, term.title, *(a.text for a in term.aliases))
            digest.update(json.dumps(list(names)).encode() + b"\n")
    return digest.hexdigest()


def _load(store: Store, key: str) -> dict[str, Any]:
    found = store.get(KIND, key)
    if found is None:
        return {}
    try:
        loaded = json.loads(found[0])
    except (ValueError, RecursionError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _decode(data: Any, graph: TermGraph) -> list[Mention] | None:
    """The mentions ``data`` lists, or None when it is absent or does not fit."""
    if not isinstance(data, list):
        return None
    mentions = []
    for item in data:
        if not isinstance(item, list) or len(item) != 4:
            return None
        slug, name, line, column = item
        if not (
            type(slug) is str
            and slug in graph.nodes
            and type(name) is str
            and type(line) is int
            and type(column) is int
        ):
            return None
        mentions.append(Mention(slug, name, line, column))
    return mentions
