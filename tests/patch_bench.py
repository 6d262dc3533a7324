"""A workbench for the patch-build equivalence tests (test_build_patch_equivalence.py).

A source glossary is built once per session into ``site_a`` with its cache ``cache_a``,
in a folder whose path never changes (the cache's keys hold the source folder's path),
and kept as a snapshot. Each run puts the snapshot back in that folder, builds once
without a change (the copy has new inodes, so this build is the last build of the
folder whose stamps hold), then applies an edit in steps: after each step an
incremental build of ``site_a`` with ``cache_a`` and, where asked, a cold build of the
same sources into a fresh ``site_b`` with a fresh cache folder to compare it with.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import glossary_site.search.shards
from glossary_site import Project, build
from glossary_site.build import Report
from glossary_site.write import MANIFEST_NAME
from tests.conftest import BUNDLED_CONFIG, BUNDLED_SOURCE, REPO

MAKE_CORPUS = REPO.parent / "shared" / "bench" / "make_corpus.py"
CORPUS_TERMS = 60
# make_corpus wraps long front-matter lines at hyphens, which splits some link targets
# ("../device-\n  domain/" folds to "../device- domain/"): joined back, as bench/compare.py does.
WRAPPED_LINK = re.compile(r"(\]\([^)\s]*-)\n +")
CORPUS_CONFIG = 'title = "Generated Glossary"\nbase_url = "https://example.org/g/"\n'


@dataclass(frozen=True)
class Source:
    name: str
    shard_terms: int | None = None  # glossary_site.search.shards.SHARD_TERMS during builds


SOURCES = (Source("bundled"), Source("corpus"), Source("corpus-sharded", shard_terms=8))


@contextlib.contextmanager
def shard_terms(source: Source) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        if source.shard_terms is not None:
            patch.setattr(glossary_site.search.shards, "SHARD_TERMS", source.shard_terms)
        yield


def write_sources(source: Source, root: Path) -> None:
    """The source glossary and its glossary.toml in ``root``."""
    if source.name == "bundled":
        shutil.copytree(BUNDLED_SOURCE, root / "glossary")
        shutil.copy2(BUNDLED_CONFIG, root / "glossary.toml")
        return
    if not MAKE_CORPUS.is_file():
        pytest.skip(f"the corpus generator is not at {MAKE_CORPUS} (it lives outside the repo)")
    command = [sys.executable, str(MAKE_CORPUS), "--terms", str(CORPUS_TERMS), "--out", str(root)]
    subprocess.run(command, check=True, capture_output=True)
    for path in (root / "glossary").glob("*.md"):
        path.write_text(WRAPPED_LINK.sub(r"\1", path.read_text("utf-8")), "utf-8")
    (root / "glossary.toml").write_text(CORPUS_CONFIG, "utf-8")


def files_of(site: Path) -> dict[str, bytes]:
    if not site.is_dir():
        return {}
    found = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
    return {name: found[name].read_bytes() for name in sorted(found)}


def stats_of(site: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in site.rglob("*")
        if p.is_file()
    }


def tree_difference(got: dict[str, bytes], expected: dict[str, bytes], limit: int = 30) -> str:
    """The files that differ, and the first lines of a diff of the first text one."""
    only_got = sorted(got.keys() - expected.keys())
    only_expected = sorted(expected.keys() - got.keys())
    differ = sorted(n for n in got.keys() & expected.keys() if got[n] != expected[n])
    lines = [f"only in the incremental site: {only_got}", f"only in the cold site: {only_expected}"]
    lines.append(f"different bytes: {differ}")
    for name in differ:
        if name == MANIFEST_NAME:
            continue
        try:
            a, b = got[name].decode().splitlines(), expected[name].decode().splitlines()
        except UnicodeDecodeError:
            continue
        diff = difflib.unified_diff(b, a, f"cold/{name}", f"incremental/{name}", lineterm="", n=1)
        lines += [line[:200] for line in list(diff)[:limit]]
        break
    return "\n".join(lines)


def report_facts(report: Report) -> tuple[object, ...]:
    diagnostics = tuple(dataclasses.astuple(d) for d in report.diagnostics)
    return diagnostics, report.term_count, report.draft_count, report.ok


Change = Callable[["Bench"], None]


@dataclass(frozen=True)
class Step:
    change: Change
    cold: bool = True  # compare with a cold build of the sources after this step
    strict: bool = False
    patched: int | None = None  # what the build's Report.patched must be; None: no claim
    own: tuple[str, ...] = ()  # the terms a body-only step changes
    cards: bool = False  # it changes their teasers: the pages showing them change too


@dataclass
class StepResult:
    report_a: Report
    before: dict[str, bytes]  # site_a before the incremental build
    after: dict[str, bytes]
    stats_before: dict[str, tuple[int, int]]
    stats_after: dict[str, tuple[int, int]]
    report_b: Report | None = None
    cold: dict[str, bytes] = field(default_factory=dict)
    cold_written: bool = False  # whether the cold build made site_b


class Bench:
    """One source glossary at a fixed path, restored from its snapshot for each run."""

    def __init__(self, source: Source, root: Path, snapshot: Path) -> None:
        self.source, self.root, self.snapshot = source, root, snapshot
        self.pristine: dict[str, bytes] = {}
        self.pristine_report: Report | None = None
        self.runs = 0

    @property
    def source_dir(self) -> Path:
        return self.root / "glossary"

    @property
    def site_a(self) -> Path:
        return self.root / "site_a"

    def project(self, cache: str = "cache_a") -> Project:
        root = self.root
        return Project(
            root / "glossary",
            root / "glossary.toml",
            root / "templates",
            root / "static",
            cache_dir=root / cache,
        )

    def make(self) -> None:
        """Write the sources, build them cold into site_a, keep everything as the snapshot."""
        for folder in (self.root, self.snapshot):  # a make that failed or skipped
            shutil.rmtree(folder, ignore_errors=True)
        self.root.mkdir(parents=True)
        write_sources(self.source, self.root)
        with shard_terms(self.source):
            self.pristine_report = build(self.project(), self.site_a)
        assert self.pristine_report.ok, [d.format() for d in self.pristine_report.diagnostics]
        self.pristine = files_of(self.site_a)
        shutil.copytree(self.root, self.snapshot, symlinks=True)

    def restore(self) -> None:
        shutil.rmtree(self.root)
        shutil.copytree(self.snapshot, self.root, symlinks=True)

    def text(self, slug: str) -> str:
        return (self.source_dir / f"{slug}.md").read_text("utf-8")

    def write(self, slug: str, text: str) -> None:
        (self.source_dir / f"{slug}.md").write_text(text, "utf-8")

    def run(self, steps: tuple[Step, ...]) -> list[StepResult]:
        """Restore, build once unchanged, then each step: change, incremental build, and
        a cold build into a fresh folder where the step asks for one."""
        self.restore()
        results = []
        with shard_terms(self.source):
            primed = build(self.project(), self.site_a)
            assert primed.ok, [d.format() for d in primed.diagnostics]
            for number, step in enumerate(steps):
                step.change(self)  # may change site_a by hand: "before" is after it
                before, stats_before = files_of(self.site_a), stats_of(self.site_a)
                report = build(self.project(), self.site_a, strict=step.strict)
                result = StepResult(
                    report, before, files_of(self.site_a), stats_before, stats_of(self.site_a)
                )
                if step.cold:
                    site_b = self.root / f"site_b{number}"
                    cold_project = self.project(f"cache_b{number}")
                    result.report_b = build(cold_project, site_b, strict=step.strict)
                    result.cold_written = site_b.exists()
                    result.cold = files_of(site_b)
                results.append(result)
        self.runs += 1
        return results
