"""The words a site in several languages adds (switcher label, fallback notice, root page)
come from the interface catalogue of each site's language, like every other string."""

from __future__ import annotations

from pathlib import Path

from tests.test_i18n_sites_build import _built, _read


def test_the_fallback_notice_and_switcher_are_in_the_sites_language(tmp_path: Path) -> None:
    site = _built(tmp_path)

    german = _read(site, "de/backlog/index.html")
    assert "Dieser Begriff ist noch nicht übersetzt." in german
    assert '<span lang="en">English</span>' in german
    assert '<a href="../../backlog/" hreflang="en">zum Original</a>' in german
    assert "not translated" not in german
    assert 'aria-label="Sprachen"' in _read(site, "de/sprint/index.html")
    assert 'aria-label="Languages"' in _read(site, "sprint/index.html")


def test_the_root_page_names_its_language_list_in_the_default_language(tmp_path: Path) -> None:
    site = _built(tmp_path, "default_at_root = false")

    assert 'aria-label="Languages"' in _read(site, "index.html")


def test_the_fallback_notice_takes_the_direction_of_its_own_words(tmp_path: Path) -> None:
    # Urdu has no shipped catalogue: its notice is in English and must not read right to
    # left (the full stop would land at the start); a translated notice would be RTL.
    site = _built(tmp_path)

    html = _read(site, "ur/backlog/index.html")
    assert '<html lang="ur" dir="rtl">' in html
    assert '<p dir="auto">This term is not translated yet.' in html
