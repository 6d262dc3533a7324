"""Stage 4: terms and their documents → ``TermGraph``.

Indexes slugs, titles and aliases (compared as ``normalize_name`` makes them: case,
Unicode normalisation and invisible characters do not count), resolves ``related``
and ``replaced_by`` through that index, checks links between terms, ``replaced_by``
chains and computes backlinks. Only published and deprecated terms enter the graph;
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
from .names import Suggester, has_visible_character, normalize_name
from .schema import Ref, Status, Term


@dataclass(frozen=True, slots=True)
class Node:
    """A published term with everything its page needs from the graph."""

    term: Term
    document: Document
    related: tuple[str, ...]  # slugs of the cards: explicit related first, then computed ones
    referenced_by: tuple[str, ...]  # slugs of terms that link here or list this as related
    replaced_by: str | None  # slug
    # Why each card of ``related`` is there ("" for the term's own related list), in order.
    reasons: tuple[str, ...] = ()

    @property
    def more(self) -> tuple[str, ...]:
        """Backlinks not shown as cards: the compact list under the cards."""
        shown = set(self.related)
        return tuple(slug for slug in self.referenced_by if slug not in shown)


@dataclass(frozen=True, slots=True)
class TermGraph:
    nodes: Mapping[str, Node]  # by slug, in slug order
    names: Mapping[str, str]  # normalised title or alias (see names.py) → slug

    def resolve(self, name: str) -> str | None:
        """The slug a slug, title or alias names, or None."""
        key = normalize_name(name)
        return key if key in self.nodes else self.names.get(key)


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
    problems += _check_replacements(by_slug, replaced)
    referenced_by = _backlinks(sorted(published), related, linked, replaced)
    nodes = {
        slug: Node(
            term=published[slug],
            document=documents[published[slug].src_path],
            related=related[slug],  # usable: neither this term nor a draft (``_usable``)
            referenced_by=tuple(referenced_by.get(slug, ())),
            replaced_by=replaced[slug],
        )
        for slug in sorted(published)
    }
    public_names = {name: slug for name, slug in names.items() if slug in published}
    return TermGraph(MappingProxyType(nodes), MappingProxyType(public_names)), tuple(problems)


def _backlinks(
    sources: list[str],
    related: dict[str, tuple[str, ...]],
    linked: dict[str, tuple[str, ...]],
    replaced: dict[str, str | None],
) -> dict[str, list[str]]:
    """Target → the ``sources`` (given in slug order) that list it as related, link to it
    or are replaced by it: each source once, so every list comes out in slug order.
    One step per edge (the edges grow with the mentions per term, see autolink.py)."""
    referenced_by: dict[str, list[str]] = defaultdict(list)
    for source in sources:
        replacement = replaced[source]
        targets = {*related[source], *linked[source]}
        if replacement:
            targets.add(replacement)
        targets.discard(source)
        for target in targets:
            referenced_by[target].append(source)
    return referenced_by


def _index_slugs(terms: tuple[Term, ...], problems: list[Diagnostic]) -> dict[str, Term]:
    by_slug: dict[str, Term] = {}
    posix = {term.src_path: term.src_path.as_posix() for term in terms}
    # A file named after its slug keeps it; a 'slug:' line claiming it gets the report.
    claimed = sorted(terms, key=lambda t: (t.slug != t.src_path.stem, posix[t.src_path]))
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
    return dict(sorted(by_slug.items(), key=lambda item: posix[item[1].src_path]))


def _index_names(terms: tuple[Term, ...], problems: list[Diagnostic]) -> dict[str, str]:
    """Map every normalised title and alias to its slug, reporting collisions."""
    names: dict[str, str] = {}
    entries = [(t.title, t, t.title_line, "title") for t in terms]
    entries += [(a.text, t, a.line, "alias") for t in terms for a in t.aliases]
    owners = {t.slug: t for t in terms}
    for name, term, line, kind in entries:
        key = normalize_name(name)
        problem = _unusable_name(name, key, kind, term, line, owners)
        if problem is not None:
            problems.append(problem)
            continue
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


def _unusable_name(
    name: str, key: str, kind: str, term: Term, line: int, owners: dict[str, Term]
) -> Diagnostic | None:
    """Why a title or alias cannot name ``term``: nothing visible, or another term's slug."""
    if not has_visible_character(key):
        return Diagnostic(
            term.src_path,
            line,
            "invisible-name",
            f"{kind} '{name}' has no visible character",
            f"write the {kind} in letters, digits or symbols; zero-width spaces, soft hyphens "
            "and direction marks do not count",
        )
    slug_owner = owners.get(key)
    if slug_owner is None or slug_owner.slug == term.slug:
        return None
    return Diagnostic(
        term.src_path,
        line,
        "name-collision",
        f"{kind} '{name}' is the slug of {slug_owner.src_path.as_posix()} "
        f"('{slug_owner.title}'), so it would lead there",
        f"a slug always names its own term: remove or reword this {kind}",
    )


