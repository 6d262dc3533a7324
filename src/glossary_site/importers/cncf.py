"""``cncf``: the Cloud Native Glossary (glossary.cncf.io, ``content/<language>/*.md``).

One language per run: ``--language`` (default ``en``) picks the folder ``SRC/<language>``
(or ``SRC`` itself when it holds the term files). Keys may be capitalised (``Title``);
``status: Completed`` and ``Feedback Appreciated`` are published terms, ``Deprecated``
deprecated ones, ``draft: true`` a draft (which wins: the source does not publish drafts);
``category`` (a second category becomes a tag); empty tags are dropped. The file name is
the slug, as in the source's links ``[x](/slug/)``, which become links to the terms; a
``## Related terms`` list of such links becomes ``related``. Hugo shortcodes are removed
with a warning (see ``hugo``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urljoin

from .collect import make_slug
from .hugo import HugoBody
from .model import ImportedTerm, ImportOptions, ImportResult
from .sources import SourceFile, as_list, as_text, markdown_files, read_source, rewrite_links

SITE = "https://glossary.cncf.io"
_RELATED_RE = re.compile(
    r"^##\s+Related terms\s*\n(?P<items>(?:\s*\n|\s*[*+-]\s.*\n?)*)", re.M | re.I
)
_ITEM_LINK_RE = re.compile(r"^\s*[*+-]\s+\[[^\]]*\]\(([a-z0-9-]+)\)\s*$")
_STATUSES = {
    "completed": "published",
    "feedback appreciated": "published",
    "deprecated": "deprecated",
}


def import_cncf(src: Path, options: ImportOptions) -> ImportResult:
    result = ImportResult()
    folder = src / options.language if (src / options.language).is_dir() else src
    if folder == src and src.is_dir() and not any(src.glob("*.md")):
        languages = ", ".join(sorted(p.name for p in src.iterdir() if p.is_dir()))
        result.fail(
            src,
            0,
            "no-language",
            f"there is no language folder '{options.language}' here",
            f"choose one with --language: {languages}" if languages else "",
        )
        return result
    sources = [s for path in markdown_files(folder, result) if (s := read_source(path, result))]
    titles = {
        make_slug(s.path.stem): as_text(s.take("title", case_insensitive=True)) for s in sources
    }
    links = _Links(titles, options.language, folder != src, options.fallback_slugs)
    if options.fallback_slugs:  # --all-languages: a draft is no page to link to
        links.leave_out({make_slug(s.path.stem) for s in sources if _is_draft(s)})
    for source in sources:
        term = _term(source, titles, links, result)
        if term is not None:
            result.terms.append(term)
    return result


def _term(
    source: SourceFile, titles: dict[str, str], links: _Links, result: ImportResult
) -> ImportedTerm | None:
    slug = make_slug(source.path.stem)
    title = titles[slug]
    if not title:
        result.fail(source.path, 1, "no-title", "the term has no 'title'", "add one in the source")
        return None
    links.page = slug
    hugo = HugoBody(source.path, source.body_line, titles, result, SITE + "/{}/")
    body = _heading_first(rewrite_links(hugo.convert(source.body), links.resolve))
    for target in links.missed():
        result.warn(
            source.path,
            source.body_line,
            "broken-link",
            f"the link to '{target}' leads to no page of the source's site either; it now "
            "leads to that address on glossary.cncf.io",
            "correct the link in the term file",
        )
    body, related = _related(body, links.targets)
    categories = as_list(source.take("category", case_insensitive=True))
    if len(categories) > 1:
        result.warn(
            source.path,
            source.line_of("category"),
            "second-category",
            f"a term has one category here; '{', '.join(categories[1:])}' became tags",
            "choose one category in the term file",
        )
    tags = as_list(source.take("tags", case_insensitive=True))
    status = _status(source, result)
    source.report_unused(result, "a Cloud Native Glossary key")
    return ImportedTerm(
        source=source.path,
        line=1,
        slug=slug,
        title=title,
        related=related,
        tags=tuple(dict.fromkeys((*tags, *categories[1:]))),
        category=categories[0] if categories else "",
        status=status,
        body=body,
    )


class _Links:
    """Targets of the source's links in our form.

    ``/slug/`` (also ``/<language>/slug/`` and full glossary.cncf.io URLs) becomes ``slug``
    when that term is imported. In a language other than English, Hugo serves a ``/slug/``
    that is not translated from the English site: such links lead there.
    """

    def __init__(
        self,
        titles: dict[str, str],
        language: str,
        in_language_folder: bool,
        fallback_slugs: frozenset[str] = frozenset(),
    ) -> None:
        self.titles = titles
        self.prefix = f"/{language}/"
        self.fallback = language != "en" and in_language_folder
        # Imported with every language: a slug the language lacks is a fallback page of
        # its own site (multisite), not a page of glossary.cncf.io.
        self.targets = {**dict.fromkeys(fallback_slugs, ""), **titles}
        self.every_language = bool(fallback_slugs)
        self.fallback_slugs = fallback_slugs
        self.page = ""  # the slug of the term whose links are resolved
        self._missed: list[str] = []

    def leave_out(self, slugs: set[str]) -> None:
        """Slugs that are no pages of the language's site: its drafts, unless the default
        language has the term (the site then shows it, as a fallback page)."""
        gone = slugs - self.fallback_slugs
        self.targets = {slug: title for slug, title in self.targets.items() if slug not in gone}

    def missed(self) -> list[str]:
        """The links of the last text that lead nowhere in the source (--all-languages)."""
        missed, self._missed = self._missed, []
        return missed

    def resolve(self, target: str) -> str | None:
        path, hash_mark, fragment = target.partition("#")
        for start in (SITE + self.prefix, SITE + "/", self.prefix, "/"):
            if path.startswith(start):
                slug = path[len(start) :].strip("/")
                if slug in self.targets:
                    return slug + hash_mark + fragment
                if self.every_language:
                    return self._where_it_led(target)
                if self.fallback and start == "/" and re.fullmatch(r"[a-z0-9-]+", slug):
                    return f"{SITE}/{slug}/{hash_mark}{fragment}"
                return None
        if self.every_language and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|#", target):
            return self._where_it_led(target)
        return None

    def _where_it_led(self, target: str) -> str:
        """A link that leads nowhere in the source either: to the address it led to."""
        self._missed.append(target)
        return urljoin(f"{SITE}{self.prefix}{self.page}/", target)


def _heading_first(body: str) -> str:
    """A body that opens with a heading ("What it is") and its paragraph: the heading goes,
    so that the paragraph is the definition."""
    match = re.match(r"\s*#{1,6}\s[^\n]*\n(?:[ \t]*\n)*(?=[^\s#>|<*+-])", body)
    return body[match.end() :] if match else body


def _related(body: str, titles: Mapping[str, str]) -> tuple[str, tuple[str, ...]]:
    """The ``## Related terms`` list as ``related``; the section goes when all were terms."""
    match = _RELATED_RE.search(body)
    if match is None:
        return body, ()
    items = [line for line in match.group("items").split("\n") if line.strip()]
    slugs = [m.group(1) for line in items if (m := _ITEM_LINK_RE.match(line))]
    related = tuple(dict.fromkeys(slug for slug in slugs if slug in titles))
    if items and len(related) == len(items):
        body = body[: match.start()] + body[match.end() :]
    return body, related


def _is_draft(source: SourceFile) -> bool:
    keys = {key.lower(): value for key, value in source.front.items()}
    return as_text(keys.get("draft")).lower() == "true"


def _status(source: SourceFile, result: ImportResult) -> str:
    given = as_text(source.take("status", case_insensitive=True))
    status = _STATUSES.get(given.lower(), "published")
    if given and given.lower() not in _STATUSES:
        result.warn(
            source.path,
            source.line_of("status"),
            "bad-status",
            f"status '{given}' has no equivalent here; the term is published",
            "set status: draft or deprecated in the term file if it is one",
        )
    if as_text(source.take("draft", case_insensitive=True)).lower() == "true":
        if status == "deprecated":
            result.warn(
                source.path,
                source.line_of("draft"),
                "deprecated-draft",
                "the term is a draft and deprecated; it is imported as a draft",
                "when you publish it, write status: deprecated",
            )
        return "draft"
    return status
