"""Graph lint: one test per code, and the levels [lint] and --strict give them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary_site import read_glossary
from glossary_site.build import Project
from glossary_site.cli import cli
from glossary_site.config import load_config
from glossary_site.diagnostics import Diagnostic, Severity
from glossary_site.lint import lint_graph
from glossary_site.lint_codes import LINT_CODES
from tests.conftest import WriteGlossary, term_file

TODAY = dt.date(2026, 6, 1)
# unlinked-mention reports only where auto-linking is off (it links mentions otherwise).
NO_AUTOLINK = "autolink = false\n"


def pair(
    front_a: str = "", front_b: str = "", body_a: str = "", body_b: str = ""
) -> dict[str, str]:
    """Two terms that list each other as related: no lint finding of their own."""
    a_front = "related: [beta]\n" + front_a
    b_front = "related: [alpha]\n" + front_b
    return {
        "alpha.md": term_file("Alpha", "Alpha is first.", a_front, body_a),
        "beta.md": term_file("Beta", "Beta is second.", b_front, body_b),
    }


def lint(project: Project, today: dt.date = TODAY) -> list[Diagnostic]:
    glossary, diagnostics = read_glossary(project)
    assert glossary is not None
    assert not [d for d in diagnostics if d.is_error], [d.format() for d in diagnostics]
    return list(lint_graph(glossary.graph, glossary.config, today))


def found(diagnostics: list[Diagnostic]) -> list[tuple[str, str, int]]:
    return [(d.code, d.path.name, d.line) for d in diagnostics]


def test_two_terms_related_both_ways_have_no_findings(write_glossary: WriteGlossary) -> None:
    assert lint(write_glossary(pair())) == []


def test_orphan_term_is_a_term_nothing_links_to(write_glossary: WriteGlossary) -> None:
    files = {**pair(), "gamma.md": term_file("Gamma", "Gamma is alone.")}
    assert found(lint(write_glossary(files))) == [("orphan-term", "gamma.md", 2)]


def test_a_link_from_another_term_is_enough_to_not_be_an_orphan(
    write_glossary: WriteGlossary,
) -> None:
    files = {**pair(body_a="See [the third](gamma)."), "gamma.md": term_file("Gamma", "G.")}
    assert found(lint(write_glossary(files))) == []


def test_deprecated_terms_and_a_lone_term_are_not_orphans(write_glossary: WriteGlossary) -> None:
    old = term_file("Old", "Old word.", "status: deprecated\nreplaced_by: alpha")
    assert found(lint(write_glossary({**pair(), "old.md": old}))) == []


def test_one_way_related_is_reported_at_the_related_line(write_glossary: WriteGlossary) -> None:
    files = {
        "alpha.md": term_file("Alpha", "A.", "related:\n  - Beta"),
        "beta.md": term_file("Beta", "B.", body="See [alpha](alpha)."),
    }
    diagnostics = lint(write_glossary(files))
    assert found(diagnostics) == [("one-way-related", "alpha.md", 5)]
    assert "add 'alpha' to the related list of" in diagnostics[0].hint


def test_common_word_alias_is_reported_at_the_alias(write_glossary: WriteGlossary) -> None:
    files = pair(front_a="aliases:\n  - First term\n  - The")
    diagnostics = lint(write_glossary(files))
    assert found(diagnostics) == [("common-word-alias", "alpha.md", 7)]


def test_long_summary_is_reported_at_the_summary(write_glossary: WriteGlossary) -> None:
    files = pair(front_b=f"summary: {'word ' * 40}")
    diagnostics = lint(write_glossary(files))
    assert found(diagnostics) == [("long-summary", "beta.md", 5)]
    assert "199 characters" in diagnostics[0].message


def test_summary_of_160_characters_is_fine(write_glossary: WriteGlossary) -> None:
    assert lint(write_glossary(pair(front_b=f"summary: {'x' * 160}"))) == []


def test_updated_in_the_future_is_reported(write_glossary: WriteGlossary) -> None:
    files = pair(front_a="updated: 2026-06-02")
    assert found(lint(write_glossary(files))) == [("future-updated", "alpha.md", 5)]
    assert lint(write_glossary(pair(front_a="updated: 2026-06-01"))) == []


def test_review_overdue_after_review_after_days(write_glossary: WriteGlossary) -> None:
    files = pair(front_a="updated: 2025-06-01", front_b="updated: 2025-06-02")
    project = write_glossary(files, config="review_after = 364\n")
    diagnostics = lint(project)
    assert found(diagnostics) == [("review-overdue", "alpha.md", 5)]
    assert "365 days ago" in diagnostics[0].message


def test_review_overdue_for_a_term_without_updated(write_glossary: WriteGlossary) -> None:
    project = write_glossary(pair(front_b="updated: 2026-05-01"), config="review_after = 90\n")
    assert found(lint(project)) == [("review-overdue", "alpha.md", 2)]


def test_no_review_lint_without_review_after(write_glossary: WriteGlossary) -> None:
    assert lint(write_glossary(pair(front_a="updated: 1999-01-01"))) == []


def test_unlinked_mention_is_reported_once_at_its_line_and_column(
    write_glossary: WriteGlossary,
) -> None:
    body = "Intro.\n\nWe compare it with beta here, and Beta again."
    diagnostics = lint(write_glossary(pair(body_a=body), config=NO_AUTOLINK))
    assert found(diagnostics) == [("unlinked-mention", "alpha.md", 9)]
    assert diagnostics[0].column == len("We compare it with ") + 1
    assert diagnostics[0].hint == "link the first mention: [beta](beta)"


def test_a_linked_term_is_not_an_unlinked_mention(write_glossary: WriteGlossary) -> None:
    body = "See [Beta](beta). Later beta again."
    assert lint(write_glossary(pair(body_a=body), config=NO_AUTOLINK)) == []


@pytest.mark.parametrize(
    "body",
    [
        "Code `beta` is code.",
        "```\nbeta in a fence\n```",
        "## About beta",
        "A [link about beta](https://example.org/beta) is linked.",
        "An <span title='beta'>x</span> attribute.",
        "Alphabetagamma is one word, and so is beta_x.",
    ],
)
def test_code_links_headings_and_parts_of_words_are_not_mentions(
    write_glossary: WriteGlossary, body: str
) -> None:
    assert lint(write_glossary(pair(body_a=body), config=NO_AUTOLINK)) == []


def test_longest_name_wins_and_acronyms_match_only_in_capitals(
    write_glossary: WriteGlossary,
) -> None:
    files = {
        **pair(body_a="Beta Max is it. The IT team."),
        "beta-max.md": term_file("Beta Max", "BM.", "related: [alpha]"),
        "it.md": term_file("Information Technology", "Computers.", "aliases: [IT]"),
    }
    diagnostics = lint(write_glossary(files, config=NO_AUTOLINK))
    mentions = [(d.message.split("'")[1], d.column) for d in diagnostics if d.path.stem == "alpha"]
    assert ("Beta Max", 1) in mentions and ("IT", 21) in mentions
    assert not any(name.lower() == "it" and column < 20 for name, column in mentions)
    assert ("Beta", 1) not in mentions


def test_a_deprecated_term_named_in_text_needs_no_link(write_glossary: WriteGlossary) -> None:
    old = term_file("Grooming", "Old word.", "status: deprecated\nreplaced_by: alpha")
    files = {**pair(body_a="Formerly called grooming."), "grooming.md": old}
    assert found(lint(write_glossary(files, config=NO_AUTOLINK))) == []


def test_the_definition_is_scanned_too(write_glossary: WriteGlossary) -> None:
    files = pair()
    files["alpha.md"] = term_file("Alpha", "Alpha comes before Beta.", "related: [beta]")
    diagnostics = lint(write_glossary(files, config=NO_AUTOLINK))
    assert found(diagnostics) == [("unlinked-mention", "alpha.md", 3)]


def test_mentions_of_thousands_of_terms_are_found_in_one_pass(
    write_glossary: WriteGlossary,
) -> None:
    count = 2000
    files = {
        f"t{n}.md": term_file(
            f"Term {n}",
            f"Term {n} is used with Term {(n + 1) % count}.",
            f"related: [t{(n + 1) % count}, t{(n - 1) % count}]",
        )
        for n in range(count)
    }
    diagnostics = lint(write_glossary(files, config=NO_AUTOLINK))
    assert len(diagnostics) == count
    assert {d.code for d in diagnostics} == {"unlinked-mention"}


def test_lint_levels_turn_codes_into_errors_or_off(write_glossary: WriteGlossary) -> None:
    files = {**pair(front_a="updated: 2030-01-01"), "gamma.md": term_file("Gamma", "G.")}
    config = '[lint]\norphan-term = "error"\nfuture-updated = "off"\n'
    _, diagnostics = read_glossary(write_glossary(files, config=config))
    assert [(d.code, d.severity) for d in diagnostics] == [("orphan-term", Severity.ERROR)]


def test_a_lint_error_fails_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, text in pair().items():
        (tmp_path / "glossary").mkdir(exist_ok=True)
        (tmp_path / "glossary" / name).write_text(text)
    (tmp_path / "glossary" / "gamma.md").write_text(term_file("Gamma", "G."))
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["check"]).exit_code == 0
    assert CliRunner().invoke(cli, ["check", "--strict"]).exit_code == 1
    (tmp_path / "glossary.toml").write_text('[lint]\norphan-term = "error"\n')
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 1
    assert "glossary/gamma.md:2: error: no other term links to 'Gamma'" in result.stderr


@pytest.mark.parametrize(
    ("config", "line", "code", "hint"),
    [
        ('[lint]\norphan-terms = "off"\n', 2, "config-unknown-key", "did you mean 'orphan-term'?"),
        ('[lint]\norphan-term = "loud"\n', 2, "config-type", 'orphan-term = "error"'),
        ("[lint]\norphan-term = false\n", 2, "config-type", 'orphan-term = "error"'),
        ('[lnt]\norphan-term = "off"\n', 1, "config-unknown-key", "did you mean 'lint'?"),
        ('lint = "off"\n', 1, "config-type", "lint = {"),
        ("review_after = -1\n", 1, "config-review-after", "review_after = 365"),
        ('review_after = "1y"\n', 1, "config-type", "review_after = 365"),
    ],
)
def test_bad_lint_settings_are_config_errors_at_their_line(
    tmp_path: Path, config: str, line: int, code: str, hint: str
) -> None:
    path = tmp_path / "glossary.toml"
    path.write_text(config)
    _, problems = load_config(path)
    assert [(p.line, p.code) for p in problems] == [(line, code)]
    assert hint in problems[0].hint


def test_every_lint_code_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for code in LINT_CODES:
        assert f"`{code}`" in readme, code
