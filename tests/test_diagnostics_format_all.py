"""``format_all`` prints a report as each diagnostic's ``format`` would, one per line,
escaping what must never reach a terminal the same way (each path made printable once)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from glossary_site.diagnostics import Diagnostic, Severity, format_all, printable

TEXT = st.text(alphabet=st.sampled_from([*"ab é\n\t\x1b\x7f", "\u202e", "\x9b", "\ud800"]))
PATHS = st.sampled_from(
    [Path("/w/glossary/a.md"), Path("/w/glossary/b\x1b.md"), Path("rel/c.md"), Path("/x/d.md")]
)
DIAGNOSTIC = st.builds(
    Diagnostic,
    PATHS,
    st.integers(0, 9),
    st.sampled_from(["code", "one-way-related"]),
    TEXT,
    TEXT,
    st.sampled_from(list(Severity)),
    st.integers(0, 3),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(DIAGNOSTIC, max_size=8), st.sampled_from([None, Path("/w")]))
def test_a_report_prints_as_each_diagnostic_formats(
    diagnostics: list[Diagnostic], root: Path | None
) -> None:
    assert format_all(diagnostics, root) == "\n".join(d.format(root) for d in diagnostics)


def test_plain_ascii_is_printed_as_is_and_controls_are_escaped() -> None:
    assert printable("A plain line ~") == "A plain line ~"
    assert printable("bell\x07 del\x7f") == "bell\\x07 del\\x7f"
    assert printable("two\nlines", newlines=True) == "two\nlines"
    assert printable("two\nlines") == "two\\x0alines"


def test_a_text_made_before_the_build_ended_is_printed_only_for_its_own_report() -> None:
    from glossary_site.commands.common import Foreseen

    here = Path.cwd()
    one = (Diagnostic(here / "a.md", 1, "code", "first", "", Severity.WARNING),)
    other = (Diagnostic(here / "a.md", 2, "output", "failed after all", "fix it"),)
    foreseen = Foreseen()
    foreseen(one)
    foreseen.text = "made before"  # (to see which text is used)
    assert foreseen.text_of(one) == "made before"
    assert foreseen.text_of(other) == format_all(other, here)
    assert Foreseen().text_of(one) == "a.md:1: warning: first [code]"
