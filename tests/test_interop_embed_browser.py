"""The embeddable preview cards on a page of another origin, in headless Chromium.

Server A serves a built glossary (with ``Access-Control-Allow-Origin: *``, as GitHub
Pages sends); server B, another port and so another origin, serves a page with one
``<script>`` tag pointing at A and links to A's terms.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from glossary_site import build
from glossary_site.build import read_glossary
from tests.conftest import WriteGlossary, term_file

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SUMMARY = "A fixed period in which a team turns backlog items into a usable increment."


class _CorsHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def _serve(directory: Path, handler: type[http.server.SimpleHTTPRequestHandler]) -> Iterator[str]:
    bound = functools.partial(handler, directory=str(directory))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), bound) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()


def _host_page(glossary: str) -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Another site</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script src="{glossary}/embed/glossary-cards.js" defer></script></head>
<body><main><h1>Another site</h1>
<p>Read about <a id="term" href="{glossary}/sprint/">sprints</a> and
<a id="other" href="https://example.com/">elsewhere</a>.</p>
<p style="margin-top: 1500px">At the bottom: <a id="bottom" href="{glossary}/kanban/">Kanban</a></p>
</main></body></html>"""


@pytest.fixture
def two_origins(write_glossary: WriteGlossary, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(glossary URL on origin A, host page URL on origin B)."""
    project = write_glossary(
        {
            "sprint.md": term_file("Sprint", SUMMARY, front="related: [kanban]"),
            "kanban.md": term_file("Kanban", front="related: [sprint]"),
        }
    )
    site = tmp_path / "site"
    assert build(project, site).ok
    glossary, _ = read_glossary(project)
    assert glossary is not None
    host = tmp_path / "host"
    host.mkdir()
    with _serve(site, _CorsHandler) as glossary_url, _serve(host, _QuietHandler) as host_url:
        if not (site / "api" / "terms.json").exists():  # the JSON API's shape, until it lands
            (site / "api").mkdir()
            fixture = {
                "version": 1,
                "terms": [
                    {
                        "slug": slug,
                        "title": node.term.title,
                        "aliases": [a.text for a in node.term.aliases],
                        "summary": node.document.summary,
                        "url": f"{glossary_url}/{slug}/",
                    }
                    for slug, node in glossary.graph.nodes.items()
                ],
            }
            (site / "api" / "terms.json").write_text(json.dumps(fixture), encoding="utf-8")
        (host / "index.html").write_text(_host_page(glossary_url), encoding="utf-8")
        yield glossary_url, f"{host_url}/index.html"


def _inside_viewport(page: Page, selector: str) -> None:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    assert box is not None and size is not None
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= size["width"], (box, size)
    assert box["y"] + box["height"] <= size["height"], (box, size)


def _ready(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("window.glossaryCardsLoaded === true")
    page.wait_for_load_state("networkidle")


def test_hovering_a_link_to_the_glossary_shows_its_card_and_esc_closes_it(
    page: Page, two_origins: tuple[str, str]
) -> None:
    glossary_url, host_url = two_origins
    page.set_viewport_size({"width": 1280, "height": 800})
    _ready(page, host_url)

    page.hover("#other")
    page.wait_for_timeout(400)
    expect(page.locator(".gsc-card")).to_have_count(0)
    page.hover("#term")

    card = page.locator(".gsc-card")
    expect(card).to_be_visible()
    expect(card.locator(".gsc-title")).to_have_text("Sprint")
    expect(card.locator(".gsc-summary")).to_have_text(SUMMARY)
    expect(card.get_by_role("link", name="Read more about Sprint")).to_have_attribute(
        "href", f"{glossary_url}/sprint/"
    )
    _inside_viewport(page, ".gsc-card")
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()


def test_keyboard_focus_shows_the_card_as_the_link_s_description(
    page: Page, two_origins: tuple[str, str]
) -> None:
    _, host_url = two_origins
    _ready(page, host_url)

    page.keyboard.press("Tab")

    link = page.locator("#term")
    expect(link).to_be_focused()
    card = page.get_by_role("tooltip")
    expect(card).to_be_visible()
    expect(link).to_have_attribute("aria-describedby", "gsc-card")
    expect(link).to_have_accessible_description(f"Sprint {SUMMARY} Read more about Sprint")
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    assert link.get_attribute("aria-describedby") is None
    expect(link).to_be_focused()


def test_on_a_phone_the_first_tap_shows_the_card_inside_the_screen_and_read_more_opens_it(
    browser: Browser, two_origins: tuple[str, str]
) -> None:
    glossary_url, host_url = two_origins
    context = browser.new_context(
        viewport={"width": 375, "height": 700}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    try:
        _ready(page, host_url)

        page.tap("#term")

        card = page.locator(".gsc-card")
        expect(card).to_be_visible()
        assert page.url == host_url
        _inside_viewport(page, ".gsc-card")
        expect(page.locator(".gsc-live")).to_have_text(f"Sprint: {SUMMARY}")
        page.locator("#bottom").scroll_into_view_if_needed()
        page.tap("#bottom")
        expect(card.locator(".gsc-title")).to_have_text("Kanban")
        _inside_viewport(page, ".gsc-card")
        card.get_by_role("link", name="Read more about Kanban").tap()
        page.wait_for_url(f"{glossary_url}/kanban/")
    finally:
        context.close()


def test_an_open_card_adds_no_accessibility_violation_to_the_page(
    page: Page, two_origins: tuple[str, str]
) -> None:
    _, host_url = two_origins
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        _ready(page, host_url)
        page.keyboard.press("Tab")
        expect(page.locator(".gsc-card")).to_be_visible()

        results = Axe().run(page, options={"resultTypes": ["violations"]})

        assert results.violations_count == 0, results.generate_report()
