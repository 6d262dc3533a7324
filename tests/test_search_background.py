"""An edit's one Pagefind run goes on in the background while the build makes its list
pages (after the term pages, whose pool forks); a cold build's many runs wait until all
pages are made. Either way the site is the same, and a run that fails in the background
fails the build with its code, nothing written."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from glossary_site import Project, build
from glossary_site import outputs as outputs_module
from glossary_site.build import read_glossary
from glossary_site.search import finish_search, start_search
from glossary_site.search import pagefind as pagefind_module
from glossary_site.search import shards as shards_module
from glossary_site.search.shards import bucket
from tests.conftest import WriteGlossary, term_file

TITLES = ["Sprint", "Kanban", "Backlog", "Epic", "Velocity", "Burndown"]
# Long enough for a run that started at once to be seen; a failure waits this long.
SEEN_WITHIN_SECONDS = 20.0


def glossary(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    files = {f"{title.lower()}.md": term_file(title, f"{title} is a word.") for title in TITLES}
    project = write_glossary(files)
    return dataclasses.replace(project, cache_dir=tmp_path / "cache")


def site_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.fixture(autouse=True)
def small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two terms a shard: six terms make four shards."""
    monkeypatch.setattr(shards_module, "SHARD_TERMS", 2)


def run_seen_by_the_pages(
    monkeypatch: pytest.MonkeyPatch, within: float = SEEN_WITHIN_SECONDS
) -> list[bool]:
    """For each build from now on: whether a Pagefind run had begun while its list pages
    were being made (the real runs still happen)."""
    started = threading.Event()
    seen: list[bool] = []
    real_run = pagefind_module.run_pagefind

    def run(
        documents: Mapping[PurePosixPath, str], binary: Path | None = None
    ) -> dict[PurePosixPath, bytes]:
        started.set()
        return real_run(documents, binary)

    real_pages: Callable[..., Any] = getattr(outputs_module, "render_site")  # noqa: B009

    def pages(*args: Any, **kwargs: Any) -> Any:
        seen.append(started.wait(within))
        started.clear()
        return real_pages(*args, **kwargs)

    real_start = pagefind_module.start_pagefind

    def start(
        documents: Mapping[PurePosixPath, str], binary: Path | None = None
    ) -> pagefind_module.PagefindRun:
        started.set()
        return real_start(documents, binary)

    monkeypatch.setattr("glossary_site.search.run_pagefind", run)
    monkeypatch.setattr("glossary_site.search.start_pagefind", start)
    monkeypatch.setattr(outputs_module, "render_site", pages)
    return seen


