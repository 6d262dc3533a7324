"""What a module of page kinds (index, letters, tags) needs from ``render``: one interface.

``render._Pages`` provides it; page-kind modules sit below ``render`` and never import it.
A job is ``(dest_path, template name, make)``: ``render_site`` runs each and reports a
template's failure once per template. A list page's ``make`` is a ``Listed``: it says what
the page shows, so that ``render_site`` can take the page from a ``ListCache`` when none of
it changed (an edit that changes no title or teaser renders no index, letter or tag page).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

from .config import SiteConfig
from .graph import TermGraph
from .i18n import Catalogue

Job = tuple[str, str, Callable[[], bytes]]


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What ``base.html`` needs to know about the page it wraps."""

    title: str
    description: str
    canonical: str  # absolute URL, or "" without base_url
    root: str  # prefix from this page to the site root: "", "../" or base path
    home: str  # link to the index page
    og_type: str
    json_ld: str
    breadcrumbs_json_ld: str = ""  # a BreadcrumbList beside json_ld (term pages)
    markdown: str = ""  # link to the page's Markdown twin (term pages), see site_urls.py


def json_ld(data: dict[str, Any]) -> str:
    """JSON for a <script> element: stable key order, no way to close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass(frozen=True, slots=True)
class Listed:
    """The maker of a list page and what the page shows.

    ``shows`` gives every value the default templates write on it (titles, teasers, slugs,
    tags, its ``page``) as one string, ``shown``: made when asked, as a patch build asks
    only for the pages that list its terms. ``nodes``: the slugs of the terms it lists;
    a project's own templates may show anything of those terms, so with them a page's
    key covers the terms whole (see ``prerender.ListedPages``).
    """

    make: Callable[[], bytes]
    shows: Callable[[], str]
    nodes: tuple[str, ...] = ()

    def __call__(self) -> bytes:
        return self.make()

    @property
    def shown(self) -> str:
        return self.shows()


def shown(*values: Any) -> str:
    """``values`` (strings, numbers, lists of them) as one canonical string."""
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"), default=repr)


class ListCache(Protocol):
    """List pages rendered by an earlier build, by what they show."""

    def get(self, dest: str, template: str, listed: Listed) -> bytes | None: ...

    def put(self, dest: str, template: str, listed: Listed, page: bytes) -> None: ...


class PageKit(Protocol):
    graph: TermGraph
    config: SiteConfig
    ui: Catalogue  # the interface strings in the site's language

    def render_page(self, name: str, listed: int = 0, **context: Any) -> bytes:
        """``name`` rendered with the site-wide values, within the time budget."""
        ...

    def page_meta(self, title: str, description: str, path: str, root: str) -> Any:
        """The ``page`` value of ``base.html`` for the page at ``path`` (from the root)."""
        ...

    def home_meta(self) -> Any:
        """The ``page`` value of the home page (the index), with the set's JSON-LD."""
        ...


def folder_url(root: str, folder: str, directory_urls: bool) -> str:
    """A link from a page whose root prefix is ``root`` to the page of ``folder``."""
    return f"{root}{quote(folder)}/" + ("" if directory_urls else "index.html")
