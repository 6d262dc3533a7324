"""What the built site contains: pages, metadata for search engines, theming, determinism."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from pathlib import Path

from glossary_site import Project, build
from tests.conftest import BUNDLED_CONFIG, BUNDLED_SOURCE, REPO, WriteGlossary, term_file

BASE = "https://example.org/docs/glossary/"


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def build_ok(project: Project, out: Path) -> Path:
    report = build(project, out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return out


def small(write_glossary: WriteGlossary, config: str = f'base_url = "{BASE}"') -> Project:
    return write_glossary(
        {
            "sprint.md": term_file(
                "Sprint",
                front="aliases: [Iteration]\nrelated: [kanban]\nupdated: 2026-03-01",
                body="## Goal\n\nFocus.",
            ),
            "kanban.md": term_file("Kanban", front="updated: 2026-04-02"),
            "old.md": term_file("Old Name", front="status: deprecated\nreplaced_by: sprint"),
            "idea.md": term_file("Idea", front="status: draft"),
        },
        config=config,
    )


def test_every_page_has_the_metadata_search_engines_read(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = build_ok(small(write_glossary), tmp_path / "site")
    html = (site / "sprint" / "index.html").read_text()
    assert '<html lang="en" dir="ltr">' in html
    assert "<title>Sprint – Glossary</title>" in html
    assert '<meta name="description" content="Sprint is a term used in tests.">' in html
    assert f'<link rel="canonical" href="{BASE}sprint/">' in html
    assert f'<meta property="og:url" content="{BASE}sprint/">' in html
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html).group(1))
    assert data["@type"] == "DefinedTerm" and data["name"] == "Sprint"
    assert data["alternateName"] == ["Iteration"]
    assert data["inDefinedTermSet"] == {"@type": "DefinedTermSet", "name": "Glossary", "url": BASE}
    index = (site / "index.html").read_text()
    index_data = json.loads(re.search(r'ld\+json">(.*?)</script>', index).group(1))
    assert index_data["@type"] == "DefinedTermSet" and index_data["url"] == BASE
    assert "hasDefinedTerm" not in index_data  # each term page names its set instead


def test_sitemap_robots_404_favicon_and_css_are_written(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = build_ok(small(write_glossary), tmp_path / "site")
    sitemap = (site / "sitemap.xml").read_text()
    assert f"<loc>{BASE}kanban/</loc><lastmod>2026-04-02</lastmod>" in sitemap
    assert "idea" not in sitemap  # drafts are not published
    assert f"Sitemap: {BASE}sitemap.xml" in (site / "robots.txt").read_text()
    not_found = (site / "404.html").read_text()
    assert 'href="/docs/glossary/style.css' in not_found  # works at any depth
    assert '<meta name="robots" content="noindex">' in not_found
    assert (site / "favicon.svg").read_bytes().startswith(b"<svg")
    assert b"prefers-color-scheme: dark" in (site / "style.css").read_bytes()
    assert not (site / "idea").exists()


def test_without_base_url_pages_have_no_canonical_and_no_sitemap(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = build_ok(small(write_glossary, config=""), tmp_path / "site")
    assert 'rel="canonical"' not in (site / "sprint" / "index.html").read_text()
    assert not (site / "sitemap.xml").exists()
    assert "Sitemap:" not in (site / "robots.txt").read_text()


def test_term_page_shows_cards_backlinks_and_the_deprecation_notice(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = build_ok(small(write_glossary), tmp_path / "site")
    sprint = (site / "sprint" / "index.html").read_text()
    assert '<h3><a href="../kanban/">Kanban</a></h3>' in sprint
    assert 'id="referenced-by"' in sprint and 'href="../old/">Old Name' in sprint
    old = (site / "old" / "index.html").read_text()
    assert 'Use <a href="../sprint/">Sprint</a> instead.' in old
    index = (site / "index.html").read_text()
    assert '<span aria-disabled="true">B</span>' in index
    assert '<a href="#letter-k">K</a>' in index


def test_links_are_relative_so_the_site_works_under_a_sub_path_and_from_disk(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = build_ok(small(write_glossary, config="directory_urls = false"), tmp_path / "site")
    sprint = (site / "sprint" / "index.html").read_text()
    assert 'href="../kanban/index.html"' in sprint
    assert 'href="../index.html"' in sprint
    hrefs = re.findall(r'(?:href|src)="([^"#]+)', sprint)
    assert not [h for h in hrefs if h.startswith("/")], hrefs


def test_two_builds_of_the_bundled_glossary_are_byte_identical(tmp_path: Path) -> None:
    project = Project(BUNDLED_SOURCE, BUNDLED_CONFIG, REPO / "templates")
    first = tree_digest(build_ok(project, tmp_path / "a"))
    second = tree_digest(build_ok(project, tmp_path / "b"))
    assert first == second
    assert len([p for p in first if p.endswith("/index.html")]) >= 25


def test_rebuild_replaces_the_previous_site_and_removes_stale_pages(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = small(write_glossary)
    site = build_ok(project, tmp_path / "site")
    (project.source_dir / "kanban.md").unlink()
    (project.source_dir / "sprint.md").write_text(term_file("Sprint"))
    build_ok(project, site)
    assert not (site / "kanban").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_an_override_template_can_extend_the_default_it_replaces(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary(
        {"sprint.md": term_file("Sprint")},
        templates={
            "term.html": """\
            {% extends "default/term.html" %}
            {% block main %}{{ super() }}<p class="house">Ask #glossary.</p>{% endblock %}
        """,
        },
    )
    site = build_ok(project, tmp_path / "site")
    html = (site / "sprint" / "index.html").read_text()
    assert '<p class="house">Ask #glossary.</p>' in html
    assert "<h1>Sprint</h1>" in html


def test_a_misspelt_variable_in_an_override_is_an_error_with_its_line(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary(
        {"sprint.md": term_file("Sprint")},
        templates={
            "term.html": '{% extends "default/term.html" %}\n{% block main %}\n{{ term.titel }}\n'
            "{% endblock %}\n",
        },
    )
    report = build(project, tmp_path / "site")
    assert not report.ok
    (problem,) = report.diagnostics
    assert problem.path.name == "term.html" and problem.line == 3
    assert "titel" in problem.message
    assert not (tmp_path / "site").exists()


def test_non_template_files_in_the_templates_folder_are_ignored(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary({"sprint.md": term_file("Sprint")}, templates={"notes.md": "x"})
    (tmp_path / "templates" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    assert build_ok(project, tmp_path / "site").is_dir()


def test_files_in_static_are_copied_and_replace_default_assets(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary({"sprint.md": term_file("Sprint")})
    static = tmp_path / "static"
    (static / "img").mkdir(parents=True)
    (static / "style.css").write_text("body { color: teal }")
    (static / "img" / "logo.svg").write_text("<svg/>")
    (static / ".DS_Store").write_text("junk")
    site = build_ok(replace(project, static_dir=static), tmp_path / "site")
    assert (site / "style.css").read_text() == "body { color: teal }"
    assert (site / "img" / "logo.svg").read_text() == "<svg/>"
    assert (site / "favicon.svg").is_file()  # defaults not replaced stay
    assert not (site / ".DS_Store").exists()
    default_site = build_ok(project, tmp_path / "default")
    version = re.compile(r"style\.css\?v=(\w+)")
    assert version.search((site / "index.html").read_text()) != version.search(
        (default_site / "index.html").read_text()
    )


def test_a_static_file_may_not_replace_a_generated_page(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary({"sprint.md": term_file("Sprint")})
    (tmp_path / "static" / "sprint").mkdir(parents=True)
    (tmp_path / "static" / "sprint" / "index.html").write_text("mine")
    report = build(replace(project, static_dir=tmp_path / "static"), tmp_path / "site")
    assert [(d.code, d.path.name) for d in report.diagnostics] == [("static-clash", "index.html")]
    assert not (tmp_path / "site").exists()
