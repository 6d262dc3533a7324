"""Every link of a term leads to a term, a page, a file or an id of the site, or is an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary_site import Project, build, check
from glossary_site.cli import cli
from glossary_site.diagnostics import Diagnostic
from glossary_site.markup import MarkdownRenderer
from glossary_site.markup.rewrite import LineLocator
from tests.conftest import WriteGlossary, term_file
from tests.linkcheck import broken_links
from tests.test_markup import make_term


def sprint_and(body: str, **front: str) -> dict[str, str | bytes]:
    """A glossary of 'Sprint', 'Daily Scrum' (in sub/) and 'Alpha' whose body is ``body``."""
    extra = "\n".join(f"{key}: {value}" for key, value in front.items())
    return {
        "sprint.md": term_file("Sprint", body="## Goal\n\nThe sprint goal."),
        "sub/daily-scrum.md": term_file("Daily Scrum", body="## Timebox\n\nFifteen minutes."),
        "alpha.md": term_file("Alpha", front=extra, body=body),
    }


def problems(project: Project) -> list[Diagnostic]:
    return [d for d in check(project).diagnostics if d.is_error]


def page(site: Path, slug: str) -> str:
    return (site / slug / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "href",
    [
        "sprint",
        "sprint.md",
        "sprint.html",
        "../sprint/",
        "/sprint/",
        "/sprint",
        "sprint/index.html",
        "sub/../sprint.md",
        "./sprint",
    ],
)
def test_every_form_of_a_link_to_a_term_leads_to_its_page(
    write_glossary: WriteGlossary, tmp_path: Path, href: str
) -> None:
    project = write_glossary(sprint_and(f"Intro.\n\nSee [the sprint]({href}#goal)."))
    report = build(project, tmp_path / "site")
    assert report.ok, [d.format() for d in report.diagnostics]
    assert 'href="../sprint/#goal"' in page(tmp_path / "site", "alpha")
    assert "alpha" in page(tmp_path / "site", "sprint")  # counted as a backlink


def test_a_link_by_source_path_from_a_sub_folder_leads_to_the_term(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    files = sprint_and("Intro.")
    files["sub/beta.md"] = term_file("Beta", body="See [x](../sprint.md) and [y](daily-scrum.md).")
    assert build(write_glossary(files), tmp_path / "site").ok
    html = page(tmp_path / "site", "beta")
    assert 'href="../sprint/"' in html and 'href="../daily-scrum/"' in html


@pytest.mark.parametrize(
    ("href", "code", "hint"),
    [
        ("Sprint", "broken-link", "(sprint)"),
        ("Daily%20Scrum", "broken-link", "(daily-scrum)"),
        ("sprnt", "broken-link", "did you mean 'sprint'?"),
        ("../sprnt/", "broken-link", "did you mean 'sprint'?"),
        ("/sprnt/", "broken-link", "did you mean 'sprint'?"),
        ("../folder/sprnt.md", "broken-link", "did you mean 'sprint'?"),
        ("guide.pdf", "missing-file", "beside the term"),
    ],
)
def test_a_link_that_leads_nowhere_is_an_error_with_line_and_did_you_mean(
    write_glossary: WriteGlossary, href: str, code: str, hint: str
) -> None:
    project = write_glossary(sprint_and(f"Intro.\n\nSee [x]({href})."))
    [problem] = problems(project)
    assert (problem.path.name, problem.line, problem.code) == ("alpha.md", 8, code)
    assert hint in problem.hint


@pytest.mark.parametrize("href", ["javascript:alert(1)", "ftp://x.org/a", "file:///etc/passwd"])
def test_a_link_with_an_unknown_scheme_is_an_error_naming_it(
    write_glossary: WriteGlossary, href: str
) -> None:
    [problem] = problems(write_glossary(sprint_and(f"Intro.\n\nSee [x]({href}).")))
    assert (problem.line, problem.code) == (8, "unknown-scheme")
    assert f"'{href.split(':')[0]}:'" in problem.message


def test_external_links_are_left_alone(write_glossary: WriteGlossary, tmp_path: Path) -> None:
    body = "[a](https://x.org/a) [b](mailto:a@x.org) [c](tel:+1) [d](//cdn.x.org/y)"
    assert build(write_glossary(sprint_and(body)), tmp_path / "site").ok
    html = page(tmp_path / "site", "alpha")
    assert 'href="https://x.org/a"' in html and 'href="//cdn.x.org/y"' in html


def test_fragments_must_exist_on_the_same_page_and_on_the_other_page(
    write_glossary: WriteGlossary,
) -> None:
    body = "Intro.\n\n## Why it matters\n\nSee [a](#why-it-maters) and [b](sprint#gaol)."
    found = problems(write_glossary(sprint_and(body)))
    assert [(d.line, d.code) for d in found] == [(10, "missing-fragment")] * 2
    assert "did you mean 'why-it-matters'?" in found[0].hint
    assert "did you mean 'goal'?" in found[1].hint
    assert "the page of 'sprint'" in found[1].message


def test_fragments_of_sections_footnotes_attributes_and_templates_resolve(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    body = (
        "Intro[^1].\n\n## Part {#custom}\n\n"
        "[a](#custom) [b](#fn:1) [c](#definition) [d](#contents) [e](sprint#goal) "
        "[f](../#letter-s) [g](sprint#main)\n\n[^1]: A note."
    )
    report = build(write_glossary(sprint_and(body)), tmp_path / "site")
    assert report.ok, [d.format() for d in report.diagnostics]
    assert broken_links(tmp_path / "site") == []


def test_site_absolute_links_are_read_under_the_base_path(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    body = "[a](/words/sprint) [b](/words/sub/daily-scrum#timebox) [c](/words/)"
    project = write_glossary(sprint_and(body), config='base_url = "https://x.org/words/"\n')
    assert build(project, tmp_path / "site").ok
    html = page(tmp_path / "site", "alpha")
    assert 'href="../sprint/"' in html and 'href="../daily-scrum/#timebox"' in html
    assert 'href="../"' in html
    assert broken_links(tmp_path / "site", root_path="/words/") == []


def test_a_site_absolute_link_outside_the_base_path_is_an_error_with_the_fix(
    write_glossary: WriteGlossary,
) -> None:
    files = sprint_and("Intro.\n\nSee [x](/docs/sprint).")
    [problem] = problems(write_glossary(files, config='base_url = "https://x.org/words/"\n'))
    assert (problem.line, problem.code) == (8, "broken-link")
    assert "outside the site" in problem.hint


def test_a_base_path_written_without_base_url_gets_a_hint_to_set_it(
    write_glossary: WriteGlossary,
) -> None:
    [problem] = problems(write_glossary(sprint_and("Intro.\n\nSee [x](/words/sprint).")))
    assert "base_url" in problem.hint and "/words/" in problem.hint


def test_links_to_generated_pages_and_static_files_resolve(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "guide.pdf").write_bytes(b"%PDF-1.4")
    project = write_glossary(sprint_and("[a](/) [b](/guide.pdf) [c](../guide.pdf) [d](/404.html)"))
    project = Project(project.source_dir, project.config_path, static_dir=tmp_path / "static")
    assert build(project, tmp_path / "site").ok
    html = page(tmp_path / "site", "alpha")
    assert 'href="../"' in html and html.count('href="../guide.pdf"') == 2
    assert 'href="../404.html"' in html


def test_links_of_drafts_are_checked_too(write_glossary: WriteGlossary) -> None:
    files = sprint_and("Intro.\n\nSee [x](nowhere.pdf).", status="draft")
    assert [d.code for d in problems(write_glossary(files))] == ["missing-file"]


@pytest.mark.slow
def test_link_lines_of_twenty_thousand_links_are_right() -> None:
    lines = [f"Line {n} links [t{n}](target-{n % 50})." for n in range(20_000)]
    text = term_file("Sprint", body="\n\n".join(lines))
    term = make_term(text)
    document, _ = MarkdownRenderer(trust_html=False).render(term)
    first = text.split("\n").index(lines[0]) + 1
    term_links = [link.line for link in document.links]
    assert term_links == [first + 2 * n for n in range(20_000)]


def test_line_locator_gives_the_nth_place_of_a_url_to_its_nth_use() -> None:
    locator = LineLocator("a [x](u)\n\nb [y](u) <a href='v'>\n[r]: w", 10)
    assert [locator.line("u"), locator.line("u"), locator.line("u")] == [10, 12, 12]
    assert (locator.line("v"), locator.line("w"), locator.line("missing")) == (12, 13, 10)


def test_links_and_images_in_raw_html_are_rewritten_and_checked_too(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    files = sprint_and(
        'Intro.\n\n<p>See <a href="sprint.md#goal">x</a> <img src="a.svg" alt="A"></p>'
    )
    files["a.svg"] = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>'
    assert build(write_glossary(files), tmp_path / "site").ok
    html = page(tmp_path / "site", "alpha")
    assert 'href="../sprint/#goal"' in html and 'src="../a.svg"' in html
    assert (tmp_path / "site" / "a.svg").is_file()


def test_a_broken_link_or_unknown_scheme_in_raw_html_is_an_error(
    write_glossary: WriteGlossary,
) -> None:
    body = 'Intro.\n\nText <a href="nowhere.html">x</a>\nand <a href="javascript:go()">y</a>.'
    found = problems(write_glossary(sprint_and(body)))
    assert [(d.line, d.code) for d in found] == [(8, "broken-link"), (9, "unknown-scheme")]


def test_with_file_urls_links_to_terms_and_the_index_end_in_index_html(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    body = "[a](sprint) [b](/) [c](../#letter-s) [d](/sub/daily-scrum)"
    project = write_glossary(sprint_and(body), config="directory_urls = false\n")
    assert build(project, tmp_path / "site").ok
    html = page(tmp_path / "site", "alpha")
    assert 'href="../sprint/index.html"' in html and 'href="../index.html"' in html
    assert 'href="../index.html#letter-s"' in html
    assert 'href="../daily-scrum/index.html"' in html
    assert broken_links(tmp_path / "site") == []


def test_the_command_line_reports_link_problems_with_file_line_and_hint(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_glossary(sprint_and("Intro.\n\n![x](img/missing.png)\n\n[y](sprint#gaol)"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 1
    assert "glossary/alpha.md:8: error: image 'img/missing.png'" in result.output
    assert "[missing-file]" in result.output
    assert "glossary/alpha.md:10: error: link to 'sprint#gaol'" in result.output
    assert "hint: did you mean 'goal'?" in result.output
    assert not (tmp_path / "site").exists()


def test_links_in_html_comments_and_code_are_not_checked(write_glossary: WriteGlossary) -> None:
    body = (
        'Intro.\n\n<!-- <a href="old-page.html">x</a> -->\n\n'
        '```html\n<a href="example.html">x</a>\n```\n\n`[x](nowhere)`'
    )
    assert problems(write_glossary(sprint_and(body))) == []
