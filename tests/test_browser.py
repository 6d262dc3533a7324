"""The bundled glossary in headless Chromium: layout, navigation, keyboard and axe-core.

The site is built once per session (``bundled_site``) and served over HTTP (``base_url``);
every test gets a fresh ``page`` from pytest-playwright.
"""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
SITE_TITLE = tomllib.loads((REPO / "glossary.toml").read_text(encoding="utf-8"))["title"]
PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
BOTH_WIDTHS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
PAGES = {
    "index": "/",
    "term": "/product-ops/",
    "deprecated": "/backlog-grooming/",
    "not-found": "/404.html",
    "graph": "/graph/",
}
AXE = Axe()
# axe's defaults plus target-size (WCAG 2.2 AA 2.5.8, Lighthouse's "target-size") and the
# experimental td-has-header (Lighthouse runs it too).
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "rules": {"target-size": {"enabled": True}, "td-has-header": {"enabled": True}},
}


def open_page(page: Page, path: str, viewport: dict[str, int] = DESKTOP) -> None:
    page.set_viewport_size(viewport)  # type: ignore[arg-type]
    response = page.goto(path)
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"


def assert_no_horizontal_scroll(page: Page) -> None:
    scroll_width, width = page.evaluate(
        "[document.scrollingElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= width, f"page is {scroll_width}px wide in a {width}px viewport"


def assert_tap_target(target: Locator, minimum: float = 24) -> None:
    box = target.bounding_box()
    assert box is not None, f"{target} is not rendered"
    assert box["width"] >= minimum and box["height"] >= minimum, f"{target}: {box}"


def ids_on_page(page: Page) -> set[str]:
    return set(page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)"))


@BOTH_WIDTHS
def test_index_page(page: Page, viewport: dict[str, int], bundled_site: Path) -> None:
    open_page(page, "/", viewport)
    expect(page.locator("h1")).to_have_text(SITE_TITLE)
    expect(page.locator("h1")).to_have_count(1)

    groups = page.locator("section.letter-group")
    group_ids = groups.locator("h2").evaluate_all("hs => hs.map(h => h.id)")
    group_labels = groups.locator("h2").all_inner_texts()
    assert group_labels, "the index has no letter groups"

    bar = page.get_by_role("navigation", name="Letters")
    expect(bar).to_be_visible()
    items = bar.locator("li")
    labels = [label.strip() for label in items.all_inner_texts()]
    assert set(string.ascii_uppercase) <= set(labels), labels
    links = bar.get_by_role("link")
    assert links.all_inner_texts() == group_labels, "only letters with terms are links"
    assert links.evaluate_all("as => as.map(a => a.getAttribute('href'))") == [
        f"#{group_id}" for group_id in group_ids
    ]
    empty = [label for label in labels if label not in group_labels]
    assert "Z" in empty, "the bundled glossary has no term under Z"
    for label in empty:
        item = items.filter(has_text=re.compile(f"^{re.escape(label)}$"))
        expect(item.locator("a")).to_have_count(0)
        expect(item.locator("[aria-disabled='true']")).to_have_text(label)
    for index in range(links.count()):
        assert_tap_target(links.nth(index))

    pages = bundled_site.glob("*/index.html")  # terms, tags, redirects of aliases, the map…
    term_pages = sum('<article class="term">' in p.read_text(encoding="utf-8") for p in pages)
    terms = page.locator(".letter-group .index-entry:not(.alias) dt > a:first-child")
    expect(terms).to_have_count(term_pages)  # aliases have entries of their own too
    for index in range(groups.count()):
        expect(groups.nth(index).locator(".index-entry").first).to_be_visible()
    deprecated = page.locator(".index-entry", has_text="Backlog Grooming")
    expect(deprecated.locator(".badge")).to_have_text("deprecated")

    # The header lines up with the page's content, whatever width the layout uses.
    site_title = page.locator(".site-title").bounding_box()
    heading = page.locator("h1").bounding_box()
    assert site_title and heading
    assert abs(site_title["x"] - heading["x"]) <= 1, (site_title, heading)

    bar.get_by_role("link", name="S", exact=True).click()
    expect(page).to_have_url(re.compile(r"/#letter-s$"))
    expect(page.locator("#letter-s")).to_be_in_viewport()
    if viewport == PHONE:
        assert_no_horizontal_scroll(page)


@BOTH_WIDTHS
def test_term_page(page: Page, viewport: dict[str, int]) -> None:
    open_page(page, "/product-ops/", viewport)
    expect(page.locator("h1")).to_have_text("Product Ops")
    expect(page.locator("h1")).to_have_count(1)
    expect(page).to_have_title(f"Product Ops – {SITE_TITLE}")

    definition = page.locator("section.definition")
    expect(definition).to_be_visible()
    expect(definition.get_by_role("heading", level=2)).to_have_text("Product Ops definition")
    expect(definition.locator("p").first).to_contain_text("operating layer around product teams")
    expect(definition).to_contain_text("Also known as: Product Operations, ProdOps")

    toc = page.get_by_role("navigation", name="Contents")
    expect(toc).to_be_visible()
    hrefs = toc.get_by_role("link").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert len(hrefs) >= 5, hrefs
    existing = ids_on_page(page)
    missing = [href for href in hrefs if not href.startswith("#") or href[1:] not in existing]
    assert not missing, f"table of contents links to missing ids: {missing}"

    table = page.locator(".prose table")
    expect(table.get_by_role("columnheader", name="Product Ops")).to_be_visible()
    expect(table.get_by_role("rowheader", name="Focus")).to_be_visible()

    related = page.get_by_role("region", name="Related terms")
    cards = related.locator(".card")
    assert cards.count() >= 3
    for index in range(cards.count()):
        card = cards.nth(index)
        expect(card.get_by_role("link")).to_have_count(1)  # the whole card is one link
        title_link = card.get_by_role("heading", level=3).get_by_role("link")
        title = title_link.inner_text().strip()
        assert title, f"card {index} has no title"
        expect(card.locator("p").first).not_to_be_empty()
        expect(card.locator(".read-more")).to_have_text("Read more")
        assert_tap_target(card.locator(".read-more"))
    if viewport == PHONE:
        assert_no_horizontal_scroll(page)


def test_contents_sit_beside_the_body_on_desktop_and_above_it_on_phones(page: Page) -> None:
    open_page(page, "/product-ops/", DESKTOP)
    toc = page.get_by_role("navigation", name="Contents")
    body = page.locator(".prose")
    toc_box, body_box = toc.bounding_box(), body.bounding_box()
    assert toc_box and body_box
    assert toc_box["x"] >= body_box["x"] + body_box["width"], (toc_box, body_box)
    assert abs(toc_box["y"] - body_box["y"]) <= 2, "the side column starts with the body"
    assert 40 * 16 <= body_box["width"] <= 46 * 16, f"reading measure: {body_box['width']}px"
    # Header and footer line up with the two columns, not with a narrower or wider box.
    title = page.locator(".site-header .site-title").bounding_box()
    index_link = page.locator(".site-header nav a").bounding_box()
    footer = page.locator(".site-footer .wrap p").bounding_box()
    assert title and index_link and footer
    assert abs(title["x"] - body_box["x"]) <= 1 and abs(footer["x"] - body_box["x"]) <= 1
    toc_right = toc_box["x"] + toc_box["width"]
    assert abs(index_link["x"] + index_link["width"] - toc_right) <= 1

    # Sticky: after scrolling deep into the body the contents are still fully on screen.
    page.locator("#in-conclusion").scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > toc_box["y"] + toc_box["height"]
    expect(toc).to_be_in_viewport(ratio=1)
    scrolled = toc.bounding_box()
    assert scrolled and 0 <= scrolled["y"] <= 48, scrolled
    assert toc.evaluate("nav => getComputedStyle(nav).position") == "sticky"

    # Phones keep the source order: definition, contents, then the first section.
    page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    page.evaluate("window.scrollTo(0, 0)")
    toc_box = toc.bounding_box()
    definition = page.locator("section.definition").bounding_box()
    first_section = body.get_by_role("heading", level=2).first.bounding_box()
    assert toc_box and definition and first_section
    assert definition["y"] + definition["height"] <= toc_box["y"]
    assert toc_box["y"] + toc_box["height"] <= first_section["y"], (toc_box, first_section)


def test_read_more_leads_to_the_term(page: Page) -> None:
    open_page(page, "/product-ops/")
    cards = page.get_by_role("region", name="Related terms").locator(".card")
    for index in (0, cards.count() - 1):
        card = cards.nth(index)
        title = card.get_by_role("heading", level=3).inner_text().strip()
        card.scroll_into_view_if_needed()
        box = card.locator(".read-more").bounding_box()
        assert box is not None
        # The title's link covers the card: a tap on "Read more" follows it.
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        expect(page.locator("h1")).to_have_text(title)
        expect(page).to_have_title(f"{title} – {SITE_TITLE}")
        page.go_back()


def test_deprecated_term_points_to_its_replacement(page: Page) -> None:
    open_page(page, "/backlog-grooming/")
    expect(page.locator("h1")).to_have_text("Backlog Grooming")
    notice = page.get_by_role("note")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Deprecated")
    expect(notice).to_contain_text("Use Backlog Refinement instead")
    notice.get_by_role("link", name="Backlog Refinement").click()
    expect(page).to_have_url(re.compile(r"/backlog-refinement/$"))
    expect(page.locator("h1")).to_have_text("Backlog Refinement")


def test_not_found_page(page: Page, base_url: str, bundled_site: Path) -> None:
    # Static hosts serve 404.html for any missing path, at any depth.
    missing = f"{base_url}/no/such-term/"
    page.route(
        missing,
        lambda route: route.fulfill(
            status=404, path=bundled_site / "404.html", content_type="text/html"
        ),
    )
    response = page.goto(missing)
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    expect(page.locator("meta[name=robots]")).to_have_attribute("content", "noindex")
    stylesheet_applied = page.evaluate("getComputedStyle(document.body).margin === '0px'")
    assert stylesheet_applied, "404.html must load its stylesheet from any depth"
    page.get_by_role("main").get_by_role("link", name="Browse all terms from A to Z").click()
    expect(page).to_have_url(f"{base_url}/")
    expect(page.locator("h1")).to_have_text(SITE_TITLE)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_axe_violations(page: Page, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_page(page, path)
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", ["/", "/product-ops/"])
def test_axe_on_phone(page: Page, path: str) -> None:
    open_page(page, path, PHONE)
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_first_tab_reaches_a_visible_skip_link(page: Page, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_page(page, "/product-ops/", PHONE)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    expect(skip).to_be_in_viewport(ratio=1)
    assert_tap_target(skip)
    # Following it skips the header: the next Tab lands inside <main>.
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
