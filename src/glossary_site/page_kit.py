"""What a module of page kinds (index, letters, tags) needs from ``render``: one interface.

``render._Pages`` provides it; page-kind modules sit below ``render`` and never import it.
A job is ``(dest_path, template name, make)``: ``render_site`` runs each and reports a
template's failure once per template.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import quote

from .config import SiteConfig
from .graph import TermGraph
from .i18n import Catalogue

Job = tuple[str, str, Callable[[], bytes]]


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
