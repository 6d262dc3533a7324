"""[exports] in glossary.toml: each export on or off, checked like [lint]; page cache keys."""

from __future__ import annotations

from pathlib import Path

from glossary_site import Project, build
from glossary_site.export_names import EXPORT_NAMES
from glossary_site.exports import EXPORTERS
from tests.conftest import WriteGlossary, term_file
from tests.test_bad_input import check, expect, glossary

__all__ = ["glossary"]  # the fixture, shared


def test_every_registered_exporter_has_a_known_name() -> None:
    assert set(EXPORTERS) <= set(EXPORT_NAMES)


def test_an_unknown_export_is_an_error_at_its_line_with_a_did_you_mean(
    glossary: WriteGlossary,
) -> None:
    glossary({"a.md": term_file("A")}, config='title = "T"\n\n[exports]\njson-apj = false\n')
    found = expect(check(), "glossary.toml:4", "config-unknown-key", "unknown export 'json-apj'")
    assert "json-api" in found.hint


def test_an_export_switched_by_anything_but_true_or_false_is_an_error(
    glossary: WriteGlossary,
) -> None:
    glossary({"a.md": term_file("A")}, config='[exports]\nfeed = "no"\n')
    found = expect(check(), "glossary.toml:2", "config-type", "feed", "true or false")
    assert "feed = false" in found.hint


def test_exports_given_as_a_value_not_a_table_is_an_error(glossary: WriteGlossary) -> None:
    glossary({"a.md": term_file("A")}, config='exports = "none"\n')
    expect(check(), "glossary.toml:1", "config-type", "exports", "a table")


def test_feed_entries_below_one_is_an_error_pointing_to_the_switch(
    glossary: WriteGlossary,
) -> None:
    glossary({"a.md": term_file("A")}, config="feed_entries = 0\n")
    found = expect(check(), "glossary.toml:1", "config-feed-entries", "at least one")
    assert "feed = false" in found.hint


def test_every_export_switched_off_leaves_just_the_pages(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    switches = "\n".join(f"{name} = false" for name in EXPORT_NAMES)
    project = write_glossary(
        {"a.md": term_file("A", front="aliases: [Ay]\nupdated: 2026-01-01")},
        config=f'base_url = "https://example.org/"\n[exports]\n{switches}\n',
    )
    report = build(project, tmp_path / "site")
    assert report.ok, [d.format() for d in report.diagnostics]
    files = {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*")}
    assert {"feed.xml", "llms.txt", "a/index.md", "ay", "api"}.isdisjoint(files)
    assert "a/index.html" in files


def test_switching_the_twins_off_changes_the_cached_term_pages(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary({"a.md": term_file("A")})
    cached = Project(project.source_dir, tmp_path / "glossary.toml", cache_dir=tmp_path / "cache")
    (tmp_path / "glossary.toml").write_text("")
    assert build(cached, tmp_path / "one").ok
    assert 'type="text/markdown"' in (tmp_path / "one" / "a" / "index.html").read_text()
    (tmp_path / "glossary.toml").write_text("[exports]\nmarkdown = false\n")
    assert build(cached, tmp_path / "two").ok  # a warm build: the config is in the page key
    assert 'type="text/markdown"' not in (tmp_path / "two" / "a" / "index.html").read_text()
