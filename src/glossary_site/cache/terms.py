"""Cached terms: a term file's parsed ``Term`` and converted ``Document``, keyed by its bytes.

The key is the SHA-256 of the environment (package and library versions, the config)
and the file's path and bytes. A converted document also depends on what its links
and images lead to (the ``SiteIndex``: other terms, files): the entry keeps every
reference as it was resolved, and ``document_is_current`` resolves them again against
this build's index, and hashes the images whose size the page shows. Only when all of
it is unchanged is the cached document used; otherwise just that term is converted
again. So an edit to one term never invalidates the conversion of another, unless a
link of the other leads somewhere else now.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..inputs import MAX_STATIC_BYTES
from ..markup import Document
from ..markup.links import Kind, Resolver, SiteIndex, safe_file
from ..schema import Term
from .codec import CodecError, decode, encode
from .pack import Pack
from .store import Store

KIND = "terms"


@dataclass(frozen=True, slots=True)
class ImageFile:
    """An image file whose size a document shows, and the SHA-256 of its bytes ("" if absent)."""

    path: str
    digest: str


@dataclass(frozen=True, slots=True)
class TermEntry:
    """What a term file became: ``term`` is None when it could not be parsed."""

    term: Term | None
    parsed: tuple[Diagnostic, ...]  # reading and schema problems
    document: Document | None = None
    converted: tuple[Diagnostic, ...] = ()  # conversion problems
    images: tuple[ImageFile, ...] = ()


@dataclass(frozen=True, slots=True)
class Cached:
    entry: TermEntry
    digest: str  # of the stored entry: changes whenever anything in it does


class TermCache:
    """Term entries of one environment, in a ``Pack`` (a few shard files, not one per
    term): ``get`` and ``put`` during the build, ``save`` once at its end."""

    def __init__(self, store: Store, environment: str) -> None:
        self.store = store
        self.environment = environment
        self.pack = Pack(store, KIND, environment)

    def key(self, path: Path, data: bytes) -> str:
        digest = hashlib.sha256(self.environment.encode())
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> Cached | None:
        row = self.pack.get(key)
        if row is None:
            return None
        try:
            entry, digest = decode_row(row)
        except (CodecError, ValueError, TypeError, KeyError, IndexError, RecursionError):
            self.pack.forget(key)
            return None
        return Cached(entry, digest)

    def put(self, key: str, entry: TermEntry) -> str:
        """Store ``entry``; the digest it is known by (see ``Cached``)."""
        row, digest = encode_entry(entry)
        self.put_encoded(key, row, digest)
        return digest

    def put_encoded(self, key: str, row: bytes, digest: str) -> None:
        """Store an entry ``encode_entry`` made (maybe in another process)."""
        self.pack.put(key, row)

    def forget(self, key: str) -> None:
        """Keep no entry under ``key`` (what it would hold is not to be reused)."""
        self.pack.forget(key)

    def save(self) -> frozenset[str]:
        """Write what changed; the keys of the store entries this build's terms are in."""
        return self.pack.save()


# An entry's row: its digest, the lengths of its long strings, the JSON of the entry
# with each long string replaced by ``{"": n}`` (n: its place), then the long strings
# as UTF-8, one after the other. Parsing the HTML and Markdown of 10,000 terms out of
# JSON strings (with their escaped quotes) took 4 × as long as decoding them as UTF-8.
LONG_STRING = 200


def encode_entry(entry: TermEntry) -> tuple[bytes, str]:
    """The entry as a row of the pack, and its SHA-256 (hex): the digest it is known by."""
    strings: list[bytes] = []
    skeleton = json.dumps(_lifted(encode(entry), strings), separators=(",", ":"))
    body = b"\n".join(
        [json.dumps([len(s) for s in strings]).encode(), skeleton.encode(), b"".join(strings)]
    )
    digest = hashlib.sha256(body).hexdigest()
    return digest.encode() + b"\n" + body, digest


def decode_row(row: bytes) -> tuple[TermEntry, str]:
    """The entry of a row and its digest; an exception when the row does not fit."""
    head = row.index(b"\n")
    middle = row.index(b"\n", head + 1)
    tail = row.index(b"\n", middle + 1)
    digest = row[:head].decode("ascii")
    lengths = json.loads(row[head + 1 : middle])
    blob = row[tail + 1 :]
    if type(lengths) is not list or sum(_size(n) for n in lengths) != len(blob):
        raise CodecError("string lengths")
    strings = []
    at = 0
    for length in lengths:
        strings.append(blob[at : at + length].decode("utf-8", "surrogatepass"))
        at += length
    data = json.loads(row[middle + 1 : tail], object_hook=lambda marker: strings[marker[""]])
    return decode(TermEntry, data), digest


def _size(length: object) -> int:
    if type(length) is not int or length < 0:
        raise CodecError("a string length")
    return length


def _lifted(data: Any, strings: list[bytes]) -> Any:
    """``data`` (encoded, plain JSON data without objects) with its long strings lifted out."""
    if type(data) is list:
        return [_lifted(item, strings) for item in data]
    if type(data) is str and len(data) >= LONG_STRING:
        strings.append(data.encode("utf-8", "surrogatepass"))
        return {"": len(strings) - 1}
    return data


def document_is_current(entry: TermEntry, index: SiteIndex) -> bool:
    """Whether the entry's document is what converting its term against ``index`` gives."""
    term, document = entry.term, entry.document
    if term is None or document is None:
        return False
    resolver = Resolver(index)
    term_dir = term_folder(term, index)
    for reference in document.references:
        target, fragment = resolver.resolve(reference.url, term_dir)
        if (target.kind, target.target, target.source, target.hint, fragment) != (
            reference.kind,
            reference.target,
            reference.source,
            reference.hint,
            reference.fragment,
        ):
            return False
    return image_files(document, index) == entry.images


def term_folder(term: Term, index: SiteIndex) -> str | None:
    """The term file's folder relative to the source folder, as the renderer sees it."""
    if index.source_dir is None:
        return None
    try:
        return term.src_path.parent.relative_to(index.source_dir).as_posix()
    except ValueError:
        return None


def image_files(document: Document, index: SiteIndex) -> tuple[ImageFile, ...]:
    """The image files of ``document`` whose width and height its HTML may show."""
    found = []
    for reference in document.references:
        if not reference.image or reference.kind is not Kind.FILE:
            continue
        path = reference.source
        if path is None and index.static_dir is not None:
            path = safe_file(index.static_dir, reference.target)
        found.append(ImageFile(str(path or reference.target), _file_digest(path)))
    return tuple(found)


def _file_digest(path: Path | None) -> str:
    if path is None:
        return ""
    try:
        with path.open("rb") as handle:
            return hashlib.sha256(handle.read(MAX_STATIC_BYTES + 1)).hexdigest()
    except OSError:
        return ""
