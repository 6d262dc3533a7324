"""CSV rows are written without the csv module's writer (a fifth of a cold export's CPU at
10,000 terms) and are byte for byte what it writes: RFC 4180 quoting as Excel's dialect
does it, CRLF row ends."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from glossary_site.exports.csv_file import CsvRows

SPECIAL = st.sampled_from(['"', ",", "\r", "\n", "\r\n", " ", "'", "=", "\t", ";", "é", "\x00"])
CELL = st.lists(st.one_of(st.text(max_size=8), SPECIAL), max_size=6).map("".join)


def written_by_the_csv_module(cells: list[str]) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, dialect="excel", lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()


@given(st.lists(CELL, min_size=2, max_size=13))
def test_a_row_is_what_the_csv_module_writes(cells: list[str]) -> None:
    assert CsvRows().text(cells) == written_by_the_csv_module(cells)


def test_quoting_of_each_special_character() -> None:
    cells = ["plain", 'say "hi"', "a,b", "line\nbreak", "cr\ronly", "", " spaced "]

    assert CsvRows().text(cells) == written_by_the_csv_module(cells)
    assert CsvRows().text(cells) == (
        'plain,"say ""hi""","a,b","line\nbreak","cr\ronly",, spaced \r\n'
    )
