"""A language's ``source`` in glossary.toml never reaches outside the project folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_site import Project
from glossary_site.multisite import build_sites, check_sites
from tests.conftest import term_file


@pytest.mark.parametrize("source", ["../outside", "{outside}", "glossary/../../outside"])
def test_a_language_source_outside_the_project_is_an_error_and_nothing_is_written(
    tmp_path: Path, source: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(term_file("Secret", "Not for publishing."))
    project_dir = tmp_path / "project"
    (project_dir / "glossary" / "en").mkdir(parents=True)
    (project_dir / "glossary" / "en" / "sprint.md").write_text(term_file("Sprint", "A box."))
    config = project_dir / "glossary.toml"
    config.write_text(
        'title = "G"\n[languages]\ndefault = "en"\n[languages.en]\n[languages.de]\n'
        f'source = "{source.format(outside=outside.as_posix())}"\n',
        encoding="utf-8",
    )
    project = Project(project_dir / "glossary", config)

    for report in (check_sites(project), build_sites(project, project_dir / "site")):
        codes = [(d.line, d.code) for d in report.diagnostics if d.severity.value == "error"]
        assert codes == [(5, "language-source-outside")]
    assert not (project_dir / "site").exists()


def test_a_language_source_inside_the_project_is_read(tmp_path: Path) -> None:
    (tmp_path / "words" / "de").mkdir(parents=True)
    (tmp_path / "words" / "de" / "sprint.md").write_text(term_file("Sprint", "Ein Zeitfenster."))
    (tmp_path / "glossary" / "en").mkdir(parents=True)
    (tmp_path / "glossary" / "en" / "sprint.md").write_text(term_file("Sprint", "A box."))
    config = tmp_path / "glossary.toml"
    config.write_text(
        'title = "G"\n[languages]\ndefault = "en"\n[languages.en]\n[languages.de]\n'
        'source = "words/de"\n',
        encoding="utf-8",
    )
    report = build_sites(Project(tmp_path / "glossary", config), tmp_path / "site")
    assert report.ok, [d.format() for d in report.diagnostics]
    assert (tmp_path / "site" / "de" / "sprint" / "index.html").is_file()
