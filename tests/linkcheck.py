"""A small checker for a built site: every relative link and asset resolves, fragments too."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in ("href", "src") and value is not None:
                self.refs.append(value)


_EMPTY = _Collector()


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def broken_links(site: Path, root_path: str = "/") -> list[str]:
    """Every relative or root-relative reference in ``site`` that leads nowhere.

    ``root_path`` is the URL path the site is served under (for root-relative links).
    """
    pages = {p.relative_to(site).as_posix(): _parse(p) for p in sorted(site.rglob("*.html"))}
    problems = []
    for page_path, page in pages.items():
        for ref in page.refs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc:
                continue
            target = _resolve(page_path, unquote(parts.path), root_path)
            if target is None or not (site / target).is_file():
                problems.append(f"{page_path}: {ref} → missing {target}")
            elif parts.fragment and parts.fragment not in pages.get(target, _EMPTY).ids:
                problems.append(f"{page_path}: {ref} → no id '{parts.fragment}' in {target}")
    return problems


def _resolve(page_path: str, link_path: str, root_path: str) -> str | None:
    if link_path.startswith("/"):
        if not link_path.startswith(root_path):
            return None
        joined = link_path[len(root_path) :]
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), link_path))
        if link_path == "" or joined == ".":
            joined = page_path if link_path == "" else ""
        if joined.startswith(".."):
            return None
    if joined == "" or link_path.endswith("/"):
        joined = posixpath.join(joined, "index.html")
    return joined
