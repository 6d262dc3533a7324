"""Fidelity: GitHub-style Markdown renders with the HTML structure GitHub gives.

Each case is Markdown as editors write it on GitHub or GitLab and the HTML GitHub
produces, compared with whitespace between tags ignored. Where we render the same
structure with extra wrappers (Pygments' ``<div class="highlight">`` around ``<pre>``,
a ``<label>`` around a task checkbox and its text), the expected HTML shows ours.
"""

from __future__ import annotations

import re

import pytest

from glossary_site.markup import MarkdownRenderer
from tests.test_markup import make_term

_BETWEEN_TAGS = re.compile(r">\s+<")


def body_html(markdown_text: str, **options: bool) -> str:
    renderer = MarkdownRenderer(trust_html=False, **options)
    text = f"---\ntitle: T\ndefinition: T is a test term.\n---\n\n{markdown_text}\n"
    document, _ = renderer.render(make_term(text))
    return document.body_html


def structure(html_text: str) -> str:
    return _BETWEEN_TAGS.sub("><", html_text.strip())


CASES = {
    "list nested by two spaces": (
        "- a\n  - b\n    - c\n- d",
        "<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li></ul>",
    ),
    "list nested by four spaces": (
        "- a\n    - b\n        - c\n- d",
        "<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li></ul>",
    ),
    "bullet under a numbered item by three spaces": (
        "1. one\n   - sub\n2. two",
        "<ol><li>one<ul><li>sub</li></ul></li><li>two</li></ol>",
    ),
    "bullet under a numbered item by four spaces": (
        "1. one\n    - sub\n2. two",
        "<ol><li>one<ul><li>sub</li></ul></li><li>two</li></ol>",
    ),
    "numbered list with a parenthesis and a start number": (
        "3) three\n4) four",
        '<ol start="3"><li>three</li><li>four</li></ol>',
    ),
    "loose list stays one list": (
        "- a\n\n- b",
        "<ul><li><p>a</p></li><li><p>b</p></li></ul>",
    ),
    "second paragraph of an item indented by two": (
        "- a\n\n  more\n- b",
        "<ul><li><p>a</p><p>more</p></li><li><p>b</p></li></ul>",
    ),
    "list interrupts a paragraph": (
        "Pros:\n- fast\n- cheap",
        "<p>Pros:</p><ul><li>fast</li><li>cheap</li></ul>",
    ),
    "a number in a sentence does not start a list": (
        "Since\n2024. we ship",
        "<p>Since\n2024. we ship</p>",
    ),
    "fence inside a list item": (
        "- item\n\n  ```\n  code\n  ```\n\n- next",
        '<ul><li><p>item</p><div class="highlight"><pre tabindex="0"><span></span><code>code\n'
        "</code></pre></div></li><li><p>next</p></li></ul>",
    ),
    "fence right after a list item at column 0 ends the list": (
        "- item\n```\ncode\n```",
        '<ul><li>item</li></ul><div class="highlight"><pre tabindex="0"><span></span><code>code\n'
        "</code></pre></div>",
    ),
    "fence after a list and a blank line": (
        "- item\n\n```\ncode\n```",
        '<ul><li>item</li></ul><div class="highlight"><pre tabindex="0"><span></span><code>code\n'
        "</code></pre></div>",
    ),
    "fence interrupts a paragraph": (
        "text\n```\ncode\n```\nafter",
        '<p>text</p><div class="highlight"><pre tabindex="0"><span></span><code>code\n'
        "</code></pre></div><p>after</p>",
    ),
    "list-like lines inside a fence stay code": (
        "```\n- a\n  - b\n```",
        '<div class="highlight"><pre tabindex="0"><span></span><code>- a\n  - b\n'
        "</code></pre></div>",
    ),
    "bare URL and www autolinks": (
        "See https://example.com/a?b=c and www.example.org.",
        '<p>See <a href="https://example.com/a?b=c">https://example.com/a?b=c</a> and '
        '<a href="http://www.example.org">www.example.org</a>.</p>',
    ),
    "angle-bracket autolink": (
        "<https://example.com/x>",
        '<p><a href="https://example.com/x">https://example.com/x</a></p>',
    ),
    "strikethrough with two and one tildes": (
        "~~gone~~ and ~also~",
        "<p><del>gone</del> and <del>also</del></p>",
    ),
    "task list": (
        "- [ ] todo\n- [x] done",
        '<ul class="task-list"><li class="task-list-item"><label>'
        '<input type="checkbox" disabled="disabled"> todo</label></li>'
        '<li class="task-list-item"><label><input checked="" type="checkbox" '
        'disabled="disabled"> done</label></li></ul>',
    ),
    "table with column alignment": (
        "| L | C | R |\n|:--|:-:|--:|\n| a | b | c |",
        '<table tabindex="0"><thead><tr><th align="left">L</th><th align="center">C</th>'
        '<th align="right">R</th></tr></thead><tbody><tr><td align="left">a</td>'
        '<td align="center">b</td><td align="right">c</td></tr></tbody></table>',
    ),
    "hard breaks by two spaces and by a backslash": (
        "one  \ntwo\\\nthree",
        "<p>one<br>\ntwo<br>\nthree</p>",
    ),
    "HTML block": (
        "<details>\n<summary>More</summary>\nHidden text.\n</details>",
        "<details>\n<summary>More</summary>\nHidden text.\n</details>",
    ),
    "Markdown after a blank line inside an HTML block": (
        "<details>\n<summary>More</summary>\n\n- **a**\n- b\n\n</details>",
        "<details>\n<summary>More</summary>\n<ul><li><strong>a</strong></li><li>b</li></ul>"
        "</details>",
    ),
    "intraword underscores are not emphasis": (
        "snake_case_word and __init__",
        "<p>snake_case_word and <strong>init</strong></p>",
    ),
    "nested emphasis and strong before a letter": (
        "*a **b** c* and **bold**text",
        "<p><em>a <strong>b</strong> c</em> and <strong>bold</strong>text</p>",
    ),
    "indented code inside a list item": (
        "- a\n\n      code\n\n- b",
        '<ul><li><p>a</p><div class="highlight"><pre tabindex="0"><span></span><code>code\n'
        "</code></pre></div></li><li><p>b</p></li></ul>",
    ),
    "item ten nests its child at its own content column": (
        "9. nine\n10. ten\n    - sub",
        '<ol start="9"><li>nine</li><li>ten<ul><li>sub</li></ul></li></ol>',
    ),
    "thematic break is not a list item": ("- a\n- - -", "<ul><li>a</li></ul><hr>"),
    "heading right after a list ends it": (
        "- a\n## B",
        '<ul><li>a</li></ul><h2 id="b">B</h2>',
    ),
    "block quote inside a list item (GitHub keeps the item tight, we add <p>)": (
        "- a\n  > quoted\n- b",
        "<ul><li><p>a</p><blockquote><p>quoted</p></blockquote></li><li><p>b</p></li></ul>",
    ),
    "list inside a block quote nested by two spaces": (
        "> quote\n> - a\n>   - b",
        "<blockquote><p>quote</p><ul><li>a<ul><li>b</li></ul></li></ul></blockquote>",
    ),
    "fence inside a block quote": (
        "> ```\n> x\n> ```",
        '<blockquote><div class="highlight"><pre tabindex="0"><span></span><code>x\n'
        "</code></pre></div></blockquote>",
    ),
    "escaped asterisks": (r"\*not emphasis\*", "<p>*not emphasis*</p>"),
}


@pytest.mark.parametrize(("source", "expected"), CASES.values(), ids=CASES.keys())
def test_github_style_markdown_renders_like_github(source: str, expected: str) -> None:
    assert structure(body_html(source, smart_typography=False)) == structure(expected)


def test_footnotes_abbreviations_definition_lists_and_attributes_still_work() -> None:
    html = body_html(
        'A note[^1] on HTML.\n\n[^1]: The "note".\n\n*[HTML]: HyperText Markup Language\n\n'
        "Term\n:   Its definition\n\n## Heading {#custom}"
    )
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' in html
    assert '<abbr title="HyperText Markup Language">HTML</abbr>' in html
    assert "<dl>\n<dt>Term</dt>\n<dd>Its definition</dd>\n</dl>" in html
    assert '<h2 id="custom">Heading</h2>' in html
    assert "The “note”." in html


def test_tabs_are_kept_in_a_fence_that_follows_a_list() -> None:
    html = body_html("- a\n  - b\n\n```\n\tindented\n```")
    assert "<code>\tindented\n</code>" in html
