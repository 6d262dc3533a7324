"""After an edit, a term page whose key did not change and which the site being updated
holds with the same SHA-256 is taken without reading it from the cache (``PageShas``);
where that is not known (a site changed by hand, a damaged entry), pages are read as before,
and the output is always what a build without a cache writes."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary_site import Project, build
from glossary_site.cache.pages import KIND, SHAS_KIND
from glossary_site.cache.store import Store
from tests.conftest import WriteGlossary, term_file
from tests.test_cache_build import tree

# These tests exercise the full build after an edit of a term's body, not the patch build.
pytestmark = pytest.mark.usefixtures("no_patch_build")

BASE = 'base_url = "https://example.org/g/"\n'


@pytest.fixture
def page_reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The keys of the term pages each build reads from the cache (found there)."""
    reads: list[str] = []
    get = Store.get

    def counting(self: Store, kind: str, key: str) -> tuple[bytes, str] | None:
        found = get(self, kind, key)
        if kind == KIND and found is not None:
            reads.append(key)
        return found

    monkeypatch.setattr(Store, "get", counting)
    yield reads


@pytest.fixture
def project(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    files = {
        f"t{n}.md": term_file(f"Term {n}", body=f"See [the next](t{(n + 1) % 6}).")
        for n in range(6)
    }
    return dataclasses.replace(write_glossary(files, config=BASE), cache_dir=tmp_path / "cache")


def _build(project: Project, out: Path) -> None:
    report = build(project, out)
    assert report.ok, [d.format() for d in report.diagnostics]


def _edit(project: Project, text: str) -> None:
    path = project.source_dir / "t0.md"
    path.write_text(term_file("Term 0", body=f"See [the next](t1). {text}"))


def _cold(project: Project, out: Path) -> dict[str, str]:
    _build(dataclasses.replace(project, cache_dir=None), out)
    return tree(out)


def test_an_edit_reads_no_cached_page_the_site_already_holds(
    project: Project, tmp_path: Path, page_reads: list[str]
) -> None:
    _build(project, tmp_path / "site")
    _edit(project, "One more sentence.")
    page_reads.clear()
    _build(project, tmp_path / "site")
    assert page_reads == []
    assert tree(tmp_path / "site") == _cold(project, tmp_path / "cold")


def test_pages_are_read_from_the_cache_when_the_site_was_changed_by_hand(
    project: Project, tmp_path: Path, page_reads: list[str]
) -> None:
    site = tmp_path / "site"
    _build(project, site)
    (site / "t3" / "index.html").write_text("changed by hand")
    _edit(project, "One more sentence.")
    page_reads.clear()
    _build(project, site)
    assert len(page_reads) >= 5  # the folder is not what the last build left
    assert tree(site) == _cold(project, tmp_path / "cold")


def test_a_damaged_sha_entry_is_ignored_and_the_pages_are_read(
    project: Project, tmp_path: Path, page_reads: list[str]
) -> None:
    _build(project, tmp_path / "site")
    (entry,) = (project.cache_dir / "v1" / SHAS_KIND).glob("*/*")  # type: ignore[operator]
    entry.write_bytes(entry.read_bytes()[:-10] + b"0123456789")
    _edit(project, "One more sentence.")
    page_reads.clear()
    _build(project, tmp_path / "site")
    assert len(page_reads) == 5  # every page but the edited one (rendered)
    assert tree(tmp_path / "site") == _cold(project, tmp_path / "cold")


def test_a_sha_entry_that_is_intact_but_malformed_is_ignored(
    project: Project, tmp_path: Path, page_reads: list[str]
) -> None:
    _build(project, tmp_path / "site")
    store = Store(project.cache_dir)  # type: ignore[arg-type]
    (entry,) = (project.cache_dir / "v1" / SHAS_KIND).glob("*/*")  # type: ignore[operator]
    payload = store.get(SHAS_KIND, entry.name)
    assert payload is not None and payload[0].count(b"\n") == 6
    store.put(SHAS_KIND, entry.name, payload[0] + b"not a digest\n")
    _edit(project, "One more sentence.")
    page_reads.clear()
    _build(project, tmp_path / "site")
    assert len(page_reads) == 5
    assert tree(tmp_path / "site") == _cold(project, tmp_path / "cold")


def test_the_sha_entry_lists_the_pages_of_the_last_build_only(
    project: Project, tmp_path: Path
) -> None:
    for number in range(3):
        _edit(project, f"Edit number {number}.")
        _build(project, tmp_path / "site")
    store = Store(project.cache_dir)  # type: ignore[arg-type]
    (entry,) = (project.cache_dir / "v1" / SHAS_KIND).glob("*/*")  # type: ignore[operator]
    payload = store.get(SHAS_KIND, entry.name)
    assert payload is not None
    keys = {line.split()[0].decode() for line in payload[0].splitlines()}
    pages = {path.name for path in (project.cache_dir / "v1" / KIND).rglob("*")}  # type: ignore[operator]
    assert len(keys) == 6 and keys <= pages
    assert os.path.getsize(entry) < 1000
