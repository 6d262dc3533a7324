"""A page per tag and per category, ``/tags/`` listing them all, and generated folders that
never meet a term's folder or each other (reported with file:line)."""

from __future__ import annotations

import re
from pathlib import Path

from glossary_site import build, check
from tests.conftest import WriteGlossary, term_file
from tests.linkcheck import broken_links

FILES = {
    "sprint.md": term_file("Sprint", front="tags: [Scrum, Events]\ncategory: Practices"),
    "review.md": term_file("Sprint Review", front="tags: [scrum]\ncategory: practices"),
    "kanban.md": term_file("Kanban", front="tags: [Flow]"),
}


def titles(html: str) -> list[str]:
    return re.findall(r'<dt><a href="[^"]*">([^<]*)</a>', html)


def test_each_tag_and_category_has_a_page_listing_its_terms_by_title(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    assert build(write_glossary(FILES), site).ok
    scrum = (site / "tags" / "scrum" / "index.html").read_text()
    assert "<title>Tag: Scrum – Glossary</title>" in scrum  # one tag, whatever the case
    assert titles(scrum) == ["Sprint", "Sprint Review"]
    assert '<a href="../../sprint/">Sprint</a>' in scrum and '<a href="../">All tags</a>' in scrum
    practices = (site / "categories" / "practices" / "index.html").read_text()
    assert titles(practices) == ["Sprint", "Sprint Review"]
    listing = (site / "tags" / "index.html").read_text()
    names = re.findall(r'<li><a href="([^"]*)">([^<]*)</a> <span class="count">([^<]*)', listing)
    assert names == [
        ("events/", "Events", "1 term"),
        ("flow/", "Flow", "1 term"),
        ("scrum/", "Scrum", "2 terms"),
    ]
    assert (site / "categories" / "index.html").is_file()
    assert broken_links(site) == []


def test_the_index_tag_filter_links_to_tag_pages_without_javascript(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    assert build(write_glossary(FILES), site).ok
    index = (site / "index.html").read_text()
    assert '<a href="tags/scrum/" data-tag="scrum">Scrum</a>' in index
    assert '<div class="index-entry" data-tags="scrum events"><dt><a href="sprint/">' in index


def test_a_term_whose_slug_is_a_generated_folder_is_an_error_naming_its_file(
    write_glossary: WriteGlossary,
) -> None:
    project = write_glossary({**FILES, "tags.md": term_file("Tags")})
    report = check(project)
    tags_file = project.source_dir / "tags.md"
    assert [d.format().splitlines()[0] for d in report.diagnostics if d.is_error] == [
        f"{tags_file}:1: error: the page of this term would be tags/index.html, where the build "
        "puts the list of tags [page-clash]"
    ]


def test_two_tag_names_with_one_page_share_it_with_a_warning_naming_both_files(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary(
        {
            "a.md": term_file("Alpha", front="tags: [C++]"),
            "b.md": term_file("Beta", front="tags:\n  - C"),
        }
    )
    report = build(project, tmp_path / "site")
    assert report.ok
    clashes = [d for d in report.diagnostics if d.code == "taxonomy-clash"]
    assert [(d.path, d.line, d.is_error) for d in clashes] == [
        (project.source_dir / "a.md", 4, False)
    ]
    assert f"the page of 'C' ({project.source_dir / 'b.md'}:4)" in clashes[0].message
    assert "tags/c/" in clashes[0].message
    page = (tmp_path / "site" / "tags" / "c" / "index.html").read_text()
    assert titles(page) == ["Alpha", "Beta"]
    assert '<a href="../tags/c/">C++</a>' in (tmp_path / "site" / "a" / "index.html").read_text()


def test_tags_in_other_scripts_get_pages_that_links_reach(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    project = write_glossary({"a.md": term_file("Alpha", front="tags: [Жизнь, 日本]")})
    assert build(project, site).ok
    assert (site / "tags" / "жизнь" / "index.html").is_file()
    assert (site / "tags" / "日本" / "index.html").is_file()
    assert broken_links(site) == []
