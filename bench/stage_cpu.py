"""CPU time (user + sys of this process and its workers) and wall time of each stage of
one cold build, without a profiler: the stage functions of build.py are wrapped.

    python bench/stage_cpu.py PROJECT_DIR OUT_DIR [--jobs 2]

PROJECT_DIR holds glossary/ and glossary.toml (e.g. a corpus of make_corpus.py); the
cache is off, so every stage does its whole work. CPU time is what to compare on a
shared machine: wall time there measures the other processes as well.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import resource
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

build_module = importlib.import_module("glossary_site.build")

STAGES = (
    "convert_terms",
    "link_mentions",
    "build_graph",
    "with_related",
    "build_taxonomy",
    "check_references",
    "lint_cached",
    "sort_diagnostics",
    "prerender_pages",
    "render_site",
    "search_files",
    "export_files",
    "output_path_problems",
    "write_site",
)


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def timed(name: str, function: Callable[..., Any], spent: dict[str, list[float]]) -> Any:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        cpu, wall = cpu_seconds(), time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            totals = spent.setdefault(name, [0.0, 0.0])
            totals[0] += cpu_seconds() - cpu
            totals[1] += time.perf_counter() - wall

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    spent: dict[str, list[float]] = {}
    for name in STAGES:
        setattr(build_module, name, timed(name, getattr(build_module, name), spent))
    shutil.rmtree(options.out, ignore_errors=True)
    project = build_module.Project(
        options.project / "glossary",
        options.project / "glossary.toml",
        options.project / "templates",
        options.project / "static",
        jobs=options.jobs,
    )
    cpu, wall = cpu_seconds(), time.perf_counter()
    report = build_module.build(project, options.out)
    total_cpu, total_wall = cpu_seconds() - cpu, time.perf_counter() - wall
    for name, (stage_cpu, stage_wall) in spent.items():
        print(f"{name:22s} cpu {stage_cpu:7.2f} s  wall {stage_wall:7.2f} s")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    print(f"{'total':22s} cpu {total_cpu:7.2f} s  wall {total_wall:7.2f} s")
    print(f"peak RSS: this process {own} MiB, largest worker {workers} MiB")
    print(f"{len(report.diagnostics)} diagnostics, {report.files_written} files written")


if __name__ == "__main__":
    main()
