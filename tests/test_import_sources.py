"""Reading other tools' files: dates, macros, shortcodes and links as the importers see them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary_site.cli import cli
from glossary_site.importers.hugo import HugoBody
from glossary_site.importers.macros import MacroContext, convert_macros, macro_args
from glossary_site.importers.model import ImportResult
from glossary_site.importers.sources import parse_date, read_source, rewrite_links
from glossary_site.importers.writer import write_terms


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2026-03-20", dt.date(2026, 3, 20)),
        ("2026/3/5", dt.date(2026, 3, 5)),
        ("2026-03-20T10:00:00Z", dt.date(2026, 3, 20)),
        ("২০২৩/১০/১৯", dt.date(2023, 10, 19)),
        ("2026-02-30", None),
        ("yesterday", None),
    ],
)
def test_dates_are_read_in_their_usual_forms(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


@pytest.mark.parametrize(
    ("args", "parsed"),
    [
        ('"method","methods"', ["method", "methods"]),
        ("'a, b', \"c\"", ["a, b", "c"]),
        ('"say \\"hi\\""', ['say "hi"']),
        ("", []),
    ],
)
def test_macro_arguments_are_unquoted(args: str, parsed: list[str]) -> None:
    assert macro_args(args) == parsed


def test_links_and_hrefs_are_rewritten_but_kept_when_unresolved() -> None:
    text = '[a](/x/) ![i](/img.png "t") <a href="/x/">b</a> [c](https://e.org/)'
    rewritten = rewrite_links(text, lambda t: "x" if t == "/x/" else None)
    assert rewritten == '[a](x) ![i](/img.png "t") <a href="x">b</a> [c](https://e.org/)'


def test_tooltips_link_imported_terms_and_report_others_with_their_line() -> None:
    result = ImportResult()
    hugo = HugoBody(Path("t.md"), 10, {"pod": "Pod"}, result, "https://k.io/#{}")
    body = (
        'A {{< glossary_tooltip term_id="pod" >}}.\n'
        '{{< glossary_tooltip text="x" term_id="gone" >}}'
    )
    assert hugo.convert(body) == "A [Pod](pod).\n[x](https://k.io/#gone)"
    assert [(d.line, d.code) for d in result.diagnostics] == [(11, "import-missing-term")]


def test_unknown_shortcodes_are_removed_with_a_warning_and_notes_become_quotes() -> None:
    result = ImportResult()
    hugo = HugoBody(Path("t.md"), 1, {}, result, "{}")
    converted = hugo.convert("{{< note >}}\nCareful.\n{{< /note >}}\n\n{{% video abc %}}")
    assert converted == "> **Note:** Careful.\n\n"
    assert [d.code for d in result.diagnostics] == ["import-shortcode"]


def test_front_matter_is_read_as_written(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_text("---\ntitle: no\nDate: 2026-01-05\n---\n\nBody.\n", encoding="utf-8")
    source = read_source(path, ImportResult())
    assert source is not None
    assert (
        source.take("title") == "no" and source.take("date", case_insensitive=True) == "2026-01-05"
    )
    assert source.line_of("date") == 3 and source.body_line == 5


def test_an_unwritable_out_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    _, problems = write_terms([], tmp_path / "file" / "out")
    assert [p.code for p in problems] == ["import-write-failed"]


@pytest.mark.parametrize("args", [("--language", "../etc"), ("--separator", "")])
def test_bad_language_or_separator_is_a_usage_error(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, ["import", "cncf", str(tmp_path), *args])
    assert result.exit_code == 2


UNCLOSED = 20_000  # quadratic work on this many would take minutes


def test_unclosed_links_shortcodes_and_macros_are_converted_in_linear_time() -> None:
    result = ImportResult()
    hugo = HugoBody(Path("t.md"), 1, {}, result, "{}")
    assert hugo.convert("{{< note >}}\n" * UNCLOSED) == "\n" * UNCLOSED
    assert len(result.diagnostics) == UNCLOSED
    assert result.diagnostics[-1].line == UNCLOSED
    assert hugo.convert("{{< a " * UNCLOSED) == "{{< a " * UNCLOSED
    brackets = "[a](" * UNCLOSED + "[b" * UNCLOSED
    assert rewrite_links(brackets, lambda target: "x") == brackets
    hrefs = "<a href=" * UNCLOSED + '<a href="' + "y" * UNCLOSED
    assert rewrite_links(hrefs, lambda target: "x") == hrefs
    context = MacroContext({}, {}, ImportResult())
    macros = "{{x(" * UNCLOSED
    assert convert_macros(macros, Path("t.md"), 1, "s", context) == macros
