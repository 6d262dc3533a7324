"""sitemap.xml lists every page worth indexing: terms, tags, categories, letters, the map."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from glossary_site import Project, build, render
from tests.conftest import WriteGlossary, term_file

BASE = "https://example.org/g/"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def glossary(write_glossary: WriteGlossary, config: str = "") -> Project:
    files = {
        "alpha.md": term_file(
            "Alpha", front="tags: [Scrum]\ncategory: Roles\naliases: [AL]\nredirect_from: [old-a]"
        ),
        "beta.md": term_file("Beta", front="tags: [Scrum, Lean Flow]\nupdated: 2026-01-05"),
    }
    return write_glossary(files, config=f'base_url = "{BASE}"\n{config}')


def sitemap_urls(site: Path) -> list[str]:
    names = sorted(site.glob("sitemap-*.xml")) or [site / "sitemap.xml"]
    urls = []
    for name in names:
        root = ET.fromstring(name.read_bytes())
        urls += [el.findtext(f"{NS}loc") or "" for el in root.findall(f"{NS}url")]
    return urls


def built(project: Project, out: Path) -> Path:
    report = build(project, out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return out


def test_the_sitemap_lists_tag_category_and_map_pages_but_no_redirect(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = built(glossary(write_glossary), tmp_path / "site")
    urls = sitemap_urls(site)
    assert urls[:3] == [BASE, f"{BASE}alpha/", f"{BASE}beta/"]
    expected = {
        f"{BASE}tags/",
        f"{BASE}tags/scrum/",
        f"{BASE}tags/lean-flow/",
        f"{BASE}categories/",
        f"{BASE}categories/roles/",
    }
    assert expected <= set(urls)
    graph_pages = [
        p.parent.name for p in site.glob("*/index.html") if b"concept-map" in p.read_bytes()
    ]
    assert graph_pages and all(f"{BASE}{slug}/" in urls for slug in graph_pages)
    for redirect in ("old-a", "al"):
        assert (site / redirect / "index.html").exists()
        assert f"{BASE}{redirect}/" not in urls
    assert len(urls) == len(set(urls))
    every_listed_page_exists = all(
        (site / url.removeprefix(BASE) / "index.html").is_file() for url in urls
    )
    assert every_listed_page_exists


def test_the_sitemap_lists_letter_pages_when_the_index_is_split(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = built(glossary(write_glossary, "index_split_at = 1"), tmp_path / "site")
    urls = sitemap_urls(site)
    assert {f"{BASE}letters/a/", f"{BASE}letters/b/"} <= set(urls)


def test_listing_pages_count_against_the_url_limit_of_each_file(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "SITEMAP_MAX_URLS", 3)
    site = built(glossary(write_glossary), tmp_path / "site")
    parts = sorted(site.glob("sitemap-*.xml"))
    sizes = [len(ET.fromstring(p.read_bytes()).findall(f"{NS}url")) for p in parts]
    assert len(parts) >= 3 and max(sizes) <= 3
    assert f"{BASE}tags/scrum/" in sitemap_urls(site)
