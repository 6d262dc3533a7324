"""What a term page shows beyond its own text, so that it says each fact once.

- the lead under the title only when ``summary`` says something the definition does not;
- one "Related terms" block: cards (explicit related first, then computed, each with the
  reason it is there) and a compact list of the other backlinks;
- tags and category as links to their pages, and the link to the term's letter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .alphabet import group_id, group_label
from .graph import Node, TermGraph
from .i18n import Catalogue, packaged_catalogue
from .markup import html_to_text
from .page_kit import folder_url
from .render_index import letter_folder
from .taxonomy import CATEGORIES_DIR, TAGS_DIR, Taxonomy

# related.py gives its reasons in English; a page shows them in its language.
_REASONS = {
    "links here": "term.reason_links_here",
    "linked in this entry": "term.reason_linked",
    "they mention each other": "term.reason_mutual",
    "mentioned in this entry": "term.reason_mentioned",
    "mentions this term": "term.reason_mentions",
}
_NAMED_REASONS = (("shares the tag ", "term.reason_tag"), ("also in ", "term.reason_category"))

_SAME_TEXT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@dataclass(frozen=True, slots=True)
class Card:
    node: Node
    reason: str  # "" for the term's own related list


def shows_lead(summary: str, definition_html: str) -> bool:
    """Whether ``summary`` adds to the definition (it is not the definition or its start)."""
    said = _comparable(summary).rstrip("…. ")
    return bool(said) and said not in _comparable(html_to_text(definition_html))


def _comparable(text: str) -> str:
    return " ".join(text.translate(_SAME_TEXT).casefold().split())


def term_extras(
    node: Node,
    graph: TermGraph,
    taxonomy: Taxonomy,
    directory_urls: bool,
    split_index: bool,
    ui: Catalogue | None = None,
    memo: dict[tuple[str, str], str] | None = None,
) -> dict[str, Any]:
    """Template values of a term page (at ``<slug>/``) beside its term and document.

    ``memo`` keeps what is the same on every page (a reason's text, a tag's URL) between
    calls with the same other arguments."""
    ui = ui or packaged_catalogue("en")
    memo = {} if memo is None else memo
    nodes = graph.nodes
    han = ui.text("index.han")
    label = group_label(node.term.title, ui.language, han)
    letter = group_id(label, han)

    def url(folder: str) -> str:
        return folder_url("../", folder, directory_urls)

    def tag_url(tag: str) -> str:
        return url(f"{TAGS_DIR}/{taxonomy.tag_slug(tag)}")

    home = "../" if directory_urls else "../index.html"
    return {
        "lead": node.term.summary
        if shows_lead(node.term.summary, node.document.definition_html)
        else "",
        "cards": tuple(
            Card(nodes[slug], _remembered(memo, "reason", reason, lambda r: _reason_text(r, ui)))
            for slug, reason in zip(node.related, _reasons(node), strict=True)
        ),
        "more": tuple(nodes[slug] for slug in node.more),
        "tag_links": tuple(
            (
                tag,
                _remembered(memo, "tag", tag, lambda t: url(f"{TAGS_DIR}/{taxonomy.tag_slug(t)}")),
            )
            for tag in node.term.tags
        ),
        "category_url": url(f"{CATEGORIES_DIR}/{taxonomy.category_slug(node.term.category)}")
        if node.term.category
        else "",
        "letter": label,
        "letter_url": url(letter_folder(letter)) if split_index else f"{home}#{letter}",
    }


def _remembered(
    memo: dict[tuple[str, str], str], kind: str, value: str, make: Callable[[str], str]
) -> str:
    found = memo.get((kind, value))
    if found is None:
        found = memo[kind, value] = make(value)
    return found


def _reasons(node: Node) -> tuple[str, ...]:
    return node.reasons if len(node.reasons) == len(node.related) else ("",) * len(node.related)


def _reason_text(reason: str, ui: Catalogue) -> str:
    """A card's reason in the page's language ('' stays '')."""
    for prefix, key in _NAMED_REASONS:
        if reason.startswith(prefix):
            return ui.text(key, name=reason.removeprefix(prefix))
    return ui.text(_REASONS[reason]) if reason in _REASONS else reason
