"""Stage 4: terms and their documents → ``TermGraph``.

Indexes slugs, titles and aliases (case-insensitive, exact match), resolves
``related`` and ``replaced_by`` through that index, checks links between terms
and computes backlinks. Only published and deprecated terms enter the graph;
drafts are known, so that references to them get a precise message.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .diagnostics import Diagnostic, Severity, did_you_mean
from .markup import Document
from .schema import Ref, Status, Term

# Backlinks fill the "Related terms" row up to this many cards; "Referenced by" lists them all.
MAX_CARDS = 12


@dataclass(frozen=True, slots=True)
class Node:
    """A published term with everything its page needs from the graph."""

    term: Term
    document: Document
    related: tuple[str, ...]  # slugs: explicit related first, then backlinks
    referenced_by: tuple[str, ...]  # slugs of terms that link here or list this as related
    replaced_by: str | None  # slug


@dataclass(frozen=True, slots=True)
class TermGraph:
    nodes: Mapping[str, Node]  # by slug, in slug order
    names: Mapping[str, str]  # casefolded title or alias → slug

    def resolve(self, name: str) -> str | None:
        """The slug a slug, title or alias names, or None."""
        if name in self.nodes:
            return name
        return self.names.get(name.casefold())


def build_graph(
    terms: tuple[Term, ...], documents: Mapping[Path, Document]
) -> tuple[TermGraph, tuple[Diagnostic, ...]]:
    problems: list[Diagnostic] = []
    by_slug = _index_slugs(terms, problems)
    names = _index_names(tuple(by_slug.values()), problems)
    published = {slug: t for slug, t in by_slug.items() if t.status is not Status.DRAFT}
    resolver = _Resolver(by_slug, names, problems)
    # Drafts are checked too; only published terms become pages and backlinks.
    related = {slug: resolver.related(t) for slug, t in by_slug.items()}
    linked = {slug: resolver.links(t, documents[t.src_path]) for slug, t in by_slug.items()}
    replaced = {slug: resolver.replaced_by(t) for slug, t in by_slug.items()}
    referenced_by: dict[str, set[str]] = defaultdict(set)
    for source in published:
        replacement = (replaced[source],) if replaced[source] else ()
        for target in (*related[source], *linked[source], *replacement):
            if target != source:
                referenced_by[target].add(source)
    nodes = {
        slug: Node(
            term=published[slug],
            document=documents[published[slug].src_path],
            related=_cards(slug, related[slug], referenced_by[slug]),
            referenced_by=tuple(sorted(referenced_by[slug])),
            replaced_by=replaced[slug],
        )
        for slug in sorted(published)
    }
    public_names = {name: slug for name, slug in names.items() if slug in published}
    return TermGraph(MappingProxyType(nodes), MappingProxyType(public_names)), tuple(problems)


def _cards(slug: str, related: tuple[str, ...], backlinks: set[str]) -> tuple[str, ...]:
    """Every explicit related term, then backlinks until there are ``MAX_CARDS`` cards."""
    explicit = tuple(dict.fromkeys(s for s in related if s != slug))
    room = max(0, MAX_CARDS - len(explicit))
    return explicit + tuple(sorted(backlinks - set(explicit) - {slug})[:room])


def _index_slugs(terms: tuple[Term, ...], problems: list[Diagnostic]) -> dict[str, Term]:
    by_slug: dict[str, Term] = {}
    # A file named after its slug keeps it; a 'slug:' line claiming it gets the report.
    claimed = sorted(terms, key=lambda t: (t.slug != t.src_path.stem, t.src_path.as_posix()))
    for term in claimed:
        first = by_slug.get(term.slug)
        if first is None:
            by_slug[term.slug] = term
            continue
        problems.append(
            Diagnostic(
                term.src_path,
                term.slug_line,
                "duplicate-slug",
                f"slug '{term.slug}' is also used by {first.src_path.as_posix()}",
                "two terms cannot share a page: give this one another slug with 'slug: …' "
                "or rename the file",
            )
        )
    return dict(sorted(by_slug.items(), key=lambda item: item[1].src_path.as_posix()))


def _index_names(terms: tuple[Term, ...], problems: list[Diagnostic]) -> dict[str, str]:
    """Map every casefolded title and alias to its slug, reporting collisions."""
    names: dict[str, str] = {}
    entries = [(t.title, t, t.title_line, "title") for t in terms]
    entries += [(a.text, t, a.line, "alias") for t in terms for a in t.aliases]
    owners = {t.slug: t for t in terms}
    for name, term, line, kind in entries:
        key = name.casefold()
        owner = names.get(key)
        if owner is None or owner == term.slug:
            names.setdefault(key, term.slug)
            continue
        other = owners[owner]
        problems.append(
            Diagnostic(
                term.src_path,
                line,
                "name-collision",
                f"{kind} '{name}' is already a title or alias of {other.src_path.as_posix()} "
                f"('{other.title}')",
                "a name must lead to one term: remove or reword this "
                f"{kind}, or merge the two terms",
            )
        )
    return names


class _Resolver:
    """Resolves references from one term to another, reporting every miss."""

    def __init__(
        self, by_slug: dict[str, Term], names: dict[str, str], problems: list[Diagnostic]
    ) -> None:
        self.by_slug = by_slug
        self.names = names
        self.problems = problems

    def _lookup(self, text: str) -> str | None:
        return text if text in self.by_slug else self.names.get(text.casefold())

    def _unknown(self, term: Term, ref: Ref, what: str) -> None:
        guess = did_you_mean(ref.text, [*self.by_slug, *(t.title for t in self.by_slug.values())])
        hint = guess or "use the slug (file name without .md), title or alias of an existing term"
        self.problems.append(
            Diagnostic(
                term.src_path,
                ref.line,
                "unknown-term",
                f"{what} '{ref.text}' is not a term of this glossary",
                hint,
            )
        )

    def _usable(self, term: Term, ref: Ref, what: str) -> str | None:
        slug = self._lookup(ref.text)
        if slug is None:
            self._unknown(term, ref, what)
            return None
        if slug == term.slug:
            self.problems.append(
                Diagnostic(
                    term.src_path,
                    ref.line,
                    "self-reference",
                    f"{what} '{ref.text}' is this term itself",
                    "remove it",
                    Severity.WARNING,
                )
            )
            return None
        if self.by_slug[slug].status is Status.DRAFT and term.status is not Status.DRAFT:
            self.problems.append(
                Diagnostic(
                    term.src_path,
                    ref.line,
                    "draft-reference",
                    f"{what} '{ref.text}' is a draft, so it is not published",
                    "publish it (remove 'status: draft' there) or remove the reference here",
                    Severity.WARNING if what == "related term" else Severity.ERROR,
                )
            )
            return None
        return slug

    def related(self, term: Term) -> tuple[str, ...]:
        found = (self._usable(term, ref, "related term") for ref in term.related)
        return tuple(dict.fromkeys(slug for slug in found if slug))

    def links(self, term: Term, document: Document) -> tuple[str, ...]:
        found = []
        for link in document.links:
            ref = Ref(link.target, link.line)
            if link.target not in self.by_slug:
                self._unknown_link(term, ref, link.url or link.target)
            elif link.target != term.slug:
                found.append(self._usable(term, ref, "link target"))
        return tuple(dict.fromkeys(slug for slug in found if slug))

    def _unknown_link(self, term: Term, ref: Ref, written: str) -> None:
        by_name = self.names.get(ref.text.casefold()) or self.names.get(
            ref.text.replace("-", " ").casefold()
        )
        hint = (
            f"link to the slug instead: ({by_name})"
            if by_name
            else did_you_mean(ref.text, self.by_slug)
            or "link to another term by its slug, e.g. [Sprint](sprint)"
        )
        self.problems.append(
            Diagnostic(
                term.src_path,
                ref.line,
                "broken-link",
                f"link to '{ref.text}', which is not a term slug"
                if written == ref.text
                else f"link to '{_printable(written)}': '{ref.text}' is not a term slug",
                hint,
            )
        )

    def replaced_by(self, term: Term) -> str | None:
        if term.replaced_by is None:
            return None
        return self._usable(term, term.replaced_by, "replaced_by")


def _printable(text: str) -> str:
    """``text`` with control characters escaped, safe to print in a message."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)
