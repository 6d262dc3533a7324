"""``glossary-site import``: exit codes, the per-file report, and what it never overwrites."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary_site.cli import cli

DEVOPS_TERM = """\
---
title: Widget
slug: widget
description: "A small part: it does one thing."
relatedTerms:
  - gadget
abbreviation: WG
dateAdded: 2026-13-45
owner: someone
---

Widgets are everywhere.
"""

GADGET_TERM = (
    DEVOPS_TERM.replace("Widget", "Gadget").replace("widget", "gadget").replace("WG", "GD")
)


@pytest.fixture
def devops_src(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "src"
    src.mkdir()
    (src / "widget.md").write_text(DEVOPS_TERM)
    (src / "gadget.md").write_text(GADGET_TERM.replace("- gadget", "- widget"))
    return src


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["import", *args])
    return result.exit_code, result.output


def test_import_reports_each_lost_fact_as_a_warning_and_exits_0(devops_src: Path) -> None:
    code, output = _run("devops", "src", "--out", "glossary")
    assert code == 0, output
    assert "src/widget.md:8: warning: 'dateAdded: 2026-13-45' is not a date" in output
    assert "[import-bad-date]" in output
    assert "src/widget.md:9: warning: 'owner: someone' has no place in our format" in output
    assert "Imported 2 terms into glossary/ (4 warnings)." in output
    assert CliRunner().invoke(cli, ["check"]).exit_code == 0


def test_existing_files_are_refused_one_by_one_with_exit_1(devops_src: Path) -> None:
    out = devops_src.parent / "glossary"
    out.mkdir()
    (out / "widget.md").write_text("mine\n")
    code, output = _run("devops", "src", "--out", "glossary")
    assert code == 1
    assert "glossary/widget.md already exists" in output and "[import-exists]" in output
    assert (out / "widget.md").read_text() == "mine\n"
    assert (out / "gadget.md").is_file()


def test_force_replaces_existing_files(devops_src: Path) -> None:
    (devops_src.parent / "glossary").mkdir()
    (devops_src.parent / "glossary" / "widget.md").write_text("mine\n")
    code, _ = _run("devops", "src", "--out", "glossary", "--force")
    assert code == 0
    assert "title: Widget" in (devops_src.parent / "glossary" / "widget.md").read_text()


@pytest.mark.parametrize(
    "args",
    [
        ("nosuch", "src"),
        ("devops", "missing-folder"),
        ("csv", "src", "--map", "title"),
    ],
)
def test_usage_errors_exit_2(devops_src: Path, args: tuple[str, ...]) -> None:
    code, _ = _run(*args)
    assert code == 2
    assert not (devops_src.parent / "glossary").exists()


def test_a_file_that_cannot_be_imported_exits_1(devops_src: Path) -> None:
    (devops_src / "broken.md").write_text("no front matter here\n")
    code, output = _run("devops", "src", "--out", "glossary")
    assert code == 1
    assert "src/broken.md:1: error:" in output and "[import-no-front-matter]" in output
    assert "Imported 2 terms" in output


def test_importing_a_real_corpus_then_checking_it_passes(
    corpus: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = corpus("cncf-glossary")
    monkeypatch.chdir(tmp_path)
    code, output = _run("cncf", str(source), "--language", "ko", "--out", "words")
    assert code == 0, output
    assert "Imported 20 terms into words/ (0 warnings)." in output
    assert "Next: glossary-site check --source words/" in output
    checked = CliRunner().invoke(cli, ["check", "--source", "words"])
    assert checked.exit_code == 0 and "Checked: 20 terms" in checked.output
    code, output = _run("cncf", str(source), "--language", "ko", "--out", "words")
    assert code == 1 and output.count("[import-exists]") == 20
