"""The /graph/ page: the map of all terms, clustered by category, or the clusters listed."""

from __future__ import annotations

import re
from pathlib import Path

from glossary_site import build, read_glossary
from glossary_site.config import load_config
from glossary_site.graph_page import OTHER, graph_map
from tests.conftest import WriteGlossary, term_file


def files() -> dict[str, str]:
    return {
        "sprint.md": term_file("Sprint", "Time-box.", "category: Events\nrelated: [review]"),
        "review.md": term_file("Review", "Looking back.", "category: Events\nrelated: [sprint]"),
        "board.md": term_file("Board", "Cards.", "tags: [flow]", "See [the sprint](sprint)."),
        "misc.md": term_file("Misc", "Anything."),
    }


def test_terms_are_clustered_by_category_then_first_tag(write_glossary: WriteGlossary) -> None:
    glossary, _ = read_glossary(write_glossary(files()))
    assert glossary is not None
    drawn = graph_map(glossary.graph, 300)
    assert drawn.drawn
    clusters = [(c.name, [n.slug for n in c.nodes]) for c in drawn.clusters]
    assert clusters == [("Events", ["review", "sprint"]), ("flow", ["board"]), (OTHER, ["misc"])]
    # One line per pair of related or linked terms.
    assert len(drawn.edges) == 2
    assert drawn == graph_map(glossary.graph, 300)  # deterministic


def test_the_page_draws_every_term_as_a_link(write_glossary: WriteGlossary, tmp_path: Path) -> None:
    assert build(write_glossary(files()), tmp_path / "site").ok
    page = (tmp_path / "site/graph/index.html").read_text()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert sorted(re.findall(r'<a class="node" href="\.\./([a-z0-9-]+)/"', svg)) == [
        "board",
        "misc",
        "review",
        "sprint",
    ]
    assert 'aria-label="Sprint (Events)"' in svg
    main = page[page.index("<main") : page.index("</main>")]
    assert "<script" not in main  # the map needs no JavaScript (the header's search box aside)
    # The text equivalent: the clusters as headed lists of links.
    assert re.findall(r"<h2 [^>]*>([^<]+) <span", page) == ["Events", "flow", OTHER]


def test_above_graph_max_terms_the_page_lists_clusters_only(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary(files(), config="graph_max_terms = 3\n")
    assert build(project, tmp_path / "site").ok
    page = (tmp_path / "site/graph/index.html").read_text()
    assert "<svg" not in page
    assert "graph_max_terms is 3" in page
    assert page.count('<li><a href="../') == 4


def test_a_term_called_graph_keeps_its_page(write_glossary: WriteGlossary, tmp_path: Path) -> None:
    project = write_glossary({**files(), "graph.md": term_file("Graph", "Nodes and edges.")})
    assert build(project, tmp_path / "site").ok
    assert "<h1>Graph</h1>" in (tmp_path / "site/graph/index.html").read_text()
    assert "Map of all terms" in (tmp_path / "site/glossary-graph/index.html").read_text()
    assert (
        'href="../glossary-graph/">Map of all terms'
        in (tmp_path / "site/sprint/index.html").read_text()
    )


def test_a_negative_graph_max_terms_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "glossary.toml"
    path.write_text("title = 'T'\ngraph_max_terms = -1\n")
    _, problems = load_config(path)
    assert [(p.code, p.line) for p in problems] == [("config-graph-max-terms", 2)]
