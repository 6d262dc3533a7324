"""The new page kinds in headless Chromium: tag and category pages, the tag filter of the
index (kept in the URL), the sticky letter bar, and axe-core on all of them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.test_browser import AXE, AXE_OPTIONS, DESKTOP, PHONE, assert_tap_target, open_page

pytestmark = pytest.mark.browser

NEW_PAGES = {
    "tags": "/tags/",
    "tag": "/tags/scrum/",
    "categories": "/categories/",
    "category": "/categories/roles/",
    "filtered-index": "/?tag=scrum",
}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", NEW_PAGES.values(), ids=NEW_PAGES.keys())
def test_no_axe_violations_on_the_new_pages(
    page: Page, path: str, scheme: str, viewport: dict[str, int]
) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_page(page, path, viewport)
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_filtering_the_index_by_tag_keeps_the_filter_in_the_url_and_on_reload(
    page: Page,
) -> None:
    open_page(page, "/")
    entries = page.locator(".index-entry")
    everything = entries.count()
    tags = page.get_by_role("navigation", name="Tags")
    tags.get_by_role("link", name="scrum", exact=True).click()
    expect(page).to_have_url(re.compile(r"/\?tag=scrum$"))
    shown = page.locator(".index-entry:not([hidden])")
    assert 0 < shown.count() < everything
    for index in range(shown.count()):
        assert "scrum" in (shown.nth(index).get_attribute("data-tags") or "").split()
    expect(page.locator(".filter-status")).to_contain_text("tagged scrum")
    expect(tags.get_by_role("link", name="scrum", exact=True)).to_have_attribute(
        "aria-current", "true"
    )

    page.reload()
    expect(page.locator(".index-entry:not([hidden])")).to_have_count(shown.count())

    page.locator(".filter-status").get_by_role("link", name="Show all").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator(".index-entry:not([hidden])")).to_have_count(everything)


def test_without_javascript_a_tag_of_the_filter_leads_to_its_page(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    try:
        open_page(page, "/?tag=scrum")
        expect(page.locator(".index-entry[hidden]")).to_have_count(0)  # nothing hidden
        page.get_by_role("navigation", name="Tags").get_by_role("link", name="scrum").click()
        expect(page).to_have_url(re.compile(r"/tags/scrum/$"))
        expect(page.locator("h1")).to_have_text("Tag: scrum")
    finally:
        context.close()


def test_the_letter_bar_stays_on_screen_deep_in_the_index_on_a_phone(page: Page) -> None:
    open_page(page, "/", PHONE)
    page.locator("#letter-s").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 400)")
    bar = page.get_by_role("navigation", name="Letters")
    expect(bar).to_be_in_viewport(ratio=1)
    box = bar.bounding_box()
    assert box is not None and box["y"] <= 1 and box["height"] < 120, box
    bar.get_by_role("link", name="D", exact=True).click()
    heading = page.locator("#letter-d").bounding_box()
    assert heading is not None and heading["y"] >= box["height"] - 1, "heading under the bar"
    assert_tap_target(bar.get_by_role("link", name="D", exact=True))


def test_a_tag_on_a_term_page_leads_to_the_tag_page_and_back(page: Page) -> None:
    open_page(page, "/product-ops/")
    page.locator(".meta").get_by_role("link", name="strategy").click()
    expect(page.locator("h1")).to_have_text("Tag: strategy")
    page.get_by_role("link", name="Product Ops").click()
    expect(page.locator("h1")).to_have_text("Product Ops")