def _check_replacements(
    by_slug: dict[str, Term], replaced: dict[str, str | None]
) -> list[Diagnostic]:
    """Report ``replaced_by`` cycles (errors) and replacements that are deprecated too."""
    cycles = _cycles(replaced)
    in_cycle = {slug for cycle in cycles for slug in cycle}
    problems = [
        Diagnostic(
            by_slug[slug].src_path,
            _replaced_by_line(by_slug[slug]),
            "replaced-by-cycle",
            "replaced_by goes round in a circle: " + " → ".join((*cycle[at:], *cycle[:at], slug)),
            "a deprecated term must lead to a current one: point one of these replaced_by "
            "lines to a term that is not deprecated",
        )
        for cycle in cycles
        for at, slug in enumerate(cycle)
    ]
    ends: dict[str, str] = {}
    for slug, target in replaced.items():
        if target is None or slug in in_cycle or by_slug[target].status is not Status.DEPRECATED:
            continue
        end = _chain_end(target, by_slug, replaced, in_cycle, ends)
        current = by_slug[end].status is not Status.DEPRECATED
        problems.append(
            Diagnostic(
                by_slug[slug].src_path,
                _replaced_by_line(by_slug[slug]),
                "replaced-by-deprecated",
                f"replaced_by '{target}' is deprecated itself"
                + (f", replaced by '{end}'" if current else ""),
                f"point to the current term directly: replaced_by: {end}"
                if current
                else f"point it to a term that is not deprecated, or give '{target}' a replaced_by",
                Severity.WARNING,
            )
        )
    return problems


def _replaced_by_line(term: Term) -> int:
    return term.replaced_by.line if term.replaced_by else term.title_line


def _cycles(replaced: dict[str, str | None]) -> list[tuple[str, ...]]:
    """Every cycle of the replaced_by graph (each term has at most one replacement): O(n)."""
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done
    cycles = []
    for start in sorted(replaced):
        path: list[str] = []
        slug: str | None = start
        while slug is not None and slug not in state:
            state[slug] = 1
            path.append(slug)
            slug = replaced.get(slug)
        if slug is not None and state[slug] == 1:
            cycles.append(tuple(path[path.index(slug) :]))
        for seen in path:
            state[seen] = 2
    return cycles


def _chain_end(
    slug: str,
    by_slug: dict[str, Term],
    replaced: dict[str, str | None],
    in_cycle: set[str],
    ends: dict[str, str],
) -> str:
    """Where following replaced_by from ``slug`` stops; memoised in ``ends`` (linear overall)."""
    path = []
    while slug not in ends:
        following = replaced.get(slug)
        if following is None or slug in in_cycle or by_slug[slug].status is not Status.DEPRECATED:
            ends[slug] = slug
            break
        path.append(slug)
        slug = following
    for seen in path:
        ends[seen] = ends[slug]
    return ends[slug]


class _Resolver:
    """Resolves references from one term to another, reporting every miss."""

    def __init__(
        self, by_slug: dict[str, Term], names: dict[str, str], problems: list[Diagnostic]
    ) -> None:
        self.by_slug = by_slug
        self.names = names
        self.problems = problems
        self.current = {slug for slug, term in by_slug.items() if term.status is not Status.DRAFT}
        # Prepared once: every miss compares against the same names.
        self.term_names = Suggester([*by_slug, *(t.title for t in by_slug.values())])
        self.slug_names = Suggester(by_slug)

    def _lookup(self, text: str) -> str | None:
        if text in self.by_slug:
            return text
        key = normalize_name(text)
        return key if key in self.by_slug else self.names.get(key)

    def _unknown(self, term: Term, ref: Ref, what: str) -> None:
        guess = did_you_mean(ref.text, self.term_names)
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
        """The terms ``document`` links to, each once, in order; every link that leads to
        no term or to a draft is reported at its own line. A target already found is not
        looked at again: a term may link (or be auto-linked to) the same term many times."""
        found: dict[str, None] = {}
        for link in document.links:
            target = link.target
            if target in found or target == term.slug:
                continue
            if target in self.current:  # a term that is no draft: always usable
                found[target] = None
            elif target not in self.by_slug:
                self._unknown_link(term, Ref(target, link.line), link.url or target)
            elif self._usable(term, Ref(target, link.line), "link target"):
                found[target] = None
        return tuple(found)

    def _unknown_link(self, term: Term, ref: Ref, written: str) -> None:
        by_name = self.names.get(normalize_name(ref.text)) or self.names.get(
            normalize_name(ref.text.replace("-", " "))
        )
        hint = (
            f"link to the slug instead: ({by_name})"
            if by_name
            else did_you_mean(ref.text, self.slug_names)
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
