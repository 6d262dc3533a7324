"""Term pages show computed related terms and titles of other terms, in their order: a warm
(cached) build must render them again when a neighbour changes, and match a cold build."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from glossary_site import Project, build
from tests.conftest import WriteGlossary, term_file


def cards(site: Path, slug: str) -> list[str]:
    html = (site / slug / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<h3><a href="[^"]*">([^<]*)</a></h3>', html)


def build_ok(project: Project, out: Path) -> None:
    report = build(project, out)
    assert report.ok, [d.format() for d in report.diagnostics]


def test_editing_a_neighbours_title_changes_the_page_in_a_warm_build(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    files = {
        "a.md": term_file("Alpha", front="tags: [x]"),
        "b.md": term_file("Beta", front="tags: [x]"),
        "c.md": term_file("Gamma", front="tags: [x]"),
    }
    project = dataclasses.replace(write_glossary(files), cache_dir=tmp_path / "cache")
    build_ok(project, tmp_path / "site")
    assert cards(tmp_path / "site", "a") == ["Beta", "Gamma"]

    write_glossary({"c.md": term_file("Delta", front="tags: [x]")})
    build_ok(project, tmp_path / "site")
    assert cards(tmp_path / "site", "a") == ["Beta", "Delta"]  # new title, same cards

    write_glossary({"c.md": term_file("Aardvark", front="tags: [x]")})
    build_ok(project, tmp_path / "site")
    assert cards(tmp_path / "site", "a") == ["Aardvark", "Beta"]  # new title, new order
    build_ok(dataclasses.replace(project, cache_dir=None), tmp_path / "cold")
    for slug in ("a", "b", "c"):
        warm = (tmp_path / "site" / slug / "index.html").read_bytes()
        assert warm == (tmp_path / "cold" / slug / "index.html").read_bytes(), slug


def test_a_neighbour_gaining_a_tag_adds_its_card_in_a_warm_build(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    files = {
        "a.md": term_file("Alpha", front="tags: [x]"),
        "b.md": term_file("Beta"),
    }
    project = dataclasses.replace(write_glossary(files), cache_dir=tmp_path / "cache")
    build_ok(project, tmp_path / "site")
    assert cards(tmp_path / "site", "a") == []

    write_glossary({"b.md": term_file("Beta", front="tags: [X]")})
    build_ok(project, tmp_path / "site")

    assert cards(tmp_path / "site", "a") == ["Beta"]
    assert "shares the tag x" in (tmp_path / "site" / "a" / "index.html").read_text()
