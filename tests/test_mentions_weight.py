"""A term page with its CSS and JS (preview cards, concept map included) stays ≤ 30 KB gzipped."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.importing import import_and_build

BUDGET = 30 * 1024


def heaviest_term_page(site: Path) -> tuple[int, str]:
    """Gzipped bytes of the heaviest term page with style.css and preview.js, and its slug."""
    assets = sum(
        len(gzip.compress((site / name).read_bytes(), 9)) for name in ("style.css", "preview.js")
    )
    return max(
        (assets + len(gzip.compress(page.read_bytes(), 9)), page.parent.name)
        for page in site.glob("*/index.html")
        if page.parent.name != "graph"
    )


def test_bundled_term_pages_with_css_and_js_stay_within_30_kb(bundled_site: Path) -> None:
    size, slug = heaviest_term_page(bundled_site)
    assert size <= BUDGET, f"{slug}: {size} bytes gzipped"


@pytest.mark.slow
def test_devops_term_pages_with_css_and_js_stay_within_30_kb(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    result = import_and_build("devops", corpus("devops-glossary"), tmp_path)
    assert result.built.ok
    size, slug = heaviest_term_page(result.site)
    assert size <= BUDGET, f"{slug}: {size} bytes gzipped"
