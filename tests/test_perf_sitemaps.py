"""sitemaps.py on its own: one sitemap.xml up to the URL limit, an index one URL past it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import PurePosixPath

from glossary_site import read_glossary, sitemaps
from glossary_site.render import make_environment, render_site
from tests.conftest import WriteGlossary, term_file

BASE = "https://example.org/"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def site_pages(
    write_glossary: WriteGlossary, count: int, max_urls: int
) -> tuple[set[str], Mapping[PurePosixPath, bytes]]:
    files = {f"t{i}.md": term_file(f"Term {i}") for i in range(count)}
    loaded, _ = read_glossary(write_glossary(files, config=f'base_url = "{BASE}"'))
    assert loaded is not None
    pages, failures = render_site(
        loaded.graph, loaded.config, make_environment(None), "v", sitemap_limits=(max_urls, 10**6)
    )
    assert not failures
    return {str(path) for path in pages if str(path).startswith("sitemap")}, pages


def test_the_protocol_limits_are_50000_urls_and_50_mib() -> None:
    assert sitemaps.SITEMAP_MAX_URLS == 50_000
    assert sitemaps.SITEMAP_MAX_BYTES == 50 * 1024 * 1024


def test_exactly_the_url_limit_fits_in_one_sitemap(write_glossary: WriteGlossary) -> None:
    # home + 3 terms + the map of all terms = 5 URLs
    names, pages = site_pages(write_glossary, 3, max_urls=5)
    assert names == {"sitemap.xml"}
    root = ET.fromstring(pages[PurePosixPath("sitemap.xml")])
    assert root.tag == f"{NS}urlset" and len(root) == 5


def test_one_url_past_the_limit_makes_an_index(write_glossary: WriteGlossary) -> None:
    names, pages = site_pages(write_glossary, 4, max_urls=5)  # 6 URLs
    assert names == {"sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"}
    index = ET.fromstring(pages[PurePosixPath("sitemap.xml")])
    assert index.tag == f"{NS}sitemapindex"
    assert [el.findtext(f"{NS}loc") for el in index] == [
        f"{BASE}sitemap-1.xml",
        f"{BASE}sitemap-2.xml",
    ]
    sizes = [
        len(ET.fromstring(pages[PurePosixPath(n)])) for n in ("sitemap-1.xml", "sitemap-2.xml")
    ]
    assert sizes == [5, 1]
