"""The index page stays small at any size: no per-term JSON-LD, teasers within a budget."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import pytest

from glossary_site import Project, build, render, render_index
from tests.conftest import WriteGlossary, term_file

BASE = "https://example.org/g/"


def glossary(write_glossary: WriteGlossary, count: int) -> Project:
    files = {
        f"term-{i:03}.md": term_file(f"Term {i:03}", definition=f"Teaser number {i:03}.")
        for i in range(count)
    }
    return write_glossary(files, config=f'base_url = "{BASE}"\ntitle = "G"')


def index_of(project: Project, out: Path) -> str:
    report = build(project, out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return (out / "index.html").read_text(encoding="utf-8")


def json_ld(html: str) -> dict[str, object]:
    found = re.search(r'application/ld\+json">(.*?)</script>', html)
    assert found is not None
    data = json.loads(found.group(1))
    assert isinstance(data, dict)
    return data


def test_the_index_json_ld_describes_the_set_not_every_term(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    html = index_of(glossary(write_glossary, 3), tmp_path / "site")
    assert json_ld(html) == {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "name": "G",
        "description": "Definitions of the terms we use.",
        "url": BASE,
    }
    term = json_ld((tmp_path / "site" / "term-001" / "index.html").read_text())
    assert term["inDefinedTermSet"] == {"@type": "DefinedTermSet", "name": "G", "url": BASE}


def test_teasers_are_listed_while_they_fit_the_budget(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render_index, "INDEX_TEASER_BUDGET", len(b"Teaser number 000.") * 4)
    html = index_of(glossary(write_glossary, 4), tmp_path / "site")
    assert html.count("<dd>") == 4 and "<dd>Teaser number 003.</dd>" in html


def test_past_the_teaser_budget_the_index_lists_titles_only(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render_index, "INDEX_TEASER_BUDGET", len(b"Teaser number 000.") * 4)
    html = index_of(glossary(write_glossary, 5), tmp_path / "site")
    assert "<dd>" not in html and "Teaser number" not in html
    assert html.count('<li class="index-entry"><span class="name"><a href="term-') == 5
    assert '<a href="term-004/">Term 004</a>' in html


def test_pages_that_list_every_term_get_time_in_proportion(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    budgets: list[float] = []

    def time_budget(seconds: float) -> contextlib.nullcontext[None]:
        budgets.append(seconds)
        return contextlib.nullcontext()

    monkeypatch.setattr(render, "time_budget", time_budget)
    monkeypatch.setattr(render, "LISTED_ENTRY_SECONDS", 1.0)
    index_of(glossary(write_glossary, 7), tmp_path / "site")
    base = render.PAGE_TIME_BUDGET_SECONDS
    assert sorted(set(budgets)) == [base, base + 7, base + 8]
    assert budgets.count(base + 7) == 2  # the index and the map of all terms
    assert budgets.count(base + 8) == 1  # the sitemap: the terms and the map's page
