"""The cache and worker options as a user runs them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary_site.cli import cli
from glossary_site.markup import MarkdownRenderer
from glossary_site.schema import Term
from tests.conftest import term_file


@pytest.fixture
def project_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "sprint.md").write_text(term_file("Sprint"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_build_keeps_its_cache_beside_the_config_by_default(project_dir: Path) -> None:
    (project_dir / "conf").mkdir()
    (project_dir / "conf" / "glossary.toml").write_text('title = "T"\n')
    result = CliRunner().invoke(cli, ["build", "--config", "conf/glossary.toml"])
    assert result.exit_code == 0, result.output
    assert (project_dir / "conf" / ".glossary-cache" / "CACHEDIR.TAG").is_file()


def test_no_cache_neither_reads_nor_writes_a_cache(project_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert not (project_dir / ".glossary-cache").exists()


def test_cache_dir_chooses_the_folder(project_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--cache-dir", "elsewhere/cache"])
    assert result.exit_code == 0, result.output
    assert (project_dir / "elsewhere" / "cache" / "v1" / "terms").is_dir()
    assert not (project_dir / ".glossary-cache").exists()


def test_a_cache_dir_inside_the_output_is_an_error_naming_the_option(project_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--cache-dir", "site/.cache"])
    assert result.exit_code == 1
    assert "[cache-dir-clash]" in result.output and "--cache-dir" in result.output
    assert not (project_dir / "site").exists()


@pytest.mark.parametrize("jobs", ["0", "-1", "many"])
def test_jobs_must_be_a_positive_number(project_dir: Path, jobs: str) -> None:
    result = CliRunner().invoke(cli, ["check", "--jobs", jobs])
    assert result.exit_code == 2
    assert "--jobs" in result.output


def test_check_accepts_the_cache_options_and_writes_nothing(project_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--jobs", "2", "--cache-dir", "c"])
    assert result.exit_code == 0, result.output
    assert not (project_dir / "c").exists()


def test_a_killed_worker_is_exit_3_with_what_to_do(
    project_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(70):
        (project_dir / "glossary" / f"t{n}.md").write_text(term_file(f"Term {n}"))
    parent = os.getpid()
    render = MarkdownRenderer.render

    def killed(self: MarkdownRenderer, term: Term) -> object:
        if os.getpid() != parent:
            os._exit(9)  # as the kernel's out-of-memory killer would
        return render(self, term)  # this process converts the chunks no worker started

    monkeypatch.setattr(MarkdownRenderer, "render", killed)
    result = CliRunner().invoke(cli, ["build", "--jobs", "2", "--no-cache"])
    assert result.exit_code == 3
    assert "worker process ended unexpectedly" in result.output
    assert "--jobs 1" in result.output and "Traceback" not in result.output
    assert not (project_dir / "site").exists()
