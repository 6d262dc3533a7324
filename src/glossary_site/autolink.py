"""Auto-linking: where a term's rendered text names another term, the name becomes a link.

A cheap pass over each converted document's HTML, run after Markdown conversion (so a
term's cached conversion stays valid when another term changes) and before the graph
(so a linked mention counts as a backlink). One ``MentionFinder`` automaton of every
current term's title, aliases and their simple plurals scans the text nodes once: the
work grows with the text, never with terms × terms.

Rules: whole words, the longest name at each place, an all-capitals abbreviation only
in capitals, common words never; the first mention of a term per section only (the
definition is one section, the body before its first ``<h2>`` another, each ``<h2>``
starts the next; a term the section already links to is not linked again); never in
code, pre, links, headings, or on the term's own page. A term with ``autolink: false``
keeps its text as written, and ``autolink = false`` in glossary.toml turns it all off.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .markup import Document, TermLink
from .mentions import MentionFinder
from .schema import Status, Term

# A tag or comment of the (sanitised or trusted) HTML; group 1: the closing slash,
# group 2: the element name. Attribute values may hold ">" only inside quotes.
_TOKEN_RE = re.compile(
    r"<!--.*?-->|<[!?][^>]*>|<(/?)([A-Za-z][A-Za-z0-9-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL,
)
# Elements whose text is never linked: links, code, headings, form controls, embedded XML.
SKIPPED = frozenset(
    {"a", "code", "pre", "kbd", "samp", "var", "script", "style", "template", "textarea"}
    | {"button", "select", "option", "label", "summary", "svg", "math", "noscript", "title"}
    | {f"h{level}" for level in range(1, 7)}
)
_TERM_HREF_RE = re.compile(r"""\shref=["']?\.\./([a-z0-9]+(?:-[a-z0-9]+)*)/""")
_VOID = frozenset({"br", "hr", "img", "input", "wbr", "col", "area", "source", "track"})


@dataclass(slots=True)
class LinkWork:
    """What the pass did, for tests of its cost: characters of text scanned, names found."""

    characters: int = 0
    matches: int = 0
    links: int = 0


@dataclass(frozen=True, slots=True)
class Autolinked:
    documents: dict[Path, Document]  # by term file, with the mentions linked
    digests: dict[str, str]  # slug → digest of the links made on its page ("" for none)
    work: LinkWork = field(default_factory=LinkWork)


def link_mentions(
    terms: Iterable[Term],
    documents: Mapping[Path, Document],
    *,
    enabled: bool = True,
    directory_urls: bool = True,
    only: frozenset[Path] | None = None,
    finder: MentionFinder | None = None,
    memo: LinkMemo | None = None,
) -> Autolinked:
    """Every document with its mentions of other terms linked (see the module's rules).

    ``only``: link the documents of these term files alone (the others are returned as
    given); every term with a document is still a name that may be linked. ``finder``:
    ``link_finder(terms)`` made earlier for the same names (``serve`` keeps it);
    ``memo``: what earlier calls made, kept while the names stay the same (``LinkMemo``).
    """
    terms = tuple(terms)
    published = [t for t in terms if t.status is not Status.DRAFT and t.src_path in documents]
    # Deprecated terms are named in text on purpose ("formerly …"): not linked.
    targets = [t for t in published if t.status is Status.PUBLISHED]
    work = LinkWork()
    if not enabled or not targets:
        return Autolinked(dict(documents), {}, work)
    if memo is not None:
        finder = memo.finder_for(targets, directory_urls)
    linker = _Linker(finder or link_finder(targets), directory_urls, work)
    linker.slugs = {t.slug for t in targets}
    result = dict(documents)
    digests = {}
    kept: dict[tuple[str, Document], tuple[Document, str]] = {}
    for term in published:
        if not term.autolink or (only is not None and term.src_path not in only):
            continue
        document = documents[term.src_path]
        key = (term.slug, document)
        linked = memo.linked.get(key) if memo is not None else None
        if linked is None:
            linked = linker.link_document(term.slug, document)
        kept[key] = linked
        result[term.src_path], digests[term.slug] = linked
    if memo is not None and only is None:
        memo.linked = kept  # what this glossary uses, no more
    return Autolinked(result, digests, work)


