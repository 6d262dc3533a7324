"""A rebuild into a folder whose stamps show it is what the last build left trusts the
manifest: unchanged files are not read; any file changed, removed or added behind the
build's back still makes it fall back to reading, restoring or refusing, as before."""

from __future__ import annotations

import dataclasses
import json
import os
from array import array
from pathlib import Path, PurePosixPath

import pytest

from glossary_site import Project, build
from glossary_site.write import (
    KnownSite,
    manifest,
    site_is_unchanged,
    take_stamps,
    update,
    write_site,
)
from glossary_site.write.manifest import (
    FORMAT,
    GENERATOR,
    manifest_from_digests,
    read_digests,
    valid_path,
)
from tests.conftest import WriteGlossary, term_file

# These tests exercise the full build after an edit of a term's body, not the patch build.
pytestmark = pytest.mark.usefixtures("no_patch_build")

BASE = 'base_url = "https://example.org/g/"\n'


@pytest.fixture
def project(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    written = write_glossary(
        {
            "sprint.md": term_file("Sprint", front="related: [kanban]"),
            "kanban.md": term_file("Kanban", front="summary: Boards and cards.\nrelated: [sprint]"),
            "scrum.md": term_file("Scrum"),
        },
        config=BASE,
    )
    return dataclasses.replace(written, cache_dir=tmp_path / ".glossary-cache")


def _edit(project: Project, text: str = "One more line.\n") -> None:
    with (project.source_dir / "scrum.md").open("a", encoding="utf-8") as file:
        file.write(text)


def _refuse_reading(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every old file the update reads to compare it with the new bytes."""
    read: list[Path] = []
    real = update.same_bytes

    def spy(path: Path, data: bytes) -> bool:
        read.append(path)
        return real(path, data)

    monkeypatch.setattr(update, "same_bytes", spy)
    return read


def test_an_edit_into_a_known_folder_reads_no_unchanged_file(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    assert build(project, site).ok
    read = _refuse_reading(monkeypatch)
    _edit(project)
    report = build(project, site)
    assert report.ok and read == []
    assert "One more line" in (site / "scrum" / "index.html").read_text(encoding="utf-8")


def test_without_a_cache_the_old_files_are_compared_by_their_bytes(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uncached = dataclasses.replace(project, cache_dir=None)
    site = tmp_path / "site"
    assert build(uncached, site).ok
    read = _refuse_reading(monkeypatch)
    _edit(uncached)
    assert build(uncached, site).ok
    assert len(read) > 5


def test_an_output_changed_behind_the_builds_back_is_restored(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    assert build(project, site).ok
    page = site / "kanban" / "index.html"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"Boards", b"Bored!"))  # same size, same inode
    read = _refuse_reading(monkeypatch)
    _edit(project)
    assert build(project, site).ok
    assert page.read_bytes() == good
    assert read  # the stamps did not hold: the old files were compared by their bytes
    monkeypatch.undo()
    read = _refuse_reading(monkeypatch)
    _edit(project, "Again.\n")
    assert build(project, site).ok and read == []  # known again after that build


def test_a_deleted_output_is_written_again(project: Project, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(project, site).ok
    twin = site / "kanban" / "index.md"
    good = twin.read_bytes()
    twin.unlink()
    _edit(project)
    assert build(project, site).ok
    assert twin.read_bytes() == good


def test_a_file_added_behind_the_builds_back_is_refused(project: Project, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(project, site).ok
    (site / "kanban" / "stranger.txt").write_text("not ours", encoding="utf-8")
    _edit(project)
    report = build(project, site)
    assert [d.code for d in report.diagnostics] == ["output-has-other-files"]
    assert (site / "kanban" / "stranger.txt").read_text(encoding="utf-8") == "not ours"


def test_stamps_taken_of_a_site_hold_until_an_entry_changes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site({PurePosixPath("a/b.html"): b"one", PurePosixPath("c.html"): b"two"}, site)
    known = take_stamps(site, ["a/b.html", "c.html"])
    assert known is not None and known.names[0] == ""
    decoded = KnownSite.decode(known.encode())
    assert decoded is not None
    assert site_is_unchanged(site, decoded, 1.0)
    (site / "a" / "b.html").write_bytes(b"ONE")
    assert not site_is_unchanged(site, decoded, 1.0)


def test_stamps_of_a_file_where_a_folder_was_or_the_reverse_are_not_taken(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "b.html").write_bytes(b"x")
    (site / ".glossary-site.json").write_bytes(b"{}")
    assert take_stamps(site, ["a/b.html"]) is not None
    assert take_stamps(site, ["a"]) is None  # a folder listed as a file
    assert take_stamps(site, ["a/b.html/c"]) is None  # a file where a folder must be


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-3],
        lambda data: data.replace(b'"format":2', b'"format":1'),
        lambda data: data.replace(b'"count":', b'"count":1'),
        lambda data: b"garbage",
        lambda data: data.replace(b"a/b.html", b"../b.ht"),
        lambda data: data.replace(b"a/b.html", b"/a/b.ht"),
    ],
    ids=["truncated", "format", "count", "garbage", "outside", "absolute"],
)
def test_stamps_that_do_not_fit_are_not_used(tmp_path: Path, damage: object) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "b.html").write_bytes(b"x")
    (site / ".glossary-site.json").write_bytes(b"{}")
    known = take_stamps(site, ["a/b.html"])
    assert known is not None
    assert KnownSite.decode(damage(known.encode())) is None  # type: ignore[operator]


def test_stamps_of_inodes_past_63_bits_still_compare(tmp_path: Path) -> None:
    known = KnownSite(("",), array("q", [1, (1 << 63) - 1, 0, 0, 0]), 0, "")
    assert KnownSite.decode(known.encode()) == known


@pytest.mark.parametrize(
    "names",
    [
        [],
        ["index.html"],
        ["a/b.html", "404.html", "Ärger/index.html", 'quote"d/x', "back\\slash", "tab\tname"],
    ],
    ids=["empty", "one", "awkward"],
)
def test_the_manifest_is_the_indented_json_document_it_always_was(names: list[str]) -> None:
    digests = {PurePosixPath(name): f"{number:064x}" for number, name in enumerate(names)}
    document = {
        "format": FORMAT,
        "generator": GENERATOR,
        "files": [
            {"path": path.as_posix(), "sha256": sha256}
            for path, sha256 in sorted(digests.items(), key=lambda item: item[0].as_posix())
        ],
    }
    expected = (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    assert manifest_from_digests(digests) == expected


@pytest.mark.parametrize(
    "path", ["a", "a/b", "./a", "a/./b", "a//b", ".", "", "/a", "//a", "a/../b", "..", "...", "./."]
)
def test_a_manifest_path_is_valid_exactly_when_pathlib_sees_a_relative_inside_path(
    path: str,
) -> None:
    parts = PurePosixPath(path).parts
    expected = bool(parts) and not path.startswith("/") and ".." not in parts
    assert valid_path(path) == expected


def test_a_manifest_is_read_once_per_write(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    assert build(project, site).ok
    calls: list[Path] = []

    def counted(folder: Path) -> dict[str, str] | None:
        calls.append(folder)
        return read_digests(folder)

    monkeypatch.setattr(manifest, "read_digests", counted)
    _edit(project)
    os.utime(site / "kanban")  # the stamps no longer hold: the folder is walked and read
    assert build(project, site).ok
    assert len(calls) <= 2  # once before reading the inputs, once under the lock
