"""Pages that help editors: "Edit this term" links and dates from git."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path, PurePosixPath

import pytest

from glossary_site import Project, build, read_glossary
from glossary_site.config import load_config
from glossary_site.git_dates import last_commit_dates
from tests.conftest import WriteGlossary, term_file

HAS_GIT = shutil.which("git") is not None
needs_git = pytest.mark.skipif(not HAS_GIT, reason="git is not installed")


def two_terms() -> dict[str, str]:
    return {
        "alpha.md": term_file("Alpha", "A.", "related: [beta]"),
        "sub/beta.md": term_file("Beta", "B.", "related: [alpha]\nupdated: 2024-05-06"),
    }


def page(site: Path, slug: str) -> str:
    return (site / slug / "index.html").read_text(encoding="utf-8")


# --- Edit this term ----------------------------------------------------------------------


def test_edit_link_joins_repo_url_edit_uri_and_the_file_path(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    config = 'repo_url = "https://github.com/org/words/"\nedit_uri = "edit/main/glossary"\n'
    assert build(write_glossary(two_terms(), config=config), tmp_path / "site").ok
    assert (
        '<a href="https://github.com/org/words/edit/main/glossary/alpha.md">Edit this term'
        in page(tmp_path / "site", "alpha")
    )
    assert 'href="https://github.com/org/words/edit/main/glossary/sub/beta.md"' in page(
        tmp_path / "site", "beta"
    )


def test_edit_uri_may_be_a_full_url_and_file_names_are_percent_encoded(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    files = {"my term.md": term_file("Alpha", "A.", "slug: alpha")}
    config = 'edit_uri = "https://gitlab.example/g/w/-/edit/main/glossary/"\n'
    assert build(write_glossary(files, config=config), tmp_path / "site").ok
    html = page(tmp_path / "site", "alpha")
    assert 'href="https://gitlab.example/g/w/-/edit/main/glossary/my%20term.md"' in html
    assert '<span class="visually-hidden"> (Alpha)</span>' in html


def test_no_edit_link_without_edit_uri(write_glossary: WriteGlossary, tmp_path: Path) -> None:
    config = 'repo_url = "https://github.com/org/words"\n'
    assert build(write_glossary(two_terms(), config=config), tmp_path / "site").ok
    assert "Edit this term" not in page(tmp_path / "site", "alpha")


@pytest.mark.parametrize(
    ("config", "code"),
    [
        ('repo_url = "javascript:alert(1)"\n', "config-repo-url"),
        ('repo_url = "https://github.com/o/r"\nedit_uri = "javascript:alert(1)//"\n', None),
        ('repo_url = "https://github.com/o/r"\nedit_uri = "edit/../../x"\n', "config-edit-uri"),
        ('repo_url = "https://github.com/o/r"\nedit_uri = "edit main"\n', "config-edit-uri"),
        ('edit_uri = "edit/main/glossary/"\n', "config-edit-uri"),
        ('repo_url = "https://github.com/o/r"\nedit_uri = "edit/main/glossary/"\n', ""),
    ],
)
def test_bad_repo_url_and_edit_uri_are_config_errors(
    tmp_path: Path, config: str, code: str | None
) -> None:
    path = tmp_path / "glossary.toml"
    path.write_text(config)
    _, problems = load_config(path)
    codes = [p.code for p in problems]
    if code == "":
        assert codes == []
    elif code is None:  # a relative path that only looks like a scheme: still no scheme allowed
        assert codes == ["config-edit-uri"]
    else:
        assert codes == [code]


# --- Dates from git ----------------------------------------------------------------------


def git(folder: Path, *args: str, date: str = "2025-01-02T10:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@example.org",
        "GIT_CONFIG_GLOBAL": "/dev/null",
    }
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    config = 'updated_from_git = true\nbase_url = "https://example.org/"\n'
    project = write_glossary(two_terms(), config=config)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first", date="2025-01-02T23:30:00-05:00")
    (project.source_dir / "alpha.md").write_text(
        term_file("Alpha", "A, changed.", "related: [beta]")
    )
    git(tmp_path, "commit", "-qam", "second", date="2025-03-04T10:00:00+01:00")
    return project


@needs_git
def test_terms_without_updated_get_their_last_commit_date(repo: Project, tmp_path: Path) -> None:
    glossary, diagnostics = read_glossary(repo)
    assert glossary is not None and not diagnostics
    updated = {t.slug: t.updated for t in glossary.terms}
    assert updated == {"alpha": dt.date(2025, 3, 4), "beta": dt.date(2024, 5, 6)}  # own date kept
    assert build(repo, tmp_path / "site").ok
    assert '<time datetime="2025-03-04">' in page(tmp_path / "site", "alpha")
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text()
    assert "<loc>https://example.org/alpha/</loc><lastmod>2025-03-04</lastmod>" in sitemap


@needs_git
def test_dates_are_the_committers_own_day_and_never_the_clock(repo: Project) -> None:
    dates = last_commit_dates(repo.source_dir)
    assert dates[PurePosixPath("sub/beta.md")] == dt.date(2025, 1, 2)  # 23:30 at -05:00
    (repo.source_dir / "alpha.md").write_text("uncommitted change")
    assert last_commit_dates(repo.source_dir) == dates  # a given commit gives the same dates


@needs_git
def test_one_git_log_for_all_terms(repo: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(args: list[str], **kwargs: object) -> object:
        calls.append(args)
        return real_run(args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", counting_run)
    for n in range(30):
        (repo.source_dir / f"t{n}.md").write_text(term_file(f"T{n}", "T.", "related: [alpha]"))
    read_glossary(repo)
    assert [args[3] for args in calls] == ["rev-parse", "log"]


def test_no_repository_means_no_dates_and_no_error(write_glossary: WriteGlossary) -> None:
    project = write_glossary(two_terms(), config="updated_from_git = true\n")
    glossary, diagnostics = read_glossary(project)
    assert glossary is not None and not diagnostics
    assert {t.slug: t.updated for t in glossary.terms}["alpha"] is None


def test_no_git_program_means_no_dates_and_no_error(
    write_glossary: WriteGlossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    project = write_glossary(two_terms(), config="updated_from_git = true\n")
    glossary, diagnostics = read_glossary(project)
    assert glossary is not None and not diagnostics


@needs_git
def test_a_shallow_clone_is_a_warning_not_wrong_dates(repo: Project, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{tmp_path}", str(clone))
    (clone / "glossary.toml").write_text("updated_from_git = true\n")
    project = Project(clone / "glossary", clone / "glossary.toml")
    glossary, diagnostics = read_glossary(project)
    assert glossary is not None
    assert [(d.code, d.is_error) for d in diagnostics] == [("git-shallow-clone", False)]
    assert {t.slug: t.updated for t in glossary.terms}["alpha"] is None
