"""Pathological Markdown ends quickly in a clear error or a correct page, never exit 3.

Each class of input that makes Python-Markdown quadratic or deeply recursive goes
through the command line. The tests assert the error, not the time: without the
limits, several of these inputs take minutes or raise ``RecursionError``.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from glossary_site.load import load_term
from glossary_site.markup import MarkdownRenderer, limits
from glossary_site.schema import Term, parse_term
from tests.conftest import BUNDLED_SOURCE, WriteGlossary, term_file
from tests.test_bad_input import build, check, expect, snapshot


@pytest.fixture
def glossary(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> WriteGlossary:
    """``write_glossary``, with the current directory at its root (as the CLI expects)."""
    monkeypatch.chdir(tmp_path)
    return write_glossary


BODY_LINE = 6  # term_file: ---, title, definition, ---, blank line, then the body


def body_term(body: str) -> str:
    return term_file("Sprint", "A fixed time box.", body=body)


REJECTED = [
    pytest.param("[" * 10_000, 0, "'['", id="10000-open-brackets"),
    pytest.param("Text [a " * 30 + "\n" + "[c " * 100, 0, "'['", id="brackets-over-lines"),
    pytest.param("[a](" * 5_000, 0, "link targets", id="5000-unclosed-link-targets"),
    pytest.param("*" * 2_000 + "x" + "*" * 2_000, 0, "'*'", id="2000-stars-around-a-word"),
    pytest.param("a " + "_" * 5_000 + " b", 0, "'_'", id="5000-underscores-in-text"),
    pytest.param(
        "\n".join("    " * i + "- item" for i in range(300)), 20, "nested", id="300-level-list"
    ),
    pytest.param("> " * 300 + "quoted", 0, "nested", id="300-nested-blockquotes"),
    pytest.param(
        "\n".join(">" * i + " line" for i in range(1, 301)), 20, "nested", id="quote-per-line"
    ),
    pytest.param("Intro.\n\n" + "word " * 40_000, 2, "characters long", id="200kb-line"),
]


@pytest.mark.parametrize(("body", "line", "words"), REJECTED)
@pytest.mark.parametrize("command", ["check", "build"])
def test_pathological_markdown_is_a_limit_error_on_its_line(
    glossary: WriteGlossary, tmp_path: Path, command: str, body: str, line: int, words: str
) -> None:
    glossary({"sprint.md": body_term(body), "kanban.md": term_file("Kanban")})
    before = snapshot(tmp_path)
    result = check() if command == "check" else build()
    assert result.exit_code == 1, result.output
    expect(result, f"glossary/sprint.md:{BODY_LINE + line}", "markdown-limit", words)
    assert snapshot(tmp_path) == before


def test_a_limit_error_in_the_definition_names_the_definition_line(glossary: WriteGlossary) -> None:
    glossary({"sprint.md": term_file("Sprint", '"' + "[" * 10_000 + '"')})
    result = check()
    assert result.exit_code == 1
    expect(result, "glossary/sprint.md:3", "markdown-limit", "'['")


def test_emphasis_nested_a_thousand_times_is_a_conversion_error(glossary: WriteGlossary) -> None:
    glossary({"sprint.md": body_term("*a " * 1_000 + "b*" * 1_000)})
    result = check()
    assert result.exit_code == 1, result.output
    expect(result, f"glossary/sprint.md:{BODY_LINE}", "markdown-failed", "nested too deeply")


@pytest.mark.parametrize(
    ("body", "present"),
    [
        pytest.param("<div>\n" * 10_000 + "deep\n" + "</div>\n" * 10_000, "deep", id="10000-divs"),
        pytest.param("*" * 2_000, "<hr", id="a-rule-of-2000-stars"),
        pytest.param("Fill in: " + "_" * 100 + " here.", "Fill in", id="100-underscores"),
        pytest.param(
            "\n".join("    " * i + "- level" for i in range(20)), "level", id="20-level-list"
        ),
        pytest.param("```\n" + "[" * 10_000 + "\n```", "[[[", id="brackets-in-a-code-fence"),
    ],
)
def test_large_but_harmless_markdown_builds_a_correct_page(
    glossary: WriteGlossary, tmp_path: Path, body: str, present: str
) -> None:
    glossary({"sprint.md": body_term(body)})
    result = build()
    assert result.exit_code == 0, result.output
    assert present in (tmp_path / "site" / "sprint" / "index.html").read_text()


# ---------------------------------------------------------------------------
# The time budget
# ---------------------------------------------------------------------------


def make_term(text: str) -> Term:
    raw = load_term(Path("glossary/sprint.md"), text.encode())
    term, problems = parse_term(raw)  # type: ignore[arg-type]
    assert term is not None, problems
    return term


NORMAL = body_term("## Part\n\n- one\n    - two\n\nA note.[^1] *Emphasis*.\n\n[^1]: Footnote.")


def test_a_conversion_over_the_time_budget_is_an_error_and_the_renderer_recovers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    renderer = MarkdownRenderer(trust_html=False)
    expected = MarkdownRenderer(trust_html=False).render(make_term(NORMAL))
    converter = renderer._md
    monkeypatch.setattr(limits, "TIME_BUDGET_SECONDS", 0.05)
    slow = body_term("<div>\n" * 5_000 + "x\n" + "</div>\n" * 5_000)
    started = time.perf_counter()
    document, problems = renderer.render(make_term(slow))
    assert time.perf_counter() - started < 2
    assert [(p.code, p.line) for p in problems] == [("markdown-timeout", BODY_LINE)]
    assert "0.05 s" in problems[0].message and problems[0].hint
    assert document.body_html == ""
    assert renderer._md is not converter  # an interrupted converter may hold partial state
    monkeypatch.undo()
    assert renderer.render(make_term(NORMAL)) == expected


def test_the_time_budget_restores_the_previous_alarm_handler() -> None:
    def mine(signum: int, frame: object) -> None:
        pass

    previous = signal.signal(signal.SIGPROF, mine)
    try:
        with limits.time_budget(5):
            pass
        assert signal.getsignal(signal.SIGPROF) is mine
        assert signal.getitimer(signal.ITIMER_PROF)[0] == 0
    finally:
        signal.signal(signal.SIGPROF, previous)


def test_the_time_budget_counts_cpu_time_so_a_busy_machine_fails_no_term() -> None:
    with limits.time_budget(0.05):
        time.sleep(0.2)  # waiting (another job has the CPU) uses no budget
    with pytest.raises(limits.TimeBudgetExceeded), limits.time_budget(0.05):
        while True:
            pass


def test_the_bundled_glossary_is_within_every_limit() -> None:
    texts = [p.read_text(encoding="utf-8") for p in BUNDLED_SOURCE.rglob("*.md")]
    assert texts and [limits.find_limit_problem(t) for t in texts] == [None] * len(texts)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("\\[" * 1_000, id="escaped-brackets"),
        pytest.param("[a](b) " * 1_000, id="a-thousand-links-in-a-paragraph"),
        pytest.param("[[x]] " * 1_000, id="balanced-double-brackets"),
        pytest.param("[open\n\n" * 1_000, id="one-open-bracket-per-paragraph"),
        pytest.param("~~~\n" + "> " * 100 + "\n~~~", id="quotes-in-a-tilde-fence"),
        pytest.param("- item\n" * 1_000, id="a-long-flat-list"),
        pytest.param("*" * 500 + "\n\n" + "_ " * 500, id="rules"),
        pytest.param("```c\n/" + "*" * 200 + " banner */\n```", id="star-banner-in-code"),
    ],
)
def test_ordinary_text_is_within_the_limits(text: str) -> None:
    assert limits.find_limit_problem(text) is None
