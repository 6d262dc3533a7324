"""A broken project template is exit 1 with its file, line and a hint, in check and build.

``check`` renders the whole site in memory through the same code as ``build``, so
every failure that would stop a build is found by ``check`` first; the old site
stays byte-identical.
"""

from __future__ import annotations

import os
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

import glossary_site.render
from glossary_site.markup import RESERVED_IDS
from glossary_site.template_errors import template_diagnostic
from tests.conftest import WriteGlossary, term_file
from tests.test_bad_input import build, check, expect, run, snapshot
from tests.test_bad_input import shown as shown_problems


@pytest.fixture
def glossary(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> WriteGlossary:
    """``write_glossary``, with the current directory at its root (as the CLI expects)."""
    monkeypatch.chdir(tmp_path)
    return write_glossary


def in_main(line: str) -> str:
    """A term.html override whose line 3 is ``line``."""
    return f'{{% extends "default/term.html" %}}\n{{% block main %}}\n{line}\n{{% endblock %}}\n'


BROKEN = [
    pytest.param(
        "term.html", in_main('{% include "term.html" %}'), 3, "calling itself", id="self-include"
    ),
    pytest.param(
        "term.html",
        '{% extends "default/term.html" %}\n{% macro f() %}{{ f() }}{% endmacro %}\n'
        "{% block main %}{{ f() }}{% endblock %}\n",
        2,
        "calling itself",
        id="recursive-macro",
    ),
    pytest.param(
        "term.html", in_main("{{ term_count / 0 }}"), 3, "division by zero", id="divide-by-zero"
    ),
    pytest.param("term.html", in_main("{{ term.title() }}"), 3, "not callable", id="call-a-string"),
    pytest.param(
        "term.html", in_main("{{ nothing }}"), 3, "'nothing' is undefined", id="undefined"
    ),
    pytest.param(
        "term.html",
        in_main('{% include "missing.html" %}'),
        3,
        "no template named",
        id="missing-include",
    ),
    pytest.param(
        "index.html",
        '{% extends "default/index.html" %}\n{% block main %}\n'
        "{{ groups[99].label }}\n{% endblock %}\n",
        3,
        "no element 99",
        id="index-out-of-range",
    ),
    pytest.param(
        "404.html",
        '{% extends "default/404.html" %}\n{% block main %}\n'
        "{{ page.nowhere.deeper }}\n{% endblock %}\n",
        3,
        "nowhere",
        id="404-undefined-attribute",
    ),
]


@pytest.mark.parametrize(("name", "text", "line", "words"), BROKEN)
def test_a_failing_template_is_an_error_at_its_line_in_check_and_build(
    glossary: WriteGlossary, tmp_path: Path, name: str, text: str, line: int, words: str
) -> None:
    glossary({"sprint.md": term_file("Sprint"), "kanban.md": term_file("Kanban")})
    assert build().exit_code == 0
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / name).write_text(text, encoding="utf-8")
    before = snapshot(tmp_path)
    for result in (check(), build()):
        assert result.exit_code == 1, result.output
        diagnostic = expect(result, f"templates/{name}:{line}", "template-error", words)
        assert diagnostic.hint
        assert result.stderr.count("[template-error]") == 1, result.stderr
    assert snapshot(tmp_path) == before


def test_a_self_including_template_fails_quickly(glossary: WriteGlossary, tmp_path: Path) -> None:
    glossary({f"t{i}.md": term_file(f"Term {i}") for i in range(50)})
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "term.html").write_text(in_main('{% include "term.html" %}'))
    started = time.perf_counter()
    assert check().exit_code == 1
    assert time.perf_counter() - started < 10  # one recursion, not one per term


