"""The light glossary in the cache (``faces``): one entry, under the digest of its bytes.

It is read by every patch build, so it has a codec of its own, about three times as fast as
the generic one (``cache.codec``) and as strict: a light term is a list of its fields but
the ones it lacks (definition, body, front matter lines), a node names its term by its
place among the terms and holds its teaser and its place in the graph. Anything that does
not fit, or an entry whose bytes are not the ones its key names, is a miss.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..cache import Store
from ..front_values import Ref
from ..graph import Node
from ..markup import Document
from ..schema import Status, Term
from .state import integer, strings, text

LIGHT_KIND = "patch-light"
_STATUSES = {status.value: status for status in Status}


class BrokenLight(ValueError):
    """A node of the light glossary that does not fit (found when it is decoded)."""


class Light:
    """The light glossary: every term, the graph's names, and its nodes, each decoded when
    first asked for (a patch build needs every term's names before Pagefind starts, the
    nodes only after); what does not fit raises ``BrokenLight`` then. ``rows``: the node
    rows, or their JSON text (parsed when a node is first asked for)."""

    def __init__(
        self, terms: Sequence[Term], rows: list[Any] | bytes, names: dict[str, str]
    ) -> None:
        self.names = names
        self._rows_text = rows if isinstance(rows, bytes) else b""
        self._rows: list[Any] | None = None if isinstance(rows, bytes) else rows
        self._places: dict[str, int] | None = None
        self._terms: list[Term | None] = list(terms)
        self._term_rows: list[Any] = []
        self._all: tuple[Term, ...] | None = None
        self._nodes: tuple[Node, ...] | None = None
        self._cards: Mapping[str, tuple[str, str]] = {}

    @classmethod
    def of_rows(
        cls,
        term_rows: list[Any],
        rows: list[Any] | bytes,
        names: dict[str, str],
        cards: Mapping[str, tuple[str, str]] | None = None,
    ) -> Light:
        """The light glossary of the rows ``save_light`` wrote (terms decoded when used),
        with the summaries and teasers of ``cards`` (slug → both) put in their rows."""
        light = cls((), rows, names)
        light._terms = [None] * len(term_rows)
        light._term_rows = term_rows
        light._cards = cards or {}
        if cards:
            for row in term_rows:
                if type(row) is list and len(row) > 4 and row[1] in cards:
                    row[4] = cards[row[1]][0]
        return light

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term, in the order the last build read them."""
        if self._all is None:
            self._all = tuple(self._term(place) for place in range(len(self._terms)))
        return self._all

    def names_of_terms(self) -> Iterator[tuple[Path, str, tuple[str, ...]]]:
        """Each term's source path, slug, title and aliases (what the link index needs),
        without making the terms."""
        if self._all is not None or not self._term_rows:
            for term in self.terms:
                yield term.src_path, term.slug, (term.title, *(a.text for a in term.aliases))
            return
        for row in self._term_rows:
            try:
                aliases = tuple(_ref(alias).text for alias in _list(row[5]))
                yield Path(text(row[0])), text(row[1]), (text(row[2]), *aliases)
            except (ValueError, TypeError, KeyError, IndexError) as exc:
                raise BrokenLight(str(exc)) from None

    def node(self, slug: str) -> Node | None:
        """The node of ``slug``, or None when it has none (a draft, no such term)."""
        rows = self._node_rows()
        if self._places is None:
            try:
                self._places = {row[1]: number for number, row in enumerate(rows)}
            except TypeError as exc:  # (a slug that is no string)
                raise BrokenLight(str(exc)) from None
        place = self._places.get(slug)
        return None if place is None else self._node(rows[place])

    def nodes(self) -> tuple[Node, ...]:
        """Every node, in the graph's order."""
        if self._nodes is None:
            self._nodes = tuple(self._node(row) for row in self._node_rows())
        return self._nodes

    def _node_rows(self) -> list[Any]:
        if self._rows is None:
            try:
                rows = json.loads(self._rows_text.decode("utf-8", "surrogatepass"))
            except (ValueError, RecursionError) as exc:
                raise BrokenLight(str(exc)) from None
            if type(rows) is not list or not all(type(r) is list and len(r) == 7 for r in rows):
                raise BrokenLight("node rows")
            if self._cards:
                try:
                    for row in rows:
                        if row[1] in self._cards:
                            row[2] = self._cards[row[1]][1]
                except TypeError as exc:  # (a slug that is no string)
                    raise BrokenLight(str(exc)) from None
            self._rows, self._rows_text = rows, b""
        return self._rows

    def _term(self, place: int) -> Term:
        term = self._terms[place]
        if term is None:
            try:
                term = self._terms[place] = _term(self._term_rows[place])
            except (ValueError, TypeError, KeyError, IndexError) as exc:
                raise BrokenLight(str(exc)) from None
        return term

    def _node(self, row: Any) -> Node:
        try:
            place = integer(row[0])
            if place >= len(self._terms):
                raise IndexError("no such term")
            return _node(self._term(place), row)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            raise BrokenLight(str(exc)) from None


