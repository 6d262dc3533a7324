"""A term's Markdown → sanitised HTML, table of contents and term links.

The result depends only on the term itself and the ``SiteIndex`` (what links can lead
to), so documents can be rendered in any order or in parallel. Every link and image is
resolved, rewritten to its URL on the page and recorded (``references``, see
``links``); links to other terms also become ``links``, so the graph stage can check
them and compute backlinks.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import markdown
from markdown.extensions.toc import slugify_unicode

from ..diagnostics import Diagnostic, Severity
from ..schema import Term
from . import limits
from .blocks import install as install_skipping_blocks
from .extensions import GlossaryExtension
from .footnotes import FootnoteCheckExtension, unreferenced_footnote_warnings
from .gfm import GithubFlavourExtension
from .highlight import HIGHLIGHT_CLASS
from .ids import AuthorIdExtension, duplicate_id_warnings
from .inline import install as install_skipping_inline
from .links import Kind, Reference, SiteIndex
from .sanitize import sanitize
from .steps import install as install_skipping_steps
from .text import html_to_text, teaser
from .typography import TypographyExtension
from .whole import plain_paragraph, split_definition, whole_text, without_footnote_refs

# Ids the page templates use themselves; a section with such a name gets a suffix.
RESERVED_IDS = frozenset(
    {"main", "definition", "contents", "related-terms", "referenced-by", "letters", "search", "top"}
    | {"concept-map", "concept-map-caption", "term-previews", "term-preview", "term-preview-teaser"}
    | {"graph-caption"}
    | {"search-input", "search-status", "did-you-mean", "did-you-mean-title"}  # search
)

_ID_RE = re.compile(r'\sid="([^"]*)"')
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
    url: str = ""  # as written, when it is not just the slug


@dataclass(frozen=True, slots=True)
class Document:
    slug: str
    definition_html: str  # inline HTML, no surrounding <p>
    summary: str  # plain text teaser
    body_html: str
    toc: tuple[TocEntry, ...]
    links: tuple[TermLink, ...]
    references: tuple[Reference, ...] = ()  # every link and image, resolved
    ids: frozenset[str] = frozenset()  # ids in the definition and body, for #fragments


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
        self,
        *,
        trust_html: bool,
        directory_urls: bool = True,
        smart_typography: bool = True,
        index: SiteIndex | None = None,
    ) -> None:
        self.trust_html = trust_html
        self.smart_typography = smart_typography
        self.index = index or SiteIndex(directory_urls=directory_urls)
        self._links = GlossaryExtension(self.index)
        self._ids = AuthorIdExtension(RESERVED_IDS)
        self._footnotes = FootnoteCheckExtension()
        self._md = self._new_markdown()
        # Skip converting a plain definition alone (see ``plain_paragraph``); tests turn
        # it off to compare.
        self.plain_definitions = True

    def _new_markdown(self) -> markdown.Markdown:
        typography = [TypographyExtension()] if self.smart_typography else []
        md = markdown.Markdown(
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
        md.registerExtensions([self._ids, self._footnotes], {})
        install_skipping_inline(md)
        install_skipping_blocks(md)
        install_skipping_steps(md)
        return md

    def _convert(
        self, text: str, first_line: int = 1, term_dir: str | None = None, eager_images: int = 1
    ) -> tuple[str, list[Reference], list[dict[str, object]]]:
        self._md.reset()
        processor = self._links.processor
        assert processor is not None
        processor.begin(text, first_line, term_dir, eager_images)
        output = self._md.convert(text)
        tokens = getattr(self._md, "toc_tokens", [])
        return self._clean(output), processor.references, tokens

    def _term_dir(self, term: Term) -> str | None:
        """The term file's folder relative to the source folder ("." at the top)."""
        if self.index.source_dir is None:
            return None
        try:
            return term.src_path.parent.relative_to(self.index.source_dir).as_posix()
        except ValueError:
            return None

    def _clean(self, output: str) -> str:
        if self.trust_html:
            return output
        return sanitize(output)

    def render(self, term: Term) -> tuple[Document, tuple[Diagnostic, ...]]:
        """The term's document, or an empty one and the error when its Markdown is out of bounds.

        See ``limits``: known pathological shapes are rejected before conversion, and a
        conversion that overruns its time budget or recursion depth is reported, never fatal.
        """
        empty = Document(term.slug, "", term.summary, "", (), ())
        problem = limits.limit_diagnostic(term)
        if problem is not None:
            return empty, (problem,)
        try:
            with limits.time_budget(limits.TIME_BUDGET_SECONDS):
                return self._render(term)
        except (limits.TimeBudgetExceeded, RecursionError) as exc:
            self._md = self._new_markdown()  # an interrupted converter may hold partial state
            return empty, (limits.failure_diagnostic(term, exc),)

    def _render(self, term: Term) -> tuple[Document, tuple[Diagnostic, ...]]:
        problems: list[Diagnostic] = []
        term_dir = self._term_dir(term)
        definition = None
        if not (self.plain_definitions and plain_paragraph(term.definition)):
            definition = self._definition(term, term_dir)
            html_text = definition[0]
            if html_text.count("<p>") != 1 or not html_text.startswith("<p>"):
                problems.append(
                    Diagnostic(
                        term.src_path,
                        term.definition_line,
                        "definition-not-paragraph",
                        "the definition must be a single paragraph of text",
                        "move lists, headings and more paragraphs into the body, under a '##' "
                        "heading",
                    )
                )
        inline, body_html, references, tokens = self._convert_whole(
            term, definition, term_dir, problems
        )
        links = tuple(TermLink(r.target, r.line, r.url) for r in references if r.kind is Kind.TERM)
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
        summary = term.summary or teaser(html_to_text(without_footnote_refs(inline)))
        ids = frozenset(html.unescape(i) for i in _ID_RE.findall(f"{inline}\n{body_html}"))
        document = Document(
            term.slug, inline, summary, body_html, _toc(tokens), links, references, ids
        )
        return document, tuple(problems)

    def _definition(self, term: Term, term_dir: str | None) -> tuple[str, list[Reference]]:
        """The definition converted alone: its HTML and references."""
        html_text, references, _ = self._convert(
            term.definition, term.definition_line, term_dir, eager_images=1_000
        )
        return html_text, references

    def _convert_whole(
        self,
        term: Term,
        definition: tuple[str, list[Reference]] | None,
        term_dir: str | None,
        problems: list[Diagnostic],
    ) -> tuple[str, str, tuple[Reference, ...], list[dict[str, object]]]:
        """(definition as inline HTML, body HTML, references of both, toc tokens).

        Definition and body are converted as one document (see ``whole``), so footnotes,
        abbreviations and ids work across them; a definition that is not one paragraph
        (already an error) is converted apart. ``definition``: the definition converted
        alone, or None for a ``plain_paragraph`` (one paragraph without images, so its
        conversion alone is not needed unless the whole text cannot be split).
        """
        definition_html = "<p></p>" if definition is None else definition[0]
        single = definition_html.startswith("<p>") and definition_html.count("<p>") == 1
        whole = whole_text(term) if single else None
        if whole is not None:
            eager = definition_html.count("<img") + 1
            output, refs, tokens = self._convert(whole.text, whole.first_line, term_dir, eager)
            parts = split_definition(output, definition_html)
            if parts is not None:
                problems += self._id_warnings(term, whole.text, whole.first_line)
                inline = parts[0].removeprefix("<p>").removesuffix("</p>")
                return inline, parts[1], tuple(refs), tokens
        if definition is None:
            definition = self._definition(term, term_dir)
        body_html, body_refs, tokens = self._convert(term.body, term.body_line, term_dir)
        problems += self._id_warnings(term, term.body, term.body_line)
        inline = definition[0].strip().removeprefix("<p>").removesuffix("</p>")
        return inline, body_html, (*definition[1], *body_refs), tokens

    def _id_warnings(self, term: Term, text: str, first_line: int) -> list[Diagnostic]:
        """Ids used twice and footnotes never referred to in the text just converted."""
        return [
            *duplicate_id_warnings(term.src_path, text, first_line, self._ids.duplicates),
            *unreferenced_footnote_warnings(
                term.src_path, text, first_line, self._footnotes.unreferenced
            ),
        ]


def _toc(tokens: list[dict[str, object]]) -> tuple[TocEntry, ...]:
    entries = []
    for token in tokens:
        children = token.get("children", [])
        assert isinstance(children, list)
        entries.append(
            TocEntry(str(token["id"]), html.unescape(str(token["name"])), _toc(children))
        )
    return tuple(entries)


def _first_line(text: str, pattern: re.Pattern[str]) -> int:
    """0-based line of the first match of ``pattern`` in ``text`` (0 when absent)."""
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) if match else 0
