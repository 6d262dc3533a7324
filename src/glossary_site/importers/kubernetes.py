"""``kubernetes``: the Kubernetes documentation glossary (``docs/reference/glossary``).

Front matter: ``title``, ``id``, ``date`` (→ updated; also in other scripts' digits and with
slashes), ``full_link`` (→ a "More information" link to kubernetes.io), ``short_description``
(→ summary), ``aka`` (→ aliases), ``tags``. The body's part before ``<!--more-->`` starts
with the definition. ``glossary_tooltip`` shortcodes name terms by file name, so the file
name is the slug.
"""

from __future__ import annotations

import re
from pathlib import Path

from .collect import make_slug
from .hugo import HugoBody, absolute_links
from .model import ImportedTerm, ImportOptions, ImportResult
from .sources import (
    SourceFile,
    as_list,
    as_text,
    date_value,
    markdown_files,
    read_source,
    rewrite_links,
    split_definition,
)

SITE = "https://kubernetes.io"
_ENTRY = SITE + "/docs/reference/glossary/?all=true#term-{}"
_MORE_RE = re.compile(r"[ \t]*<!--\s*more\s*-->[ \t]*")
_INDEX_NAMES = frozenset({"index.md", "_index.md"})


def import_kubernetes(src: Path, options: ImportOptions) -> ImportResult:
    result = ImportResult()
    sources = []
    for path in markdown_files(src, result, recursive=True):
        if path.name.lower() in _INDEX_NAMES:
            result.warn(path, 0, "skipped", "a section index page, not a term; it was skipped")
            continue
        source = read_source(path, result)
        if source is not None:
            sources.append(source)
    titles = {make_slug(s.path.stem): as_text(s.front.get("title")) for s in sources}
    for source in sources:
        term = _term(source, titles, result)
        if term is not None:
            result.terms.append(term)
    return result


def _term(source: SourceFile, titles: dict[str, str], result: ImportResult) -> ImportedTerm | None:
    title = as_text(source.take("title"))
    if not title:
        result.fail(source.path, 1, "no-title", "the term has no 'title'", "add one in the source")
        return None
    slug = make_slug(source.path.stem)
    _check_id(source, slug, result)
    hugo = HugoBody(source.path, source.body_line, titles, result, _ENTRY)
    intro, _, rest = _MORE_RE.sub("\0", source.body, count=1).partition("\0")
    intro, rest = (_links(hugo.convert(part), titles) for part in (intro, rest))
    definition, intro_rest = split_definition(intro)
    body = "\n\n".join(part.strip("\n") for part in (intro_rest, rest) if part.strip())
    summary = _plain(as_text(source.take("short_description")))
    term = ImportedTerm(
        source=source.path,
        line=1,
        slug=slug,
        title=title,
        definition=definition,
        summary="" if summary == _plain(definition) else summary,
        aliases=as_list(source.take("aka")),
        tags=as_list(source.take("tags")),
        updated=date_value(source, "date", result),
        body=body + _more_information(as_text(source.take("full_link"))),
    )
    source.report_unused(result, "the Kubernetes glossary's key")
    return term


def _links(text: str, titles: dict[str, str]) -> str:
    """Site-absolute links made kubernetes.io URLs; ``#term-<id>`` (the glossary page's
    anchor of a term) made a link to that term when it is imported."""

    def term_anchor(target: str) -> str | None:
        slug = target.removeprefix("#term-").lower()
        return slug if target.startswith("#term-") and slug in titles else None

    return rewrite_links(absolute_links(text, SITE), term_anchor)


def _plain(text: str) -> str:
    """``text`` with Markdown links reduced to their text and white space collapsed."""
    return " ".join(re.sub(r"\[([^\]\n]{0,500})\]\([^)\n]{0,2048}\)", r"\1", text).split())


def _check_id(source: SourceFile, slug: str, result: ImportResult) -> None:
    given = as_text(source.take("id"))
    if given and make_slug(given) != slug:
        result.warn(
            source.path,
            source.line_of("id"),
            "id-differs",
            f"'id: {given}' differs from the file name; the slug is '{slug}', the name "
            "glossary_tooltip shortcodes use",
            "rename the file or the id in the source so that they agree",
        )


def _more_information(link: str) -> str:
    if not link:
        return ""
    url = link if re.match(r"^[a-z]+:", link) else f"{SITE}/{link.lstrip('/')}"
    return f"\n\n## More information\n\n[Kubernetes documentation]({url})\n"
