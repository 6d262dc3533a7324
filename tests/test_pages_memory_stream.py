"""Results are handed on as they are made (``pool.run_each``), term pages go into the site's
outputs one by one instead of being held together, and freed memory goes back to the
system before workers are forked."""

from __future__ import annotations

import gc
import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

import pytest

from glossary_site import pool
from glossary_site.memory import _malloc_trim, release_free_memory
from glossary_site.prerender import prerender_pages
from glossary_site.project import Project
from glossary_site.reading import read_glossary
from glossary_site.render import make_environment, render_site
from tests.conftest import WriteGlossary, term_file


def _square(item: int) -> int:
    return item * item


def test_run_each_gives_every_result_once_with_its_number_across_processes() -> None:
    items = list(range(3 * pool.MIN_PARALLEL_ITEMS))
    made = list(pool.run_each(_square, items, jobs=2))
    assert sorted(made) == [(n, n * n) for n in items]
    assert gc.get_freeze_count() == 0


def test_run_each_hands_a_result_on_before_the_next_item_is_made() -> None:
    calls: list[int] = []

    def noted(item: int) -> int:
        calls.append(item)
        return item

    results = pool.run_each(noted, [1, 2, 3], jobs=1)
    assert next(results) == (0, 1)
    assert calls == [1]


def test_stopping_run_each_early_ends_its_workers_and_thaws_the_heap() -> None:
    results = pool.run_each(_square, list(range(40 * pool.MAX_CHUNK)), jobs=2)
    assert next(results)[1] >= 0
    results.close()
    assert gc.get_freeze_count() == 0
    assert pool._work is None
    assert pool.run_all(_square, [3] * pool.MIN_PARALLEL_ITEMS, jobs=2)[-1] == 9


def _resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(
    _malloc_trim() is None or not os.path.exists("/proc/self/statm"), reason="glibc only"
)
def test_freed_memory_goes_back_to_the_system() -> None:
    gc.collect()
    blocks = [bytes(2000) for _ in range(60_000)]  # ~120 MB through malloc, not pymalloc
    kept = blocks[::50]  # what stays in use keeps the freed blocks between them
    del blocks
    before = _resident_bytes()
    release_free_memory()
    assert _resident_bytes() < before - 50 * 2**20
    assert len(kept) == 1200


class _Sink:
    """Records what prerender hands over, and what the site would hold already."""

    def __init__(self, holds: Mapping[PurePosixPath, str] | None = None) -> None:
        self.taken: dict[PurePosixPath, bytes] = {}
        self.holds = dict(holds or {})
        self.kept: list[PurePosixPath] = []

    def take(self, files: Mapping[PurePosixPath, bytes], generated: bool = True) -> None:
        assert not self.taken.keys() & files.keys()
        self.taken.update(files)

    def keep(self, dest_path: PurePosixPath, sha256: str) -> bool:
        if self.holds.get(dest_path) != sha256:
            return False
        self.kept.append(dest_path)
        return True


def _pages(project: Project, sink: _Sink, jobs: int = 1) -> frozenset[str]:
    glossary, _ = read_glossary(project)
    assert glossary is not None
    env = make_environment(None)
    handed, _ = prerender_pages(
        glossary.graph,
        glossary.config,
        env,
        "v1",
        store=None,
        site="site",
        digests=glossary.digests,
        jobs=jobs,
        sink=sink,
    )
    return handed


def _glossary(count: int) -> dict[str, str]:
    return {
        f"t{n:03}.md": term_file(f"Term {n}", body=f"See [the next](t{(n + 1) % count:03}).")
        for n in range(count)
    }


@pytest.mark.parametrize("jobs", [1, 2])
def test_prerender_hands_every_term_page_to_the_outputs_and_keeps_none(
    write_glossary: WriteGlossary, jobs: int
) -> None:
    project = write_glossary(_glossary(pool.MIN_PARALLEL_ITEMS + 6))
    sink = _Sink()
    handed = _pages(project, sink, jobs)
    slugs = {f"t{n:03}" for n in range(pool.MIN_PARALLEL_ITEMS + 6)}
    assert handed == slugs
    assert set(sink.taken) == {PurePosixPath(slug, "index.html") for slug in slugs}
    glossary, _ = read_glossary(project)
    assert glossary is not None
    pages, failures = render_site(
        glossary.graph, glossary.config, make_environment(None), "v1", handed=handed
    )
    assert not failures
    assert not {path for path in pages if path.parts[0] in slugs}  # handed: left out
    alone, _ = render_site(glossary.graph, glossary.config, make_environment(None), "v1")
    for path, page in sink.taken.items():
        assert alone[path] == page


def test_a_page_that_fails_is_not_handed_on_and_is_left_to_render_site(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary(
        _glossary(3), templates={"term.html": "{{ term.title }}{{ no_such.thing }}"}
    )
    glossary, _ = read_glossary(project)
    assert glossary is not None
    env = make_environment(project.templates_dir)
    sink = _Sink()
    handed, _ = prerender_pages(
        glossary.graph,
        glossary.config,
        env,
        "v1",
        store=None,
        site="site",
        digests=glossary.digests,
        jobs=1,
        sink=sink,
    )
    assert handed == frozenset() and not sink.taken
    _, failures = render_site(glossary.graph, glossary.config, env, "v1", handed=handed)
    assert len(failures) == 1
