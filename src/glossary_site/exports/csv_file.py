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
    """Writes one row at a time as bytes, byte for byte as the csv module's writer in
    Excel's dialect with CRLF row ends (``tests/test_exports_csv_rows.py`` compares them):
    a cell holding a quote, a comma, CR or LF is quoted, its quotes doubled. Written here
    because the csv module scans each character in Python's C loop, a fifth of a cold
    export's CPU at 10,000 terms, where ``in`` and ``replace`` run at memory speed."""

    def text(self, cells: Iterable[str]) -> str:
        return ",".join(map(_quoted, cells)) + "\r\n"

    def row(self, record: TermRecord) -> bytes:
        """The row of ``record``, UTF-8, with its line end."""
        return self.text([guard(cell) for cell in _row(record)]).encode("utf-8")


def _quoted(cell: str) -> str:
    if '"' in cell:
        return '"' + cell.replace('"', '""') + '"'
    if "," in cell or "\n" in cell or "\r" in cell:
        return '"' + cell + '"'
    return cell


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
