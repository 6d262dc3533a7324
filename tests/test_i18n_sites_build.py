"""One site per language: [languages] builds each language through the pipeline into one
output folder, with a switcher, hreflang, fallback pages and per-language sitemaps."""

from __future__ import annotations

import os
import re
import textwrap
import time
from pathlib import Path

import pytest

from glossary_site import Project
from glossary_site.multisite import build_sites, check_sites
from tests.conftest import term_file
from tests.linkcheck import broken_links

CONFIG = """\
title = "Glossary"
base_url = "https://example.org/words/"

[languages]
default = "en"
{extra}

[languages.en]
[languages.de]
title = "Glossar"
[languages.pt-br]
[languages.ur]
"""

FILES = {
    "en/sprint.md": term_file("Sprint", "A time-box; see the [backlog](backlog)."),
    "en/backlog.md": term_file("Backlog", "The list of work for a [sprint](sprint)."),
    "en/team.md": term_file("Team", "People who work on a [sprint](sprint) together."),
    "de/sprint.md": term_file(
        "Sprint", "Ein Zeitfenster; siehe [Backlog](backlog).", front="aliases: [Iteration]"
    ),
    "pt-br/sprint.md": term_file("Sprint", "Um período fixo de trabalho."),
    "ur/sprint.md": term_file("سپرنٹ", "ایک مقررہ مدت کا کام۔"),
}


def _project(tmp_path: Path, extra: str = "", files: dict[str, str] | None = None) -> Project:
    for name, text in (files or FILES).items():
        path = tmp_path / "glossary" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = tmp_path / "glossary.toml"
    config.write_text(CONFIG.format(extra=extra), encoding="utf-8")
    return Project(tmp_path / "glossary", config, tmp_path / "templates", tmp_path / "static")


def _built(tmp_path: Path, extra: str = "") -> Path:
    out = tmp_path / "site"
    report = build_sites(_project(tmp_path, extra), out)
    assert report.ok, "\n".join(d.format() for d in report.diagnostics)
    return out


def _read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_each_language_is_a_site_in_its_folder_and_the_default_is_at_the_root(
    tmp_path: Path,
) -> None:
    site = _built(tmp_path)

    assert {p.name for p in site.iterdir() if (p / "index.html").is_file()} >= {
        "sprint",
        "backlog",
        "de",
        "pt-br",
        "ur",
    }
    assert '<html lang="en"' in _read(site, "sprint/index.html")
    assert '<html lang="de"' in _read(site, "de/sprint/index.html")
    assert '<html lang="pt-BR"' in _read(site, "pt-br/sprint/index.html")
    assert "<title>Sprint – Glossar</title>" in _read(site, "de/sprint/index.html")
    assert broken_links(site, "/words/") == []


def test_shared_assets_and_robots_are_written_once_at_the_root(tmp_path: Path) -> None:
    site = _built(tmp_path)

    for name in ("style.css", "preview.js", "search.js", "robots.txt"):
        assert (site / name).is_file()
        assert not (site / "de" / name).exists()
    assert 'href="../../style.css?v=' in _read(site, "de/sprint/index.html")
    assert 'href="../../favicon.svg"' in _read(site, "de/sprint/index.html")
    # redirect pages (an alias's address) name the icon of their own folder
    assert 'href="../favicon.svg"' in _read(site, "de/iteration/index.html")
    assert (site / "de" / "favicon.svg").is_file()
    assert "Sitemap: https://example.org/words/sitemap.xml" in _read(site, "robots.txt")


def _switcher(html: str) -> list[tuple[str, str, bool]]:
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
    assert nav is not None
    return [
        (m["lang"], m["href"], bool(m["current"]))
        for m in re.finditer(
            r'<a href="(?P<href>[^"]*)" lang="(?P<lang>[^"]*)" hreflang="(?P=lang)"'
            r'(?: dir="rtl")?(?P<current> aria-current="page")?>',
            nav[0],
        )
    ]


def test_a_term_in_several_languages_links_each_version_and_marks_the_current_one(
    tmp_path: Path,
) -> None:
    site = _built(tmp_path)

    de = _switcher(_read(site, "de/sprint/index.html"))
    assert de == [
        ("en", "../../sprint/", False),
        ("de", "../../de/sprint/", True),
        ("pt-BR", "../../pt-br/sprint/", False),
        ("ur", "../../ur/sprint/", False),
    ]
    assert _switcher(_read(site, "sprint/index.html"))[0] == ("en", "../sprint/", True)
    ur = _read(site, "de/sprint/index.html")
    assert 'lang="ur" hreflang="ur" dir="rtl">اردو</a>' in ur
    assert ">Deutsch</a>" in ur and ">Português (Brasil)</a>" in ur


