"""``mdn``: MDN Web Docs' glossary (``files/en-us/glossary/<term>/index.md``).

Front matter: ``title``, ``slug`` (``Glossary/Block/CSS`` → ``block-css``), ``tags``;
``page-type`` only says the page is a glossary entry. KumaScript macros become Markdown
(``macros``); links to ``/en-US/docs/Glossary/…`` become links to the imported terms, other
site-absolute links absolute MDN URLs; a ``See also`` list naming imported terms becomes
``related``. An old HTML body keeps its HTML, but its first
``<p>`` becomes the definition and its ``<h2>``–``<h4>`` headings become sections.
"""

from __future__ import annotations

import re
from pathlib import Path

from .collect import make_slug
from .macros import MDN, MacroContext, convert_macros
from .model import ImportedTerm, ImportOptions, ImportResult
from .related_list import related_section
from .sources import SourceFile, as_list, as_text, markdown_files, read_source, rewrite_links

_GLOSSARY_PREFIX = "glossary/"
_FIRST_P_RE = re.compile(r"\A\s*<p>(.*?)</p>", re.S)
_HEADING_RE = re.compile(r"^<h([2-4])(?:\s[^>]*)?>(.*?)</h\1>\s*$", re.M)
_STRUCTURAL_KEYS = ("page-type",)


def mdn_key(name: str) -> str:
    """The key of an MDN glossary name or slug (``Glossary/Execution_context``)."""
    name = name.strip().strip("/")
    if name.lower().startswith(_GLOSSARY_PREFIX):
        name = name[len(_GLOSSARY_PREFIX) :]
    return make_slug(name.replace("/", "-"))


def import_mdn(src: Path, options: ImportOptions) -> ImportResult:
    result = ImportResult()
    sources = []
    for path in markdown_files(src, result, recursive=True):
        if path.name.lower() != "index.md":
            result.warn(path, 0, "skipped", "MDN keeps each term in an index.md; skipped")
            continue
        source = read_source(path, result)
        if source is not None:
            sources.append(source)
    context = MacroContext(
        titles={_slug(s): as_text(s.front.get("title")) for s in sources},
        children={},
        result=result,
    )
    for source in sources:
        parent = _slug(source).rpartition("-")[0]
        mdn_parent = as_text(source.front.get("slug")).rpartition("/")[0]
        if mdn_parent.lower() != "glossary" and parent:
            context.children.setdefault(mdn_key(mdn_parent), []).append(_slug(source))
    for source in sources:
        term = _term(source, context, result)
        if term is not None:
            result.terms.append(term)
    return result


def _slug(source: SourceFile) -> str:
    return mdn_key(as_text(source.front.get("slug")) or source.path.parent.name)


def _term(source: SourceFile, context: MacroContext, result: ImportResult) -> ImportedTerm | None:
    title = as_text(source.take("title"))
    if not title:
        result.fail(source.path, 1, "no-title", "the term has no 'title'", "add one in the source")
        return None
    slug = _slug(source)
    source.take("slug")
    for key in _STRUCTURAL_KEYS:
        source.take(key)
    context.html = source.body.lstrip().startswith("<")
    body = convert_macros(source.body, source.path, source.body_line, slug, context)
    body = rewrite_links(body, lambda target: _link(target, context.titles))
    definition = ""
    first = _FIRST_P_RE.match(body)
    if first is not None:
        definition = " ".join(first.group(1).split())
        body = body[first.end() :]
    body = _HEADING_RE.sub(lambda m: f"{'#' * int(m.group(1))} {m.group(2).strip()}\n", body)
    body, related = related_section(body, context.titles)
    term = ImportedTerm(
        source=source.path,
        line=1,
        slug=slug,
        title=title,
        definition=definition,
        related=related,
        tags=as_list(source.take("tags")),
        body=body,
    )
    source.report_unused(result, "an MDN key")
    return term


def _link(target: str, titles: dict[str, str]) -> str | None:
    if not target.startswith("/"):
        return None
    path, hash_mark, fragment = target.partition("#")
    glossary = re.match(r"^/[\w-]+/docs/Glossary/(.+)$", path, re.I)
    if glossary is not None and mdn_key(glossary.group(1)) in titles:
        return mdn_key(glossary.group(1)) + hash_mark + fragment.lower()
    return MDN + target
