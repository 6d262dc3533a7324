"""CPU time of the passes across terms (graph, related cards, taxonomy, references, lint,
sorting and printing the report) on a large corpus, without converting its Markdown.

    python bench/cross_term.py PROJECT_DIR [PROJECT_DIR ...] [--jobs 2]

PROJECT_DIR holds glossary/ and maybe glossary.toml; it is only read.

Each term is read and parsed (in ``--jobs`` processes); its document is a stand-in with
the links its Markdown writes to other terms (``](../slug/)``, as make_corpus writes
them) and no text, so a 100,000-term corpus is ready in about a minute instead of the
20 minutes its conversion takes. Auto-linked mentions are not made, so the graph has
fewer edges than in a build. Each pass runs once, in this process, in the order of the
pipeline (under cProfile with ``--profiles DIR``); its CPU time (user + sys) is printed
per corpus, with the growth of each pass from one corpus to the next: a pass that grows
much faster than the number of terms does work that is not linear in it.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import itertools
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from glossary_site.cache.mentions import lint_cached
from glossary_site.config import SiteConfig, load_config
from glossary_site.diagnostics import Diagnostic, sort_diagnostics
from glossary_site.graph import build_graph
from glossary_site.inputs import MAX_TERM_BYTES, InputFile, read_found
from glossary_site.load import RawTerm, find_term_files, load_term
from glossary_site.markup import Document, TermLink
from glossary_site.markup.links import build_index
from glossary_site.pool import run_all
from glossary_site.references import check_references
from glossary_site.related import with_related
from glossary_site.schema import Term, parse_term
from glossary_site.taxonomy import build_taxonomy, page_clashes

_LINK_RE = re.compile(r"\]\(\.\./([a-z0-9-]+)/\)")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime


def _parse(file: InputFile) -> Term | None:
    data = read_found(file, MAX_TERM_BYTES)
    raw = load_term(file.path, data) if isinstance(data, bytes) else None
    return parse_term(raw)[0] if isinstance(raw, RawTerm) else None


def stand_in(term: Term) -> Document:
    """The term's document with only its links to other terms (by the line they are on)."""
    links = []
    for number, line in enumerate(term.body.split("\n"), term.body_line):
        links += [TermLink(match.group(1), number) for match in _LINK_RE.finditer(line)]
    return Document(term.slug, "", term.summary, "", (), tuple(links))


def measure(project: Path, jobs: int, profiles: Path | None = None) -> dict[str, Any]:
    config_path = project / "glossary.toml"
    config, _ = load_config(config_path if config_path.exists() else None, {})
    source = project / "glossary"
    spent: dict[str, float] = {}

    def timed(name: str, function: Callable[..., Any], *args: Any) -> Any:
        profile = cProfile.Profile() if profiles else None
        cpu = cpu_seconds()
        result = profile.runcall(function, *args) if profile else function(*args)
        spent[name] = cpu_seconds() - cpu
        if profile and profiles:
            profile.dump_stats(profiles / f"{len(terms_seen)}-{name.replace(' ', '-')}.prof")
        return result

    files, _ = find_term_files(source)
    terms_seen = files  # names the profiles by the number of term files
    parsed = timed("read and parse", run_all, _parse, files, jobs)
    terms = tuple(term for term in parsed if term is not None)
    documents = timed("stand-in documents", lambda: {t.src_path: stand_in(t) for t in terms})
    index = build_index(
        source,
        None,
        ((t.src_path, t.slug, (t.title, *(a.text for a in t.aliases))) for t in terms),
        base_path=config.base_path,
        directory_urls=config.directory_urls,
    )
    graph, problems = timed("build_graph", build_graph, terms, documents)
    graph = timed("with_related", _related, graph, config)
    taxonomy, more = timed("build_taxonomy", build_taxonomy, graph, config.language)
    split = len(graph.nodes) > config.index_split_at
    clashes = timed("page_clashes", page_clashes, graph, taxonomy, split)
    _, references = timed(
        "check_references", check_references, terms, documents, graph, index, config.language
    )
    found, _ = timed("lint", lint_cached, graph, config, dt.date.today(), None, "")
    everything = (*problems, *more, *clashes, *references, *found)
    ordered = timed("sort_diagnostics", sort_diagnostics, everything)
    text = timed("print the report", _report_text, ordered)
    edges = sum(len(n.referenced_by) for n in graph.nodes.values())
    return {
        "terms": len(terms),
        "edges": edges,
        "diagnostics": len(ordered),
        "report_bytes": len(text),
        "spent": spent,
    }


def _related(graph: Any, config: SiteConfig) -> Any:
    return with_related(graph, config.related_terms, config.autolink, config.language)


def _report_text(diagnostics: tuple[Diagnostic, ...]) -> str:
    cwd = Path.cwd()
    return "\n".join(diagnostic.format(cwd) for diagnostic in diagnostics)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", type=Path, nargs="+")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--profiles", type=Path, help="write a cProfile of each pass here")
    options = parser.parse_args()
    if options.profiles:
        options.profiles.mkdir(parents=True, exist_ok=True)
    runs = []
    for project in options.projects:
        started = time.perf_counter()
        run = measure(project, options.jobs, options.profiles)
        run["wall"] = time.perf_counter() - started
        runs.append(run)
        print(
            f"{project}: {run['terms']:,} terms, {run['edges']:,} backlinks, "
            f"{run['diagnostics']:,} diagnostics, {run['wall']:.0f} s wall",
            file=sys.stderr,
        )
    header = "| pass | " + " | ".join(f"{r['terms']:,} terms (CPU s)" for r in runs)
    growth = [f"growth {b['terms'] // a['terms']}× terms" for a, b in itertools.pairwise(runs)]
    print(header + "".join(f" | {g}" for g in growth) + " |")
    print("|---" * (1 + len(runs) + len(growth)) + "|")
    for name in runs[0]["spent"]:
        cells = [run["spent"][name] for run in runs]
        ratios = [f"{b / a:.1f}×" if a > 0.002 else "–" for a, b in itertools.pairwise(cells)]
        shown = " | ".join(f"{c:.3f}" for c in cells)
        print(f"| {name} | {shown}" + "".join(f" | {r}" for r in ratios) + " |")


if __name__ == "__main__":
    main()
