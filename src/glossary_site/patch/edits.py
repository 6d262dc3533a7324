"""The edited terms of a patch build: read, parsed, converted and linked as a full build would.

Each edited file is made into its term and document exactly as ``convert`` and
``autolink`` make them (the same functions), with the link index and the auto-link
names of the light glossary (``faces``); its node keeps its place in the graph. An edit
whose term's public face (``faces.face_digest``) is not the one the last full build
noted is no patch: the caller builds in full; unless it is that face with a new teaser
and the term's own warnings are the same (a card edit: ``Edited.face`` holds its new
face, and ``cards`` makes the pages that show it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from pathlib import Path

from ..autolink import link_finder, link_mentions
from ..config import SiteConfig
from ..diagnostics import Diagnostic, has_errors
from ..graph import Node
from ..inputs import MAX_TERM_BYTES, InputRoots, read_input
from ..lint import term_findings
from ..load import RawTerm, load_term
from ..markup import Document, MarkdownRenderer
from ..markup.links import SiteIndex, build_index
from ..mentions import named_in
from ..schema import Status, Term, parse_term
from .faces import face_digest, with_teaser_of
from .light import Light


@dataclasses.dataclass(frozen=True, slots=True)
class Edited:
    node: Node  # the term as edited, with its place in the graph
    own: tuple[Diagnostic, ...]  # its file's own problems
    face: str = ""  # its new public face when its teaser changed (a card edit: ``cards``)


@dataclasses.dataclass(frozen=True, slots=True)
class Converted:
    """An edited term converted, not yet linked (``Editor.convert``)."""

    term: Term
    document: Document
    own: tuple[Diagnostic, ...]


class Editor:
    """Makes the edited terms of one patch build (see the module's text)."""

    def __init__(self, light: Light, config: SiteConfig, source_dir: Path, static_dir: Path | None):
        self.light = light
        self.config = config
        self.source_dir = source_dir
        self.static_dir = static_dir
        self._renderer: MarkdownRenderer | None = None
        self._index: SiteIndex | None = None

    def convert(self, path: Path, roots: InputRoots, slug: str) -> Converted | None:
        """The term of the file ``path`` as edited, converted; None when it is no patch."""
        data = read_input(path, roots, MAX_TERM_BYTES)
        if isinstance(data, Diagnostic):
            return None
        raw = load_term(path, data)
        if not isinstance(raw, RawTerm):
            return None
        term, parsed = parse_term(raw)
        if term is None or has_errors(parsed) or term.slug != slug:
            return None
        if term.status is Status.DRAFT:
            return None
        document, converted = self._markdown().render(term)
        if has_errors(converted):
            return None
        return Converted(term, document, (*parsed, *converted))

    def finish(self, converted: Converted, face: str) -> Edited | None:
        """The converted term linked, with its place in the graph (its node in the last
        build); None when it had none or its public face is not ``face`` but for its
        teaser (no patch). Raises ``BrokenLight`` as the light glossary."""
        term = converted.term
        old = self.light.node(term.slug)
        if old is None:
            return None
        (document,) = self.linked([(term, converted.document)], [term])
        node = dataclasses.replace(old, term=term, document=document)
        new_face = face_digest(node, converted.own)
        if new_face == face:
            return Edited(node, converted.own)
        before = with_teaser_of(node, old)
        if face_digest(before, converted.own) != face:
            return None
        today = dt.date.today()  # (the same for both: only the summary's findings differ)
        findings = list(term_findings(node, self.config, today))
        if findings != list(term_findings(before, self.config, today)):
            return None  # a warning about the summary that the last build's report lacks
        return Edited(node, converted.own, new_face)

    def linked(self, made: list[tuple[Term, Document]], edited: list[Term]) -> list[Document]:
        """Each document of ``made`` with its mentions of other terms linked, as the build
        links them, in a glossary where the ``edited`` terms are as edited."""
        new = {term.src_path: term for term in edited}
        new.update((term.src_path, term) for term, _ in made)
        terms = [new.get(t.src_path, t) for t in self.light.terms]
        # Only the documents of ``made`` are linked; the others only need to be there
        # (every term file's is, as in a full build: drafts are left out by their status).
        documents = dict.fromkeys((t.src_path for t in terms), made[0][1])
        documents.update((term.src_path, document) for term, document in made)
        # The names the linker may find in these texts: the same links as with all names.
        text = "\n".join(f"{d.definition_html}\n{d.body_html}" for _, d in made)
        if "&" in text:  # the linker reads text nodes with their references resolved too
            text += "\n" + html.unescape(text)
        linked = link_mentions(
            terms,
            documents,
            enabled=self.config.autolink,
            directory_urls=self.config.directory_urls,
            only=frozenset(term.src_path for term, _ in made),
            finder=link_finder(named_in(terms, text)),
        )
        return [linked.documents[term.src_path] for term, _ in made]

    def index(self) -> SiteIndex:
        """What the terms' references may lead to, as the full build's index."""
        if self._index is None:
            self._index = build_index(
                self.source_dir,
                self.static_dir,
                self.light.names_of_terms(),
                base_path=self.config.base_path,
                directory_urls=self.config.directory_urls,
            )
        return self._index

    def _markdown(self) -> MarkdownRenderer:
        if self._renderer is None:
            config = self.config
            self._renderer = MarkdownRenderer(
                trust_html=config.trust_html,
                directory_urls=config.directory_urls,
                smart_typography=config.smart_typography,
                index=self.index(),
            )
        return self._renderer
