"""Search over a sharded index in headless Chromium: a word of any shard finds its term,
names and teasers come from their files, and the first search fetches each shard once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from glossary_site import Project, build
from glossary_site.search import documents as documents_module
from glossary_site.search import shards as shards_module
from glossary_site.search.shards import bucket
from tests.conftest import serve, term_file
from tests.test_browser import open_page
from tests.test_search_browser import result_titles, search_for

pytestmark = pytest.mark.browser

# One term per animal; each animal appears in its term's body only.
ANIMALS = [
    "aardvark",
    "bandicoot",
    "capybara",
    "dugong",
    "echidna",
    "fossa",
    "gharial",
    "hoatzin",
    "ibex",
    "jerboa",
    "kinkajou",
    "loris",
]
SHARDS = 8


def title(animal: str) -> str:
    return f"Practice {ANIMALS.index(animal) + 1}"


def slug(animal: str) -> str:
    return f"practice-{ANIMALS.index(animal) + 1}"


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Twelve terms in up to eight shards and eight teaser files: (its URL, its folder)."""
    root = tmp_path_factory.mktemp("sharded")
    source = root / "glossary"
    source.mkdir()
    for animal in ANIMALS:
        text = term_file(
            title(animal),
            f"A way of working number {ANIMALS.index(animal) + 1}.",
            front=f"summary: The teaser of {title(animal)}.",
            body=f"## Origin\n\nIt was named after the {animal} by its inventors.",
        )
        (source / f"{slug(animal)}.md").write_text(text, encoding="utf-8")
    # A slug its title does not give: names.json carries it.
    cafe = term_file("Café Practice", "Work over coffee.")
    (source / "cafe-practice.md").write_text(cafe, encoding="utf-8")
    site = root / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(shards_module, "SHARD_TERMS", 2)
        patch.setattr(documents_module, "TEASER_TERMS", 2)
        report = build(Project(source), site)
    assert report.ok, [d.format() for d in report.diagnostics]
    with serve(site) as url:
        yield url, site


def test_the_terms_are_spread_over_several_shards(sharded_site: tuple[str, Path]) -> None:
    _, site = sharded_site
    shards = {bucket(slug(animal), SHARDS) for animal in ANIMALS}
    assert len(shards) >= 4, shards
    assert len(list((site / "pagefind").glob("shard-*"))) == len(shards) - 1
    assert len(list((site / "pagefind" / "teasers").glob("*.json"))) == SHARDS


def test_a_word_of_any_shard_finds_its_term_with_its_teaser(
    page: Page, sharded_site: tuple[str, Path]
) -> None:
    url, _ = sharded_site
    open_page(page, f"{url}/")
    for animal in ANIMALS:
        search_for(page, animal)
        assert result_titles(page)[:1] == [title(animal)], animal
        first = page.locator(".search-results li").first
        expect(first.locator(".search-teaser")).to_have_text(f"The teaser of {title(animal)}.")


def test_a_name_hit_shows_the_teaser_from_its_teaser_file(
    page: Page, sharded_site: tuple[str, Path]
) -> None:
    url, _ = sharded_site
    open_page(page, f"{url}/")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    for animal in ANIMALS:
        search_for(page, title(animal))
        first = page.locator(".search-results li").first
        expect(first.locator(".search-title")).to_have_text(title(animal))
        expect(first.locator(".search-teaser")).to_have_text(f"The teaser of {title(animal)}.")
    teasers = [path for path in requested if "/pagefind/teasers/" in path]
    assert len(teasers) == len(set(teasers)), "each teaser file is fetched once"


def test_the_first_search_fetches_each_shard_once(
    page: Page, sharded_site: tuple[str, Path]
) -> None:
    url, site = sharded_site
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    open_page(page, f"{url}/")
    search_for(page, "dugong")
    page.wait_for_load_state("networkidle")

    entries = [path for path in requested if path.endswith("pagefind-entry.json")]
    folders = 1 + len(list((site / "pagefind").glob("shard-*")))
    assert len(entries) == len(set(entries)) == folders
    assert not [path for path in requested if "/shard-" in path and "wasm" in path]


def test_a_slug_the_title_does_not_give_leads_to_its_page(
    page: Page, sharded_site: tuple[str, Path]
) -> None:
    url, site = sharded_site
    names = (site / "pagefind" / "names.json").read_text(encoding="utf-8")
    assert '["Café Practice",[],0,"cafe-practice"]' in names
    assert '["Practice 1",[],0]' in names, "a slug the title gives is left out"
    open_page(page, f"{url}/")

    search_for(page, "Café Practice")
    page.locator(".search-results a").first.click()

    expect(page).to_have_url(f"{url}/cafe-practice/")
