"""Bad input an editor really writes, run through the command line.

Every case checks what the editor sees: the exit code, ``file:line`` counted as in
their editor (1-based), the key words of the message and a ``hint:`` line, and
that no Python traceback leaks out. Line numbers of ``term_file`` texts:
1 ``---``, 2 ``title:``, 3 ``definition:``, 4… the ``front`` lines, then ``---``,
a blank line and the body.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from glossary_site.cli import cli
from tests.conftest import WriteGlossary, term_file

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

_HEAD_RE = re.compile(
    r"^(?P<where>\S.*?): (?P<severity>error|warning): (?P<message>.*) \[(?P<code>[a-z0-9-]+)\]$"
)


@dataclass(frozen=True)
class Shown:
    """One diagnostic as printed: ``where`` is ``path:line`` (or just ``path``)."""

    where: str
    severity: str
    message: str
    code: str
    hint: str


def shown(text: str) -> list[Shown]:
    """Parse ``path:line: error: message [code]`` blocks and their indented hints."""
    found: list[Shown] = []
    hint: list[str] = []
    head: re.Match[str] | None = None

    def flush() -> None:
        if head:
            found.append(Shown(**head.groupdict(), hint="\n".join(hint).strip()))

    for line in text.splitlines():
        match = _HEAD_RE.match(line)
        if match:
            flush()
            head, hint = match, []
        elif head and line.startswith("    hint: "):
            hint.append(line.removeprefix("    hint: "))
        elif head and hint and line.startswith("        "):
            hint.append(line.strip())
    flush()
    return found


def run(*args: str) -> Result:
    """Invoke the CLI in the current directory; never lets a traceback through."""
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output, result.output
    assert "internal error" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def check() -> Result:
    return run("check", "--source", "glossary")


def build(out: str = "site") -> Result:
    return run("build", "--source", "glossary", "--out", out)


def expect(result: Result, where: str, code: str, *words: str, severity: str = "error") -> Shown:
    """The one diagnostic at ``where`` with ``code``; its message has ``words``, it has a hint."""
    matches = [d for d in shown(result.stderr) if d.where == where and d.code == code]
    assert len(matches) == 1, f"no {code} at {where} in:\n{result.stderr}"
    diagnostic = matches[0]
    assert diagnostic.severity == severity
    for word in words:
        assert word.casefold() in diagnostic.message.casefold(), diagnostic
    assert diagnostic.hint, f"no hint for {diagnostic}"
    return diagnostic


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder below ``root`` with the SHA-256 of its bytes.

    The build cache (.glossary-cache/) is left out: any build may add to it.
    """
    return {
        path.relative_to(root).as_posix(): (
            hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "<dir>"
        )
        for path in sorted(root.rglob("*"))
        if not path.relative_to(root).as_posix().startswith(".glossary-cache")
    }


def sprint(front: str = "", body: str = "Sprints repeat.", definition: str = "") -> str:
    """A valid term file for 'Sprint', with extra front-matter lines from line 4."""
    return term_file("Sprint", definition or "A fixed time box.", front, body)


