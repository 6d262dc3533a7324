"""Pagefind's private scratch folder: in memory (tmpfs) when the system has one with room,
in the system's temporary folder otherwise; the bundle is the same either way."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from glossary_site.search import pagefind as pagefind_module
from glossary_site.search.pagefind import run_pagefind

DOCUMENT = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Epic</title></head>'
    '<body><main data-pagefind-body data-pagefind-meta="slug:epic"><h1>Epic</h1>'
    "<p>A large story.</p></main></body></html>\n"
)
DOCUMENTS = {PurePosixPath("epic", "index.html"): DOCUMENT}


def memory_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spare: int = 0) -> Path:
    """A memory folder for Pagefind's scratch folders, with ``spare`` bytes kept free."""
    memory = tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(pagefind_module, "MEMORY_FOLDER", str(memory))
    monkeypatch.setattr(pagefind_module, "MEMORY_SPARE_BYTES", spare)
    return memory


def watch_folders(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folder each Pagefind run works in, from now on."""
    folders: list[Path] = []
    real = pagefind_module._start

    def start(command: list[str], work_dir: Path) -> object:
        folders.append(work_dir)
        return real(command, work_dir)

    monkeypatch.setattr(pagefind_module, "_start", start)
    return folders


def test_the_scratch_folder_is_in_memory_when_it_has_room(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory = memory_folder(tmp_path, monkeypatch)
    folders = watch_folders(monkeypatch)

    in_memory = run_pagefind(DOCUMENTS)

    assert [folder.parent for folder in folders] == [memory]
    assert list(memory.iterdir()) == [], "the folder is removed after the run"
    monkeypatch.setattr(pagefind_module, "MEMORY_FOLDER", str(tmp_path / "absent"))
    assert run_pagefind(DOCUMENTS) == in_memory
    assert folders[1].parent != memory


def test_a_memory_folder_without_room_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory = memory_folder(tmp_path, monkeypatch, spare=1 << 62)
    folders = watch_folders(monkeypatch)

    assert PurePosixPath("pagefind.js") in run_pagefind(DOCUMENTS)

    assert len(folders) == 1 and folders[0].parent != memory


def test_a_memory_folder_that_fills_up_falls_back_to_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory = memory_folder(tmp_path, monkeypatch)
    real = pagefind_module._write_documents
    folders = watch_folders(monkeypatch)

    def full(site_dir: str, documents: dict[PurePosixPath, bytes]) -> None:
        if site_dir.startswith(str(memory)):
            raise OSError(28, "No space left on device")
        real(site_dir, documents)

    monkeypatch.setattr(pagefind_module, "_write_documents", full)

    assert PurePosixPath("pagefind.js") in run_pagefind(DOCUMENTS)
    assert len(folders) == 1 and folders[0].parent != memory
    assert list(memory.iterdir()) == [], "the memory folder's attempt is removed"


def test_a_started_run_goes_on_while_the_caller_works_and_cancel_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory = memory_folder(tmp_path, monkeypatch)

    started = pagefind_module.start_pagefind(DOCUMENTS)
    assert len(list(memory.iterdir())) == 1, "the documents are written before it returns"
    assert started.result() == run_pagefind(DOCUMENTS)
    assert list(memory.iterdir()) == []

    cancelled = pagefind_module.start_pagefind(DOCUMENTS)
    cancelled.cancel()
    assert list(memory.iterdir()) == [], "a cancelled run's folder is removed"


def test_scratch_folders_a_killed_build_left_are_removed_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build killed during a run leaves its scratch folder (in memory: room taken until
    reboot); the next run there removes ours that are an hour old, nothing else."""
    import os
    import time

    memory = memory_folder(tmp_path, monkeypatch)
    hour_ago = time.time() - 2 * 3600
    stale = memory / f"{pagefind_module.SCRATCH_PREFIX}killed"
    (stale / "site").mkdir(parents=True)
    (stale / "site" / "doc.html").write_text("x")
    fresh = memory / f"{pagefind_module.SCRATCH_PREFIX}running"
    fresh.mkdir()
    other = memory / "someone-elses"
    other.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = memory / f"{pagefind_module.SCRATCH_PREFIX}link"
    link.symlink_to(elsewhere)
    for path in (stale, other, elsewhere):
        os.utime(path, (hour_ago, hour_ago))
    os.utime(link, (hour_ago, hour_ago), follow_symlinks=False)

    assert PurePosixPath("pagefind.js") in run_pagefind(DOCUMENTS)

    assert sorted(p.name for p in memory.iterdir()) == sorted([fresh.name, other.name, link.name])
    assert elsewhere.is_dir()
