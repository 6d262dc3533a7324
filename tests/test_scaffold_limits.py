"""``new`` with titles that are too long, invisible or hostile: exit 1 with a reason, never 3."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from glossary_site.cli import cli
from glossary_site.names import MAX_SLUG_LENGTH
from glossary_site.scaffold import capped_slug
from tests.conftest import term_file


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def new(*args: str) -> Result:
    return CliRunner().invoke(cli, ["new", *args])


def created(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_a_300_character_title_gets_a_slug_capped_at_a_hyphen(in_tmp: Path) -> None:
    title = " ".join(f"word{i}" for i in range(60))
    assert len(title) > 300
    result = new(title)
    assert result.exit_code == 0, result.output
    (name,) = created(in_tmp / "glossary")
    slug = name.removesuffix(".md")
    assert len(slug) <= MAX_SLUG_LENGTH and slug.startswith("word0-word1-")
    assert f"-{slug.rsplit('-', 1)[1]}-" in "-" + "-".join(title.split()) + "-"  # whole words
    assert f'title: "{title}"' in (in_tmp / "glossary" / name).read_text()
    assert CliRunner().invoke(cli, ["check"]).exit_code == 0


def test_a_300_character_word_is_cut_at_the_limit(in_tmp: Path) -> None:
    result = new("x" * 300)
    assert result.exit_code == 0, result.output
    assert created(in_tmp / "glossary") == ["x" * MAX_SLUG_LENGTH + ".md"]


@pytest.mark.parametrize(
    ("slug", "capped"),
    [
        ("short-slug", "short-slug"),
        ("a" * 99 + "-b", "a" * 99),
        ("a" * 100 + "-b", "a" * 100),  # the hyphen right after the limit is a clean cut
        ("ab-" * 50, ("ab-" * 33)[:-1]),
    ],
)
def test_capped_slug(slug: str, capped: str) -> None:
    assert capped_slug(slug) == capped
    assert len(capped_slug(slug)) <= MAX_SLUG_LENGTH


def test_a_slug_option_over_the_limit_is_refused(in_tmp: Path) -> None:
    result = new("Sprint", "--slug", "s" * (MAX_SLUG_LENGTH + 1))
    assert result.exit_code == 1
    assert "[bad-slug]" in result.stderr and f"at most {MAX_SLUG_LENGTH}" in result.stderr
    assert created(in_tmp / "glossary") == []


@pytest.mark.parametrize(
    "title",
    ["Esc\x1b[2Jape", "Bell\x07", "Nul\x00l", "Del\x7f", "C1\x9b", "Bidi\u202eoverride"],
)
def test_a_title_with_control_characters_is_refused(in_tmp: Path, title: str) -> None:
    result = new(title)
    assert result.exit_code == 1
    assert "[new-bad-title]" in result.stderr and "hint:" in result.stderr
    assert created(in_tmp / "glossary") == []


def test_line_breaks_and_tabs_in_a_pasted_title_become_spaces(in_tmp: Path) -> None:
    result = new("Daily\n\tScrum")
    assert result.exit_code == 0, result.output
    assert 'title: "Daily Scrum"' in (in_tmp / "glossary" / "daily-scrum.md").read_text()


@pytest.mark.parametrize("title", ["\u200b", "\u00ad\u200d\u2060", "\ufeff"])
def test_a_title_without_a_visible_character_is_refused(in_tmp: Path, title: str) -> None:
    result = new(title)
    assert result.exit_code == 1
    assert "[invisible-name]" in result.stderr
    assert created(in_tmp / "glossary") == []


def test_a_source_inside_a_file_is_an_error_not_a_crash(in_tmp: Path) -> None:
    (in_tmp / "notes").write_text("not a folder")
    result = new("Sprint", "--source", "notes/glossary")
    assert result.exit_code == 1
    assert "[new-write-failed]" in result.stderr


@pytest.mark.parametrize(
    ("title", "kind", "line"),
    [("work in progress", "title", 2), ("W\u200bIP", "alias", 4), ("Kanban-Flow", "slug", 5)],
)
def test_a_title_that_already_names_a_term_is_refused_at_that_term(
    in_tmp: Path, title: str, kind: str, line: int
) -> None:
    (in_tmp / "glossary").mkdir()
    front = "aliases: [WIP]\nslug: kanban-flow"
    (in_tmp / "glossary" / "flow.md").write_text(term_file("Work in Progress", front=front))
    result = new(title)
    assert result.exit_code == 1
    assert f"glossary/flow.md:{line}: error:" in result.stderr
    assert f"already the {kind} of this term" in result.stderr
    assert "[new-name-taken]" in result.stderr
    assert created(in_tmp / "glossary") == ["flow.md"]
