"""One site per language in headless Chromium: the switcher works, axe finds nothing on a
page of another language, a fallback page, a right-to-left page and the index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from glossary_site import Project
from glossary_site.multisite import build_sites
from tests.conftest import serve, term_file
from tests.test_browser import AXE, AXE_OPTIONS, DESKTOP, PHONE, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser

CONFIG = """\
title = "Glossary"

[languages]
default = "en"
{extra}
[languages.en]
[languages.de]
title = "Glossar"
[languages.ur]
"""
FILES = {
    "en/sprint.md": term_file("Sprint", "A time-box; see the [backlog](backlog)."),
    "en/backlog.md": term_file("Backlog", "The list of work for a [sprint](sprint)."),
    "de/sprint.md": term_file("Sprint", "Ein Zeitfenster; siehe [Backlog](backlog)."),
    "ur/sprint.md": term_file("سپرنٹ", "ایک مقررہ مدت کا کام، [بیک لاگ](backlog) دیکھیں۔"),
}


def _site(folder: Path, extra: str = "") -> Path:
    for name, text in FILES.items():
        path = folder / "glossary" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = folder / "glossary.toml"
    config.write_text(CONFIG.format(extra=extra), encoding="utf-8")
    out = folder / "site"
    report = build_sites(Project(folder / "glossary", config, folder / "templates"), out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return out


@pytest.fixture(scope="module")
def languages_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(_site(tmp_path_factory.mktemp("languages"))) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
@pytest.mark.parametrize("path", ["/de/sprint/", "/de/backlog/", "/ur/sprint/", "/de/", "/"])
def test_language_pages_have_no_axe_violations(
    page: Page, languages_url: str, path: str, scheme: str, viewport: dict[str, int]
) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.set_viewport_size(viewport)  # type: ignore[arg-type]
    page.goto(languages_url + path)
    label = "Sprachen" if path.startswith("/de/") else "Languages"  # the site's language
    expect(page.get_by_role("navigation", name=label)).to_be_visible()
    assert_no_horizontal_scroll(page)
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_the_switcher_leads_to_the_same_term_in_another_language(
    page: Page, languages_url: str
) -> None:
    page.goto(languages_url + "/de/sprint/")
    switcher = page.get_by_role("navigation", name="Sprachen")
    expect(switcher.locator("[aria-current=page]")).to_have_text("Deutsch")
    switcher.get_by_role("link", name="اردو").click()
    expect(page.locator("h1")).to_have_text("سپرنٹ")
    assert page.url == languages_url + "/ur/sprint/"


def test_a_fallback_page_says_so_and_links_the_original(page: Page, languages_url: str) -> None:
    page.goto(languages_url + "/de/backlog/")
    notice = page.get_by_role("note").filter(has_text="nicht übersetzt")
    expect(notice).to_be_visible()
    notice.get_by_role("link").click()
    assert page.url == languages_url + "/backlog/"


def test_the_root_page_without_a_default_at_the_root_has_no_axe_violations(
    page: Page, tmp_path: Path
) -> None:
    with serve(_site(tmp_path, "default_at_root = false")) as url:
        html = (tmp_path / "site" / "index.html").read_text("utf-8")
        still = html.replace('<meta http-equiv="refresh"', '<meta name="was-refresh"')
        page.route(
            url + "/",
            lambda route: route.fulfill(body=still, content_type="text/html; charset=utf-8"),
        )
        page.goto(url + "/")
        expect(page.get_by_role("link", name="Deutsch")).to_be_visible()
        results = AXE.run(page, options=AXE_OPTIONS)
        assert results.violations_count == 0, results.generate_report()
