"""Past the protocol's limits (50,000 URLs, 50 MB) sitemap.xml becomes a sitemap index."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

import pytest

from glossary_site import Project, build, read_glossary, render
from glossary_site.config import SiteConfig
from glossary_site.render import make_environment, render_site
from tests.conftest import WriteGlossary, term_file

BASE = "https://example.org/g/"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def glossary(write_glossary: WriteGlossary, count: int) -> Project:
    files = {
        f"term-{i:02}.md": term_file(f"Term {i:02}", front=f"updated: 2026-01-{i + 1:02}")
        for i in range(count)
    }
    return write_glossary(files, config=f'base_url = "{BASE}"')


def built(project: Project, out: Path) -> Path:
    report = build(project, out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return out


def locs(data: bytes, tag: str) -> list[str]:
    root = ET.fromstring(data)
    return [el.findtext(f"{NS}loc") or "" for el in root.findall(f"{NS}{tag}")]


def test_below_the_limit_one_sitemap_lists_every_page(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "SITEMAP_MAX_URLS", 7)  # home + 5 terms + the map fit exactly
    site = built(glossary(write_glossary, 5), tmp_path / "site")
    urls = locs((site / "sitemap.xml").read_bytes(), "url")
    assert urls == [BASE, *(f"{BASE}term-{i:02}/" for i in range(5)), f"{BASE}graph/"]
    assert not list(site.glob("sitemap-*.xml"))


def test_past_the_limit_sitemap_xml_is_an_index_of_numbered_sitemaps(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "SITEMAP_MAX_URLS", 4)
    site = built(glossary(write_glossary, 10), tmp_path / "site")
    index = (site / "sitemap.xml").read_bytes()
    assert ET.fromstring(index).tag == f"{NS}sitemapindex"
    parts = [f"sitemap-{n}.xml" for n in (1, 2, 3, 4)]
    assert locs(index, "sitemap") == [BASE + name for name in parts]
    listed = [url for name in parts for url in locs((site / name).read_bytes(), "url")]
    assert listed == [BASE, *(f"{BASE}term-{i:02}/" for i in range(10)), f"{BASE}graph/"]
    assert all(len(locs((site / name).read_bytes(), "url")) <= 4 for name in parts)
    lastmods = [el.findtext(f"{NS}lastmod") for el in ET.fromstring(index)]
    assert lastmods == ["2026-01-10", "2026-01-06", "2026-01-09", "2026-01-10"]  # home: newest
    assert f"Sitemap: {BASE}sitemap.xml" in (site / "robots.txt").read_text()
    assert not (site / "sitemap-5.xml").exists()


def test_a_sitemap_over_the_byte_limit_is_split_too(write_glossary: WriteGlossary) -> None:
    project = glossary(write_glossary, 9)
    loaded, _ = read_glossary(project)
    assert loaded is not None
    config: SiteConfig = loaded.config
    env = make_environment(None)
    whole, _ = render_site(loaded.graph, config, env, "v")
    size = len(whole[PurePosixPath("sitemap.xml")])
    pages, failures = render_site(
        loaded.graph, config, env, "v", sitemap_limits=(50_000, size // 3)
    )
    assert not failures
    names = sorted(str(p) for p in pages if re.fullmatch(r"sitemap-\d+\.xml", str(p)))
    assert len(names) >= 3
    assert all(len(pages[PurePosixPath(n)]) <= size // 3 for n in names)
    listed = [
        url
        for n in sorted(names, key=lambda n: int(n[8:-4]))
        for url in locs(pages[PurePosixPath(n)], "url")
    ]
    assert listed == [BASE, *(f"{BASE}term-{i:02}/" for i in range(9)), f"{BASE}graph/"]


def test_without_a_base_url_no_sitemap_part_is_written(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "SITEMAP_MAX_URLS", 2)
    files = {f"t{i}.md": term_file(f"T{i}") for i in range(4)}
    site = built(write_glossary(files), tmp_path / "site")
    assert not list(site.glob("sitemap*"))
