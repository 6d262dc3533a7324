"""An incremental build after an edit gives what a cold build of the edited sources gives.

Black-box through ``build``: for each kind of edit (see patch_edits.py), a built site and
its cache are edited and built again, then the edited sources are built cold into a fresh
folder with a fresh cache; both sites must hold the same bytes, both reports the same
diagnostics and counts, and the incremental build must leave every unchanged file as it
was (same inode and mtime). Body-only edits must be *patched* (``Report.patched``), edits
of a term's public face and of other inputs must not be. Sources: the bundled glossary, a
generated corpus, and the same corpus with the search index in several shards.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary_site.write import MANIFEST_NAME
from tests.patch_bench import SOURCES, Bench, Source, StepResult, report_facts, tree_difference
from tests.patch_edits import Edit, edits
from tests.patch_picks import Picks, pick

EDITS = edits(Picks("", "", "", "", "", "", "", frozenset()))
BY_NAME = {source.name: source for source in SOURCES}
PATCHED = [name for name, steps in EDITS.items() if any(s.patched for s in steps)]
NOT_PATCHED = [name for name, steps in EDITS.items() if all(s.patched == 0 for s in steps)]
# Every edit on the bundled glossary; on the corpus (60 terms, 240 warnings) and on it in 8
# search shards, those whose risk grows there, to keep this file near a minute.
# GLOSSARY_PATCH_TESTS_ALL=1 runs every edit on every source.
EDITS_OF = {
    "bundled": list(EDITS),
    "corpus": [
        "append-sentence",
        "two-terms-in-turn",
        "line-above-warning",
        "strict-with-warnings",
        "summary-rewritten",
    ],
    "corpus-sharded": [
        *("append-sentence", "change-middle-word", "two-files", "edit-then-revert"),
        *("two-terms-in-turn", "body-then-title", "title-then-body", "newest-in-feed"),
        *("other-folder-between", "title", "new-term-file", "delete-term-file"),
        *("summary", "summary-then-body", "summary-two-files"),
    ],
}
if os.environ.get("GLOSSARY_PATCH_TESTS_ALL") == "1":
    EDITS_OF = {source.name: list(EDITS) for source in SOURCES}
CASES = [(source, name) for source, names in EDITS_OF.items() for name in dict.fromkeys(names)]


def _sources_with(edit: str) -> list[str]:
    return [source for source, names in EDITS_OF.items() if edit in names]


class Lab:
    """The session's benches (one per source, made when first used, in ``base``) and the
    outcome of each (source, edit), run once for all the tests that look at it."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.benches: dict[str, tuple[Bench, Picks]] = {}
        self.outcomes: dict[tuple[str, str], tuple[Edit, list[StepResult]]] = {}

    def bench(self, source: Source) -> tuple[Bench, Picks]:
        if source.name not in self.benches:
            base = self.base / source.name
            bench = Bench(source, base / "work", base / "snapshot")
            bench.make()
            self.benches[source.name] = bench, pick(bench.source_dir, bench.site_a)
        return self.benches[source.name]

    def outcome(self, source_name: str, edit_name: str) -> tuple[Edit, list[StepResult]]:
        key = (source_name, edit_name)
        if key not in self.outcomes:
            bench, picks = self.bench(BY_NAME[source_name])
            steps = edits(picks)[edit_name]
            self.outcomes[key] = steps, bench.run(steps)
        return self.outcomes[key]


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """In memory (/dev/shm) where there is one: each run removes ~1,000 folders, which
    costs about 1 ms each on ext4 and next to nothing on tmpfs."""
    fast = Path("/dev/shm")
    if fast.is_dir() and os.access(fast, os.W_OK):
        base = Path(tempfile.mkdtemp(prefix="glossary-patch-tests-", dir=fast))
    else:
        base = tmp_path_factory.mktemp("patch")
    try:
        yield Lab(base)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _assert_same_as_cold(result: StepResult) -> None:
    assert result.report_b is not None
    assert report_facts(result.report_a) == report_facts(result.report_b)
    if result.cold_written:
        assert result.after != result.before, "the edit changed nothing in the site"
        assert result.after == result.cold, tree_difference(result.after, result.cold)
        assert result.report_a.files_written == result.report_b.files_written
        assert result.report_a.files_written == len(result.after) - 1  # all but the manifest
    else:  # the cold build wrote nothing: the incremental one left site_a as it was
        assert result.after == result.before, tree_difference(result.after, result.before)
        assert result.report_a.files_written == result.report_b.files_written == 0
    assert MANIFEST_NAME in result.after


def _assert_unchanged_files_untouched(result: StepResult) -> None:
    same = [
        n for n in result.before.keys() & result.after.keys() if result.before[n] == result.after[n]
    ]
    moved = sorted(n for n in same if result.stats_before[n] != result.stats_after[n])
    assert moved == [], "files with the same bytes were written again"


@pytest.mark.parametrize(("source", "edit"), CASES)
def test_an_incremental_build_gives_the_cold_build_of_the_edited_sources(
    lab: Lab, source: str, edit: str
) -> None:
    _, results = lab.outcome(source, edit)
    for result in results:
        _assert_unchanged_files_untouched(result)
        if result.report_b is not None:
            _assert_same_as_cold(result)


def _patched(steps: Edit, results: list[StepResult]) -> tuple[list[int | None], list[int]]:
    """What the steps' builds must patch and what they patched (where a step says)."""
    said = [(s.patched, r) for s, r in zip(steps, results, strict=True) if s.patched is not None]
    return [p for p, _ in said], [getattr(r.report_a, "patched", 0) for _, r in said]


