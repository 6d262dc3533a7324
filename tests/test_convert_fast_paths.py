"""The shortcuts of the Markdown conversion change nothing in what it produces.

A renderer with every shortcut (``FAST_PATHS``, skipped block processors, the plain
definition not converted alone …) is compared with one without any, on real glossaries
and on generated Markdown made of what the skipped steps look for.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary_site.diagnostics import Diagnostic
from glossary_site.load import RawTerm, load_term
from glossary_site.markup import Document, MarkdownRenderer, blocks, renderer
from glossary_site.markup.blocks import SkippingBlockParser
from glossary_site.markup.whole import plain_paragraph
from glossary_site.schema import Term, parse_term
from tests.test_markup import make_term
from tests.test_markup_speed import markdown_files

# The functions of ``renderer`` that install a shortcut into a new converter.
FAST_PATHS = ("install_skipping_inline", "install_skipping_blocks", "install_skipping_steps")


@contextmanager
def without_fast_paths() -> Iterator[None]:
    saved = {name: getattr(renderer, name) for name in FAST_PATHS}
    for name in saved:
        setattr(renderer, name, lambda md: None)
    try:
        yield
    finally:
        for name, install in saved.items():
            setattr(renderer, name, install)


@functools.cache
def renderers(trust_html: bool = False) -> tuple[MarkdownRenderer, MarkdownRenderer]:
    """A renderer without any shortcut, and the one builds use."""
    with without_fast_paths():
        stock = MarkdownRenderer(trust_html=trust_html)
    stock.plain_definitions = False
    return stock, MarkdownRenderer(trust_html=trust_html)


Rendered = tuple[Document, tuple[Diagnostic, ...]]


def both(term: Term, trust_html: bool = False) -> tuple[Rendered, Rendered]:
    stock, fast = renderers(trust_html)
    return stock.render(term), fast.render(term)


def term_of(path: Path) -> Term | None:
    raw = load_term(path, path.read_bytes())
    if not isinstance(raw, RawTerm):
        return None
    return parse_term(raw)[0]


def test_the_stock_renderer_has_no_shortcut_and_the_fast_one_all() -> None:
    stock, fast = renderers()
    assert type(stock._md.parser) is not SkippingBlockParser
    assert isinstance(fast._md.parser, SkippingBlockParser)
    assert fast.plain_definitions and not stock.plain_definitions


def test_every_block_processor_with_a_costly_test_has_a_trigger() -> None:
    """Those without one are always tried: correct, but a sign the list is stale."""
    cheap = {"empty", "indent", "defindent", "code", "olist", "ulist", "paragraph"}
    registry = renderers()[1]._md.parser.blockprocessors
    names = {name for name in registry._data}
    assert names - cheap == set(blocks.TRIGGERS)


def test_real_glossaries_convert_as_without_the_shortcuts() -> None:
    files = markdown_files()
    assert len(files) >= 30
    for path in files:
        term = term_of(path)
        if term is not None:
            expected, found = both(term)
            assert found == expected, path


def test_real_glossaries_with_trusted_html_convert_as_without_the_shortcuts() -> None:
    for path in markdown_files()[::7]:
        term = term_of(path)
        if term is not None:
            expected, found = both(term, trust_html=True)
            assert found == expected, path


BLOCK_BITS = st.sampled_from(
    [
        *"#|-_*=:>[]^{}!<`~\\ \n",
        "\n\n",
        "    ",
        "# ",
        "## H\n",
        "Title\n===\n",
        "Title\n---\n",
        "---\n",
        "* * *\n",
        "___\n",
        "a | b\n--|--\n1 | 2\n",
        "| a |\n| - |\n",
        "> quote\n",
        "- item\n",
        "1. item\n",
        "Term\n: definition\n",
        "[^1]: note\n",
        "[^1]",
        "*[HTML]: Hyper Text\n",
        "HTML",
        "[r]: https://example.org\n",
        "[r]",
        "<div>",
        "</div>",
        '<div markdown="1">\n',
        "<!-- c -->",
        "{: .x}",
        "{#id}",
        "[TOC]",
        "```\ncode\n```\n",
        "~~~ python\nx = 1\n~~~\n",
        "~~~\n\tx\n~~~\n",
        "word",
        "![a](b.png)",
        "[x](other)",
        # What the guarded steps look for (steps.py), and the placeholders' own characters.
        "&amp x",
        "&#35 x",
        "&#35;",
        "\x01",
        "\x02",
        "\x03",
        "\x04",
        "``",
        "\t",
        "## H &amp; <b>b</b> *e* {: data-toc-label='L' }\n",
        "## A note[^1]\n",
        '<div markdown="1">\n[TOC]\n</div>\n',
        '<a href="other">x</a>',
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(BLOCK_BITS, max_size=30).map("".join))
def test_generated_block_markdown_converts_as_without_the_shortcuts(text: str) -> None:
    # The body is set after loading, which refuses control characters in a file.
    term = make_term("---\ntitle: T\ndefinition: T is a test term.\n---\n\nBody.\n")
    term = dataclasses.replace(term, body=f"{text}\n")
    expected, found = both(term)
    assert found == expected


DEFINITION_BITS = st.sampled_from(
    [
        *"Ab#|-*=:>[]^{}!<`~\\ \n\r1.",
        *("word", "- ", "1. ", "## ", "[^1]", "[TOC]", "![a](b.png)"),
        *("Word {: .x}", "Word {#d}", "<b>", "\n\n- item", "  \n"),
    ]
)


def check_definition(definition: str) -> None:
    body = "More text.[^1]\n\n[^1]: A note.\n\n*[HTML]: Hyper Text\n"
    text = f"---\ntitle: T\ndefinition: {json.dumps(definition)}\n---\n\n{body}"
    raw = load_term(Path("term.md"), text.encode())
    if not isinstance(raw, RawTerm):
        return
    term = parse_term(raw)[0]
    if term is not None:
        expected, found = both(term)
        assert found == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(DEFINITION_BITS, min_size=1, max_size=12).map("".join))
def test_generated_definitions_convert_as_without_the_shortcuts(definition: str) -> None:
    check_definition(definition)


PLAIN = ["A plain definition with `code`, *emphasis* and a [link](other).", "Étude: a study.", "x"]
NOT_PLAIN = [
    "",
    " Indented",
    "1. A list",
    "- A list",
    "# A heading",
    "[TOC]",
    "Two\nlines",
    "Two\rlines",
    "With <b>HTML</b>",
    "With {: .class}",
    "With an ![image](a.png)",
]


@pytest.mark.parametrize("definition", PLAIN + NOT_PLAIN)
def test_definitions_near_the_rule_convert_as_without_the_shortcuts(definition: str) -> None:
    check_definition(definition)


@pytest.mark.parametrize("definition", PLAIN)
def test_a_plain_definition_is_one_paragraph_without_images(definition: str) -> None:
    assert plain_paragraph(definition)


@pytest.mark.parametrize("definition", NOT_PLAIN)
def test_a_definition_that_may_be_more_than_a_paragraph_is_not_plain(definition: str) -> None:
    assert not plain_paragraph(definition)


def test_a_plain_definition_is_converted_only_with_the_body() -> None:
    fast = MarkdownRenderer(trust_html=False)
    texts: list[str] = []
    convert = fast._convert

    def counting(text: str, *args: object) -> tuple[str, list[object], list[object]]:
        texts.append(text)
        return convert(text, *args)  # type: ignore[arg-type, return-value]

    fast._convert = counting  # type: ignore[assignment, method-assign]
    term = make_term("---\ntitle: T\ndefinition: T is plain.\n---\n\n## Part\n\nText.\n")
    document, problems = fast.render(term)
    assert len(texts) == 1 and texts[0].startswith("T is plain.")
    assert document.definition_html == "T is plain."
    assert not problems


def test_a_definition_that_is_not_a_paragraph_is_still_reported() -> None:
    fast = renderers()[1]
    term = make_term('---\ntitle: T\ndefinition: "- a list"\n---\n\nText.\n')
    _, problems = fast.render(term)
    assert [p.code for p in problems] == ["definition-not-paragraph"]
