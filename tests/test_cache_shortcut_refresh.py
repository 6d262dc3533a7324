"""A build that found the folder unchanged by reading its newest files takes its stamps
again, so the builds after it read only the manifest (as git rewrites its index)."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from glossary_site import Project, build
from glossary_site.write import stamps
from tests.conftest import WriteGlossary, term_file


@pytest.fixture
def project(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    written = write_glossary(
        {
            "sprint.md": term_file("Sprint", front="related: [kanban]"),
            "kanban.md": term_file("Kanban", front="summary: Boards and cards."),
        }
    )
    return dataclasses.replace(written, cache_dir=tmp_path / ".glossary-cache")


def files_read(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    read: list[Path] = []
    real = stamps._file_digest

    def spy(path: Path) -> str:
        read.append(path)
        return real(path)

    monkeypatch.setattr(stamps, "_file_digest", spy)
    return read


def test_a_build_that_read_the_newest_files_spares_the_next_reading_them(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stamps, "RACY_SECONDS", 0.3)
    site = tmp_path / "site"
    assert build(project, site).files_written > 0
    read = files_read(monkeypatch)
    time.sleep(0.4)

    # The files were written within RACY_SECONDS of the stamps: read, then stamped again
    assert build(project, site).files_written == 0
    assert len(read) > 3
    read.clear()
    assert build(project, site).files_written == 0  # checked by its stamps alone
    assert [path.name for path in read] == [stamps.MANIFEST_NAME]


def test_a_file_changed_after_the_refresh_is_still_found(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stamps, "RACY_SECONDS", 0.3)
    site = tmp_path / "site"
    assert build(project, site).files_written > 0
    time.sleep(0.4)
    assert build(project, site).files_written == 0  # stamps the folder again
    page = site / "kanban" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"Kanban", b"Kanbam"))
    assert build(project, site).files_written > 0
    assert b"Kanbam" not in page.read_bytes()


def test_a_folder_stamped_again_is_not_stamped_a_third_time(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stamps, "RACY_SECONDS", 0.3)
    site = tmp_path / "site"
    assert build(project, site).files_written > 0
    time.sleep(0.4)
    assert build(project, site).files_written == 0  # stamps the folder again
    refreshed: list[object] = []
    real = stamps.site_is_unchanged

    def spy(*args: object, **kwargs: object) -> bool:
        assert len(args) == 6 and callable(args[5]) and not kwargs
        return real(*args[:5], refreshed.append)  # type: ignore[arg-type]

    monkeypatch.setattr("glossary_site.shortcut.site_is_unchanged", spy)
    assert build(project, site).files_written == 0
    assert refreshed == []