@pytest.fixture
def glossary(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> WriteGlossary:
    """``write_glossary``, with the current directory at its root (as the CLI expects)."""
    monkeypatch.chdir(tmp_path)
    return write_glossary


# ---------------------------------------------------------------------------
# One bad term file: decoding, splitting, YAML, schema
# ---------------------------------------------------------------------------

ONE_FILE_ERRORS = [
    # --- decoding and splitting
    pytest.param(
        b"---\ntitle: Sprint\ndefinition: x\nauthor: Jos\xe9\n---\n",
        4,
        "not-utf8",
        ("not valid UTF-8", "0xe9"),
        id="latin-1-byte-on-line-4",
    ),
    pytest.param(
        b"\xef\xbb\xbf---\ntitle: Sprint\ndefinition: x\nauthor: Jos\xe9\n---\n",
        4,
        "not-utf8",
        ("0xe9", "offset 46"),
        id="latin-1-byte-after-a-bom-names-the-right-byte",
    ),
    pytest.param("", 1, "empty-file", ("empty",), id="empty-file"),
    pytest.param(" \n\t\n   \n", 1, "empty-file", ("empty",), id="whitespace-only-file"),
    pytest.param(
        "# Sprint\n\nA fixed time box.\n", 1, "no-front-matter", ("no front matter",), id="no-fm"
    ),
    pytest.param(
        "---\ntitle: Sprint\ndefinition: A fixed time box.\n\nSprints repeat.\n",
        1,
        "front-matter-unclosed",
        ("never closed",),
        id="front-matter-never-closed",
    ),
    pytest.param(
        '+++\ntitle = "Sprint"\n+++\n', 1, "no-front-matter", ("front matter",), id="toml-fm"
    ),
    pytest.param("---\n---\nBody.\n", 1, "front-matter-empty", ("empty",), id="empty-fm"),
    # --- YAML syntax, on the line of the file where the editor must look
    pytest.param(
        "---\ntitle: Scrum: the basics\ndefinition: x\n---\n",
        2,
        "yaml-syntax",
        ("YAML",),
        id="yaml-unquoted-colon-in-title",
    ),
    pytest.param(
        "---\ntitle: Sprint\naliases:\n  - Iteration\n - Timebox\ndefinition: x\n---\n",
        5,
        "yaml-syntax",
        ("YAML",),
        id="yaml-list-item-badly-indented-on-line-5",
    ),
    pytest.param(
        "---\ntitle: Sprint\ndefinition\nsummary: A time box.\n---\n",
        3,
        "yaml-syntax",
        ("expected ':'",),
        id="yaml-key-without-colon-on-its-own-line",
    ),
    pytest.param(
        '---\ntitle: "Sprint\ndefinition: x\nsummary: y\n---\n',
        2,
        "yaml-syntax",
        ("quoted",),
        id="yaml-unclosed-quote-where-it-opens",
    ),
    pytest.param(
        "---\ntitle: Sprint\naliases: [Iteration, Timebox\ndefinition: x\n---\n",
        3,
        "yaml-syntax",
        ("flow sequence",),
        id="yaml-unclosed-bracket-where-it-opens",
    ),
    pytest.param(
        "---\ntitle: Sprint\ndefinition: x\naliases:\n\t- Iteration\n---\n",
        5,
        "yaml-syntax",
        ("cannot start any token",),
        id="yaml-tab-indent",
    ),
    pytest.param(
        "---\n- title: Sprint\n- definition: x\n---\n",
        2,
        "front-matter-not-mapping",
        ("not a list of 'key: value' pairs",),
        id="front-matter-is-a-list",
    ),
    # --- required keys and the definition
    pytest.param(
        "---\ndefinition: x\n---\n", 1, "missing-title", ("no 'title'",), id="missing-title"
    ),
    pytest.param(
        "---\ntitle: Sprint\n---\n\n## Details\n\nText.\n",
        5,
        "missing-definition",
        ("no definition",),
        id="no-definition-and-body-starts-with-heading",
    ),
    pytest.param(
        "---\ntitle: Sprint\n---\n",
        1,
        "missing-definition",
        ("no definition",),
        id="no-def-no-body",
    ),
    pytest.param(
        "---\ntitle: Sprint\ndefinition: |\n  A time box.\n\n  It repeats.\n---\n",
        3,
        "definition-not-paragraph",
        ("single paragraph",),
        id="definition-is-two-paragraphs",
    ),
    pytest.param(
        "---\ntitle: Sprint\ndefinition: |\n  - a time box\n  - repeated\n---\n",
        3,
        "definition-not-paragraph",
        ("single paragraph",),
        id="definition-is-a-list",
    ),
    pytest.param(
        "---\ntitle:\ndefinition: x\n---\n",
        2,
        "empty-value",
        ("'title' is empty",),
        id="empty-title",
    ),
    pytest.param(
        "---\ntitle: Null\ndefinition: x\n---\n",
        2,
        "empty-value",
        ("'title' is empty", "'Null'"),
        id="title-null-explains-yaml-null",
    ),
    # --- wrong types
    pytest.param(
        sprint().replace("title: Sprint", "title: [Sprint, Iteration]"),
        2,
        "wrong-type",
        ("'title' must be a single text value", "not a list"),
        id="title-is-a-list",
    ),
    pytest.param(
        sprint("aliases: Iteration"),
        4,
        "wrong-type",
        ("'aliases' must be a list", "not a single value"),
        id="aliases-is-a-string",
    ),
    pytest.param(
        sprint("related:\n  product-backlog: yes"),
        4,
        "wrong-type",
        ("'related' must be a list", "not a mapping"),
        id="related-is-a-mapping",
    ),
    pytest.param(
        sprint("aliases:\n  - Iteration\n  - name: Timebox"),
        6,
        "wrong-type",
        ("each item of 'aliases'",),
        id="list-item-is-a-mapping",
    ),
    # --- dates
    pytest.param(
        sprint("updated: 2026-13-01"), 4, "bad-date", ("2026-13-01", "month"), id="month-13"
    ),
    pytest.param(
        sprint("updated: yesterday"), 4, "bad-date", ("yesterday", "YYYY-MM-DD"), id="not-a-date"
    ),
    pytest.param(
        sprint("updated: 2026-02-30"), 4, "bad-date", ("2026-02-30", "day"), id="february-30"
    ),
    # --- keys
    pytest.param(
        sprint("title: Iteration"),
        4,
        "duplicate-key",
        ("'title' is given twice", "line 2"),
        id="duplicate-key",
    ),
    # --- slugs and file names
    pytest.param(
        sprint("slug: ../../etc"), 4, "bad-slug", ("slug '../../etc'", "a-z"), id="slug-path"
    ),
    pytest.param(
        sprint("slug: Hello World"), 4, "bad-slug", ("slug 'Hello World'",), id="slug-with-space"
    ),
    # --- status and replaced_by
    pytest.param(
        sprint("replaced_by: iteration"),
        4,
        "replaced-by-not-deprecated",
        ("not deprecated",),
        id="replaced-by-without-deprecated",
    ),
    # --- BOM and Windows line ends do not shift line numbers
    pytest.param(
        "\ufeff---\r\ntitle: Sprint\r\ndefinition: x\r\nupdated: 2026-13-01\r\n---\r\n\r\nA.\r\n",
        4,
        "bad-date",
        ("2026-13-01",),
        id="bom-and-crlf-keep-line-numbers",
    ),
]


@pytest.mark.parametrize(("content", "line", "code", "words"), ONE_FILE_ERRORS)
def test_bad_term_file_is_reported_at_its_line(
    glossary: WriteGlossary, content: str | bytes, line: int, code: str, words: tuple[str, ...]
) -> None:
    glossary({"sprint.md": content})
    result = check()
    assert result.exit_code == 1, result.output
    expect(result, f"glossary/sprint.md:{line}", code, *words)
    assert "Failed:" in result.stderr


def test_yaml_colon_hint_shows_the_quoted_form(glossary: WriteGlossary) -> None:
    glossary({"scrum.md": "---\ntitle: Scrum: the basics\ndefinition: x\n---\n"})
    found = expect(check(), "glossary/scrum.md:2", "yaml-syntax")
    assert 'title: "Scrum: the basics"' in found.hint


def test_yaml_bad_indent_hint_talks_about_indentation(glossary: WriteGlossary) -> None:
    glossary({"sprint.md": "---\ntitle: Sprint\naliases:\n  - Iteration\n - Timebox\n---\n"})
    found = expect(check(), "glossary/sprint.md:5", "yaml-syntax")
    assert "indentation" in found.hint


def test_toml_front_matter_hint_says_to_use_yaml(glossary: WriteGlossary) -> None:
    glossary({"sprint.md": '+++\ntitle = "Sprint"\n+++\n'})
    found = expect(check(), "glossary/sprint.md:1", "no-front-matter")
    assert "TOML" in found.hint and "---" in found.hint


@pytest.mark.parametrize(
    ("text", "line", "typo", "meant"),
    [
        pytest.param("---\ntilte: Sprint\ndefinition: x\n---\n", 2, "tilte", "title", id="tilte"),
        pytest.param(sprint("relatd: [Backlog]"), 4, "relatd", "related", id="relatd"),
        pytest.param(sprint("stauts: draft"), 4, "stauts", "status", id="stauts"),
    ],
)
def test_unknown_key_suggests_the_known_one(
    glossary: WriteGlossary, text: str, line: int, typo: str, meant: str
) -> None:
    glossary({"sprint.md": text, "backlog.md": term_file("Backlog")})
    result = check()
    assert result.exit_code == 1
    found = expect(result, f"glossary/sprint.md:{line}", "unknown-key", f"'{typo}'")
    assert f"did you mean '{meant}'?" in found.hint


def test_bad_status_suggests_deprecated(glossary: WriteGlossary) -> None:
    glossary({"sprint.md": sprint("status: depreciated")})
    result = check()
    assert result.exit_code == 1
    found = expect(result, "glossary/sprint.md:4", "bad-status", "'depreciated'")
    assert "did you mean 'deprecated'?" in found.hint


def test_file_name_that_is_not_a_slug_gets_a_rename_hint(glossary: WriteGlossary) -> None:
    glossary({"Daily Scrum.md": term_file("Daily Scrum")})
    result = check()
    assert result.exit_code == 1
    found = expect(result, "glossary/Daily Scrum.md:1", "bad-slug", "'Daily Scrum.md'", "slug")
    assert "rename the file to daily-scrum.md" in found.hint


def test_definition_falls_back_to_the_first_body_paragraph(glossary: WriteGlossary) -> None:
    body = "A fixed time box\nin which a team delivers.\n\n## Details\n\nMore."
    glossary({"sprint.md": "---\ntitle: Sprint\n---\n\n" + body + "\n"})
    result = build()
    assert result.exit_code == 0, result.output
    page = Path("site/sprint/index.html").read_text(encoding="utf-8")
    definition = page.split('id="definition"', 1)[1].split("</section>", 1)[0]
    assert "A fixed time box\nin which a team delivers." in definition


# ---------------------------------------------------------------------------
# YAML 1.1 look-alikes stay the text the editor wrote
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title", ["no", "off", "yes", "1.10", "1_000", "0x1F", ".inf", "2026-01-05"]
)
def test_yaml_lookalike_title_is_kept_as_written(glossary: WriteGlossary, title: str) -> None:
    glossary({"term.md": term_file(title, "A term with a tricky title.")})
    result = build()
    assert result.exit_code == 0, result.output
    page = Path("site/term/index.html").read_text(encoding="utf-8")
    assert f"<h1>{title}</h1>" in page


