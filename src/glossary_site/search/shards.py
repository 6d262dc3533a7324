"""The full-text index in shards: stable groups of terms, each indexed by its own Pagefind run.

Pagefind keeps every page it indexes in memory (about 0.3 MB a term) and cannot add to
an index, so one run over a whole large glossary needs gigabytes and re-runs whole for
one edit. Terms are therefore split into ``shard_count`` shards by a hash of their slug
(``bucket``): a term stays in its shard whatever else is added or removed until the count
of shards doubles, so an edit re-indexes only its shard, and each shard is cached by its
own documents and the binary. Shards are indexed concurrently, at most ``MAX_RUNS`` runs
and one per core, so memory stays bounded by ``SHARD_TERMS`` × that number. Small
glossaries have one shard.

The first shard that has terms (shard 0 but in tiny glossaries) is Pagefind's bundle at
``pagefind/`` with the search runtime (``pagefind.js``, its web worker and WebAssembly);
every other shard ``n`` with terms is at ``pagefind/shard-n/`` with only its index, and
the search box merges them (Pagefind's ``mergeIndex``); an empty shard has no bundle.
Terms spread evenly by the hash, so each shard's word statistics match the whole
glossary's and scores stay comparable across shards.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .cached import KIND, EntryStore, bundle_key, pack, unpack
from .pagefind import PagefindError

# Most terms in a shard. Pagefind's memory (~0.3 MB a term) and the cost of re-indexing
# one shard after an edit (~2.7 ms of CPU a term) grow with it; what a first search
# fetches grows with the number of shards (each shard's index chunk of a word, ~25 KB).
# At 10,000 terms: 16 shards of ~625 terms, ~190 MB and ~1.7 s of CPU each.
SHARD_TERMS = 1024
# Most Pagefind runs at once (and never more than the cores): each is multi-threaded
# itself (about 1.5 cores busy), and each holds its shard in memory.
MAX_RUNS = 2
# A search document's path: "<slug>/index.html" (never "." or "..": Pagefind's documents
# are written below its scratch folder by these paths).
_SAFE_DOCUMENT = re.compile(r"(?!\.\.?/)[^/\x00]+/index\.html")
# Files of shard 0 that every shard's bundle also holds: the search runtime.
RUNTIME_PREFIXES = ("pagefind.js", "pagefind-worker.js", "wasm.")

# Each shard's search documents, by its bundle's key: what a patch build (``patch/``)
# re-indexes one shard from after an edit.
DOCS_KIND = "search-docs"

Documents = Mapping[PurePosixPath, str]
Bundle = dict[PurePosixPath, bytes]
Runner = Callable[[Documents, Path], Bundle]


def bucket(slug: str, count: int) -> int:
    """The bucket of ``slug`` among ``count`` (a power of two): FNV-1a of its UTF-8 bytes,
    which ``static/search.js`` computes the same way."""
    digest = 0x811C9DC5
    for byte in slug.encode("utf-8"):
        digest = ((digest ^ byte) * 0x01000193) & 0xFFFFFFFF
    return digest & (count - 1)


def power_of_two_count(items: int, most: int) -> int:
    """The fewest groups, a power of two, that hold ``items`` with at most ``most`` in each."""
    count = 1
    while items > count * most:
        count *= 2
    return count


def shard_dir(shard: int) -> str:
    """Where shard ``shard``'s bundle sits below the search folder unless it is the first."""
    return f"shard-{shard}"


def split(documents: Mapping[str, str]) -> list[dict[PurePosixPath, str]]:
    """Search documents by slug → one mapping of document paths per shard."""
    count = power_of_two_count(len(documents), SHARD_TERMS)
    shards: list[dict[PurePosixPath, str]] = [{} for _ in range(count)]
    for slug, html in documents.items():
        shards[bucket(slug, count)][PurePosixPath(slug, "index.html")] = html
    return shards


@dataclass
class ShardPlan:
    """What ``plan_shards`` found: the shards' keys, the bundles the cache had, the shards
    Pagefind must index (``missing``) and the first shard with terms (it holds the runtime)."""

    shards: list[dict[PurePosixPath, str]]
    binary: Path
    keys: dict[int, str]
    bundles: dict[int, Bundle]
    missing: list[int]
    first: int


def plan_shards(
    shards: list[dict[PurePosixPath, str]], binary: Path, store: EntryStore | None
) -> ShardPlan:
    """The cache keys of the shards with terms and their bundles found in the cache."""
    present = [shard for shard, documents in enumerate(shards) if documents]
    first = present[0]
    keys = {shard: bundle_key(shards[shard], binary) for shard in present}
    bundles: dict[int, Bundle] = {}
    missing: list[int] = []
    for shard in present:
        found = _cached(store, keys[shard], runtime=shard == first)
        if found is None:
            missing.append(shard)
        else:
            bundles[shard] = found
    return ShardPlan(shards, binary, keys, bundles, missing, first)


def run_missing(plan: ShardPlan, store: EntryStore | None, run: Runner) -> dict[int, Bundle]:
    """The bundles of the shards the cache did not have, each stored as it is made.

    When one run fails the runs not yet started are cancelled and ``PagefindError`` names
    the shard.
    """
    if not plan.missing:
        return {}
    return _run_all(plan.shards, plan.missing, plan.first, plan.binary, run, store, plan.keys)


