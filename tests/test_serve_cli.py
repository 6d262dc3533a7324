"""``glossary-site serve`` on the command line: its options and usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary_site.cli import cli


def test_serve_help_lists_every_option() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--source", "--config", "--base-url", "--port", "--open", "--jobs"):
        assert option in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--base-url", " "], "--base-url"),
        (["--port", "70000"], "--port"),
        (["--source", "missing"], "there is no folder missing"),
        (["--config", "missing.toml"], "there is no file missing.toml"),
    ],
)
def test_serve_usage_errors_exit_2_before_serving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary").mkdir()
    result = CliRunner().invoke(cli, ["serve", *args])
    assert result.exit_code == 2
    assert message in result.output
