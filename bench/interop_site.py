"""What a built site holds, read from its HTML: term pages, their links, related cards, ids.

Used by ``bench/interop.py``. An internal link *works* when the file it leads to exists and,
with a ``#fragment``, that file has an element with that id.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Anchor:
    href: str
    mention: bool  # an auto-linked mention (class="mention"), not a link of the text
    card: bool  # inside the "Related terms" cards


@dataclass
class Page:
    path: str  # relative to the site, e.g. "container/index.html"
    is_term: bool = False
    ids: set[str] = field(default_factory=set)
    anchors: list[Anchor] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[tuple[str, bool]] = []  # (tag, opens the related section)
        self.related_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        classes = values.get("class", "").split()
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "article" and "term" in classes:
            self.page.is_term = True
        if tag == "a" and "href" in values:
            anchor = Anchor(values["href"], "mention" in classes, self.related_depth > 0)
            self.page.anchors.append(anchor)
        if tag in _VOID:
            return
        opens = tag == "section" and "related" in classes
        self.related_depth += opens
        self.stack.append((tag, opens))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            name, opened = self.stack.pop()
            self.related_depth -= opened
            if name == tag:
                return


_VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()  # noqa: SIM905
)


@dataclass
class Site:
    root: Path
    pages: dict[str, Page]

    @classmethod
    def read(cls, root: Path) -> Site:
        pages = {}
        for path in sorted(root.rglob("*.html")):
            relative = path.relative_to(root).as_posix()
            page = Page(relative)
            _Parser(page).feed(path.read_text(encoding="utf-8"))
            pages[relative] = page
        return cls(root, pages)

    def term_slugs(self) -> set[str]:
        """Slugs of the term pages (``<slug>/index.html`` with ``<article class="term">``)."""
        return {
            path.split("/")[0]
            for path, page in self.pages.items()
            if page.is_term and path.count("/") == 1 and path.endswith("/index.html")
        }

    def target(self, page: str, href: str) -> tuple[str, str] | None:
        """(file, fragment) an internal ``href`` of ``page`` leads to; None when external."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("/"):
            return None
        path = unquote(parts.path)
        if path == "":
            return page, parts.fragment
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if path.endswith("/") or joined == ".":
            joined = posixpath.join("" if joined == "." else joined, "index.html")
        return joined, parts.fragment

    def works(self, file: str, fragment: str) -> bool:
        if file.startswith("..") or not (self.root / file).is_file():
            return False
        if not fragment:
            return True
        page = self.pages.get(file)
        return page is not None and unquote(fragment) in page.ids

    def links_between_terms(self, slug: str) -> dict[tuple[str, str], bool]:
        """(target slug, fragment) → works, for the page of ``slug``'s links to term pages
        (auto-linked mentions left out: they are not the source's links)."""
        found: dict[tuple[str, str], bool] = {}
        page = f"{slug}/index.html"
        for anchor in self.pages[page].anchors if page in self.pages else ():
            target = self.target(page, anchor.href)
            if anchor.mention or target is None or not target[0].endswith("/index.html"):
                continue
            other = target[0].removesuffix("/index.html")
            if "/" not in other and other != slug:
                key = (other, target[1])
                found[key] = found.get(key, False) or self.works(*target)
        return found

    def cards(self) -> tuple[int, int]:
        """(related cards on term pages, those whose target page exists)."""
        total = working = 0
        for path, page in self.pages.items():
            if not page.is_term:
                continue
            for anchor in page.anchors:
                target = self.target(path, anchor.href)
                if anchor.card and target is not None:
                    total += 1
                    working += self.works(*target)
        return total, working

    def broken(self) -> list[str]:
        """Every internal link or fragment, on any page, that leads nowhere."""
        problems = []
        for path, page in self.pages.items():
            for anchor in page.anchors:
                target = self.target(path, anchor.href)
                if target is not None and not self.works(*target):
                    problems.append(f"{path}: {anchor.href}")
        return problems
