"""The allow-list that raw HTML and Markdown output pass through (nh3, Rust's ammonia)."""

from __future__ import annotations

import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang", "dir"},
    "a": {"href", "class", "rel"},
    "abbr": {"title"},
    "code": {"class"},
    "div": {"class"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "input": {"checked"},
    "li": {"value", "class"},
    "ol": {"start", "reversed", "type", "class"},
    "ul": {"class"},
    "span": {"class"},
    "sup": {"class"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
}


# Made once: building the allow-list costs about as much as cleaning a term's HTML.
_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto", "tel"},
    link_rel=None,
    # Task list checkboxes: the only input kept, and never one a reader can change.
    tag_attribute_values={
        "input": {"type": {"checkbox"}},
        "pre": {"tabindex": {"0"}},
        "table": {"tabindex": {"0"}},
    },
    set_tag_attribute_values={"input": {"disabled": "disabled"}},
)


def sanitize(html_text: str) -> str:
    """``html_text`` with every tag, attribute and URL scheme not allowed removed."""
    return _CLEANER.clean(html_text)
