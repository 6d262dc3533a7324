"""``devops``: the DevOps Glossary (devopsglossary.com), one Markdown file per term.

Front matter: ``title``, ``slug``, ``description`` (→ definition), ``relatedTerms`` (slugs,
→ related), ``abbreviation`` (→ aliases), ``tags``, ``category``, ``dateAdded``
(→ updated). The body is Markdown and is kept as it is.
"""

from __future__ import annotations

from pathlib import Path

from .collect import make_slug
from .model import ImportedTerm, ImportOptions, ImportResult
from .sources import SourceFile, as_list, as_text, date_value, markdown_files, read_source


def import_devops(src: Path, options: ImportOptions) -> ImportResult:
    result = ImportResult()
    for path in markdown_files(src, result):
        source = read_source(path, result)
        if source is not None:
            term = _term(source, result)
            if term is not None:
                result.terms.append(term)
    return result


def _term(source: SourceFile, result: ImportResult) -> ImportedTerm | None:
    title = as_text(source.take("title"))
    if not title:
        result.fail(source.path, 1, "no-title", "the term has no 'title'", "add one in the source")
        return None
    slug = make_slug(as_text(source.take("slug")) or source.path.stem)
    term = ImportedTerm(
        source=source.path,
        line=1,
        slug=slug,
        title=title,
        definition=" ".join(as_text(source.take("description")).split()),
        aliases=as_list(source.take("abbreviation")),
        related=tuple(make_slug(name) for name in as_list(source.take("relatedTerms"))),
        tags=as_list(source.take("tags")),
        category=as_text(source.take("category")),
        updated=date_value(source, "dateAdded", result),
        body=source.body,
    )
    source.report_unused(result, "the DevOps Glossary's key")
    return term
