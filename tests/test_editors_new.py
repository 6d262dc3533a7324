"""``glossary-site new`` with --alias, --related, --tag and --category."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from glossary_site import read_glossary
from glossary_site.build import Project
from glossary_site.cli import cli
from tests.conftest import term_file


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "sprint.md").write_text(
        term_file("Sprint", front="aliases: [Iteration]")
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def new(*args: str) -> Result:
    return CliRunner().invoke(cli, ["new", *args])


def test_new_writes_every_given_field_and_the_file_is_valid(project: Path) -> None:
    result = new(
        "Daily Scrum",
        "--alias",
        "Stand-up",
        "--alias",
        'Daily "DS"',
        "--related",
        "iteration",
        "--tag",
        "scrum",
        "--tag",
        "meetings: daily",
        "--category",
        "Agile: practices",
    )
    assert result.exit_code == 0, result.output
    assert "Created glossary/daily-scrum.md." in result.stdout
    glossary, diagnostics = read_glossary(Project(project / "glossary"))
    assert glossary is not None
    assert not [d for d in diagnostics if d.is_error], [d.format() for d in diagnostics]
    (draft,) = [t for t in glossary.terms if t.slug == "daily-scrum"]
    assert [a.text for a in draft.aliases] == ["Stand-up", 'Daily "DS"']
    assert [r.text for r in draft.related] == ["iteration"]
    assert draft.tags == ("scrum", "meetings: daily")
    assert draft.category == "Agile: practices"


def test_new_file_carries_commented_guidance(project: Path) -> None:
    assert new("Kanban").exit_code == 0
    text = (project / "glossary" / "kanban.md").read_text()
    assert "# Other names and abbreviations" in text and "# Other terms, by slug" in text
    assert "category:" not in text


def test_new_refuses_an_alias_that_names_another_term_and_says_which_file(
    project: Path,
) -> None:
    result = new("Daily Scrum", "--alias", "ITERATION")
    assert result.exit_code == 1
    assert "glossary/sprint.md:4: error: alias 'ITERATION' is already the alias" in result.stderr
    assert "[new-name-taken]" in result.stderr
    assert not (project / "glossary" / "daily-scrum.md").exists()


def test_new_refuses_a_title_that_names_another_term(project: Path) -> None:
    result = new("iteration")
    assert result.exit_code == 1
    assert "glossary/sprint.md:4: error: 'iteration' is already the alias" in result.stderr


def test_new_refuses_an_unknown_related_term_with_a_suggestion(project: Path) -> None:
    result = new("Daily Scrum", "--related", "Sprintt")
    assert result.exit_code == 1
    assert "[new-unknown-related]" in result.stderr
    assert "did you mean 'Sprint'?" in result.stderr
    assert not (project / "glossary" / "daily-scrum.md").exists()


@pytest.mark.parametrize(
    ("option", "value", "code"),
    [
        ("--alias", "A\x1b[31m", "new-bad-value"),
        ("--tag", "two\nlines", "new-bad-value"),
        ("--category", "\u202eevil", "new-bad-value"),
        ("--alias", "\u200b", "invisible-name"),
    ],
)
def test_new_refuses_values_with_control_or_only_invisible_characters(
    project: Path, option: str, value: str, code: str
) -> None:
    result = new("Daily Scrum", option, value)
    assert result.exit_code == 1
    assert f"[{code}]" in result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr


def test_new_still_refuses_to_overwrite(project: Path) -> None:
    result = new("Sprint Two", "--slug", "sprint")
    assert result.exit_code == 1
    assert "[new-exists]" in result.stderr
