"""Card edits: a term's summary edited, which other pages show on its cards.

A term's teaser (its summary, or the start of its definition when it has none) is part of
its public face (``faces``), and other pages show it: the term pages that list it or link
to it (related and backlink cards, link previews), the index and letter pages, its tag and
category pages, and the search index's teaser file. When an edit changed nothing else of
the face, nothing else of the site changes either: the patch build renders those pages
too (``showing``: their terms whole, from the cache or read and converted again from
their unchanged files, as the last build made them) and notes the term's new face and
its new teaser for the patch builds after it (``carded_state``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable
from pathlib import Path, PurePosixPath

from ..cache import Store
from ..cache.links import cached_links
from ..cache.terms import TermCache, document_is_current
from ..diagnostics import Diagnostic, has_errors
from ..graph import Node, TermGraph
from ..inputs import MAX_TERM_BYTES, InputRoots, read_input
from ..markup import Document
from ..schema import Status, Term
from ..search import TEASERS_DIR
from ..search.documents import teaser_count, teaser_files
from ..search.shards import bucket
from .edits import Edited, Editor
from .faces import face_digest
from .light import BrokenLight
from .state import PatchState


def showing(nodes: Iterable[Node], slugs: Collection[str]) -> list[str]:
    """The terms whose pages show a card or link preview of one of ``slugs`` (those terms
    left out), in the graph's order, as ``cache.pages`` keys a page by what it shows: the
    terms that list one as related, or as a backlink (it lists them, links to them or is
    replaced by them), or that it replaces; and its own backlinks (the terms that list it
    as related, link to it or are replaced by it)."""
    wanted = set(slugs)
    nodes = tuple(nodes)
    backlinks = {slug for node in nodes if node.term.slug in wanted for slug in node.referenced_by}
    found = []
    for node in nodes:
        slug = node.term.slug
        if slug in wanted:
            continue
        if (
            slug in backlinks
            or node.replaced_by in wanted
            or not wanted.isdisjoint(node.related)
            or not wanted.isdisjoint(node.referenced_by)
        ):
            found.append(slug)
    return found


def whole_nodes(
    editor: Editor,
    state: PatchState,
    slugs: list[str],
    edited: list[Edited],
    roots: InputRoots,
    store: Store,
) -> dict[str, Node] | None:
    """The nodes of ``slugs`` whole: their terms and linked documents as the last build
    made them, from the cache where it holds them for their files (unchanged since that
    build), else read, converted and linked again; None when one is not the term that
    build saw (its face is not the one noted) or cannot be made."""
    cache = TermCache(store, state.environment)
    made = {}
    try:
        for slug in slugs:
            old = editor.light.node(slug)
            if old is None:
                return None
            found = _cached(editor, cache, old.term.src_path, roots, slug)
            if found is None:
                converted = editor.convert(old.term.src_path, roots, slug)
                if converted is None:
                    return None
                found = (converted.term, converted.document, converted.own, "")
            made[slug] = (old, *found)
        new = {each.node.term.src_path: each.node.term for each in edited}
        terms = [new.get(term.src_path, term) for term in editor.light.terms]
    except BrokenLight:
        return None
    linked = {}
    if editor.config.autolink:
        sources = {
            term.src_path: (document, source) for _, term, document, _, source in made.values()
        }
        linked = cached_links(
            store, state.environment, terms, sources, directory_urls=editor.config.directory_urls
        )
    rest = [
        (term, document) for _, term, document, _, _ in made.values() if term.src_path not in linked
    ]
    if rest:
        documents = editor.linked(rest, [each.node.term for each in edited])
        linked.update(zip((term.src_path for term, _ in rest), documents, strict=True))
    nodes = {}
    for slug, (old, term, _, own, _) in made.items():
        node = dataclasses.replace(old, term=term, document=linked[term.src_path])
        if face_digest(node, own) != state.faces.get(slug):
            return None
        nodes[slug] = node
    return nodes


def _cached(
    editor: Editor, cache: TermCache, path: Path, roots: InputRoots, slug: str
) -> tuple[Term, Document, tuple[Diagnostic, ...], str] | None:
    """The term of the file ``path``, its converted document, its own problems and the
    digest of the cache entry they come from, when the cache holds them and they are
    current (as the full build takes them: ``convert``); else None."""
    data = read_input(path, roots, MAX_TERM_BYTES)
    if isinstance(data, Diagnostic):
        return None
    found = cache.get(cache.key(path, data))
    if found is None:
        return None
    entry = found.entry
    term, document = entry.term, entry.document
    if term is None or document is None or term.slug != slug or term.status is Status.DRAFT:
        return None
    own = (*entry.parsed, *entry.converted)
    if has_errors(own) or not document_is_current(entry, editor.index()):
        return None
    return term, document, own, found.digest


def teaser_updates(graph: TermGraph, slugs: Iterable[str]) -> dict[PurePosixPath, bytes]:
    """The search index's teaser files that hold the teasers of ``slugs``."""
    files = teaser_files(graph)
    count = teaser_count(graph)
    names = {f"{bucket(slug, count)}.json" for slug in slugs}
    return {PurePosixPath(TEASERS_DIR, name): files[name] for name in sorted(names)}


def carded_state(state: PatchState, edited: list[Edited]) -> PatchState:
    """``state`` after card edits: the edited terms' new faces (their face keys dropped,
    so a full build computes them) and the card edits' new summaries and teasers
    (``cards``; the light glossary is not written again: 0.4 s at 10,000 terms)."""
    faces = dict(state.faces)
    faces.update((each.node.term.slug, each.face) for each in edited if each.face)
    dropped = {each.node.term.slug for each in edited}
    face_keys = {slug: key for slug, key in state.face_keys.items() if slug not in dropped}
    cards = dict(state.cards)
    cards.update(
        (each.node.term.slug, (each.node.term.summary, each.node.document.summary))
        for each in edited
        if each.face
    )
    return dataclasses.replace(state, faces=faces, face_keys=face_keys, cards=cards, base="")
