"""Related terms computed from the graph below ``related_terms`` explicit ones: ranked,
deterministic, with the reason shown, explicit edges first, bounded cost per term."""

from __future__ import annotations

from pathlib import Path

from glossary_site import Project, build, read_glossary
from glossary_site.graph import TermGraph
from glossary_site.related import BROAD_GROUP, _Index
from tests.conftest import WriteGlossary, term_file


def graph_of(project: Project) -> TermGraph:
    glossary, diagnostics = read_glossary(project)
    assert glossary is not None, [d.format() for d in diagnostics]
    assert not [d for d in diagnostics if d.is_error], [d.format() for d in diagnostics]
    return glossary.graph


def cards(graph: TermGraph, slug: str) -> list[tuple[str, str]]:
    node = graph.nodes[slug]
    return list(zip(node.related, node.reasons, strict=True))


SCRUM_FILES = {
    "sprint.md": term_file("Sprint", front="tags: [Scrum]\nrelated: [standup]"),
    "standup.md": term_file("Standup"),
    "review.md": term_file("Sprint Review", front="tags: [scrum]"),
    "retro.md": term_file("Retrospective", front="tags: [Scrum]\ncategory: Events"),
    "linker.md": term_file("Linker", body="Read about [sprints](sprint)."),
    "old.md": term_file("Old", front="tags: [Scrum]\nstatus: deprecated\nreplaced_by: sprint"),
    "far.md": term_file("Far Away"),
}


def test_explicit_related_come_first_then_terms_from_the_graph_with_their_reason(
    write_glossary: WriteGlossary,
) -> None:
    graph = graph_of(write_glossary(SCRUM_FILES))
    assert cards(graph, "sprint") == [
        ("standup", ""),
        ("linker", "links here"),
        ("retro", "shares the tag Scrum"),
        ("review", "shares the tag Scrum"),
    ]


def test_deprecated_and_unrelated_terms_are_never_suggested(
    write_glossary: WriteGlossary,
) -> None:
    graph = graph_of(write_glossary(SCRUM_FILES))
    suggested = {slug for node in graph.nodes.values() for slug in node.related[1:]}
    assert "old" not in suggested and "far" not in suggested
    assert graph.nodes["sprint"].more == ("old",)  # a backlink all the same


def test_mentions_in_both_directions_rank_above_a_shared_category(
    write_glossary: WriteGlossary,
) -> None:
    graph = graph_of(
        write_glossary(
            {
                "a.md": term_file("Alpha", "Alpha works with Gamma.", "category: Greek"),
                "c.md": term_file("Gamma", "Gamma needs Alpha.", "category: Greek"),
                "b.md": term_file("Beta", front="category: Greek"),
            },
            # Auto-linked, the mentions would be links ("links here"): names left as text.
            config="related_terms = 1\nautolink = false\n",
        )
    )
    assert cards(graph, "a") == [("c", "they mention each other")]
    assert cards(graph, "b") == [("a", "also in Greek")]  # first by title on a tie


def test_related_terms_zero_shows_only_the_explicit_list(write_glossary: WriteGlossary) -> None:
    graph = graph_of(write_glossary(SCRUM_FILES, config="related_terms = 0\n"))
    assert cards(graph, "sprint") == [("standup", "")]
    assert cards(graph, "review") == []
    assert graph.nodes["sprint"].more == ("linker", "old")


def test_the_same_glossary_always_gets_the_same_cards(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    files = {
        f"t{i:02}.md": term_file(f"Term {i:02}", front=f"tags: [t{i % 3}, all]") for i in range(30)
    }
    first = graph_of(write_glossary(files))
    again = graph_of(write_glossary(files))
    assert {s: n.related for s, n in first.nodes.items()} == {
        s: n.related for s, n in again.nodes.items()
    }
    assert all(len(n.related) == 6 for n in first.nodes.values())
    assert cards(first, "t00")[0] == ("t03", "shares the tag t0")  # two tags beat one


def test_a_term_is_compared_with_a_bounded_part_of_a_broad_tag(
    write_glossary: WriteGlossary,
) -> None:
    files = {
        f"t{i:03}.md": term_file(f"Term {i:03}", front="tags: [everything]") for i in range(300)
    }
    graph = graph_of(write_glossary(files))
    index = _Index(graph)
    compared = [len(index._scores(node)) for node in graph.nodes.values()]
    assert max(compared) == BROAD_GROUP  # not 299: cost grows with the terms, not their square
    assert all(len(n.related) == 6 for n in graph.nodes.values())


def test_a_negative_related_terms_is_a_config_error_with_its_line(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary(
        {"a.md": term_file("Alpha")}, config='title = "G"\nrelated_terms = -1\n'
    )
    report = build(project, tmp_path / "site")
    assert [d.format().splitlines()[0] for d in report.diagnostics] == [
        f"{project.config_path}:2: error: related_terms is -1: it counts cards and may not be "
        "negative [config-count]"
    ]


def test_with_auto_linking_only_terms_that_opt_out_are_scanned_for_names(
    write_glossary: WriteGlossary,
) -> None:
    files = {
        "a.md": term_file("Alpha", "Alpha works with Gamma."),
        "c.md": term_file("Gamma", "Gamma needs Alpha.", "autolink: false"),
    }
    graph = graph_of(write_glossary(files))
    # Alpha's mention of Gamma is a link already; Gamma's text is left as written.
    assert _Index(graph, autolink=True).mentions == {"c": {"a"}}
    assert _Index(graph).mentions == {"a": {"c"}, "c": {"a"}}
