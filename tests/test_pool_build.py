"""Terms parsed and converted in worker processes: the same site and the same problems as in
one process, time budgets that still apply, and a clear error when a worker dies."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import glossary_site
from glossary_site import Project, build, check, pool
from glossary_site.markup import MarkdownRenderer, limits
from glossary_site.schema import Term
from tests.conftest import (
    BUNDLED_CONFIG,
    BUNDLED_SOURCE,
    CORPORA,
    REPO,
    WriteGlossary,
    term_file,
)
from tests.test_cache_build import tree

MAKE_CORPUS = CORPORA.parent / "bench" / "make_corpus.py"


def builds_alike(project: Project, tmp_path: Path) -> None:
    """Built in one process without a cache, in two cold and warm with one, the same site."""
    plain = build(dataclasses.replace(project, jobs=1), tmp_path / "plain")
    assert plain.ok, [d.format() for d in plain.diagnostics]
    expected = tree(tmp_path / "plain")
    cached = dataclasses.replace(project, jobs=2, cache_dir=tmp_path / "cache")
    for run in ("cold", "warm"):
        report = build(cached, tmp_path / run)
        assert report.diagnostics == plain.diagnostics
        assert tree(tmp_path / run) == expected, run


def test_the_bundled_glossary_builds_alike_with_and_without_cache_and_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "MIN_PARALLEL_ITEMS", 2)
    builds_alike(Project(BUNDLED_SOURCE, BUNDLED_CONFIG, REPO / "templates"), tmp_path)


@pytest.mark.slow
@pytest.mark.skipif(not MAKE_CORPUS.is_file(), reason=f"{MAKE_CORPUS} is not there")
def test_a_200_term_corpus_builds_alike_with_and_without_cache_and_workers(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    command = [sys.executable, str(MAKE_CORPUS), "--terms", "200", "--out", str(corpus)]
    subprocess.run(command, check=True, capture_output=True)
    for path in (corpus / "glossary").glob("*.md"):
        # The generator folds a few link targets over two lines of a '>-' definition,
        # which YAML turns into a space inside the URL: a broken link, as it should be.
        text = path.read_text()
        path.write_text(re.sub(r"\((\.\./[a-z0-9-]*)\n\s+", r"(\1", text))
    builds_alike(Project(corpus / "glossary", None, corpus / "templates"), tmp_path)


def many_terms(write_glossary: WriteGlossary, count: int = 80) -> Project:
    files = {
        f"t{n:03}.md": term_file(f"Term {n}", body=f"## Part\n\nSee [next](t{n + 1:03}).")
        for n in range(count)
    }
    files[f"t{count - 1:03}.md"] = term_file(f"Term {count - 1}", front="related: [nowhere]")
    files["t005.md"] = term_file("Term 5", front="updated: 2026-02-30")
    return write_glossary(files)


def test_problems_found_in_workers_are_the_same_as_in_one_process(
    write_glossary: WriteGlossary,
) -> None:
    project = many_terms(write_glossary)
    alone = check(dataclasses.replace(project, jobs=1))
    shared = check(dataclasses.replace(project, jobs=2))
    assert {d.code for d in alone.diagnostics} == {"bad-date", "unknown-term"}
    assert shared.diagnostics == alone.diagnostics


def test_the_time_budget_interrupts_a_conversion_in_a_worker(
    write_glossary: WriteGlossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = many_terms(write_glossary)
    monkeypatch.setattr(limits, "TIME_BUDGET_SECONDS", 1e-6)
    monkeypatch.setattr(pool, "_run_chunk", _checked_chunk)
    convert = MarkdownRenderer._render

    def slow_render(self: MarkdownRenderer, term: Term) -> Any:
        started = time.process_time()
        while time.process_time() - started < 0.05:  # the budget counts CPU time: use some
            pass
        return convert(self, term)

    monkeypatch.setattr(MarkdownRenderer, "_render", slow_render)
    report = check(dataclasses.replace(project, jobs=2))
    timeouts = [d for d in report.diagnostics if d.code == "markdown-timeout"]
    assert len(timeouts) == 80
    assert timeouts[0].path.name == "t000.md" and timeouts[0].line > 0


def _checked_chunk(bounds: tuple[int, int]) -> list[object]:
    assert os.getpid() != PARENT, "runs in a worker"
    return pool._chunk_results(bounds)


PARENT = os.getpid()


def test_a_worker_that_dies_is_an_error_that_says_what_to_do() -> None:
    with pytest.raises(pool.WorkerCrashed, match="--jobs 1"):
        pool.run_all(_die_in_worker, list(range(100)), jobs=2)


def _die_in_worker(item: int) -> int:
    if os.getpid() != PARENT:
        os._exit(1)
    return item


def test_results_keep_the_order_of_the_items() -> None:
    assert pool.run_all(_square, list(range(500)), jobs=2) == [n * n for n in range(500)]


def _square(item: int) -> int:
    return item * item


def test_a_template_error_in_a_worker_is_reported_at_its_line(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    files = {f"t{n:03}.md": term_file(f"Term {n}") for n in range(80)}
    project = dataclasses.replace(write_glossary(files), jobs=2)
    default = Path(glossary_site.__file__).parent / "templates" / "term.html"
    broken = default.read_text().replace("{% block main %}", "{% block main %}{{ nothing.x }}")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "term.html").write_text(broken)
    report = check(project)
    errors = [d for d in report.diagnostics if d.code == "template-error"]
    assert len(errors) == 1
    assert errors[0].path.name == "term.html" and errors[0].line == 5
