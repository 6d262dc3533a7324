"""Each term's part of every export is kept in the build cache by the term's facts: an edit
to one term makes that term's parts again and reuses every other term's, a change to a
name a term shows makes that term's parts again, and the exports are the same bytes with
and without the cache, whatever the cache holds."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary_site import Project, build
from glossary_site.exports import EXPORTERS, export_files, part_cache
from glossary_site.exports.facts import TermFacts
from glossary_site.exports.part_cache import decode_pack, encode_pack
from glossary_site.exports.parts import PartMaker, Parts
from glossary_site.reading import read_glossary
from tests.conftest import WriteGlossary, term_file

SPRINT = term_file(
    "Sprint",
    "A short, fixed period of work. See [Kanban](../kanban/).",
    front="aliases: [Iteration]\nrelated: [Kanban]\ntags: [agile]\nupdated: 2024-01-02",
    body="## Length\n\nUsually two weeks.\n",
)
KANBAN = term_file("Kanban", "A method that limits work in progress.", front="updated: 2024-02-03")
WATERFALL = term_file(
    "Waterfall",
    "Work in phases, one after another.",
    front="status: deprecated\nreplaced_by: Kanban",
)
TERMS = {"sprint.md": SPRINT, "kanban.md": KANBAN, "waterfall.md": WATERFALL}
BASE = {"base_url": "https://example.org/glossary/"}


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The slugs whose parts were made (not taken from the cache), in order."""
    slugs: list[str] = []
    original = PartMaker.parts

    def spy(self: PartMaker, facts: TermFacts) -> Parts:
        slugs.append(facts.slug)
        return original(self, facts)

    monkeypatch.setattr(PartMaker, "parts", spy)
    yield slugs