def place_bundles(
    plan: ShardPlan, made: Mapping[int, Bundle]
) -> tuple[dict[str, bytes], frozenset[str], list[str]]:
    """Every shard's files by their path below the search folder (as text), the cache keys
    of the shards, and the folders of the shards the search box merges into the first."""
    bundles = {**plan.bundles, **made}
    files: dict[str, bytes] = {}
    for shard in sorted(plan.keys):
        prefix = "" if shard == plan.first else f"{shard_dir(shard)}/"
        files.update((f"{prefix}{path}", data) for path, data in bundles[shard].items())
    merged = [shard_dir(shard) for shard in sorted(plan.keys) if shard != plan.first]
    return files, frozenset(plan.keys.values()), merged


def index_shards(
    shards: list[dict[PurePosixPath, str]],
    binary: Path,
    store: EntryStore | None,
    run: Runner,
) -> tuple[dict[str, bytes], frozenset[str], list[str]]:
    """Every shard's bundle at its place (``place_bundles``): cached shards are reused, the
    others run concurrently (``run_missing``) and are stored as they finish."""
    plan = plan_shards(shards, binary, store)
    return place_bundles(plan, run_missing(plan, store, run))


def _run_all(
    shards: list[dict[PurePosixPath, str]],
    missing: list[int],
    first: int,
    binary: Path,
    run: Runner,
    store: EntryStore | None,
    keys: dict[int, str],
) -> dict[int, Bundle]:
    made: dict[int, Bundle] = {}
    if len(missing) == 1:  # one shard (a small glossary, an edit): no threads
        shard = missing[0]
        return _one_made(shards, shard, first, keys, store, lambda: run(shards[shard], binary))
    workers = max(1, min(len(missing), _cores(), MAX_RUNS))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pagefind") as pool:
        futures: dict[Future[Bundle], int] = {
            pool.submit(run, shards[shard], binary): shard for shard in missing
        }
        done, _ = wait(futures, return_when=FIRST_EXCEPTION)
        failed = [future for future in done if future.exception() is not None]
        if failed:
            for future in futures:
                future.cancel()
            shard = futures[failed[0]]
            error = failed[0].exception()
            raise _in_shard(shard, len(shards), error) from error
        for future, shard in futures.items():
            bundle = _trimmed(future.result(), runtime=shard == first)
            made[shard] = bundle
            if store is not None:
                store.put(KIND, keys[shard], pack(bundle))
    return made


def one_made(
    plan: ShardPlan, store: EntryStore | None, made: Callable[[], Bundle]
) -> dict[int, Bundle]:
    """The bundle of the plan's one missing shard, as ``made`` gives it, stored; a
    ``PagefindError`` of ``made`` names the shard."""
    (shard,) = plan.missing
    return _one_made(plan.shards, shard, plan.first, plan.keys, store, made)


def _one_made(
    shards: list[dict[PurePosixPath, str]],
    shard: int,
    first: int,
    keys: dict[int, str],
    store: EntryStore | None,
    made: Callable[[], Bundle],
) -> dict[int, Bundle]:
    try:
        bundle = _trimmed(made(), runtime=shard == first)
    except PagefindError as exc:
        raise _in_shard(shard, len(shards), exc) from exc
    if store is not None:
        store.put(KIND, keys[shard], pack(bundle))
    return {shard: bundle}


def _in_shard(shard: int, count: int, error: BaseException | None) -> PagefindError:
    """``error`` naming its shard when there are several."""
    return PagefindError(f"shard {shard} of {count}: {error}" if count > 1 else str(error))


def _trimmed(bundle: Bundle, *, runtime: bool) -> Bundle:
    """The bundle without the runtime files unless it is the first shard's."""
    if runtime:
        return bundle
    return {path: data for path, data in bundle.items() if not _is_runtime(path)}


def _is_runtime(path: PurePosixPath) -> bool:
    return len(path.parts) == 1 and path.name.startswith(RUNTIME_PREFIXES)


def _cached(store: EntryStore | None, key: str, *, runtime: bool) -> Bundle | None:
    entry = store.get(KIND, key) if store is not None else None
    bundle = unpack(entry[0]) if entry is not None else None
    if bundle is None or (runtime and PurePosixPath("pagefind.js") not in bundle):
        return None
    return _trimmed(bundle, runtime=runtime)


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def encode_documents(documents: Documents) -> bytes:
    """A shard's documents as one cache payload (``DOCS_KIND``)."""
    plain = {path.as_posix(): html for path, html in documents.items()}
    return json.dumps(plain, ensure_ascii=False).encode("utf-8", "surrogatepass")


def decode_documents(payload: bytes) -> dict[PurePosixPath, str] | None:
    """The documents of a payload ``encode_documents`` wrote; None when it is anything else."""
    try:
        plain = json.loads(payload.decode("utf-8", "surrogatepass"))
    except ValueError:
        return None
    if not isinstance(plain, dict):
        return None
    documents = {}
    for path, html in plain.items():
        if not isinstance(html, str) or _SAFE_DOCUMENT.fullmatch(path) is None:
            return None
        documents[PurePosixPath(path)] = html
    return documents


def trimmed(bundle: Bundle, *, runtime: bool) -> Bundle:
    """The bundle as a shard keeps it: without the runtime files unless it is the first."""
    return _trimmed(bundle, runtime=runtime)


def cached_bundle(store: EntryStore, key: str, *, runtime: bool) -> Bundle | None:
    """The bundle stored under ``key``, as a shard keeps it; None when absent or broken."""
    return _cached(store, key, runtime=runtime)
