"""A term page's concept map: its neighbourhood as an inline SVG, drawn at build time."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from glossary_site import build, read_glossary
from glossary_site.concept_map import MAX_NEIGHBOURS, label_lines, neighbourhood
from glossary_site.graph import TermGraph
from tests.conftest import WriteGlossary, term_file

SECTION_RE = re.compile(r'<section class="concept-map".*?</section>', re.S)


def graph_of(write_glossary: WriteGlossary, files: dict[str, str]) -> TermGraph:
    glossary, diagnostics = read_glossary(write_glossary(files))
    assert glossary is not None, [d.format() for d in diagnostics]
    return glossary.graph


def hub(count: int) -> dict[str, str]:
    """'Hub' related to 'Alpha'; ``count`` terms linking to the hub."""
    files = {
        "hub.md": term_file("Hub", "The centre.", "related: [alpha]"),
        "alpha.md": term_file("Alpha", "First.", "related: [hub]"),
    }
    for n in range(count):
        files[f"spoke-{n:02d}.md"] = term_file(f"Spoke {n:02d}", "Spoke.", body="See [h](hub).")
    return files


def test_related_terms_come_first_then_the_others_by_title(write_glossary: WriteGlossary) -> None:
    graph = graph_of(write_glossary, hub(3))
    drawn = neighbourhood(graph.nodes["hub"], graph)
    assert drawn is not None
    assert [(n.slug, n.relation) for n in drawn.neighbours] == [
        ("alpha", "related"),
        ("spoke-00", "link"),
        ("spoke-01", "link"),
        ("spoke-02", "link"),
    ]
    assert drawn.more == 0


def test_terms_listing_it_as_related_come_before_terms_that_only_link(
    write_glossary: WriteGlossary,
) -> None:
    files = hub(2)
    files["zeta.md"] = term_file("Zeta", "Last by title.", "related: [hub]")
    graph = graph_of(write_glossary, files)
    drawn = neighbourhood(graph.nodes["hub"], graph)
    assert drawn is not None
    assert [(n.slug, n.relation) for n in drawn.neighbours] == [
        ("alpha", "related"),  # its own related list
        ("zeta", "related"),  # lists it as related
        ("spoke-00", "link"),
        ("spoke-01", "link"),
    ]


def test_the_layout_is_the_same_every_time(write_glossary: WriteGlossary) -> None:
    graph = graph_of(write_glossary, hub(5))
    first = neighbourhood(graph.nodes["hub"], graph)
    assert first == neighbourhood(graph.nodes["hub"], graph)
    assert first is not None
    positions = [(n.x, n.y) for n in first.neighbours]
    assert len(set(positions)) == len(positions)  # no two nodes on one spot
    for node in (first.centre, *first.neighbours):
        assert 0 <= node.x <= first.width and 0 <= node.y <= first.height


def test_the_neighbours_shown_are_capped(write_glossary: WriteGlossary) -> None:
    graph = graph_of(write_glossary, hub(MAX_NEIGHBOURS + 3))
    drawn = neighbourhood(graph.nodes["hub"], graph)
    assert drawn is not None
    assert len(drawn.neighbours) == MAX_NEIGHBOURS
    assert drawn.more == 4  # alpha and 15 spokes: 16 neighbours, 12 drawn


def test_a_term_without_neighbours_has_no_map(write_glossary: WriteGlossary) -> None:
    graph = graph_of(write_glossary, {"lone.md": term_file("Lone", "Alone.")})
    assert neighbourhood(graph.nodes["lone"], graph) is None


def test_long_titles_wrap_onto_two_lines_and_are_cut() -> None:
    assert label_lines("Sprint Retrospective") == ("Sprint", "Retrospective")
    assert label_lines("Product Requirements Document") == ("Product", "Requirements…")
    assert label_lines("Container Network Interface") == ("Container", "Network…")
    assert label_lines("Kanban") == ("Kanban",)
    assert label_lines("Supercalifragilistic") == ("Supercalifragilistic",)  # never mid-word


def test_every_node_is_a_link_with_a_name_and_there_is_no_script(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary(hub(2))
    assert build(project, tmp_path / "site").ok
    page = (tmp_path / "site/hub/index.html").read_text()
    section = SECTION_RE.search(page)
    assert section is not None
    svg = section.group()
    links = re.findall(
        r'<a class="node node-(\w+)" href="\.\./([a-z0-9-]+)/" aria-label="([^"]+)"', svg
    )
    assert links == [
        ("related", "alpha", "Alpha (related)"),
        ("link", "spoke-00", "Spoke 00 (links here)"),
        ("link", "spoke-01", "Spoke 01 (links here)"),
    ]
    assert 'aria-labelledby="concept-map-caption"' in svg
    assert "Hub and the 3 terms next to it" in svg
    assert "<script" not in svg
    # Colours come from the stylesheet's custom properties (light and dark), not the SVG.
    assert not re.search(r"\b(fill|stroke)=", svg)


def test_a_renamed_neighbour_is_renamed_in_the_map_of_a_warm_build(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = dataclasses.replace(write_glossary(hub(1)), cache_dir=tmp_path / "cache")
    site = tmp_path / "site"
    assert build(project, site).ok
    (project.source_dir / "alpha.md").write_text(term_file("Omega", "First.", "related: [hub]"))
    assert build(project, site).ok
    svg = SECTION_RE.search((site / "hub/index.html").read_text())
    assert svg is not None and 'aria-label="Omega (related)"' in svg.group()
