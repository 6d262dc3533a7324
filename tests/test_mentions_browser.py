"""Preview cards and concept maps in headless Chromium: hover, keyboard, touch, axe-core."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.test_browser import AXE, AXE_OPTIONS, BOTH_WIDTHS, DESKTOP, PHONE, open_page

pytestmark = pytest.mark.browser

# Lighthouse also runs axe's experimental label-in-name rule (WCAG 2.5.3): map labels that
# are cut must still be words of their link's name.
OPTIONS = {
    **AXE_OPTIONS,
    "rules": {**AXE_OPTIONS["rules"], "label-content-name-mismatch": {"enabled": True}},  # type: ignore[dict-item]
}
SPRINT = "/sprint/"
# On the Sprint page, "stakeholders" in "Sprint review" is an auto-linked mention.
MENTION = "a.mention[href='../stakeholder/']"


def card_is_open(page: Page, title: str) -> None:
    card = page.locator("#term-preview")
    expect(card).to_be_visible()
    expect(card.locator(".preview-title")).to_have_text(title)
    expect(card.locator(".preview-teaser")).not_to_be_empty()
    expect(card.get_by_role("link", name=f"Read more about {title}")).to_be_visible()


@BOTH_WIDTHS
def test_hovering_a_mention_shows_its_card_and_esc_closes_it(
    page: Page, viewport: dict[str, int], bundled_site: Path
) -> None:
    open_page(page, SPRINT, viewport)
    mention = page.locator(MENTION).first
    mention.hover()
    card_is_open(page, "Stakeholder")
    box = page.locator("#term-preview").bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
    page.keyboard.press("Escape")
    expect(page.locator("#term-preview")).to_be_hidden()


def test_tabbing_to_a_mention_shows_its_card_as_its_description(page: Page) -> None:
    open_page(page, SPRINT, DESKTOP)
    mention = page.locator(MENTION).first
    mention.focus()
    card_is_open(page, "Stakeholder")
    teaser = page.locator("#term-preview .preview-teaser").inner_text()
    expect(mention).to_have_accessible_description(teaser)
    mention.blur()  # focus leaves it: the card goes, and the description with it
    expect(page.locator("#term-preview")).to_be_hidden()
    expect(mention).not_to_have_attribute("aria-describedby", "term-preview-teaser")


def test_only_one_card_is_open_at_a_time(page: Page) -> None:
    open_page(page, SPRINT, DESKTOP)
    links = page.locator(".prose a[href='../burndown-chart/'], .prose a[href='../kanban/']")
    links.nth(0).focus()
    links.nth(1).focus()
    expect(page.locator(".preview-card")).to_have_count(1)
    expect(page.locator("#term-preview .preview-title")).to_have_text("Kanban")
    # The card's own link never opens a card of its own.
    expect(page.locator("#term-preview .preview-card")).to_have_count(0)


def test_a_tap_shows_the_card_and_read_more_follows(
    browser_context_args: dict[str, object], page: Page, base_url: str
) -> None:
    context = page.context.browser.new_context(  # type: ignore[union-attr]
        base_url=base_url, viewport=PHONE, has_touch=True, is_mobile=True
    )
    phone = context.new_page()
    phone.goto(SPRINT)
    mention = phone.locator(MENTION).first
    mention.scroll_into_view_if_needed()
    mention.tap()
    card_is_open(phone, "Stakeholder")
    expect(phone).to_have_url(f"{base_url}{SPRINT}")  # the first tap did not navigate
    box = phone.locator("#term-preview").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    phone.locator("#term-preview .preview-more").tap()
    expect(phone).to_have_url(f"{base_url}/stakeholder/")
    context.close()


def test_without_javascript_mentions_are_plain_links(page: Page, base_url: str) -> None:
    context = page.context.browser.new_context(  # type: ignore[union-attr]
        base_url=base_url, java_script_enabled=False
    )
    plain = context.new_page()
    plain.goto(SPRINT)
    plain.locator(MENTION).first.click()
    expect(plain).to_have_url(f"{base_url}/stakeholder/")
    context.close()


@BOTH_WIDTHS
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_a_card_open(
    page: Page, viewport: dict[str, int], scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_page(page, SPRINT, viewport)
    page.locator(MENTION).first.focus()
    card_is_open(page, "Stakeholder")
    results = AXE.run(page, options=OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_following_a_node_of_the_concept_map(page: Page, base_url: str) -> None:
    open_page(page, SPRINT, DESKTOP)
    concept_map = page.get_by_role("region", name="Concept map")
    node = concept_map.get_by_role("link", name="Kanban (related)")
    node.click()
    expect(page).to_have_url(f"{base_url}/kanban/")
    expect(page.locator("h1")).to_have_text("Kanban")


@BOTH_WIDTHS
def test_following_a_node_of_the_map_of_all_terms(
    page: Page, viewport: dict[str, int], base_url: str
) -> None:
    open_page(page, "/graph/", viewport)
    node = page.locator("svg a[href='../daily-scrum/']")
    node.scroll_into_view_if_needed()
    node.click()
    expect(page).to_have_url(f"{base_url}/daily-scrum/")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_the_map_of_all_terms_on_a_phone(page: Page, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_page(page, "/graph/", PHONE)
    results = AXE.run(page, options=OPTIONS)
    assert results.violations_count == 0, results.generate_report()
