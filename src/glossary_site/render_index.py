"""The A–Z index: terms, their aliases in their own place, deprecated terms with their
replacement, and a tag filter. Up to ``index_split_at`` terms it is one page; beyond, the
index lists the letters and each letter has its page (``letters/a/``), so no page grows
with the whole glossary. Drafts are not in the graph, so never here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from .alphabet import LetterGroup, group_by_letter, group_id, group_label, letter_bar
from .graph import Node
from .names import normalize_name
from .page_kit import Job, Listed, PageKit, folder_url, shown
from .taxonomy import LETTERS_DIR, Taxonomy

# Bytes of summaries the index page shows under the titles; past it, titles only.
INDEX_TEASER_BUDGET = 200_000


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One line of the index: a term, or another name of one (``alias``) leading to it."""

    title: str
    node: Node  # the term the entry leads to
    alias: bool
    replaced_by: Node | None  # for a deprecated term
    tags: str  # slugs of the term's tags, space-separated (the filter reads them)


def letter_folder(group_id: str) -> str:
    """'letter-a' → 'letters/a'."""
    return f"{LETTERS_DIR}/{group_id.removeprefix('letter-')}"


def index_jobs(kit: PageKit, taxonomy: Taxonomy) -> list[Job]:
    """The index page and, when the glossary is over ``index_split_at`` terms, letter pages.

    Entries are sorted (UCA collation, the costly part) only for a page that is rendered:
    a page's cache key holds its entries in the order they were found, which with the
    language decides the sorted order.
    """
    language, han = kit.config.language, kit.ui.text("index.han")
    letters = _Letters(_entries(kit, taxonomy), language, han)
    teasers = _teasers_fit(kit)
    tags = [(t, folder_url("", f"tags/{t.slug}", kit.config.directory_urls)) for t in taxonomy.tags]
    rows = _Rows(letters.rough, teasers, [(t.slug, t.name) for t in taxonomy.tags], language, han)
    split = len(kit.graph.nodes) > kit.config.index_split_at
    index = Listed(
        lambda: _index(kit, letters.groups(), teasers, tags, split=split),
        lambda: rows.shown(kit.home_meta(), split, [r for g in letters.rough for r in rows.of(g)]),
        rows.slugs(letters.rough),
    )
    jobs: list[Job] = [("index.html", "index.html", index)]
    if not split:
        return jobs
    for group in letters.rough:
        make = _letter_maker(kit, letters, group.label, teasers, taxonomy)
        shows = functools.partial(_letter_shows, kit, rows, group)
        jobs.append(
            (
                f"{letter_folder(group.id)}/index.html",
                "letter.html",
                Listed(make, shows, rows.slugs((group,))),
            )
        )
    return jobs


class _Letters:
    """The entries by letter: ``rough`` in the order of the letters, each letter's entries in
    the order found; ``group`` and ``groups`` sorted (as ``group_by_letter``), when asked."""

    def __init__(self, entries: list[IndexEntry], language: str, han: str) -> None:
        self.language, self.han = language, han
        found: dict[str, list[IndexEntry]] = {}
        for entry in entries:
            found.setdefault(group_label(entry.title, language, han), []).append(entry)
        unsorted = [LetterGroup(k, group_id(k, han), tuple(v)) for k, v in found.items()]
        present = {group.label: group for group in unsorted}
        bar = letter_bar(tuple(unsorted), language, han)
        self.rough = tuple(present[group.label] for group in bar if group.label in present)
        self._sorted: dict[str, LetterGroup[IndexEntry]] = {}

    def group(self, label: str) -> LetterGroup[IndexEntry]:
        found = self._sorted.get(label)
        if found is None:
            items = next(g.items for g in self.rough if g.label == label)
            pairs = ((entry.title, entry) for entry in items)
            found = self._sorted[label] = group_by_letter(pairs, self.language, self.han)[0]
        return found

    def groups(self) -> tuple[LetterGroup[IndexEntry], ...]:
        return tuple(self.group(group.label) for group in self.rough)


