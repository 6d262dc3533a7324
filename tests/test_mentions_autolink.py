"""Auto-linking: names of terms in another term's text become links, one rule per test."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from glossary_site import Project, build, read_glossary
from glossary_site.build import Glossary
from tests.conftest import WriteGlossary, term_file

MENTION_RE = re.compile(r'<a class="mention" href="\.\./([a-z0-9-]+)/">([^<]*)</a>')


def read(project: Project) -> Glossary:
    glossary, diagnostics = read_glossary(project)
    assert glossary is not None
    assert not [d for d in diagnostics if d.is_error], [d.format() for d in diagnostics]
    return glossary


def mentions(glossary: Glossary, slug: str) -> list[tuple[str, str]]:
    """(target slug, text) of each auto-link on ``slug``'s page, definition first."""
    document = glossary.graph.nodes[slug].document
    return MENTION_RE.findall(document.definition_html + "\n" + document.body_html)


def glossary_with(write_glossary: WriteGlossary, body: str, *others: str, **kw: str) -> Glossary:
    """A term 'Page' with ``body``, and one term per title of ``others`` (slug from title)."""
    files = {"page.md": term_file("Page", "The page under test.", body=body)}
    for title in others:
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
        files[f"{slug}.md"] = term_file(title, f"{title} is defined here.", kw.get(slug, ""))
    return read(write_glossary(files, config=kw.get("config")))


def test_a_title_in_the_text_becomes_a_link(write_glossary: WriteGlossary) -> None:
    glossary = glossary_with(write_glossary, "We plan every sprint together.", "Sprint")
    assert mentions(glossary, "page") == [("sprint", "sprint")]


def test_only_whole_words_are_linked(write_glossary: WriteGlossary) -> None:
    body = "Sprinting, sprint_x and xsprint are not the term."
    assert mentions(glossary_with(write_glossary, body, "Sprint"), "page") == []


def test_the_longest_name_wins(write_glossary: WriteGlossary) -> None:
    glossary = glossary_with(write_glossary, "Ask the Scrum Master.", "Scrum", "Scrum Master")
    assert mentions(glossary, "page") == [("scrum-master", "Scrum Master")]


@pytest.mark.parametrize(
    ("title", "text"),
    [("Sprint", "sprints"), ("User Story", "user stories"), ("Process", "processes")],
)
def test_simple_english_plurals_are_linked(
    write_glossary: WriteGlossary, title: str, text: str
) -> None:
    glossary = glossary_with(write_glossary, f"Some {text} here.", title)
    slug = title.lower().replace(" ", "-")
    assert mentions(glossary, "page") == [(slug, text)]


def test_an_abbreviation_is_linked_only_in_capitals(write_glossary: WriteGlossary) -> None:
    files = {
        "page.md": term_file("Page", "The page.", body="Whether it helps.\n\nThe API and APIs."),
        "api.md": term_file("Application Programming Interface", "Calls.", "aliases: [API]"),
        "it.md": term_file("Information Technology", "Computers.", "aliases: [IT]"),
    }
    glossary = read(write_glossary(files))
    assert mentions(glossary, "page") == [("api", "API")]


def test_only_the_first_mention_per_section_is_linked(write_glossary: WriteGlossary) -> None:
    body = "A sprint, another sprint.\n\n## Later\n\nSprints again, and a sprint."
    glossary = glossary_with(write_glossary, body, "Sprint")
    assert mentions(glossary, "page") == [("sprint", "sprint"), ("sprint", "Sprints")]


def test_a_section_that_links_the_term_itself_gets_no_second_link(
    write_glossary: WriteGlossary,
) -> None:
    body = "See [the sprint](sprint); a sprint is short."
    assert mentions(glossary_with(write_glossary, body, "Sprint"), "page") == []


def test_the_definition_is_a_section_of_its_own(write_glossary: WriteGlossary) -> None:
    files = {
        "page.md": term_file("Page", "Made in a sprint.", body="Each sprint ends."),
        "sprint.md": term_file("Sprint", "Time-box."),
    }
    glossary = read(write_glossary(files))
    assert mentions(glossary, "page") == [("sprint", "sprint"), ("sprint", "sprint")]


@pytest.mark.parametrize(
    "body",
    [
        "Code `sprint` is code.",
        "```\nsprint in a fence\n```",
        "Intro.\n\n    sprint in indented code",
        "## About the sprint",
        "### Sprint details",
        "A [link about sprint](https://example.org/x) is linked.",
        "<kbd>sprint</kbd> is a key.",
        "<details><summary>The sprint</summary>\n\nText.\n</details>",
    ],
)
def test_code_pre_links_and_headings_are_never_linked(
    write_glossary: WriteGlossary, body: str
) -> None:
    assert mentions(glossary_with(write_glossary, body, "Sprint"), "page") == []


