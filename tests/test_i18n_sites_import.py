"""``import cncf --all-languages``: every language folder into ``--out/<code>/`` and the
``[languages]`` table into glossary.toml; links kept within each language's site."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from glossary_site import Project
from glossary_site.cli import cli
from glossary_site.multisite import check_sites, one_language


def _source(root: Path) -> Path:
    files = {
        "en/service.md": "---\ntitle: Service\n---\nA way to reach [pods](/pod/).\n",
        "en/pod.md": (
            "---\nTitle: Pod\nstatus: Completed\n---\nSmallest unit; see [service](/service/).\n"
        ),
        "de/service.md": (
            "---\ntitle: Dienst\n---\nErreicht [Pods](/de/pod/), siehe [Knoten](/de/node_x/).\n"
        ),
        "pt-br/pod.md": "---\ntitle: Pod\n---\nA menor unidade; veja [serviço](/pt-br/service/).\n",
    }
    for name, text in files.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "content"


def _import(tmp_path: Path) -> tuple[int, str, str]:
    source = _source(tmp_path / "src")
    project = tmp_path / "project"
    project.mkdir()
    cwd = os.getcwd()
    os.chdir(project)
    try:
        result = CliRunner().invoke(
            cli, ["import", "cncf", str(source), "--all-languages", "--out", "glossary"]
        )
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout, result.stderr


def test_every_language_folder_is_imported_and_the_table_written(tmp_path: Path) -> None:
    code, out, _ = _import(tmp_path)

    assert code == 0, out
    glossary = tmp_path / "project" / "glossary"
    assert sorted(p.name for p in glossary.iterdir()) == ["de", "en", "pt-br"]
    assert "Imported 2 terms into glossary/en/" in out
    config = (tmp_path / "project" / "glossary.toml").read_text("utf-8")
    assert '[languages]\ndefault = "en"' in config
    assert '[languages.pt-br]\nsource = "glossary/pt-br"' in config
    report = check_sites(Project(glossary, tmp_path / "project" / "glossary.toml"))
    assert report.ok, [d.format() for d in report.diagnostics]


def test_links_lead_to_the_term_in_the_same_language_or_its_fallback(tmp_path: Path) -> None:
    _, _, err = _import(tmp_path)

    german = (tmp_path / "project" / "glossary" / "de" / "service.md").read_text("utf-8")
    assert "[Pods](pod)" in german  # de has no pod: its fallback page in the German site
    assert "[Knoten](https://glossary.cncf.io/de/node_x/)" in german
    assert "[import-broken-link]" in err and "/de/node_x/" in err
    portuguese = (tmp_path / "project" / "glossary" / "pt-br" / "pod.md").read_text("utf-8")
    assert "[serviço](service)" in portuguese


def test_a_config_with_a_languages_table_is_left_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    config = tmp_path / "project" / "glossary.toml"
    config.write_text('[languages]\ndefault = "de"\n[languages.de]\n', encoding="utf-8")
    source = _source(tmp_path / "src")
    cwd = os.getcwd()
    os.chdir(tmp_path / "project")
    try:
        result = CliRunner().invoke(
            cli, ["import", "cncf", str(source), "--all-languages", "--out", "glossary"]
        )
    finally:
        os.chdir(cwd)

    assert "[import-languages-kept]" in result.stderr
    assert config.read_text("utf-8") == '[languages]\ndefault = "de"\n[languages.de]\n'


def test_all_languages_is_for_cncf_only(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["import", "devops", str(tmp_path), "--all-languages", "--out", str(tmp_path / "g")]
    )
    assert result.exit_code == 2 and "cncf only" in result.stderr


def test_serve_shows_the_default_language(tmp_path: Path) -> None:
    _import(tmp_path)
    project_dir = tmp_path / "project"
    project = Project(project_dir / "glossary", project_dir / "glossary.toml")

    served, note = one_language(project)

    assert served.source_dir == project_dir / "glossary" / "en"
    assert "(en) only" in note


def test_the_table_names_an_output_folder_with_quotes_as_valid_toml(tmp_path: Path) -> None:
    import tomllib

    from glossary_site.importers.languages import write_config

    out_dir = tmp_path / 'my "words"\\'
    out_dir.mkdir()
    assert write_config(out_dir, ["en", "de"], "en") is None
    table = tomllib.loads((tmp_path / "glossary.toml").read_text("utf-8"))["languages"]
    assert table["de"]["source"] == 'my "words"\\/de'
