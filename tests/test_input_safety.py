"""Inputs: nothing from outside the project is read, and no file can hang or exhaust the build.

Symbolic links that lead outside the project, FIFOs and huge files are refused by
name; builds that could hang run in a subprocess with a timeout, so a regression
fails the test instead of hanging it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from glossary_site.inputs import InputRoots, read_found, safe_input_files
from tests.conftest import term_file
from tests.test_bad_input import build, check, expect, run, shown

SECRET = "CI_TOKEN=hunter2-secret"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid one-term project in ``tmp_path/project``, the current folder."""
    root = tmp_path / "project"
    (root / "glossary").mkdir(parents=True)
    (root / "glossary" / "sprint.md").write_text(term_file("Sprint"), encoding="utf-8")
    (root / "glossary.toml").write_text('title = "Terms"\n', encoding="utf-8")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the project, standing in for /proc/self/environ."""
    path = tmp_path / "outside" / "environ"
    path.parent.mkdir()
    path.write_text(term_file("Secret", SECRET), encoding="utf-8")
    return path


def run_build_process(root: Path) -> subprocess.CompletedProcess[str]:
    """``glossary-site build`` in a child process that is killed after 60 s."""
    return subprocess.run(
        [sys.executable, "-m", "glossary_site", "build"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def site_files(root: Path) -> list[str]:
    site = root / "site"
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) if site.exists() else []


# ---------------------------------------------------------------------------
# Symbolic links
# ---------------------------------------------------------------------------


def test_term_file_linked_outside_the_project_is_refused_by_name(
    project: Path, secret: Path
) -> None:
    (project / "glossary" / "secret.md").symlink_to(secret)
    result = build()
    assert result.exit_code == 1
    found = expect(result, "glossary/secret.md", "outside-project", "symbolic link", "outside")
    assert str(secret) in found.message
    assert not (project / "site").exists()


def test_static_file_linked_outside_the_project_is_refused_and_nothing_is_written(
    project: Path, secret: Path
) -> None:
    (project / "static").mkdir()
    (project / "static" / "environ.txt").symlink_to(secret)
    result = build()
    assert result.exit_code == 1
    expect(result, "static/environ.txt", "outside-project", str(secret))
    assert not (project / "site").exists()
    assert check().exit_code == 1  # check finds it too: a green check means a green build


def test_linked_folder_leading_outside_is_refused(project: Path, secret: Path) -> None:
    (secret.parent / "private.md").write_text(term_file("Private"), encoding="utf-8")
    (project / "glossary" / "shared").symlink_to(secret.parent)
    (project / "static").symlink_to(secret.parent)
    result = build()
    assert result.exit_code == 1
    expect(result, "glossary/shared", "outside-project", "symbolic link")
    expect(result, "static", "outside-project", "symbolic link")
    assert SECRET not in result.output


def test_links_that_stay_inside_the_project_are_fine(project: Path) -> None:
    (project / "notes").mkdir()
    (project / "notes" / "kanban.md").write_text(term_file("Kanban"), encoding="utf-8")
    (project / "glossary" / "kanban.md").symlink_to(project / "notes" / "kanban.md")
    (project / "glossary" / "more").symlink_to(project / "notes", target_is_directory=True)
    (project / "static").mkdir()
    (project / "static" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    (project / "static" / "logo-copy.svg").symlink_to(project / "static" / "logo.svg")
    result = build()
    assert result.exit_code == 1  # kanban.md twice: once directly, once through more/
    assert {d.code for d in shown(result.stderr)} == {"duplicate-slug"}
    (project / "glossary" / "more").unlink()
    result = build()
    assert result.exit_code == 0, result.output
    assert (project / "site" / "kanban" / "index.html").is_file()
    assert (project / "site" / "logo-copy.svg").read_text(encoding="utf-8") == "<svg/>"


def test_folder_link_loop_ends(project: Path) -> None:
    (project / "glossary" / "loop").symlink_to(project / "glossary", target_is_directory=True)
    (project / "glossary" / "a.md").symlink_to(project / "glossary" / "b.md")
    (project / "glossary" / "b.md").symlink_to(project / "glossary" / "a.md")
    result = run_build_process(project)
    assert result.returncode == 1, result.stderr
    assert "glossary/a.md: error:" in result.stderr and "[broken-link]" in result.stderr


def test_dangling_link_is_named(project: Path) -> None:
    (project / "glossary" / "gone.md").symlink_to(project / "nowhere.md")
    result = check()
    assert result.exit_code == 1
    expect(result, "glossary/gone.md", "broken-link", "does not exist")


def test_config_linked_outside_the_project_is_refused(project: Path, secret: Path) -> None:
    (project / "glossary.toml").unlink()
    (project / "glossary.toml").symlink_to(secret)
    result = check()
    assert result.exit_code == 1
    expect(result, "glossary.toml", "outside-project", "outside the project")


def test_source_folder_named_outside_the_project_is_allowed(project: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared-glossary"
    shared.mkdir()
    (shared / "kanban.md").write_text(term_file("Kanban"), encoding="utf-8")
    result = run("build", "--source", str(shared), "--out", "site")
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------------------
# Special files and sizes: errors, never a hang or a full read
# ---------------------------------------------------------------------------


def test_fifo_in_the_glossary_is_an_error_not_a_hang(project: Path) -> None:
    os.mkfifo(project / "glossary" / "pipe.md")
    result = run_build_process(project)
    assert result.returncode == 1, result.stderr
    assert "glossary/pipe.md: error:" in result.stderr
    assert "[not-a-regular-file]" in result.stderr
    assert not (project / "site").exists()


def test_fifo_in_static_is_an_error_not_a_hang(project: Path) -> None:
    (project / "static").mkdir()
    os.mkfifo(project / "static" / "feed.xml")
    result = run_build_process(project)
    assert result.returncode == 1, result.stderr
    assert "static/feed.xml: error:" in result.stderr
    assert "[not-a-regular-file]" in result.stderr


@pytest.mark.parametrize("size", [20 * 1024 * 1024, 4 * 1024**3], ids=["20MB", "4GB"])
def test_oversized_term_file_is_refused_before_it_is_read(project: Path, size: int) -> None:
    huge = project / "glossary" / "huge.md"
    with huge.open("wb") as file:
        file.truncate(size)  # sparse: costs no disk space, but reading it would
    result = check()
    assert result.exit_code == 1
    expect(result, "glossary/huge.md", "file-too-large", "limit", "1.0 MiB")


def test_oversized_static_file_is_refused(project: Path) -> None:
    (project / "static").mkdir()
    with (project / "static" / "video.mp4").open("wb") as file:
        file.truncate(51 * 1024 * 1024)
    result = build()
    assert result.exit_code == 1
    expect(result, "static/video.mp4", "file-too-large", "50.0 MiB")


# ---------------------------------------------------------------------------
# What is read: term file names, static dot files
# ---------------------------------------------------------------------------


def test_upper_case_md_and_markdown_files_are_terms(project: Path) -> None:
    (project / "glossary" / "kanban.MD").write_text(term_file("Kanban"), encoding="utf-8")
    (project / "glossary" / "wip-limit.markdown").write_text(
        term_file("WIP limit"), encoding="utf-8"
    )
    result = build()
    assert result.exit_code == 0, result.output
    assert "3 terms" in result.output
    assert (project / "site" / "kanban" / "index.html").is_file()
    assert (project / "site" / "wip-limit" / "index.html").is_file()


def test_md_and_markdown_giving_one_slug_are_duplicates(project: Path) -> None:
    (project / "glossary" / "sprint.markdown").write_text(term_file("Sprint 2"), encoding="utf-8")
    result = check()
    assert result.exit_code == 1
    assert "duplicate-slug" in {d.code for d in shown(result.stderr)}


def test_static_dot_files_are_copied_but_clutter_is_not(project: Path) -> None:
    static = project / "static"
    (static / ".well-known").mkdir(parents=True)
    (static / ".well-known" / "security.txt").write_text("Contact: x\n", encoding="utf-8")
    (static / ".nojekyll").write_text("", encoding="utf-8")
    (static / ".git").mkdir()
    (static / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (static / ".DS_Store").write_bytes(b"\0\0")
    (static / "extra.css.swp").write_bytes(b"swap")
    (static / "extra.css~").write_bytes(b"backup")
    (static / "extra.css").write_text("p{}", encoding="utf-8")
    result = build()
    assert result.exit_code == 0, result.output
    files = site_files(project)
    assert ".well-known/security.txt" in files and ".nojekyll" in files
    assert "extra.css" in files
    for clutter in (".git", ".git/config", ".DS_Store", "extra.css.swp", "extra.css~"):
        assert clutter not in files


def test_hidden_term_files_are_still_skipped(project: Path) -> None:
    (project / "glossary" / ".draft.md").write_text("not even front matter", encoding="utf-8")
    (project / "glossary" / ".obsidian").mkdir()
    (project / "glossary" / ".obsidian" / "x.md").write_text("junk", encoding="utf-8")
    assert check().exit_code == 0


# ---------------------------------------------------------------------------
# Templates are inputs too
# ---------------------------------------------------------------------------


def test_template_linked_outside_the_project_is_refused(project: Path, secret: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "secret.html").symlink_to(secret)
    (project / "templates" / "base.html").write_text(
        '{% extends "default/base.html" %}{% block head %}{% include "secret.html" %}'
        "{% endblock %}",
        encoding="utf-8",
    )
    for result in (check(), build()):
        assert result.exit_code == 1
        expect(result, "templates/secret.html", "outside-project", "symbolic link")
        assert SECRET not in result.output
    assert not (project / "site").exists()


def test_fifo_template_is_an_error_not_a_hang(project: Path) -> None:
    (project / "templates").mkdir()
    os.mkfifo(project / "templates" / "term.html")
    result = run_build_process(project)
    assert result.returncode == 1, result.stderr
    assert "templates/term.html: error:" in result.stderr
    assert "[not-a-regular-file]" in result.stderr


def test_template_override_inside_the_project_still_works(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "base.html").write_text(
        '{% extends "default/base.html" %}{% block head %}<meta name="x" content="y">'
        "{% endblock %}",
        encoding="utf-8",
    )
    assert build().exit_code == 0
    assert '<meta name="x" content="y">' in (project / "site" / "index.html").read_text()


def test_a_file_swapped_for_a_fifo_after_the_walk_is_not_opened(project: Path) -> None:
    files, problems = safe_input_files(project / "glossary", InputRoots.for_project(project))
    assert not problems and [f.name.as_posix() for f in files] == ["sprint.md"]
    files[0].path.unlink()
    os.mkfifo(files[0].path)
    found = read_found(files[0], 1024)
    assert not isinstance(found, bytes) and found.code == "not-a-regular-file"


def test_a_file_swapped_for_a_link_after_the_walk_is_not_followed(
    project: Path, secret: Path
) -> None:
    files, _ = safe_input_files(project / "glossary", InputRoots.for_project(project))
    files[0].path.unlink()
    files[0].path.symlink_to(secret)
    found = read_found(files[0], 1024 * 1024)
    assert not isinstance(found, bytes), "the link was followed"


def test_template_that_is_not_utf8_is_an_error_on_its_line(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "base.html").write_bytes(
        b'{% extends "default/base.html" %}\n{# Jos\xe9 #}\n'
    )
    for result in (check(), build()):
        assert result.exit_code == 1, result.output
        expect(result, "templates/base.html:2", "template-encoding", "UTF-8", "0xe9")
