"""A term's Markdown → sanitised HTML, table of contents and term links.

The result depends only on the term itself, so documents can be rendered in any
order or in parallel. Links to other terms (``[x](other-slug)``,
``[x](../other-slug/)`` or ``[x](other-slug.md)``) are rewritten to the page URL
and recorded, so the graph stage can check them and compute backlinks.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import markdown
from markdown.extensions.toc import slugify_unicode

from ..diagnostics import Diagnostic, Severity
from ..schema import Term
from .extensions import GlossaryExtension
from .gfm import GithubFlavourExtension
from .highlight import HIGHLIGHT_CLASS
from .sanitize import sanitize
from .text import html_to_text, teaser
from .typography import TypographyExtension

# Ids the page templates use themselves; a section with such a name gets a suffix.
RESERVED_IDS = frozenset(
    {"main", "definition", "contents", "related-terms", "referenced-by", "letters", "search", "top"}
)

_LINK_TARGET_RE = re.compile(r"\]\(\s*<?(?:\.\.?/)?([a-z0-9]+(?:-[a-z0-9]+)*)")
_H1_RE = re.compile(r"^\s{0,3}#(?!#)\s", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class TocEntry:
    id: str
    title: str  # plain text
    children: tuple[TocEntry, ...]


@dataclass(frozen=True, slots=True)
class TermLink:
    """A link in a term's Markdown to another term's slug."""

    target: str
    line: int


@dataclass(frozen=True, slots=True)
class Document:
    slug: str
    definition_html: str  # inline HTML, no surrounding <p>
    summary: str  # plain text teaser
    body_html: str
    toc: tuple[TocEntry, ...]
    links: tuple[TermLink, ...]


def _section_id(value: str, separator: str) -> str:
    section_id = slugify_unicode(value, separator) or "section"
    return f"{section_id}-section" if section_id in RESERVED_IDS else section_id


# GitHub-style Markdown: fences anywhere (tabs kept), bare URLs as links, and
# Pygments classes (no inline styles; style.css colours them, see highlight.py).
_EXTENSION_CONFIGS: dict[str, dict[str, object]] = {
    "toc": {"toc_depth": "2-3", "slugify": _section_id},
    "tables": {"use_align_attribute": True},
    "pymdownx.highlight": {
        "use_pygments": True,
        "noclasses": False,
        "css_class": HIGHLIGHT_CLASS,
        "guess_lang": False,
        "pygments_lang_class": False,
    },
    "pymdownx.superfences": {"preserve_tabs": True},
    "pymdownx.magiclink": {"hide_protocol": False},
}


class MarkdownRenderer:
    """One configured Markdown converter, reused for every document of a build."""

    def __init__(
        self, *, trust_html: bool, directory_urls: bool = True, smart_typography: bool = True
    ) -> None:
        self.trust_html = trust_html
        self._links = GlossaryExtension("" if directory_urls else "index.html")
        typography = [TypographyExtension()] if smart_typography else []
        self._md = markdown.Markdown(
            extensions=[
                "abbr",
                "attr_list",
                "def_list",
                "footnotes",
                "md_in_html",
                "sane_lists",
                "tables",
                "toc",
                "pymdownx.highlight",
                "pymdownx.superfences",
                "pymdownx.magiclink",
                *typography,
                GithubFlavourExtension(),
                self._links,
            ],
            extension_configs=_EXTENSION_CONFIGS,
            output_format="html",
        )

    def _convert(self, text: str) -> tuple[str, list[str], list[dict[str, object]]]:
        self._md.reset()
        assert self._links.processor is not None
        self._links.processor.targets = []
        output = self._md.convert(text)
        tokens = getattr(self._md, "toc_tokens", [])
        return self._clean(output), list(self._links.processor.targets), tokens

    def _clean(self, output: str) -> str:
        if self.trust_html:
            return output
        return sanitize(output)

    def render(self, term: Term) -> tuple[Document, tuple[Diagnostic, ...]]:
        problems: list[Diagnostic] = []
        definition_html, definition_targets, _ = self._convert(term.definition)
        if definition_html.count("<p>") != 1 or not definition_html.startswith("<p>"):
            problems.append(
                Diagnostic(
                    term.src_path,
                    term.definition_line,
                    "definition-not-paragraph",
                    "the definition must be a single paragraph of text",
                    "move lists, headings and more paragraphs into the body, under a '##' heading",
                )
            )
        inline = definition_html.strip().removeprefix("<p>").removesuffix("</p>")
        body_html, body_targets, tokens = self._convert(term.body)
        links = _locate_links(term, definition_targets, body_targets)
        if "<h1" in body_html:
            line = _first_line(term.body, _H1_RE)
            problems.append(
                Diagnostic(
                    term.src_path,
                    term.body_line + line,
                    "h1-in-body",
                    "a '#' heading in the body competes with the page title",
                    "use '##' for sections; the title is the page's only top-level heading",
                    Severity.WARNING,
                )
            )
        summary = term.summary or teaser(html_to_text(inline))
        document = Document(term.slug, inline, summary, body_html, _toc(tokens), links)
        return document, tuple(problems)


def _toc(tokens: list[dict[str, object]]) -> tuple[TocEntry, ...]:
    entries = []
    for token in tokens:
        children = token.get("children", [])
        assert isinstance(children, list)
        entries.append(
            TocEntry(str(token["id"]), html.unescape(str(token["name"])), _toc(children))
        )
    return tuple(entries)


def _locate_links(
    term: Term, definition_targets: list[str], body_targets: list[str]
) -> tuple[TermLink, ...]:
    """Attach to each link target the file line of its first ``](target`` in the source."""
    in_definition = _link_lines(term.definition, term.definition_line)
    in_body = _link_lines(term.body, term.body_line)
    links = [TermLink(t, in_definition.get(t, term.definition_line)) for t in definition_targets]
    links += [TermLink(t, in_body.get(t, term.body_line)) for t in body_targets]
    return tuple(links)


def _link_lines(text: str, first_line: int) -> dict[str, int]:
    lines: dict[str, int] = {}
    for match in _LINK_TARGET_RE.finditer(text):
        lines.setdefault(match.group(1), first_line + text.count("\n", 0, match.start()))
    return lines


def _first_line(text: str, pattern: re.Pattern[str]) -> int:
    """0-based line of the first match of ``pattern`` in ``text`` (0 when absent)."""
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) if match else 0
