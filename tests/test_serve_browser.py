"""``serve`` in headless Chromium: a save reloads the open page; errors show over it and go."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.serve_helpers import ALPHA, running, write_project

pytestmark = pytest.mark.browser

OVERLAY = "#glossary-site-overlay"


def test_the_open_page_reloads_on_save_and_shows_errors_until_they_are_fixed(
    page: Page, tmp_path: Path
) -> None:
    project = write_project(tmp_path)
    term = tmp_path / "glossary" / "alpha.md"
    with running(project, tmp_path) as (_, url, _):
        page.goto(f"{url}alpha/")
        expect(page.locator("h1")).to_contain_text("Alpha")
        page.evaluate("window.notReloaded = true")

        term.write_text(ALPHA + "\nA sentence saved while the page was open.\n")
        expect(page.get_by_text("A sentence saved while the page was open.")).to_be_visible()
        assert page.evaluate("window.notReloaded === undefined"), "the page was reloaded"

        term.write_text(ALPHA.replace("title: Alpha", "title: [Alpha"))
        overlay = page.locator(OVERLAY)
        expect(overlay).to_be_visible()
        expect(overlay).to_contain_text("glossary/alpha.md:2:")
        expect(overlay).to_contain_text("hint:")
        expect(page.get_by_text("A sentence saved while the page was open.")).to_be_visible()

        term.write_text(ALPHA + "\nThe fixed version.\n")
        expect(page.get_by_text("The fixed version.")).to_be_visible()
        expect(overlay).to_have_count(0)


def test_the_overlay_shows_on_a_page_opened_while_the_site_has_errors(
    page: Page, tmp_path: Path
) -> None:
    project = write_project(tmp_path)
    term = tmp_path / "glossary" / "alpha.md"
    with running(project, tmp_path) as (preview, url, _):
        number = preview.channel.state.number
        term.write_text(ALPHA.replace("definition:", "definitio:"))
        preview.channel.wait(number, 20)
        page.goto(f"{url}beta/")
        expect(page.locator(OVERLAY)).to_contain_text("glossary/alpha.md")
        expect(page.locator(f"{OVERLAY} .glossary-site-problem").first).to_be_visible()