def test_yaml_lookalike_aliases_and_unquoted_date_are_kept(glossary: WriteGlossary) -> None:
    glossary(
        {
            "no.md": term_file("no", "A refusal.", "aliases: [yes, on]\nupdated: 2026-01-05"),
            "version.md": term_file("1.10", "A release.", "related: [no, yes]"),
        }
    )
    result = build()
    assert result.exit_code == 0, result.output
    page = Path("site/no/index.html").read_text(encoding="utf-8")
    assert "<h1>no</h1>" in page
    assert '<span class="alias">yes</span>' in page
    assert '<span class="alias">on</span>' in page
    assert 'datetime="2026-01-05"' in page
    for boolean in (">True<", ">False<", ">true<", ">false<"):
        assert boolean not in page
    assert "<h1>1.10</h1>" in Path("site/version/index.html").read_text(encoding="utf-8")


def test_bom_and_crlf_file_builds(glossary: WriteGlossary) -> None:
    text = "\ufeff" + term_file("Sprint", body="## Details\n\nMore.").replace("\n", "\r\n")
    glossary({"sprint.md": text.encode("utf-8")})
    result = build()
    assert result.exit_code == 0, result.output
    page = Path("site/sprint/index.html").read_text(encoding="utf-8")
    assert "<h1>Sprint</h1>" in page
    assert "\ufeff" not in page and "\r" not in page


