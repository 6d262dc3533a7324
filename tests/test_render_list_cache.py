"""List pages (index, letters, tags) come from the cache when nothing they show changed, are
rendered again when anything they show did, and are the bytes a build without cache writes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from glossary_site import Project, build, render
from tests.conftest import WriteGlossary, term_file

CONFIG = 'title = "T"\nindex_split_at = 3\n'
LIST_TEMPLATES = {"index.html", "letter.html", "tag.html", "tags.html"}


def files(**changed: str) -> dict[str, str]:
    found = {
        "alpha.md": term_file("Alpha", front="tags: [x]\naliases: [Aleph]", body="Old body."),
        "apex.md": term_file("Apex", front="tags: [x, y]\ncategory: Top"),
        "beta.md": term_file("Beta", front="tags: [y]"),
        "old.md": term_file("Obsolete", front="status: deprecated\nreplaced_by: beta"),
        "gamma.md": term_file("Gamma"),
    }
    return {**found, **changed}


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates rendered from now on, by name."""
    names: list[str] = []
    original = render._Pages._render

    def spy(self: Any, name: str, *args: Any, **kwargs: Any) -> bytes:
        names.append(name)
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(render._Pages, "_render", spy)
    return names


def site_files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.name != ".glossary-site.json"
    }


Write = Callable[..., Project]


def warm_then_cold(write: WriteGlossary, tmp_path: Path, edit: dict[str, str]) -> dict[str, bytes]:
    """The site of a warm build after ``edit``, checked against a build without cache."""
    project = dataclasses.replace(write(files(), config=CONFIG), cache_dir=tmp_path / "cache")
    assert build(project, tmp_path / "site").ok
    write(edit)
    report = build(project, tmp_path / "site")
    assert report.ok, [d.format() for d in report.diagnostics]
    warm = site_files(tmp_path / "site")
    assert build(dataclasses.replace(project, cache_dir=None), tmp_path / "cold").ok
    assert warm == site_files(tmp_path / "cold")
    return warm


def test_a_body_edit_renders_no_list_page_and_writes_the_same_bytes(
    write_glossary: WriteGlossary, tmp_path: Path, rendered: list[str]
) -> None:
    project = dataclasses.replace(
        write_glossary(files(), config=CONFIG), cache_dir=tmp_path / "cache"
    )
    assert build(project, tmp_path / "site").ok
    assert set(rendered) >= LIST_TEMPLATES
    rendered.clear()
    write_glossary(
        files(
            **{
                "alpha.md": term_file(
                    "Alpha", front="tags: [x]\naliases: [Aleph]", body="New body."
                )
            }
        )
    )
    assert build(project, tmp_path / "site").ok
    assert "term.html" in rendered and not LIST_TEMPLATES & set(rendered)
    assert "New body." in (tmp_path / "site" / "alpha" / "index.html").read_text()
    assert build(dataclasses.replace(project, cache_dir=None), tmp_path / "cold").ok
    assert site_files(tmp_path / "site") == site_files(tmp_path / "cold")


EDITS = {
    "title": (
        "alpha.md",
        term_file("Alpha Prime", front="tags: [x]\naliases: [Aleph]"),
        "Alpha Prime",
    ),
    "alias": ("alpha.md", term_file("Alpha", front="tags: [x]\naliases: [Alef]"), "Alef"),
    "teaser": (
        "apex.md",
        term_file("Apex", "The very top of it.", front="tags: [x, y]\ncategory: Top"),
        "The very top of it.",
    ),
    "tag": (
        "alpha.md",
        term_file("Alpha", front="tags: [x, zed]\naliases: [Aleph]"),
        'data-tags="x zed"',
    ),
    "status": (
        "apex.md",
        term_file("Apex", front="tags: [x, y]\ncategory: Top\nstatus: deprecated"),
        "badge",
    ),
    "replacement": ("beta.md", term_file("Betamax", front="tags: [y]"), "Betamax"),
}


@pytest.mark.parametrize("shown", sorted(EDITS))
def test_an_edit_of_anything_the_letter_page_shows_changes_it_in_a_warm_build(
    write_glossary: WriteGlossary, tmp_path: Path, shown: str
) -> None:
    name, text, expected = EDITS[shown]
    page = "letters/b/index.html" if shown == "replacement" else "letters/a/index.html"
    site = warm_then_cold(write_glossary, tmp_path, {name: text})
    assert expected in site[page].decode()


def test_a_tag_page_shows_a_new_teaser_in_a_warm_build(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    text = term_file("Beta", "Beta is the second letter.", front="tags: [y]")
    site = warm_then_cold(write_glossary, tmp_path, {"beta.md": text})
    assert "Beta is the second letter." in site["tags/y/index.html"].decode()


def test_with_project_templates_a_body_edit_renders_the_letter_page_again(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    letter = (
        '{% extends "default/letter.html" %}{% block heading %}{% for entry in group.items %}'
        "{{ entry.node.document.body_html | safe }}{% endfor %}{% endblock %}"
    )
    project = dataclasses.replace(
        write_glossary(files(), config=CONFIG, templates={"letter.html": letter}),
        cache_dir=tmp_path / "cache",
    )
    assert build(project, tmp_path / "site").ok
    write_glossary(
        {"alpha.md": term_file("Alpha", front="tags: [x]\naliases: [Aleph]", body="Brand new.")}
    )
    assert build(project, tmp_path / "site").ok
    assert "Brand new." in (tmp_path / "site" / "letters" / "a" / "index.html").read_text()
