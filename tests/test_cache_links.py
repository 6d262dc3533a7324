"""Auto-linking from the cache: a term is linked again only when its document or the names
of the terms changed, and what the cache gives is exactly what linking gives."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary_site import Project
from glossary_site.autolink import Autolinked
from glossary_site.build import read_glossary
from glossary_site.cache import Store
from glossary_site.cache import links as links_module
from glossary_site.cache.links import KIND
from tests.conftest import WriteGlossary, term_file


@pytest.fixture
def linked(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[str]]]:
    """For each call of the linker, the sorted names of the term files it linked."""
    calls: list[list[str]] = []
    real = links_module.link_mentions

    def counting(*args: object, **kwargs: object) -> Autolinked:
        only = kwargs.get("only")
        calls.append(sorted(p.name for p in only) if isinstance(only, frozenset) else ["*"])
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(links_module, "link_mentions", counting)
    yield calls


@pytest.fixture
def project(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    written = write_glossary(
        {
            "sprint.md": term_file("Sprint", body="A sprint ends with a Retrospective."),
            "retrospective.md": term_file("Retrospective", body="Held after each Sprint."),
            "backlog.md": term_file("Backlog", body="Ordered work."),
        }
    )
    return dataclasses.replace(written, cache_dir=tmp_path / "cache")


def pages(project: Project) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Each term's linked definition and body, and its links, as a read gives them."""
    glossary, diagnostics = read_glossary(project, write_cache=True)
    assert glossary is not None, [d.format() for d in diagnostics]
    return {
        slug: (
            node.document.definition_html,
            node.document.body_html,
            tuple(link.target for link in node.document.links),
        )
        for slug, node in glossary.graph.nodes.items()
    }


def shard_entries(project: Project) -> list[Path]:
    """The cache files of the link shards that hold rows."""
    folder = (project.cache_dir or Path()) / "v1" / KIND
    return list(folder.glob("*/*"))


def uncached(project: Project) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    return pages(dataclasses.replace(project, cache_dir=None))


def test_unchanged_terms_are_not_linked_again(project: Project, linked: list[list[str]]) -> None:
    first = pages(project)
    assert 'href="../retrospective/"' in first["sprint"][1]
    assert linked == [["backlog.md", "retrospective.md", "sprint.md"]]
    linked.clear()
    assert pages(project) == first
    assert linked == []


def test_an_edited_body_links_that_term_alone_and_the_result_is_the_same(
    project: Project, linked: list[list[str]]
) -> None:
    pages(project)
    (project.source_dir / "backlog.md").write_text(
        term_file("Backlog", body="Ordered work for the next Sprint.")
    )
    linked.clear()
    again = pages(project)
    assert linked == [["backlog.md"]]
    assert 'href="../sprint/"' in again["backlog"][1]
    linked.clear()
    assert again == uncached(project)


def test_a_new_name_links_every_term_again(project: Project, linked: list[list[str]]) -> None:
    pages(project)
    (project.source_dir / "sprint.md").unlink()
    (project.source_dir / "backlog.md").write_text(
        term_file("Backlog", front="aliases: [Ordered work]", body="Ordered work.")
    )
    (project.source_dir / "retrospective.md").write_text(
        term_file("Retrospective", body="Held after the ordered work.")
    )
    linked.clear()
    again = pages(project)
    assert linked == [["backlog.md", "retrospective.md"]]
    assert 'href="../backlog/"' in again["retrospective"][1]  # a new name links elsewhere
    assert "../sprint/" not in json.dumps(again)  # a removed term is linked nowhere
    assert again == uncached(project)


@pytest.mark.parametrize(
    "row",
    [
        "not a list",
        ["<p>x</p>", "<p>y</p>", ["no-such-term"], "0123456789abcdef"],
        ["<p>x</p>", 5, [], "0123456789abcdef"],
        ["only", "three", []],
    ],
)
def test_a_row_that_does_not_fit_is_linked_again(
    project: Project, linked: list[list[str]], row: object
) -> None:
    first = pages(project)
    store = Store(project.cache_dir or Path())
    for entry in shard_entries(project):
        found = store.get(KIND, entry.name)
        assert found is not None
        table = {key: row for key in json.loads(found[0])}
        store.put(KIND, entry.name, json.dumps(table).encode())
    linked.clear()
    assert pages(project) == first
    assert linked == [["backlog.md", "retrospective.md", "sprint.md"]]


def test_an_edit_rewrites_only_the_shards_of_the_edited_term(
    project: Project, linked: list[list[str]]
) -> None:
    pages(project)
    folder = (project.cache_dir or Path()) / "v1" / KIND
    before = {entry: entry.stat().st_mtime_ns for entry in folder.glob("*/*")}
    assert len(shard_entries(project)) >= 2  # three rows, spread over the shards
    (project.source_dir / "backlog.md").write_text(term_file("Backlog", body="Edited work."))
    pages(project)
    after = {entry: entry.stat().st_mtime_ns for entry in folder.glob("*/*")}
    changed = set(after.items()) - set(before.items())
    assert len(changed) == 1  # the shard of its new row (its old one is left to prune)
