"""A definition shown apart from the body carries its footnote refs correctly (issue 11).

The definition (from the front matter or the body's first paragraph) and the body are
one document for Markdown: footnotes, abbreviations and reference links defined in the
body apply to the definition, and ids never repeat between the two.
"""

from __future__ import annotations

from pathlib import Path

from glossary_site import build, check
from glossary_site.diagnostics import Severity
from tests.conftest import WriteGlossary
from tests.linkcheck import broken_links
from tests.test_markup import make_term

_BODY_DEFINITION = """---
title: Security
---

Security is built in, for very short-lived[^1] infrastructure.

[^1]: Translator's note: grows and shrinks on demand.

## More

Text.
"""

_FRONT_DEFINITION = """---
title: Other
definition: Other is defined with a note[^n] and HTML here.
---

Body mentions HTML too[^b].

[^n]: The note.
[^b]: The body's note.

*[HTML]: Hyper Text Markup Language
"""


def _page(site: Path, slug: str) -> str:
    return (site / slug / "index.html").read_text(encoding="utf-8")


def test_footnote_in_a_definition_taken_from_the_body_builds_and_links_both_ways(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary({"security.md": _BODY_DEFINITION})

    report = build(project, tmp_path / "site")

    assert report.ok, [d.format() for d in report.diagnostics]
    page = _page(tmp_path / "site", "security")
    definition = page.split('id="definition"', 1)[1].split("</p>", 1)[0]
    assert 'id="fnref:1"' in definition and 'href="#fn:1"' in definition
    assert 'id="fn:1"' in page and 'href="#fnref:1"' in page
    assert broken_links(tmp_path / "site") == []


def test_footnote_in_a_front_matter_definition_numbers_before_the_body_s_notes(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary({"other.md": _FRONT_DEFINITION})

    report = build(project, tmp_path / "site")

    assert report.ok, [d.format() for d in report.diagnostics]
    page = _page(tmp_path / "site", "other")
    assert page.index('id="fn:n"') < page.index('id="fn:b"')
    assert '<a class="footnote-ref" href="#fn:n">1</a>' in page
    assert '<a class="footnote-ref" href="#fn:b">2</a>' in page
    assert broken_links(tmp_path / "site") == []


def test_abbreviations_of_the_body_apply_to_the_definition() -> None:
    from glossary_site.markup import MarkdownRenderer

    document, _ = MarkdownRenderer(trust_html=False).render(make_term(_FRONT_DEFINITION))

    assert '<abbr title="Hyper Text Markup Language">HTML</abbr>' in document.definition_html
    assert '<abbr title="Hyper Text Markup Language">HTML</abbr>' in document.body_html


def test_summary_and_cards_never_show_the_footnote_number() -> None:
    from glossary_site.markup import MarkdownRenderer

    document, _ = MarkdownRenderer(trust_html=False).render(make_term(_BODY_DEFINITION))

    assert document.summary == "Security is built in, for very short-lived infrastructure."


def test_an_id_set_in_the_definition_is_not_repeated_by_the_body() -> None:
    from glossary_site.markup import MarkdownRenderer

    text = "---\ntitle: X\ndefinition: An *x*{#key} term.\n---\n\nThe *key*{#key} again.\n"
    document, problems = MarkdownRenderer(trust_html=False).render(make_term(text))

    assert 'id="key"' in document.definition_html
    assert 'id="key_1"' in document.body_html
    assert [p.code for p in problems] == ["duplicate-id"]


def test_link_lines_stay_those_of_the_file_when_definition_and_body_are_one_document(
    write_glossary: WriteGlossary,
) -> None:
    text = (
        "---\ntitle: Alpha\ndefinition: Alpha links [nowhere](nowhere-a).\n---\n\n"
        "Body line.\n\nSee [gone](nowhere-b).\n"
    )
    body_first = (
        "---\ntitle: Beta\n---\n\nBeta links [nowhere](nowhere-c).\n\nMore [x](nowhere-d).\n"
    )
    project = write_glossary({"alpha.md": text, "beta.md": body_first})

    lines = {
        d.message.split("'")[1]: (d.path.name, d.line)
        for d in check(project).diagnostics
        if d.code == "broken-link"
    }

    assert lines == {
        "nowhere-a": ("alpha.md", 3),
        "nowhere-b": ("alpha.md", 8),
        "nowhere-c": ("beta.md", 5),
        "nowhere-d": ("beta.md", 7),
    }


def test_a_footnote_nobody_refers_to_is_a_warning_at_its_line_not_a_broken_link(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    text = "---\ntitle: Unused\n---\n\nUnused has a paragraph.\n\n[^x]: Never referenced.\n"
    project = write_glossary({"unused.md": text})

    report = build(project, tmp_path / "site")

    assert report.ok
    [warning] = report.diagnostics
    assert (warning.code, warning.line, warning.severity) == (
        "unreferenced-footnote",
        7,
        Severity.WARNING,
    )
    assert "[^x]" in warning.message
    assert 'href="#fnref:x"' not in _page(tmp_path / "site", "unused")
    assert broken_links(tmp_path / "site") == []