def test_an_edits_run_goes_on_while_the_list_pages_are_made(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = glossary(write_glossary, tmp_path)
    assert build(project, tmp_path / "one").ok
    seen = run_seen_by_the_pages(monkeypatch)
    (project.source_dir / "epic.md").write_text(term_file("Epic", "A large story."), "utf-8")

    assert build(project, tmp_path / "two").ok

    assert seen == [True]
    uncached = dataclasses.replace(project, cache_dir=None)
    assert build(uncached, tmp_path / "three").ok
    assert site_files(tmp_path / "two") == site_files(tmp_path / "three")


def test_no_run_is_going_on_while_the_term_pages_are_made(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The term pages' pool forks: a thread running then could leave a lock held in the
    workers."""
    project = glossary(write_glossary, tmp_path)
    assert build(project, tmp_path / "one").ok
    seen = run_seen_by_the_pages(monkeypatch)
    threads: list[list[str]] = []
    real_pages: Callable[..., Any] = getattr(outputs_module, "prerender_pages")  # noqa: B009

    def term_pages(*args: Any, **kwargs: Any) -> Any:
        threads.append([thread.name for thread in threading.enumerate()])
        return real_pages(*args, **kwargs)

    monkeypatch.setattr(outputs_module, "prerender_pages", term_pages)
    (project.source_dir / "epic.md").write_text(term_file("Epic", "A large story."), "utf-8")

    assert build(project, tmp_path / "two").ok

    assert seen == [True], "the run went on in the background"
    assert len(threads) == 1 and not any("pagefind" in name for name in threads[0])


def test_a_cold_builds_runs_wait_until_the_pages_are_made(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = glossary(write_glossary, tmp_path)
    seen = run_seen_by_the_pages(monkeypatch, within=1.0)

    assert build(project, tmp_path / "site").ok

    assert seen == [False], "four shards to index: no run before the pages"
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()


def test_a_run_failing_in_the_background_fails_the_build_and_nothing_is_written(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = glossary(write_glossary, tmp_path)
    assert build(project, tmp_path / "site").ok
    before = site_files(tmp_path / "site")

    def failing(
        documents: Mapping[PurePosixPath, str], binary: Path | None = None
    ) -> dict[PurePosixPath, bytes]:
        raise pagefind_module.PagefindError("Pagefind failed (exit code 3): disk full")

    def failing_start(
        documents: Mapping[PurePosixPath, str], binary: Path | None = None
    ) -> pagefind_module.PagefindRun:
        raise pagefind_module.PagefindError("Pagefind failed (exit code 3): disk full")

    monkeypatch.setattr("glossary_site.search.run_pagefind", failing)
    monkeypatch.setattr("glossary_site.search.start_pagefind", failing_start)
    (project.source_dir / "epic.md").write_text(term_file("Epic", "A large story."), "utf-8")
    report = build(project, tmp_path / "site")

    assert not report.ok
    (problem,) = [d for d in report.diagnostics if d.severity.value == "error"]
    assert problem.code == "search-index-failed"
    assert f"shard {bucket('epic', 4)} of 4: Pagefind failed (exit code 3)" in problem.message
    assert site_files(tmp_path / "site") == before


class Stopped(Exception):
    """What a store raises to stop a stale build (as ``serve``'s does)."""


class StoppingStore:
    """A cache that has nothing and stops the build when a bundle is stored."""

    def get(self, kind: str, key: str) -> tuple[bytes, str] | None:
        return None

    def put(self, kind: str, key: str, payload: bytes) -> str:
        raise Stopped


def test_what_the_store_raises_in_the_background_is_raised_when_the_search_is_finished(
    write_glossary: WriteGlossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shards_module, "SHARD_TERMS", 1024)  # one shard: a background run
    glossary, _ = read_glossary(write_glossary({"epic.md": term_file("Epic", "A story.")}))
    assert glossary is not None

    pending = start_search(glossary.graph, glossary.config, None, StoppingStore())

    with pytest.raises(Stopped):
        finish_search(pending)


def watch_order(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The order in which the exports are made and the search is finished, from now on."""
    order: list[str] = []
    real_exports: Callable[..., Any] = getattr(outputs_module, "export_files")  # noqa: B009
    real_finish: Callable[..., Any] = getattr(outputs_module, "finish_search")  # noqa: B009

    def exports(*args: Any, **kwargs: Any) -> Any:
        order.append("exports")
        return real_exports(*args, **kwargs)

    def finish(*args: Any, **kwargs: Any) -> Any:
        order.append("search finished")
        return real_finish(*args, **kwargs)

    monkeypatch.setattr(outputs_module, "export_files", exports)
    monkeypatch.setattr(outputs_module, "finish_search", finish)
    return order


def test_the_exports_are_made_while_an_edits_run_goes_on_and_after_a_cold_builds_runs(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = glossary(write_glossary, tmp_path)
    order = watch_order(monkeypatch)
    assert build(project, tmp_path / "one").ok
    assert order == ["search finished", "exports"], "cold: four shards first"
    order.clear()
    (project.source_dir / "epic.md").write_text(term_file("Epic", "A large story."), "utf-8")

    assert build(project, tmp_path / "two").ok

    assert order == ["exports", "search finished"]
    uncached = dataclasses.replace(project, cache_dir=None)
    assert build(uncached, tmp_path / "three").ok
    assert site_files(tmp_path / "two") == site_files(tmp_path / "three")


def test_an_edits_run_is_a_process_stopped_with_the_build(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run goes on as a process of its own (no thread waits for the lock to write its
    documents), and a build that fails while it runs stops it and removes its files."""
    project = glossary(write_glossary, tmp_path)
    assert build(project, tmp_path / "site").ok
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(pagefind_module, "MEMORY_FOLDER", str(scratch))
    monkeypatch.setattr(pagefind_module, "MEMORY_SPARE_BYTES", 0)
    threads: list[list[str]] = []

    def pages(*args: Any, **kwargs: Any) -> Any:
        threads.append([thread.name for thread in threading.enumerate()])
        assert len(list(scratch.iterdir())) == 1, "the run's documents are written"
        raise Stopped

    monkeypatch.setattr(outputs_module, "render_site", pages)
    (project.source_dir / "epic.md").write_text(term_file("Epic", "A large story."), "utf-8")

    with pytest.raises(Stopped):
        build(project, tmp_path / "site")

    assert len(threads) == 1 and not any("pagefind" in name for name in threads[0])
    assert list(scratch.iterdir()) == [], "the stopped run's folder is removed"
