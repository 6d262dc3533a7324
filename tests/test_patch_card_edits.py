"""A term's summary edited (its teaser: what other pages show on its cards) is a patch
build: the term's own files, the term pages that show its card or a preview of it (the
terms that list it as related, that it lists, that link to it, that it links to, that
it replaces), the lists and its search teaser file are made again, and no other page.
The site is the cold build's of the edited sources (the equivalence tests cover more
glossaries: ``test_build_patch_equivalence.py``)."""

from __future__ import annotations

import dataclasses
import filecmp
import shutil
from pathlib import Path
from typing import Any

import pytest

from glossary_site import Project, build, render
from glossary_site.cache import Store
from glossary_site.patch.light import LIGHT_KIND
from glossary_site.patch.state import load_state
from tests.conftest import WriteGlossary, term_file

SUMMARY = "summary: The word used for the target of these tests."
# Each term's page and what it has to do with "Target" (lists, links, replacement).
SHOWING = {
    "lister": "related: [target]",  # lists it as related
    "listed": "",  # the target lists it
    "linker": "",  # links to it in its body
    "linked": "",  # the target links to it
    "replaced": "status: deprecated\nreplaced_by: target",  # Target replaces it
}


@pytest.fixture
def project(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    return _project(write_glossary, tmp_path, "")


def _project(write_glossary: WriteGlossary, tmp_path: Path, config: str) -> Project:
    files = {
        "target.md": term_file(
            "Target",
            front=f"{SUMMARY}\nrelated: [listed]\ntags: [sample]",
            body="## Use\n\nSee [the linked one](../linked/).\n",
        ),
        "linker.md": term_file("Linker", body="## Use\n\nSee [the target](../target/).\n"),
        "unrelated.md": term_file("Unrelated", front="tags: [other]"),
    }
    for slug, front in SHOWING.items():
        files.setdefault(f"{slug}.md", term_file(slug.title(), front=front))
    written = write_glossary(files, config=f'base_url = "https://example.org/"\n{config}')
    return dataclasses.replace(written, cache_dir=tmp_path / "cache", jobs=1)


def _stats(site: Path) -> dict[str, tuple[int, int]]:
    return {
        path.relative_to(site).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in site.rglob("*")
        if path.is_file()
    }


def _edit_summary(project: Project, words: str) -> None:
    path = project.source_dir / "target.md"
    path.write_text(path.read_text("utf-8").replace(SUMMARY, f"{SUMMARY} {words}"), "utf-8")


def test_a_summary_edit_makes_again_the_pages_that_show_the_terms_card(
    project: Project, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    assert build(project, site).ok
    before = _stats(site)
    _edit_summary(project, "Edited.")
    report = build(project, site)
    assert report.ok and getattr(report, "patched", 0) == 1
    after = _stats(site)
    changed = {name for name in after if after[name] != before.get(name)}
    pages = {name.split("/")[0] for name in changed if name.endswith("/index.html")}
    assert pages == {"target", *SHOWING, "tags"}  # ("tags/sample/index.html" lists it)
    assert "unrelated/index.html" not in changed
    assert "index.html" in changed  # the index shows teasers at this size
    assert [n for n in changed if n.startswith("pagefind/teasers/")]
    assert "Edited." in (site / "linker" / "index.html").read_text("utf-8")

    cold = build(dataclasses.replace(project, cache_dir=None), tmp_path / "cold")
    assert cold.ok
    same = filecmp.dircmp(site, tmp_path / "cold")
    assert _differences(same) == []


@pytest.mark.parametrize(
    "config", ["search = false\n", "index_split_at = 2\n"], ids=["no-search", "letter-pages"]
)
def test_a_summary_edit_is_patched_without_search_and_with_letter_pages(
    write_glossary: WriteGlossary, tmp_path: Path, config: str
) -> None:
    project = _project(write_glossary, tmp_path, config)
    site = tmp_path / "site"
    assert build(project, site).ok
    _edit_summary(project, "Edited.")
    assert getattr(build(project, site), "patched", 0) == 1
    assert build(dataclasses.replace(project, cache_dir=None), tmp_path / "cold").ok
    assert _differences(filecmp.dircmp(site, tmp_path / "cold")) == []


def test_a_summary_edit_makes_only_the_list_pages_that_list_the_term(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Of the index, letter, tag and category pages, only those listing the term are made
    (rendered, or taken from the list cache) and compared: the others show nothing of it."""
    site = tmp_path / "site"
    assert build(project, site).ok
    made: list[str] = []
    original = render._made

    def spy(dest: str, *args: Any) -> bytes:
        made.append(dest)
        return original(dest, *args)

    monkeypatch.setattr(render, "_made", spy)
    _edit_summary(project, "Edited.")
    assert getattr(build(project, site), "patched", 0) == 1
    assert sorted(made) == ["index.html", "tags/sample/index.html"]
    monkeypatch.undo()
    assert build(dataclasses.replace(project, cache_dir=None), tmp_path / "cold").ok
    assert _differences(filecmp.dircmp(site, tmp_path / "cold")) == []


def test_a_summary_edit_then_a_body_edit_are_both_patch_builds(
    project: Project, tmp_path: Path
) -> None:
    """The state a card edit leaves holds the term's new face: the next edit of its body
    alone is a patch build too, and a build with nothing changed after it writes nothing."""
    site = tmp_path / "site"
    assert build(project, site).ok
    _edit_summary(project, "Edited.")
    assert getattr(build(project, site), "patched", 0) == 1
    path = project.source_dir / "target.md"
    path.write_text(path.read_text("utf-8") + "\nOne more sentence.\n", "utf-8")
    assert getattr(build(project, site), "patched", 0) == 1
    again = build(project, site)
    assert again.ok and again.files_written == 0


def test_a_summary_edit_is_kept_in_the_state_for_the_patch_builds_after_it(
    project: Project, tmp_path: Path
) -> None:
    """The new teaser is noted in the state, not in a new light glossary: a body edit of
    a term that shows the card, patched after it, shows the new teaser too."""
    site = tmp_path / "site"
    assert build(project, site).ok
    assert project.cache_dir is not None
    lights = _entries(project.cache_dir, LIGHT_KIND)
    _edit_summary(project, "Edited.")
    assert getattr(build(project, site), "patched", 0) == 1
    assert _entries(project.cache_dir, LIGHT_KIND) == lights
    state = load_state(Store(project.cache_dir), site.resolve())
    assert state is not None and state.cards["target"][0] == f"{SUMMARY[9:]} Edited."
    lister = project.source_dir / "lister.md"
    lister.write_text(lister.read_text("utf-8") + "\nOne more sentence.\n", "utf-8")
    assert getattr(build(project, site), "patched", 0) == 1
    assert "Edited." in (site / "lister" / "index.html").read_text("utf-8")
    assert build(dataclasses.replace(project, cache_dir=None), tmp_path / "cold").ok
    assert _differences(filecmp.dircmp(site, tmp_path / "cold")) == []


def _entries(cache: Path, kind: str) -> list[str]:
    return sorted(path.name for path in (cache / "v1" / kind).rglob("*") if path.is_file())


@pytest.mark.parametrize("lost", [("links",), ("terms", "links")], ids=["links", "terms"])
def test_a_summary_edit_without_the_cached_terms_converts_and_links_them_again(
    project: Project, tmp_path: Path, lost: tuple[str, ...]
) -> None:
    """The pages that show the card need their terms whole: when the cache no longer holds
    their conversion or their links (pruned, restored only in part), the patch build reads
    and links them again, to the same pages."""
    site = tmp_path / "site"
    assert build(project, site).ok
    assert project.cache_dir is not None
    for kind in lost:
        shutil.rmtree(project.cache_dir / "v1" / kind)
    _edit_summary(project, "Edited.")
    report = build(project, site)
    assert report.ok and getattr(report, "patched", 0) == 1
    assert build(dataclasses.replace(project, cache_dir=None), tmp_path / "cold").ok
    assert _differences(filecmp.dircmp(site, tmp_path / "cold")) == []


def test_a_summary_made_too_long_is_a_full_build_with_its_warning(
    project: Project, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    assert build(project, site).ok
    _edit_summary(project, "Far too long now. " * 10)
    report = build(project, site)
    assert getattr(report, "patched", 0) == 0
    assert "long-summary" in [d.code for d in report.diagnostics]


def _differences(compared: filecmp.dircmp[str]) -> list[str]:
    found = [*compared.left_only, *compared.right_only, *compared.diff_files]
    for sub in compared.subdirs.values():
        found += _differences(sub)
    return found
