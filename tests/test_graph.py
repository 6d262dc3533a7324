from glossary_site import Project, read_glossary
from glossary_site.config import SiteConfig
from glossary_site.graph import TermGraph
from tests.conftest import WriteGlossary, term_file


def graph_of(project: Project) -> TermGraph:
    glossary, diagnostics = read_glossary(project)
    assert glossary is not None
    assert not [d for d in diagnostics if d.is_error], [d.format() for d in diagnostics]
    return glossary.graph


def test_related_resolves_slugs_titles_and_aliases_case_insensitively(
    write_glossary: WriteGlossary,
) -> None:
    graph = graph_of(
        write_glossary(
            {
                "sprint.md": term_file("Sprint", front="related: [kanban, SCRUM MASTER, wip]"),
                "kanban.md": term_file("Kanban"),
                "scrum-master.md": term_file("Scrum Master"),
                "work-in-progress.md": term_file("Work in Progress", front="aliases: [WIP]"),
            }
        )
    )
    assert graph.nodes["sprint"].related == ("kanban", "scrum-master", "work-in-progress")
    assert graph.resolve("wip") == "work-in-progress"
    assert graph.resolve("Work in") is None  # exact names only, no prefixes


def test_backlinks_come_from_related_and_body_links_and_follow_explicit_related(
    write_glossary: WriteGlossary,
) -> None:
    graph = graph_of(
        write_glossary(
            {
                "a.md": term_file("Alpha", front="related: [b]"),
                "b.md": term_file("Beta", front="related: [d]"),
                "c.md": term_file("Gamma", body="Unlike [beta](b), it is fast."),
                "d.md": term_file("Delta"),
            }
        )
    )
    beta = graph.nodes["b"]
    assert beta.referenced_by == ("a", "c")
    assert beta.related == ("d", "a", "c")  # explicit first, then backlinks
    assert graph.nodes["d"].related == ("b",)


def test_self_reference_is_a_warning_and_never_a_card(write_glossary: WriteGlossary) -> None:
    project = write_glossary(
        {"a.md": term_file("Alpha", front="related: [a]", body="See [me](a).")}
    )
    glossary, diagnostics = read_glossary(project)
    assert glossary is not None
    assert [(d.code, d.is_error) for d in diagnostics] == [("self-reference", False)]
    assert glossary.graph.nodes["a"].related == ()
    assert glossary.graph.nodes["a"].referenced_by == ()


def test_drafts_are_left_out_of_the_graph_but_known_to_messages(
    write_glossary: WriteGlossary,
) -> None:
    project = write_glossary(
        {
            "a.md": term_file("Alpha", front="related: [b]"),
            "b.md": term_file("Beta", front="status: draft"),
        }
    )
    glossary, diagnostics = read_glossary(project)
    assert glossary is not None
    assert list(glossary.graph.nodes) == ["a"]
    assert [d.code for d in diagnostics] == ["draft-reference"]
    assert "draft" in diagnostics[0].message


def test_deprecated_term_points_to_its_replacement(write_glossary: WriteGlossary) -> None:
    graph = graph_of(
        write_glossary(
            {
                "grooming.md": term_file(
                    "Grooming", front="status: deprecated\nreplaced_by: Refinement"
                ),
                "refinement.md": term_file("Refinement"),
            }
        )
    )
    assert graph.nodes["grooming"].replaced_by == "refinement"


def test_alias_equal_to_its_own_title_is_not_a_collision(write_glossary: WriteGlossary) -> None:
    graph = graph_of(
        write_glossary(
            {
                "ci-cd.md": term_file("CI/CD", front="aliases: [ci/cd, CI / CD]"),
            }
        )
    )
    assert graph.resolve("ci / cd") == "ci-cd"


def test_backlinks_fill_cards_up_to_related_terms_but_explicit_related_all_stay(
    write_glossary: WriteGlossary,
) -> None:
    files = {f"t{i:02}.md": term_file(f"Term {i:02}", front="related: [hub]") for i in range(20)}
    files["hub.md"] = term_file("Hub", front="related: [t19, t18]")
    graph = graph_of(write_glossary(files))
    hub = graph.nodes["hub"]
    assert hub.related[:2] == ("t18", "t19")  # explicit first, by title
    assert len(hub.related) == SiteConfig().related_terms
    assert len(hub.referenced_by) == 20


def test_drafts_are_checked_and_may_refer_to_other_drafts(write_glossary: WriteGlossary) -> None:
    project = write_glossary(
        {
            "a.md": term_file("Alpha", front="status: draft\nrelated: [b, nope]", body="[b](b)"),
            "b.md": term_file("Beta", front="status: draft"),
        }
    )
    glossary, diagnostics = read_glossary(project)
    assert glossary is not None and list(glossary.graph.nodes) == []
    assert [(d.code, d.path.name) for d in diagnostics] == [("unknown-term", "a.md")]
