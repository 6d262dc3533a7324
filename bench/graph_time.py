"""Time of the graph stage alone, with some references broken on purpose.

    python bench/graph_time.py [--terms 10000] [--broken 0.01] [--repeat 3]

Writes a corpus with ../shared/bench/make_corpus.py, misspells ``--broken`` of all
``related`` entries (each a miss that needs a did-you-mean hint), reads, converts and
auto-links the terms once (as ``reading.read_glossary`` does, without a cache), then
times ``build_graph`` ``--repeat`` times and prints the best, in CPU and wall time, with
the number of links between terms it resolved (they grow with the mentions per term).
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from glossary_site.autolink import link_mentions
from glossary_site.config import load_config
from glossary_site.convert import convert_terms
from glossary_site.graph import build_graph
from glossary_site.load import find_term_files
from glossary_site.pool import default_jobs, run_all

REPO = Path(__file__).resolve().parent.parent
MAKE_CORPUS = REPO.parent / "shared" / "bench" / "make_corpus.py"
if not MAKE_CORPUS.exists():  # a git worktree sits one level deeper than the main checkout
    MAKE_CORPUS = REPO.parent.parent / "shared" / "bench" / "make_corpus.py"
_RELATED = re.compile(r"^related: \[(.*)\]$", re.MULTILINE)


def break_references(source: Path, share: float, seed: int = 1) -> int:
    """Misspell ``share`` of the ``related`` entries in place; returns how many."""
    rng = random.Random(seed)
    broken = 0

    def misspell(match: re.Match[str]) -> str:
        nonlocal broken
        names = []
        for name in match.group(1).split(", "):
            if name and rng.random() < share:
                broken += 1
                name = name[:-1] + "x" + name[-1]  # close enough for a did-you-mean
            names.append(name)
        return f"related: [{', '.join(names)}]"

    for path in sorted(source.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        path.write_text(_RELATED.sub(misspell, text, count=1), encoding="utf-8")
    return broken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10000)
    parser.add_argument("--broken", type=float, default=0.01)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run(
            [sys.executable, str(MAKE_CORPUS), "--terms", str(options.terms), "--out", str(corpus)],
            check=True,
            capture_output=True,
        )
        source = corpus / "glossary"
        broken = break_references(source, options.broken)
        config, _ = load_config(None, {})
        files, _ = find_term_files(source)
        jobs = default_jobs()
        converted = convert_terms(files, config, source, None, None, jobs)
        linked = link_mentions(
            converted.terms,
            converted.documents,
            enabled=config.autolink,
            directory_urls=config.directory_urls,
            run=lambda function, items: run_all(function, items, jobs),
        )
        times, cpu_times = [], []
        for _ in range(options.repeat):
            started, cpu = time.perf_counter(), time.process_time()
            _, problems = build_graph(converted.terms, linked.documents)
            times.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu)
    links = sum(len(document.links) for document in linked.documents.values())
    unknown = sum(p.code == "unknown-term" for p in problems)
    print(
        f"{options.terms} terms, {links} links between terms, {broken} broken related "
        f"entries, {unknown} unknown-term: graph stage best of {options.repeat}: "
        f"{min(cpu_times):.3f} s CPU, {min(times):.3f} s wall"
    )


if __name__ == "__main__":
    main()