def test_a_template_that_runs_too_long_is_stopped_at_its_line(
    glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(glossary_site.render, "PAGE_TIME_BUDGET_SECONDS", 0.2)
    glossary({"sprint.md": term_file("Sprint")})
    (tmp_path / "templates").mkdir()
    loop = "{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}"
    (tmp_path / "templates" / "404.html").write_text(
        '{% extends "default/404.html" %}\n{% block main %}\n' + loop + "\n{% endblock %}\n"
    )
    for result in (check(), build()):
        assert result.exit_code == 1, result.output
        expect(result, "templates/404.html:3", "template-error", "longer than 0.2 s")
    assert not (tmp_path / "site").exists()


def test_a_template_that_is_not_utf8_is_an_error_at_the_bad_byte(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    glossary({"sprint.md": term_file("Sprint")})
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "term.html").write_bytes(
        b'{% extends "default/term.html" %}\n{# Caf\xe9 #}\n'
    )
    for result in (check(), build()):
        assert result.exit_code == 1, result.output
        expect(result, "templates/term.html:2", "template-encoding", "not valid UTF-8", "0xe9")
    assert not (tmp_path / "site").exists()


def test_an_included_part_that_is_not_utf8_is_found_when_rendering(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    glossary({"sprint.md": term_file("Sprint")})
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "term.html").write_text(in_main('{% include "part.inc" %}'))
    (tmp_path / "templates" / "part.inc").write_bytes(b"line one\n\xff\n")
    result = check()
    assert result.exit_code == 1, result.output
    expect(result, "templates/part.inc:2", "template-encoding", "not valid UTF-8")


def test_an_undefined_variable_is_found_by_check_without_building(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    glossary(
        {"sprint.md": term_file("Sprint")},
        templates={"robots.txt": "User-agent: *\n{{ sitemap_url }}\n"},
    )
    result = check()
    assert result.exit_code == 1, result.output
    expect(result, "templates/robots.txt:2", "template-error", "sitemap_url")
    assert not (tmp_path / "site").exists()


def test_check_finds_sitemap_errors_even_without_a_base_url(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    glossary(
        {"sprint.md": term_file("Sprint")}, templates={"sitemap.xml": "<x>{{ nothing }}</x>\n"}
    )
    result = check()  # no base_url: no sitemap is written, but build --base-url would fail
    assert result.exit_code == 1, result.output
    expect(result, "templates/sitemap.xml:1", "template-error", "nothing")
    assert run("build", "--source", "glossary", "--base-url", "https://a.example/").exit_code == 1


def test_a_template_nested_too_deeply_to_compile_is_an_error(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    deep = "{{ " + "(" * 3_000 + "1" + ")" * 3_000 + " }}\n"
    glossary({"sprint.md": term_file("Sprint")}, templates={"term.html": deep})
    result = check()
    assert result.exit_code == 1, result.output
    expect(result, "templates/term.html", "template-error", "nests too deeply")


def test_a_failure_outside_the_project_templates_is_not_blamed_on_them(tmp_path: Path) -> None:
    try:
        raise ZeroDivisionError("in our own code")
    except ZeroDivisionError as exc:
        assert template_diagnostic(exc, tmp_path / "templates") is None


# ---------------------------------------------------------------------------
# Output paths: what check finds before build would fail to write
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("static_file", "words"),
    [
        pytest.param("sprint", "both a file and a folder", id="file-where-a-term-folder-goes"),
        pytest.param("sprint/index.html", "would replace a page", id="file-replacing-a-term-page"),
        pytest.param(
            "index.html/logo.png", "both a file and a folder", id="folder-named-index-html"
        ),
    ],
)
def test_a_static_file_colliding_with_the_pages_is_found_by_check(
    glossary: WriteGlossary, tmp_path: Path, static_file: str, words: str
) -> None:
    glossary({"sprint.md": term_file("Sprint")})
    assert build().exit_code == 0
    target = tmp_path / "static" / static_file
    target.parent.mkdir(parents=True)
    target.write_text("mine", encoding="utf-8")
    before = snapshot(tmp_path)
    for result in (check(), build()):
        assert result.exit_code == 1, result.output
        expect(result, f"static/{static_file}", "static-clash", words)
    assert snapshot(tmp_path) == before


def test_a_static_file_inside_a_term_folder_is_fine(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    glossary({"sprint.md": term_file("Sprint")})
    (tmp_path / "static" / "sprint").mkdir(parents=True)
    (tmp_path / "static" / "sprint" / "diagram.svg").write_text("<svg/>", encoding="utf-8")
    assert build().exit_code == 0
    assert (tmp_path / "site" / "sprint" / "diagram.svg").is_file()


def test_a_static_path_too_long_for_a_site_is_found_by_check(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    glossary({"sprint.md": term_file("Sprint")})
    folder = tmp_path / "static"
    for letter in "abcde":
        folder = folder / (letter * 240)
    folder.mkdir(parents=True)
    (folder / "x.png").write_bytes(b"png")
    result = check()
    assert result.exit_code == 1, result.output
    (problem,) = [d for d in shown_problems(result.stderr) if d.code == "output-path-too-long"]
    assert problem.where.startswith("static/aaaa") and "limit is 1024" in problem.message


def test_a_slug_too_long_for_a_file_name_is_an_error_at_its_line(glossary: WriteGlossary) -> None:
    slug = "-".join(["abcdefghi"] * 30)  # 299 bytes: one more folder name than ext4 allows
    glossary({"sprint.md": term_file("Sprint", front=f"slug: {slug}")})
    for result in (check(), build()):
        assert result.exit_code == 1, result.output
        # the schema may refuse the slug first; either way the editor is sent to line 4
        (problem,) = shown_problems(result.stderr)
        assert problem.where == "glossary/sprint.md:4" and problem.hint
        assert problem.code in {"output-path-too-long", "bad-slug", "slug-too-long"}


def test_an_unreadable_static_file_is_found_by_check(
    glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    glossary({"sprint.md": term_file("Sprint")})
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "secret.css").write_text("x", encoding="utf-8")
    real_open = os.open

    def open_file(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        if os.fspath(path).endswith("secret.css"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_file)
    result = check()
    assert result.exit_code == 1, result.output
    expect(result, "static/secret.css", "unreadable", "Permission denied")


# ---------------------------------------------------------------------------
# Ids: author content can never take the page's own ids, nor repeat one
# ---------------------------------------------------------------------------


class _Ids(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: list[tuple[str, str]] = []  # (tag, id)
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [(tag, value or "") for name, value in attrs if name == "id"]


CLASHING_BODY = """\
## Main {#main}

Text.
{: #definition}

## Contents

<div id="related-terms">raw</div> <span ID=referenced-by>span</span>
<p title="id=main" id='contents'>quoted</p>

Twice.
{: #twice}

Again.
{: #twice}

<b id="twice">raw twice</b> <i id="main">raw main</i>

## Twice

A note.[^main]

[^main]: The note.
"""


@pytest.mark.parametrize("trust_html", [False, True])
def test_author_ids_never_clash_with_the_page_or_each_other(
    glossary: WriteGlossary, tmp_path: Path, trust_html: bool
) -> None:
    glossary(
        {
            "sprint.md": term_file("Sprint", front="related: [kanban]", body=CLASHING_BODY),
            "kanban.md": term_file("Kanban", body="See [sprint](sprint)."),
        },
        config=f"trust_html = {str(trust_html).lower()}\n",
    )
    result = build()
    assert result.exit_code == 0, result.output
    html = (tmp_path / "site" / "sprint" / "index.html").read_text()
    ids = _Ids(html).ids
    values = [value for _, value in ids]
    assert len(values) == len(set(values)), sorted(values)
    owners = dict((value, tag) for tag, value in ids)
    assert owners["main"] == "main" and owners["definition"] == "h2"
    assert {"contents", "related-terms", "referenced-by-section"} <= set(owners)
    for link in re.findall(r'<nav class="toc".*?</nav>', html, re.S)[0].split('href="#')[1:]:
        assert link.split('"')[0] in owners  # every contents entry leads to its heading


def test_every_id_in_the_default_templates_is_reserved() -> None:
    templates = Path(glossary_site.render.DEFAULT_TEMPLATES)
    literal = {
        match
        for path in templates.glob("*.html")
        for match in re.findall(r'\bid="([^"{]+)"', path.read_text(encoding="utf-8"))
    }
    assert literal and literal <= RESERVED_IDS


def test_an_id_used_twice_is_a_warning_at_its_second_use(glossary: WriteGlossary) -> None:
    body = "One.\n{: #step }\n\nTwo.\n{: #step }\n\n<p id='step'>Three.</p>\n\n## Step\n"
    glossary({"sprint.md": term_file("Sprint", body=body)})
    result = check()
    assert result.exit_code == 0, result.output
    # body lines start at 6: the second '{: #step }' is on 10, the raw HTML on 12
    found = [(d.where, d.code) for d in shown_problems(result.stderr)]
    assert found == [
        ("glossary/sprint.md:10", "duplicate-id"),
        ("glossary/sprint.md:12", "duplicate-id"),
    ]
    assert "step_1" in result.stderr
    assert run("check", "--source", "glossary", "--strict").exit_code == 1


@pytest.mark.parametrize(
    "expression",
    [
        "term.src_path.read_text()",
        "term.src_path.parent",
        "term.src_path.open().read()",
        "term.__class__",
        "site.__init__.__globals__",
    ],
)
def test_a_template_cannot_reach_the_file_system_or_the_process(
    glossary: WriteGlossary, tmp_path: Path, expression: str
) -> None:
    glossary({"sprint.md": term_file("Sprint")})
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "term.html").write_text(
        '{% extends "default/term.html" %}\n{% block main %}{{ '
        + expression
        + " }}{% endblock %}\n"
    )
    result = build()
    assert result.exit_code == 1, result.output
    assert "templates/term.html:2: error:" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_template_may_show_the_name_of_a_term_file(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    glossary({"sprint.md": term_file("Sprint")})
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "term.html").write_text(
        '{% extends "default/term.html" %}\n'
        "{% block main %}<p>Edit {{ term.src_path.name }}</p>{% endblock %}\n"
    )
    assert build().exit_code == 0
    assert "Edit sprint.md" in (tmp_path / "site" / "sprint" / "index.html").read_text()
