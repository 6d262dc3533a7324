"""Benchmark of ``glossary-site serve``: save → page reloaded, and one edited term rebuilt.

    python bench/serve_reload.py [--terms 1000] [--edits 5] [--during-full 2]
                                 [--browser/--no-browser]

Writes the corpus with ../shared/bench/make_corpus.py (as compare.py does), starts the
preview in this process (in memory, one worker per core for the first build), opens a
term page in Debian's Chromium and, for each edit, appends a sentence to that term's
file and waits until the open page has reloaded and shows it. Printed per edit: the
wall time from the save to the reloaded page, and the server's own time (wall, and CPU of
the thread that did it) for the quick rebuild of the edited term; then the full rebuild
that follows (index, sitemaps, checks across terms). ``--during-full`` more saves are
each made while a follow-up full rebuild runs (they cancel it). Ends with one line per
target (``TARGET …: MET`` or ``NOT MET``) and the load average. Not a test: on a
shared machine read the CPU times.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import _corpus  # the corpus as the build benchmark uses it

from glossary_site import Project
from glossary_site.diagnostics import Diagnostic
from glossary_site.pool import default_jobs
from glossary_site.serve import Preview
from glossary_site.serve.reload import LiveState
from glossary_site.serve.site import Rebuilt

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def main() -> None:
    options = _options()
    work = Path(tempfile.mkdtemp(prefix="glossary-serve-bench-"))
    try:
        corpus = _corpus(options.terms, "glossary", options.corpus_dir or work)
        project_dir = Path(shutil.copytree(corpus, work / "project"))
        project = Project(
            project_dir / "glossary",
            None,
            project_dir / "templates",
            project_dir / "static",
            jobs=default_jobs(),
        )
        printed: list[str] = []
        preview = Preview(project, 0, printed.append, project_dir)
        started, cpu = time.perf_counter(), time.process_time()
        url = preview.start()
        print(
            f"{options.terms:,} terms: first build {time.perf_counter() - started:.1f} s "
            f"(CPU of this process {time.process_time() - cpu:.1f} s, workers not counted)"
        )
        assert preview.watching.wait(30)
        term = min((project_dir / "glossary").glob("*.md"))
        cpu_start = time.process_time()
        try:
            if options.browser:
                results = _in_browser(preview, url, term, options)
            else:
                results = _over_http(preview, term, options)
        finally:
            preview.stop()
        _summary(results, options, cpu_start)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _save(term: Path, number: int) -> str:
    marker = f"Benchmark sentence number {number} was saved."
    with term.open("a", encoding="utf-8") as file:
        file.write(f"\n{marker}\n")
    return marker


class _Published:
    """Every state the server publishes, with when: (perf_counter, Rebuilt)."""

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        self.seen: list[tuple[float, Rebuilt]] = []
        self._publish = preview.channel.publish
        preview.channel.publish = self._note  # type: ignore[method-assign]

    def _note(self, site_changed: bool, problems: tuple[Diagnostic, ...]) -> LiveState:
        state = self._publish(site_changed, problems)
        assert self.preview.last is not None
        self.seen.append((time.perf_counter(), self.preview.last))
        return state

    def first_after(self, saved: float) -> tuple[float, Rebuilt]:
        """The first state published after ``saved`` (waits for it)."""
        deadline = time.perf_counter() + 120
        while time.perf_counter() < deadline:
            for at, rebuilt in list(self.seen):
                if at > saved:
                    return at, rebuilt
            time.sleep(0.002)
        raise TimeoutError("nothing published within 120 s")

    def wait_full(self, saved: float) -> Rebuilt:
        """The full rebuild published after ``saved`` (waits for it); prints its time."""
        deadline = time.perf_counter() + 1800
        while time.perf_counter() < deadline:
            fulls = [r for at, r in list(self.seen) if at > saved and not r.quick]
            if fulls:
                print(
                    f"    full rebuild after it: {fulls[0].seconds:.2f} s "
                    f"(CPU {fulls[0].cpu_seconds:.2f} s)"
                )
                return fulls[0]
            time.sleep(0.01)
        raise TimeoutError("no full rebuild within 1800 s")


def _start_full(preview: Preview, term: Path, number: int) -> None:
    """A save, then until the full rebuild that follows it is under way (the next save
    is made during it)."""
    count = preview.follow.events.count("full-started")
    _save(term, 1000 + number)
    while preview.follow.events.count("full-started") == count:
        time.sleep(0.002)
    time.sleep(0.05)  # well inside it


@dataclass
class _Results:
    shown: list[float] = field(default_factory=list)  # save → shown, seconds
    quick_wall: list[float] = field(default_factory=list)
    quick_cpu: list[float] = field(default_factory=list)
    during_full: list[float] = field(default_factory=list)  # save during the full → shown
    full_cpu: list[float] = field(default_factory=list)


def _in_browser(preview: Preview, url: str, term: Path, options: argparse.Namespace) -> _Results:
    from playwright.sync_api import sync_playwright

    published = _Published(preview)
    results = _Results()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.goto(f"{url}{term.stem}/")
        for number in range(options.edits + options.during_full):
            during = number >= options.edits
            page.wait_for_load_state("load")
            time.sleep(0.3)  # the page's poll is waiting again
            if during:
                _start_full(preview, term, number)
            marker = _save(term, number)
            saved = time.perf_counter()
            page.get_by_text(marker).wait_for(timeout=60_000)
            shown = time.perf_counter() - saved
            at, rebuilt = published.first_after(saved)
            (results.during_full if during else results.shown).append(shown)
            _note_quick(results, rebuilt)
            print(
                f"  edit {number + 1}{' (during the full rebuild)' if during else ''}: "
                f"save → announced {(at - saved) * 1000:.0f} ms, → page reloaded in Chromium "
                f"{shown * 1000:.0f} ms; server {_kind(rebuilt)} {rebuilt.seconds * 1000:.0f} ms "
                f"(CPU {rebuilt.cpu_seconds * 1000:.0f} ms)"
            )
            if not during or number == options.edits + options.during_full - 1:
                results.full_cpu.append(published.wait_full(saved).cpu_seconds)
        browser.close()
    return results


def _over_http(preview: Preview, term: Path, options: argparse.Namespace) -> _Results:
    from glossary_site.serve.handler import resolve

    published = _Published(preview)
    results = _Results()
    for number in range(options.edits + options.during_full):
        during = number >= options.edits
        if during:
            _start_full(preview, term, number)
        marker = _save(term, number).encode()
        saved = time.perf_counter()
        key = resolve(preview.site.files, preview.site.base_path, f"/{term.stem}/")
        while marker not in preview.site.files.get(key, b""):  # type: ignore[arg-type]
            time.sleep(0.002)
        shown = time.perf_counter() - saved
        (results.during_full if during else results.shown).append(shown)
        _, rebuilt = published.first_after(saved)
        _note_quick(results, rebuilt)
        print(
            f"  edit {number + 1}{' (during the full rebuild)' if during else ''}: "
            f"save → edited page served {shown * 1000:.0f} ms; server {_kind(rebuilt)} "
            f"{rebuilt.seconds * 1000:.0f} ms (CPU {rebuilt.cpu_seconds * 1000:.0f} ms)"
        )
        if not during or number == options.edits + options.during_full - 1:
            results.full_cpu.append(published.wait_full(saved).cpu_seconds)
    return results


def _note_quick(results: _Results, rebuilt: Rebuilt) -> None:
    if rebuilt.quick:
        results.quick_wall.append(rebuilt.seconds)
        results.quick_cpu.append(rebuilt.cpu_seconds)


def _kind(rebuilt: Rebuilt) -> str:
    return "quick rebuild" if rebuilt.quick else "FULL rebuild (quick path not taken)"


def _ms(values: list[float]) -> str:
    if not values:
        return "n/a"
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return f"median {statistics.median(values) * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms"


def _summary(results: _Results, options: argparse.Namespace, cpu_start: float) -> None:
    """One line per target of issue #10, and the load the numbers were taken under."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    cores = os.cpu_count()
    print(f"load average {load} on {cores} cores; quick rebuild (server) {_ms(results.quick_wall)}")
    print(f"quick rebuild CPU {_ms(results.quick_cpu)}; full rebuild CPU {_ms(results.full_cpu)}")
    if options.browser:
        median = statistics.median(results.shown)
        verdict = "MET" if median < 0.3 else "NOT MET"
        print(
            f"TARGET save → page reloaded in Chromium < 300 ms at {options.terms:,} terms: "
            f"{_ms(results.shown)} over {len(results.shown)} edits: {verdict}"
        )
    else:
        worst = max(results.quick_wall, default=float("inf"))
        verdict = "MET" if worst < 0.5 else "NOT MET"
        print(
            f"TARGET one edited term rebuilt < 0.5 s at {options.terms:,} terms: "
            f"server wall {_ms(results.quick_wall)} (CPU {_ms(results.quick_cpu)}); "
            f"save → served {_ms(results.shown)}: {verdict}"
        )
    if results.during_full:
        worst = max(results.during_full)
        verdict = "MET" if worst < (0.3 if options.browser else 0.5) else "NOT MET"
        print(
            f"TARGET a save during the full rebuild does not wait for it: save → shown "
            f"{_ms(results.during_full)} over {len(results.during_full)} saves: {verdict}"
        )
    print(f"(CPU of this process during the edits: {time.process_time() - cpu_start:.1f} s)")


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--browser", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument(
        "--corpus-dir", type=Path, help="where corpora are kept between runs (made once)"
    )
    parser.add_argument(
        "--during-full", type=int, default=2, help="saves made while a full rebuild runs"
    )
    return parser.parse_args()


if __name__ == "__main__":
    main()
