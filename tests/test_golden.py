"""Golden files: the exact pages built from ``tests/sites/basic``.

After an intended change to templates or rendering, regenerate them with
``pytest tests/test_golden.py --update-golden`` and review the diff like code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from glossary_site import Project, build

ASSET_VERSION = re.compile(r"\?v=[0-9a-f]{10}\b")
SITE = Path(__file__).parent / "sites" / "basic"
GOLDEN = Path(__file__).parent / "golden" / "basic"
PAGES = [
    "index.html",
    "kanban/index.html",
    "wip-limit/index.html",
    "work-in-progress/index.html",
    "tags/index.html",
    "tags/flow/index.html",
    "categories/index.html",
    "categories/practices/index.html",
    "404.html",
    "graph/index.html",
    "sitemap.xml",
    "robots.txt",
    # Written by the exporters (exports/): feed, llms.txt, Markdown twins, redirects, JSON API.
    "feed.xml",
    "llms.txt",
    "kanban/index.md",
    "work-in-progress/index.md",
    "wip/index.html",
    "kanban-board/index.html",
    "api/terms.json",
    "api/terms/work-in-progress.json",
    "glossary.ttl",
    "glossary.jsonld",
    "glossary.csv",
    "glossary.tbx",
]
# Built too, but not pinned byte for byte (made by the same code as pages above).
UNPINNED = [
    ".glossary-site.json",
    "preview.js",
    "search.js",
    "favicon.svg",
    "style.css",
    "api/schema/term.schema.json",
    "api/schema/terms.schema.json",
    "api/terms/kanban.json",
    "api/terms/wip-limit.json",
    "kanban-method/index.html",
    "wip-limit/index.md",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden") / "site"
    project = Project(SITE / "glossary", SITE / "glossary.toml", SITE / "templates")
    report = build(project, out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return out


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_its_golden_file(
    built: Path, page: str, request: pytest.FixtureRequest
) -> None:
    # The asset digest changes with every CSS edit; the golden files pin the markup.
    actual = ASSET_VERSION.sub("?v=VERSION", (built / page).read_text(encoding="utf-8"))
    golden = GOLDEN / page
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden}: run pytest --update-golden"
    assert actual == golden.read_text(encoding="utf-8"), (
        f"{page} differs from {golden}; if intended, run pytest --update-golden"
    )


def test_no_other_pages_are_built(built: Path) -> None:
    pages = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    searched = [page for page in pages if page.startswith("pagefind/")]  # see test_search_*
    assert {"pagefind/pagefind.js", "pagefind/names.json"} <= set(searched)
    others = [page for page in pages if page not in searched]
    embed = ["embed/glossary-cards.js", "embed/glossary-cards.css"]  # copied as they are
    assert others == sorted([*PAGES, *UNPINNED, *embed])
