"""The commands as a user runs them."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary_site.cli import cli
from glossary_site.scaffold import new_term
from tests.conftest import BUNDLED_CONFIG, BUNDLED_SOURCE, term_file


@pytest.fixture
def project_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "sprint.md").write_text(term_file("Sprint"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_build_writes_site_with_defaults_and_reports_counts(project_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0, result.output
    assert "Built site/: 1 term in" in result.output
    assert "Note: base_url is not set" in result.output
    assert (project_dir / "site" / "sprint" / "index.html").is_file()


def test_build_reads_glossary_toml_from_the_current_folder(project_dir: Path) -> None:
    (project_dir / "glossary.toml").write_text('title = "Team Words"\n')
    CliRunner().invoke(cli, ["build"])
    assert "<title>Team Words</title>" in (project_dir / "site" / "index.html").read_text()


def test_base_url_option_overrides_the_config(project_dir: Path) -> None:
    (project_dir / "glossary.toml").write_text('base_url = "https://a.example/"\n')
    result = CliRunner().invoke(cli, ["build", "--base-url", "https://b.example/words"])
    assert result.exit_code == 0, result.output
    html = (project_dir / "site" / "sprint" / "index.html").read_text()
    assert 'href="https://b.example/words/sprint/"' in html


def test_check_writes_nothing(project_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0 and "Checked: 1 term in" in result.output
    assert not (project_dir / "site").exists()


def test_strict_turns_warnings_into_failure(project_dir: Path) -> None:
    (project_dir / "glossary" / "sprint.md").write_text(
        term_file("Sprint", front="related: [sprint]")
    )
    assert CliRunner().invoke(cli, ["check"]).exit_code == 0
    strict = CliRunner().invoke(cli, ["check", "--strict"])
    assert strict.exit_code == 1
    assert "1 warning (--strict)" in strict.stderr


def test_new_writes_a_draft_skeleton_that_passes_check(project_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["new", "Daily Scrum"])
    assert result.exit_code == 0, result.output
    text = (project_dir / "glossary" / "daily-scrum.md").read_text()
    assert 'title: "Daily Scrum"' in text and "status: draft" in text
    check = CliRunner().invoke(cli, ["check"])
    assert check.exit_code == 0, check.output
    assert "1 draft left out" in check.output


def test_new_quotes_titles_yaml_would_misread(tmp_path: Path) -> None:
    path, problem = new_term(tmp_path, 'No: "quoted"', slug="no", today=dt.date(2026, 1, 2))
    assert problem is None and path is not None
    assert 'title: "No: \\"quoted\\""' in path.read_text()


def test_new_needs_a_slug_option_for_titles_without_latin_letters(project_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["new", "日本語"])
    assert result.exit_code == 1 and "--slug" in result.stderr
    assert CliRunner().invoke(cli, ["new", "日本語", "--slug", "nihongo"]).exit_code == 0
    assert 'title: "日本語"' in (project_dir / "glossary" / "nihongo.md").read_text()


def test_unknown_option_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["build", "--outt", "x"])
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_python_dash_m_runs_the_cli_on_the_bundled_glossary(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "glossary_site",
            "check",
            "--source",
            str(BUNDLED_SOURCE),
            "--config",
            str(BUNDLED_CONFIG),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Checked:" in result.stdout
