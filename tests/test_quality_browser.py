"""What bench/lighthouse.py found, checked in headless Chromium.

The 404 page's "Did you mean" list arrives after the search index answers: it must not push
what the reader already sees (Lighthouse measured a layout shift of 0.119 on a phone, so
performance 96).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.test_browser import BOTH_WIDTHS

pytestmark = pytest.mark.browser

SHIFTS = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


@BOTH_WIDTHS
def test_the_not_found_page_lists_its_guesses_without_moving_the_page(
    page: Page, base_url: str, bundled_site: Path, viewport: dict[str, int]
) -> None:
    page.set_viewport_size(viewport)  # type: ignore[arg-type]
    missing = f"{base_url}/kanbna/"
    page.route(
        missing,
        lambda route: route.fulfill(
            status=404, path=bundled_site / "404.html", content_type="text/html"
        ),
    )
    page.goto(missing)
    guesses = page.get_by_role("region", name="Did you mean")
    expect(guesses.get_by_role("link").first).to_contain_text("Kanban", timeout=10_000)
    assert page.evaluate(SHIFTS) == 0
    button = page.get_by_role("link", name="Browse all terms from A to Z")
    expect(button).to_be_in_viewport()
