"""This process works alongside its forked workers, with the inherited heap frozen out of the
garbage collector, and a cold build gives the same bytes with one job or two."""

from __future__ import annotations

import dataclasses
import gc
import os
import time
from pathlib import Path

import pytest

from glossary_site import build, pool
from tests.conftest import WriteGlossary, term_file
from tests.test_cache_build import tree

PARENT = os.getpid()


def _pid_and_frozen(item: int) -> tuple[int, int, bool]:
    if os.getpid() != PARENT:
        time.sleep(0.002)  # a worker that is slower than this process: it must share
    return item, os.getpid(), gc.get_freeze_count() > 0


def test_this_process_and_a_worker_share_the_chunks_and_keep_the_order() -> None:
    results = pool.run_all(_pid_and_frozen, list(range(400)), jobs=2)
    assert [item for item, _, _ in results] == list(range(400))
    pids = {pid for _, pid, _ in results}
    assert PARENT in pids  # chunks from the back, while the worker is busy
    assert len(pids) == 2  # one worker besides this process: two jobs in all
    assert results[0][1] != PARENT  # the first chunk is always a worker's


def test_the_heap_is_frozen_while_the_workers_run_and_thawed_afterwards() -> None:
    results = pool.run_all(_pid_and_frozen, list(range(400)), jobs=2)
    assert all(frozen for _, _, frozen in results)
    assert gc.get_freeze_count() == 0


def test_one_job_runs_everything_here_without_freezing() -> None:
    results = pool.run_all(_pid_and_frozen, list(range(400)), jobs=1)
    assert {pid for _, pid, _ in results} == {PARENT}
    assert not any(frozen for _, _, frozen in results)


def glossary_of(count: int) -> dict[str, str]:
    """Terms that link to each other, with code, a table, quotes and footnotes."""
    body = (
        "## Use\n\nSee [the next](t{next:03}) and *“quoted”* text -- with `code`.\n\n"
        "```python\nprint({n})\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "A note.[^1]\n\n[^1]: Footnote of term {n}, see https://example.org/{n}.\n"
    )
    return {
        f"t{n:03}.md": term_file(
            f"Term {n}",
            front=f"related: [t{(n + 7) % count:03}]",
            body=body.format(n=n, next=(n + 1) % count),
        )
        for n in range(count)
    }


@pytest.mark.slow
def test_a_cold_build_with_two_jobs_is_byte_identical_to_one_with_one_job(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary(glossary_of(2 * pool.MIN_PARALLEL_ITEMS + 10))
    trees = {}
    for jobs in (1, 2):
        report = build(
            dataclasses.replace(project, jobs=jobs, cache_dir=None), tmp_path / f"{jobs}"
        )
        assert report.ok, [d.format() for d in report.diagnostics]
        trees[jobs] = tree(tmp_path / f"{jobs}")
    assert len(trees[1]) > 2 * pool.MIN_PARALLEL_ITEMS
    assert trees[2] == trees[1]
