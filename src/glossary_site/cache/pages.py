"""Cached term pages, keyed by everything a page shows.

A term page shows its own term and document, its place in the graph, and the cards of
the terms it lists (related, referenced by, replaced by) and links to (their preview
cards); it is rendered with the
templates, the config and the site-wide values (asset version, number of terms).
The key hashes all of that, so a page is rendered again exactly when one of them
changes: an edit to a term renders its own page and the pages that show its card.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

from ..graph import Node, TermGraph
from ..graph_page import page_slug
from .store import Store

KIND = "pages"
LIST_KIND = "lists"  # index, letter, tag and category pages
SHAS_KIND = "page-shas"  # the SHA-256 of each term page by key (``PageShas``)
_SHA_LINE = re.compile(rb"[0-9a-f]{64} [0-9a-f]{64}")


def page_keys(
    graph: TermGraph, digests: Mapping[str, str], site: str, *, cards_only: bool = False
) -> dict[str, str]:
    """The key of each term page by slug; ``digests`` are the terms' entry digests by slug,
    ``site`` the digest of what every page shares (environment, templates, asset version).

    Of the other terms a page shows, the key covers what the default templates show of
    them (``cards_only``: title, teaser, their related terms, for cards, previews and the
    concept map), so that editing a term's body renders its own page only; else (a
    project's templates may show anything of them) each of them whole.
    """
    nodes = graph.nodes
    # Every page links to the map of all terms, whose folder depends on the slugs.
    shared = f"{site}\0{len(nodes)}\0{page_slug(frozenset(nodes))}"
    node_digests = term_digests(graph, digests)
    shown_digests = _card_digests(graph) if cards_only else node_digests
    # "<slug>\0<what is shown of it>" made once per term, not once per page that shows it.
    pairs = _Pairs({other: f"{other}\0{digest}" for other, digest in shown_digests.items()})
    keys = {}
    for slug, node in nodes.items():
        shown = [*node.related, "|", *node.referenced_by, "|", node.replaced_by or ""]
        # Terms its text links to (written or auto-linked): their preview cards.
        shown += ["|", *sorted({link.target for link in node.document.links})]
        text = "\0".join((shared, node_digests[slug], *map(pairs.__getitem__, shown)))
        keys[slug] = hashlib.sha256(text.encode()).hexdigest()
    return keys


class _Pairs(dict[str, str]):
    """``"<slug>\0<digest>"`` by slug; ``"<slug>\0"`` for a name that is no term."""

    def __missing__(self, other: str) -> str:
        return f"{other}\0"


def term_digests(graph: TermGraph, digests: Mapping[str, str]) -> dict[str, str]:
    """Each term's own digest by slug: its entry (file, converted text) and its links."""
    return {slug: _node_digest(node, digests[slug]) for slug, node in graph.nodes.items()}


def list_key(site: str, dest: str, template: str, shown: str, terms: str = "") -> str:
    """The key of a list page (index, letter, tag): ``site`` as for term pages, ``shown``
    what its templates show, ``terms`` the digests of its terms when they may show more."""
    digest = hashlib.sha256(f"list\0{site}\0{dest}\0{template}\0".encode())
    digest.update(shown.encode("utf-8", "surrogatepass"))
    digest.update(f"\0{terms}".encode())
    return digest.hexdigest()


def _card_digests(graph: TermGraph) -> dict[str, str]:
    """What a term page's default templates show of another term, by slug."""
    found = {}
    for slug, node in graph.nodes.items():
        term = node.term
        shown = (term.title, node.document.summary, term.status.value, *node.related, "|")
        text = "\0".join((*shown, *node.reasons, "|", *(ref.text for ref in term.related)))
        found[slug] = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return found


def _node_digest(node: Node, entry_digest: str) -> str:
    links = "\0".join(
        (*node.related, "|", *node.reasons, "|", *node.referenced_by, "|", node.replaced_by or "")
    )
    return hashlib.sha256(f"{entry_digest}\0{links}".encode()).hexdigest()


class PageShas:
    """The SHA-256 of each term page by its key, as the last build of ``site`` left them:
    one entry, so that a build can take a page the site already holds without reading it.

    The entry is checked on the way in like any entry; a line that is not two hex digests
    drops the whole entry (every page is then read from the cache, as without it).
    """

    def __init__(self, store: Store, site: str) -> None:
        self.store = store
        self.key = hashlib.sha256(f"{SHAS_KIND}\0{site}".encode()).hexdigest()
        self._loaded = _load_shas(store, self.key)
        self._found: dict[str, str] = {}

    def known(self, key: str) -> str | None:
        """The SHA-256 of the page stored under ``key`` when the last build made it."""
        return self._loaded.get(key)

    def found(self, key: str, sha256: str) -> None:
        """Note the SHA-256 of a page of this build (read, made, or kept as it was)."""
        self._found[key] = sha256

    def save(self) -> str:
        """Store the pages this build noted, when they are not what was loaded; the
        entry's key."""
        shas = self._found
        if shas and shas != self._loaded:
            lines = "".join(f"{key} {sha256}\n" for key, sha256 in sorted(shas.items()))
            self.store.put(SHAS_KIND, self.key, lines.encode())
        return self.key


def _load_shas(store: Store, key: str) -> dict[str, str]:
    entry = store.get(SHAS_KIND, key)
    if entry is None:
        return {}
    shas = {}
    for line in entry[0].split(b"\n")[:-1]:
        if _SHA_LINE.fullmatch(line) is None:
            return {}
        shas[line[:64].decode()] = line[65:].decode()
    return shas