# ---------------------------------------------------------------------------
# Problems between terms: slugs, names, references, links
# ---------------------------------------------------------------------------

TERM_GRAPH_ERRORS = [
    pytest.param(
        {"sprint.md": sprint(), "iteration.md": term_file("Iteration", front="slug: sprint")},
        "glossary/iteration.md:4",
        "duplicate-slug",
        ("slug 'sprint'", "also used by glossary/sprint.md"),
        id="duplicate-slug-reported-at-the-slug-line-not-the-file-named-so",
    ),
    pytest.param(
        {"sprint.md": sprint(), "timebox.md": term_file("Timebox", front="slug: sprint")},
        "glossary/timebox.md:4",
        "duplicate-slug",
        ("slug 'sprint'", "also used by glossary/sprint.md"),
        id="duplicate-slug-in-a-later-file",
    ),
    pytest.param(
        {"sprint.md": sprint("aliases: [Iteration]"), "iteration.md": term_file("Iteration")},
        "glossary/sprint.md:4",
        "name-collision",
        ("alias 'Iteration'", "iteration.md"),
        id="alias-equals-another-title",
    ),
    pytest.param(
        {"sprint.md": sprint(), "sprint-2.md": term_file("SPRINT")},
        "glossary/sprint-2.md:2",
        "name-collision",
        ("title 'SPRINT'", "slug of glossary/sprint.md"),
        id="title-collision-ignores-case",
    ),
    pytest.param(
        {"sprint.md": sprint("related: [Backlgo]"), "backlog.md": term_file("Backlog")},
        "glossary/sprint.md:4",
        "unknown-term",
        ("related term 'Backlgo'", "not a term"),
        id="unknown-related-term",
    ),
    pytest.param(
        {"sprint.md": sprint(body="Intro.\n\nSee [the backlog](unknown-slug).")},
        "glossary/sprint.md:8",
        "broken-link",
        ("'unknown-slug'",),
        id="body-link-to-unknown-slug",
    ),
    pytest.param(
        {
            "sprint.md": sprint(body="Intro.\n\nSee [the backlog](backlog)."),
            "backlog.md": term_file("Backlog", front="status: draft"),
        },
        "glossary/sprint.md:8",
        "draft-reference",
        ("'backlog'", "draft"),
        id="body-link-to-draft",
    ),
    pytest.param(
        {
            "sprint.md": sprint("status: deprecated\nreplaced_by: iteraton"),
            "iteration.md": term_file("Iteration"),
        },
        "glossary/sprint.md:5",
        "unknown-term",
        ("replaced_by 'iteraton'",),
        id="replaced-by-unknown-term",
    ),
]


