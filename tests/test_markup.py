from pathlib import Path

import pytest

from glossary_site.load import load_term
from glossary_site.markup import Document, MarkdownRenderer, teaser
from glossary_site.schema import Term, parse_term
from tests.conftest import term_file


def make_term(text: str, name: str = "term.md") -> Term:
    raw = load_term(Path(name), text.encode())
    assert not isinstance(raw, type(None))
    term, problems = parse_term(raw)  # type: ignore[arg-type]
    assert term is not None, problems
    return term


def render(text: str, trust_html: bool = False, directory_urls: bool = True) -> Document:
    renderer = MarkdownRenderer(trust_html=trust_html, directory_urls=directory_urls)
    document, problems = renderer.render(make_term(text))
    assert not [p for p in problems if p.is_error], problems
    return document


def test_sections_get_stable_ids_and_a_nested_table_of_contents() -> None:
    doc = render(term_file("Sprint", body="## What is it?\n\n### Part & whole\n\n## Why"))
    assert [(e.id, e.title) for e in doc.toc] == [("what-is-it", "What is it?"), ("why", "Why")]
    assert [(c.id, c.title) for c in doc.toc[0].children] == [("part-whole", "Part & whole")]
    assert '<h2 id="what-is-it">' in doc.body_html


def test_section_named_like_a_page_landmark_gets_a_distinct_id() -> None:
    doc = render(term_file("Sprint", body="## Related terms\n\ntext"))
    assert doc.toc[0].id == "related-terms-section"


@pytest.mark.parametrize(
    "href",
    [
        "scrum-master",
        "../scrum-master/",
        "scrum-master.md",
        "./scrum-master",
        "../scrum-master/index.html",
    ],
)
def test_links_to_other_terms_are_recorded_and_point_at_their_page(href: str) -> None:
    doc = render(term_file("Sprint", body=f"## A\n\nAsk the [Scrum Master]({href}#roles)."))
    assert [link.target for link in doc.links] == ["scrum-master"]
    assert 'href="../scrum-master/#roles"' in doc.body_html


def test_term_links_use_index_html_when_directory_urls_is_off() -> None:
    doc = render(term_file("Sprint", body="See [x](kanban)."), directory_urls=False)
    assert 'href="../kanban/index.html"' in doc.body_html


def test_link_lines_are_counted_in_the_term_file() -> None:
    text = term_file("Sprint", body="## A\n\none\n\nSee [x](kanban).")
    doc = render(text)
    expected = text.split("\n").index("See [x](kanban).") + 1
    assert [(link.target, link.line) for link in doc.links] == [("kanban", expected)]


def test_external_and_fragment_links_are_not_term_links() -> None:
    body = "[a](https://example.org/x) [b](#part) [c](mailto:a@b.c) [d](image.png)"
    assert render(term_file("Sprint", body=body)).links == ()


def test_raw_html_is_sanitised_unless_trusted() -> None:
    body = (
        '<script>alert(1)</script><p onclick="x()">hi <a href="javascript:evil()">a</a>'
        '<img src="x.png" onerror="y()" alt="pic"></p>'
    )
    safe = render(term_file("Sprint", body=body)).body_html
    assert "<script" not in safe and "onclick" not in safe and "onerror" not in safe
    assert "javascript:" not in safe
    assert 'alt="pic"' in safe and "hi" in safe
    trusted = render(term_file("Sprint", body=body), trust_html=True).body_html
    assert "<script>alert(1)</script>" in trusted


def test_definition_is_inline_html_and_summary_plain_text() -> None:
    doc = render(term_file("Sprint", definition="A *time-box* of [work](kanban) & focus."))
    assert (
        doc.definition_html == 'A <em>time-box</em> of <a href="../kanban/">work</a> &amp; focus.'
    )
    assert doc.summary == "A time-box of work & focus."


def test_explicit_summary_wins_over_the_definition() -> None:
    doc = render(term_file("Sprint", front="summary: Short teaser."))
    assert doc.summary == "Short teaser."


def test_teaser_cuts_long_text_at_a_word_boundary() -> None:
    text = "word " * 60
    cut = teaser(text.strip(), 40)
    assert len(cut) <= 40 and cut.endswith("…") and not cut.endswith(" …")
    assert teaser("short") == "short"


def test_definition_taken_from_the_first_body_paragraph_is_not_repeated() -> None:
    text = "---\ntitle: Kanban\n---\n\nA *pull* system for flow.\n\n## History\n\nToyota.\n"
    doc = render(text)
    assert doc.definition_html == "A <em>pull</em> system for flow."
    assert "pull" not in doc.body_html and "Toyota" in doc.body_html


def test_table_with_an_empty_corner_cell_gets_row_headers() -> None:
    body = "|   | A | B |\n|---|---|---|\n| Focus | x | y |\n| Scope | z | w |"
    html = render(term_file("Sprint", body=body)).body_html
    assert "<th></th>" not in html and "<td></td>" in html
    assert '<th scope="row">Focus</th>' in html and '<th scope="row">Scope</th>' in html


def test_table_with_a_named_corner_keeps_data_cells() -> None:
    body = "| Name | A |\n|---|---|\n| Focus | x |"
    html = render(term_file("Sprint", body=body)).body_html
    assert "<th>Name</th>" in html and "<td>Focus</td>" in html
