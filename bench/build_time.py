"""Build time and peak memory of glossary-site on synthetic glossaries.

    python bench/build_time.py [--terms 1000 10000] [--repeat 3]

Writes each corpus with ../shared/bench/make_corpus.py (deterministic), builds it
``--repeat`` times in a fresh process, and prints the best wall time, the CPU
time and the peak resident memory of that run. Also times the bundled glossary.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MAKE_CORPUS = REPO.parent / "shared" / "bench" / "make_corpus.py"
CLI = [sys.executable, "-m", "glossary_site", "build"]


def run_build(args: list[str], cwd: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS MiB) of one build in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([*CLI, *args], cwd=cwd, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024


def best_of(repeat: int, args: list[str], cwd: Path) -> tuple[float, float, float]:
    return min((run_build(args, cwd) for _ in range(repeat)), key=lambda r: r[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, nargs="*", default=[1000])
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bundled-site"
        rows.append(("bundled glossary", *best_of(options.repeat, ["--out", str(out)], REPO)))
        for terms in options.terms:
            corpus = Path(tmp) / f"corpus-{terms}"
            subprocess.run(
                [sys.executable, str(MAKE_CORPUS), "--terms", str(terms), "--out", str(corpus)],
                check=True,
                capture_output=True,
            )
            rows.append((f"{terms} terms", *best_of(options.repeat, [], corpus)))
    print(f"{'corpus':<18} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9}")
    for name, wall, cpu, rss in rows:
        print(f"{name:<18} {wall:>8.2f} {cpu:>8.2f} {rss:>9.0f}")


if __name__ == "__main__":
    main()
