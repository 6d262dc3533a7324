"""A term with highlighted code, an aligned table, a task list and strikethrough, in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from glossary_site import build
from tests.conftest import WriteGlossary, serve
from tests.test_browser import (
    AXE,
    AXE_OPTIONS,
    BOTH_WIDTHS,
    DESKTOP,
    PHONE,
    assert_no_horizontal_scroll,
    open_page,
)

pytestmark = pytest.mark.browser
CODE_PAGE = "/feature-flag/"


@BOTH_WIDTHS
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_code_page_has_no_axe_violations(page: Page, viewport: dict[str, int], scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_page(page, CODE_PAGE, viewport)
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_code_is_coloured_differently_in_light_and_dark(page: Page) -> None:
    keyword = page.locator(".highlight .k").first
    colours = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        open_page(page, CODE_PAGE)
        colours.append(keyword.evaluate("e => getComputedStyle(e).color"))
    assert colours[0] != colours[1], colours
    assert "rgb(0, 0, 0)" not in colours


def test_table_cells_follow_their_column_alignment(page: Page) -> None:
    open_page(page, CODE_PAGE)
    table = page.locator(".prose table")
    aligns = {
        align: table.locator(f"td[align={align}]").first.evaluate(
            "e => getComputedStyle(e).textAlign"
        )
        for align in ("left", "right", "center")
    }
    assert aligns == {"left": "left", "right": "right", "center": "center"}


def test_tabs_in_code_are_kept_and_shown_four_columns_wide(page: Page) -> None:
    open_page(page, CODE_PAGE)
    block = page.locator(".highlight pre", has_text="release:")
    assert "\t./scripts/flags.sh" in block.inner_text()
    assert block.evaluate("e => getComputedStyle(e).tabSize") == "4"


def test_task_list_shows_disabled_labelled_checkboxes(page: Page) -> None:
    open_page(page, CODE_PAGE)
    done = page.get_by_role("checkbox", name="Flag turned on for everyone")
    expect(done).to_be_checked()
    expect(done).to_be_disabled()
    expect(
        page.get_by_role("checkbox", name="Flag removed from the flag service")
    ).not_to_be_checked()
    expect(page.locator(".prose del")).to_have_text("Announce in the release notes")


def test_inline_code_does_not_break_at_hyphens_and_the_phone_page_does_not_scroll(
    page: Page,
) -> None:
    open_page(page, CODE_PAGE, PHONE)
    for name in ("new-checkout", "--env"):
        code = page.locator(".prose p code", has_text=name).first
        rects = code.evaluate("e => e.getClientRects().length")
        assert rects == 1, f"`{name}` is broken over {rects} lines"
    assert_no_horizontal_scroll(page)


def test_wide_code_scrolls_in_its_own_box_on_phones(page: Page) -> None:
    open_page(page, CODE_PAGE, PHONE)
    pre = page.locator(".highlight pre").first
    scroll_width, client_width = pre.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert scroll_width > client_width
    open_page(page, CODE_PAGE, DESKTOP)
    assert_no_horizontal_scroll(page)


WIDE_TERM = """---
title: Rollout Plan
definition: The stages a release goes through before everyone has it.
---

A wide table and wide code on a page without sections:

| Stage | Users | Error budget | Duration | Owner | Dashboard | Rollback plan |
|:------|------:|-------------:|:--------:|-------|-----------|---------------|
| Internal | 0.5 % | 0.1 % | 2 days | Platform team | grafana.example/d/flags | Flag off |

```python
if flags.is_enabled("new-checkout", user=user, rollout=0.10, fallback=False, cohort="beta"):
    pass
```
"""


def test_wide_code_and_tables_grow_beyond_the_text_column_on_single_column_pages(
    page: Page, write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary({"rollout-plan.md": WIDE_TERM})
    out = tmp_path / "site"
    assert build(project, out).ok
    with serve(out) as url:
        open_page(page, f"{url}/rollout-plan/", DESKTOP)
        text = page.locator(".prose > p").first.bounding_box()
        for selector in (".prose > table", ".prose > .highlight"):
            box = page.locator(selector).bounding_box()
            assert text and box
            assert box["width"] > text["width"] + 100, (selector, box, text)
            centre = box["x"] + box["width"] / 2
            assert abs(centre - (text["x"] + text["width"] / 2)) <= 2, (selector, box, text)
        assert_no_horizontal_scroll(page)
        open_page(page, f"{url}/rollout-plan/", PHONE)
        assert_no_horizontal_scroll(page)


def test_copy_button_copies_the_code_when_switched_on(
    page: Page, write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary({"rollout-plan.md": WIDE_TERM}, config="copy_button = true\n")
    out = tmp_path / "site"
    assert build(project, out).ok
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    with serve(out) as url:
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
            open_page(page, f"{url}/rollout-plan/", PHONE)
            results = AXE.run(page, options=AXE_OPTIONS)
            assert results.violations_count == 0, results.generate_report()
        button = page.locator(".highlight .copy")
        expect(button).to_have_accessible_name("Copy")
        button.click()
        expect(button).to_have_text("Copied")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith('if flags.is_enabled("new-checkout"')


def test_no_copy_button_by_default(page: Page) -> None:
    open_page(page, CODE_PAGE)
    expect(page.locator(".highlight")).not_to_have_count(0)
    expect(page.get_by_role("button", name="Copy")).to_have_count(0)
