"""Where each term's part sits in the joined export files, so one part can be replaced.

The joined files (``/api/terms.json``, the CSV, Turtle, JSON-LD, TBX and llms.txt) are a
head, the terms' parts with one fixed separator between them, and a tail
(``parts.whole_files``). ``part_spans`` proves that of a file just made, part by part,
and gives its ``Spans``: the head's and the separator's lengths and each part's length
in order. ``splice`` then replaces one term's part in the bytes of that file: the patch
build (``patch/``) remakes one term's rows without the other 9,999 parts. A file whose
bytes are not that shape has no spans, and the patch build does not patch it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..site_urls import LLMS_FILE
from .csv_file import CSV_PATH
from .facts import TermFacts
from .parts import Parts
from .skos import JSONLD_PATH, TURTLE_PATH
from .tbx import TBX_PATH

API_LIST = PurePosixPath("api/terms.json")
# Joined file → the part of each term it is made of, and whether its terms are in title
# order (llms.txt) rather than slug order.
JOINED: dict[PurePosixPath, tuple[str, bool]] = {
    API_LIST: ("api-entry", False),
    PurePosixPath(LLMS_FILE): ("llms", True),
    TURTLE_PATH: ("turtle", False),
    JSONLD_PATH: ("json-ld", False),
    CSV_PATH: ("csv", False),
    TBX_PATH: ("tbx", False),
}


@dataclass(frozen=True, slots=True)
class Spans:
    """A joined file's shape: ``head`` bytes, then each part of ``slugs`` (in file order)
    of ``lengths`` bytes, ``separator`` bytes between two parts, then the tail."""

    head: int
    separator: int
    slugs: tuple[str, ...]
    lengths: tuple[int, ...]

    def fits(self, size: int) -> bool:
        """Whether the parts can lie in a file of ``size`` bytes (a tail may follow)."""
        parts = sum(self.lengths) + self.separator * max(len(self.lengths) - 1, 0)
        return len(self.slugs) == len(self.lengths) and self.head + parts <= size

    def place(self, slug: str) -> tuple[int, int]:
        """Where ``slug``'s part starts in the file, and its length."""
        at = self.slugs.index(slug)
        return self.head + sum(self.lengths[:at]) + self.separator * at, self.lengths[at]

    def replaced(self, slug: str, length: int) -> Spans:
        """These spans once ``slug``'s part is ``length`` bytes long."""
        at = self.slugs.index(slug)
        lengths = (*self.lengths[:at], length, *self.lengths[at + 1 :])
        return Spans(self.head, self.separator, self.slugs, lengths)


@dataclass(slots=True)
class ExportNotes:
    """What ``export_files`` notes for the patch build: the spans of the joined files, and
    the redirects leading to each term that has any (``TermFacts.redirects``)."""

    spans: dict[PurePosixPath, Spans] = field(default_factory=dict)
    redirects: dict[str, tuple[tuple[str, str, str], ...]] = field(default_factory=dict)


def title_order(facts: Mapping[str, TermFacts]) -> list[str]:
    """The slugs in llms.txt's order (``llms.llms_file``)."""
    order = sorted(facts.values(), key=lambda each: (each.title.casefold(), each.slug))
    return [each.slug for each in order]


def part_spans(
    files: Mapping[PurePosixPath, bytes],
    facts: Mapping[str, TermFacts],
    parts: Mapping[str, Parts],
) -> dict[PurePosixPath, Spans]:
    """The spans of each joined file of ``files`` that is exactly its parts joined."""
    found = {}
    by_title = title_order(facts) if PurePosixPath(LLMS_FILE) in files else []
    by_slug = list(facts)
    for path, (name, titled) in JOINED.items():
        data = files.get(path)
        if data is None:
            continue
        spans = _spans(data, by_title if titled else by_slug, parts, name)
        if spans is not None:
            found[path] = spans
    return found


def _spans(data: bytes, slugs: list[str], parts: Mapping[str, Parts], name: str) -> Spans | None:
    if not slugs:
        return None
    pieces = [parts[slug].get(name) for slug in slugs]
    if any(piece is None for piece in pieces):
        return None
    first = pieces[0]
    assert first is not None
    head = data.find(first)
    if head < 0 or data.find(first, head + 1) >= 0:  # where the first part is, unsure
        return None
    at = head + len(first)
    separator: bytes | None = None
    for piece in pieces[1:]:
        assert piece is not None
        found = data.find(piece, at)
        if found < 0:
            return None
        gap = data[at:found]
        if separator is None:
            separator = gap
        elif gap != separator:
            return None
        at = found + len(piece)
    lengths = tuple(len(piece) for piece in pieces if piece is not None)
    return Spans(head, len(separator or b""), tuple(slugs), lengths)


def splice(data: bytes, spans: Spans, slug: str, part: bytes) -> bytes:
    """``data`` (a joined file of ``spans``) with ``slug``'s part replaced by ``part``."""
    pieces, _ = spliced(data, spans, {slug: part})
    return b"".join(pieces)


def spliced(
    data: bytes, spans: Spans, parts: Mapping[str, bytes]
) -> tuple[list[memoryview], Spans]:
    """``data`` (a joined file of ``spans``) with the part of each slug of ``parts``
    replaced: as pieces in file order (views of ``data`` and of the new parts: a joined
    file is up to 30 MB at 10,000 terms, never copied whole), and the spans then.
    Raises ValueError for a slug the spans lack."""
    view = memoryview(data)
    old, lengths = spans.lengths, list(spans.lengths)
    pieces: list[memoryview] = []
    start, before, kept = spans.head, 0, 0  # where part ``before`` starts; data kept to
    for number in sorted(spans.slugs.index(slug) for slug in parts):
        start += sum(old[before:number]) + spans.separator * (number - before)
        part = parts[spans.slugs[number]]
        pieces += (view[kept:start], memoryview(part))
        kept, before, lengths[number] = start + old[number], number, len(part)
    pieces.append(view[kept:])
    kept_pieces = [piece for piece in pieces if len(piece)]
    return kept_pieces, Spans(spans.head, spans.separator, spans.slugs, tuple(lengths))
