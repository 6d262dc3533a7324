"""A build's files wait in a spool beside the output folder, not in memory: the site is
the same, a failure while spooling leaves the old site byte-identical, and what a killed
build spooled is removed by the next build (and nothing else)."""

from __future__ import annotations

import dataclasses
import errno
import fcntl
import importlib
import os
from pathlib import Path, PurePosixPath

import pytest

from glossary_site import Project, build
from glossary_site.write import Spool, spool, write_site
from glossary_site.write.errors import write_failure
from tests.conftest import WriteGlossary, term_file
from tests.test_output_safety import tree

# These tests exercise the full build after an edit of a term's body, not the patch build.
pytestmark = pytest.mark.usefixtures("no_patch_build")

# The module, not the function the package exports under the same name.
build_module = importlib.import_module("glossary_site.build")


@pytest.fixture
def project(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    written = write_glossary(
        {
            "sprint.md": term_file("Sprint", front="related: [kanban]"),
            "kanban.md": term_file("Kanban", front="related: [sprint]"),
        }
    )
    return dataclasses.replace(written, cache_dir=tmp_path / ".glossary-cache")


def _beside(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


def test_spooled_and_in_memory_builds_write_the_same_bytes(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spooled, held = tmp_path / "spooled", tmp_path / "held"
    made = _capture_spools(monkeypatch)
    assert build(project, spooled).ok
    assert made and not made[0].folder.exists()  # removed after the write
    monkeypatch.setattr(build_module, "_spool", lambda out_dir, unchanged: None)
    assert build(dataclasses.replace(project, cache_dir=None), held).ok
    assert tree(spooled) == tree(held)
    assert _beside(spooled) == []


def test_a_failure_while_files_are_spooled_leaves_the_old_site_byte_identical(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    assert build(project, site).ok
    before = tree(site)
    with (project.source_dir / "kanban.md").open("a", encoding="utf-8") as file:
        file.write("An edit that is never published.\n")
    real_add = Spool.add

    def full_disk(self: Spool, dest_path: PurePosixPath, data: bytes) -> None:
        if len(self) >= 3:
            raise write_failure(OSError(errno.ENOSPC, "No space left on device"))
        real_add(self, dest_path, data)

    monkeypatch.setattr(Spool, "add", full_disk)
    report = build(project, site)
    assert [d.code for d in report.diagnostics] == ["write-failed"]
    assert "disk is full" in report.diagnostics[0].hint
    assert tree(site) == before
    assert _beside(site) == []  # the spool is gone too


def test_a_spool_a_killed_build_left_is_removed_by_the_next_build(
    project: Project, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    stale = tmp_path / ".site.spool-killed"
    stale.mkdir()
    (stale / ".lock").write_bytes(b"")
    (stale / "0").write_bytes(b"<html>half a site</html>")
    assert build(project, site).ok
    assert not stale.exists()


def test_a_spool_in_use_or_holding_other_files_is_left_alone(
    project: Project, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    foreign = tmp_path / ".site.spool-thesis"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("not ours", encoding="utf-8")
    running = tmp_path / ".site.spool-running"
    running.mkdir()
    (running / ".lock").write_bytes(b"")
    (running / "0").write_bytes(b"a page of a build still running")
    fd = os.open(running / ".lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert build(project, site).ok
    finally:
        os.close(fd)
    assert (foreign / "thesis.tex").read_text(encoding="utf-8") == "not ours"
    assert (running / "0").exists()


def test_spooled_files_are_moved_into_the_site_not_copied(tmp_path: Path) -> None:
    site = tmp_path / "site"
    files = Spool(site)
    files.add(PurePosixPath("a/index.html"), b"<p>a</p>")
    files.add(PurePosixPath("b.txt"), b"b")
    source, _ = files.file(PurePosixPath("a/index.html"))
    inode = source.stat().st_ino
    assert write_site(files, site) == 2
    assert (site / "a" / "index.html").stat().st_ino == inode
    assert (site / "b.txt").read_bytes() == b"b"
    files.close()
    assert not files.folder.exists()
    assert spool.spool_prefix(site) == ".site.spool-"


def _capture_spools(monkeypatch: pytest.MonkeyPatch) -> list[Spool]:
    made: list[Spool] = []
    real = build_module._spool

    def spy(out_dir: Path, unchanged: object = None) -> Spool | None:
        found = real(out_dir, unchanged)  # type: ignore[arg-type]
        assert found is not None
        made.append(found)
        return found

    monkeypatch.setattr(build_module, "_spool", spy)
    return made


def test_an_edit_into_a_known_site_spools_only_the_files_that_changed(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    assert build(project, site).ok
    made = _capture_spools(monkeypatch)
    with (project.source_dir / "kanban.md").open("a", encoding="utf-8") as file:
        file.write("One more line.\n")
    report = build(project, site)
    assert report.ok
    (spooled,) = made
    assert 0 < spooled.spooled < len(spooled) / 2  # the page, its twin, JSON, CSV, search…
    assert "One more line" in (site / "kanban" / "index.html").read_text(encoding="utf-8")


def test_a_site_changed_while_it_was_built_is_refused_then_restored(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file the spool left in the site (same bytes) but changed on disk before the
    write: it cannot be restored from the spool, so nothing is written; the next build,
    which trusts nothing, restores it."""
    site = tmp_path / "site"
    assert build(project, site).ok
    page = site / "sprint" / "index.html"
    good = page.read_bytes()
    real_prepare = build_module._prepare
    tampered: list[dict[str, str]] = []

    def tamper_while_rendering(*args: object, **kwargs: object) -> object:
        found = real_prepare(*args, **kwargs)  # type: ignore[arg-type]
        page.write_bytes(good.replace(b"Sprint", b"Sprunt"))
        tampered.append(tree(site))
        return found

    monkeypatch.setattr(build_module, "_prepare", tamper_while_rendering)
    with (project.source_dir / "kanban.md").open("a", encoding="utf-8") as file:
        file.write("One more line.\n")
    report = build(project, site)
    assert [d.code for d in report.diagnostics] == ["output-changed"]
    assert "build again" in report.diagnostics[0].hint
    assert tree(site) == tampered[0]  # nothing written
    monkeypatch.undo()
    assert build(project, site).ok
    assert page.read_bytes() == good
    assert "One more line" in (site / "kanban" / "index.html").read_text(encoding="utf-8")
