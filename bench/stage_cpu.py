"""CPU time (user + sys of this process and its workers), wall time and peak memory of
each stage of one cold build, without a profiler: the stage functions are wrapped where
the pipeline calls them (reading.py, outputs.py, build.py).

    python bench/stage_cpu.py PROJECT_DIR [PROJECT_DIR_2] [--out OUT_DIR] [--jobs 2]
                              [--cache CACHE_DIR [--keep-cache]]

PROJECT_DIR holds glossary/ and glossary.toml (e.g. a corpus of make_corpus.py); the
cache is off, so every stage does its whole work, unless ``--cache`` names a cache folder
(emptied first: a cold build that writes its cache; ``--keep-cache`` keeps it as it is).
With two projects (say 1,000 and 10,000 terms) each is built in its own process, one
after the other, and a last column gives the growth (second ÷ first) of each stage's CPU
time. CPU time is what to compare on a shared machine: wall time there measures the other
processes as well.

A stage's time is its own: a stage called inside another (``build_taxonomy`` inside
``render_site``) counts for itself, not twice. "peak" is the largest resident memory of
the whole process tree (this process and its workers) sampled while the stage ran.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import SAMPLE_SECONDS, _tree_rss

# Where each stage is called from: module → the names it calls the stages by.
CALL_SITES = {
    "glossary_site.reading": (
        "convert_terms",
        "link_cached",
        "build_graph",
        "with_related",
        "build_taxonomy",
        "page_clashes",
        "check_references",
        "lint_cached",
        "sort_diagnostics",
    ),
    "glossary_site.outputs": (
        "prerender_pages",
        "render_site",
        "start_search",
        "finish_search",
        "export_files",
        "find_redirects",
        "output_path_problems",
    ),
    "glossary_site.render": ("build_taxonomy",),
    "glossary_site.build": ("sort_diagnostics", "write_site"),
}
OTHER = "(between stages)"


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


class Peak(threading.Thread):
    """The largest resident memory of this process tree, sampled, since the last ``take``.

    A sample reads /proc (a few ms of CPU): ``cpu`` is what the sampling has cost so far,
    which the stages do not count as theirs.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self.overall = 0
        self.cpu = 0.0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(SAMPLE_SECONDS * 4):
            self.sample()
            self.cpu = time.thread_time()

    def sample(self) -> None:
        rss = _tree_rss(os.getpid())
        self.peak = max(self.peak, rss)
        self.overall = max(self.overall, rss)

    def take(self) -> int:
        """The peak since the last call, and start a new one."""
        self.sample()
        peak, self.peak = self.peak, 0
        return peak

    def stop(self) -> None:
        self._done.set()
        self.join()


class Stages:
    """Exclusive CPU and wall time, calls and peak memory of each wrapped stage."""

    def __init__(self, peak: Peak) -> None:
        self.peak = peak
        self.spent: dict[str, dict[str, float]] = {}
        self._stack: list[list[float]] = []  # per open stage: time of the stages inside it

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            self._stack.append([0.0, 0.0])
            cpu, wall = cpu_seconds() - self.peak.cpu, time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                cpu, wall = cpu_seconds() - self.peak.cpu - cpu, time.perf_counter() - wall
                inner_cpu, inner_wall = self._stack.pop()
                if self._stack:  # the enclosing stage does not count this time again
                    self._stack[-1][0] += cpu
                    self._stack[-1][1] += wall
                totals = self.spent.setdefault(name, {"cpu": 0, "wall": 0, "calls": 0, "peak": 0})
                totals["cpu"] += cpu - inner_cpu
                totals["wall"] += wall - inner_wall
                totals["calls"] += 1
                totals["peak"] = max(totals["peak"], self.peak.take())

        return wrapper

    def install(self) -> None:
        for module_name, names in CALL_SITES.items():
            module = importlib.import_module(module_name)
            for name in names:
                setattr(module, name, self.wrap(name, getattr(module, name)))


