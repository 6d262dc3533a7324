"""Tags and categories of the published terms, each with the folder of its page.

A tag or category is a name (compared as ``names.normalize_name`` does, so "Scrum" and
"scrum" are one tag) shown as its first spelling in title order. Its page lives at
``tags/<slug>/`` or ``categories/<slug>/``; the slug is ASCII where the name allows
("Agile Practices" → ``agile-practices``), else its letters in lower case.

Generated folders must not meet a term's folder: a term whose slug is ``tags``,
``categories`` or ``letters`` (when the index is split by letter) is an error. Two names
with one slug ("C++" and "C") share the page, with a warning at the later name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .alphabet import sort_key
from .diagnostics import Diagnostic, Severity
from .graph import TermGraph
from .names import normalize_name
from .schema import Term, slug_from_title

TAGS_DIR = "tags"
CATEGORIES_DIR = "categories"
LETTERS_DIR = "letters"


@dataclass(frozen=True, slots=True)
class Taxon:
    """One tag or category: its name as shown, the slug of its page, its terms by title."""

    name: str
    slug: str
    members: tuple[str, ...]  # term slugs, sorted by title


@dataclass(frozen=True, slots=True)
class Taxonomy:
    tags: tuple[Taxon, ...]  # sorted by name
    categories: tuple[Taxon, ...]
    slugs: Mapping[tuple[str, str], str]  # ("tags" or "category", normalised name) → slug

    def tag_slug(self, name: str) -> str:
        return self.slugs["tags", normalize_name(name)]

    def category_slug(self, name: str) -> str:
        return self.slugs["category", normalize_name(name)]


def taxon_slug(name: str) -> str:
    """'Agile Practices' → 'agile-practices', 'Жизнь' → 'жизнь', '***' → 'u2a'."""
    ascii_slug = slug_from_title(name)
    if ascii_slug:
        return ascii_slug
    text = unicodedata.normalize("NFKC", name).casefold()
    letters = re.sub(r"[\W_]+", "-", text).strip("-")
    return letters or "u" + "".join(f"{ord(c):x}" for c in name.strip())[:40]


def build_taxonomy(
    graph: TermGraph, language: str = "en"
) -> tuple[Taxonomy, tuple[Diagnostic, ...]]:
    """Tags and categories of ``graph``'s terms (in ``language``'s order), and warnings for
    names sharing a page."""
    problems: list[Diagnostic] = []
    slugs: dict[tuple[str, str], str] = {}
    terms = sorted(
        (n.term for n in graph.nodes.values()), key=lambda t: sort_key(t.title, language)
    )
    pairs = ((t, tag) for t in terms for tag in t.tags)
    tags = _taxa(pairs, "tags", slugs, problems, language)
    pairs = ((t, t.category) for t in terms if t.category)
    categories = _taxa(pairs, "category", slugs, problems, language)
    return Taxonomy(tags, categories, MappingProxyType(slugs)), tuple(problems)


def _taxa(
    pairs: Iterable[tuple[Term, str]],
    key: str,
    slugs: dict[tuple[str, str], str],
    problems: list[Diagnostic],
    language: str = "en",
) -> tuple[Taxon, ...]:
    """One taxon per page: names that make one slug ('metodologia' and 'metodologia"')
    share it, with a warning at the later name. ``pairs`` come in title order, so each
    name's terms are in title order; only a page that several names share is sorted."""
    named: dict[str, dict[str, Term]] = defaultdict(dict)  # normalised name → slug → term
    shown: dict[str, tuple[str, Term]] = {}
    for term, name in pairs:
        normal = normalize_name(name)
        named[normal].setdefault(term.slug, term)
        shown.setdefault(normal, (name, term))
    titled = {slug: term for terms in named.values() for slug, term in terms.items()}
    firsts: dict[str, tuple[str, Term]] = {}
    members: dict[str, list[str]] = {}
    for normal, (name, term) in sorted(
        shown.items(), key=lambda item: sort_key(item[1][0], language)
    ):
        slug = taxon_slug(normal)  # the same for every spelling of the name
        slugs[key, normal] = slug
        first = firsts.setdefault(slug, (name, term))
        if normalize_name(first[0]) != normal:
            problems.append(_slug_clash(key, name, term, first, slug))
            merged = {**dict.fromkeys(members[slug]), **named[normal]}
            members[slug] = sorted(merged, key=lambda s: sort_key(titled[s].title, language))
        else:
            members[slug] = list(named[normal])
    return tuple(Taxon(name, slug, tuple(members[slug])) for slug, (name, _) in firsts.items())


def _slug_clash(key: str, name: str, term: Term, first: tuple[str, Term], slug: str) -> Diagnostic:
    folder = TAGS_DIR if key == "tags" else CATEGORIES_DIR
    other = first[1]
    return Diagnostic(
        term.src_path,
        term.line_of(key),
        "taxonomy-clash",
        f"{'tag' if key == 'tags' else 'category'} '{name}' would have the page {folder}/{slug}/, "
        f"which is the page of '{first[0]}' ({other.src_path.as_posix()}:{other.line_of(key)})",
        f"both are listed on that page: write the same name as there ('{first[0]}'), or a "
        "name that differs in letters or digits",
        Severity.WARNING,
    )


def page_clashes(graph: TermGraph, taxonomy: Taxonomy, split_index: bool) -> tuple[Diagnostic, ...]:
    """Terms whose folder is one the build generates (tags/, categories/, letters/)."""
    generated = {
        TAGS_DIR: "the list of tags" if taxonomy.tags else "",
        CATEGORIES_DIR: "the list of categories" if taxonomy.categories else "",
        LETTERS_DIR: "the A–Z index's letter pages" if split_index else "",
    }
    return tuple(
        Diagnostic(
            graph.nodes[slug].term.src_path,
            graph.nodes[slug].term.slug_line,
            "page-clash",
            f"the page of this term would be {slug}/index.html, where the build puts {what}",
            f"give the term another slug with a line 'slug: {slug}-term' (or rename the file)",
        )
        for slug, what in generated.items()
        if what and slug in graph.nodes
    )