def site_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def cached_project(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    project = write_glossary(TERMS, config='search = false\ntitle = "Agile"\n')
    return dataclasses.replace(project, cache_dir=tmp_path / "cache", overrides=BASE)


def edit(project: Project, name: str, text: str) -> None:
    (project.source_dir / name).write_text(text, encoding="utf-8")


def assert_same_as_uncached(project: Project, out: Path, tmp_path: Path) -> None:
    uncached = dataclasses.replace(project, cache_dir=None)
    assert build(uncached, tmp_path / "uncached").ok
    assert site_files(out) == site_files(tmp_path / "uncached")


def test_another_terms_body_edit_reuses_every_other_terms_parts(
    write_glossary: WriteGlossary, tmp_path: Path, made: list[str]
) -> None:
    project = cached_project(write_glossary, tmp_path)
    assert build(project, tmp_path / "site").ok
    assert sorted(made) == ["kanban", "sprint", "waterfall"]
    made.clear()

    edit(project, "kanban.md", KANBAN + "\nOne more line of body.\n")
    assert build(project, tmp_path / "site").ok

    assert made == ["kanban"]
    twin = (tmp_path / "site" / "kanban" / "index.md").read_text(encoding="utf-8")
    assert "One more line of body." in twin
    assert_same_as_uncached(project, tmp_path / "site", tmp_path)


def test_a_terms_own_field_change_makes_its_parts_again(
    write_glossary: WriteGlossary, tmp_path: Path, made: list[str]
) -> None:
    project = cached_project(write_glossary, tmp_path)
    assert build(project, tmp_path / "site").ok
    made.clear()

    edit(project, "sprint.md", SPRINT.replace("tags: [agile]", "tags: [agile, scrum]"))
    assert build(project, tmp_path / "site").ok

    assert made == ["sprint"]
    assert b"agile; scrum" in (tmp_path / "site" / "glossary.csv").read_bytes()
    assert_same_as_uncached(project, tmp_path / "site", tmp_path)


def test_a_new_name_that_auto_links_in_a_terms_text_makes_that_terms_parts_again(
    write_glossary: WriteGlossary, tmp_path: Path, made: list[str]
) -> None:
    """Sprint's body mentions "scrum board": when Kanban takes that alias, the mention
    becomes a link in Sprint's HTML (its API file), though Sprint's file is unchanged."""
    project = cached_project(write_glossary, tmp_path)
    edit(project, "sprint.md", SPRINT.replace("Usually two weeks.", "Tracked on a scrum board."))
    assert build(project, tmp_path / "site").ok
    api = tmp_path / "site" / "api" / "terms" / "sprint.json"
    assert b"scrum board" in api.read_bytes()
    before = api.read_bytes()
    made.clear()

    edit(project, "kanban.md", KANBAN.replace("updated:", "aliases: [Scrum board]\nupdated:"))
    assert build(project, tmp_path / "site").ok

    assert sorted(made) == ["kanban", "sprint"]
    assert api.read_bytes() != before
    assert_same_as_uncached(project, tmp_path / "site", tmp_path)


def test_a_replacements_new_title_makes_the_deprecated_terms_parts_again(
    write_glossary: WriteGlossary, tmp_path: Path, made: list[str]
) -> None:
    """Waterfall's llms.txt line names its replacement's title: when Kanban's title
    changes (its slug and the name Waterfall uses stay), Waterfall's parts are made again
    though its file is unchanged, and Sprint's are reused."""
    project = cached_project(write_glossary, tmp_path)
    assert build(project, tmp_path / "site").ok
    made.clear()

    renamed = KANBAN.replace(
        "title: Kanban", "title: Kanban Board\nslug: kanban\naliases: [Kanban]"
    )
    edit(project, "kanban.md", renamed)
    assert build(project, tmp_path / "site").ok

    assert sorted(made) == ["kanban", "waterfall"]
    llms = (tmp_path / "site" / "llms.txt").read_text(encoding="utf-8")
    assert "deprecated; use Kanban Board instead" in llms
    assert_same_as_uncached(project, tmp_path / "site", tmp_path)


def test_exports_are_the_same_bytes_from_parts_cached_or_not_and_as_each_exporter_alone(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = cached_project(write_glossary, tmp_path)
    glossary, _ = read_glossary(project, write_cache=True)
    assert glossary is not None and glossary.environment
    graph, config, ui = glossary.graph, glossary.config, glossary.ui
    store = part_cache_store(tmp_path / "cache")

    plain = export_files(graph, config, ui)
    first = export_files(graph, config, ui, store, glossary.environment)
    again = export_files(graph, config, ui, store, glossary.environment)
    alone = {}
    for exporter in EXPORTERS.values():
        alone.update(exporter(graph, config))  # type: ignore[call-arg]

    assert plain == first == again == alone
    assert list(plain) == list(again)


def test_a_corrupted_or_foreign_pack_is_ignored_and_rewritten(
    write_glossary: WriteGlossary, tmp_path: Path, made: list[str]
) -> None:
    project = cached_project(write_glossary, tmp_path)
    assert build(project, tmp_path / "site").ok
    packs = sorted((tmp_path / "cache").rglob(f"v1/{part_cache.KIND}/*/*"))
    assert packs
    for pack in packs:
        data = pack.read_bytes()
        pack.write_bytes(data[: len(data) // 2])  # the store's digest no longer matches
    made.clear()

    edit(project, "kanban.md", KANBAN + "\nEdited.\n")
    assert build(project, tmp_path / "site").ok
    assert sorted(made) == ["kanban", "sprint", "waterfall"]
    made.clear()
    edit(project, "kanban.md", KANBAN + "\nEdited again.\n")
    assert build(project, tmp_path / "site").ok
    assert made == ["kanban"]
    assert_same_as_uncached(project, tmp_path / "site", tmp_path)


def test_a_pack_round_trips_and_anything_else_is_no_pack() -> None:
    key = "ab" * 32
    records = [
        ("sprint", key, {"csv": b"a,b\r\n", "twin": b"# Sprint\n\n\x00\n", "tbx": b""}),
        ("k\u00e4se", key, {}),
    ]
    payload = encode_pack(records)
    assert decode_pack(payload) == {slug: (k, parts) for slug, k, parts in records}
    assert decode_pack(b"") == {}
    for broken in (
        payload[:-1],  # shorter than it says
        payload.replace(key.encode(), b"x" * 64, 1),
        payload.replace(b"csv 5", b"csv five", 1),
        payload.replace(b"csv 5", b"../csv 5", 1),
        b"sprint\x00" + key.encode() + b"\n",  # no sizes field
        b"garbage",
    ):
        assert decode_pack(broken) is None, broken


def part_cache_store(folder: Path) -> part_cache.EntryStore:
    from glossary_site.cache import Store

    return Store(folder)