@pytest.mark.parametrize(("files", "where", "code", "words"), TERM_GRAPH_ERRORS)
def test_problem_between_terms_is_reported_at_its_line(
    glossary: WriteGlossary, files: dict[str, str], where: str, code: str, words: tuple[str, ...]
) -> None:
    glossary(files)
    result = check()
    assert result.exit_code == 1, result.output
    expect(result, where, code, *words)


def test_unknown_related_term_suggests_the_close_one(glossary: WriteGlossary) -> None:
    glossary({"sprint.md": sprint("related: [Backlgo]"), "backlog.md": term_file("Backlog")})
    found = expect(check(), "glossary/sprint.md:4", "unknown-term")
    assert "did you mean 'Backlog'?" in found.hint


@pytest.mark.parametrize(
    ("files", "where", "code", "words"),
    [
        pytest.param(
            {"sprint.md": sprint("related: [sprint]")},
            "glossary/sprint.md:4",
            "self-reference",
            ("itself",),
            id="self-related",
        ),
        pytest.param(
            {
                "sprint.md": sprint("related: [backlog]"),
                "backlog.md": term_file("Backlog", front="status: draft"),
            },
            "glossary/sprint.md:4",
            "draft-reference",
            ("draft",),
            id="related-to-draft",
        ),
    ],
)
def test_questionable_reference_is_a_warning(
    glossary: WriteGlossary, files: dict[str, str], where: str, code: str, words: tuple[str, ...]
) -> None:
    glossary(files)
    result = check()
    assert result.exit_code == 0, result.output
    expect(result, where, code, *words, severity="warning")
    assert "1 warning" in result.stdout
    assert run("check", "--source", "glossary", "--strict").exit_code == 1


def test_alias_equal_to_its_own_title_is_fine(glossary: WriteGlossary) -> None:
    glossary({"sprint.md": sprint("aliases: [sprint, SPRINT, Iteration]")})
    result = check()
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_related_by_title_and_by_alias_resolves(glossary: WriteGlossary) -> None:
    glossary(
        {
            "sprint.md": sprint("related:\n  - product backlog\n  - PB Refinement"),
            "product-backlog.md": term_file("Product Backlog"),
            "refinement.md": term_file("Refinement", front="aliases: [PB refinement]"),
        }
    )
    result = build()
    assert result.exit_code == 0, result.output
    assert "[unknown-term]" not in result.stderr  # lint advice (one-way-related) may remain
    page = Path("site/sprint/index.html").read_text(encoding="utf-8")
    assert "../product-backlog/" in page and "../refinement/" in page


