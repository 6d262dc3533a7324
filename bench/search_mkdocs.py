"""MkDocs + Material as a peer for ``search_quality.py``: the same glossary as MkDocs pages,
searched through Material's own search box (its lunr index in a web worker).

Each term becomes ``docs/<slug>.md``: ``# Title``, the definition, an "Also known as"
line with the aliases, then the body, so Material indexes what our search indexes.
Needs a virtual environment with ``mkdocs==1.6.1`` and ``mkdocs-material``
(``--mkdocs-venv``); ``bench/compare.py --peers-venv`` makes one.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml
from playwright.sync_api import Page

MKDOCS_YML = "site_name: Glossary\ntheme:\n  name: material\nplugins:\n  - search\n"


def mkdocs_site(glossary: Path, work: Path, venv: Path) -> Path:
    """Build the term files of ``glossary`` with MkDocs + Material; the site's folder."""
    docs = work / "mkdocs" / "docs"
    docs.mkdir(parents=True)
    for path in sorted(glossary.glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        fields = yaml.safe_load(front)
        page = f"# {fields['title']}\n\n{fields.get('definition', '')}\n\n"
        if fields.get("aliases"):
            page += "Also known as: " + ", ".join(fields["aliases"]) + "\n\n"
        (docs / path.name).write_text(page + body, encoding="utf-8")
    (docs / "index.md").write_text("# Glossary\n", encoding="utf-8")
    (work / "mkdocs" / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    site = work / "mkdocs" / "site"
    subprocess.run(
        [str(venv / "bin" / "mkdocs"), "build", "-q", "-d", str(site)],
        cwd=work / "mkdocs",
        check=True,
        capture_output=True,
    )
    return site


def material_first(page: Page, query: str) -> str:
    """The slug of the first result Material's search box lists for ``query``."""
    box = page.locator("input.md-search__input")
    box.focus()
    box.fill("")
    box.press_sequentially(query, delay=10)
    page.wait_for_function(
        "() => !/Type to start|Initializing/i.test("
        "document.querySelector('.md-search-result__meta')?.textContent ?? 'Type to start')",
        timeout=10_000,
    )
    page.wait_for_timeout(300)  # the worker answers each keystroke; let the last one land
    first = page.locator(".md-search-result__item > a.md-search-result__link").first
    if not first.count():
        return ""
    href = first.get_attribute("href") or ""
    return href.split("#")[0].rstrip("/").split("/")[-1]
