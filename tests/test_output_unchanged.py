"""A rebuild keeps the files whose bytes did not change: same inode, same mtime."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest

from glossary_site.write import MANIFEST_NAME, write_site
from tests.conftest import term_file
from tests.test_output_safety import project, run

__all__ = ["project"]  # the fixture, shared

OLD_TIME_NS = 1_000_000_000 * 10**9  # 2001-09-09: any rewrite would show


def stamps(site: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of every file of the site but the manifest."""
    return {
        path.relative_to(site).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in site.rglob("*")
        if path.is_file() and path.name != MANIFEST_NAME
    }


def age(site: Path) -> None:
    for path in site.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD_TIME_NS, OLD_TIME_NS))


def test_a_rebuild_after_one_edit_rewrites_only_the_pages_that_show_it(project: Path) -> None:
    (project / "glossary" / "wip.md").write_text(term_file("WIP"), encoding="utf-8")
    assert run("build").exit_code == 0
    site = project / "site"
    age(site)
    before = stamps(site)
    edited = term_file("Kanban", body="A board of cards, edited.\n")
    (project / "glossary" / "kanban.md").write_text(edited, encoding="utf-8")
    assert run("build").exit_code == 0
    after = stamps(site)
    changed = sorted(name for name in after if after[name] != before.get(name))
    searched = [name for name in changed if name.startswith("pagefind/")]  # its search index
    # The term's page and its exported forms (its JSON, Markdown twin and the CSV export
    # that holds bodies), nothing else.
    assert searched and [name for name in changed if name not in searched] == [
        "api/terms/kanban.json",
        "glossary.csv",
        "kanban/index.html",
        "kanban/index.md",
    ]
    assert "edited" in (site / "kanban" / "index.html").read_text()
    assert after["kanban/index.html"][1] != OLD_TIME_NS
    assert len(before) > 5  # pages, CSS, favicon… all kept


def test_a_rebuild_of_the_same_input_keeps_every_file(project: Path) -> None:
    assert run("build").exit_code == 0
    site = project / "site"
    age(site)
    before = stamps(site)
    assert run("build").exit_code == 0
    assert stamps(site) == before
    assert all(path.stat().st_nlink == 1 for path in site.rglob("*") if path.is_file())


@pytest.mark.parametrize("tamper", [b"XXXX", b"longer than it was"], ids=["same-size", "resized"])
def test_an_old_file_that_differs_from_its_manifest_is_rewritten(
    tmp_path: Path, tamper: bytes
) -> None:
    site = tmp_path / "site"
    page = PurePosixPath("a/index.html")
    write_site({page: b"good", PurePosixPath("b.html"): b"same"}, site)
    (site / "a" / "index.html").write_bytes(tamper)
    age(site)
    write_site({page: b"good", PurePosixPath("b.html"): b"same"}, site)
    assert (site / "a" / "index.html").read_bytes() == b"good"
    assert (site / "a" / "index.html").stat().st_mtime_ns != OLD_TIME_NS
    assert (site / "b.html").stat().st_mtime_ns == OLD_TIME_NS


def test_a_file_at_the_same_path_with_other_bytes_is_written(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site({PurePosixPath("a.html"): b"one", PurePosixPath("b.html"): b"two"}, site)
    age(site)
    write_site({PurePosixPath("a.html"): b"two", PurePosixPath("b.html"): b"one"}, site)
    assert (site / "a.html").read_bytes() == b"two"
    assert (site / "b.html").read_bytes() == b"one"
    assert (site / "a.html").stat().st_mtime_ns != OLD_TIME_NS


def test_an_unchanged_file_is_neither_linked_nor_copied_nor_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    outputs = {PurePosixPath("a/b.html"): b"same bytes"}
    write_site(outputs, site)
    age(site)
    inode = (site / "a" / "b.html").stat().st_ino

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged file must stay where it is")

    monkeypatch.setattr(os, "link", refused)
    monkeypatch.setattr(os, "replace", refused)
    write_site(outputs, site)
    kept = (site / "a" / "b.html").stat()
    assert (kept.st_mtime_ns, kept.st_ino) == (OLD_TIME_NS, inode)


def test_a_folder_replaced_with_force_lends_no_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site({PurePosixPath("a.html"): b"same"}, site)
    (site / "stranger.txt").write_text("not ours")
    age(site)
    write_site({PurePosixPath("a.html"): b"same"}, site, force=True)
    assert (site / "a.html").stat().st_mtime_ns != OLD_TIME_NS
    assert not (site / "stranger.txt").exists()


def test_a_symlink_in_the_old_site_is_never_followed(tmp_path: Path) -> None:
    site, secret = tmp_path / "site", tmp_path / "secret.html"
    secret.write_bytes(b"same")
    write_site({PurePosixPath("a.html"): b"same"}, site)
    (site / "a.html").unlink()
    (site / "a.html").symlink_to(secret)
    write_site({PurePosixPath("a.html"): b"same"}, site, force=True)
    assert not (site / "a.html").is_symlink()
    assert (site / "a.html").stat().st_ino != secret.stat().st_ino