# ---------------------------------------------------------------------------
# glossary.toml
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "line", "code", "words", "hint"),
    [
        pytest.param(
            'title = "Terms"\ntitel = "Terms"\n',
            2,
            "config-unknown-key",
            ("'titel'",),
            "did you mean 'title'?",
            id="unknown-key-with-suggestion",
        ),
        pytest.param(
            'title = "Terms"\ntrust_html = "yes"\n',
            2,
            "config-type",
            ("'trust_html' must be true or false", "not a string"),
            "trust_html = true",
            id="wrong-type",
        ),
        pytest.param(
            'title = "Terms"\n\ndescription = "never closed\n',
            3,
            "config-syntax",
            ("TOML syntax error",),
            "quotes",
            id="toml-syntax-error",
        ),
        pytest.param(
            "title = Terms\n",
            1,
            "config-syntax",
            ("TOML syntax error",),
            "double quotes",
            id="toml-unquoted-string",
        ),
        pytest.param(
            'title = "Terms"\nbase_url = "example.org/glossary"\n',
            2,
            "config-base-url",
            ("base_url", "not an absolute http(s) URL"),
            "https://",
            id="base-url-without-scheme",
        ),
        pytest.param(
            '[site]\ntitle = "Terms"\n',
            1,
            "config-unknown-key",
            ("'site'",),
            "remove the line '[site]'",
            id="settings-under-a-table-header",
        ),
    ],
)
def test_bad_config_is_reported_at_its_line(
    glossary: WriteGlossary, config: str, line: int, code: str, words: tuple[str, ...], hint: str
) -> None:
    glossary({"sprint.md": sprint()}, config=config)
    result = check()
    assert result.exit_code == 1, result.output
    found = expect(result, f"glossary.toml:{line}", code, *words)
    assert hint in found.hint


def test_config_not_utf8_is_reported_at_its_line(glossary: WriteGlossary, tmp_path: Path) -> None:
    glossary({"sprint.md": sprint()})
    (tmp_path / "glossary.toml").write_bytes(b'title = "Terms"\nauthor = "Jos\xe9"\n')
    result = check()
    assert result.exit_code == 1
    expect(result, "glossary.toml:2", "config-encoding", "not valid UTF-8")


# ---------------------------------------------------------------------------
# Usage errors and the empty glossary
# ---------------------------------------------------------------------------


def test_missing_config_file_is_a_usage_error(glossary: WriteGlossary) -> None:
    glossary({"sprint.md": sprint()})
    result = run("check", "--source", "glossary", "--config", "nowhere.toml")
    assert result.exit_code == 2
    assert "--config" in result.stderr and "nowhere.toml" in result.stderr


@pytest.mark.parametrize("command", ["check", "build"])
def test_missing_source_folder_is_a_usage_error(glossary: WriteGlossary, command: str) -> None:
    result = run(command, "--source", "nowhere")
    assert result.exit_code == 2
    assert "--source" in result.stderr and "nowhere" in result.stderr
    assert not Path("site").exists()


def test_empty_glossary_folder_fails_with_a_hint(glossary: WriteGlossary) -> None:
    glossary({".hidden-draft.md": sprint()})  # hidden files are not terms
    result = check()
    assert result.exit_code == 1
    found = expect(result, "glossary", "no-terms", "no term files")
    assert "glossary-site new" in found.hint


def test_new_refuses_to_overwrite_a_term(glossary: WriteGlossary, tmp_path: Path) -> None:
    glossary({"daily-scrum.md": term_file("Daily Scrum", "Our own words.")})
    before = (tmp_path / "glossary" / "daily-scrum.md").read_bytes()
    result = run("new", "--source", "glossary", "Daily Scrum")
    assert result.exit_code == 1
    expect(result, "glossary/daily-scrum.md", "new-exists", "already exists")
    assert (tmp_path / "glossary" / "daily-scrum.md").read_bytes() == before


# ---------------------------------------------------------------------------
# Many problems at once
# ---------------------------------------------------------------------------


