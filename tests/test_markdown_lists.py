"""List indentation normalising and Markdown in HTML blocks: behaviour and bounds."""

from __future__ import annotations

from glossary_site.markup.html_blocks import MAX_SCAN, mark_markdown_in_html
from glossary_site.markup.lists import MAX_DEPTH, normalize_lists


def test_two_space_nesting_becomes_four_space_nesting() -> None:
    assert normalize_lists("- a\n  - b\n    - c") == "- a\n    - b\n        - c"


def test_text_without_lists_or_fences_is_returned_unchanged() -> None:
    text = "Just a paragraph\n    with an indented line."
    assert normalize_lists(text) is text


def test_fence_lines_keep_tabs_and_list_like_text() -> None:
    text = "```\n\t- not a list\n  - still code\n```"
    assert normalize_lists(text).startswith(text)


def test_nesting_deeper_than_the_limit_is_kept_at_the_deepest_level() -> None:
    text = "\n".join("  " * level + "- x" for level in range(MAX_DEPTH * 3))
    lines = normalize_lists(text).split("\n")
    indents = [len(line) - len(line.lstrip(" ")) for line in lines]
    assert max(indents) == 4 * (MAX_DEPTH - 1)
    assert all(line.endswith("- x") for line in lines)


def test_html_block_with_a_blank_line_gets_markdown_inside() -> None:
    lines = ["<details>", "<summary>S</summary>", "", "- a", "", "</details>"]
    assert mark_markdown_in_html(lines)[0] == '<details markdown="1">'


def test_html_block_without_a_blank_line_stays_raw() -> None:
    lines = ["<div>", "text", "</div>", "", "after"]
    assert mark_markdown_in_html(lines) == lines


def test_html_block_scan_stops_after_a_bounded_number_of_lines() -> None:
    lines = ["<div>", *["text"] * MAX_SCAN, "", "</div>"]
    assert mark_markdown_in_html(lines)[0] == "<div>"
    many_openings = ["<div>"] * (MAX_SCAN * 20)
    assert mark_markdown_in_html(many_openings) == many_openings
