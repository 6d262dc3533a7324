"""A build replaces only what it made: the manifest, refusals, --force, .git, --strict."""

from __future__ import annotations

import hashlib
import importlib
import json
from pathlib import Path, PurePosixPath

import pytest
from click.testing import CliRunner, Result

from glossary_site.cli import cli
from glossary_site.write import MANIFEST_NAME, UnsafeOutputError, write_site
from tests.conftest import term_file

# The module, not the function the package exports under the same name.
build_module = importlib.import_module("glossary_site.build")


def tree(root: Path) -> dict[str, str]:
    """Every file, folder and symlink below ``root`` with the SHA-256 of its bytes.

    The build cache (.glossary-cache/) is left out: any build may add to it.
    """
    entries: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if name.startswith(".glossary-cache"):
            continue
        if path.is_symlink():
            entries[name] = f"-> {path.readlink()}"
        elif path.is_file():
            entries[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            entries[name] = "<dir>"
    return entries


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output + result.stderr, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid two-term glossary in the current folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "sprint.md").write_text(term_file("Sprint"), encoding="utf-8")
    (tmp_path / "glossary" / "kanban.md").write_text(term_file("Kanban"), encoding="utf-8")
    (tmp_path / "glossary.toml").write_text('title = "T"\n', encoding="utf-8")
    return tmp_path


