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
class Card:
    """One "Related terms" card; ``reason`` is shown on cards the graph suggested
    ("links here", "shares the tag x"), never on the term's own ``related``."""

    reason: bool = False


@dataclass
class Anchor:
    href: str
    mention: bool  # an auto-linked mention (class="mention"), not a link of the text
    in_text: bool  # inside <article class="term">: the definition, body, tags
    card: Card | None  # the related card it is the link of


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
        self.stack: list[tuple[str, str]] = []  # (tag, "article"/"related"/"card"/"")
        self.open: dict[str, int] = {"article": 0, "related": 0, "card": 0}
        self.card: Card | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        classes = values.get("class", "").split()
        if "id" in values:
            self.page.ids.add(values["id"])
        kind = _kind(tag, classes)
        if kind == "article":
            self.page.is_term = True
        if kind == "card" and self.open["related"]:
            self.card = Card()
        if tag == "span" and "reason" in classes and self.card is not None:
            self.card.reason = True
        if tag == "a" and "href" in values:
            card = self.card if self.open["card"] and self.open["related"] else None
            in_text = self.open["article"] > 0
            self.page.anchors.append(Anchor(values["href"], "mention" in classes, in_text, card))
        if tag in _VOID:
            return
        if kind:
            self.open[kind] += 1
        self.stack.append((tag, kind))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            name, kind = self.stack.pop()
            if kind:
                self.open[kind] -= 1
            if name == tag:
                return


def _kind(tag: str, classes: list[str]) -> str:
    if tag == "article" and "term" in classes:
        return "article"
    if tag == "section" and "related" in classes:
        return "related"
    return "card" if tag == "li" and "card" in classes else ""


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
        """(target slug, fragment) → works, for the links of ``slug``'s page to term pages
        that carry the source's links: the links of the term's text (auto-linked mentions
        left out) and the cards of its own ``related`` list (not the suggested ones)."""
        found: dict[tuple[str, str], bool] = {}
        page = f"{slug}/index.html"
        for anchor in self.pages[page].anchors if page in self.pages else ():
            target = self.target(page, anchor.href)
            own_card = anchor.card is not None and not anchor.card.reason
            if not ((anchor.in_text and not anchor.mention) or own_card):
                continue
            if target is None or not target[0].endswith("/index.html"):
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
                if anchor.card is not None and target is not None:
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