class _Rows:
    """What the index and letter pages show of their entries, each entry's made once."""

    def __init__(
        self,
        groups: tuple[LetterGroup[IndexEntry], ...],
        teasers: bool,
        tags: list[tuple[str, str]],
        language: str,
        han: str,
    ) -> None:
        self.teasers = teasers
        self.tags = tags
        self.bar = [(g.label, g.id, bool(g.items)) for g in letter_bar(groups, language, han)]

    def of(self, group: LetterGroup[IndexEntry]) -> list[tuple[object, ...]]:
        return [self._row(entry) for entry in group.items]

    def _row(self, entry: IndexEntry) -> tuple[object, ...]:
        term, replaced = entry.node.term, entry.replaced_by
        return (
            entry.title,
            entry.alias,
            entry.tags,
            term.slug,
            term.title,
            term.status.value,
            entry.node.document.summary if self.teasers else "",
            *((replaced.term.slug, replaced.term.title) if replaced else ()),
        )

    def shown(self, *values: object) -> str:
        return shown(self.teasers, self.tags, self.bar, *values)

    @staticmethod
    def slugs(groups: tuple[LetterGroup[IndexEntry], ...]) -> tuple[str, ...]:
        return tuple(entry.node.term.slug for group in groups for entry in group.items)


def _entries(kit: PageKit, taxonomy: Taxonomy) -> list[IndexEntry]:
    entries = []
    for node in kit.graph.nodes.values():
        term = node.term
        tags = " ".join(dict.fromkeys(taxonomy.tag_slug(tag) for tag in term.tags))
        replaced = kit.graph.nodes[node.replaced_by] if node.replaced_by else None
        entries.append(IndexEntry(term.title, node, False, replaced, tags))
        title = normalize_name(term.title)
        for alias in dict.fromkeys(a.text for a in term.aliases):
            if normalize_name(alias) != title:
                entries.append(IndexEntry(alias, node, True, None, tags))
    return entries


def _teasers_fit(kit: PageKit) -> bool:
    nodes = kit.graph.nodes.values()
    return sum(len(n.document.summary.encode()) for n in nodes) <= INDEX_TEASER_BUDGET


def _index(
    kit: PageKit,
    groups: tuple[LetterGroup[IndexEntry], ...],
    teasers: bool,
    tags: list[tuple[Any, str]],
    split: bool = False,
) -> bytes:
    """The home page: every entry, or (split) the letters with their counts."""
    config = kit.config
    page = kit.home_meta()
    letter_url = _letter_url("", split, config.directory_urls)
    return kit.render_page(
        "index.html",
        0 if split else sum(len(g.items) for g in groups),
        page=page,
        groups=() if split else groups,
        letters=groups if split else (),
        letter_bar=letter_bar(groups, config.language, kit.ui.text("index.han")),
        letter_url=letter_url,
        term_url=lambda slug: folder_url("", slug, config.directory_urls),
        teasers=teasers,
        tags=tags,
    )


def _letter_maker(
    kit: PageKit, letters: _Letters, label: str, teasers: bool, taxonomy: Taxonomy
) -> Any:
    def make() -> bytes:
        groups, group = letters.groups(), letters.group(label)
        config = kit.config
        root = "../../"
        page = _letter_meta(kit, group)
        tags = [
            (t, folder_url(root, f"tags/{t.slug}", config.directory_urls)) for t in taxonomy.tags
        ]
        return kit.render_page(
            "letter.html",
            len(group.items),
            page=page,
            group=group,
            current=group.id,
            groups=(group,),
            letters=(),
            letter_bar=letter_bar(groups, config.language, kit.ui.text("index.han")),
            letter_url=lambda other: folder_url(
                "../", other.id.removeprefix("letter-"), config.directory_urls
            ),
            term_url=lambda slug: folder_url(root, slug, config.directory_urls),
            teasers=teasers,
            tags=tags,
        )

    return make


def _letter_shows(kit: PageKit, rows: _Rows, group: LetterGroup[IndexEntry]) -> str:
    return rows.shown(_letter_meta(kit, group), group.label, group.id, rows.of(group))


def _letter_meta(kit: PageKit, group: LetterGroup[IndexEntry]) -> Any:
    config = kit.config
    title = kit.ui.text("page.title", page=group.label, site=config.title)
    description = kit.ui.text("letter.description", letter=group.label, site=config.title)
    return kit.page_meta(title, description, f"{letter_folder(group.id)}/", "../../")


def _letter_url(root: str, split: bool, directory_urls: bool) -> Any:
    if split:
        return lambda group: folder_url(root, letter_folder(group.id), directory_urls)
    return lambda group: f"#{group.id}"