def test_hreflang_alternates_are_reciprocal_with_x_default(tmp_path: Path) -> None:
    site = _built(tmp_path)
    pages = ["sprint/", "de/sprint/", "pt-br/sprint/", "ur/sprint/"]
    expected = {
        ("en", "https://example.org/words/sprint/"),
        ("de", "https://example.org/words/de/sprint/"),
        ("pt-BR", "https://example.org/words/pt-br/sprint/"),
        ("ur", "https://example.org/words/ur/sprint/"),
        ("x-default", "https://example.org/words/sprint/"),
    }
    for page in pages:
        html = _read(site, page + "index.html")
        found = set(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
        assert found == expected, page
    index = _read(site, "de/index.html")
    assert '<link rel="alternate" hreflang="en" href="https://example.org/words/">' in index
    assert _switcher(index)[1] == ("de", "../de/", True)


def test_a_term_missing_in_a_language_falls_back_to_the_default_with_a_notice(
    tmp_path: Path,
) -> None:
    site = _built(tmp_path)

    html = _read(site, "de/backlog/index.html")
    assert '<meta name="robots" content="noindex">' in html
    assert '<link rel="canonical" href="https://example.org/words/backlog/">' in html
    assert 'class="notice language-fallback" role="note"' in html
    assert '<a href="../../backlog/" hreflang="en">' in html
    assert '<article class="term" lang="en">' in html
    assert "hreflang" not in html.split("</head>")[0].split("text/markdown")[-1]
    # its link to sprint stays in the German site, where sprint is translated
    assert 'href="../sprint/"' in html.split('<article class="term"')[1]
    assert "backlog/" not in _read(site, "de/sitemap.xml")
    # the German sprint's link to the backlog leads to the fallback page, in the German site
    assert 'href="../backlog/"' in _read(site, "de/sprint/index.html")


def test_without_fallback_a_link_to_a_missing_term_is_the_languages_error(
    tmp_path: Path,
) -> None:
    report = check_sites(_project(tmp_path, "fallback = false"))

    assert not report.ok
    errors = [d for d in report.diagnostics if d.is_error]
    assert [(d.path.relative_to(tmp_path).as_posix(), d.code) for d in errors] == [
        ("glossary/de/sprint.md", "broken-link")
    ]


def test_sitemaps_per_language_with_alternates_under_a_root_index(tmp_path: Path) -> None:
    site = _built(tmp_path)

    index = _read(site, "sitemap.xml")
    assert "<sitemapindex" in index
    assert re.findall(r"<loc>([^<]+)</loc>", index) == [
        "https://example.org/words/sitemap-en.xml",
        "https://example.org/words/de/sitemap.xml",
        "https://example.org/words/pt-br/sitemap.xml",
        "https://example.org/words/ur/sitemap.xml",
    ]
    de = _read(site, "de/sitemap.xml")
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in de
    entry = re.search(r"<url><loc>https://example.org/words/de/sprint/</loc>.*?</url>", de)
    assert entry is not None
    assert 'hreflang="pt-BR" href="https://example.org/words/pt-br/sprint/"' in entry[0]
    assert 'hreflang="x-default" href="https://example.org/words/sprint/"' in entry[0]
    en = _read(site, "sitemap-en.xml")
    locations = re.findall(r"<loc>([^<]+)</loc>", en)
    assert "https://example.org/words/team/" in locations
    assert not [url for url in locations if "/de/" in url]


def test_the_default_language_under_its_code_leaves_a_root_page_that_links_each(
    tmp_path: Path,
) -> None:
    site = _built(tmp_path, "default_at_root = false")

    assert (site / "en" / "sprint" / "index.html").is_file()
    assert not (site / "sprint").exists()
    root = _read(site, "index.html")
    assert '<meta http-equiv="refresh" content="0; url=en/">' in root
    assert '<a href="de/" lang="de" hreflang="de">Deutsch</a>' in root
    assert 'href="../../style.css?v=' in _read(site, "en/sprint/index.html")
    assert (site / "style.css").is_file() and (site / "robots.txt").is_file()
    assert _read(site, "404.html") == _read(site, "en/404.html")
    assert broken_links(site, "/words/") == []


def test_a_translation_added_later_shows_in_the_switcher_of_a_cached_page(
    tmp_path: Path,
) -> None:
    project = _project(tmp_path)
    project = Project(
        project.source_dir,
        project.config_path,
        project.templates_dir,
        project.static_dir,
        cache_dir=tmp_path / "cache",
    )
    out = tmp_path / "site"
    assert build_sites(project, out).ok
    assert "language-switcher" not in _read(out, "team/index.html")

    (tmp_path / "glossary" / "de" / "team.md").write_text(
        term_file("Team", "Menschen, die zusammen arbeiten."), encoding="utf-8"
    )
    assert build_sites(project, out).ok

    assert ('lang="de" hreflang="de">Deutsch</a>') in _read(out, "team/index.html")


def test_diagnostics_name_each_languages_own_file(tmp_path: Path) -> None:
    files = {**FILES, "de/broken.md": term_file("Kaputt", "Siehe [nichts](nothing).")}
    report = check_sites(_project(tmp_path, files=files))

    assert [(d.path, d.line, d.code) for d in report.diagnostics if d.is_error] == [
        (tmp_path / "glossary" / "de" / "broken.md", 3, "broken-link")
    ]


@pytest.mark.parametrize(
    ("table", "code", "line", "words"),
    [
        ("[languages.english]", "config-language", 7, "is not a language code"),
        ('[languages.de]\nsource = "nowhere"', "language-source", 7, "does not exist"),
        ('[languages.de]\nsource = "glossary/en"', "language-source", 7, "is the folder"),
        ("[languages.de]\ncolour = 1", "config-unknown-key", 8, "unknown setting 'colour'"),
        ("[languages.de]\ntitle = 3", "config-type", 8, "must be a string"),
    ],
)
def test_a_bad_languages_table_is_an_error_at_its_line(
    tmp_path: Path, table: str, code: str, line: int, words: str
) -> None:
    (tmp_path / "glossary" / "en").mkdir(parents=True)
    (tmp_path / "glossary" / "en" / "a.md").write_text(term_file("A"), encoding="utf-8")
    config = tmp_path / "glossary.toml"
    config.write_text(
        textwrap.dedent(
            """\
            title = "G"

            [languages]
            default = "en"

            [languages.en]
            """
        )
        + table
        + "\n",
        encoding="utf-8",
    )
    report = check_sites(Project(tmp_path / "glossary", config))

    assert [(d.code, d.line) for d in report.diagnostics] == [(code, line)]
    assert words in report.diagnostics[0].message
    assert report.diagnostics[0].hint


def test_a_default_that_is_not_listed_is_an_error_with_the_fix(tmp_path: Path) -> None:
    (tmp_path / "glossary" / "en").mkdir(parents=True)
    config = tmp_path / "glossary.toml"
    config.write_text('[languages]\ndefault = "fr"\n[languages.en]\n', encoding="utf-8")
    report = check_sites(Project(tmp_path / "glossary", config))

    assert [(d.code, d.line) for d in report.diagnostics] == [("config-languages", 2)]
    assert "'fr' is not one of its languages (en)" in report.diagnostics[0].message


def test_a_languages_draft_gives_way_to_the_published_default(tmp_path: Path) -> None:
    files = {**FILES, "de/team.md": term_file("Team", "Entwurf.", front="status: draft")}
    out = tmp_path / "site"
    report = build_sites(_project(tmp_path, files=files), out)

    assert report.ok, "\n".join(d.format() for d in report.diagnostics)
    html = _read(out, "de/team/index.html")
    assert "language-fallback" in html and "Entwurf" not in html


def test_a_fallback_page_in_a_right_to_left_site_keeps_its_text_left_to_right(
    tmp_path: Path,
) -> None:
    site = _built(tmp_path)

    assert '<article class="term" lang="en" dir="ltr">' in _read(site, "ur/backlog/index.html")
    assert '<article class="term" lang="en">' in _read(site, "de/backlog/index.html")


def test_the_report_counts_every_languages_own_terms(tmp_path: Path) -> None:
    files = {**FILES, "de/draft.md": term_file("Entwurf", front="status: draft")}
    report = check_sites(_project(tmp_path, files=files))

    assert report.ok
    assert (report.term_count, report.draft_count) == (6, 1)  # en 3, de 1, pt-br 1, ur 1


def test_each_languages_cache_entries_outlive_the_other_languages_builds(
    tmp_path: Path,
) -> None:
    project = _project(tmp_path)
    cache = tmp_path / "cache"
    project = Project(
        project.source_dir,
        project.config_path,
        project.templates_dir,
        project.static_dir,
        cache_dir=cache,
    )
    out = tmp_path / "site"
    assert build_sites(project, out).ok
    entries = {p for p in cache.rglob("*") if p.is_file()}
    hours_ago = time.time() - 7200  # older than any prune's grace period
    for path in entries:
        os.utime(path, (hours_ago, hours_ago))

    assert build_sites(project, out).ok  # nothing changed: every entry is still used

    assert {p for p in cache.rglob("*") if p.is_file()} >= entries


def test_a_projects_base_template_keeps_its_head_beside_the_alternates(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "base.html").write_text(
        '{% extends "default/base.html" %}{% block head %}<meta name="x" content="y">'
        "{% endblock %}",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    assert build_sites(project, out).ok

    for page in ("de/sprint/index.html", "de/index.html", "de/backlog/index.html"):
        html = _read(out, page)
        assert '<meta name="x" content="y">' in html, page
    assert 'hreflang="x-default"' in _read(out, "de/sprint/index.html")
