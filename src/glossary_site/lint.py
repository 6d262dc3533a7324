"""Graph lint: advice about a glossary that builds fine, as warnings with codes.

A pass over the finished graph, linear in the number of terms (and their text). Every
finding is a warning unless ``[lint]`` in glossary.toml makes its code an error or
switches it off; ``--strict`` fails on warnings. The codes are listed in ``lint_codes``
and documented in README.md.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator

from .common_words import COMMON_WORDS
from .config import SiteConfig
from .diagnostics import Diagnostic, Severity
from .graph import Node, TermGraph
from .lint_codes import LINT_CODES, MAX_SUMMARY_LENGTH
from .mentions import Mention, MentionFinder
from .names import normalize_name
from .schema import Status, Term

# The mentions of other terms in a term's text (``MentionFinder.in_term`` or a cache of it).
MentionSource = Callable[[Term], Iterable[Mention]]


def lint_graph(
    graph: TermGraph,
    config: SiteConfig,
    today: dt.date,
    mentions: Callable[[], MentionSource] | None = None,
) -> tuple[Diagnostic, ...]:
    """Every lint finding of the published terms, at the level the config gives its code.

    ``mentions`` makes the mention finder of ``graph`` (default: ``mention_finder``).
    """
    levels = dict(config.lint)
    active = {code for code in LINT_CODES if levels.get(code, "warning") != "off"}
    found: list[Diagnostic] = []
    if "orphan-term" in active:
        found += _orphans(graph)
    if "one-way-related" in active:
        found += _one_way_related(graph)
    for node in graph.nodes.values():
        found += term_findings(node, config, today)
    if "unlinked-mention" in active:
        found += _unlinked_mentions(
            graph, config, mentions or functools.partial(mention_finder, graph)
        )
    return tuple(_at_level(d, levels.get(d.code, "warning")) for d in found if d.code in active)


def _at_level(diagnostic: Diagnostic, level: str) -> Diagnostic:
    if level != "error":
        return diagnostic
    return Diagnostic(
        diagnostic.path,
        diagnostic.line,
        diagnostic.code,
        diagnostic.message,
        diagnostic.hint,
        Severity.ERROR,
        diagnostic.column,
    )


def _warning(node: Node, line: int, code: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(node.term.src_path, line, code, message, hint, Severity.WARNING)


def _orphans(graph: TermGraph) -> Iterator[Diagnostic]:
    if len(graph.nodes) < 2:  # a glossary of one term has nothing to link from
        return
    for slug, node in graph.nodes.items():
        if not node.referenced_by and node.term.status is Status.PUBLISHED:
            yield _warning(
                node,
                node.term.title_line,
                "orphan-term",
                f"no other term links to '{node.term.title}' or lists it as related",
                f"link to it from a term that uses it ([{node.term.title}]({slug})), or add "
                f"it to that term's related list",
            )


def _one_way_related(graph: TermGraph) -> Iterator[Diagnostic]:
    """A related entry the other term does not return: one look-up per entry."""
    targets = {
        slug: [(ref, graph.resolve(ref.text)) for ref in node.term.related]
        for slug, node in graph.nodes.items()
    }
    listed = {slug: {target for _, target in refs} for slug, refs in targets.items()}
    paths: dict[str, str] = {}  # slug → its file, as the messages show it
    for slug, node in graph.nodes.items():
        for ref, target in targets[slug]:
            if target is None or target == slug or target not in graph.nodes:
                continue
            if slug not in listed[target]:
                other = graph.nodes[target].term
                path = paths.get(target) or paths.setdefault(target, other.src_path.as_posix())
                yield _warning(
                    node,
                    ref.line,
                    "one-way-related",
                    f"'{other.title}' is related to this term, but "
                    f"{path} does not list '{node.term.title}' as related",
                    f"add '{slug}' to the related list of {path}, or "
                    "remove it here if the two are not related",
                )


def term_findings(node: Node, config: SiteConfig, today: dt.date) -> Iterator[Diagnostic]:
    """The checks of one term on its own: aliases, summary, dates."""
    term = node.term
    for alias in term.aliases:
        if normalize_name(alias.text) in COMMON_WORDS:
            yield _warning(
                node,
                alias.line,
                "common-word-alias",
                f"the alias '{alias.text}' is a common word, so it reads as the term "
                "wherever the word is used",
                f"remove it, or make it specific (e.g. '{alias.text} ({term.title})')",
            )
    if len(term.summary) > MAX_SUMMARY_LENGTH:
        yield _warning(
            node,
            term.line_of("summary"),
            "long-summary",
            f"the summary is {len(term.summary)} characters long; search engines show about "
            f"{MAX_SUMMARY_LENGTH} of a meta description",
            f"shorten it to at most {MAX_SUMMARY_LENGTH} characters; the body can say the rest",
        )
    if term.updated is not None and term.updated > today:
        yield _warning(
            node,
            term.line_of("updated"),
            "future-updated",
            f"'updated' is {term.updated.isoformat()}, which is in the future",
            f"write the date of the last change, e.g. updated: {today.isoformat()}",
        )
    if config.review_after:
        yield from _review(node, config.review_after, today)


def _review(node: Node, review_after: int, today: dt.date) -> Iterator[Diagnostic]:
    term = node.term
    if term.updated is None:
        yield _warning(
            node,
            term.title_line,
            "review-overdue",
            "the term has no 'updated' date, so nobody can tell when it was last reviewed",
            f"review it and add updated: {today.isoformat()}",
        )
        return
    age = (today - term.updated).days
    if age > review_after:
        yield _warning(
            node,
            term.line_of("updated"),
            "review-overdue",
            f"the term was last updated {age} days ago ({term.updated.isoformat()}); "
            f"review_after is {review_after} days",
            f"review the text, then set updated: {today.isoformat()}",
        )


def mention_finder(graph: TermGraph) -> MentionSource:
    """The mentions of the names of current terms in a term's text."""
    # Deprecated terms are named in text on purpose ("formerly …"): no link asked for.
    current = (n.term for n in graph.nodes.values() if n.term.status is Status.PUBLISHED)
    return MentionFinder(current, with_plurals=True).in_term  # as auto-linking


def _unlinked_mentions(
    graph: TermGraph, config: SiteConfig, make_mentions: Callable[[], MentionSource]
) -> Iterator[Diagnostic]:
    """Names of other terms that are not links; the finder (an automaton of every name)
    is made only when a term is not auto-linked: otherwise its mentions are links."""
    mentions: MentionSource | None = None
    for slug, node in graph.nodes.items():
        if config.autolink and node.term.autolink:  # its mentions are linked (autolink.py)
            continue
        mentions = mentions or make_mentions()
        done = {slug, *(link.target for link in node.document.links)}
        for mention in mentions(node.term):
            if mention.slug in done:
                continue
            done.add(mention.slug)
            title = graph.nodes[mention.slug].term.title
            yield Diagnostic(
                node.term.src_path,
                mention.line,
                "unlinked-mention",
                f"'{mention.name}' names the term '{title}' but is not a link",
                f"link the first mention: [{mention.name}]({mention.slug})",
                Severity.WARNING,
                mention.column,
            )
