"""The "Edit this term" link in headless Chromium: visible, a real target, no axe violations."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from glossary_site import Project, build
from tests.conftest import serve, term_file
from tests.test_browser import AXE, AXE_OPTIONS, BOTH_WIDTHS, assert_tap_target, open_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def edit_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("edit")
    (root / "glossary").mkdir()
    body = "## Use\n\nSee [Beta](beta).\n\n## More\n\nText.\n\n## Even more\n\nText."
    (root / "glossary" / "alpha.md").write_text(term_file("Alpha", "A.", "related: [beta]", body))
    (root / "glossary" / "beta.md").write_text(term_file("Beta", "B.", "related: [alpha]"))
    (root / "glossary.toml").write_text(
        'repo_url = "https://github.com/org/words"\nedit_uri = "edit/main/glossary/"\n'
    )
    report = build(Project(root / "glossary", root / "glossary.toml"), root / "site")
    assert report.ok, [d.format() for d in report.diagnostics]
    with serve(root / "site") as url:
        yield url


@BOTH_WIDTHS
@pytest.mark.parametrize("slug", ["alpha", "beta"])  # with and without a table of contents
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_edit_link_is_accessible(
    page: Page, edit_site: str, viewport: dict[str, int], slug: str, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    open_page(page, f"{edit_site}/{slug}/", viewport)
    link = page.get_by_role("link", name=f"Edit this term ({slug.title()})")
    expect(link).to_be_visible()
    expect(link).to_have_attribute(
        "href", f"https://github.com/org/words/edit/main/glossary/{slug}.md"
    )
    assert_tap_target(link)
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
