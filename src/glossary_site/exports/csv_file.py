"""``/glossary.csv``: every term as a row that opens correctly in spreadsheet programs.

UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF rows, RFC 4180 quoting,
a header row named as our keys, so ``glossary-site import csv`` maps every column by
itself; lists joined by ``; ``. Text is the Markdown as written (definition and body),
so an import gives back the same terms, links included. A cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return would be run as a formula by a
spreadsheet program: it gets a leading apostrophe (OWASP's advice against CSV
injection), which the importer removes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath

from ..config import SiteConfig
from ..graph import TermGraph
from .facts import term_facts
from .records import TermRecord, term_record

CSV_PATH = PurePosixPath("glossary.csv")
# Named as the term keys, so that ``import csv`` maps each column by itself.
COLUMNS = (
    "slug",
    "title",
    "aliases",
    "definition",
    "summary",
    "related",
    "tags",
    "category",
    "author",
    "updated",
    "status",
    "replaced_by",
    "body",
)
SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(cell: str) -> str:
    """``cell`` with an apostrophe before a leading formula character."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def export_csv(graph: TermGraph, config: SiteConfig) -> Mapping[PurePosixPath, bytes]:
    rows = CsvRows()
    return csv_file(rows.row(term_record(facts)) for facts in term_facts(graph).values())


def csv_file(rows: Iterable[bytes]) -> dict[PurePosixPath, bytes]:
    """The CSV file of the terms' ``rows`` (each from ``CsvRows.row``), in order."""
    head = ("\ufeff" + CsvRows().text(COLUMNS)).encode("utf-8")
    return {CSV_PATH: b"".join((head, *rows))}


class CsvRows:
    """Writes one row at a time as bytes (the csv module's quoting, one writer reused)."""

    def __init__(self) -> None:
        self._buffer = io.StringIO(newline="")
        self._writer = csv.writer(self._buffer, dialect="excel", lineterminator="\r\n")

    def text(self, cells: Iterable[str]) -> str:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow(cells)
        return self._buffer.getvalue()

    def row(self, record: TermRecord) -> bytes:
        """The row of ``record``, UTF-8, with its line end."""
        return self.text([guard(cell) for cell in _row(record)]).encode("utf-8")


def _row(record: TermRecord) -> tuple[str, ...]:
    return (
        record.slug,
        record.title,
        SEPARATOR.join(record.aliases),
        record.markdown,
        record.summary,
        SEPARATOR.join(record.related),
        SEPARATOR.join(record.tags),
        record.category,
        record.author,
        record.updated.isoformat() if record.updated else "",
        "deprecated" if record.deprecated else "published",
        record.replaced_by,
        record.body,
    )
