"""Term file content: YAML that could blow up, the closing fence, control characters, keys, slugs.

``load_term`` is pure (bytes in), so most cases are checked on it directly; the
command-line cases check what the editor sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_site.diagnostics import Diagnostic
from glossary_site.load import RawTerm, load_term
from glossary_site.schema import MAX_SLUG_LENGTH, Term, parse_term
from tests.conftest import WriteGlossary, term_file
from tests.test_bad_input import check, expect

PATH = Path("glossary/sprint.md")


def load(text: str) -> RawTerm | Diagnostic:
    return load_term(PATH, text.encode("utf-8"))


def problem(text: str) -> Diagnostic:
    """The one diagnostic that reading and validating ``text`` gives."""
    raw = load(text)
    if isinstance(raw, Diagnostic):
        return raw
    _, problems = parse_term(raw)
    assert len(problems) == 1, problems
    return problems[0]


def term(text: str) -> Term:
    raw = load(text)
    assert isinstance(raw, RawTerm), raw
    parsed, problems = parse_term(raw)
    assert parsed is not None and not problems, problems
    return parsed


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{','.join([previous] * 9)}]")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Bounded time and memory: aliases and nesting are refused before composing
# ---------------------------------------------------------------------------


def test_alias_bomb_as_a_mapping_key_is_refused_at_the_first_anchor() -> None:
    text = f"---\ntitle: Sprint\n{billion_laughs()}\n? *a8\n: x\ndefinition: y\n---\n"
    found = problem(text)
    assert (found.code, found.line) == ("yaml-alias", 3)
    assert "anchors and aliases" in found.message
    assert "write the value out in full" in found.hint


def test_a_lone_alias_is_refused_too() -> None:
    found = problem("---\ntitle: *name\ndefinition: y\n---\n")
    assert (found.code, found.line) == ("yaml-alias", 2)


def test_an_asterisk_in_quotes_is_text() -> None:
    assert term('---\ntitle: "*nix"\ndefinition: "&more"\n---\n').title == "*nix"


@pytest.mark.parametrize("depth", [21, 100_000])
def test_deep_flow_nesting_is_refused(depth: int) -> None:
    text = "---\ntitle: Sprint\ndefinition: y\ntags: " + "[" * depth + "]" * depth + "\n---\n"
    found = problem(text)
    assert (found.code, found.line) == ("yaml-too-deep", 4)
    assert "20 levels" in found.message


def test_deep_block_nesting_is_refused() -> None:
    nested = "\n".join("  " * level + f"k{level}:" for level in range(30)) + " x"
    found = problem(f"---\ntitle: Sprint\ndefinition: y\ncategory:\n{nested}\n---\n")
    assert found.code == "yaml-too-deep"


# ---------------------------------------------------------------------------
# Where the front matter ends: where YAML's parser says the document ends
# ---------------------------------------------------------------------------


def test_indented_dashes_inside_a_block_scalar_are_text() -> None:
    text = "---\ntitle: Sprint\ndefinition: |\n  first\n  ---\n  second\n---\nBody.\n"
    parsed = term(text)
    assert parsed.definition == "first\n---\nsecond"
    assert parsed.body.strip() == "Body." and parsed.body_line == 8


@pytest.mark.parametrize("style", ["|", ">", "|-", "|2"])
def test_dashes_at_column_0_inside_a_block_scalar_are_an_error_not_silent_page_text(
    style: str,
) -> None:
    text = f"---\ntitle: Sprint\ndefinition: {style}\n  first\n---\n  second\n---\nBody.\n"
    found = problem(text)
    assert (found.code, found.line) == ("front-matter-fence", 5)
    assert "line 3" in found.message and "page text" in found.message
    assert "indent the '---'" in found.hint


def test_dashes_inside_a_quoted_multiline_value_are_text() -> None:
    text = '---\ntitle: Sprint\ndefinition: "first\n  ---\n  second"\n---\nBody.\n'
    assert term(text).definition == "first --- second"


def test_dashes_at_column_0_inside_quotes_are_a_yaml_error_on_their_line() -> None:
    found = problem('---\ntitle: Sprint\ndefinition: "first\n---\n  second"\n---\nBody.\n')
    assert found.code == "yaml-syntax" and "document indicator" in found.message


def test_closing_fence_may_carry_a_comment_and_dots_close_too() -> None:
    assert term("---\ntitle: Sprint\ndefinition: y\n--- # end\nBody.\n").body == "Body.\n"
    assert term("---\ntitle: Sprint\ndefinition: y\n...\nBody.\n").body == "Body.\n"


def test_closing_fence_with_text_after_it_is_an_error() -> None:
    found = problem("---\ntitle: Sprint\ndefinition: y\n--- Body\n")
    assert (found.code, found.line) == ("front-matter-fence", 4)


def test_body_that_is_not_yaml_does_not_matter() -> None:
    body = "\t- [ unclosed { ' \" : & * ! % @ `\n\n---\n\n| table |\n"
    parsed = term(f"---\ntitle: Sprint\ndefinition: y\n---\n{body}")
    assert parsed.body == body


def test_front_matter_never_closed_is_still_reported_as_such() -> None:
    found = problem("---\ntitle: Sprint\ndefinition: y\n\nSprints repeat: often.\n")
    assert (found.code, found.line) == ("front-matter-unclosed", 1)


# ---------------------------------------------------------------------------
# Control characters are refused at load, named, never printed raw
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "shown"),
    [
        ("\x00", "U+0000 (NUL)"),
        ("\x1b", "U+001B (ESC)"),
        ("\x07", "U+0007 (BEL)"),
        ("\x7f", "U+007F (DEL)"),
        ("\x85", "U+0085 (NEL)"),
        ("\x9b", "U+009B"),
        ("\u2028", "U+2028 (LINE SEPARATOR)"),
    ],
)
def test_control_character_in_the_title_is_named_with_line_and_column(
    char: str, shown: str
) -> None:
    found = problem(f"---\ntitle: Sp{char}rint\ndefinition: y\n---\n")
    assert (found.code, found.line) == ("control-character", 2)
    assert shown in found.message and "column 10" in found.message
    assert char not in found.message + found.hint


def test_control_character_in_the_body_is_refused() -> None:
    found = problem("---\ntitle: Sprint\ndefinition: y\n---\n\nRed \x1b[31malert\n")
    assert (found.code, found.line) == ("control-character", 6)
    assert "column 5" in found.message


@pytest.mark.parametrize(
    ("front", "line", "escaped"),
    [
        ('title: "Sprint\\e[31m"\ndefinition: A time box.', 2, "U+001B"),
        ('title: Sprint\ndefinition: A time box.\nsummary: "a\\x07b"', 4, "U+0007"),
        ('title: Sprint\ndefinition: A time box.\naliases: ["Iteration\\0"]', 4, "U+0000"),
        ('title: Sprint\ndefinition: A time box.\ncategory: "\\x85"', 4, "U+0085"),
    ],
)
def test_control_character_spelt_as_a_yaml_escape_is_refused(
    front: str, line: int, escaped: str
) -> None:
    found = problem(f"---\n{front}\n---\n")
    assert (found.code, found.line) == ("control-character", line)
    assert escaped in found.message
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in found.message + found.hint)


def test_tab_cr_and_lf_are_fine() -> None:
    parsed = term("---\r\ntitle: Sprint\r\ndefinition: y\r\n---\r\n\r\nCode:\tthere\r\n")
    assert "Code:\tthere" in parsed.body


def test_control_character_report_prints_no_raw_character(glossary: WriteGlossary) -> None:
    glossary({"sprint.md": term_file("Sprint", "A \x1b[2J time box.")})
    result = check()
    assert result.exit_code == 1
    expect(result, "glossary/sprint.md:3", "control-character", "U+001B (ESC)", "column 15")
    assert "\x1b" not in result.output


# ---------------------------------------------------------------------------
# Keys and slugs
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key", ["? [title, slug]\n: x", "[a, b]: x", "{a: b}: x", "? - a\n  - b\n: x"]
)
def test_complex_key_is_a_plain_error_on_its_line(key: str) -> None:
    found = problem(f"---\ntitle: Sprint\ndefinition: y\n{key}\n---\n")
    assert (found.code, found.line) == ("complex-key", 4)
    assert found.message == "front-matter keys must be plain names, not a list or mapping"
    assert "Node(" not in found.message + found.hint


def test_slug_longer_than_the_limit_is_an_error() -> None:
    long_slug = "a" * (MAX_SLUG_LENGTH + 1)
    found = problem(f"---\ntitle: Sprint\ndefinition: y\nslug: {long_slug}\n---\n")
    assert (found.code, found.line) == ("slug-too-long", 4)
    assert f"limit is {MAX_SLUG_LENGTH}" in found.message
    assert f"slug: {'a' * MAX_SLUG_LENGTH}" in found.hint


def test_slug_at_the_limit_is_fine() -> None:
    slug = "a" * MAX_SLUG_LENGTH
    assert term(f"---\ntitle: Sprint\ndefinition: y\nslug: {slug}\n---\n").slug == slug


def test_file_name_slug_longer_than_the_limit_is_an_error() -> None:
    path = Path("glossary") / ("word-" * 30 + "x.md")
    raw = load_term(path, b"---\ntitle: Sprint\ndefinition: y\n---\n")
    assert isinstance(raw, RawTerm)
    _, problems = parse_term(raw)
    assert [(p.code, p.line) for p in problems] == [("slug-too-long", 1)]
    assert "rename the file" in problems[0].hint


@pytest.fixture
def glossary(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> WriteGlossary:
    monkeypatch.chdir(tmp_path)
    return write_glossary
