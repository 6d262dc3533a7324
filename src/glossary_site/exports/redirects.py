"""A page at each alias's and former slug's address that leads on to the term (redirects.py).

The page works without JavaScript: a canonical link (absolute with base_url) and a
zero-second meta refresh for browsers and search engines, a visible link for everyone
else, and ``noindex`` so that only the term's own page is listed. The refresh and the
link are relative, so a copy of the site served elsewhere (a preview) stays in itself.
"""

from __future__ import annotations

from html import escape
from pathlib import PurePosixPath

from markupsafe import Markup

from ..config import SiteConfig
from ..graph import TermGraph
from ..i18n import Catalogue, packaged_catalogue
from ..redirects import find_redirects

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
    suffix = "" if config.directory_urls else "index.html"
    pages = {}
    for path, redirect in redirects.items():
        title = graph.nodes[redirect.target].term.title
        url = f"../{redirect.target}/{suffix}"  # works wherever the site is served
        canonical = f"{config.base_url}{redirect.target}/" if config.base_url else url
        link = Markup(f'<a href="{escape(url)}">{escape(title)}</a>')  # as html.escape
        text = (
            ui("exports.redirect_alias", name=Markup(escape(redirect.written)), term=link)
            if redirect.kind == "alias"
            else ui("exports.redirect_moved", term=link)
        )
        html = _PAGE.format(
            language=escape(config.language),
            direction=ui.dir,
            title=escape(title),
            page_title=escape(ui.text("page.title", page=title, site=config.title)),
            url=escape(url),
            canonical=escape(canonical),
            text=text,
        )
        pages[PurePosixPath(path, "index.html")] = html.encode("utf-8")
    return pages
