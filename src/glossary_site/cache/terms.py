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
            digest, data = row
            if type(digest) is not str:
                raise CodecError("digest")
            entry = decode(TermEntry, data)
        except (CodecError, ValueError, TypeError, RecursionError):
            self.pack.forget(key)
            return None
        return Cached(entry, digest)

    def put(self, key: str, entry: TermEntry) -> str:
        """Store ``entry``; the digest it is known by (see ``Cached``)."""
        payload, digest = encode_entry(entry)
        self.put_encoded(key, payload, digest)
        return digest

    def put_encoded(self, key: str, payload: str, digest: str) -> None:
        """Store an entry ``encode_entry`` made (maybe in another process)."""
        self.pack.put(key, f'["{digest}",{payload}]')

    def forget(self, key: str) -> None:
        """Keep no entry under ``key`` (what it would hold is not to be reused)."""
        self.pack.forget(key)

    def save(self) -> frozenset[str]:
        """Write what changed; the keys of the store entries this build's terms are in."""
        return self.pack.save()


def encode_entry(entry: TermEntry) -> tuple[str, str]:
    """The entry as JSON text (ASCII) and its SHA-256 (hex): the digest it is known by."""
    payload = json.dumps(encode(entry), separators=(",", ":"))
    return payload, hashlib.sha256(payload.encode()).hexdigest()


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
