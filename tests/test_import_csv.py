"""``import csv``: a spreadsheet export becomes one term file per row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from glossary_site import Project, build, check
from glossary_site.cli import cli
from glossary_site.importers import ImportOptions, ImportReport, import_glossary
from glossary_site.load import RawTerm, load_term
from glossary_site.schema import Term, parse_term
from tests.importing import term_links

SHEET = """\
Term,Description,Synonyms,Related terms,Tags,Category,Last updated,Status,Example
Sprint,"A fixed time-box in which a team delivers an increment.",Iteration,\
Daily Scrum;Backlog,scrum;events,Agile,2026-01-05,,"Two weeks, usually."
Daily Scrum,"A short daily meeting of the [sprint](sprint).

It lasts 15 minutes.",Stand-up; Daily Stand-up,Sprint,scrum,Agile,05/01/2026,draft,
Backlog,An ordered list of work.,,,,,,Published,
"""


def _import(tmp_path: Path, text: str, **options: Any) -> tuple[ImportReport, Path]:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(text, encoding="utf-8")
    out = tmp_path / "glossary"
    report = import_glossary("csv", sheet, out, options=ImportOptions(**options))
    return report, out


def _terms(out: Path) -> dict[str, Term]:
    terms = {}
    for path in sorted(out.glob("*.md")):
        raw = load_term(path, path.read_bytes())
        assert isinstance(raw, RawTerm)
        term, problems = parse_term(raw)
        assert term is not None and problems == (), problems
        terms[term.slug] = term
    return terms


def test_each_row_is_a_term_with_usual_column_names_mapped(tmp_path: Path) -> None:
    report, out = _import(tmp_path, SHEET)

    terms = _terms(out)
    assert sorted(terms) == ["backlog", "daily-scrum", "sprint"]
    sprint = terms["sprint"]
    assert [a.text for a in sprint.aliases] == ["Iteration"]
    assert [r.text for r in sprint.related] == ["Daily Scrum", "Backlog"]
    assert sprint.tags == ("scrum", "events")
    assert sprint.category == "Agile"
    assert sprint.updated == dt.date(2026, 1, 5)
    assert "## Example\n\nTwo weeks, usually." in sprint.body
    scrum = terms["daily-scrum"]
    assert [a.text for a in scrum.aliases] == ["Stand-up", "Daily Stand-up"]
    assert scrum.status.value == "draft"
    assert "It lasts 15 minutes." in scrum.body
    codes = [(d.line, d.code) for d in report.diagnostics]
    assert codes == [(1, "import-extra-column"), (3, "import-bad-date")]


def test_an_imported_sheet_checks_and_builds_with_its_links(tmp_path: Path) -> None:
    _import(tmp_path, SHEET.replace(",draft,", ",,").replace("05/01/2026", "2026-01-05"))
    assert check(Project(tmp_path / "glossary")).ok
    report = build(Project(tmp_path / "glossary"), tmp_path / "site")
    assert report.ok and report.term_count == 3
    assert ("daily-scrum", "sprint") in term_links(tmp_path / "site")


def test_map_names_columns_and_separator_splits_cells(tmp_path: Path) -> None:
    sheet = "Word\tMeaning\tSee\nAlpha\tThe first.\tBeta|Gamma\nBeta\tThe second.\t\n"
    report, out = _import(
        tmp_path,
        sheet,
        column_map=(("title", "Word"), ("definition", "Meaning"), ("related", "See")),
        separator="|",
    )
    terms = _terms(out)
    assert [r.text for r in terms["alpha"].related] == ["Beta", "Gamma"]
    assert report.diagnostics == ()


def test_a_row_without_title_fails_and_a_missing_column_is_named(tmp_path: Path) -> None:
    report, _ = _import(tmp_path, "Term,Definition\n,Orphan text.\nOk,Fine.\n")
    assert [(d.line, d.code) for d in report.diagnostics] == [(2, "import-no-title")]
    report, _ = _import(tmp_path, "Name,Definition\nA,B\n", column_map=(("title", "Word"),))
    assert [d.code for d in report.diagnostics] == ["import-unknown-column"]
    assert "'Name'" in report.diagnostics[0].hint


def test_a_sheet_without_a_title_column_says_how_to_map_it(tmp_path: Path) -> None:
    report, _ = _import(tmp_path, "Label,Definition\nA,B\n")
    assert [d.code for d in report.diagnostics] == ["import-no-title-column"]
    assert "--map title=COLUMN" in report.diagnostics[0].hint


def test_an_unknown_key_in_map_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "s.csv").write_text("Term\nA\n")
    result = CliRunner().invoke(
        cli, ["import", "csv", str(tmp_path / "s.csv"), "--map", "titel=Term"]
    )
    assert result.exit_code == 2 and "'titel' is not one of our keys" in result.output
