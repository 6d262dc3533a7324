"""Stage 4b: every link and image of every term leads somewhere; files beside terms to copy.

Runs once all documents are rendered and the graph is built, so it knows every page's
ids: a ``#fragment`` must exist on the page it points to. Links to unknown term slugs
and to drafts are reported by the graph; this pass reports the rest: links and images
that lead nowhere, unknown URL schemes, missing fragments, and files beside terms that
would replace another file of the site. Only files referenced by published terms are
copied, at their path relative to the source folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from types import MappingProxyType

from .alphabet import group_id, group_label
from .diagnostics import Diagnostic, did_you_mean
from .graph import TermGraph
from .markup import Document
from .markup.links import Kind, Reference, SiteIndex
from .schema import Status, Term

# Ids the page templates give every term page, whatever its content.
_TERM_PAGE_IDS = frozenset({"main", "definition"})


def check_references(
    terms: tuple[Term, ...],
    documents: Mapping[Path, Document],
    graph: TermGraph,
    index: SiteIndex,
    language: str = "en",
) -> tuple[Mapping[PurePosixPath, Path], tuple[Diagnostic, ...]]:
    """Files beside terms to copy into the site (site path → file), and every problem.
    ``language``: the site's, whose letter groups are the index page's ids."""
    checker = _Checker(terms, documents, graph, index, language)
    for term in terms:
        for ref in documents[term.src_path].references:
            checker.check(term, ref)
    checker.check_clashes()
    return MappingProxyType(dict(sorted(checker.files.items()))), tuple(checker.problems)


def _shown(text: str) -> str:
    """``text`` safe to print: control characters escaped."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


class _Checker:
    def __init__(
        self,
        terms: tuple[Term, ...],
        documents: Mapping[Path, Document],
        graph: TermGraph,
        index: SiteIndex,
        language: str = "en",
    ) -> None:
        self.graph = graph
        self.index = index
        self.by_slug: dict[str, Term] = {}
        for term in terms:
            self.by_slug.setdefault(term.slug, term)
        self.documents = documents
        self.files: dict[PurePosixPath, Path] = {}
        self.users: dict[PurePosixPath, tuple[Term, Reference]] = {}
        self.problems: list[Diagnostic] = []
        self._index_ids = frozenset(
            {"main"} | {group_id(group_label(n.term.title, language)) for n in graph.nodes.values()}
        )

    def _report(self, term: Term, ref: Reference, code: str, message: str, hint: str) -> None:
        self.problems.append(Diagnostic(term.src_path, ref.line, code, message, hint))

    def check(self, term: Term, ref: Reference) -> None:
        what = "image" if ref.image else "link to"
        url = _shown(ref.url)
        if ref.kind is Kind.SCHEME:
            self._report(
                term,
                ref,
                "unknown-scheme",
                f"{what} '{url}' uses the URL scheme '{_shown(ref.target)}:', "
                "which is not allowed in links and images",
                "use an http:, https:, mailto: or tel: URL, or the path of a term "
                "or of a file beside the term",
            )
        elif ref.kind is Kind.BROKEN:
            self._broken(term, ref, what, url)
        elif ref.kind is Kind.FRAGMENT:
            self._fragment(term, ref, term.slug, "this page")
        elif ref.kind is Kind.TERM and ref.fragment and ref.target in self.by_slug:
            self._fragment(term, ref, ref.target, f"the page of '{ref.target}'")
        elif ref.kind is Kind.PAGE and ref.fragment and ref.target == "index.html":
            self._check_id(term, ref, self._index_ids, "the index page")
        elif ref.kind is Kind.FILE and ref.source is not None and term.status is not Status.DRAFT:
            site_path = PurePosixPath(ref.target)
            self.files[site_path] = ref.source
            self.users.setdefault(site_path, (term, ref))

    def _broken(self, term: Term, ref: Reference, what: str, url: str) -> None:
        path = PurePosixPath(ref.url.partition("#")[0].partition("?")[0])
        if ref.image or path.suffix not in ("", ".md", ".html"):
            self._report(
                term,
                ref,
                "missing-file",
                f"{what} '{url}': there is no such file beside the term or in static/",
                ref.hint,
            )
        else:
            self._report(
                term,
                ref,
                "broken-link",
                f"{what} '{url}', which is no term, page or file of this site",
                ref.hint,
            )

    def _page_ids(self, slug: str) -> frozenset[str]:
        document = self.documents[self.by_slug[slug].src_path]
        ids = set(document.ids | _TERM_PAGE_IDS)
        if document.toc:
            ids.add("contents")
        node = self.graph.nodes.get(slug)
        if node is not None and (node.related or node.more):
            ids.add("related-terms")
        if node is not None and node.more:
            ids.add("referenced-by")
        return frozenset(ids)

    def _fragment(self, term: Term, ref: Reference, slug: str, page: str) -> None:
        self._check_id(term, ref, self._page_ids(slug), page)

    def _check_id(self, term: Term, ref: Reference, ids: frozenset[str], page: str) -> None:
        if not ref.fragment or ref.fragment in ids:
            return
        fragment = _shown(ref.fragment)
        self._report(
            term,
            ref,
            "missing-fragment",
            f"link to '{_shown(ref.url)}': there is no id '{fragment}' on {page}",
            did_you_mean(ref.fragment, ids)
            or "link to a section by the id shown in its page's table of contents",
        )

    def check_clashes(self) -> None:
        for site_path, (term, ref) in sorted(self.users.items()):
            clash = self._clash(site_path)
            if clash:
                self._report(
                    term,
                    ref,
                    "file-clash",
                    f"the file {site_path} beside the terms would replace {clash} in the site",
                    "rename the file or move it into another folder",
                )

    def _clash(self, site_path: PurePosixPath) -> str:
        if site_path.as_posix() in self.index.site_files:
            return "a static file or generated page of the same name"
        if site_path.parts[0] in self.index.slugs:
            return f"the folder of the term '{site_path.parts[0]}'"
        return ""
