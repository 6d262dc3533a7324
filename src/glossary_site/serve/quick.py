"""The quick path: an edit to a term's text shown in a fraction of a second.

When a batch of changes only edits existing term files and leaves what ties terms
together as it was (slug, title, aliases, related, status, replacement, the terms and
files its text links to, its #fragment ids), the graph keeps its shape: the edited
terms are read, parsed and converted again, their nodes replaced, and their own pages
rendered again; the pages that show their cards (or link to them) are rendered by
``pages`` a moment later, after the browser has the edited page. Everything else (the index, the
sitemaps, the checks and lint across terms) comes from the full rebuild that follows
once the files are quiet (``site``); anything the quick path cannot vouch for (an
error, a new or deleted file, a changed name or link) is left to that full rebuild.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2

from ..assets import asset_version, load_assets
from ..autolink import LinkMemo, link_mentions
from ..build import Glossary, Project, input_roots
from ..cache import templates_digest
from ..diagnostics import Diagnostic, has_errors
from ..edit_links import edit_urls
from ..graph import Node, TermGraph
from ..inputs import MAX_TERM_BYTES, read_input
from ..load import RawTerm, is_term_file, load_term
from ..markup import Document, MarkdownRenderer
from ..markup.links import build_index
from ..mentions import MentionFinder
from ..render import make_environment, term_page_renderer
from ..schema import Status, Term, parse_term


@dataclass(frozen=True, slots=True)
class QuickUpdate:
    files: Mapping[PurePosixPath, bytes]
    glossary: Glossary
    diagnostics: tuple[Diagnostic, ...]  # the edited terms' own warnings
    edited: frozenset[Path]  # the edited terms' files, as their diagnostics name them
    cards: frozenset[str]  # the edited terms' slugs: the pages showing them are to render


_PageInputs = tuple[jinja2.Environment, str, dict[str, str]]


@dataclass(slots=True)
class Tools:
    """What converts and renders, kept from one full rebuild to the next while what it
    depends on stays the same (making them costs more than a quick update)."""

    markdown: tuple[Any, MarkdownRenderer] | None = None
    pages: tuple[Any, _PageInputs] | None = None
    links: LinkMemo = dataclasses.field(default_factory=LinkMemo)  # shared with the full rebuild


class QuickPath:
    """Made from a full rebuild's glossary; what renders pages is made on first use."""

    def __init__(self, project: Project, glossary: Glossary, tools: Tools) -> None:
        self.project = project
        self.glossary = glossary
        self.tools = tools
        self._by_path = {_resolved(t.src_path): t for t in glossary.terms}
        # Made on first use; the quick path changes no name, slug, link or file.
        self._finder: MentionFinder | None = None
        self._renderer: MarkdownRenderer | None = None
        self._edit_links: dict[str, str] | None = None
        self._documents: dict[Path, Document] | None = None

    def prepare(self) -> None:
        """Make now what the first edit would make (the converter, the templates, the
        auto-link automaton): the follow-up worker calls this while nothing happens."""
        self._markdown()
        self._inputs()
        if self.glossary.config.autolink:
            self._link_finder()
        self._all_documents()

    def update(
        self, changed: Iterable[Path], files: Mapping[PurePosixPath, bytes]
    ) -> QuickUpdate | None:
        """The site with the edited terms' pages rendered again; None when only a full
        rebuild can tell (see the module's text)."""
        if self.glossary.config.updated_from_git:
            return None  # a term's date then comes from git, which only the full build asks
        edited = []
        for path in set(changed):
            old = self._by_path.get(_resolved(path))
            if old is None and _editor_temporary(path):
                continue
            if old is None or not is_term_file(PurePosixPath(path.name)):
                return None
            new = self._convert(old)
            if new is None:
                return None
            edited.append(new)
        return self._apply(edited, files) if edited else None

    def _convert(self, old: Term) -> tuple[Term, Document, tuple[Diagnostic, ...]] | None:
        roots = input_roots(self.project)
        data = read_input(old.src_path, roots, MAX_TERM_BYTES)
        if isinstance(data, Diagnostic):
            return None
        raw = load_term(old.src_path, data)
        if not isinstance(raw, RawTerm):
            return None
        term, problems = parse_term(raw)
        node = self.glossary.graph.nodes.get(old.slug)
        if term is None or has_errors(problems) or node is None or node.term is not old:
            return None
        if _term_shape(term) != _term_shape(old):
            return None
        document, converted = self._markdown().render(term)
        document = self._linked(term, document)
        if has_errors(converted) or _document_shape(document) != _document_shape(node.document):
            return None
        return term, document, (*problems, *converted)

    def _linked(self, term: Term, document: Document) -> Document:
        """``document`` with its mentions of other terms linked, as the build links them."""
        config = self.glossary.config
        documents = {**self._all_documents(), term.src_path: document}
        terms = tuple(term if t.src_path == term.src_path else t for t in self.glossary.terms)
        linked = link_mentions(
            terms,
            documents,
            enabled=config.autolink,
            directory_urls=config.directory_urls,
            only=frozenset({term.src_path}),
            finder=self._link_finder() if config.autolink else None,
        )
        return linked.documents[term.src_path]

    def _all_documents(self) -> dict[Path, Document]:
        if self._documents is None:
            nodes = self.glossary.graph.nodes.values()
            self._documents = {n.term.src_path: n.document for n in nodes}
        return self._documents

    def _link_finder(self) -> MentionFinder:
        """The automaton of every term's names, as the last full rebuild made it (the
        quick path never changes a name or a status: ``_term_shape``)."""
        if self._finder is None:
            targets = [t for t in self.glossary.terms if t.status is Status.PUBLISHED]
            config = self.glossary.config
            self._finder = self.tools.links.finder_for(targets, config.directory_urls)
        return self._finder

    def _apply(
        self,
        edited: list[tuple[Term, Document, tuple[Diagnostic, ...]]],
        files: Mapping[PurePosixPath, bytes],
    ) -> QuickUpdate | None:
        nodes = dict(self.glossary.graph.nodes)
        for term, document, _ in edited:
            nodes[term.slug] = dataclasses.replace(nodes[term.slug], term=term, document=document)
        graph = TermGraph(nodes, self.glossary.graph.names)
        slugs = {term.slug for term, _, _ in edited}
        by_slug = {term.slug: term for term, _, _ in edited}
        terms = tuple(by_slug.get(t.slug, t) for t in self.glossary.terms)
        glossary = dataclasses.replace(self.glossary, terms=terms, graph=graph)
        pages = self._render(glossary, sorted(slugs), None)
        if pages is None:
            return None
        self.glossary = glossary
        self._by_path.update((_resolved(t.src_path), t) for t in by_slug.values())
        if self._documents is not None:
            self._documents.update((term.src_path, document) for term, document, _ in edited)
        problems = tuple(d for _, _, found in edited for d in found)
        edited_files = frozenset(t.src_path for t in by_slug.values())
        return QuickUpdate({**files, **pages}, glossary, problems, edited_files, frozenset(slugs))

    def showing(self, slugs: Iterable[str]) -> list[str]:
        """The other term pages that show a card or link preview of one of ``slugs``."""
        wanted = set(slugs)
        nodes = self.glossary.graph.nodes
        return [s for s, n in nodes.items() if s not in wanted and wanted & _shown(n)]

    def pages(
        self, slugs: Iterable[str], checkpoint: Callable[[], None] | None = None
    ) -> dict[PurePosixPath, bytes] | None:
        """The term pages of ``slugs`` as the glossary stands; None when a template
        fails (the full rebuild reports it with its line). ``checkpoint`` runs before
        each page (it may raise to stop)."""
        return self._render(self.glossary, slugs, checkpoint)

    def _render(
        self, glossary: Glossary, slugs: Iterable[str], checkpoint: Callable[[], None] | None
    ) -> dict[PurePosixPath, bytes] | None:
        nodes = glossary.graph.nodes
        env, version, edit_links = self._inputs()
        render = term_page_renderer(glossary.graph, glossary.config, env, version, edit_links)
        rendered = {}
        for slug in slugs:
            if checkpoint is not None:
                checkpoint()
            if slug not in nodes:
                continue
            try:
                rendered[PurePosixPath(slug, "index.html")] = render(nodes[slug])
            except Exception:  # a template's error: the full rebuild reports it with its line
                return None
        return rendered

    def _markdown(self) -> MarkdownRenderer:
        if self._renderer is None:
            self._renderer = self._make_markdown()
        return self._renderer

    def _make_markdown(self) -> MarkdownRenderer:
        config = self.glossary.config
        entries = tuple(_index_entry(t) for t in self.glossary.terms)
        key = (config, self.project.source_dir, self.project.static_dir, entries)
        if self.tools.markdown is None or self.tools.markdown[0] != key:
            index = build_index(
                self.project.source_dir,
                self.project.static_dir,
                entries,
                base_path=config.base_path,
                directory_urls=config.directory_urls,
            )
            renderer = MarkdownRenderer(
                trust_html=config.trust_html,
                directory_urls=config.directory_urls,
                smart_typography=config.smart_typography,
                index=index,
            )
            self.tools.markdown = (key, renderer)
        return self.tools.markdown[1]

    def _inputs(self) -> _PageInputs:
        """The templates, the asset version and the edit links, as the build's ``_render``."""
        roots = input_roots(self.project)
        assets, _ = load_assets(self.project.static_dir, roots)
        if self._edit_links is None:
            config, terms = self.glossary.config, self.glossary.terms
            self._edit_links = dict(edit_urls(config, terms, self.project.source_dir))
        links = self._edit_links
        templates = templates_digest(self.project.templates_dir, roots)
        ui = self.glossary.ui
        key = (self.glossary.config, asset_version(assets), templates, links, ui and ui.digest)
        if self.tools.pages is None or self.tools.pages[0] != key:
            env = make_environment(self.project.templates_dir, roots)
            if ui is not None:  # the project's translations (i18n), as the build's _render
                env.globals["t"] = ui
            self.tools.pages = (key, (env, asset_version(assets), links))
        return self.tools.pages[1]


