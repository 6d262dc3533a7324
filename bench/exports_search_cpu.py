"""CPU time (user + sys, this process and its children) of ``export_files`` and
``search_files``: cold (empty cache) and after one edit (a line appended to the
alphabetically first term's body, as bench/compare.py does), in one process.

    python bench/exports_search_cpu.py PROJECT_DIR [--base-url URL] [--jobs 2] [--profile OUT]

PROJECT_DIR holds glossary/ and glossary.toml; it is copied to a scratch folder first,
so the corpus is never edited. The terms are read through the term cache of the copy
(``.glossary-cache`` if present), while the search and export entries go to a fresh
cache folder: the first measurement is their cold cost, the second their one-edit cost.
With ``--profile``, the one-edit calls are also profiled into ``OUT``.
"""

from __future__ import annotations

import argparse
import cProfile
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from glossary_site.build import Project, read_glossary
from glossary_site.cache import Store
from glossary_site.exports import export_files
from glossary_site.search import search_files

EDITED_TERM_LINE = "\nOne more sentence, appended by the benchmark.\n"


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def timed(function: Callable[[], Any]) -> tuple[Any, float, float]:
    cpu, wall = cpu_seconds(), time.perf_counter()
    result = function()
    return result, cpu_seconds() - cpu, time.perf_counter() - wall


def _stages(project: Project, store: Store, label: str) -> dict[str, float]:
    glossary, _ = read_glossary(project, write_cache=True)
    assert glossary is not None
    graph, config = glossary.graph, glossary.config
    exported, export_cpu, export_wall = timed(
        lambda: _export(graph, config, glossary.ui, store, glossary)
    )
    searched, search_cpu, search_wall = timed(
        lambda: search_files(graph, config, project.config_path, store)
    )
    size = sum(len(data) for data in exported.values())
    print(
        f"{label}: export_files {export_cpu:.2f} s CPU ({export_wall:.2f} s wall, "
        f"{len(exported)} files, {size / 1e6:.1f} MB); search_files {search_cpu:.2f} s CPU "
        f"({search_wall:.2f} s wall, {len(searched[0])} files)",
        flush=True,
    )
    return {"export": export_cpu, "search": search_cpu}


def _export(graph: Any, config: Any, ui: Any, store: Store, glossary: Any) -> Any:
    try:
        return export_files(graph, config, ui, store, glossary.environment)
    except TypeError:  # before per-term export caching
        return export_files(graph, config, ui)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("project", type=Path)
    parser.add_argument("--base-url", default="https://example.org/")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="exports-search-bench-") as scratch:
        copy = Path(scratch, "project")
        shutil.copytree(args.project, copy, symlinks=True, ignore=shutil.ignore_patterns("site"))
        project = Project(
            copy / "glossary",
            copy / "glossary.toml",
            copy / "templates",
            copy / "static",
            {"base_url": args.base_url} if args.base_url else {},
            copy / ".glossary-cache",
            args.jobs,
        )
        store = Store(Path(scratch, "fresh-cache"))
        _stages(project, store, "cold")
        first = min((copy / "glossary").glob("*.md"))
        with first.open("a", encoding="utf-8") as file:
            file.write(EDITED_TERM_LINE)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
        _stages(project, store, "one edit")
        if args.profile:
            profiler.disable()
            profiler.dump_stats(args.profile)


if __name__ == "__main__":
    main()
