"""The root of a site whose languages are all in folders (``default_at_root = false``):
a page that sends readers to the default language and links every language, and
``robots.txt`` (the languages' own are left out: a site has one, at its root)."""

from __future__ import annotations

from html import escape
from pathlib import PurePosixPath

from ..i18n import packaged_catalogue
from .links import autonym, direction
from .plan import Site


def root_files(
    sites: tuple[Site, ...], title: str, base_url: str, directory_urls: bool, version: str
) -> dict[PurePosixPath, bytes]:
    default = sites[0]
    suffix = "" if directory_urls else "index.html"
    items = "\n".join(
        f'    <li><a href="{escape(site.prefix + suffix)}" lang="{site.language.tag}" '
        f'hreflang="{site.language.tag}"'
        + (f' dir="{direction(site.code)}"' if direction(site.code) else "")
        + f">{escape(autonym(site.code))}</a></li>"
        for site in sites
    )
    target = escape(default.prefix + suffix)
    label = escape(packaged_catalogue(default.code).text("language.switcher"))
    canonical = (
        f'<link rel="canonical" href="{escape(base_url + default.prefix)}">\n' if base_url else ""
    )
    page = f"""<!doctype html>
<html lang="{default.language.tag}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
{canonical}<meta http-equiv="refresh" content="0; url={target}">
<meta name="robots" content="noindex">
<link rel="stylesheet" href="style.css?v={version}">
</head>
<body>
<main id="main" class="wrap">
<h1>{escape(title)}</h1>
<nav class="language-switcher" aria-label="{label}">
  <ul>
{items}
  </ul>
</nav>
</main>
</body>
</html>
"""
    robots = "User-agent: *\nAllow: /\n"
    if base_url:
        robots += f"\nSitemap: {base_url}sitemap.xml\n"
    return {
        PurePosixPath("index.html"): page.encode(),
        PurePosixPath("robots.txt"): robots.encode(),
    }
