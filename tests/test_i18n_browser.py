"""A right-to-left site (Urdu) and a German one in headless Chromium: axe-core finds
nothing, the layout is mirrored, and the scripts speak the page's language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from glossary_site import Project, build
from tests.conftest import serve, term_file
from tests.test_browser import AXE, AXE_OPTIONS, DESKTOP, PHONE, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser

# Written for this test (not taken from any corpus).
URDU_TERMS = {
    "container.md": term_file(
        "کنٹینر",
        "کنٹینر ایک پروگرام اور اس کی ضروریات کا ہلکا پیکج ہے۔",
        "aliases: [Container]\ntags: [بنیادی]\ncategory: ٹیکنالوجی\nrelated: [cloud]\n"
        "updated: 2026-03-04",
        """\
        ## یہ کیوں ضروری ہے

        ہر [کلاؤڈ](cloud) پر ایک جیسا چلتا ہے۔

        ```sh
        docker run hello-world
        ```

        ## مثال

        ایک چھوٹا سا پروگرام۔
        """,
    ),
    "cloud.md": term_file(
        "کلاؤڈ",
        "کلاؤڈ دوسروں کے کمپیوٹر ہیں جو انٹرنیٹ پر کرائے پر ملتے ہیں۔",
        "tags: [بنیادی]\ncategory: ٹیکنالوجی\nrelated: [container]",
        "یہ [کنٹینر](container) چلاتا ہے۔",
    ),
    "old-name.md": term_file(
        "پرانا نام",
        "ایک پرانا لفظ۔",
        "status: deprecated\nreplaced_by: cloud",
    ),
    "kubernetes.md": term_file(
        "Kubernetes", "کنٹینر چلانے کا نظام۔", "tags: [بنیادی]\nrelated: [container]"
    ),
}
URDU_PAGES = {
    "index": "/",
    "term": "/container/",
    "deprecated": "/old-name/",
    "tag": "/tags/",
    "graph": "/graph/",
    "not-found": "/404.html",
}


def _site(root: Path, language: str, terms: dict[str, str]) -> Path:
    source = root / "glossary"
    source.mkdir(parents=True)
    for name, text in terms.items():
        (source / name).write_text(text, encoding="utf-8")
    config = root / "glossary.toml"
    config.write_text(
        f'title = "لغت"\ndescription = "اصطلاحات"\nlanguage = "{language}"\ncopy_button = true\n',
        encoding="utf-8",
    )
    report = build(Project(source, config, root / "templates"), root / "site")
    assert report.ok, [d.format() for d in report.diagnostics]
    return root / "site"


@pytest.fixture(scope="module")
def urdu_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(_site(tmp_path_factory.mktemp("ur"), "ur", URDU_TERMS)) as url:
        yield url


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", URDU_PAGES.values(), ids=URDU_PAGES.keys())
def test_no_axe_violations_on_a_right_to_left_site(
    page: Page, urdu_url: str, path: str, scheme: str, viewport: dict[str, int]
) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.set_viewport_size(viewport)  # type: ignore[arg-type]
    page.goto(urdu_url + path)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert_no_horizontal_scroll(page)
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_the_layout_is_mirrored_right_to_left(page: Page, urdu_url: str) -> None:
    page.set_viewport_size(DESKTOP)  # type: ignore[arg-type]
    page.goto(urdu_url + "/container/")
    definition = page.locator(".definition")
    borders = definition.evaluate(
        "e => [getComputedStyle(e).borderRightWidth, getComputedStyle(e).borderLeftWidth]"
    )
    assert borders == ["4px", "1px"]  # the accent line on the start side: the right
    title = page.locator(".term-header h1").bounding_box()
    assert title is not None and title["x"] + title["width"] > DESKTOP["width"] / 2
    toc = page.locator(".toc").bounding_box()
    prose = page.locator(".prose").bounding_box()
    assert toc is not None and prose is not None and toc["x"] < prose["x"]  # side column left
    separator = page.locator(".breadcrumb li + li").first.evaluate(
        "e => getComputedStyle(e, '::before').content"
    )
    assert "‹" in separator
    letters = page.goto(urdu_url + "/")
    assert letters is not None
    bar = page.locator(".letters li a")
    first, second = bar.nth(0).bounding_box(), bar.nth(1).bounding_box()
    assert first is not None and second is not None and first["x"] > second["x"]


def test_the_copy_button_and_search_speak_german(page: Page, tmp_path: Path) -> None:
    terms = {
        "kanban.md": term_file(
            "Kanban", "Eine Methode.", body="## Beispiel\n\n```sh\nls\n```\n\nMehr Text."
        ),
        "sprint.md": term_file("Sprint", "Ein Zeitraum."),
    }
    with serve(_site(tmp_path, "de", terms)) as url:
        page.set_viewport_size(DESKTOP)  # type: ignore[arg-type]
        page.goto(url + "/kanban/")
        expect(page.locator("button.copy")).to_have_text("Kopieren")
        page.locator("#search-input").fill("zzzzqqq")
        expect(page.locator(".search-count")).to_have_text("Keine Treffer für „zzzzqqq“")
