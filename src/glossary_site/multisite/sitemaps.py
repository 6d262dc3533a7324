"""A sitemap per language with ``xhtml:link`` alternates, and the root's sitemap index.

Each language's pipeline renders its ``sitemap.xml`` as usual; its URLs are read back
and written again with the alternates of each term in the other languages (fallback
pages, which are ``noindex``, are left out). The root ``sitemap.xml`` lists them:
``<code>/sitemap.xml`` for a language in its folder, ``sitemap-<code>.xml`` for the
language at the root (a sitemap lists URLs below its own folder only).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from ..config_languages import language_tag

if TYPE_CHECKING:
    from .assemble import Read

_URL_RE = re.compile(
    r"<url><loc>(?P<loc>[^<]*)</loc>(?:<lastmod>(?P<lastmod>[^<]*)</lastmod>)?</url>"
)
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def sitemap_name(code: str, prefix: str) -> str:
    """Where a language's sitemap is, below the root."""
    return f"{prefix}sitemap.xml" if prefix else f"sitemap-{code}.xml"


def language_sitemaps(
    reads: list[Read],
    native: Mapping[str, tuple[str, ...]],
    base_url: str,
    outputs: Mapping[PurePosixPath, bytes],
) -> dict[PurePosixPath, bytes]:
    """The sitemaps of every language (replacing the pipeline's) and the root's index."""
    prefixes = {read.site.code: read.site.prefix for read in reads}
    files: dict[PurePosixPath, bytes] = {}
    names = []
    for read in reads:
        prefix = read.site.prefix
        rendered = outputs.get(PurePosixPath(prefix, "sitemap.xml"), b"").decode("utf-8")
        if "<urlset" not in rendered:  # split past 50,000 URLs: kept as it is
            names.append(f"{prefix}sitemap.xml")
            continue
        entries = []
        for match in _URL_RE.finditer(rendered):
            path = match["loc"].removeprefix(base_url + prefix)
            slug = path[:-1] if path.endswith("/") and path.count("/") == 1 else path
            if slug in read.fallbacks:
                continue
            lastmod = f"<lastmod>{match['lastmod']}</lastmod>" if match["lastmod"] else ""
            links = _alternates(slug, native, prefixes, base_url, path in ("", slug + "/"))
            entries.append(f"<url><loc>{match['loc']}</loc>{lastmod}{links}</url>\n")
        name = sitemap_name(read.site.code, prefix)
        files[PurePosixPath(name)] = (_HEAD + "".join(entries) + "</urlset>\n").encode()
        names.append(name)
    index = "".join(f"<sitemap><loc>{base_url}{name}</loc></sitemap>\n" for name in names)
    files[PurePosixPath("sitemap.xml")] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{index}</sitemapindex>\n"
    ).encode()
    return files


def _alternates(
    slug: str,
    native: Mapping[str, tuple[str, ...]],
    prefixes: Mapping[str, str],
    base_url: str,
    is_page: bool,
) -> str:
    """``xhtml:link`` elements of the languages that have the term (the index: all)."""
    if not is_page:
        return ""
    codes = native.get(slug, ()) if slug else tuple(prefixes)
    if len(codes) < 2:
        return ""
    path = f"{slug}/" if slug else ""
    links = [
        f'<xhtml:link rel="alternate" hreflang="{language_tag(code)}" '
        f'href="{base_url}{prefixes[code]}{path}"/>'
        for code in codes
    ]
    default = next(iter(prefixes))
    if default in codes:
        links.append(
            f'<xhtml:link rel="alternate" hreflang="x-default" '
            f'href="{base_url}{prefixes[default]}{path}"/>'
        )
    return "".join(links)
