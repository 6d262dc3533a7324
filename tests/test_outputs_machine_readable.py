"""For machines that read: llms.txt, the Markdown twin of each term page, BreadcrumbList."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest

from glossary_site import Project, build
from tests.conftest import WriteGlossary, term_file
from tests.linkcheck import broken_links

BASE = "https://example.org/words/"
_MD_LINK_RE = re.compile(r"\]\(([^)\s]+)\)")
_CODE_RE = re.compile(r"```.*?```|`[^`]*`", re.DOTALL)  # enough for these twins


def small(write_glossary: WriteGlossary, config: str = f'base_url = "{BASE}"') -> Project:
    project = write_glossary(
        {
            "sprint.md": term_file(
                "Sprint",
                "A time box; see [Kanban](kanban.md#flow).",
                "aliases: [Iteration, Time-box]",
                "## Goal\n\nFocus on [the goal](#goal), [home](/), the [board](img/b.png),\n"
                "![chart](img/b.png), [docs](https://example.com/x) and `[code](kanban)`.\n\n"
                "[ref]: ../kanban/\n\nA [reference][ref] link and "
                '<a href="kanban">raw HTML</a>.\n\n```md\n[fenced](kanban)\n```',
            ),
            "kanban.md": term_file("Kanban", "A flow method.", body="## Flow\n\nCards move."),
            "old.md": term_file('"[Old] Name"', "Gone.", "status: deprecated\nreplaced_by: sprint"),
            "idea.md": term_file("Idea", "Not yet.", "status: draft"),
        },
        config=config,
    )
    (project.source_dir / "img").mkdir()
    (project.source_dir / "img" / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 24)
    return project


def built(project: Project, out: Path) -> Path:
    report = build(project, out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return out


def test_llms_txt_has_the_title_summary_and_a_link_and_teaser_per_term(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    text = (built(small(write_glossary), tmp_path / "site") / "llms.txt").read_text()
    lines = text.splitlines()
    assert lines[0] == "# Glossary"
    assert lines[2] == "> Definitions of the terms we use."
    entries = [line for line in lines if line.startswith("- ")]
    assert entries == [  # in title order
        f"- [\\[Old\\] Name]({BASE}old/index.md): Gone. (deprecated; use Sprint instead)",
        f"- [Kanban]({BASE}kanban/index.md): A flow method.",
        f"- [Sprint]({BASE}sprint/index.md): A time box; see Kanban.",
    ]
    assert "Idea" not in text  # drafts never appear


def test_llms_txt_links_pages_when_markdown_twins_are_off(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = small(write_glossary, config="[exports]\nmarkdown = false\n")
    site = built(project, tmp_path / "site")
    assert "- [Kanban](/kanban/): A flow method." in (site / "llms.txt").read_text()
    assert not (site / "kanban" / "index.md").exists()
    assert "text/markdown" not in (site / "kanban" / "index.html").read_text()


def test_the_twin_is_the_term_as_written_without_front_matter(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    twin = (built(small(write_glossary), tmp_path / "site") / "sprint" / "index.md").read_text()
    assert twin.startswith(f"# Sprint\n\nA time box; see [Kanban]({BASE}kanban/#flow).\n\n")
    assert "Also known as: Iteration, Time-box." in twin
    assert "---" not in twin and "aliases:" not in twin
    assert "## Goal" in twin
    assert f"[the goal]({BASE}sprint/#goal)" in twin
    assert f"[home]({BASE})" in twin
    assert f"[board]({BASE}img/b.png)" in twin and f"![chart]({BASE}img/b.png)" in twin
    assert "[docs](https://example.com/x)" in twin
    assert "`[code](kanban)`" in twin and "\n[fenced](kanban)\n" in twin  # code as written
    assert f"[ref]: {BASE}kanban/" in twin
    assert f'<a href="{BASE}kanban/">raw HTML</a>' in twin
    assert "\\[Old\\] Name" in (tmp_path / "site" / "old" / "index.md").read_text()


@pytest.mark.parametrize("config", ["", "directory_urls = false", f'base_url = "{BASE}"'])
def test_every_link_of_a_twin_leads_to_a_file_of_the_site(
    write_glossary: WriteGlossary, tmp_path: Path, config: str
) -> None:
    site = built(small(write_glossary, config=config), tmp_path / "site")
    missing = []
    for twin in sorted(site.glob("*/index.md")):
        for url in _MD_LINK_RE.findall(_CODE_RE.sub("", twin.read_text())):
            if url.startswith("https://example.com"):
                continue
            path = url.removeprefix(BASE) if url.startswith(BASE) else _relative(twin, site, url)
            target = site / path.split("#")[0]
            if target.is_dir() or path.split("#")[0] in ("", "."):
                target = target / "index.html"
            if not target.is_file():
                missing.append(f"{twin.relative_to(site)}: {url}")
    assert missing == []
    root = "/words/" if BASE in config else "/"
    assert broken_links(site, root) == []  # the pages' <link rel="alternate"> to each twin too


def _relative(twin: Path, site: Path, url: str) -> str:
    folder = twin.parent.relative_to(site).as_posix()
    return posixpath.normpath(posixpath.join(folder, url.split("#")[0]))


def test_a_term_page_links_its_twin_and_drafts_have_none(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = built(small(write_glossary), tmp_path / "site")
    head = (site / "sprint" / "index.html").read_text().split("</head>")[0]
    assert '<link rel="alternate" type="text/markdown" href="index.md"' in head
    assert not (site / "idea").exists()
    assert "text/markdown" not in (site / "index.html").read_text()


def breadcrumbs(page: str) -> dict[str, object]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)
    found = [json.loads(block) for block in blocks]
    return next(data for data in found if data.get("@type") == "BreadcrumbList")


def test_term_pages_carry_a_breadcrumb_list_beside_the_defined_term(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    page = (built(small(write_glossary), tmp_path / "site") / "sprint" / "index.html").read_text()
    assert '"@type":"DefinedTerm"' in page
    assert breadcrumbs(page) == {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Glossary", "item": BASE},
            {"@type": "ListItem", "position": 2, "name": "S", "item": f"{BASE}#letter-s"},
            {"@type": "ListItem", "position": 3, "name": "Sprint", "item": f"{BASE}sprint/"},
        ],
    }


def test_without_base_url_breadcrumbs_are_relative_to_the_page(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = built(small(write_glossary, config=""), tmp_path / "site")
    items = breadcrumbs((site / "sprint" / "index.html").read_text())["itemListElement"]
    assert [item.get("item") for item in items] == ["../", "../#letter-s", None]  # type: ignore[attr-defined]
    index = (site / "index.html").read_text()
    assert 'id="letter-s"' in index  # the letter the crumb points at exists
