"""The edited terms' search shards, indexed again by Pagefind while the build goes on.

What a shard needs is read here, before Pagefind starts: its documents as the last build
indexed them (the cache's ``search-docs`` entry) with the edited terms' documents in their
place, and its bundle as the site holds it (so the writer knows which files of the site
the new bundle replaces, and keeps every other file while Pagefind runs). Pagefind is
started as soon as the edited terms are converted, before they are linked: a search
document leaves links out (``search.documents``), and ``indexes`` checks that the linked
terms' documents are the ones being indexed. Pagefind runs as a process of its own; this
build's thread only waits for it at the end (``result``), reads the bundle and stores it
and the documents, as the full build does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..cache import Store
from ..config import SiteConfig
from ..graph import Node
from ..markup import Document
from ..schema import Term
from ..search import SEARCH_DIR
from ..search.cached import KIND as BUNDLE_KIND
from ..search.cached import bundle_key, pack
from ..search.documents import document_html, search_document
from ..search.pagefind import PagefindError, PagefindRun, find_pagefind, start_pagefind
from ..search.shards import (
    DOCS_KIND,
    MAX_RUNS,
    Bundle,
    bucket,
    cached_bundle,
    decode_documents,
    encode_documents,
    shard_dir,
    trimmed,
)
from .state import PatchState


@dataclass(slots=True)
class _Shard:
    number: int
    documents: dict[PurePosixPath, str]  # what Pagefind indexes, the edits in place
    runtime: bool  # the first shard: its bundle holds the search runtime
    prefix: PurePosixPath  # where its files are in the site
    key: str  # its bundle's key in the cache
    bundle: Bundle | None = None  # found in the cache (no run then)
    run: PagefindRun | None = None
    failed: bool = False


class ShardRun:
    """Pagefind's runs over the edited terms' shards (see the module's text): at most
    ``MAX_RUNS`` at once, each started when the one ``MAX_RUNS`` before it is done."""

    def __init__(
        self,
        shards: list[_Shard],
        old: frozenset[PurePosixPath],
        store: Store,
        binary: Path,
        language: str,
    ):
        self.old = old  # the files of the site the new bundles replace
        self._shards = shards
        self._store = store
        self._binary = binary
        self._language = language
        self._made: dict[int, tuple[str, Bundle]] | None = None
        self._done = False
        for shard in shards[:MAX_RUNS]:
            self._start(shard)

    def indexes(self, nodes: list[Node]) -> bool:
        """Whether the documents being indexed are those of ``nodes`` (the edited terms,
        linked) in their shards."""
        for node in nodes:
            path = PurePosixPath(node.term.slug, "index.html")
            html = search_document(node, self._language)
            if not any(shard.documents.get(path) == html for shard in self._shards):
                return False
        return True

    def store_documents(self) -> None:
        """Store each shard's documents (what the next edit re-indexes it from), while
        Pagefind runs: a run that fails leaves them under a key no state names."""
        for shard in self._shards:
            if shard.bundle is None and not self._store.has(DOCS_KIND, shard.key):
                self._store.put(DOCS_KIND, shard.key, encode_documents(shard.documents))

    def result(
        self, keys: Mapping[int, str]
    ) -> tuple[dict[PurePosixPath, bytes], dict[int, str]] | None:
        """The new bundles' files and every shard's key (``keys``: the last build's);
        None when Pagefind failed (build in full). Waits for Pagefind."""
        if not self._done:
            self._done = True
            self._made = self._finish_all()
        if self._made is None:
            return None
        files: dict[PurePosixPath, bytes] = {}
        new_keys = dict(keys)
        by_number = {shard.number: shard for shard in self._shards}
        for number, (key, bundle) in self._made.items():
            new_keys[number] = key
            prefix = by_number[number].prefix
            files.update((prefix / path, data) for path, data in bundle.items())
        return files, new_keys

    def close(self) -> None:
        """Stop every run not waited for (the build goes another way), removing its files."""
        self._done = True
        for shard in self._shards:
            if shard.run is not None:
                shard.run.cancel()
                shard.run = None

    def _start(self, shard: _Shard) -> None:
        if shard.bundle is not None or shard.run is not None or shard.failed:
            return
        try:
            shard.run = start_pagefind(shard.documents, self._binary)
        except PagefindError:
            shard.failed = True

    def _finish_all(self) -> dict[int, tuple[str, Bundle]] | None:
        made = {}
        for at, shard in enumerate(self._shards):
            self._start(shard)
            bundle = self._finish(shard)
            if at + MAX_RUNS < len(self._shards):
                self._start(self._shards[at + MAX_RUNS])
            if bundle is None:
                self.close()
                return None
            made[shard.number] = (shard.key, bundle)
        return made

    def _finish(self, shard: _Shard) -> Bundle | None:
        """The shard's bundle (waits for its run) with it and the documents stored."""
        bundle = shard.bundle
        if bundle is None:
            run, shard.run = shard.run, None
            if run is None:
                return None
            try:
                bundle = trimmed(run.result(), runtime=shard.runtime)
            except PagefindError:
                return None
            self._store.put(BUNDLE_KIND, shard.key, pack(bundle))
        if not self._store.has(DOCS_KIND, shard.key):
            self._store.put(DOCS_KIND, shard.key, encode_documents(shard.documents))
        return bundle


def start_shards(
    config: SiteConfig, state: PatchState, edited: list[tuple[Term, Document]], store: Store
) -> ShardRun | None:
    """Pagefind started over the shards of the ``edited`` terms (converted, linked or
    not); None when a shard's documents or bundle are not in the cache as the last build
    left them, or there is no Pagefind (build in full)."""
    try:
        binary = find_pagefind()
    except PagefindError:
        return None
    by_shard: dict[int, list[tuple[Term, Document]]] = {}
    for term, document in edited:
        by_shard.setdefault(bucket(term.slug, state.shard_count), []).append((term, document))
    shards = []
    old: set[PurePosixPath] = set()
    for number, terms in sorted(by_shard.items()):
        key = state.shard_keys.get(number)
        entry = store.get(DOCS_KIND, key) if key is not None else None
        documents = decode_documents(entry[0]) if entry is not None else None
        runtime = number == state.first_shard
        bundle = cached_bundle(store, key, runtime=runtime) if key is not None else None
        if documents is None or bundle is None:
            return None
        for term, document in terms:
            path = PurePosixPath(term.slug, "index.html")
            if path not in documents:
                return None
            documents[path] = document_html(term, document, config.language)
        prefix = SEARCH_DIR if runtime else SEARCH_DIR / shard_dir(number)
        new_key = bundle_key(documents, binary)
        found = cached_bundle(store, new_key, runtime=runtime)
        shards.append(_Shard(number, documents, runtime, prefix, new_key, found))
        old |= {prefix / path for path in bundle}
    return ShardRun(shards, frozenset(old), store, binary, config.language)
