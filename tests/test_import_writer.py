"""The shared writer of imported terms: files ``check`` reads back exactly, never overwritten."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from glossary_site import Project, check
from glossary_site.importers import import_glossary
from glossary_site.importers.collect import finish, make_slug
from glossary_site.importers.model import ImportedTerm, ImportResult
from glossary_site.importers.writer import term_text, write_terms
from glossary_site.load import load_term
from glossary_site.schema import Status, parse_term

TRICKY = ["no", "1.10", "*nix", "&amp", "# hash", "a: b", "Café", 'say "hi"', "- dash", "null"]


def _term(slug: str = "thing", **values: object) -> ImportedTerm:
    fields: dict[str, object] = {"title": "Thing", "definition": "A thing.", **values}
    return ImportedTerm(source=Path("src.md"), line=3, slug=slug, **fields)  # type: ignore[arg-type]


def _read_back(text: str) -> object:
    raw = load_term(Path("thing.md"), text.encode())
    assert not isinstance(raw, type(None))
    term, problems = parse_term(raw)  # type: ignore[arg-type]
    assert problems == ()
    return term


@pytest.mark.parametrize("value", TRICKY)
def test_values_yaml_would_misread_are_read_back_as_written(value: str) -> None:
    term = _read_back(
        term_text(
            _term(
                title=value,
                definition=f"{value} means {value}.",
                aliases=(f"{value}-alias",),
                tags=(value,),
                category=value,
                summary=value,
            )
        )
    )
    assert term.title == value  # type: ignore[attr-defined]
    assert term.definition == f"{value} means {value}."  # type: ignore[attr-defined]
    assert [a.text for a in term.aliases] == [f"{value}-alias"]  # type: ignore[attr-defined]
    assert term.tags == (value,)  # type: ignore[attr-defined]
    assert term.category == value  # type: ignore[attr-defined]


def test_dates_status_related_and_body_are_written() -> None:
    text = term_text(
        _term(
            updated=dt.date(2019, 2, 1),
            status="deprecated",
            replaced_by="other",
            related=("other", "third"),
            body="## Why\n\nBecause.",
        )
    )
    term = _read_back(text)
    assert term.updated == dt.date(2019, 2, 1)  # type: ignore[attr-defined]
    assert term.status is Status.DEPRECATED  # type: ignore[attr-defined]
    assert [r.text for r in term.related] == ["other", "third"]  # type: ignore[attr-defined]
    assert text.endswith("---\n\n## Why\n\nBecause.\n")


def test_a_long_multi_line_definition_stays_one_paragraph() -> None:
    definition = "word " * 60 + "end."
    term = _read_back(term_text(_term(definition=definition.strip())))
    assert term.definition == definition.strip()  # type: ignore[attr-defined]


def test_an_existing_file_is_left_alone_and_reported(tmp_path: Path) -> None:
    (tmp_path / "thing.md").write_text("mine\n")

    written, problems = write_terms([_term()], tmp_path)

    assert written == []
    assert [p.code for p in problems] == ["import-exists"]
    assert problems[0].path == Path("src.md") and problems[0].line == 3
    assert (tmp_path / "thing.md").read_text() == "mine\n"


def test_force_replaces_an_existing_file(tmp_path: Path) -> None:
    (tmp_path / "thing.md").write_text("mine\n")
    written, problems = write_terms([_term()], tmp_path, force=True)
    assert problems == [] and written == [tmp_path / "thing.md"]
    assert "title: Thing" in (tmp_path / "thing.md").read_text()


def test_a_symlink_in_the_way_is_never_written_through(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "thing.md").symlink_to(target)
    _, problems = write_terms([_term()], out, force=True)
    assert [p.code for p in problems] == ["import-not-a-file"]
    assert target.read_text() == "keep\n"


def test_written_terms_pass_check(tmp_path: Path) -> None:
    terms = [
        _term("alpha", title="Alpha", related=("beta",), body="See [beta](beta)."),
        _term("beta", title="Beta", aliases=("B",), definition="", body="Beta is second.\n"),
    ]
    write_terms(terms, tmp_path)
    report = check(Project(tmp_path))
    assert report.ok and report.term_count == 2, [d.format() for d in report.diagnostics]


def test_control_characters_are_removed_with_a_warning() -> None:
    result = ImportResult([_term(title="Bell\x07", body="Text\x1b[31m here.")])
    [term] = finish(result)
    assert term.title == "Bell" and term.body == "Text[31m here."
    assert [d.code for d in result.diagnostics] == ["import-control-character"]
    assert not result.diagnostics[0].is_error


def test_two_terms_with_one_slug_keep_the_first_and_fail_the_second() -> None:
    result = ImportResult([_term(title="One"), _term(title="Two")])
    assert [t.title for t in finish(result)] == ["One"]
    assert [d.code for d in result.diagnostics] == ["import-duplicate-slug"]
    assert result.diagnostics[0].is_error


def test_an_alias_that_is_another_terms_name_is_left_out_with_a_warning() -> None:
    result = ImportResult(
        [_term("api", title="API"), _term("app", title="Application", aliases=("API", "App"))]
    )
    terms = finish(result)
    assert terms[1].aliases == ()  # "App" is its own slug: no new name, silently dropped
    assert [d.code for d in result.diagnostics] == ["import-alias-taken"]


def test_a_term_without_any_definition_is_not_imported() -> None:
    result = ImportResult([_term(definition="", body="## Only a heading\n")])
    assert finish(result) == []
    assert [d.code for d in result.diagnostics] == ["import-no-definition"]


def test_the_summary_stands_in_for_a_missing_definition() -> None:
    result = ImportResult([_term(definition="", summary="A short text.", body="- a list\n")])
    assert finish(result)[0].definition == "A short text."


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Glossary/Execution_context", "glossary-execution-context"),
        ("Café au lait", "cafe-au-lait"),
    ],
)
def test_slugs_are_made_from_foreign_names(name: str, slug: str) -> None:
    assert make_slug(name) == slug


def test_a_long_name_gets_a_slug_cut_at_a_hyphen() -> None:
    slug = make_slug("word " * 40)
    assert len(slug) <= 100 and slug.endswith("word")


def test_an_alias_two_imported_terms_share_stays_with_the_first() -> None:
    result = ImportResult(
        [
            _term("one", title="One", aliases=("Shared", "shared", "One")),
            _term("two", title="Two", aliases=("SHARED",)),
        ]
    )
    one, two = finish(result)
    assert one.aliases == ("Shared",) and two.aliases == ()
    assert [d.code for d in result.diagnostics] == ["import-alias-taken"]


def test_importing_into_a_glossary_respects_the_names_of_its_terms(tmp_path: Path) -> None:
    write_terms([_term("sprint", title="Sprint", aliases=("Iteration",))], tmp_path)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Term,Definition,Aliases\nCycle,A period of work.,Iteration;Round\n")
    report = import_glossary("csv", sheet, tmp_path)
    assert [d.code for d in report.diagnostics] == ["import-alias-taken"]
    assert "Iteration" not in (tmp_path / "cycle.md").read_text(encoding="utf-8")
    assert check(Project(tmp_path)).ok