def _editor_temporary(path: Path) -> bool:
    """A file an editor wrote and removed while saving (hidden, or a .tmp): no content."""
    name = path.name
    hidden = name.startswith(".") or name.endswith((".tmp", "~"))
    return hidden and not os.path.lexists(path)


def _index_entry(term: Term) -> tuple[Path, str, tuple[str, ...]]:
    return term.src_path, term.slug, (term.title, *(a.text for a in term.aliases))


def _shown(node: Node) -> set[str]:
    """The terms a page shows a card or a link preview of (as ``cache.pages`` keys them)."""
    replaced = (node.replaced_by,) if node.replaced_by else ()
    links = (link.target for link in node.document.links)
    return {*node.related, *node.referenced_by, *replaced, *links}


def _term_shape(term: Term) -> tuple[Any, ...]:
    """What ties a term to others and to its place in lists: unchanged, the graph is too."""
    replaced = term.replaced_by.text if term.replaced_by else None
    aliases = tuple(a.text for a in term.aliases)
    related = tuple(r.text for r in term.related)
    # Its status too: a deprecated term is no auto-link target, a draft has no page.
    return (term.slug, term.title, aliases, related, term.status, replaced)


def _document_shape(document: Document) -> tuple[Any, ...]:
    """Where a document's links and images lead, and the ids other terms may link to."""
    links = frozenset(link.target for link in document.links)
    references = frozenset(
        (r.kind, r.target, r.fragment, r.source, r.image) for r in document.references
    )
    return (links, references, document.ids)


def _resolved(path: Path) -> Path:
    return path.resolve()