def save_light(
    store: Store, terms: tuple[Term, ...], nodes: Iterable[Node], names: Mapping[str, str]
) -> str | None:
    """Store the light glossary of ``terms``, the graph's ``nodes`` and ``names`` (whole
    or light: the rows hold only what ``faces.light_term`` and ``light_node`` keep); the key
    it is stored under (the digest of its bytes). None when a node's term is not one of
    ``terms``."""
    place = {term.src_path: number for number, term in enumerate(terms)}
    term_rows = [_term_row(term) for term in terms]
    node_rows = []
    for node in nodes:
        number = place.get(node.term.src_path)
        if number is None:
            return None
        if node.term is not terms[number] and _term_row(node.term) != term_rows[number]:
            return None
        links = [list(node.related), list(node.referenced_by), node.replaced_by, list(node.reasons)]
        node_rows.append([number, node.document.slug, node.document.summary, *links])
    # Two lines: the terms and names (what a patch build needs first), then the nodes.
    raw = b"\n".join(
        json.dumps(part, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass")
        for part in ([term_rows, dict(names)], node_rows)
    )
    key = hashlib.sha256(raw).hexdigest()
    if not store.has(LIGHT_KIND, key):
        store.put(LIGHT_KIND, key, raw)
    return key


def load_light(
    store: Store, key: str, cards: Mapping[str, tuple[str, str]] | None = None
) -> Light | None:
    """The light glossary stored under ``key``, with the summaries and teasers of
    ``cards`` (``PatchState.cards``); None when it is missing or does not fit."""
    found = store.get_named(LIGHT_KIND, key)
    if found is None:
        return None
    try:
        first, rows = found.split(b"\n", 1)  # (compact JSON holds no line feed)
        terms_data, names = json.loads(first.decode("utf-8", "surrogatepass"))
        if type(terms_data) is not list:
            return None
        return Light.of_rows(terms_data, rows, strings(names), cards)
    except (ValueError, TypeError, KeyError, IndexError, RecursionError):
        return None


def _term_row(term: Term) -> list[Any]:
    return [
        str(term.src_path),
        term.slug,
        term.title,
        term.definition_line,
        term.summary,
        _refs_row(term.aliases),
        _refs_row(term.related),
        list(term.tags),
        term.category,
        term.author,
        term.updated.isoformat() if term.updated else None,
        term.status.value,
        [term.replaced_by.text, term.replaced_by.line] if term.replaced_by else None,
        term.body_line,
        term.title_line,
        term.slug_line,
        _refs_row(term.redirect_from),
        term.autolink,
    ]


def _refs_row(refs: tuple[Ref, ...]) -> list[list[Any]]:
    return [[ref.text, ref.line] for ref in refs]


def _term(row: Any) -> Term:
    (
        path,
        slug,
        title,
        definition_line,
        summary,
        aliases,
        related,
        tags,
        category,
        author,
        updated,
        status,
        replaced_by,
        body_line,
        title_line,
        slug_line,
        redirect_from,
        autolink,
    ) = row
    if type(autolink) is not bool:
        raise TypeError("expected a boolean")
    return Term(
        src_path=Path(text(path)),
        slug=text(slug),
        title=text(title),
        definition="",
        definition_line=integer(definition_line),
        summary=text(summary),
        aliases=_refs(aliases),
        related=_refs(related),
        tags=tuple(text(tag) for tag in tags),
        category=text(category),
        author=text(author),
        updated=None if updated is None else dt.date.fromisoformat(text(updated)),
        status=_STATUSES[status],
        replaced_by=None if replaced_by is None else _ref(replaced_by),
        body="",
        body_line=integer(body_line),
        title_line=integer(title_line),
        slug_line=integer(slug_line),
        key_lines=(),
        redirect_from=_refs(redirect_from),
        autolink=autolink,
    )


def _refs(rows: Any) -> tuple[Ref, ...]:
    if type(rows) is not list:
        raise TypeError("expected a list")
    return tuple(_ref(row) for row in rows)


def _ref(row: Any) -> Ref:
    ref_text, line = row
    return Ref(text(ref_text), integer(line))


def _node(term: Term, row: Any) -> Node:
    _, slug, summary, related, referenced_by, replaced_by, reasons = row
    document = Document(text(slug), "", text(summary), "", (), ())
    return Node(
        term,
        document,
        _texts(related),
        _texts(referenced_by),
        None if replaced_by is None else text(replaced_by),
        _texts(reasons),
    )


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError("expected a list")
    return value


def _texts(rows: Any) -> tuple[str, ...]:
    if type(rows) is not list:
        raise TypeError("expected a list")
    return tuple(text(row) for row in rows)