def test_every_problem_in_every_file_is_reported_sorted(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    glossary(
        {
            "d.md": term_file(
                "Delta", front="related: [nothing]", body="One.\n\nTwo.\n\n[x](missing-one)"
            ),
            "b.md": term_file("Bravo", front="updated: 2026-02-30\nfoo: bar"),
            "c.md": "",
            "a.md": "---\ntitle: Scrum: the basics\n---\n",
            "sub/e.md": b"---\ntitle: Echo\ndefinition: \xff\n---\n",
        },
        config='title = "Terms"\ntitel = "x"\n',
    )
    before = snapshot(tmp_path)
    result = check()
    assert result.exit_code == 1
    assert [(d.where, d.code) for d in shown(result.stderr)] == [
        ("glossary.toml:2", "config-unknown-key"),
        ("glossary/a.md:2", "yaml-syntax"),
        ("glossary/b.md:4", "bad-date"),
        ("glossary/b.md:5", "unknown-key"),
        ("glossary/c.md:1", "empty-file"),
        ("glossary/d.md:4", "unknown-term"),
        ("glossary/d.md:11", "broken-link"),
        ("glossary/sub/e.md:3", "not-utf8"),
    ]
    assert all(d.hint for d in shown(result.stderr))
    assert "Failed: 8 errors." in result.stderr
    assert snapshot(tmp_path) == before  # check writes nothing


# ---------------------------------------------------------------------------
# build: the old site and the sources are never harmed
# ---------------------------------------------------------------------------

BREAKAGES = [
    pytest.param("glossary/sprint.md", sprint("updated: 2026-13-01"), id="term-error"),
    pytest.param("glossary/sprint.md", sprint(body="See [x](nowhere)."), id="broken-link"),
    pytest.param("glossary.toml", 'title = "unclosed\n', id="config-syntax-error"),
    pytest.param("glossary/new.md", "", id="new-empty-file"),
]


@pytest.mark.parametrize(("name", "text"), BREAKAGES)
def test_failed_build_leaves_site_and_sources_byte_for_byte(
    glossary: WriteGlossary, tmp_path: Path, name: str, text: str
) -> None:
    glossary({"sprint.md": sprint(), "backlog.md": term_file("Backlog")}, config='title = "T"\n')
    assert build().exit_code == 0
    (tmp_path / name).write_text(text, encoding="utf-8")
    before = snapshot(tmp_path)
    assert any(path.startswith("site/") for path in before)
    result = build()
    assert result.exit_code == 1
    assert "Nothing was written" in result.stderr
    assert snapshot(tmp_path) == before


def test_build_writes_nothing_outside_the_output_folder(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    glossary({"sprint.md": sprint(), "backlog.md": term_file("Backlog")}, config='title = "T"\n')

    def outside() -> dict[str, str]:
        return {k: v for k, v in snapshot(tmp_path).items() if k.split("/")[0] != "site"}

    before = outside()
    assert build().exit_code == 0  # first build creates site/
    assert build().exit_code == 0  # second build replaces it
    assert outside() == before
    assert (tmp_path / "site" / "index.html").is_file()


@pytest.mark.parametrize(
    ("out", "words"),
    [
        pytest.param("glossary", "is the source folder", id="the-source-folder"),
        pytest.param(".", "is the current folder", id="the-current-directory"),
        pytest.param("..", "contains the current folder", id="a-parent-folder"),
        pytest.param("glossary/site", "inside the source folder", id="inside-the-source-folder"),
        pytest.param("notes/todo.txt", "not a folder", id="an-existing-file"),
    ],
)
def test_build_refuses_an_unsafe_output_folder(
    glossary: WriteGlossary, tmp_path: Path, out: str, words: str
) -> None:
    glossary({"sprint.md": sprint()}, config='title = "T"\n')
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("keep me\n", encoding="utf-8")
    before = snapshot(tmp_path)
    result = build(out)
    assert result.exit_code == 1, result.output
    expect(result, out, "unsafe-output", words)
    assert snapshot(tmp_path) == before


def test_a_site_that_cannot_be_written_is_an_error_and_keeps_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "sprint.md").write_text(
        "---\ntitle: Sprint\ndefinition: A box.\n---\n"
    )
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["build"]).exit_code == 0
    before = (tmp_path / "site" / "sprint" / "index.html").read_bytes()

    def full_disk(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    # an edit, so that the rebuild has a file to write (unchanged files are not written)
    (tmp_path / "glossary" / "sprint.md").write_text(
        "---\ntitle: Sprint\ndefinition: A time box.\n---\n"
    )
    monkeypatch.setattr(Path, "write_bytes", full_disk)
    result = CliRunner().invoke(cli, ["build", "--no-cache"])
    monkeypatch.undo()
    assert result.exit_code == 1
    assert "could not write the site" in result.stderr and "No space left" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert (tmp_path / "site" / "sprint" / "index.html").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []
