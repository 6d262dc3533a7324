"""A page at each alias's and former slug's address that leads on to the term (redirects.py).

The page works without JavaScript: a canonical link (absolute with base_url) and a
zero-second meta refresh for browsers and search engines, a visible link for everyone
else, and ``noindex`` so that only the term's own page is listed. The refresh and the
link are relative, so a copy of the site served elsewhere (a preview) stays in itself.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import PurePosixPath

from markupsafe import Markup

from ..config import SiteConfig
from ..graph import TermGraph
from ..i18n import Catalogue, packaged_catalogue
from ..redirects import find_redirects
from .facts import TermFacts, term_facts

_PAGE = """<!doctype html>
<html lang="{language}" dir="{direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{page_title}</title>
<meta name="robots" content="noindex">
<link rel="icon" href="../favicon.svg" type="image/svg+xml">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={url}">
<style>body{{font:1.125rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;\
padding:0 1rem;background:#fff;color:#1f2328}}a{{color:#1d4ed8}}\
@media (prefers-color-scheme:dark){{body{{background:#0d1117;color:#e6edf3}}\
a{{color:#7cb3ff}}}}</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>{text}</p>
</main>
</body>
</html>
"""


def redirect_pages(
    graph: TermGraph, config: SiteConfig, ui: Catalogue | None = None
) -> dict[PurePosixPath, bytes]:
    """``<path>/index.html`` for every redirect that leads to one term only."""
    ui = ui or packaged_catalogue(config.language)
    redirects, _ = find_redirects(graph)  # the clashes are build errors (see build.py)
    texts = RedirectTexts(config, ui)
    pages: dict[PurePosixPath, bytes] = {}
    for facts in term_facts(graph, redirects).values():
        pages.update(zip(redirect_paths(facts), texts.pages(facts), strict=True))
    return dict(sorted(pages.items()))


def redirect_paths(facts: TermFacts) -> list[PurePosixPath]:
    """Where the redirect pages to the term of ``facts`` go."""
    return [PurePosixPath(path, "index.html") for path, _, _ in facts.redirects]


# Stand for a value in an interface string filled once (a term title never holds NUL).
_NAME, _TERM, _PAGE_TITLE = "\0name\0", "\0term\0", "\0page\0"
_MARK_RE = re.compile("\0(?:name|term|page)\0")


class RedirectTexts:
    """Writes redirect pages; the interface strings are filled once with stand-ins that
    each page replaces (filling them anew for each page costs most of the time)."""

    def __init__(self, config: SiteConfig, ui: Catalogue) -> None:
        self.config, self.ui = config, ui
        name, term = Markup(_NAME), Markup(_TERM)
        self._alias = str(ui("exports.redirect_alias", name=name, term=term))
        self._moved = str(ui("exports.redirect_moved", term=term))
        self._title = ui.text("page.title", page=_PAGE_TITLE, site=config.title)

    def pages(self, facts: TermFacts) -> list[bytes]:
        """The page of each redirect to the term of ``facts``, in its order."""
        return [
            self.page(facts.slug, facts.title, written, kind)
            for _, written, kind in facts.redirects
        ]

    def page(self, target: str, title: str, written: str, kind: str) -> bytes:
        config, ui = self.config, self.ui
        suffix = "" if config.directory_urls else "index.html"
        url = f"../{target}/{suffix}"  # works wherever the site is served
        canonical = f"{config.base_url}{target}/" if config.base_url else url
        link = f'<a href="{escape(url)}">{escape(title)}</a>'  # as html.escape
        values = {_NAME: escape(written), _TERM: link, _PAGE_TITLE: title}
        if "\0" in title + written:  # never in practice; fill as the catalogue does
            text = str(
                ui("exports.redirect_alias", name=Markup(escape(written)), term=Markup(link))
                if kind == "alias"
                else ui("exports.redirect_moved", term=Markup(link))
            )
            page_title = ui.text("page.title", page=title, site=config.title)
        else:
            template = self._alias if kind == "alias" else self._moved
            text = _MARK_RE.sub(lambda mark: values[mark.group()], template)
            page_title = _MARK_RE.sub(lambda mark: values[mark.group()], self._title)
        html = _PAGE.format(
            language=escape(config.language),
            direction=ui.dir,
            title=escape(title),
            page_title=escape(page_title),
            url=escape(url),
            canonical=escape(canonical),
            text=text,
        )
        return html.encode("utf-8")
