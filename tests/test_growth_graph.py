"""The graph stage resolves each link target once per term and keeps every report.

At 10,000 terms a term carries about 26 links (its own and the auto-linked mentions), so
the graph's work per link must be small; these tests pin what the faster path must keep.
"""

from __future__ import annotations

from glossary_site import read_glossary
from tests.conftest import WriteGlossary, term_file


def test_every_link_to_a_missing_slug_is_reported_at_its_own_line(
    write_glossary: WriteGlossary,
) -> None:
    body = "See [x](nowhere).\n\nAnd [again](nowhere), and [beta](b) and [beta](b)."
    project = write_glossary({"a.md": term_file("Alpha", body=body), "b.md": term_file("Beta")})
    glossary, diagnostics = read_glossary(project)
    assert glossary is not None
    assert [(d.code, d.line) for d in diagnostics if d.is_error] == [
        ("broken-link", 6),
        ("broken-link", 8),
    ]
    assert glossary.graph.nodes["b"].referenced_by == ("a",)


def test_every_link_to_a_draft_is_reported_and_a_draft_may_link_a_draft(
    write_glossary: WriteGlossary,
) -> None:
    project = write_glossary(
        {
            "a.md": term_file("Alpha", body="One [d](d).\n\nTwo [d](d)."),
            "d.md": term_file("Delta", front="status: draft", body="[e](e) [e](e)"),
            "e.md": term_file("Echo", front="status: draft"),
        }
    )
    glossary, diagnostics = read_glossary(project)
    assert glossary is not None
    found = [(d.path.name, d.code, d.line) for d in diagnostics]
    assert found == [("a.md", "draft-reference", 6), ("a.md", "draft-reference", 8)]


def test_backlinks_are_sorted_by_title_and_counted_once_per_term(
    write_glossary: WriteGlossary,
) -> None:
    project = write_glossary(
        {
            "z/first.md": term_file("Zulu", front="related: [m]", body="[m](m) [m](m)"),
            "a.md": term_file("Alpha", body="[mike](m)"),
            "m.md": term_file("Mike", body="[me](m)"),
            "k.md": term_file("Kilo", front="status: deprecated\nreplaced_by: m"),
        }
    )
    glossary, diagnostics = read_glossary(project)
    assert glossary is not None, diagnostics
    node = glossary.graph.nodes["m"]
    assert node.referenced_by == ("a", "k", "first")  # Alpha, Kilo, Zulu
    assert glossary.graph.nodes["first"].related == ("m",)
