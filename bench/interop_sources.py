"""What a source glossary holds, counted from its own files with the importers' link rules.

Used by ``bench/interop.py``: per corpus, the terms (and whether the source publishes
them) and the links between terms — each a (from slug, to slug, fragment) — as the
importer of that format recognises them, plus the links to terms the corpus lacks.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from glossary_site.importers.collect import make_slug
from glossary_site.importers.hugo import _SHORTCODE_RE, shortcode_params
from glossary_site.importers.macros import _MACRO_RE, macro_args
from glossary_site.importers.mdn import mdn_key
from glossary_site.importers.model import ImportResult
from glossary_site.importers.skos import SKOS, slug_of
from glossary_site.importers.sources import SourceFile, as_list, as_text, read_source
from glossary_site.importers.sources import rewrite_links as _rewrite_links

Link = tuple[str, str, str]  # (from slug, to slug, fragment)


@dataclass
class Source:
    terms: dict[str, bool] = field(default_factory=dict)  # slug → published by the source
    links: set[Link] = field(default_factory=set)  # between terms of this source
    outside: int = 0  # links to terms this corpus does not hold (samples)

    def add(self, origin: str, target: str, fragment: str = "") -> None:
        if not self.terms.get(origin, False) or target == origin:
            return
        if target in self.terms:
            self.links.add((origin, target, fragment))
        else:
            self.outside += 1


def targets(text: str) -> list[str]:
    """Every Markdown link target and HTML ``href`` in ``text``, as the importers find them."""
    found: list[str] = []

    def record(target: str) -> None:
        found.append(target)

    _rewrite_links(text, lambda target: record(target))
    return found


def _sources(paths: list[Path]) -> list[SourceFile]:
    result = ImportResult()
    return [source for path in paths if (source := read_source(path, result)) is not None]


def devops(src: Path) -> Source:
    """``relatedTerms`` (slugs) and ``[x](slug)`` links of the body."""
    counted = Source()
    files = _sources(sorted(src.glob("*.md")))
    slug_of_file = {s.path: make_slug(as_text(s.front.get("slug")) or s.path.stem) for s in files}
    counted.terms = dict.fromkeys(slug_of_file.values(), True)
    for source in files:
        origin = slug_of_file[source.path]
        for name in as_list(source.front.get("relatedTerms")):
            counted.add(origin, make_slug(name))
        for target in targets(source.body):
            path, _, fragment = target.partition("#")
            if re.fullmatch(r"[a-z0-9-]+", path):
                counted.add(origin, path, fragment)
    return counted


def kubernetes(src: Path) -> Source:
    """``glossary_tooltip`` shortcodes (``term_id`` is a file name) and ``#term-<id>`` links."""
    counted = Source()
    paths = [
        p
        for p in sorted(src.rglob("*.md"))
        if p.name.lower() not in ("index.md", "_index.md")
        and not any(part.startswith((".", "_")) for part in p.relative_to(src).parts)
    ]
    files = _sources(paths)
    counted.terms = {make_slug(s.path.stem): True for s in files}
    for source in files:
        origin = make_slug(source.path.stem)
        for match in _SHORTCODE_RE.finditer(source.body):
            if match.group(3) == "glossary_tooltip" and not match.group(2):
                counted.add(origin, shortcode_params(match.group(4)).get("term_id", "").lower())
        for target in targets(source.body):
            if target.startswith("#term-"):
                counted.add(origin, target.removeprefix("#term-").lower())
    return counted


def mdn(src: Path) -> Source:
    """``{{Glossary("x")}}``, ``/en-US/docs/Glossary/x`` links, and the entries a
    ``{{GlossaryDisambiguation}}`` page lists."""
    counted = Source()
    files = _sources(sorted(src.rglob("index.md")))
    slugs = {s.path: mdn_key(as_text(s.front.get("slug")) or s.path.parent.name) for s in files}
    counted.terms = dict.fromkeys(slugs.values(), True)
    children: dict[str, list[str]] = {}
    for source in files:
        mdn_parent = as_text(source.front.get("slug")).rpartition("/")[0]
        if mdn_parent.lower() != "glossary" and slugs[source.path].rpartition("-")[0]:
            children.setdefault(mdn_key(mdn_parent), []).append(slugs[source.path])
    for source in files:
        origin = slugs[source.path]
        for match in _MACRO_RE.finditer(source.body):
            name, args = match.group(1).lower(), macro_args(match.group(2))
            if name == "glossary" and args:
                counted.add(origin, make_slug(args[0].replace("/", "-")))
            elif name == "glossarydisambiguation":
                for child in children.get(origin, ()):
                    counted.add(origin, child)
        for target in targets(source.body):
            path, _, fragment = target.partition("#")
            found = re.match(r"^/[\w-]+/docs/Glossary/(.+)$", path, re.I)
            if found is not None:
                counted.add(origin, mdn_key(found.group(1)), fragment.lower())
    return counted


CNCF_SITE = "https://glossary.cncf.io"


def _is_draft(source: SourceFile) -> bool:
    """``draft: true`` (key in any letter case), as the ``cncf`` importer reads it."""
    return any(
        key.lower() == "draft" and as_text(value).lower() == "true"
        for key, value in source.front.items()
    )


def cncf(folder: Path, language: str = "en") -> Source:
    """``[x](/slug/)`` links (also ``/<language>/slug/`` and glossary.cncf.io URLs), the
    ``## Related terms`` lists included; drafts are not published."""
    counted = Source()
    files = _sources(sorted(folder.glob("*.md")))
    counted.terms = {make_slug(s.path.stem): not _is_draft(s) for s in files}
    starts = (f"{CNCF_SITE}/{language}/", f"{CNCF_SITE}/", f"/{language}/", "/")
    for source in files:
        origin = make_slug(source.path.stem)
        for target in targets(source.body):
            path, _, fragment = target.partition("#")
            start = next((s for s in starts if path.startswith(s)), None)
            slug = path[len(start) :].strip("/") if start is not None else ""
            if re.fullmatch(r"[a-z0-9-]+", slug):
                counted.add(origin, slug, fragment)
    return counted


def spreadsheet(path: Path) -> Source:
    """A CSV as our export writes it: ``related`` cells (``; ``) and ``[x](slug)`` links."""
    counted = Source()
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        published = row.get("status", "published") != "draft"
        counted.terms[make_slug(row.get("slug") or row["title"])] = published
    for row in rows:
        origin = make_slug(row.get("slug") or row["title"])
        for name in (v.strip() for v in row.get("related", "").split(";")):
            if name:
                counted.add(origin, name)
        for target in targets(row.get("definition", "") + "\n\n" + row.get("body", "")):
            slug, _, fragment = target.partition("#")
            if re.fullmatch(r"[a-z0-9-]+", slug):
                counted.add(origin, slug, fragment)
    return counted


def skos(path: Path) -> Source:
    """``skos:related`` between the file's concepts (and ``broader``/``narrower``)."""
    from rdflib import RDF, Graph, URIRef

    graph = Graph()
    graph.parse(path, format="turtle")
    counted = Source()
    concepts = {str(s): slug_of(str(s)) for s in graph.subjects(RDF.type, URIRef(SKOS + "Concept"))}
    counted.terms = dict.fromkeys(concepts.values(), True)
    for name in ("related", "broader", "narrower"):
        for subject, target in graph.subject_objects(URIRef(SKOS + name)):
            origin = concepts.get(str(subject))
            if origin is not None:
                counted.add(origin, concepts.get(str(target), str(target)))
    return counted
