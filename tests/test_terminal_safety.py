"""Content never drives the terminal: control characters are printed as visible escapes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from glossary_site.cli import cli
from glossary_site.diagnostics import Diagnostic, printable
from tests.conftest import term_file

OSC_52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"  # writes "echo pwned" into the reader's clipboard
RAW = [b"\x1b", b"\x07", b"\x7f", b"\xc2\x9b", "\u202e".encode(), "\u2066".encode()]


def assert_no_raw_controls(output: bytes) -> None:
    for raw in RAW:
        assert raw not in output, (raw, output)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[2J", "\\x1b[2J"),
        (OSC_52, "\\x1b]52;c;ZWNobyBwd25lZA==\\x07"),
        ("a\x00b\x7fc\x9bd", "a\\x00b\\x7fc\\x9bd"),
        ("admin\u202egnp.exe", "admin\\u202egnp.exe"),
        ("\u2066x\u2069", "\\u2066x\\u2069"),
        ("line\nbreak\ttab", "line\\x0abreak\\x09tab"),
        ("Café – ok", "Café – ok"),
    ],
)
def test_printable_escapes_control_and_bidi_characters(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_printable_keeps_newlines_only_when_asked() -> None:
    assert printable("a\nb\x1b", newlines=True) == "a\nb\\x1b"


def test_every_field_of_a_diagnostic_is_escaped() -> None:
    diagnostic = Diagnostic(
        Path(f"glossary/evil{OSC_52}.md"),
        3,
        "unknown-term",
        f"related term '\u202eexe.{OSC_52}' is not a term",
        "write it as:\n        related: [\x1b[31mred\x9b]",
    )
    text = diagnostic.format()
    assert_no_raw_controls(text.encode())
    assert "evil\\x1b]52;c;" in text and "'\\u202eexe." in text and "\\x9b" in text
    assert text.count("\n") == 2  # the hint keeps its own line break, nothing else breaks


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "glossary").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_content_in_messages_and_hints_reaches_the_terminal_escaped(in_tmp: Path) -> None:
    # YAML double-quoted escapes put raw ESC, BEL and RLO into the parsed values.
    front = 'related: ["\\e]52;c;ZWNobyBwd25lZA==\\a", "\\u202eevil"]'
    (in_tmp / "glossary" / "sprint.md").write_text(term_file("Sprint", front=front))
    result = invoke("check")
    assert result.exit_code == 1
    assert_no_raw_controls(result.stdout_bytes + result.stderr_bytes)
    # The escape sequence is refused where it is written; the bidi override is quoted.
    assert "control character U+001B (ESC)" in result.stderr
    assert "'\\u202eevil'" in result.stderr


def test_file_name_with_an_escape_sequence_is_printed_escaped(in_tmp: Path) -> None:
    (in_tmp / "glossary" / "evil\x1b[2J.md").write_text(term_file("Evil"))
    result = invoke("check")
    assert result.exit_code == 1
    assert_no_raw_controls(result.stdout_bytes + result.stderr_bytes)
    assert "evil\\x1b[2J.md" in result.stderr


def test_summary_line_escapes_the_output_folder(in_tmp: Path) -> None:
    (in_tmp / "glossary" / "sprint.md").write_text(term_file("Sprint"))
    result = invoke("build", "--out", "site\x1b[31m")
    assert result.exit_code == 0, result.output
    assert_no_raw_controls(result.stdout_bytes + result.stderr_bytes)
    assert "Built site\\x1b[31m/" in result.stdout


def test_usage_errors_quote_what_was_typed_escaped(in_tmp: Path) -> None:
    for args in (["check", "--source", "gone\x1b[2J"], ["nosuch\x1b]52;c;eA==\x07"]):
        result = invoke(*args)
        assert result.exit_code == 2
        assert_no_raw_controls(result.stdout_bytes + result.stderr_bytes)
        assert "\\x1b" in result.stderr


def test_new_with_an_osc_52_title_exits_1_and_prints_no_raw_escape(in_tmp: Path) -> None:
    result = invoke("new", f"Clipboard{OSC_52}")
    assert result.exit_code == 1
    assert_no_raw_controls(result.stdout_bytes + result.stderr_bytes)
    assert "[new-bad-title]" in result.stderr
    assert list((in_tmp / "glossary").iterdir()) == []


def test_new_prints_the_created_path_escaped(in_tmp: Path) -> None:
    result = invoke("new", "Sprint", "--source", "terms\x1b[31m")
    assert result.exit_code == 0, result.output
    assert_no_raw_controls(result.stdout_bytes + result.stderr_bytes)
    assert "Created terms\\x1b[31m/sprint.md" in result.stdout
