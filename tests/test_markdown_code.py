"""Code blocks: Pygments highlighting at build time, tabs kept, colours with AA contrast."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_site.markup import highlight
from glossary_site.markup.highlight import (
    DARK_BACKGROUND,
    DARK_STYLE,
    LIGHT_BACKGROUND,
    LIGHT_STYLE,
    base_colour,
    contrast_ratio,
    stylesheet,
    token_colours,
)
from glossary_site.markup.sanitize import sanitize
from tests.test_markdown_fidelity import body_html

STYLE_CSS = Path(highlight.__file__).parent.parent / "static" / "style.css"


def test_fenced_code_is_highlighted_by_its_language_with_css_classes() -> None:
    html = body_html('```python\ndef f():\n    return "x"\n```')
    assert '<div class="highlight"><pre tabindex="0">' in html
    assert '<span class="k">def</span>' in html
    assert '<span class="s2">"x"</span>' in html
    assert "style=" not in html


def test_code_in_an_unknown_language_or_without_one_stays_plain() -> None:
    for fence in ("```nosuchlanguage", "```"):
        html = body_html(f"{fence}\nif x < 1: pass\n```")
        assert "<code>if x &lt; 1: pass\n</code>" in html, html


def test_tabs_in_fenced_code_are_kept_as_written() -> None:
    html = body_html("```\nall:\n\tmake build\n```")
    assert "all:\n\tmake build" in html


def test_highlighted_code_survives_the_sanitizer() -> None:
    html = body_html("```python\nimport os\n```")
    assert sanitize(html) == html


@pytest.mark.parametrize(
    ("style", "background"), [(LIGHT_STYLE, LIGHT_BACKGROUND), (DARK_STYLE, DARK_BACKGROUND)]
)
def test_every_token_colour_has_aa_contrast_on_the_code_background(
    style: str, background: str
) -> None:
    colours = {look[0] for look in token_colours(style).values()}
    base = base_colour(style)
    if base:
        colours.add(base)
    weak = {c: round(contrast_ratio(c, background), 2) for c in colours}
    assert all(ratio >= 4.5 for ratio in weak.values()), weak


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_the_stylesheet_carries_the_generated_highlight_colours() -> None:
    css = STYLE_CSS.read_text(encoding="utf-8")
    assert stylesheet() in css, (
        "style.css is out of date: paste the output of "
        "python -c 'from glossary_site.markup.highlight import stylesheet; print(stylesheet())'"
    )


def test_task_list_checkboxes_are_disabled_even_when_raw_html_asks_otherwise() -> None:
    html = sanitize('<input type="text" value="x"><input type="checkbox" checked>')
    assert (
        html == '<input disabled="disabled"><input type="checkbox" checked="" disabled="disabled">'
    )


def test_task_list_checkbox_is_labelled_by_the_item_text() -> None:
    html = body_html("- [x] ship *it*\n  - [ ] later")
    assert (
        '<label><input checked="" type="checkbox" disabled="disabled"> ship <em>it</em></label>'
        in html
    )
    assert '<label><input type="checkbox" disabled="disabled"> later</label>' in html


def test_only_inline_code_longer_than_a_phone_line_may_wrap() -> None:
    html = body_html("Use `-pm` or `--a-very-long-option-name-that-wraps=value`.")
    assert "<code>-pm</code>" in html
    assert '<code class="long">--a-very-long-option-name-that-wraps=value</code>' in html
