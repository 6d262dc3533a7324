"""The concept map and preview cards written in Python (term_parts.py) are byte for byte what
their default templates write; a project that overrides either template gets its own."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from glossary_site import Project, build
from glossary_site.render import DEFAULT_TEMPLATES
from glossary_site.term_parts import ConceptMapWriter
from tests.conftest import BUNDLED_CONFIG, BUNDLED_SOURCE, WriteGlossary, term_file

# Long titles (cut with "…" on the map), markup characters, a hub with more neighbours
# than the map draws, a deprecated term, terms that only link (previews) or list others.
HUB_LINKS = " ".join(f"[t{n}](term-{n:02d}.md)" for n in range(15))
FILES = {
    "hub.md": term_file(
        "Hub of <Everything> & More",
        front="related: [Term 00, Term 01, Term 02]",
        body=f"Links: {HUB_LINKS}",
    ),
    **{
        f"term-{n:02d}.md": term_file(
            f"Term {n:02d}" if n < 10 else f"A very long term title number {n} indeed",
            front="related: [Hub of <Everything> & More]" if n % 2 else "",
            body="See [the hub](hub.md)." if n % 3 else "",
        )
        for n in range(15)
    },
    "old.md": term_file(
        "Old Thing", front="status: deprecated\nreplaced_by: Hub of <Everything> & More"
    ),
    "alone.md": term_file("Alone"),
}


def site_files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.name != ".glossary-site.json"
    }


def with_template_copies(project: Project, folder: Path) -> Project:
    """The same project with copies of the default map and previews templates as overrides
    (so pages render them through Jinja)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("concept-map.html", "term-previews.html"):
        shutil.copyfile(DEFAULT_TEMPLATES / name, folder / name)
    return Project(project.source_dir, project.config_path, folder, project.static_dir)


def build_ok(project: Project, out: Path) -> dict[str, bytes]:
    report = build(project, out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return site_files(out)


def test_map_and_previews_are_what_their_templates_write(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[str] = []

    def counted(self: ConceptMapWriter, *args: Any) -> Any:
        drawn.append(args[1])
        return html(self, *args)

    html = ConceptMapWriter.html
    monkeypatch.setattr(ConceptMapWriter, "html", counted)
    project = write_glossary(FILES, config='title = "T"\nbase_url = "https://example.org/"\n')
    fast = build_ok(project, tmp_path / "fast")
    assert len(drawn) == len(FILES)  # drawn in Python
    templated = build_ok(with_template_copies(project, tmp_path / "copies"), tmp_path / "slow")
    assert len(drawn) == len(FILES)  # through the templates
    assert fast.keys() == templated.keys()
    hub = fast["hub/index.html"].decode()
    assert '<tspan aria-hidden="true">…</tspan>' in hub and 'id="term-previews"' in hub
    for name, data in fast.items():
        assert data == templated[name], name


def test_the_bundled_glossary_renders_the_same_either_way(tmp_path: Path) -> None:
    project = Project(BUNDLED_SOURCE, BUNDLED_CONFIG, tmp_path / "none")
    fast = build_ok(project, tmp_path / "fast")
    templated = build_ok(with_template_copies(project, tmp_path / "copies"), tmp_path / "slow")
    assert fast == templated


def test_an_overridden_concept_map_template_is_used(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary(
        FILES,
        templates={
            "concept-map.html": "{% if concept_map %}<p>map of {{ concept_map.neighbours"
            " | length }}</p>{% endif %}",
            "term-previews.html": "<p>previews {{ previews | length }}</p>",
        },
    )
    site = build_ok(project, tmp_path / "site")
    hub = site["hub/index.html"].decode()
    assert "<p>map of 12</p>" in hub and "<p>previews 16</p>" in hub
    assert "concept-map-caption" not in hub and "term-previews" not in hub
