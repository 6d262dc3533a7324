"""Markdown made of list markers, fences, quotes and HTML never makes the renderer raise."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glossary_site.markup import MarkdownRenderer
from glossary_site.markup.lists import normalize_lists
from tests.test_markdown_fidelity import body_html

MARKDOWN_BITS = st.sampled_from(
    [
        "- ",
        "* ",
        "+ ",
        "1. ",
        "10) ",
        "  ",
        "    ",
        "\t",
        "\n",
        "\n\n",
        "```",
        "~~~",
        "```python\n",
        "> ",
        "<details>",
        "</details>",
        "<div>",
        "[ ] ",
        "[x] ",
        "~~",
        "~",
        "\\",
        '"',
        "'",
        "--",
        "`",
        "https://a.example/x",
        "| a | b |\n|:-|-:|\n",
        "word",
    ]
)
DOCUMENTS = st.lists(MARKDOWN_BITS, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS)
def test_any_mix_of_markdown_constructs_renders(text: str) -> None:
    assert isinstance(body_html(text or "x"), str)


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS)
def test_normalising_lists_keeps_every_non_blank_line_s_text(text: str) -> None:
    normalized = normalize_lists(text)
    kept = [line.strip() for line in normalized.split("\n") if line.strip()]
    original = [line.strip() for line in text.split("\n") if line.strip()]
    stripped = [line.lstrip("-*+0123456789.) >").strip() for line in kept]
    for line in original:
        core = line.lstrip("-*+0123456789.) >").strip()
        # A line of only markers ("> ", "- ") has no text to keep (a blank quote line).
        assert not core or core in stripped, (line, normalized)


def test_renderer_is_reusable_after_odd_input() -> None:
    renderer = MarkdownRenderer(trust_html=False)
    renderer._convert("- a\n```\n- b")
    assert renderer._convert("- a\n  - b")[0].count("<ul>") == 2
