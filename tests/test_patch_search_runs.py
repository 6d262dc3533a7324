"""A patch build indexes the edited terms' shards with Pagefind from as soon as they are
converted (their search documents leave links out), in a process of its own: no thread
is left, no scratch folder, and a build that turns out not to be a patch stops the run."""

from __future__ import annotations

import threading
from pathlib import Path, PurePosixPath

import pytest

from glossary_site import Project, build
from glossary_site.patch import search as patch_search
from glossary_site.search import pagefind as pagefind_module
from tests.test_patch_state import edited_build, project, same_as_cold

__all__ = ["project"]  # the fixture


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pagefind's scratch folders go here from now on."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr(pagefind_module, "MEMORY_FOLDER", str(folder))
    monkeypatch.setattr(pagefind_module, "MEMORY_SPARE_BYTES", 0)
    return folder


def test_a_patch_leaves_no_thread_and_no_scratch_folder(
    project: Project, tmp_path: Path, scratch: Path
) -> None:
    assert build(project, tmp_path / "site").ok
    before = set(threading.enumerate())  # (other tests' threads may still run)
    started = []
    real = patch_search.start_pagefind

    def start(*args: object) -> object:
        started.append(set(threading.enumerate()) - before)
        return real(*args)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(patch_search, "start_pagefind", start)
        assert edited_build(project, tmp_path / "site") == 1
    assert started == [set()], "Pagefind runs as a process, not a thread"
    assert set(threading.enumerate()) <= before
    assert list(scratch.iterdir()) == []
    assert same_as_cold(project, tmp_path / "site", tmp_path)


def test_a_run_started_for_an_edit_that_is_no_patch_is_stopped(
    project: Project, tmp_path: Path, scratch: Path
) -> None:
    assert build(project, tmp_path / "site").ok
    cancelled = []
    real = pagefind_module.PagefindRun.cancel

    def cancel(self: pagefind_module.PagefindRun) -> None:
        cancelled.append(self)
        real(self)

    sprint = project.source_dir / "sprint.md"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pagefind_module.PagefindRun, "cancel", cancel)
        # A link to another term changes sprint's public face: found after Pagefind started.
        sprint.write_text(sprint.read_text(encoding="utf-8") + "\nSee [the list](backlog).\n")
        report = build(project, tmp_path / "site")
    assert report.ok and report.patched == 0
    assert len(cancelled) == 1
    assert list(scratch.iterdir()) == []
    assert same_as_cold(project, tmp_path / "site", tmp_path)


def test_linking_that_changed_a_search_document_makes_a_full_build(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build(project, tmp_path / "site").ok
    monkeypatch.setattr(patch_search.ShardRun, "indexes", lambda self, nodes: False)
    assert edited_build(project, tmp_path / "site") == 0
    assert same_as_cold(project, tmp_path / "site", tmp_path)


def test_a_patch_build_runs_with_the_garbage_collector_paused(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from glossary_site.patch import apply

    assert build(project, tmp_path / "site").ok
    enabled = []
    real = apply._changed

    def changed(*args: object) -> object:
        enabled.append(gc.isenabled())
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(apply, "_changed", changed)
    assert gc.isenabled()
    assert edited_build(project, tmp_path / "site") == 1
    assert enabled == [False] and gc.isenabled(), "paused for the build, on again after"


def test_a_body_edit_rewrites_only_the_joined_files_that_show_the_body(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other joined files' parts of the term are the same bytes: they are left as
    they are, not read whole, spliced and hashed again."""
    from glossary_site.exports.spans import JOINED
    from glossary_site.patch import files as patch_files

    site = tmp_path / "site"
    assert build(project, site).ok
    before = {path: (site / path).stat() for path in JOINED}
    spliced_paths = []
    real = patch_files.spliced

    def spliced(data: bytes, *args: object) -> object:
        spliced_paths.append(next(p for p in JOINED if (site / p).read_bytes() == data))
        return real(data, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(patch_files, "spliced", spliced)
    assert edited_build(project, site) == 1
    changed = {p for p in JOINED if (site / p).stat().st_ino != before[p].st_ino}
    assert changed == set(spliced_paths) == {PurePosixPath("glossary.csv")}
    assert same_as_cold(project, site, tmp_path)
