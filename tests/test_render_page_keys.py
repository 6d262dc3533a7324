"""A term page's cache key covers what it shows of other terms: their title, teaser and
related terms with the default templates (a body edit renders one page), everything of them
with a project's own templates."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from glossary_site import Project, build, render
from tests.conftest import WriteGlossary, term_file


def files(**changed: str) -> dict[str, str]:
    found = {
        "alpha.md": term_file("Alpha", front="related: [Beta]", body="See [gamma](gamma.md)."),
        "beta.md": term_file("Beta", body="Beta's body."),
        "gamma.md": term_file("Gamma", body="Gamma's body."),
    }
    return {**found, **changed}


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The slugs of the term pages rendered from now on."""
    slugs: list[str] = []
    original = render._Pages.term

    def spy(self: Any, node: Any) -> bytes:
        slugs.append(node.term.slug)
        return original(self, node)

    monkeypatch.setattr(render._Pages, "term", spy)
    return slugs


def site_files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.name != ".glossary-site.json"
    }


def warm_build(write: WriteGlossary, tmp_path: Path, edit: dict[str, str], **extra: Any) -> Path:
    """Build, apply ``edit``, build again with the cache; the result equals a cold build."""
    project: Project = dataclasses.replace(write(files(), **extra), cache_dir=tmp_path / "cache")
    assert build(project, tmp_path / "site").ok
    write(edit)
    report = build(project, tmp_path / "site")
    assert report.ok, [d.format() for d in report.diagnostics]
    assert build(dataclasses.replace(project, cache_dir=None), tmp_path / "cold").ok
    assert site_files(tmp_path / "site") == site_files(tmp_path / "cold")
    return tmp_path / "site"


def test_a_body_edit_renders_only_the_edited_terms_page(
    write_glossary: WriteGlossary, tmp_path: Path, rendered: list[str]
) -> None:
    edit = {"beta.md": term_file("Beta", body="A new body.")}
    project = dataclasses.replace(write_glossary(files()), cache_dir=tmp_path / "cache")
    assert build(project, tmp_path / "site").ok
    rendered.clear()
    write_glossary(edit)
    assert build(project, tmp_path / "site").ok
    assert rendered == ["beta"]
    assert build(dataclasses.replace(project, cache_dir=None), tmp_path / "cold").ok
    assert site_files(tmp_path / "site") == site_files(tmp_path / "cold")


def test_a_neighbours_new_teaser_shows_on_the_page_in_a_warm_build(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    edit = {"gamma.md": term_file("Gamma", "Gamma is the third letter.", body="Gamma's body.")}
    site = warm_build(write_glossary, tmp_path, edit)
    assert "Gamma is the third letter." in (site / "alpha" / "index.html").read_text()


def test_a_neighbour_listing_the_term_as_related_changes_its_map_in_a_warm_build(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    edit = {"gamma.md": term_file("Gamma", front="related: [Alpha]", body="Gamma's body.")}
    site = warm_build(write_glossary, tmp_path, edit)
    assert (
        'class="node node-related" href="../gamma/"' in (site / "alpha" / "index.html").read_text()
    )


def test_with_project_templates_a_neighbours_body_edit_renders_the_page_again(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    term = (
        '{% extends "default/term.html" %}{% block related %}{{ super() }}'
        "{% for card in cards %}{{ card.node.document.body_html | safe }}{% endfor %}"
        "{% endblock %}"
    )
    edit = {"beta.md": term_file("Beta", body="Brand new body.")}
    site = warm_build(write_glossary, tmp_path, edit, templates={"term.html": term})
    assert "Brand new body." in (site / "alpha" / "index.html").read_text()
