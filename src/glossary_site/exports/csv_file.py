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
from collections.abc import Mapping
from pathlib import PurePosixPath

from ..config import SiteConfig
from ..graph import TermGraph
from .records import TermRecord, term_records

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
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in term_records(graph):
        writer.writerow([guard(cell) for cell in _row(record)])
    return {CSV_PATH: ("\ufeff" + buffer.getvalue()).encode("utf-8")}


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
