"""A rebuild updates the previous build in place: only changed files are written, under a
journal that the next build completes (after the commit) or rolls back (before it)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path, PurePosixPath

import pytest

from glossary_site.write import MANIFEST_NAME, open_site, output_problem, write_site
from glossary_site.write.manifest import INCOMING_NAME, UPDATE_NAME, manifest_bytes
from glossary_site.write.update import recover_update

OLD = {
    PurePosixPath("index.html"): b"index v1",
    PurePosixPath("a/index.html"): b"A v1",
    PurePosixPath("b/index.html"): b"B",
    PurePosixPath("gone/deep/index.html"): b"going",
}
NEW = {
    PurePosixPath("index.html"): b"index v2",
    PurePosixPath("a/index.html"): b"A v1",
    PurePosixPath("b/index.html"): b"B changed",
    PurePosixPath("c/new/index.html"): b"C",
}


def tree(folder: Path) -> dict[str, str]:
    """Every entry below ``folder``: a folder as "/", a file by its SHA-256."""
    return {
        path.relative_to(folder).as_posix(): (
            "/" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        )
        for path in folder.rglob("*")
    }


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        path.relative_to(folder).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_an_update_writes_the_changed_files_and_removes_the_old_ones(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(OLD, site)
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / "gone" / "deep" / ".DS_Store").write_bytes(b"litter")
    before = stamps(site)
    write_site(NEW, site)
    fresh = tmp_path / "fresh"
    write_site(NEW, fresh)
    assert {k: v for k, v in tree(site).items() if not k.startswith(".git")} == tree(fresh)
    after = stamps(site)
    assert after["a/index.html"] == before["a/index.html"]  # unchanged: not touched
    assert after[".git/HEAD"] == before[".git/HEAD"]
    assert after["b/index.html"] != before["b/index.html"]
    assert not (site / "gone").exists()  # its folders too, OS litter and all
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh", "site"]


def test_a_folder_that_keeps_files_keeps_its_os_litter(tmp_path: Path) -> None:
    """Only folders the update empties are removed, litter and all."""
    site = tmp_path / "site"
    old = {**OLD, PurePosixPath("gone/deep/kept.html"): b"stays"}
    write_site(old, site)
    (site / "gone" / "deep" / ".DS_Store").write_bytes(b"litter")
    (site / "gone" / ".DS_Store").write_bytes(b"litter")
    write_site({**NEW, PurePosixPath("gone/deep/kept.html"): b"stays"}, site)
    assert (site / "gone" / "deep" / ".DS_Store").exists()
    assert (site / "gone" / ".DS_Store").exists()
    assert not (site / "gone" / "deep" / "index.html").exists()


def test_a_failure_before_the_commit_leaves_the_old_site_as_it_was(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(OLD, site)
    before, times = tree(site), stamps(site)
    with pytest.raises(RuntimeError), open_site(site) as new:
        for path, data in NEW.items():
            new.add(path, data)
        raise RuntimeError("a template failed")
    assert (tree(site), stamps(site)) == (before, times)


KILLED = """
    import os, sys
    from pathlib import Path, PurePosixPath
    from glossary_site.write import open_site, update
    site, when = Path(sys.argv[1]), sys.argv[2]
    new = {
        "index.html": b"index v2", "a/index.html": b"A v1",
        "b/index.html": b"B changed", "c/new/index.html": b"C",
    }
    real_replace = os.replace
    def replace(source, target):
        real_replace(source, target)
        if when == "after-commit":
            os._exit(9)  # killed after the first file was put in place
    update.os.replace = replace
    with open_site(site) as staging:
        for name, data in new.items():
            staging.add(PurePosixPath(name), data)
            if when == "before-commit" and name == "b/index.html":
                os._exit(9)  # killed while writing the new files aside
"""


def kill_update(site: Path, when: str) -> None:
    script = textwrap.dedent(KILLED)
    killed = subprocess.run([sys.executable, "-c", script, str(site), when], check=False)
    assert killed.returncode == 9


def test_an_update_killed_before_its_commit_is_rolled_back_by_the_next_build(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    write_site(OLD, site)
    before = tree(site)
    kill_update(site, "before-commit")
    assert (site / UPDATE_NAME).exists() and (site / INCOMING_NAME).is_dir()
    assert output_problem(site, {}, {}) is None  # still recognisably ours
    recover_update(site)
    assert tree(site) == before


def test_an_update_killed_after_its_commit_is_completed_by_the_next_build(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    write_site(OLD, site)
    kill_update(site, "after-commit")
    assert (site / UPDATE_NAME).exists()
    assert output_problem(site, {}, {}) is None  # files already put in place are ours
    recover_update(site)
    fresh = tmp_path / "fresh"
    write_site(NEW, fresh)
    assert tree(site) == tree(fresh)
    assert (site / MANIFEST_NAME).read_bytes() == manifest_bytes(NEW)


def test_the_next_build_after_a_killed_update_succeeds_and_tidies_up(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(OLD, site)
    kill_update(site, "after-commit")
    write_site(OLD, site)
    fresh = tmp_path / "fresh"
    write_site(OLD, fresh)
    assert tree(site) == tree(fresh)


def test_a_rebuild_with_the_same_files_writes_nothing_at_all(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(OLD, site)
    os.utime(site, ns=(10**18, 10**18))
    before = stamps(site)
    write_site(dict(OLD), site)
    assert stamps(site) == before
    assert site.stat().st_mtime_ns == 10**18  # not even a journal came and went


def test_a_journal_entry_leading_outside_the_site_is_never_followed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(OLD, site)
    (site / INCOMING_NAME).mkdir()
    (site / INCOMING_NAME / "0").write_bytes(b"evil")
    (site / UPDATE_NAME).write_text('["put", "../outside.html", "0"]\n["commit"]\n')
    recover_update(site)  # the bad line ends the journal: no commit, rolled back
    assert not (tmp_path / "outside.html").exists()
    assert not (site / INCOMING_NAME).exists() and not (site / UPDATE_NAME).exists()
