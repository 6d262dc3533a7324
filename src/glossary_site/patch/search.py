"""The edited terms' search shards, indexed again by Pagefind in a thread of their own.

What a shard needs is read here, in the build's thread, before the thread starts: its
documents as the last build indexed them (the cache's ``search-docs`` entry) with the
edited terms' documents in their place, and its bundle as the site holds it (so the
writer knows which files of the site the new bundle replaces, and keeps every other
file while Pagefind runs). The thread only runs Pagefind (most of a patch build's time)
and stores the new bundle and documents, as the full build does.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..cache import Store
from ..config import SiteConfig
from ..graph import Node
from ..search import SEARCH_DIR
from ..search.cached import KIND as BUNDLE_KIND
from ..search.cached import bundle_key, pack
from ..search.documents import search_document
from ..search.pagefind import PagefindError, find_pagefind, run_pagefind
from ..search.shards import (
    DOCS_KIND,
    Bundle,
    bucket,
    cached_bundle,
    decode_documents,
    encode_documents,
    shard_dir,
    trimmed,
)
from .state import PatchState


@dataclass(frozen=True, slots=True)
class _Shard:
    number: int
    documents: dict[PurePosixPath, str]  # what Pagefind indexes, the edits in place
    runtime: bool  # the first shard: its bundle holds the search runtime
    prefix: PurePosixPath  # where its files are in the site


class ShardRun:
    """Pagefind's runs over the edited terms' shards (see the module's text)."""

    def __init__(self, shards: list[_Shard], old: frozenset[PurePosixPath], store: Store):
        self.old = old  # the files of the site the new bundles replace
        self._shards = shards
        self._store = store
        self._made: dict[int, tuple[str, Bundle]] | None = None
        self._error: BaseException | None = None  # a bug: raised again by ``result``
        self._thread = threading.Thread(target=self._work, name="patch-search")
        self._thread.start()

    def _work(self) -> None:
        try:
            made = {}
            for shard in self._shards:
                bundle = _bundle(shard.documents, shard.runtime, self._store)
                if bundle is None:
                    return
                made[shard.number] = bundle
            self._made = made
        except BaseException as exc:
            self._error = exc

    def result(
        self, keys: Mapping[int, str]
    ) -> tuple[dict[PurePosixPath, bytes], dict[int, str]] | None:
        """The new bundles' files and every shard's key (``keys``: the last build's);
        None when Pagefind failed (build in full). Waits for the thread."""
        self._thread.join()
        if self._error is not None:
            error, self._error = self._error, None
            raise error
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


def start_shards(
    config: SiteConfig, state: PatchState, edited: list[Node], store: Store
) -> ShardRun | None:
    """Pagefind started over the shards of ``edited``; None when a shard's documents or
    bundle are not in the cache as the last build left them (build in full)."""
    by_shard: dict[int, list[Node]] = {}
    for node in edited:
        by_shard.setdefault(bucket(node.term.slug, state.shard_count), []).append(node)
    shards = []
    old: set[PurePosixPath] = set()
    for number, nodes in sorted(by_shard.items()):
        key = state.shard_keys.get(number)
        entry = store.get(DOCS_KIND, key) if key is not None else None
        documents = decode_documents(entry[0]) if entry is not None else None
        runtime = number == state.first_shard
        bundle = cached_bundle(store, key, runtime=runtime) if key is not None else None
        if documents is None or bundle is None:
            return None
        for node in nodes:
            path = PurePosixPath(node.term.slug, "index.html")
            if path not in documents:
                return None
            documents[path] = search_document(node, config.language)
        prefix = SEARCH_DIR if runtime else SEARCH_DIR / shard_dir(number)
        shards.append(_Shard(number, documents, runtime, prefix))
        old |= {prefix / path for path in bundle}
    return ShardRun(shards, frozenset(old), store)


def _bundle(
    documents: dict[PurePosixPath, str], runtime: bool, store: Store
) -> tuple[str, Bundle] | None:
    """The bundle of a shard's documents and its key: from the cache, or made and stored."""
    try:
        binary = find_pagefind()
    except PagefindError:
        return None
    key = bundle_key(documents, binary)
    found = cached_bundle(store, key, runtime=runtime)
    if found is None:
        try:
            found = trimmed(run_pagefind(documents, binary), runtime=runtime)
        except PagefindError:
            return None
        store.put(BUNDLE_KIND, key, pack(found))
    if not store.has(DOCS_KIND, key):
        store.put(DOCS_KIND, key, encode_documents(documents))
    return key, found