@dataclass(slots=True)
class LinkMemo:
    """Kept by a long-running process (``serve``) from one build to the next: the finder
    of the current names and each document as it was linked with it. Both are made
    again when a name, a status, a slug or the URL style changes."""

    names: tuple[object, ...] = ()
    finder: MentionFinder | None = None
    linked: dict[tuple[str, Document], tuple[Document, str]] = field(default_factory=dict)

    def finder_for(self, targets: list[Term], directory_urls: bool) -> MentionFinder:
        names = (
            directory_urls,
            *((t.slug, t.title, *(a.text for a in t.aliases)) for t in targets),
        )
        if self.finder is None or names != self.names:
            self.names, self.finder, self.linked = names, link_finder(targets), {}
        return self.finder


def link_finder(terms: Iterable[Term]) -> MentionFinder:
    """The finder of the names ``link_mentions`` links: published terms (drafts and
    deprecated terms are never targets), with simple plurals."""
    targets = [t for t in terms if t.status is Status.PUBLISHED]
    return MentionFinder(targets, with_plurals=True)


class _Linker:
    def __init__(self, finder: MentionFinder, directory_urls: bool, work: LinkWork) -> None:
        self.finder = finder
        self.suffix = "" if directory_urls else "index.html"
        self.work = work
        self.slugs: set[str] = set()

    def link_document(self, slug: str, document: Document) -> tuple[Document, str]:
        """``document`` with its mentions linked, and a digest of the links made."""
        made: list[tuple[str, int]] = []
        definition = self.link_html(document.definition_html, slug, made, sections=False)
        made.append(("|", 0))
        body = self.link_html(document.body_html, slug, made, sections=True)
        targets = [target for target, _ in made if target != "|"]
        if not targets:
            return document, ""
        links = tuple(TermLink(target, 0) for target in dict.fromkeys(targets))
        linked = replace(
            document,
            definition_html=definition,
            body_html=body,
            links=(*document.links, *links),
        )
        where = "\0".join(f"{target}@{at}" for target, at in made)
        return linked, hashlib.sha256(where.encode()).hexdigest()[:16]

    def link_html(self, text: str, own: str, made: list[tuple[str, int]], *, sections: bool) -> str:
        """``text`` (HTML) with the first mention of each term per section linked.

        ``made`` gets each link's slug and place, in order (what the page cache key covers).
        """
        out: list[str] = []
        done = {own}
        skipping: dict[str, int] = {}
        position = 0
        for tag in _TOKEN_RE.finditer(text):
            if tag.start() > position:
                chunk = text[position : tag.start()]
                out.append(chunk if skipping else self._link_text(chunk, done, made, position))
            position = tag.end()
            out.append(tag.group())
            name = (tag.group(2) or "").lower()
            if not name or name in _VOID:
                continue
            closing = bool(tag.group(1))
            if sections and name == "h2" and not closing:
                done = {own}
            if name == "a" and not closing:
                found = _TERM_HREF_RE.search(tag.group())
                if found:
                    done.add(found.group(1))
            if name in SKIPPED and not tag.group().endswith("/>"):
                _count(skipping, name, -1 if closing else 1)
        if position < len(text):
            chunk = text[position:]
            out.append(chunk if skipping else self._link_text(chunk, done, made, position))
        return "".join(out)

    def _link_text(
        self, chunk: str, done: set[str], made: list[tuple[str, int]], offset: int
    ) -> str:
        """A text node (HTML-escaped) with its first unlinked mentions made links."""
        plain = html.unescape(chunk) if "&" in chunk else chunk
        self.work.characters += len(plain)
        pieces: list[str] = []
        last = 0
        for start, end, slug in self.finder.matches(plain):
            self.work.matches += 1
            if slug in done or slug not in self.slugs:
                continue
            done.add(slug)
            made.append((slug, offset + start))
            self.work.links += 1
            pieces.append(html.escape(plain[last:start], quote=False))
            name = html.escape(plain[start:end], quote=False)
            pieces.append(f'<a class="mention" href="../{slug}/{self.suffix}">{name}</a>')
            last = end
        if not pieces:
            return chunk
        pieces.append(html.escape(plain[last:], quote=False))
        return "".join(pieces)


def _count(counts: dict[str, int], name: str, step: int) -> None:
    value = counts.get(name, 0) + step
    if value > 0:
        counts[name] = value
    else:
        counts.pop(name, None)
