"""Sources derived for ``bench/interop.py`` where no real corpus exists: a GLOSSARY.md.

``glossary_md`` assembles one Markdown file from the Cloud Native Glossary's English terms
in one of the three layouts ``import markdown`` reads, the way a team keeping a GLOSSARY.md
would write it: a ``## Term`` per term with its sections one level deeper; or, in the two
layouts that have no sections, the paragraphs and lists without their headings. Links
between terms become links to the term's heading (GitHub's anchors, ``#cloud-native-apps``);
links to terms left out (drafts) lead to glossary.cncf.io. Hugo shortcodes are left out:
a GLOSSARY.md has none. The links written are returned, counted as the importer reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from interop_sources import CNCF_SITE, Source, cncf

from glossary_site.importers.collect import make_slug
from glossary_site.importers.model import ImportResult
from glossary_site.importers.onefile import github_anchor
from glossary_site.importers.sources import as_text, read_source, rewrite_links

LAYOUTS = ("headings", "definition-list", "bold")
_SHORTCODE_LINE_RE = re.compile(r"^\s*\{\{[<%].*[>%]\}\}\s*$")
_HEADING_RE = re.compile(r"^(#{1,6})\s")


@dataclass
class Entry:
    slug: str  # the CNCF file name
    title: str
    body: str


def _entries(folder: Path) -> list[Entry]:
    published = cncf(folder).terms
    entries = []
    result = ImportResult()
    for path in sorted(folder.glob("*.md")):
        source = read_source(path, result)
        if source is None or not published.get(make_slug(path.stem), False):
            continue
        title = next((as_text(v) for k, v in source.front.items() if k.lower() == "title"), "")
        lines = [line for line in source.body.split("\n") if not _SHORTCODE_LINE_RE.match(line)]
        entries.append(Entry(make_slug(path.stem), title, "\n".join(lines).strip()))
    return sorted(entries, key=lambda entry: entry.title.lower())


def glossary_md(folder: Path, layout: str, out: Path) -> Source:
    """Write ``out`` from the CNCF language ``folder``; the terms and links it holds."""
    entries = _entries(folder)
    titles = {entry.slug: entry.title for entry in entries}
    counted = Source(terms={make_slug(entry.title): True for entry in entries})
    parts = ["# Cloud Native Glossary", ""]
    for entry in entries:
        origin = make_slug(entry.title)

        def link(target: str, origin: str = origin) -> str | None:
            path, _, _ = target.partition("#")
            for start in (f"{CNCF_SITE}/en/", f"{CNCF_SITE}/", "/en/", "/"):
                if path.startswith(start):
                    slug = path[len(start) :].strip("/")
                    if slug in titles:
                        counted.add(origin, make_slug(titles[slug]))
                        return "#" + github_anchor(titles[slug])
                    return f"{CNCF_SITE}/{slug}/" if slug else None
            return None

        body = rewrite_links(entry.body, link)
        parts += [_layout(layout, entry.title, body), ""]
    out.write_text("\n".join(parts), encoding="utf-8")
    return counted


def _layout(layout: str, title: str, body: str) -> str:
    if layout == "headings":
        deeper = (f"#{line}" if _HEADING_RE.match(line) else line for line in body.split("\n"))
        return f"## {title}\n\n" + "\n".join(deeper)
    text = "\n".join(line for line in body.split("\n") if not _HEADING_RE.match(line))
    paragraphs = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    first, rest = " ".join(paragraphs[0].split()), paragraphs[1:]
    if layout == "definition-list":
        indented = ("\n".join(f"    {line}" for line in block.split("\n")) for block in rest)
        return f"{title}\n: {first}\n\n" + "\n\n".join(indented)
    return f"**{title}**: {first}\n\n" + "\n\n".join(rest)
