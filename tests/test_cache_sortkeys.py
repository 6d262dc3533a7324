"""Cached collation keys: a build whose titles are known never loads the collator."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pyuca import Collator

from glossary_site import Project, build, collation
from glossary_site.cache import Store
from glossary_site.cache.sortkeys import KIND, SortKeyCache
from tests.conftest import WriteGlossary, term_file
from tests.test_cache_build import tree
from tests.test_cache_store import sealed


@pytest.fixture
def project(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    titles = ("Ångström unit", "Zebra crossing", "apple pie", "Éclair", "Beta test")
    written = write_glossary(
        {f"term-{number}.md": term_file(title) for number, title in enumerate(titles)},
        config='base_url = "https://example.org/"\nlanguage = "sv"\n',
    )
    return dataclasses.replace(written, cache_dir=tmp_path / "cache")


@pytest.fixture
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if in a new process: no key known, made or remembered yet."""
    monkeypatch.setattr(collation, "_KNOWN", {})
    monkeypatch.setattr(collation, "_USED", {})
    monkeypatch.setattr(collation, "_MADE", set())
    collation.sort_key.cache_clear()


def no_collator(language: str) -> Collator:
    raise AssertionError(f"the collator of {language} was loaded")


@pytest.mark.usefixtures("fresh_process")
def test_a_build_whose_titles_are_cached_never_loads_the_collator(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build(project, tmp_path / "site").ok
    monkeypatch.setattr(collation, "_KNOWN", {})
    monkeypatch.setattr(collation, "_USED", {})
    collation.sort_key.cache_clear()
    monkeypatch.setattr(collation, "collator", no_collator)
    assert build(project, tmp_path / "again").ok
    assert tree(tmp_path / "again") == tree(tmp_path / "site")


@pytest.mark.usefixtures("fresh_process")
def test_known_keys_are_taken_as_given() -> None:
    collation.remember_keys("en", {"a title never sorted before": (1, 2, 3)})
    assert collation.sort_key("a title never sorted before") == (
        0,
        (1, 2, 3),
        "a title never sorted before",
    )


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        b"[1, 2]",
        b'{"Zebra crossing": "text"}',
        b'{"Zebra crossing": [1, true]}',
        b'{"Zebra crossing": [NaN]}',
        b'{"Zebra crossing": [1], "apple pie": {"a": 1}}',
        b"[" * 100_000 + b"]" * 100_000,
    ],
)
@pytest.mark.usefixtures("fresh_process")
def test_a_damaged_or_foreign_entry_is_ignored_and_the_site_is_the_same(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, payload: bytes
) -> None:
    assert build(project, tmp_path / "site").ok
    forged = [p for p in (tmp_path / "cache" / "v1" / KIND).rglob("*") if p.is_file()]
    assert forged
    for path in forged:
        path.write_bytes(sealed(payload))
    assert SortKeyCache(Store(tmp_path / "cache"), "any", "sv").known == {}
    monkeypatch.setattr(collation, "_KNOWN", {})
    monkeypatch.setattr(collation, "_USED", {})
    collation.sort_key.cache_clear()
    assert build(project, tmp_path / "again").ok
    assert tree(tmp_path / "again") == tree(tmp_path / "site")
