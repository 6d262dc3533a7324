"""The output side alone at any size: index page, sitemaps and the write stage.

    python bench/output_time.py --terms 100000 [--page-bytes 14000]

Builds a stand-in graph (titles, slugs, summaries, dates as make_corpus writes them;
no Markdown), renders the index page and the sitemap(s) with the default templates,
then writes a site of that many pages of ``--page-bytes`` each (the size of a term page
at 10,000 terms) three times into one folder: cold (empty folder), warm (nothing
changed: every file hard-linked) and one edit (one page changed). Prints seconds, sizes
and the peak memory of this process.
"""

from __future__ import annotations

import argparse
import datetime
import random
import resource
import tempfile
import time
from pathlib import Path, PurePosixPath
from types import SimpleNamespace

from glossary_site.config import SiteConfig
from glossary_site.render import Sitemaps, _Pages, make_environment
from glossary_site.write import write_site

WORDS = [
    "agile",
    "alert",
    "budget",
    "cache",
    "delta",
    "edge",
    "flow",
    "gate",
    "host",
    "index",
    "journal",
    "kernel",
    "ledger",
]


def stand_in_graph(terms: int) -> SimpleNamespace:
    rng = random.Random(1)
    nodes = {}
    for n in range(terms):
        words = [rng.choice(WORDS).capitalize() for _ in range(rng.randint(2, 3))]
        title = f"{' '.join(words)} {n}"
        slug = title.lower().replace(" ", "-")
        summary = " ".join(rng.choice(WORDS) for _ in range(16)).capitalize() + "."
        term = SimpleNamespace(
            title=title,
            slug=slug,
            status=SimpleNamespace(value="stable"),
            updated=datetime.date(2026, 1, 1) + datetime.timedelta(days=n % 300),
            aliases=(),
        )
        nodes[slug] = SimpleNamespace(term=term, document=SimpleNamespace(summary=summary))
    return SimpleNamespace(nodes=dict(sorted(nodes.items())))


def timed(label: str, action: object) -> object:
    started = time.perf_counter()
    result = action() if callable(action) else None
    print(f"{label:<44} {time.perf_counter() - started:8.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=100_000)
    parser.add_argument("--page-bytes", type=int, default=14_000)
    options = parser.parse_args()
    graph = stand_in_graph(options.terms)
    config = SiteConfig(base_url="https://example.org/")
    pages = _Pages(graph, config, make_environment(None), "v")  # type: ignore[arg-type]
    index = timed("index page", pages.index)
    assert isinstance(index, bytes)
    print(f"{'  index.html bytes':<44} {len(index):>10,}")
    sitemaps = timed("sitemap(s)", Sitemaps(pages, 50_000, 50 * 2**20).files)
    assert isinstance(sitemaps, dict)
    for name, data in sitemaps.items():
        print(f"  {name:<42} {len(data):>10,} bytes")
    filler = bytes(rng_bytes(options.page_bytes))
    outputs = {PurePosixPath(slug, "index.html"): slug.encode() + filler for slug in graph.nodes}
    with tempfile.TemporaryDirectory(dir=".") as tmp:
        site = Path(tmp) / "site"
        timed(f"write {len(outputs):,} pages, cold", lambda: write_site(outputs, site))
        timed("write again, nothing changed (all linked)", lambda: write_site(outputs, site))
        first = next(iter(outputs))
        outputs[first] = b"changed " + outputs[first]
        timed("write again, one page changed", lambda: write_site(outputs, site))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory (MiB)':<44} {peak:8.0f}")


def rng_bytes(size: int) -> bytes:
    return random.Random(2).randbytes(size)


if __name__ == "__main__":
    main()
