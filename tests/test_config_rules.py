"""Settings that used to be accepted silently: base_url, an empty title, --base-url "", controls."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_site.config import base_url_problem, load_config
from tests.conftest import WriteGlossary, term_file
from tests.test_bad_input import build, check, expect, run


@pytest.fixture
def glossary(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> WriteGlossary:
    monkeypatch.chdir(tmp_path)
    return write_glossary


@pytest.mark.parametrize(
    ("url", "words", "hint"),
    [
        ("https://example.org/\nDisallow: /", "space or line break", "remove"),
        ("https://example.org/my glossary/", "space or line break", "%20"),
        ("https://user:secret@example.org/", "user name or password", "credentials"),
        ("https://token@example.org/", "user name or password", "credentials"),
        ("https://example.org/?utm=1", "query", "'?'"),
        ("https://example.org/#top", "fragment", "'#'"),
        ("javascript:alert(1)", "not an absolute http(s) URL", "https://"),
        ("ftp://example.org/", "not an absolute http(s) URL", "https://"),
        ("https:/example.org/", "not an absolute http(s) URL", "https://"),
        ("https://exa mple.org/", "space or line break", "remove"),
        ("https://example.org:99999/", "invalid port", "port"),
        ("https://exa<mple.org/", "not a valid URL", "https://"),
        ("https://bücher.example/", "non-ASCII", "punycode"),
    ],
)
def test_base_url_that_is_not_a_clean_http_url_is_rejected_with_a_hint(
    glossary: WriteGlossary, url: str, words: str, hint: str
) -> None:
    escaped = url.replace("\n", "\\n")
    glossary({"sprint.md": term_file("Sprint")}, config=f'base_url = "{escaped}"\n')
    result = build()
    assert result.exit_code == 1
    found = expect(result, "glossary.toml:1", "config-base-url", words)
    assert hint in found.hint
    assert "\nDisallow" not in result.output
    assert not Path("site").exists()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org",
        "http://example.org/docs/glossary/",
        "https://example.org:8443/a-b_c~d/%20x/",
        "https://[::1]:8000/",
        "https://xn--bcher-kva.example/",
    ],
)
def test_clean_base_url_is_accepted(url: str) -> None:
    assert base_url_problem(url) is None


def test_base_url_on_the_command_line_is_checked_too(glossary: WriteGlossary) -> None:
    glossary({"sprint.md": term_file("Sprint")})
    result = run("build", "--source", "glossary", "--base-url", "https://u:p@example.org/")
    assert result.exit_code == 1
    expect(result, "--base-url", "config-base-url", "user name or password")


@pytest.mark.parametrize("value", ["", "  "])
def test_empty_base_url_option_is_a_usage_error(glossary: WriteGlossary, value: str) -> None:
    glossary({"sprint.md": term_file("Sprint")}, config='base_url = "https://example.org/"\n')
    result = run("build", "--source", "glossary", "--base-url", value)
    assert result.exit_code == 2
    assert "--base-url" in result.stderr and "empty" in result.stderr
    assert not Path("site").exists()


@pytest.mark.parametrize("title", ['""', '"   "'])
def test_empty_title_is_an_error(glossary: WriteGlossary, title: str) -> None:
    glossary({"sprint.md": term_file("Sprint")}, config=f'language = "en"\ntitle = {title}\n')
    result = check()
    assert result.exit_code == 1
    found = expect(result, "glossary.toml:2", "config-empty", "'title' is empty")
    assert "title =" in found.hint


@pytest.mark.parametrize(
    ("escape", "shown"), [("\\u001b", "U+001B (ESC)"), ("\\u0000", "U+0000 (NUL)")]
)
def test_control_character_in_a_setting_is_named_never_printed(
    glossary: WriteGlossary, escape: str, shown: str
) -> None:
    glossary({"sprint.md": term_file("Sprint")}, config=f'\nauthor = "Jo{escape}e"\n')
    result = check()
    assert result.exit_code == 1
    expect(result, "glossary.toml:2", "control-character", "'author'", shown)
    assert "\x1b" not in result.output and "\x00" not in result.output


def test_oversized_config_is_refused_before_it_is_read(tmp_path: Path) -> None:
    config = tmp_path / "glossary.toml"
    with config.open("wb") as file:
        file.truncate(2 * 1024 * 1024)
    _, problems = load_config(config)
    assert [p.code for p in problems] == ["file-too-large"]


def test_unknown_setting_with_a_control_character_is_shown_escaped(
    glossary: WriteGlossary,
) -> None:
    glossary({"sprint.md": term_file("Sprint")}, config='"tit\\u001ble" = "x"\n')
    result = check()
    assert result.exit_code == 1
    expect(result, "glossary.toml", "config-unknown-key", "tit\\x1ble")
    assert "\x1b" not in result.output
