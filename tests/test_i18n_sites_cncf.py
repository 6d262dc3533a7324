"""The Cloud Native Glossary (CC BY 4.0), all 16 languages imported with --all-languages
and built as one site per language: a page per source term per language, every link
working, language switchers and hreflang reciprocal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from glossary_site import Project
from glossary_site.importers import import_all_languages
from glossary_site.multisite import build_sites
from tests.conftest import CORPORA
from tests.linkcheck import broken_links

pytestmark = pytest.mark.slow

_DRAFT_RE = re.compile(r"^draft:\s*true\s*$", re.M | re.I)
_TITLE_RE = re.compile(r"^\s*title\s*:", re.M | re.I)
_ALTERNATE_RE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
BASE = "https://glossary.example/"


def _published(folder: Path) -> set[str]:
    """Slugs of the source's published terms (the file name, as the source's URLs)."""
    texts = {p.stem.replace(" ", "-").lower(): p.read_text("utf-8") for p in folder.glob("*.md")}
    return {
        slug.replace("_", "-")
        for slug, text in texts.items()
        if not _DRAFT_RE.search(text) and _TITLE_RE.search(text)
    }


@pytest.fixture(scope="module")
def cncf_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    source = CORPORA / "cncf-glossary"
    if not source.is_dir():
        pytest.skip(f"corpus cncf-glossary not found at {source} (it lives outside this repo)")
    project_dir = tmp_path_factory.mktemp("cncf")
    done, problems, config_path = import_all_languages(source, project_dir / "glossary")
    assert [d.code for d in problems] == []
    assert len(done) == 16 and done[0].code == "en"
    # The source's one link that no reader of it could follow either, written
    # "[autoscaling]([it/autoscaling/)": check reports it; corrected here so the site builds.
    broken = project_dir / "glossary" / "it" / "chaos-engineering.md"
    text = broken.read_text("utf-8")
    assert text.count("([it/autoscaling/)") == 1
    broken.write_text(text.replace("([it/autoscaling/)", "(auto-scaling)"), "utf-8")
    out = project_dir / "site"
    project = Project(
        project_dir / "glossary",
        config_path,
        project_dir / "templates",
        overrides={"base_url": BASE},
    )
    report = build_sites(project, out, force=False)
    assert report.ok, "\n".join(d.format() for d in report.diagnostics if d.is_error)
    return source, out


def _prefix(code: str) -> str:
    return "" if code == "en" else f"{code}/"


def test_every_source_term_of_every_language_has_its_page(cncf_site: tuple[Path, Path]) -> None:
    source, site = cncf_site
    english = _published(source / "en")
    languages = sorted(p.name for p in source.iterdir() if p.is_dir())
    assert len(languages) == 16 and len(english) == 81
    for code in languages:
        pages = {
            p.parent.name
            for p in (site / _prefix(code)).glob("*/index.html")
            if (p.parent / "index.md").is_file()  # term pages have a Markdown twin
        }
        assert _published(source / code) <= pages, code
        assert english <= pages, code  # the others as fallback pages


def test_every_link_of_the_sixteen_sites_works(cncf_site: tuple[Path, Path]) -> None:
    assert broken_links(cncf_site[1]) == []


def test_switchers_and_hreflang_are_reciprocal(cncf_site: tuple[Path, Path]) -> None:
    source, site = cncf_site
    languages = [p.name for p in source.iterdir() if p.is_dir()]
    checked = 0
    for slug in sorted(_published(source / "en")):
        have = [c for c in languages if slug in _published(source / c)]
        if len(have) < 2:
            continue
        sets = []
        for code in have:
            html = (site / _prefix(code) / slug / "index.html").read_text("utf-8")
            sets.append(frozenset(_ALTERNATE_RE.findall(html.split("</head>")[0])))
            nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
            assert nav is not None and nav[0].count("<a ") == len(have), (code, slug)
            assert nav[0].count('aria-current="page"') == 1
        assert len(set(sets)) == 1, slug  # every version names the same versions
        urls = dict(sets[0])
        assert urls.pop("x-default") == f"{BASE}{slug}/"
        assert {tag.lower() for tag in urls} == set(have)
        checked += 1
    assert checked >= 70


def test_fallback_pages_are_noindex_and_point_to_the_original(
    cncf_site: tuple[Path, Path],
) -> None:
    _, site = cncf_site
    html = (site / "ur" / "kubernetes" / "index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex">' in html
    assert f'<link rel="canonical" href="{BASE}kubernetes/">' in html
    assert '<article class="term" lang="en"' in html
    assert "ur/kubernetes/" not in (site / "ur" / "sitemap.xml").read_text("utf-8")
    index = (site / "sitemap.xml").read_text("utf-8")
    assert index.count("<sitemap>") == 16
    assert 'hreflang="zh-CN"' in (site / "zh-cn" / "sitemap.xml").read_text("utf-8")


def test_the_sources_language_prefixed_links_lead_to_the_term_in_that_language(
    cncf_site: tuple[Path, Path],
) -> None:
    _, site = cncf_site
    html = (site / "ja" / "horizontal-scaling" / "index.html").read_text("utf-8")
    # the source writes [垂直スケーリング](/ja/vertical-scaling/)
    assert 'href="../vertical-scaling/"' in html
