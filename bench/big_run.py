"""One cold build of a large corpus (100,000 terms) with CPU, wall time and peak memory per
stage, for the growth targets of issue 8.

    python bench/big_run.py CORPUS_DIR [--out DIR] [--jobs 2] [--with RUN.json ...]
                            [--json RUN.json] [--results FILE.md]

CORPUS_DIR holds glossary/ (e.g. ``../shared/bench/make_corpus.py --terms 100000 --out
DIR``; make_corpus folds some long front-matter links, which ``bench/compare.py`` joins
again before building) and maybe glossary.toml; it is only read. The build runs without
a cache in a fresh process (``bench/stage_cpu.py``): per stage its own CPU time (user +
sys of the process and its workers), wall time and the peak resident memory of the whole
process tree; the output folder (default: a temporary one, deleted afterwards) needs
room for the site (809 MB at 10,000 terms, so about 8 GB at 100,000). ``--with`` adds
earlier runs (their ``--json``) as columns, with the growth of each stage from the
first column to the last.

Run it on an otherwise idle machine: at 100,000 terms it takes about 20 minutes of both
cores. It prints the load average before and after, and the machine's memory and cores.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stage_cpu import in_child, table


def machine() -> str:
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text(encoding="ascii").splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{cores} cores, {memory} memory, load average {load}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--out", type=Path, help="output folder (kept)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--with", dest="earlier", type=Path, nargs="*", default=[])
    parser.add_argument("--json", type=Path, help="write this run's measurements here")
    parser.add_argument("--results", type=Path, help="write the table as Markdown here")
    options = parser.parse_args()
    if not (options.corpus / "glossary").is_dir():
        parser.error(f"{options.corpus} has no glossary/ folder")
    before = machine()
    print(f"before: {before}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="big-run-") as tmp:
        out = options.out or Path(tmp) / "site"
        run = in_child(options.corpus.resolve(), out, options.jobs)
        if options.out is None:
            shutil.rmtree(out, ignore_errors=True)
    after = machine()
    if options.json:
        options.json.write_text(json.dumps(run), encoding="utf-8")
    runs: list[dict[str, Any]] = [
        json.loads(p.read_text(encoding="utf-8")) for p in options.earlier
    ]
    text = "\n".join(
        [
            f"# One cold build of {run['terms']:,} terms (`bench/big_run.py`)",
            "",
            f"Before: {before}. After: {after}.",
            "",
            table([*runs, run]),
            "",
            "Diagnostics by code: "
            + ", ".join(f"{code} {count:,}" for code, count in run["codes"].items()),
            "",
        ]
    )
    print(text)
    if options.results:
        options.results.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
