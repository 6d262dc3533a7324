"""Smart typography: curly quotes and dashes in prose, never in code or URLs; a config switch."""

from __future__ import annotations

from pathlib import Path

from glossary_site import build
from glossary_site.config import load_config
from tests.conftest import WriteGlossary, term_file
from tests.test_markdown_fidelity import body_html


def test_quotes_dashes_and_ellipses_become_typographic_in_prose() -> None:
    html = body_html('"Quoted" -- it\'s 1990--2000 --- done...')
    assert html == "<p>“Quoted” – it’s 1990–2000 — done…</p>"


def test_code_spans_and_blocks_keep_straight_quotes_and_double_hyphens() -> None:
    html = body_html('Run `git log --oneline "x"`.\n\n```\necho "a" -- b\n```')
    assert '<code>git log --oneline "x"</code>' in html
    assert 'echo "a" -- b' in html


def test_urls_keep_their_hyphens_and_quotes() -> None:
    html = body_html("See https://example.org/a--b and <https://example.org/c--d>.")
    assert 'href="https://example.org/a--b">https://example.org/a--b</a>' in html
    assert 'href="https://example.org/c--d">https://example.org/c--d</a>' in html


def test_smart_typography_can_be_switched_off() -> None:
    html = body_html('"Quoted" -- it\'s', smart_typography=False)
    assert html == '<p>"Quoted" -- it\'s</p>'


def test_smart_typography_is_a_boolean_config_key_on_by_default(tmp_path: Path) -> None:
    assert load_config(None)[0].smart_typography is True
    path = tmp_path / "glossary.toml"
    path.write_text("smart_typography = false\n", encoding="utf-8")
    config, problems = load_config(path)
    assert not problems and config.smart_typography is False


def test_quotes_around_emphasis_and_links_open_and_close() -> None:
    html = body_html('"*word*" and ("[link](https://example.org)") and the \'90s')
    assert html == (
        '<p>“<em>word</em>” and (“<a href="https://example.org">link</a>”) and the ’90s</p>'
    )


def test_the_config_switch_reaches_a_real_build(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    body = 'Intro.\n\nTeams say "done" -- not "nearly".'
    project = write_glossary(
        {"sprint.md": term_file("Sprint", body=body)}, config="smart_typography = false\n"
    )
    assert build(project, tmp_path / "site").ok
    page = (tmp_path / "site" / "sprint" / "index.html").read_text()
    assert "Teams say &#34;done&#34; -- not" in page or 'Teams say "done" -- not' in page
    assert "“done”" not in page
