"""Other addresses of a term: the slug form of each alias and each former slug.

Every published term's aliases (``K8s`` → ``/k8s/``) and ``redirect_from`` entries get a
page that sends the reader on to the term (``exports/redirects.py`` writes them). An
address may lead to one place only: a redirect onto another term's page, or two terms
claiming the same address, is an error naming both files and lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Severity
from .graph import TermGraph
from .names import MAX_SLUG_LENGTH
from .schema import Term, slug_from_title

# An alias gets an address when its slug form keeps what it says: letters (accents are
# dropped), digits, spaces and a little punctuation. "C++" or "C#" would both become
# "c", and a name in another script would become nothing, so those get none.
_SPELLABLE_RE = re.compile(r"[A-Za-z0-9 \-_.,/&'’()]+")


@dataclass(frozen=True, slots=True)
class Redirect:
    """A page at ``/<path>/`` that leads to the term ``target``."""

    path: str  # a slug
    target: str  # the term's slug
    source: Path  # the term file that asks for it
    line: int
    written: str  # the alias or former slug as written
    kind: str  # "alias" or "redirect_from"


def alias_address(alias: str) -> str:
    """The slug form of ``alias`` ("K8s" → "k8s"), or "" when it has none (see above)."""
    letters = "".join(
        c for c in unicodedata.normalize("NFKD", alias) if not unicodedata.combining(c)
    )
    if not _SPELLABLE_RE.fullmatch(letters):
        return ""
    slug = slug_from_title(alias)
    return slug if len(slug) <= MAX_SLUG_LENGTH else ""


def find_redirects(graph: TermGraph) -> tuple[dict[str, Redirect], tuple[Diagnostic, ...]]:
    """Every redirect of the published terms by its path, and the addresses that clash."""
    found: dict[str, Redirect] = {}
    problems: list[Diagnostic] = []
    for slug, node in graph.nodes.items():
        for redirect in _wanted(node.term):
            if redirect.path == slug:
                if redirect.kind == "redirect_from":
                    problems.append(_own_slug(redirect))
                continue
            problem = _clash(redirect, graph, found)
            if problem is not None:
                problems.append(problem)
            else:
                found.setdefault(redirect.path, redirect)
    return dict(sorted(found.items())), tuple(problems)


def _wanted(term: Term) -> list[Redirect]:
    wanted = [
        Redirect(path, term.slug, term.src_path, alias.line, alias.text, "alias")
        for alias in term.aliases
        if (path := alias_address(alias.text))
    ]
    wanted += [
        Redirect(ref.text, term.slug, term.src_path, ref.line, ref.text, "redirect_from")
        for ref in term.redirect_from
    ]
    return wanted


def _clash(redirect: Redirect, graph: TermGraph, found: dict[str, Redirect]) -> Diagnostic | None:
    """Why ``redirect`` cannot have its address: a term's page or another term's redirect."""
    owner = graph.nodes.get(redirect.path)
    if owner is not None:
        other = owner.term
        where = f"the page of {other.src_path.as_posix()}:{other.slug_line} ('{other.title}')"
    else:
        first = found.get(redirect.path)
        if first is None or first.target == redirect.target:
            return None
        where = (
            f"already a redirect to '{first.target}' for the {_what(first)} "
            f"at {first.source.as_posix()}:{first.line}"
        )
    return Diagnostic(
        redirect.source,
        redirect.line,
        "redirect-collision",
        f"the {_what(redirect)} would redirect /{redirect.path}/ to this term, but that "
        f"address is {where}",
        "an address must lead to one place: "
        + (
            "remove this former slug from redirect_from"
            if redirect.kind == "redirect_from"
            else "reword or remove this alias, or the other term's"
        ),
    )


def _what(redirect: Redirect) -> str:
    return f"{'alias' if redirect.kind == 'alias' else 'former slug'} '{redirect.written}'"


def _own_slug(redirect: Redirect) -> Diagnostic:
    return Diagnostic(
        redirect.source,
        redirect.line,
        "redirect-self",
        f"redirect_from '{redirect.written}' is this term's own slug",
        "remove it: the term's page is already at that address",
        Severity.WARNING,
    )
