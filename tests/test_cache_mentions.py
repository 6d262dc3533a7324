"""The unlinked-mention lint from the cache: a term's text is scanned again only when it or
the names of the terms changed, and the warnings are those a scan gives."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary_site import Project, check, lint
from glossary_site.cache import Store
from glossary_site.cache.mentions import KIND
from glossary_site.mentions import Mention, MentionFinder
from glossary_site.schema import Term
from tests.conftest import WriteGlossary, term_file


@pytest.fixture
def scanned(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The slugs of the terms whose text the mention finder scans."""
    slugs: list[str] = []

    class Counting(MentionFinder):  # the lint's finder only (related.py has its own)
        def in_term(self, term: Term) -> Iterator[Mention]:
            slugs.append(term.slug)
            return super().in_term(term)

    monkeypatch.setattr(lint, "MentionFinder", Counting)
    yield slugs


@pytest.fixture
def project(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    written = write_glossary(
        {
            "sprint.md": term_file("Sprint", body="A sprint ends with a Retrospective."),
            "retrospective.md": term_file("Retrospective", body="Held after each Sprint."),
            "backlog.md": term_file("Backlog", body="Ordered work."),
        }
    )
    # With auto-linking on (the default) mentions are links and nothing is scanned.
    overrides = {**written.overrides, "autolink": False}
    return dataclasses.replace(written, cache_dir=tmp_path / "cache", overrides=overrides)


def read(project: Project, scanned: list[str]) -> tuple[list[str], list[str]]:
    """Read and lint with the cache written (as ``build`` does); the sorted slugs scanned
    and the unlinked-mention warnings."""
    from glossary_site.build import read_glossary

    scanned.clear()
    _, diagnostics = read_glossary(project, write_cache=True)
    found = [d.format() for d in diagnostics if d.code == "unlinked-mention"]
    return sorted(scanned), found


def test_unchanged_terms_are_not_scanned_again(project: Project, scanned: list[str]) -> None:
    first, warnings = read(project, scanned)
    assert first == ["backlog", "retrospective", "sprint"] and len(warnings) == 2
    assert read(project, scanned) == ([], warnings)


def test_an_edited_term_alone_is_scanned_again(project: Project, scanned: list[str]) -> None:
    read(project, scanned)
    backlog = project.source_dir / "backlog.md"
    backlog.write_text(term_file("Backlog", body="Ordered work for the next Sprint."))
    again, warnings = read(project, scanned)
    assert again == ["backlog"]
    assert any("backlog.md" in w and "'Sprint'" in w for w in warnings)


def test_a_new_name_scans_every_term_again(project: Project, scanned: list[str]) -> None:
    read(project, scanned)
    backlog = project.source_dir / "backlog.md"
    backlog.write_text(term_file("Backlog", front="aliases: [Ordered work]"))
    again, _ = read(project, scanned)
    assert again == ["backlog", "retrospective", "sprint"]


def test_the_warnings_are_those_of_a_build_without_cache(
    project: Project, scanned: list[str]
) -> None:
    read(project, scanned)
    cached = check(project).diagnostics
    assert cached == check(dataclasses.replace(project, cache_dir=None)).diagnostics


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: {key: [["nowhere", "x", 1, 1]] for key in entry},
        lambda entry: {key: [["sprint", "x", "1", 1]] for key in entry},
        lambda entry: {key: "mentions" for key in entry},
        lambda entry: [],
    ],
    ids=["unknown-slug", "wrong-type", "not-a-list", "not-a-mapping"],
)
def test_a_cached_list_that_does_not_fit_is_scanned_again(
    project: Project, scanned: list[str], damage: object
) -> None:
    _, warnings = read(project, scanned)
    assert project.cache_dir is not None
    store = Store(project.cache_dir)
    (path,) = (p for p in (project.cache_dir / "v1" / KIND).rglob("*") if p.is_file())
    entry = json.loads(path.read_bytes().split(b"\n", 1)[1])
    store.put(KIND, path.name, json.dumps(damage(entry)).encode())  # type: ignore[operator]
    again, after = read(project, scanned)
    assert again == ["backlog", "retrospective", "sprint"] and after == warnings


def test_terms_whose_mentions_are_linked_are_not_scanned(
    project: Project, scanned: list[str]
) -> None:
    linking = dataclasses.replace(project, overrides={**project.overrides, "autolink": True})
    assert read(linking, scanned) == ([], [])