def measure_build(
    project_dir: Path, out: Path, jobs: int, cache: Path | None = None
) -> dict[str, Any]:
    """One cold build of ``project_dir`` into ``out`` (emptied first), with its stages."""
    peak = Peak()
    stages = Stages(peak)
    stages.install()
    build_module = importlib.import_module("glossary_site.build")
    shutil.rmtree(out, ignore_errors=True)
    config_path = project_dir / "glossary.toml"
    project = build_module.Project(
        project_dir / "glossary",
        config_path if config_path.exists() else None,
        project_dir / "templates",
        project_dir / "static",
        cache_dir=cache,
        jobs=jobs,
    )
    peak.start()
    cpu, wall = cpu_seconds(), time.perf_counter()
    report = build_module.build(project, out)
    total_cpu, total_wall = cpu_seconds() - cpu - peak.cpu, time.perf_counter() - wall
    peak.stop()
    spent = dict(stages.spent)
    spent[OTHER] = {
        "cpu": total_cpu - sum(s["cpu"] for s in spent.values()),
        "wall": total_wall - sum(s["wall"] for s in spent.values()),
        "calls": 0,
        "peak": 0,
    }
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return {
        "project": str(project_dir),
        "terms": report.term_count,
        "stages": spent,
        "cpu": total_cpu,
        "wall": total_wall,
        "tree_peak": max(peak.overall, own),
        "own_peak": own,
        "worker_peak": workers,
        "diagnostics": len(report.diagnostics),
        "codes": dict(Counter(d.code for d in report.diagnostics).most_common()),
        "errors": sum(d.is_error for d in report.diagnostics),
        "files_written": report.files_written,
        "load": os.getloadavg(),
    }


def in_child(project_dir: Path, out: Path, jobs: int, cache: Path | None = None) -> dict[str, Any]:
    """``measure_build`` in a fresh Python process (nothing warm from another build)."""
    with tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "result.json"
        command = [sys.executable, str(Path(__file__).resolve()), str(project_dir)]
        command += ["--out", str(out), "--jobs", str(jobs), "--json", str(result)]
        if cache is not None:
            command += ["--cache", str(cache), "--keep-cache"]
        subprocess.run(command, check=True)
        loaded: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
        return loaded


def mib(size: float) -> str:
    return f"{size / 2**20:,.0f} MiB"


def table(runs: list[dict[str, Any]]) -> str:
    """Per stage: CPU, wall and peak of each run, then the CPU growth of the last ÷ first."""
    names = list(dict.fromkeys(name for run in runs for name in run["stages"]))
    names.remove(OTHER)
    names.append(OTHER)
    head = "| stage | " + " | ".join(f"{r['terms']:,} terms: CPU s, wall s, peak" for r in runs)
    lines = [head + (" | growth (CPU) |" if len(runs) > 1 else " |")]
    lines.append("|---" * (len(runs) + 1 + (len(runs) > 1)) + "|")
    rows = [(name, [run["stages"].get(name) for run in runs]) for name in names]
    rows.append(
        ("total", [{"cpu": r["cpu"], "wall": r["wall"], "peak": r["tree_peak"]} for r in runs])
    )
    for name, cells in rows:
        shown = [f"{c['cpu']:.2f}, {c['wall']:.2f}, {mib(c['peak'])}" if c else "–" for c in cells]
        line = f"| {name} | " + " | ".join(shown) + " |"
        if len(runs) > 1:
            first, last = cells[0], cells[-1]
            growth = last["cpu"] / first["cpu"] if first and last and first["cpu"] > 0.005 else None
            line += f" {growth:.1f}× |" if growth is not None else " – |"
        lines.append(line)
    for run in runs:
        lines.append(
            f"\n{run['project']}: {run['terms']:,} terms, {run['diagnostics']:,} diagnostics "
            f"({run['errors']} errors), {run['files_written']:,} files written; tree peak "
            f"{mib(run['tree_peak'])}, main process {mib(run['own_peak'])}, largest worker "
            f"{mib(run['worker_peak'])}; load average at the end "
            + ", ".join(f"{x:.2f}" for x in run["load"])
        )
    return "\n".join(lines)


def _empty(cache: Path | None, keep: bool) -> None:
    if cache is not None and not keep:
        shutil.rmtree(cache, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", type=Path, nargs="+", help="one project, or two to compare")
    parser.add_argument("--out", type=Path, help="output folder (default: a temporary one)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the measurements as JSON here")
    parser.add_argument("--cache", type=Path, help="build with this cache folder, emptied first")
    parser.add_argument("--keep-cache", action="store_true", help="do not empty --cache first")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = options.out or Path(tmp) / "site"
        if len(options.projects) == 1:
            _empty(options.cache, options.keep_cache)
            runs = [measure_build(options.projects[0], out, options.jobs, options.cache)]
        else:
            runs = []
            for project in options.projects:
                _empty(options.cache, options.keep_cache)
                runs.append(in_child(project, out, options.jobs, options.cache))
    if options.json:
        options.json.write_text(json.dumps(runs[0] if len(runs) == 1 else runs), encoding="utf-8")
    print(table(runs))


if __name__ == "__main__":
    main()
