"""``csv``: a spreadsheet export, one term per row, a header row naming the columns.

Columns map to our keys by ``--map key=Column,…``; without it, a header that is one of our
keys or a usual name for it (``Term``, ``Description``, ``Synonyms`` …) maps by itself,
ignoring case. Cells of ``aliases``, ``related`` and ``tags`` hold several values split on
``--separator`` (``;``). A column that maps to none of our keys is kept as a section of
the body named after it (with one warning per column). A leading apostrophe before a
formula character (``'=SUM(…)``), which CSV exports add against formula injection, is
removed.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

from .collect import make_slug
from .model import ImportedTerm, ImportOptions, ImportResult
from .sources import parse_date, read_text, split_definition

KEYS = (
    "title",
    "slug",
    "definition",
    "summary",
    "aliases",
    "related",
    "tags",
    "category",
    "author",
    "updated",
    "status",
    "replaced_by",
    "body",
)
# Cells starting with these get a leading apostrophe in exports (see exports/csv_file.py).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_LIST_KEYS = frozenset({"aliases", "related", "tags"})
_USUAL_NAMES = {
    "title": ("term", "name", "word", "concept", "entry"),
    "definition": ("description", "meaning", "explanation", "short definition"),
    "aliases": ("alias", "synonyms", "synonym", "abbreviation", "acronym", "also known as"),
    "related": ("related terms", "see also"),
    "tags": ("tag", "keywords", "labels"),
    "category": ("group", "domain", "area"),
    "updated": ("date", "last updated", "modified", "date added"),
    "body": ("details", "long description", "notes", "text"),
    "author": ("owner",),
}


def import_csv(src: Path, options: ImportOptions) -> ImportResult:
    result = ImportResult()
    if src.is_dir():
        result.fail(src, 0, "not-a-file", "csv imports one file", "give the .csv file as SRC")
        return result
    text = read_text(src, result)
    if text is None:
        return result
    reader = csv.reader(io.StringIO(text), dialect=_dialect(text))
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        result.fail(src, 1, "no-header", "the file has no header row naming its columns")
        return result
    columns = _columns([cell.strip() for cell in header], options, src, result)
    if columns is None:
        return result
    line = reader.line_num + 1
    for row in reader:
        if any(cell.strip() for cell in row):
            term = _term(row, columns, header, src, line, options.separator, result)
            if term is not None:
                result.terms.append(term)
        line = reader.line_num + 1
    return result


def unguarded(cell: str) -> str:
    """``cell`` without the apostrophe that guards a leading formula character (``'=x``)."""
    return cell[1:] if cell.startswith("'") and cell[1:2] in _FORMULA_STARTS else cell


def _dialect(text: str) -> type[csv.Dialect]:
    """RFC 4180 (``""`` is a quote inside a quoted cell) with the header's delimiter.

    Only the delimiter is sniffed: a header row shows no quoting, and the sniffer then
    guesses ``doublequote = False``, which would split every cell holding ``""``.
    """
    try:
        delimiter = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        return csv.excel

    class Sniffed(csv.excel):
        pass

    Sniffed.delimiter = delimiter
    return Sniffed


def _columns(
    header: list[str], options: ImportOptions, src: Path, result: ImportResult
) -> dict[str, int] | None:
    """Our key → column index, from ``--map`` and then the usual names."""
    index = {name.lower(): i for i, name in reversed(list(enumerate(header)))}
    columns: dict[str, int] = {}
    for key, column in options.column_map:
        if column.lower() not in index:
            result.fail(
                src,
                1,
                "unknown-column",
                f"--map {key}={column}: the header has no column '{column}'",
                "columns: " + ", ".join(repr(name) for name in header if name),
            )
            return None
        columns[key] = index[column.lower()]
    for key in KEYS:
        for name in (key, key.replace("_", " "), *_USUAL_NAMES.get(key, ())):
            if key not in columns and name in index and index[name] not in columns.values():
                columns[key] = index[name]
    if "title" not in columns:
        result.fail(
            src,
            1,
            "no-title-column",
            "no column holds the terms' titles",
            "name it with --map title=COLUMN (columns: "
            + ", ".join(repr(name) for name in header if name)
            + ")",
        )
        return None
    for i, name in enumerate(header):
        if name and i not in columns.values():
            result.warn(
                src,
                1,
                "extra-column",
                f"column '{name}' maps to none of our keys; its cells became a '## {name}' "
                "section of each term's body",
                "map it with --map KEY=COLUMN if it is one of: " + ", ".join(KEYS),
            )
    return columns


def _term(
    row: list[str],
    columns: dict[str, int],
    header: list[str],
    src: Path,
    line: int,
    separator: str,
    result: ImportResult,
) -> ImportedTerm | None:
    def cell(key: str) -> str:
        i = columns.get(key)
        return unguarded(row[i]).strip() if i is not None and i < len(row) else ""

    def cells(key: str) -> tuple[str, ...]:
        values = (value.strip() for value in cell(key).split(separator))
        return tuple(dict.fromkeys(value for value in values if value))

    title = " ".join(cell("title").split())
    if not title:
        result.fail(src, line, "no-title", "this row has no title", "fill in its title cell")
        return None
    definition, rest = split_definition(cell("definition"))
    sections = [
        f"## {name}\n\n{row[i].strip()}"
        for i, name in enumerate(header)
        if name and i not in columns.values() and i < len(row) and row[i].strip()
    ]
    term = ImportedTerm(
        source=src,
        line=line,
        slug=make_slug(cell("slug") or title),
        title=title,
        definition=definition,
        summary=" ".join(cell("summary").split()),
        aliases=cells("aliases"),
        related=cells("related"),
        tags=cells("tags"),
        category=cell("category"),
        author=cell("author"),
        replaced_by=cell("replaced_by"),
        body="\n\n".join(part for part in (rest.strip(), cell("body"), *sections) if part),
    )
    return _dated(_with_status(term, cell("status"), result), cell("updated"), result)


def _with_status(term: ImportedTerm, status: str, result: ImportResult) -> ImportedTerm:
    if not status:
        return term
    if status.lower() in ("published", "draft", "deprecated"):
        return dataclasses.replace(term, status=status.lower())
    result.warn(
        term.source,
        term.line,
        "bad-status",
        f"status '{status}' is none of published, draft, deprecated; the term is published",
        "set the status in the term file",
    )
    return term


def _dated(term: ImportedTerm, text: str, result: ImportResult) -> ImportedTerm:
    if not text:
        return term
    date = parse_date(text)
    if date is None:
        result.warn(
            term.source,
            term.line,
            "bad-date",
            f"'{text}' is not a date (YYYY-MM-DD); it was left out",
            "write the date in the term file",
        )
    return dataclasses.replace(term, updated=date)
