"""Every term's export parts kept in the build cache, so an edit makes one term's parts.

A term's parts are keyed by its ``TermFacts`` (everything they show, other terms' names
included) and ``shared``: the digest of the build environment (package, libraries,
config) and of the interface strings. They are kept in packs, one cache entry for the
terms of each bucket (a hash of the slug), so a build reads a few large entries instead
of one small file per term, and an edit rewrites one pack. A pack is a slot (its cache
key names the bucket, not its contents): each term's record inside carries the term's
key, and a record whose key differs, or a pack that cannot be read back whole, is a miss
and its parts are made again. Nothing in a pack is trusted beyond bytes under a part
name: paths and order come from the facts.

Pack format, one record per term: ``slug NUL key NUL name length name length … LF``,
then the parts' bytes in that order.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Mapping
from typing import Protocol

from .facts import TEXTS, TermFacts

KIND = "exports"
FORMAT = "exports 1"
# Most terms in a pack: at 10,000 terms, 32 packs of about 9 MB.
PACK_TERMS = 512
_KEY_RE = re.compile(rb"[0-9a-f]{64}")
_SIZES_RE = re.compile(rb"(?:[A-Za-z0-9-]{1,40} [0-9]{1,12}(?: (?=[A-Za-z0-9-])|$))*")

Parts = dict[str, bytes]


class EntryStore(Protocol):
    """What the cache offers (``cache.Store``); this package does not import it."""

    def get(self, kind: str, key: str) -> tuple[bytes, str] | None: ...

    def put(self, kind: str, key: str, payload: bytes) -> str: ...


def shared_digest(environment: str, ui_digest: str, on: Iterable[str]) -> str:
    """What every part depends on besides its facts."""
    text = f"{FORMAT}\0{environment}\0{ui_digest}\0{','.join(sorted(on))}"
    return hashlib.sha256(text.encode()).hexdigest()


def part_key(facts: TermFacts, shared: str) -> str:
    """The key of a term's parts: its facts, exactly: the ``repr`` of the plain values,
    then each long text after its length (``repr`` of a long text is slow)."""
    texts = (facts.definition, facts.body, facts.definition_html, facts.body_html)
    head = f"{shared}\0{tuple.__repr__(facts[:-TEXTS])}\0{[len(text) for text in texts]}\0"
    digest = hashlib.sha256(head.encode("utf-8", "surrogatepass"))
    for text in texts:
        digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def pack_count(terms: int) -> int:
    """The number of packs for ``terms`` terms: a power of two."""
    count = 1
    while terms > count * PACK_TERMS:
        count *= 2
    return count


def pack_of(slug: str, count: int) -> int:
    return zlib.crc32(slug.encode("utf-8", "surrogatepass")) & (count - 1)


def pack_key(shared: str, pack: int, count: int) -> str:
    """The cache key of the slot of pack ``pack`` of ``count``."""
    return hashlib.sha256(f"{shared}\0pack {pack} of {count}".encode()).hexdigest()


def encode_pack(records: Iterable[tuple[str, str, Mapping[str, bytes]]]) -> bytes:
    """``(slug, key, parts)`` records as one payload."""
    chunks: list[bytes] = []
    for slug, key, parts in records:
        sizes = " ".join(f"{name} {len(data)}" for name, data in parts.items())
        chunks.append(f"{slug}\0{key}\0{sizes}\n".encode("utf-8", "surrogatepass"))
        chunks.extend(parts.values())
    return b"".join(chunks)


def decode_pack(payload: bytes) -> dict[str, tuple[str, Parts]] | None:
    """slug → (key, parts) of a payload ``encode_pack`` wrote; None when it is anything else."""
    found: dict[str, tuple[str, Parts]] = {}
    at, end = 0, len(payload)
    while at < end:
        line_end = payload.find(b"\n", at)
        fields = payload[at:line_end].split(b"\0") if line_end > at else []
        if (
            len(fields) != 3
            or not _KEY_RE.fullmatch(fields[1])
            or not _SIZES_RE.fullmatch(fields[2])
        ):
            return None
        sizes = fields[2].split(b" ") if fields[2] else []
        at = line_end + 1
        parts: Parts = {}
        for name, size in zip(sizes[::2], sizes[1::2], strict=True):
            start, at = at, at + int(size)
            parts[name.decode("ascii")] = payload[start:at]
        if at > end:
            return None
        try:
            found[fields[0].decode("utf-8", "surrogatepass")] = (fields[1].decode("ascii"), parts)
        except UnicodeDecodeError:
            return None
    return found


def _valid_header(fields: list[bytes]) -> bool:
    return len(fields) == 3 and bool(
        _KEY_RE.fullmatch(fields[1]) and _SIZES_RE.fullmatch(fields[2])
    )


class PartCache:
    """The packs of one build: ``get`` what is current, ``keep`` what was made, ``save``."""

    def __init__(self, store: EntryStore, shared: str, terms: int) -> None:
        self.store, self.shared = store, shared
        self.count = pack_count(terms)
        self._packs: dict[int, dict[str, tuple[str, Parts]]] = {}
        self._changed: set[int] = set()
        self._records: dict[int, dict[str, tuple[str, Parts]]] = {}

    def keys(self) -> frozenset[str]:
        """The cache keys of this build's packs (for the cache's pruning)."""
        return frozenset(pack_key(self.shared, pack, self.count) for pack in range(self.count))

    def get(self, slug: str, key: str, names: Iterable[str]) -> Parts | None:
        """The parts of ``slug`` stored under ``key``, when every one of ``names`` is there."""
        pack = pack_of(slug, self.count)
        record = self._pack(pack).get(slug)
        if record is None or record[0] != key:
            return None
        parts = record[1]
        wanted = {}
        for name in names:
            if name not in parts:
                return None
            wanted[name] = parts[name]
        self._records.setdefault(pack, {})[slug] = (key, wanted)
        return wanted

    def keep(self, slug: str, key: str, parts: Parts) -> None:
        """Note the parts made for ``slug``; ``save`` stores its pack."""
        pack = pack_of(slug, self.count)
        self._records.setdefault(pack, {})[slug] = (key, parts)
        self._changed.add(pack)

    def save(self) -> None:
        """Store each pack that changed or holds records of terms no longer there."""
        for pack in range(self.count):
            records = self._records.get(pack, {})
            if pack in self._changed or set(self._pack(pack)) != set(records):
                payload = encode_pack((slug, *records[slug]) for slug in sorted(records))
                self.store.put(KIND, pack_key(self.shared, pack, self.count), payload)
        self._packs.clear()

    def _pack(self, pack: int) -> dict[str, tuple[str, Parts]]:
        if pack not in self._packs:
            entry = self.store.get(KIND, pack_key(self.shared, pack, self.count))
            decoded = decode_pack(entry[0]) if entry is not None else None
            self._packs[pack] = decoded or {}
        return self._packs[pack]
