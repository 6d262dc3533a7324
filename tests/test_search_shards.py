"""The full-text index in shards: stable shards, one Pagefind run per shard not cached, an
edit re-indexes only its shard, runs bounded by the cores, and a failing shard fails the
build with a code and nothing written."""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

import pytest

from glossary_site import Project, build, check
from glossary_site.search import pagefind as pagefind_module
from glossary_site.search import shards as shards_module
from glossary_site.search.shards import bucket, power_of_two_count, split
from tests.conftest import WriteGlossary, term_file

TITLES = ["Sprint", "Kanban", "Backlog", "Epic", "Velocity", "Burndown"]
Runs = list[frozenset[str]]


def glossary(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    files = {f"{title.lower()}.md": term_file(title, f"{title} is a word.") for title in TITLES}
    project = write_glossary(files)
    return dataclasses.replace(project, cache_dir=tmp_path / "cache")


@pytest.fixture
def small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two terms a shard: six terms make four shards."""
    monkeypatch.setattr(shards_module, "SHARD_TERMS", 2)


def watch_runs(monkeypatch: pytest.MonkeyPatch) -> Runs:
    """The slugs of each Pagefind run from now on (the real run still happens)."""
    runs: Runs = []
    real = pagefind_module.run_pagefind

    def watched(
        documents: Mapping[PurePosixPath, str], binary: Path | None = None
    ) -> dict[PurePosixPath, bytes]:
        runs.append(frozenset(path.parts[0] for path in documents))
        return real(documents, binary)

    real_start = pagefind_module.start_pagefind

    def started(
        documents: Mapping[PurePosixPath, str], binary: Path | None = None
    ) -> pagefind_module.PagefindRun:  # an edit's one run, in the background
        runs.append(frozenset(path.parts[0] for path in documents))
        return real_start(documents, binary)

    monkeypatch.setattr("glossary_site.search.run_pagefind", watched)
    monkeypatch.setattr("glossary_site.search.start_pagefind", started)
    return runs


def site_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_shard_count_is_the_fewest_powers_of_two_within_the_size() -> None:
    assert [power_of_two_count(n, 1024) for n in (0, 1, 1024, 1025, 2048, 2049, 10_000)] == [
        1,
        1,
        1,
        2,
        2,
        4,
        16,
    ]


def test_a_term_keeps_its_shard_when_others_are_added_or_removed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shards_module, "SHARD_TERMS", 64)
    documents = {f"term-{n}": f"<p>{n}</p>" for n in range(300)}
    before = split(documents)
    documents.update({f"new-{n}": "<p>new</p>" for n in range(100)})
    del documents["term-7"]
    after = split(documents)

    def shard_of(shards: list[dict[PurePosixPath, str]], slug: str) -> int:
        path = PurePosixPath(slug, "index.html")
        return next(n for n, shard in enumerate(shards) if path in shard)

    assert len(before) == len(after) == 8
    kept = [slug for slug in documents if slug.startswith("term-")]
    assert all(shard_of(before, slug) == shard_of(after, slug) for slug in kept)
    assert sum(map(len, after)) == len(documents), "every term in exactly one shard"


def test_terms_spread_evenly_over_the_shards() -> None:
    sizes = [sum(bucket(f"term-{n}", 16) == b for n in range(10_000)) for b in range(16)]
    assert min(sizes) > 10_000 / 16 * 0.85 and max(sizes) < 10_000 / 16 * 1.15, sizes


def test_bucket_is_fnv1a_of_the_utf8_slug() -> None:
    assert bucket("", 2**32) == 0x811C9DC5
    assert bucket("a", 2**32) == 0xE40C292C
    assert bucket("café", 2**32) == bucket("café", 2**32) != bucket("cafe", 2**32)


def test_shards_are_written_below_the_first_with_only_their_index(
    write_glossary: WriteGlossary, tmp_path: Path, small_shards: None
) -> None:
    project = glossary(write_glossary, tmp_path)
    out = tmp_path / "site"

    assert build(project, out).ok

    names = json.loads((out / "pagefind" / "names.json").read_text(encoding="utf-8"))
    present = sorted({bucket(title.lower(), 4) for title in TITLES})
    assert names["shards"] == [f"shard-{shard}" for shard in present[1:]]
    assert (out / "pagefind" / "pagefind.js").is_file()
    fragments = list((out / "pagefind").glob("fragment/*.pf_fragment"))
    assert sorted(p.name for p in (out / "pagefind").glob("shard-*")) == names["shards"]
    for folder_name in names["shards"]:
        folder = out / "pagefind" / folder_name
        assert (folder / "pagefind-entry.json").is_file(), folder_name
        assert not list(folder.glob("pagefind.js")) and not list(folder.glob("wasm.*"))
        fragments += list(folder.glob("fragment/*.pf_fragment"))
    assert len(fragments) == len(TITLES), "each term indexed once"


def test_an_edit_re_indexes_only_the_shard_of_the_edited_term(
    write_glossary: WriteGlossary,
    tmp_path: Path,
    small_shards: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = glossary(write_glossary, tmp_path)
    runs = watch_runs(monkeypatch)
    assert build(project, tmp_path / "one").ok
    shard_count = len({bucket(title.lower(), 4) for title in TITLES})
    assert len(runs) == shard_count and frozenset().union(*runs) == {t.lower() for t in TITLES}
    shard_of_epic = next(run for run in runs if "epic" in run)
    runs.clear()

    assert build(project, tmp_path / "two").ok
    assert runs == [], "every shard came from the cache"

    (project.source_dir / "epic.md").write_text(term_file("Epic", "A large story."), "utf-8")
    assert build(project, tmp_path / "three").ok

    assert runs == [shard_of_epic]
    uncached = dataclasses.replace(project, cache_dir=None)
    assert build(uncached, tmp_path / "four").ok
    assert site_files(tmp_path / "three") == site_files(tmp_path / "four")


def test_a_shard_whose_cache_entry_is_lost_runs_alone(
    write_glossary: WriteGlossary,
    tmp_path: Path,
    small_shards: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = glossary(write_glossary, tmp_path)
    runs = watch_runs(monkeypatch)
    assert build(project, tmp_path / "one").ok
    searched = sorted(p for p in (tmp_path / "cache").glob("*/search/*/*") if p.is_file())
    assert len(searched) == len(runs) == 3, "one cache entry a shard with terms"
    searched[0].write_bytes(b"not a bundle")
    runs.clear()

    assert build(project, tmp_path / "two").ok

    assert len(runs) == 1
    assert site_files(tmp_path / "one") == site_files(tmp_path / "two")


def test_runs_never_exceed_the_cores(
    write_glossary: WriteGlossary,
    tmp_path: Path,
    small_shards: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = glossary(write_glossary, tmp_path)
    monkeypatch.setattr(shards_module, "_cores", lambda: 2)
    running, most, lock = [0], [0], threading.Lock()
    real = pagefind_module.run_pagefind

    def counted(
        documents: Mapping[PurePosixPath, str], binary: Path | None = None
    ) -> dict[PurePosixPath, bytes]:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.2)
        try:
            return real(documents, binary)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr("glossary_site.search.run_pagefind", counted)
    assert build(project, tmp_path / "site").ok
    assert most[0] == 2


def test_a_failing_shard_fails_the_build_naming_it_and_nothing_is_written(
    write_glossary: WriteGlossary,
    tmp_path: Path,
    small_shards: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = glossary(write_glossary, tmp_path)
    real = pagefind_module.run_pagefind

    def failing_for_epic(
        documents: Mapping[PurePosixPath, str], binary: Path | None = None
    ) -> dict[PurePosixPath, bytes]:
        if PurePosixPath("epic", "index.html") in documents:
            raise pagefind_module.PagefindError("Pagefind failed (exit code 3): disk full")
        return real(documents, binary)

    monkeypatch.setattr("glossary_site.search.run_pagefind", failing_for_epic)
    out = tmp_path / "site"

    for report in (check(project), build(project, out)):
        assert not report.ok
        (problem,) = [d for d in report.diagnostics if d.severity.value == "error"]
        assert problem.code == "search-index-failed"
        shard = bucket("epic", 4)
        assert f"shard {shard} of 4: Pagefind failed (exit code 3)" in problem.message
        assert "disk full" in problem.message
    assert not out.exists()