def test_a_term_never_links_to_itself(write_glossary: WriteGlossary) -> None:
    files = {"sprint.md": term_file("Sprint", "A sprint is short.", body="Every sprint ends.")}
    files["other.md"] = term_file("Other", "Other term.", "related: [sprint]")
    assert mentions(read(write_glossary(files)), "sprint") == []


def test_drafts_and_deprecated_terms_are_not_linked(write_glossary: WriteGlossary) -> None:
    files = {
        "page.md": term_file("Page", "The page.", body="Grooming and the draft word."),
        "grooming.md": term_file("Grooming", "Old.", "status: deprecated\nreplaced_by: page"),
        "draft-word.md": term_file("Draft Word", "New.", "status: draft"),
    }
    assert mentions(read(write_glossary(files)), "page") == []


def test_text_with_entities_keeps_its_escaping(write_glossary: WriteGlossary) -> None:
    body = "R&D uses <b>sprints</b> & 1 < 2 in a sprint."
    glossary = glossary_with(write_glossary, body, "Sprint")
    html = glossary.graph.nodes["page"].document.body_html
    assert '<b><a class="mention" href="../sprint/">sprints</a></b> &amp; 1 &lt; 2' in html
    assert "R&amp;D" in html


def test_a_term_with_autolink_false_keeps_its_text(write_glossary: WriteGlossary) -> None:
    files = {
        "kanban.md": term_file("Kanban", "The board.", "autolink: false", "Every sprint."),
        "sprint.md": term_file("Sprint", "Time-box.", body="Kanban is other."),
    }
    glossary = read(write_glossary(files))
    assert mentions(glossary, "kanban") == []  # its own text is left as written
    assert mentions(glossary, "sprint") == [("kanban", "Kanban")]  # its name is linked


def test_autolink_false_in_the_config_turns_it_off(write_glossary: WriteGlossary) -> None:
    glossary = glossary_with(write_glossary, "Every sprint.", "Sprint", config="autolink = false\n")
    assert mentions(glossary, "page") == []


@pytest.mark.parametrize("value", ["yes", "'false'", "[false]", "0"])
def test_autolink_must_be_true_or_false(write_glossary: WriteGlossary, value: str) -> None:
    files = {"page.md": term_file("Page", "The page.", f"autolink: {value}")}
    _, diagnostics = read_glossary(write_glossary(files))
    assert [(d.code, d.line) for d in diagnostics] == [("wrong-type", 4)]
    assert "autolink: false" in diagnostics[0].hint


def test_a_mention_is_a_backlink(write_glossary: WriteGlossary) -> None:
    glossary = glossary_with(write_glossary, "Every sprint.", "Sprint")
    assert glossary.graph.nodes["sprint"].referenced_by == ("page",)
    assert "page" in glossary.graph.nodes["sprint"].related


def test_unlinked_mention_is_reported_only_where_autolinking_is_off(
    write_glossary: WriteGlossary,
) -> None:
    files = {
        "page.md": term_file("Page", "The page.", "related: [sprint]", "Every sprint."),
        "off.md": term_file("Off", "Off.", "autolink: false\nrelated: [sprint]", "A sprint."),
        "sprint.md": term_file("Sprint", "Time-box.", "related: [page, off]"),
    }
    _, diagnostics = read_glossary(write_glossary(files))
    found = [(d.code, d.path.name) for d in diagnostics]
    assert found == [("unlinked-mention", "off.md")]


def test_renaming_a_mentioned_term_renders_the_mentioning_page_again(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    files = {
        "page.md": term_file("Page", "The page.", body="Every iteration ends."),
        "sprint.md": term_file("Sprint", "Time-box.", "aliases: [Iteration]"),
    }
    project = dataclasses.replace(write_glossary(files), cache_dir=tmp_path / "cache")
    site = tmp_path / "site"
    assert build(project, site).ok
    assert 'href="../sprint/">iteration</a>' in (site / "page/index.html").read_text()
    (project.source_dir / "sprint.md").write_text(term_file("Sprint", "Time-box."))
    assert build(project, site).ok  # warm: page.md's conversion and page come from the cache
    assert 'href="../sprint/">iteration</a>' not in (site / "page/index.html").read_text()
    (project.source_dir / "sprint.md").write_text(
        term_file("Cycle", "Time-box.", "aliases: [Iteration]")
    )
    assert build(project, site).ok
    assert 'href="../sprint/">iteration</a>' in (site / "page/index.html").read_text()
