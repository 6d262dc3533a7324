"""Redirect pages in headless Chromium: an alias's address lands on the term; axe finds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from tests.test_browser import AXE, AXE_OPTIONS, DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("address", "title"), [("/wip/", "Work in Progress"), ("/nsm/", "North Star Metric")]
)
def test_an_alias_address_lands_on_the_term(
    page: Page, base_url: str, address: str, title: str
) -> None:
    page.goto(address)
    expect(page.locator("h1")).to_have_text(title)
    assert page.url.startswith(base_url)  # the relative refresh stays on this copy of the site


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_a_redirect_page_held_still_has_no_axe_violations(
    page: Page, bundled_site: Path, scheme: str, viewport: dict[str, int]
) -> None:
    html = (bundled_site / "wip" / "index.html").read_text(encoding="utf-8")
    still = html.replace('<meta http-equiv="refresh"', '<meta name="was-refresh"')

    def hold(route: Route) -> None:
        route.fulfill(body=still, content_type="text/html; charset=utf-8")

    page.route("**/wip/", hold)
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.set_viewport_size(viewport)  # type: ignore[arg-type]
    page.goto("/wip/")
    expect(page.get_by_role("link", name="Work in Progress")).to_be_visible()
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
