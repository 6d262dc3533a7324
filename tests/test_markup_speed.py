"""The speed-ups of the Markdown conversion change nothing in what it produces.

The inline processor that skips patterns a text cannot match (``markup.inline``) is
compared with Python-Markdown's own on real glossaries and on generated Markdown made
of every character the patterns look for.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.treeprocessors import InlineProcessor

from glossary_site.markup import Document, MarkdownRenderer, inline, renderer, rewrite
from glossary_site.markup.inline import SkippingInlineProcessor
from glossary_site.markup.links import Kind
from tests.conftest import BUNDLED_SOURCE, CORPORA, REPO
from tests.test_markup import make_term

FRONT = "---\ntitle: T\ndefinition: T is a *test* term with a [link](other).\n---\n\n"


@functools.cache
def renderers() -> tuple[MarkdownRenderer, MarkdownRenderer]:
    """A renderer with Python-Markdown's own inline processor, and one with ours."""
    install = renderer.install_skipping_inline
    setattr(renderer, "install_skipping_inline", lambda md: None)  # noqa: B010
    try:
        stock = MarkdownRenderer(trust_html=False)
    finally:
        setattr(renderer, "install_skipping_inline", install)  # noqa: B010
    return stock, MarkdownRenderer(trust_html=False)


def both(text: str) -> tuple[Document, Document]:
    """The document of a term whose body is ``text``, by each renderer."""
    stock, fast = renderers()
    term = make_term(f"{FRONT}{text}\n")
    return stock.render(term)[0], fast.render(term)[0]


def markdown_files() -> list[Path]:
    folders = [BUNDLED_SOURCE, REPO / "tests" / "sites", CORPORA]
    return sorted(path for folder in folders if folder.is_dir() for path in folder.rglob("*.md"))


def test_the_renderer_uses_the_skipping_inline_processor() -> None:
    made = MarkdownRenderer(trust_html=False)
    assert isinstance(made._md.treeprocessors["inline"], SkippingInlineProcessor)


def test_every_inline_pattern_of_the_renderer_has_a_trigger() -> None:
    """A pattern without one is always tried: correct, but a sign the list is stale."""
    made = MarkdownRenderer(trust_html=False)
    registry = made._md.inlinePatterns
    names = {name for name in inline.TRIGGERS if name in registry}
    assert len(names) == len(registry) == len(inline.TRIGGERS)


def test_real_glossaries_convert_as_with_python_markdowns_inline_processor() -> None:
    stock = renderers()[0]
    assert isinstance(stock._md.treeprocessors["inline"], InlineProcessor)
    assert not isinstance(stock._md.treeprocessors["inline"], SkippingInlineProcessor)
    files = markdown_files()
    assert len(files) >= 30
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace").split("\n---\n", 1)[-1]
        expected, found = both(text)
        assert found == expected, path


INLINE_BITS = st.sampled_from(
    [
        *"`\\[]()!<>&*_~@:./^ \n#;\"'|",
        "  \n",
        "\\\n",
        "![a](b.png)",
        "[x](other)",
        "[^1]",
        "[^1]: note\n",
        "[r]: https://example.org\n",
        "<span>",
        "</span>",
        "<!-- c -->",
        "&amp;",
        "&#35;",
        "https://example.org/a_b",
        "WWW.example.org",
        "ftp://x.example",
        "me@example.org",
        "<me@example.org>",
        "<https://example.org>",
        "**",
        "__",
        "~~",
        "``",
        "word",
        "*[HTML]: Hyper Text\n",
        "HTML",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(INLINE_BITS, max_size=30).map("".join))
def test_generated_inline_markdown_converts_as_with_python_markdowns_inline_processor(
    text: str,
) -> None:
    expected, found = both(text)
    assert found == expected


def test_a_bare_web_address_followed_by_a_footnote_mark_is_a_broken_link_not_a_crash() -> None:
    """Found by the comparison above: ``urlsplit`` raised on the '[' magiclink took in."""
    document = both("See www.example.org[^1] for more.")[1]  # a note that is not defined
    (reference,) = [r for r in document.references if "example.org" in r.url]
    assert reference.kind is Kind.BROKEN
    assert "IPv6" in reference.hint


# How rewrite.py found URLs before its regex was reordered for speed.
SLOW_URL_RE = re.compile(
    r"\]\(\s*<?((?:[^\s()<>]|\([^\s()]*\))*)"
    r"|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)"
    r"|\b(?:href|src)\s*=\s*[\"']([^\"']*)"
    r"|<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s>]*)>",
    re.MULTILINE,
)
URL_BITS = st.sampled_from(
    [*"[]():<>=\"' \t\n_xé", "](", "]:", "  ", "href", "src", "ahref", "hsrc", "http:", "\n   "]
)


def url_places(pattern: re.Pattern[str], text: str) -> list[tuple[int, str]]:
    return [
        (m.start(), next(g for g in m.groups() if g is not None)) for m in pattern.finditer(text)
    ]


@settings(max_examples=3000, deadline=None)
@given(st.lists(URL_BITS, max_size=30).map("".join))
def test_the_url_regex_finds_the_same_urls_at_the_same_places_as_before(text: str) -> None:
    assert url_places(rewrite._URL_RE, text) == url_places(SLOW_URL_RE, text)


def test_the_url_regex_agrees_with_the_old_one_on_real_glossaries() -> None:
    for path in markdown_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        assert url_places(rewrite._URL_RE, text) == url_places(SLOW_URL_RE, text), path
