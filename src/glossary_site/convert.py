"""Every term file → ``Term`` and ``Document``: from the cache when it is current, else
parsed and converted, in worker processes when there are many.

Work per term (reading the YAML, converting the Markdown) is what takes time, so it
is what is cached and spread over processes; the passes across terms (the index of
link targets, the graph, the references) run afterwards on the results, so a cached
conversion stays valid when another term changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cached, TermCache, TermEntry, document_is_current, image_files
from .cache.terms import ImageFile, encode_entry
from .config import SiteConfig
from .diagnostics import Diagnostic
from .gc_pause import paused_gc
from .inputs import MAX_TERM_BYTES, InputFile, read_found
from .load import RawTerm, load_term
from .markup import Document, MarkdownRenderer
from .markup.links import SiteIndex, build_index
from .pool import run_all
from .schema import Term, parse_term


@dataclass(frozen=True, slots=True)
class Converted:
    terms: tuple[Term, ...]
    documents: dict[Path, Document]
    diagnostics: tuple[Diagnostic, ...]
    index: SiteIndex
    digests: dict[str, str] = field(default_factory=dict)  # slug → cache entry digest
    keys: frozenset[str] = frozenset()  # the cache entries of this build's term files
    sources: dict[Path, str] = field(default_factory=dict)  # term file → its entry's digest
    # term file → the problems of reading, parsing and converting it alone (``patch``)
    own: dict[Path, tuple[Diagnostic, ...]] = field(default_factory=dict)


_Conversion = tuple[Document, tuple[Diagnostic, ...], tuple[ImageFile, ...]]


@dataclass(slots=True)
class _Slot:
    """One term file on its way through: its key and what it has become so far."""

    path: Path
    data: bytes
    key: str = ""
    entry: TermEntry | None = None
    digest: str = ""
    stored: bool = False  # the entry in the cache is this one


def convert_terms(
    files: Sequence[InputFile],
    config: SiteConfig,
    source_dir: Path,
    static_dir: Path | None,
    cache: TermCache | None,
    jobs: int,
) -> Converted:
    """Read, parse and convert every term file; the problems of each, in file order."""
    diagnostics: list[Diagnostic] = []
    slots = []
    for file in files:
        data = read_found(file, MAX_TERM_BYTES)
        if isinstance(data, Diagnostic):
            diagnostics.append(data)
        else:
            slots.append(_Slot(file.path, data))
    if cache is not None:
        with paused_gc():  # many lasting objects, no cycles
            _look_up(slots, cache)
    missing = [slot for slot in slots if slot.entry is None]
    for slot, entry in zip(
        missing, run_all(_parse, [(s.path, s.data) for s in missing], jobs), strict=True
    ):
        slot.entry = entry
    terms = [slot.entry.term for slot in slots if slot.entry and slot.entry.term]
    index = build_index(
        source_dir,
        static_dir,
        ((t.src_path, t.slug, (t.title, *(a.text for a in t.aliases))) for t in terms),
        base_path=config.base_path,
        directory_urls=config.directory_urls,
    )
    _convert(slots, config, index, cache, jobs)
    keys = frozenset(slot.key for slot in slots)
    if cache is not None:
        _store(slots, cache)
        keys = cache.save() if not cache.store.in_memory else keys
    documents = {}
    digests = {}
    sources = {}
    own = {}
    for slot in slots:
        assert slot.entry is not None
        own[slot.path] = (*slot.entry.parsed, *slot.entry.converted)
        diagnostics += own[slot.path]
        if slot.entry.term is not None and slot.entry.document is not None:
            documents[slot.entry.term.src_path] = slot.entry.document
            digests[slot.entry.term.slug] = slot.digest
            sources[slot.entry.term.src_path] = slot.digest
    return Converted(
        tuple(terms), documents, tuple(diagnostics), index, digests, keys, sources, own
    )


def _look_up(slots: list[_Slot], cache: TermCache) -> None:
    for slot in slots:
        slot.key = cache.key(slot.path, slot.data)
        found: Cached | None = cache.get(slot.key)
        if found is not None:
            slot.entry, slot.digest, slot.stored = found.entry, found.digest, True


def _parse(item: tuple[Path, bytes]) -> TermEntry:
    raw = load_term(*item)
    if not isinstance(raw, RawTerm):
        return TermEntry(None, (raw,))
    term, problems = parse_term(raw)
    return TermEntry(term, tuple(problems))


def _convert(
    slots: list[_Slot], config: SiteConfig, index: SiteIndex, cache: TermCache | None, jobs: int
) -> None:
    """Convert each parsed term whose cached document is not current (or absent).

    The workers encode what they convert for the cache (in parallel); it is stored here.
    """
    stale = [
        slot
        for slot in slots
        if slot.entry is not None
        and slot.entry.term is not None
        and not document_is_current(slot.entry, index)
    ]
    converter = _Converter(config, index, cache)
    results = run_all(converter, [slot.entry for slot in stale], jobs)
    for slot, (converted, encoded) in zip(stale, results, strict=True):
        assert slot.entry is not None
        document, problems, images = converted
        slot.entry = TermEntry(slot.entry.term, slot.entry.parsed, document, problems, images)
        slot.digest, slot.stored = "", False
        if cache is not None and encoded is not None:
            cache.put_encoded(slot.key, *encoded)
            slot.digest, slot.stored = encoded[1], True


def _store(slots: list[_Slot], cache: TermCache) -> None:
    for slot in slots:
        entry = slot.entry
        if not slot.stored and entry is not None:
            slot.digest = _put(cache, slot.key, entry)


def _put(cache: TermCache, key: str, entry: TermEntry) -> str:
    """Store ``entry`` unless a conversion timed out (maybe a busy machine: try again)."""
    if _storable(entry):
        return cache.put(key, entry)
    cache.forget(key)
    return ""


def _storable(entry: TermEntry) -> bool:
    return not any(d.code == "markdown-timeout" for d in entry.converted)


class _Converter:
    """Converts terms with one Markdown converter per process (made on first use); returns
    each result with its cache encoding (``encode_entry``) when it is to be stored."""

    def __init__(self, config: SiteConfig, index: SiteIndex, cache: TermCache | None) -> None:
        self.config = config
        self.index = index
        self.cache = cache
        self.renderer: MarkdownRenderer | None = None

    def __call__(self, parsed: TermEntry | None) -> tuple[_Conversion, tuple[bytes, str] | None]:
        """The conversion (without the term, which the caller has) and its encoding."""
        assert parsed is not None and parsed.term is not None
        if self.renderer is None:
            self.renderer = MarkdownRenderer(
                trust_html=self.config.trust_html,
                directory_urls=self.config.directory_urls,
                smart_typography=self.config.smart_typography,
                index=self.index,
            )
        document, problems = self.renderer.render(parsed.term)
        images = image_files(document, self.index)
        entry = TermEntry(parsed.term, parsed.parsed, document, problems, images)
        encoded = None
        if self.cache is not None and not self.cache.store.in_memory and _storable(entry):
            encoded = encode_entry(entry)
        return (document, problems, images), encoded
