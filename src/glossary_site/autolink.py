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

import bisect
import hashlib
import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .markup import Document, TermLink
from .mentions import MentionFinder, longest_first
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
_AMPERSAND_RE = re.compile("&")


@dataclass(slots=True)
class LinkWork:
    """What the pass did, for tests of its cost: characters of text scanned, names found."""

    characters: int = 0
    matches: int = 0
    links: int = 0

    def add(self, characters: int, matches: int, links: int) -> None:
        self.characters += characters
        self.matches += matches
        self.links += links

    def counts(self) -> tuple[int, int, int]:
        return self.characters, self.matches, self.links


@dataclass(frozen=True, slots=True)
class Autolinked:
    documents: dict[Path, Document]  # by term file, with the mentions linked
    digests: dict[str, str]  # slug → digest of the links made on its page ("" for none)
    work: LinkWork = field(default_factory=LinkWork)


# Runs a function over items, in order, maybe in worker processes (``pool.run_all``).
MapItems = Callable[[Callable[[Any], Any], Sequence[Any]], list[Any]]


def link_mentions(
    terms: Iterable[Term],
    documents: Mapping[Path, Document],
    *,
    enabled: bool = True,
    directory_urls: bool = True,
    only: frozenset[Path] | None = None,
    run: MapItems | None = None,
    finder: MentionFinder | None = None,
    memo: LinkMemo | None = None,
) -> Autolinked:
    """Every document with its mentions of other terms linked (see the module's rules).

    ``only``: link the documents of these term files alone (the others are returned as
    given); every term with a document is still a name that may be linked. ``run``
    maps the linking of each document (by default here, one after the other).
    ``finder``: ``link_finder(terms)`` made earlier for the same names (``serve`` keeps
    it); ``memo``: what earlier calls made, kept while the names stay the same
    (``LinkMemo``); documents found there are not linked again.
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
    linker = _Linker(finder or link_finder(targets), directory_urls)
    linker.slugs = {t.slug for t in targets}
    chosen = [
        term for term in published if term.autolink and (only is None or term.src_path in only)
    ]
    known = memo.linked if memo is not None else {}
    linked: dict[tuple[str, Document], tuple[Document, str]] = {}
    for term in chosen:
        key = (term.slug, documents[term.src_path])
        if key in known:
            linked[key] = known[key]
    todo = [term for term in chosen if (term.slug, documents[term.src_path]) not in linked]
    items = [(term.slug, documents[term.src_path]) for term in todo]
    outcomes = (run or _in_order)(linker.link_counted, items)
    for (slug, document), (changed, digest, counts) in zip(items, outcomes, strict=True):
        made = document if changed is None else _with(document, *changed)
        linked[slug, document] = (made, digest)
        work.add(*counts)
    result = dict(documents)
    digests = {}
    for term in chosen:
        result[term.src_path], digests[term.slug] = linked[term.slug, documents[term.src_path]]
    if memo is not None and only is None:
        memo.linked = linked  # what this glossary uses, no more
    elif memo is not None:  # replace these terms' earlier versions, keep the others
        memo.linked = {key: kept for key, kept in memo.linked.items() if key[0] not in digests}
        memo.linked.update(linked)
    return Autolinked(result, digests, work)


def _in_order(function: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    return [function(item) for item in items]


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
    def __init__(self, finder: MentionFinder, directory_urls: bool) -> None:
        self.finder = finder
        self.suffix = "" if directory_urls else "index.html"
        self.work = LinkWork()  # of the document being linked
        self.slugs: set[str] = set()

    def link_counted(
        self, item: tuple[str, Document]
    ) -> tuple[_Changes | None, str, tuple[int, int, int]]:
        """``link_changes`` of (slug, document) for ``link_mentions``' ``run`` (maybe in
        another process): what changed, or None (only that is sent back, not the whole
        document), the digest, and the work it took."""
        slug, document = item
        self.work = LinkWork()
        changes, digest = self.link_changes(slug, document)
        return changes, digest, self.work.counts()

    def link_document(self, slug: str, document: Document) -> tuple[Document, str]:
        """``document`` with its mentions linked, and a digest of the links made."""
        changes, digest = self.link_changes(slug, document)
        return (document if changes is None else _with(document, *changes)), digest

    def link_changes(self, slug: str, document: Document) -> tuple[_Changes | None, str]:
        """The linked definition and body HTML and the new link targets (None when nothing
        is linked), and a digest of the links made."""
        made: list[tuple[str, int]] = []
        definition = self.link_html(document.definition_html, slug, made, sections=False)
        made.append(("|", 0))
        body = self.link_html(document.body_html, slug, made, sections=True)
        targets = [target for target, _ in made if target != "|"]
        if not targets:
            return None, ""
        where = "\0".join(f"{target}@{at}" for target, at in made)
        changes = (definition, body, tuple(dict.fromkeys(targets)))
        return changes, hashlib.sha256(where.encode()).hexdigest()[:16]

    def link_html(self, text: str, own: str, made: list[tuple[str, int]], *, sections: bool) -> str:
        """``text`` (HTML) with the first mention of each term per section linked.

        ``made`` gets each link's slug and place, in order (what the page cache key covers).
        The names in the whole of ``text`` are found in one pass, tags included; a text node
        is linked with those inside it, and one without any is left as it is.
        """
        nodes = _TextNodes(text, self.finder.all_matches(text))
        marks = nodes.marks  # where a text node may need work: a name or "&" starts
        mark = 0
        out: list[str] = []
        copied = 0  # text[:copied] is in out
        done = {own}
        skipping: dict[str, int] = {}
        position = 0
        for tag in _TOKEN_RE.finditer(text):
            start = tag.start()
            if start > position and not skipping:
                mark = bisect.bisect_left(marks, position, mark)
                if mark < len(marks) and marks[mark] < start:
                    linked = self._link_node(nodes, position, start, done, made)
                    if linked is not None:
                        out += (text[copied:position], linked)
                        copied = start
                else:  # nothing to link in this text node
                    self.work.characters += start - position
            position = tag.end()
            name = tag.group(2)
            if name is None:
                continue
            name = name.lower()
            if name not in SKIPPED:
                continue
            closing = bool(tag.group(1))
            if sections and name == "h2" and not closing:
                done = {own}
            if name == "a" and not closing:
                found = _TERM_HREF_RE.search(tag.group())
                if found:
                    done.add(found.group(1))
            if not tag.group().endswith("/>"):
                _count(skipping, name, -1 if closing else 1)
        if position < len(text) and not skipping:
            linked = self._link_node(nodes, position, len(text), done, made)
            if linked is not None:
                out += (text[copied:position], linked)
                copied = len(text)
        if not out:
            return text
        out.append(text[copied:])
        return "".join(out)

    def _link_node(
        self, nodes: _TextNodes, start: int, end: int, done: set[str], made: list[tuple[str, int]]
    ) -> str | None:
        """The text node ``text[start:end]`` with its mentions linked; None if unchanged."""
        found = nodes.matches(start, end)
        if found is None:  # a character reference, or folding moved the places
            chunk = nodes.text[start:end]
            linked = self._link_text(chunk, done, made, start)
            return None if linked is chunk else linked
        self.work.characters += end - start
        if not found:
            return None
        return self._linked(nodes.text[start:end], found, done, made, start)

    def _link_text(
        self, chunk: str, done: set[str], made: list[tuple[str, int]], offset: int
    ) -> str:
        """A text node (HTML-escaped) with its first unlinked mentions made links."""
        plain = html.unescape(chunk) if "&" in chunk else chunk
        self.work.characters += len(plain)
        linked = self._linked(plain, self.finder.matches(plain), done, made, offset)
        return chunk if linked is None else linked

    def _linked(
        self,
        plain: str,
        found: list[tuple[int, int, str]],
        done: set[str],
        made: list[tuple[str, int]],
        offset: int,
    ) -> str | None:
        """``plain`` (text) as HTML with the ``found`` names not ``done`` made links;
        None when none is."""
        pieces: list[str] = []
        last = 0
        for start, end, slug in found:
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
            return None
        pieces.append(html.escape(plain[last:], quote=False))
        return "".join(pieces)


# The linked definition HTML, body HTML and the targets of the links made, in order.
_Changes = tuple[str, str, tuple[str, ...]]


def _with(document: Document, definition: str, body: str, targets: tuple[str, ...]) -> Document:
    links = tuple(TermLink(target, 0) for target in targets)
    return replace(
        document, definition_html=definition, body_html=body, links=(*document.links, *links)
    )


class _TextNodes:
    """The names found in a whole HTML text, handed out by text node, in text order."""

    def __init__(self, text: str, found: list[tuple[int, int, str]] | None) -> None:
        self.text = text
        self.found = found
        self.next = 0  # found[:next] start before the text nodes still to come
        self.ampersands = [m.start() for m in _AMPERSAND_RE.finditer(text)]
        self.next_ampersand = 0
        # Where a text node may need work; without the names, every text node does.
        starts = [match[0] for match in found] if found is not None else range(len(text))
        self.marks: Sequence[int] = (
            sorted({*starts, *self.ampersands}) if found is not None else starts
        )

    def matches(self, start: int, end: int) -> list[tuple[int, int, str]] | None:
        """As ``MentionFinder.matches(text[start:end])``, with places in the whole text;
        None when the node must be scanned on its own (it holds a character reference:
        the names are matched in the unescaped text)."""
        ampersands = self.ampersands
        at = self.next_ampersand
        while at < len(ampersands) and ampersands[at] < start:
            at += 1
        self.next_ampersand = at
        found = self.found
        if found is None or (at < len(ampersands) and ampersands[at] < end):
            return None
        first = self.next
        while first < len(found) and found[first][0] < start:
            first += 1
        last = first
        while last < len(found) and found[last][0] < end:
            last += 1
        self.next = last
        inside = (
            (match_start - start, match_end - start, slug)
            for match_start, match_end, slug in found[first:last]
            if match_end <= end
        )
        return longest_first(inside)


def _count(counts: dict[str, int], name: str, step: int) -> None:
    value = counts.get(name, 0) + step
    if value > 0:
        counts[name] = value
    else:
        counts.pop(name, None)