@pytest.mark.parametrize(("source", "edit"), [c for c in CASES if c[1] in PATCHED])
def test_a_body_only_edit_is_patched(lab: Lab, source: str, edit: str) -> None:
    expected, patched = _patched(*lab.outcome(source, edit))
    assert patched == expected


def _changed(result: StepResult) -> set[str]:
    before, after = result.before, result.after
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def _owned(name: str, slugs: tuple[str, ...]) -> bool:
    """Whether ``name`` is one of the files a body edit of ``slugs`` may change: the terms'
    own files, the search index, the manifest and the joined exports (glossary.csv, ...)."""
    own = any(name.startswith(f"{slug}/") or name == f"api/terms/{slug}.json" for slug in slugs)
    joined = "/" not in name and not name.endswith((".html", ".xml"))
    return own or joined or name.startswith("pagefind/")


@pytest.mark.parametrize(("source", "edit"), [c for c in CASES if c[1] in PATCHED])
def test_a_body_only_edit_changes_only_the_files_of_its_terms(
    lab: Lab, source: str, edit: str
) -> None:
    steps, results = lab.outcome(source, edit)
    for step, result in zip(steps, results, strict=True):
        if not step.patched:
            continue
        changed = _changed(result)
        if step.cards:  # and the pages that showed the terms' cards or link previews
            changed = {n for n in changed if not _showed(result.before.get(n), step.own)}
        assert sorted(n for n in changed if not _owned(n, step.own)) == []
        if step.cards:  # the teaser file of each term (a file of a few dozen terms' teasers)
            teasers = {n for n in changed if n.startswith("pagefind/teasers/")}
            assert 1 <= len(teasers) <= len(step.own), teasers
            changed -= teasers
        bundles = {_bundle(n) for n in changed if n.startswith("pagefind/")}
        assert len(bundles) <= len(step.own), bundles  # each term's own search shard


def _showed(page: bytes | None, slugs: tuple[str, ...]) -> bool:
    """Whether the page ``page`` links to a term of ``slugs`` (a card, a preview, a list)."""
    if page is None:
        return False
    return any(re.search(rf'["/]{slug}/"'.encode(), page) for slug in slugs)


def _bundle(name: str) -> str:
    """The search shard a file of pagefind/ belongs to: "shard-<n>" or "" (the first)."""
    part = name.split("/")[1]
    return part if part.startswith("shard-") else ""


@pytest.mark.parametrize(("source", "edit"), [c for c in CASES if c[1] in NOT_PATCHED])
def test_an_edit_of_the_public_face_or_other_inputs_is_not_patched(
    lab: Lab, source: str, edit: str
) -> None:
    expected, patched = _patched(*lab.outcome(source, edit))
    assert patched == expected == [0] * len(expected)


@pytest.mark.parametrize("source", _sources_with("body-then-nothing"))
def test_a_build_after_an_edit_build_is_the_short_cut(lab: Lab, source: str) -> None:
    _, (_, again) = lab.outcome(source, "body-then-nothing")
    assert again.report_a.files_written == 0
    assert again.after == again.before and again.stats_after == again.stats_before


@pytest.mark.parametrize("source", _sources_with("edit-then-revert"))
def test_an_edit_then_its_revert_gives_the_first_cold_build_again(lab: Lab, source: str) -> None:
    bench, _ = lab.bench(BY_NAME[source])
    _, (edited, reverted) = lab.outcome(source, "edit-then-revert")
    assert edited.after != bench.pristine
    assert reverted.after == bench.pristine, tree_difference(reverted.after, bench.pristine)
    assert bench.pristine_report is not None
    assert report_facts(reverted.report_a) == report_facts(bench.pristine_report)


@pytest.mark.parametrize("source", _sources_with("new-broken-link"))
def test_a_new_broken_link_fails_both_builds_and_leaves_the_site_as_it_was(
    lab: Lab, source: str
) -> None:
    _, (result,) = lab.outcome(source, "new-broken-link")
    assert not result.report_a.ok and not result.cold_written
    assert "broken-link" in {d.code for d in result.report_a.diagnostics}
    assert result.after == result.before and result.stats_after == result.stats_before


@pytest.mark.parametrize("source", _sources_with("strict-with-warnings"))
def test_a_strict_build_with_warnings_writes_nothing_as_a_cold_one(lab: Lab, source: str) -> None:
    _, (warned, strict) = lab.outcome(source, "strict-with-warnings")
    assert "h1-in-body" in {d.code for d in warned.report_a.diagnostics}
    assert strict.report_a.ok and not strict.cold_written
    assert strict.after == strict.before and strict.stats_after == strict.stats_before
    assert strict.report_a.files_written == 0


@pytest.mark.parametrize("source", _sources_with("line-above-warning"))
def test_a_line_inserted_above_a_warning_moves_the_warning(lab: Lab, source: str) -> None:
    _, (warned, moved) = lab.outcome(source, "line-above-warning")
    before, after = (
        [d.line for d in r.report_a.diagnostics if d.code == "h1-in-body"] for r in (warned, moved)
    )
    assert len(before) == 1 and after == [before[0] + 2]


@pytest.mark.parametrize("source", BY_NAME)
def test_each_source_has_a_sitemap_and_a_feed(lab: Lab, source: str) -> None:
    bench, _ = lab.bench(BY_NAME[source])
    assert {"sitemap.xml", "feed.xml"} <= bench.pristine.keys()


def test_the_sharded_corpus_has_several_search_shards(lab: Lab) -> None:
    bench, _ = lab.bench(BY_NAME["corpus-sharded"])
    shards = {name.split("/")[1] for name in bench.pristine if name.startswith("pagefind/shard-")}
    assert len(shards) >= 2, shards
