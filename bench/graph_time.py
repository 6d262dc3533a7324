"""Time of the graph stage alone, with some references broken on purpose.

    python bench/graph_time.py [--terms 10000] [--broken 0.01] [--repeat 3]

Writes a corpus with ../shared/bench/make_corpus.py, misspells ``--broken`` of all
``related`` entries (each a miss that needs a did-you-mean hint), reads and renders
the terms once, then times ``build_graph`` ``--repeat`` times and prints the best.
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

from glossary_site import Project
from glossary_site.build import _render_documents
from glossary_site.config import load_config
from glossary_site.graph import build_graph
from glossary_site.load import find_term_files, load_terms
from glossary_site.schema import parse_term

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
        project = Project(source)
        config, _ = load_config(None, dict(project.overrides))
        raws, _ = load_terms(find_term_files(source))
        terms = tuple(t for t in (parse_term(raw)[0] for raw in raws) if t is not None)
        documents, _ = _render_documents(terms, config)
        times = []
        for _ in range(options.repeat):
            started = time.perf_counter()
            _, problems = build_graph(terms, documents)
            times.append(time.perf_counter() - started)
    unknown = sum(p.code == "unknown-term" for p in problems)
    print(
        f"{options.terms} terms, {broken} broken related entries, {unknown} unknown-term: "
        f"graph stage best of {options.repeat}: {min(times):.2f} s"
    )


if __name__ == "__main__":
    main()
