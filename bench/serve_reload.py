"""Benchmark of ``glossary-site serve``: save → page reloaded, and one edited term rebuilt.

    python bench/serve_reload.py [--terms 1000] [--edits 5] [--browser/--no-browser]

Writes the corpus with ../shared/bench/make_corpus.py (as compare.py does), starts the
preview in this process (in memory, one worker per core for the first build), opens a
term page in Debian's Chromium and, for each edit, appends a sentence to that term's
file and waits until the open page has reloaded and shows it. Printed per edit: the
wall time from the save to the reloaded page, and the server's own time (wall and CPU)
for the quick rebuild of the edited term; then the full rebuild that follows (index,
sitemaps, checks across terms). Not a test: the machine is shared, read the CPU times.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import _corpus  # the corpus as the build benchmark uses it

from glossary_site import Project
from glossary_site.pool import default_jobs
from glossary_site.serve import Preview

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def main() -> None:
    options = _options()
    work = Path(tempfile.mkdtemp(prefix="glossary-serve-bench-"))
    try:
        corpus = _corpus(options.terms, "glossary", work)
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
        try:
            if options.browser:
                _in_browser(preview, url, term, options.edits)
            else:
                _over_http(preview, term, options.edits)
        finally:
            preview.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _save(term: Path, number: int) -> str:
    marker = f"Benchmark sentence number {number} was saved."
    with term.open("a", encoding="utf-8") as file:
        file.write(f"\n{marker}\n")
    return marker


def _wait_full(preview: Preview) -> None:
    """Until the full rebuild after a quick one is done; prints its time."""
    state = preview.channel.state
    while preview.last is not None and preview.last.quick:
        state = preview.channel.wait(state.number, 120)
    if preview.last is not None:
        print(
            f"    full rebuild after it: {preview.last.seconds:.2f} s "
            f"(CPU {preview.last.cpu_seconds:.2f} s)"
        )


class _Announced(threading.Thread):
    """Waits for the next state the server publishes and notes when it came."""

    def __init__(self, preview: Preview) -> None:
        super().__init__(daemon=True)
        self.preview = preview
        self.seen = preview.channel.state.number
        self.at = 0.0
        self.start()

    def run(self) -> None:
        self.preview.channel.wait(self.seen, 120)
        self.at = time.perf_counter()


def _in_browser(preview: Preview, url: str, term: Path, edits: int) -> None:
    from playwright.sync_api import sync_playwright

    reloads, servers = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.goto(f"{url}{term.stem}/")
        for number in range(edits):
            page.wait_for_load_state("load")
            time.sleep(0.3)  # the page's poll is waiting again
            announced = _Announced(preview)
            marker = _save(term, number)
            saved = time.perf_counter()
            page.get_by_text(marker).wait_for(timeout=60_000)
            reloads.append(time.perf_counter() - saved)
            announced.join(10)
            print(
                f"  edit {number + 1}: save → rebuilt and announced by the server "
                f"{(announced.at - saved) * 1000:.0f} ms"
            )
            rebuilt = preview.last
            assert rebuilt is not None
            servers.append(rebuilt)
            print(
                f"  edit {number + 1}: save → page reloaded in Chromium "
                f"{reloads[-1] * 1000:.0f} ms; server {'quick' if rebuilt.quick else 'full'} "
                f"rebuild {rebuilt.seconds * 1000:.0f} ms (CPU {rebuilt.cpu_seconds * 1000:.0f} ms)"
            )
            _wait_full(preview)
        browser.close()
    _summary(reloads, [r.cpu_seconds for r in servers])


def _over_http(preview: Preview, term: Path, edits: int) -> None:
    from glossary_site.serve.handler import resolve

    times, servers = [], []
    for number in range(edits):
        announced = _Announced(preview)
        marker = _save(term, number).encode()
        saved = time.perf_counter()
        key = resolve(preview.site.files, preview.site.base_path, f"/{term.stem}/")
        while marker not in preview.site.files.get(key, b""):  # type: ignore[arg-type]
            time.sleep(0.005)
        times.append(time.perf_counter() - saved)
        announced.join(60)
        rebuilt = preview.last
        assert rebuilt is not None
        servers.append(rebuilt)
        print(
            f"  edit {number + 1}: save → edited page served {times[-1] * 1000:.0f} ms; "
            f"server {'quick' if rebuilt.quick else 'full'} rebuild "
            f"{rebuilt.seconds * 1000:.0f} ms (CPU {rebuilt.cpu_seconds * 1000:.0f} ms)"
        )
        _wait_full(preview)
    _summary(times, [r.cpu_seconds for r in servers])


def _summary(walls: list[float], cpus: list[float]) -> None:
    print(
        f"median: save → shown {statistics.median(walls) * 1000:.0f} ms wall; "
        f"server rebuild CPU {statistics.median(cpus) * 1000:.0f} ms"
    )


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--browser", action=argparse.BooleanOptionalAction, default=True)
    return parser.parse_args()


if __name__ == "__main__":
    main()