def fill(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_home_like_folder_is_refused_even_with_force(project: Path) -> None:
    home = fill(project / "home", {"index.html": "<p>mine", ".ssh/id_ed25519": "secret"})
    before = tree(project)
    for extra in ((), ("--force",)):
        result = run("build", "--out", "home", *extra)
        assert result.exit_code == 1
        assert "[unsafe-output]" in result.stderr and "looks like a home folder" in result.stderr
        assert ".ssh" in result.stderr and "--force does not override" in result.stderr
    assert tree(project) == before
    assert (home / ".ssh" / "id_ed25519").read_text() == "secret"


@pytest.mark.parametrize(
    ("out", "words"),
    [
        pytest.param("home/alice", "is your home folder", id="home"),
        pytest.param("home", "contains your home folder", id="above-home"),
        pytest.param("/", "is the filesystem root", id="root"),
        pytest.param(".", "is the current folder", id="current"),
        pytest.param("glossary", "is the source folder", id="source"),
    ],
)
def test_force_never_replaces_a_protected_folder(
    project: Path, monkeypatch: pytest.MonkeyPatch, out: str, words: str
) -> None:
    fill(project / "home" / "alice", {"notes.txt": "keep"})
    monkeypatch.setenv("HOME", str(project / "home" / "alice"))
    before = tree(project)
    result = run("build", "--out", out, "--force")
    assert result.exit_code == 1
    assert words in result.stderr and "[unsafe-output]" in result.stderr
    assert tree(project) == before


def test_a_folder_without_manifest_is_refused_with_the_out_and_force_fix(project: Path) -> None:
    fill(project / "site", {"index.html": "<p>someone's page", "about.html": "x"})
    before = tree(project)
    result = run("build")
    assert result.exit_code == 1
    assert "site: error: the output folder site is not empty" in result.stderr
    assert "a build would delete about.html, index.html [output-not-a-build]" in result.stderr
    assert "--out" in result.stderr and "--force" in result.stderr
    assert "Nothing was written" in result.stderr
    assert tree(project) == before


@pytest.mark.parametrize(
    "manifest",
    ["not json", '{"format": 99, "generator": "glossary-site", "files": []}', '["x"]'],
)
def test_an_invalid_manifest_does_not_make_a_folder_ours(project: Path, manifest: str) -> None:
    fill(project / "site", {MANIFEST_NAME: manifest, "index.html": "x"})
    before = tree(project)
    result = run("build")
    assert result.exit_code == 1 and "[output-not-a-build]" in result.stderr
    assert tree(project) == before


def test_an_empty_or_missing_folder_is_built_into(project: Path) -> None:
    (project / "empty").mkdir()
    assert run("build", "--out", "empty").exit_code == 0
    assert run("build", "--out", "new/deeper").exit_code == 0
    assert (project / "empty" / "sprint" / "index.html").is_file()
    assert (project / "new" / "deeper" / "kanban" / "index.html").is_file()


def test_the_manifest_lists_every_written_file_sorted_with_its_sha256(project: Path) -> None:
    assert run("build").exit_code == 0
    site = project / "site"
    manifest = json.loads((site / MANIFEST_NAME).read_bytes())
    assert manifest["format"] == 1 and manifest["generator"] == "glossary-site"
    paths = [entry["path"] for entry in manifest["files"]]
    on_disk = {name for name, digest in tree(site).items() if digest != "<dir>"}
    assert paths == sorted(on_disk - {MANIFEST_NAME})
    for entry in manifest["files"]:
        assert hashlib.sha256((site / entry["path"]).read_bytes()).hexdigest() == entry["sha256"]
    first = (site / MANIFEST_NAME).read_bytes()
    assert run("build").exit_code == 0  # a previous build is replaced without --force
    assert (site / MANIFEST_NAME).read_bytes() == first  # deterministic


def test_files_added_to_a_previous_build_are_refused_unless_forced(project: Path) -> None:
    assert run("build").exit_code == 0
    fill(project / "site", {"google1234.html": "verify", "extra/notes.txt": "x"})
    (project / "site" / ".DS_Store").write_bytes(b"\0litter")  # OS litter never blocks
    before = tree(project)
    result = run("build")
    assert result.exit_code == 1 and "[output-has-other-files]" in result.stderr
    assert "extra, google1234.html" in result.stderr and "static/" in result.stderr
    assert tree(project) == before
    assert run("build", "--force").exit_code == 0
    assert not (project / "site" / "google1234.html").exists()
    assert run("build").exit_code == 0


def gh_pages_worktree(project: Path) -> Path:
    return fill(
        project / "site",
        {
            ".git": "gitdir: /srv/repo/.git/worktrees/site\n",
            "CNAME": "glossary.example.org\n",
            ".nojekyll": "",
            "index.html": "<p>published",
        },
    )


def test_a_gh_pages_worktree_is_refused_with_a_hint_about_cname(project: Path) -> None:
    gh_pages_worktree(project)
    before = tree(project)
    result = run("build")
    assert result.exit_code == 1 and "[output-not-a-build]" in result.stderr
    assert "CNAME or .nojekyll, into static/" in result.stderr
    assert "a .git folder or file is kept" in result.stderr
    assert tree(project) == before


def test_force_on_a_gh_pages_worktree_keeps_git_and_takes_cname_from_static(
    project: Path,
) -> None:
    site = gh_pages_worktree(project)
    fill(project / "static", {"CNAME": "glossary.example.org\n"})
    assert run("build", "--force").exit_code == 0
    assert (site / ".git").read_text() == "gitdir: /srv/repo/.git/worktrees/site\n"
    assert (site / "CNAME").read_text() == "glossary.example.org\n"
    assert (site / "sprint" / "index.html").is_file()
    assert run("build").exit_code == 0  # now a previous build: no --force needed
    assert (site / ".git").read_text() == "gitdir: /srv/repo/.git/worktrees/site\n"


def test_a_git_folder_in_the_output_survives_every_rebuild(project: Path) -> None:
    assert run("build").exit_code == 0
    git = fill(project / "site" / ".git", {"HEAD": "ref: refs/heads/gh-pages\n", "objects/a": "1"})
    before = tree(git)
    (project / "glossary" / "kanban.md").unlink()
    assert run("build").exit_code == 0
    assert run("build").exit_code == 0
    assert tree(project / "site" / ".git") == before
    assert not (project / "site" / "kanban").exists()


def test_strict_with_warnings_writes_nothing_and_says_so(project: Path) -> None:
    assert run("build").exit_code == 0
    (project / "glossary" / "sprint.md").write_text(
        term_file("Sprint", "Changed.", front="related: [sprint]"), encoding="utf-8"
    )  # a term listing itself: a warning
    before = tree(project)
    result = run("build", "--strict")
    assert result.exit_code == 1
    assert "warning" in result.stderr and "Nothing was written" in result.stderr
    assert tree(project) == before
    assert run("build").exit_code == 0  # without --strict the warning does not stop it
    assert tree(project) != before


def test_strict_with_warnings_does_not_create_the_output_folder(project: Path) -> None:
    (project / "glossary" / "sprint.md").write_text(
        term_file("Sprint", front="related: [sprint]"), encoding="utf-8"
    )
    result = run("build", "--strict", "--out", "new/site")
    assert result.exit_code == 1
    assert not (project / "new").exists()


@pytest.mark.parametrize("name", [MANIFEST_NAME, ".git/config"])
def test_the_writer_refuses_outputs_named_like_its_own_files(tmp_path: Path, name: str) -> None:
    with pytest.raises(UnsafeOutputError):
        write_site({PurePosixPath(name): b"x"}, tmp_path / "site")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("out", "words"),
    [
        pytest.param("loop", "leads nowhere (a loop)", id="symlink-loop"),
        pytest.param("glossary.toml/site", "which is a file, not a folder", id="under-a-file"),
    ],
)
def test_an_impossible_output_path_is_a_clear_error(project: Path, out: str, words: str) -> None:
    (project / "loop").symlink_to("loop")
    before = tree(project)
    result = run("build", "--out", out)
    assert result.exit_code == 1
    assert words in result.stderr and "[unsafe-output]" in result.stderr
    assert tree(project) == before


def test_a_static_file_named_like_the_manifest_is_an_error(project: Path) -> None:
    (project / "static").mkdir(exist_ok=True)
    (project / "static" / MANIFEST_NAME).write_text("{}")
    result = run("build")
    assert result.exit_code == 1
    assert f"static/{MANIFEST_NAME}: error:" in result.stderr
    assert "[static-reserved]" in result.stderr
    assert not (project / "site").exists()


def test_a_git_folder_in_static_is_never_published(project: Path) -> None:
    (project / "static" / ".git").mkdir(parents=True)
    (project / "static" / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert not (project / "site" / ".git").exists()
