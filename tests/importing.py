"""Helpers for importer tests: import a corpus, build it, count what survived."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from glossary_site import Project, build
from glossary_site.build import Report
from glossary_site.importers import ImportOptions, ImportReport, import_glossary


@dataclass(frozen=True)
class Imported:
    report: ImportReport
    built: Report
    glossary: Path
    site: Path

    def codes(self, code: str) -> list[str]:
        """Import diagnostics with ``code``, formatted."""
        return [d.format() for d in self.report.diagnostics if d.code == code]

    def pages(self) -> set[str]:
        return term_pages(self.site)


def term_pages(site: Path) -> set[str]:
    """The slugs of the term pages of a built site (not tags/, categories/, letters/, the
    map of all terms or the redirect pages of aliases)."""
    return {
        page.parent.name
        for page in site.glob("*/index.html")
        if '<article class="term">' in page.read_text(encoding="utf-8")
    }


def import_and_build(
    format_name: str, src: Path, tmp_path: Path, options: ImportOptions | None = None
) -> Imported:
    glossary = tmp_path / "glossary"
    report = import_glossary(format_name, src, glossary, options=options)
    site = tmp_path / "site"
    built = build(Project(glossary), site)
    return Imported(report, built, glossary, site)


_ARTICLE_RE = re.compile(r'<article class="term">.*?</article>', re.S)
_RELATED_RE = re.compile(r'<ul class="cards">.*?</ul>', re.S)
# Links written in the term files (auto-linked mentions, class="mention", are not).
_TERM_HREF_RE = re.compile(r'(?<!class="mention" )href="\.\./([a-z0-9-]+)/(?:#[^"]*)?"')


def term_links(site: Path) -> set[tuple[str, str]]:
    """(page, other page) for every link in a term's text (definition and body) to a term."""
    return _links(site, _ARTICLE_RE)


def card_links(site: Path) -> set[tuple[str, str]]:
    """(page, other page) for every "Related terms" card."""
    return _links(site, _RELATED_RE)


def _links(site: Path, part: re.Pattern[str]) -> set[tuple[str, str]]:
    links = set()
    pages = term_pages(site)
    for page in (site / slug / "index.html" for slug in sorted(pages)):
        found = part.search(page.read_text(encoding="utf-8"))
        for target in _TERM_HREF_RE.findall(found.group() if found else ""):
            assert target in pages, f"{page.parent.name} links to missing page {target}"
            if target != page.parent.name:
                links.add((page.parent.name, target))
    return links
