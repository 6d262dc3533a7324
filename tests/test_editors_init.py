"""``glossary-site init``: a project that checks, builds, and whose workflow passes actionlint."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from glossary_site.cli import cli

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKFLOW = Path(".github/workflows/glossary.yml")


def init(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["init", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "words"
    code, out, err = init(str(folder), "--title", 'Team "Words"')
    assert code == 0, err
    assert f"Created a glossary in {folder}" in out
    monkeypatch.chdir(folder)
    return folder


def actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "actionlint"), "-no-color", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_init_writes_the_whole_project(project: Path) -> None:
    written = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
    assert written == [
        ".github/workflows/glossary.yml",
        ".gitignore",
        "README.md",
        "glossary.toml",
        "glossary/glossary.md",
        "glossary/term.md",
    ]
    assert tomllib.loads((project / "glossary.toml").read_text())["title"] == 'Team "Words"'
    assert (project / "README.md").read_text().startswith('# Team "Words"\n')
    assert "/.glossary-cache/" in (project / ".gitignore").read_text()


def test_an_init_project_is_clean_under_strict_and_builds(project: Path) -> None:
    check = CliRunner().invoke(cli, ["check", "--strict"])
    assert check.exit_code == 0, check.output
    assert "warning" not in check.output
    build = CliRunner().invoke(cli, ["build", "--strict"])
    assert build.exit_code == 0, build.output
    assert (project / "site" / "term" / "index.html").is_file()


def test_the_workflow_passes_actionlint_and_the_workflow_schema(project: Path) -> None:
    result = actionlint(project / WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    schema = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", WORKFLOW],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert schema.returncode == 0, schema.stdout + schema.stderr


def test_actionlint_would_catch_a_broken_workflow(project: Path) -> None:
    broken = project / "broken.yml"
    text = (project / WORKFLOW).read_text().replace("fetch-depth:", "fetch-dept:", 1)
    broken.write_text(text.replace("runs-on: ubuntu-latest", "runs-on: ubuntu-lates", 1))
    assert actionlint(broken).returncode != 0


def test_the_workflow_is_least_privilege_pinned_and_caches_the_build_cache(project: Path) -> None:
    workflow = yaml.safe_load((project / WORKFLOW).read_text())
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["check"]["permissions"] == {"contents": "read"}
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["check"]["if"] == "github.event_name == 'pull_request'"
    assert workflow[True]["push"] == {"branches": ["main"]}  # YAML 1.1 reads "on" as True
    steps = [step for job in jobs.values() for step in job["steps"]]
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    runs = [step["run"] for step in steps if "run" in step]
    assert "glossary-site check --format github" in runs
    assert "glossary-site build" in runs
    caches = [step["with"]["path"] for step in steps if "cache@" in step.get("uses", "")]
    assert caches == [".glossary-cache", ".glossary-cache"]


def test_init_refuses_a_folder_with_files_and_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    code, _, err = init(str(tmp_path))
    assert code == 1
    assert "[init-not-empty]" in err and "notes.txt" in err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_init_accepts_a_fresh_git_repository(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    code, _, err = init(str(tmp_path))
    assert code == 0, err
    assert (tmp_path / "glossary.toml").is_file()


def test_init_refuses_a_file_and_a_title_with_control_characters(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    code, _, err = init(str(tmp_path / "file"))
    assert code == 2 and "is a file" in err
    code, _, err = init(str(tmp_path / "new"), "--title", "A\x1b[2J")
    assert code == 1 and "[init-bad-title]" in err
    assert not (tmp_path / "new").exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_hook_manifest_is_valid(tmp_path: Path) -> None:
    manifest = REPO / ".pre-commit-hooks.yaml"
    result = subprocess.run(
        [str(BIN / "pre-commit"), "validate-manifest", str(manifest)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PRE_COMMIT_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (hook,) = yaml.safe_load(manifest.read_text())
    assert hook["entry"] == "glossary-site check" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("glossary/sprint.md") and files.search("glossary.toml")
    assert not files.search("src/app.py")
