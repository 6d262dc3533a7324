"""``check --format text|json|github``: the same findings for people, tools and pull requests."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from glossary_site.cli import cli
from glossary_site.diagnostics import Diagnostic, Severity
from glossary_site.report_format import (
    REPORT_SCHEMA,
    as_github,
    as_json,
    escape_data,
    escape_property,
)
from tests.conftest import term_file


@pytest.fixture
def broken_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "sprint.md").write_text(
        term_file("Sprint", front="related: [Scrumm, sprint]")
    )
    (tmp_path / "glossary" / "scrum.md").write_text(term_file("Scrum"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_json_format_prints_one_document_that_matches_the_published_schema(
    broken_project: Path,
) -> None:
    result = CliRunner().invoke(cli, ["check", "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    jsonschema.validate(report, REPORT_SCHEMA)
    assert report["version"] == 1
    unknown = next(d for d in report["diagnostics"] if d["code"] == "unknown-term")
    assert unknown["path"] == "glossary/sprint.md"
    assert unknown["line"] == 4
    assert unknown["severity"] == "error"
    assert "did you mean 'Scrum'?" in unknown["hint"]
    assert report["errors"] == 1
    assert report["warnings"] == sum(d["severity"] == "warning" for d in report["diagnostics"])


def test_json_format_of_a_clean_glossary_is_an_empty_report_and_exit_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "sprint.md").write_text(term_file("Sprint", front="related: [scrum]"))
    (tmp_path / "glossary" / "scrum.md").write_text(term_file("Scrum", front="related: [sprint]"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "version": 1,
        "errors": 0,
        "warnings": 0,
        "diagnostics": [],
    }


def test_github_format_prints_one_error_command_per_finding(broken_project: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--format", "github"])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("::")]
    error = next(line for line in lines if "unknown-term" in line)
    assert error.startswith(
        "::error file=glossary/sprint.md,line=4,title=glossary-site unknown-term::"
    )
    assert "%0Ahint: did you mean 'Scrum'?" in error
    warning = next(line for line in lines if "self-reference" in line)
    assert warning.startswith("::warning file=glossary/sprint.md,line=4,")


def test_text_format_is_the_default_output(broken_project: Path) -> None:
    default = CliRunner().invoke(cli, ["check"])
    text = CliRunner().invoke(cli, ["check", "--format", "text"])
    assert "glossary/sprint.md:4: error: related term 'Scrumm'" in default.output
    assert default.output.split("Failed")[0] == text.output.split("Failed")[0]


def test_schema_report_prints_the_report_schema() -> None:
    result = CliRunner().invoke(cli, ["schema", "--report"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == REPORT_SCHEMA
    jsonschema.Draft202012Validator.check_schema(REPORT_SCHEMA)


def test_unknown_format_is_a_usage_error(broken_project: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--format", "xml"])
    assert result.exit_code == 2


def _attack(message: str, path: str = "glossary/a.md") -> Diagnostic:
    return Diagnostic(Path(path), 3, "bad-thing", message, "fix\r\n::error::forged")


def test_github_commands_cannot_be_split_or_forged_by_content() -> None:
    text = as_github([_attack("50% done\n::error file=x::forged\r\x1b[31m")])
    assert "\n" not in text and "\r" not in text and "\x1b" not in text
    assert text.startswith("::error file=glossary/a.md,line=3,title=glossary-site bad-thing::")
    assert "50%25 done%0A::error file=x::forged%0D" in text  # one line: not a command
    assert "\\x1b[31m" in text


def test_github_properties_escape_colon_and_comma() -> None:
    text = as_github([_attack("m", path="glossary/a,line=1::b.md")])
    assert "file=glossary/a%2Cline=1%3A%3Ab.md,line=3," in text
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert escape_data("a:b,c") == "a:b,c"


def test_github_command_leaves_out_line_zero_and_gives_the_column() -> None:
    whole = Diagnostic(Path("glossary.toml"), 0, "x-y", "m")
    assert as_github([whole]).startswith("::error file=glossary.toml,title=")
    warned = Diagnostic(Path("a.md"), 2, "x-y", "m", severity=Severity.WARNING, column=7)
    assert as_github([warned]).startswith("::warning file=a.md,line=2,col=7,title=")


def test_json_is_ascii_and_keeps_content_exactly() -> None:
    text = as_json([_attack("bell\x07 \u202e rtl é")])
    assert text.isascii()
    assert json.loads(text)["diagnostics"][0]["message"] == "bell\x07 \u202e rtl é"
