"""HTML the Nu checker rejects stays out of the pages (found with bench/vnu.py)."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from glossary_site import Project, build, render_index
from tests.conftest import WriteGlossary, term_file

TEASER = "Teaser number 000."


def built(project: Project, out: Path) -> Path:
    report = build(project, out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return out


def glossary(write_glossary: WriteGlossary, count: int) -> Project:
    files = {
        f"term-{i:03}.md": term_file(
            f"Term {i:03}", definition=f"Teaser number {i:03}.", front=f"aliases: [Alias {i:03}]"
        )
        for i in range(count)
    }
    return write_glossary(files, config='base_url = "https://example.org/"\ntitle = "G"')


def description_list_problems(html: str) -> list[str]:
    """Groups of a ``<dl>`` that are not one or more ``<dt>`` followed by one or more ``<dd>``."""
    problems = []
    for dl in lxml.html.fromstring(html).iter("dl"):
        groups = [dl] if any(child.tag in ("dt", "dd") for child in dl) else list(dl)
        for group in groups:
            tags = "".join("t" if child.tag == "dt" else "d" for child in group)
            if not re.fullmatch("(t+d+)+" if group is dl else "t+d+", tags):
                problems.append(lxml.html.tostring(group, encoding="unicode")[:120])
    return problems


def test_the_index_past_its_teaser_budget_has_no_term_without_a_description(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render_index, "INDEX_TEASER_BUDGET", len(TEASER.encode()) * 2)
    site = built(glossary(write_glossary, 3), tmp_path / "site")
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "Teaser number" not in html
    assert description_list_problems(html) == []
    titles = lxml.html.fromstring(html).xpath('//*[contains(@class, "index-entry")]//a/text()')
    assert {"Term 000", "Term 002", "Alias 001"} <= set(titles)


def test_the_index_within_its_teaser_budget_pairs_each_title_with_its_teaser(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = built(glossary(write_glossary, 3), tmp_path / "site")
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "<dd>Teaser number 002.</dd>" in html
    assert description_list_problems(html) == []


def test_the_checker_finds_a_term_without_a_description() -> None:
    bad = '<dl><div class="index-entry"><dt><a href="x/">X</a></dt></div></dl>'
    good = '<dl><div class="index-entry"><dt><a href="x/">X</a></dt><dd>An x.</dd></div></dl>'
    assert description_list_problems(bad) != []
    assert description_list_problems(good) == []
