"""The in-memory caches of ``serve`` keep what worker processes made."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_site import Project
from glossary_site.cache.pages import KIND
from glossary_site.pool import MIN_PARALLEL_ITEMS
from glossary_site.serve.site import SiteState
from tests.conftest import term_file


@pytest.mark.slow
def test_terms_and_pages_made_by_workers_are_kept_for_the_next_rebuild(tmp_path: Path) -> None:
    source = tmp_path / "glossary"
    source.mkdir()
    count = MIN_PARALLEL_ITEMS + 6
    for number in range(count):
        (source / f"term-{number:03}.md").write_text(term_file(f"Term {number:03}"))
    site = SiteState(Project(source, None, tmp_path / "templates", tmp_path / "static", jobs=2))
    first = site.rebuild()
    assert first.changed and not any(d.is_error for d in first.diagnostics)
    [terms] = site._term_caches.values()
    assert len(terms.entries) == count
    assert sum(kind == KIND for kind, _ in site._pages.entries) == count
    pages = dict(site.files)
    again = site.rebuild()
    assert not again.changed
    term_pages = [p for p in pages if p.parts[0].startswith("term-") and p.name == "index.html"]
    assert len(term_pages) == count
    assert all(site.files[path] is pages[path] for path in term_pages), "not rendered again"
