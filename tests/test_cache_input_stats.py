"""The whole-build short cut reads only input files whose status changed (as git's index)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import pytest

from glossary_site import Project, build
from glossary_site.cache import Store
from glossary_site.cache import input_stats as input_stats_module
from glossary_site.cache.input_stats import KIND, InputStats, load_stats, save_stats
from glossary_site.cache.inputs import inputs_digest
from glossary_site.config import SiteConfig
from tests.conftest import WriteGlossary, term_file

TODAY = dt.date(2026, 1, 2)


def digest(folder: Path, stats: InputStats) -> str | None:
    return inputs_digest(SiteConfig(), None, [("source", folder)], TODAY, stats)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    source = tmp_path / "glossary"
    source.mkdir()
    for name in ("a.md", "b.md", "c.md"):
        (source / name).write_text(f"text of {name}\n")
    return source


def test_files_whose_status_is_known_are_not_read_again(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(input_stats_module, "RACY_NS", 0)
    first = InputStats()
    before = digest(folder, first)
    assert first.read == 3
    second = first.again()
    assert digest(folder, second) == before
    assert second.read == 0
    assert digest(folder, InputStats()) == before  # the same digest as reading everything


def test_an_edit_that_keeps_the_size_and_the_mtime_is_still_seen(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(input_stats_module, "RACY_NS", 0)
    stats = InputStats()
    before = digest(folder, stats)
    path = folder / "b.md"
    info = path.stat()
    path.write_text("TEXT of b.md\n")  # same size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # mtime put back; ctime moves
    again = stats.again()
    assert digest(folder, again) != before
    assert again.read == 1


def test_files_changed_within_the_racy_window_are_read_again(folder: Path) -> None:
    stats = InputStats()
    before = digest(folder, stats)
    again = stats.again()
    assert digest(folder, again) == before
    assert again.read == 3  # just written: their times prove nothing yet


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        b"[1, 2]",
        b'{"a": [1, 2, 3]}',
        b'{"a": [1, 2, 3, 4, "zz"]}',
        b'{"a": [1, 2, 3, -4, "' + b"0" * 64 + b'"]}',
        b'{"a": [1, 2, 3, 4, "' + b"0" * 62 + b'"]}',
    ],
)
def test_a_table_that_does_not_fit_is_ignored(tmp_path: Path, payload: bytes) -> None:
    store = Store(tmp_path / "cache")
    store.put(KIND, "k" * 64, payload)
    assert load_stats(store, "k" * 64).known == {}


def test_a_saved_table_is_loaded_as_it_was_saved(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(input_stats_module, "RACY_NS", 0)
    store = Store(tmp_path / "cache")
    stats = InputStats()
    digest(folder, stats)
    save_stats(store, "k" * 64, stats, InputStats())
    assert load_stats(store, "k" * 64).known == stats.seen


def test_a_warm_build_reads_no_input_file(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(input_stats_module, "RACY_NS", 0)
    project: Project = write_glossary({"a.md": term_file("Alpha"), "b.md": term_file("Beta")})
    project = dataclasses.replace(project, cache_dir=tmp_path / ".cache")
    site = tmp_path / "site"
    assert build(project, site).files_written > 0
    reads: list[str] = []
    note = InputStats.note
    monkeypatch.setattr(
        InputStats, "note", lambda self, path, *rest: reads.append(path) or note(self, path, *rest)
    )
    assert build(project, site).files_written == 0
    assert reads == []
    (project.source_dir / "a.md").write_text(term_file("Alpha", body="Edited."))
    assert build(project, site).files_written > 0
    assert sorted(set(reads)) == [str(project.source_dir / "a.md")]
