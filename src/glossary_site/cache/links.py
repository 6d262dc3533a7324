"""Cached auto-linking: a term's linked HTML, reused while nothing it depends on changed.

What ``link_mentions`` makes of a term's document depends only on the document's
definition and body HTML, the term's slug, the URL style, and the names of every term
that may be linked (each published term's slug, title and aliases, in order: the
automaton's input). The key of a term's entry hashes exactly those (and the
environment: versions, config, our own code). An edit of one term's body changes no
name, so every other term reuses its linked HTML and the automaton is built only for
the terms that missed; an edit of a title or an alias changes the names, so every term
is linked again (a new name may now be mentioned anywhere). When the caller knows the
digest of each term's cached conversion (``sources``: it changes whenever the document
does), the key hashes that digest instead of the HTML, which is much shorter.

The rows live in ``SHARDS`` entries, by the first two hex digits of their key: an entry
holding every term's HTML would pass the store's size limit at 10,000 terms, and an edit
rewrites only the shard of the edited term. Each row is checked on the way back
(strings where strings belong, link targets that are current terms) and a term whose
row does not fit is linked again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..autolink import Autolinked, LinkMemo, MapItems, link_mentions
from ..markup import Document, TermLink
from ..schema import Status, Term
from .store import MAX_ENTRY_BYTES, Store

KIND = "links"
SHARDS = 256


def link_cached(
    terms: Iterable[Term],
    documents: Mapping[Path, Document],
    *,
    enabled: bool,
    directory_urls: bool,
    store: Store | None,
    environment: str,
    run: MapItems | None = None,
    memo: LinkMemo | None = None,
    sources: Mapping[Path, str] | None = None,
) -> tuple[Autolinked, frozenset[str]]:
    """``link_mentions``, taking each term's result from the cache when it is current;
    and the keys of the cache entries used. ``sources``: term file → digest of the
    cached conversion that gave its document ("" or absent when unknown)."""
    terms = tuple(terms)
    if store is None or not enabled:
        linked = link_mentions(
            terms,
            documents,
            enabled=enabled,
            directory_urls=directory_urls,
            run=run,
            memo=memo,
        )
        return linked, frozenset()
    shard_keys = [_shard_key(environment, shard) for shard in range(SHARDS)]
    loaded = [_load(store, shard_key) for shard_key in shard_keys]
    found: dict[str, Any] = {}
    for rows in loaded:
        found.update(rows)
    published = [t for t in terms if t.status is not Status.DRAFT and t.src_path in documents]
    slugs = frozenset(t.slug for t in published if t.status is Status.PUBLISHED)
    names = _names_digest(published, directory_urls)
    result, digests = dict(documents), {}
    used: dict[str, Any] = {}
    missing: dict[Path, str] = {}
    for term in published:
        if not term.autolink:
            continue
        document = documents[term.src_path]
        term_key = _term_key(names, term.slug, document, (sources or {}).get(term.src_path, ""))
        decoded = _decode(found.get(term_key), document, slugs)
        if decoded is None:
            missing[term.src_path] = term_key
            continue
        result[term.src_path], digests[term.slug] = decoded
        used[term_key] = found[term_key]
    work = None
    if missing:
        fresh = link_mentions(
            terms,
            documents,
            directory_urls=directory_urls,
            only=frozenset(missing),
            run=run,
            memo=memo,
        )
        work = fresh.work
        for path, term_key in missing.items():
            document, slug = fresh.documents[path], documents[path].slug
            result[path], digests[slug] = document, fresh.digests.get(slug, "")
            used[term_key] = _encode(documents[path], document, digests[slug])
    kept = _save(store, shard_keys, used, loaded)
    linked = Autolinked(result, digests) if work is None else Autolinked(result, digests, work)
    return linked, kept


def cached_links(
    store: Store,
    environment: str,
    terms: Iterable[Term],
    wanted: Mapping[Path, tuple[Document, str]],
    *,
    directory_urls: bool,
) -> dict[Path, Document]:
    """The linked documents ``link_cached`` stored for the term files of ``wanted`` (each
    with its converted document and the digest of the cached conversion it comes from),
    where the cache holds them and they fit; ``terms``: every term of the glossary they
    were linked in (their names are the key's). A patch build's, for the few terms whose
    pages show an edited card (``patch.cards``); auto-linking on."""
    terms = tuple(terms)
    published = [t for t in terms if t.status is not Status.DRAFT]
    slugs = frozenset(t.slug for t in published if t.status is Status.PUBLISHED)
    names = _names_digest(published, directory_urls)
    by_path = {t.src_path: t for t in published}
    shards: dict[int, dict[str, Any]] = {}
    found = {}
    for path, (document, source) in wanted.items():
        term = by_path.get(path)
        if term is None or not source:
            continue
        if not term.autolink:  # (as ``link_cached``: its text is not linked)
            found[path] = document
            continue
        term_key = _term_key(names, term.slug, document, source)
        shard = int(term_key[:2], 16) % SHARDS
        if shard not in shards:
            shards[shard] = _load(store, _shard_key(environment, shard))
        decoded = _decode(shards[shard].get(term_key), document, slugs)
        if decoded is not None:
            found[path] = decoded[0]
    return found


def _shard_key(environment: str, shard: int) -> str:
    return hashlib.sha256(f"{KIND}\0{environment}\0{shard}".encode()).hexdigest()


def _save(
    store: Store, shard_keys: list[str], used: dict[str, Any], loaded: list[dict[str, Any]]
) -> frozenset[str]:
    """Store the shards whose rows changed (only the rows this build used); the keys of
    the shards that hold rows (an emptied shard is left for ``prune``)."""
    shards: list[dict[str, Any]] = [{} for _ in shard_keys]
    for term_key, row in used.items():  # our own keys: hex digests
        shards[int(term_key[:2], 16) % len(shard_keys)][term_key] = row
    for shard_key, rows, old_rows in zip(shard_keys, shards, loaded, strict=True):
        if rows and rows != old_rows:
            payload = json.dumps(rows, separators=(",", ":"), ensure_ascii=False)
            data = payload.encode("utf-8", "surrogatepass")
            if len(data) <= MAX_ENTRY_BYTES // 2:
                store.put(KIND, shard_key, data)
    return frozenset(key for key, rows in zip(shard_keys, shards, strict=True) if rows)


def _names_digest(published: list[Term], directory_urls: bool) -> str:
    """Every term that may be linked (its slug, title and aliases, in order), the URL style."""
    digest = hashlib.sha256(f"{directory_urls}\n".encode())
    for term in published:
        if term.status is Status.PUBLISHED:
            names = [term.slug, term.title, *(alias.text for alias in term.aliases)]
            digest.update(json.dumps(names).encode() + b"\n")
    return digest.hexdigest()


def _term_key(names: str, slug: str, document: Document, source: str = "") -> str:
    if source:  # the digest of the cached conversion the document comes from
        return hashlib.sha256(f"entry\0{names}\0{slug}\0{source}".encode()).hexdigest()
    digest = hashlib.sha256(f"{names}\0{slug}\0".encode())
    digest.update(document.definition_html.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(document.body_html.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _encode(original: Document, linked: Document, digest: str) -> list[Any]:
    """``[]`` when nothing was linked, else the linked HTML, the targets and the digest."""
    if linked is original or not digest:
        return []
    added = [link.target for link in linked.links[len(original.links) :]]
    return [linked.definition_html, linked.body_html, added, digest]


def _decode(row: Any, document: Document, slugs: frozenset[str]) -> tuple[Document, str] | None:
    """The linked document and its digest, or None when ``row`` is absent or does not fit."""
    if row == []:
        return document, ""
    if not (isinstance(row, list) and len(row) == 4):
        return None
    definition, body, targets, digest = row
    if not (type(definition) is str and type(body) is str and type(digest) is str):
        return None
    if not isinstance(targets, list) or not all(
        type(target) is str and target in slugs for target in targets
    ):
        return None
    links = tuple(TermLink(target, 0) for target in targets)
    linked = replace(
        document, definition_html=definition, body_html=body, links=(*document.links, *links)
    )
    return linked, digest


def _load(store: Store, key: str) -> dict[str, Any]:
    found = store.get(KIND, key)
    if found is None:
        return {}
    try:
        loaded = json.loads(found[0])
    except (ValueError, RecursionError):
        return {}
    return loaded if isinstance(loaded, dict) else {}
