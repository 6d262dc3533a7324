"""The static JSON API (exports/json_api.py): every published term, valid against its schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from glossary_site import Project, build
from glossary_site.exports.api_schema import list_schema, term_schema
from tests.conftest import WriteGlossary, term_file

BASE = "https://example.org/words/"


def read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def small(write_glossary: WriteGlossary, config: str = f'base_url = "{BASE}"') -> Project:
    return write_glossary(
        {
            "sprint.md": term_file(
                "Sprint",
                "A time box; see [Kanban](kanban).",
                "aliases: [Iteration]\nrelated: [kanban, idea]\ntags: [scrum]\n"
                "category: Practices\nupdated: 2026-03-01\nauthor: Ann",
                "## Goal\n\nFocus.\n\n### Why\n\nBecause.",
            ),
            "kanban.md": term_file("Kanban", "A flow method."),
            "old.md": term_file("Old Name", "Gone.", "status: deprecated\nreplaced_by: sprint"),
            "idea.md": term_file("Idea", "Not yet.", "status: draft"),
        },
        config=config,
    )


def built(project: Project, out: Path) -> Path:
    report = build(project, out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return out


def test_the_list_has_every_published_term_with_its_fields(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = built(small(write_glossary), tmp_path / "site")
    listing = read(site / "api" / "terms.json")
    assert listing["version"] == 1 and listing["base_url"] == BASE
    assert [t["slug"] for t in listing["terms"]] == ["kanban", "old", "sprint"]  # no draft
    sprint = listing["terms"][2]
    assert sprint == {
        "slug": "sprint",
        "title": "Sprint",
        "aliases": ["Iteration"],
        "summary": "A time box; see Kanban.",
        "url": f"{BASE}sprint/",
        "tags": ["scrum"],
        "category": "Practices",
        "related": ["kanban"],  # the draft is left out
        "updated": "2026-03-01",
        "status": "published",
        "replaced_by": None,
    }
    old = listing["terms"][1]
    assert old["status"] == "deprecated" and old["replaced_by"] == "sprint"
    assert old["updated"] is None and old["category"] == ""


def test_each_term_file_holds_the_rendered_text_sections_and_backlinks(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = built(small(write_glossary), tmp_path / "site")
    sprint = read(site / "api" / "terms" / "sprint.json")
    assert sprint["definition_html"] == 'A time box; see <a href="../kanban/">Kanban</a>.'
    assert '<h2 id="goal">Goal</h2>' in sprint["body_html"]
    assert sprint["sections"] == [
        {"id": "goal", "title": "Goal", "sections": [{"id": "why", "title": "Why", "sections": []}]}
    ]
    assert sprint["backlinks"] == ["old"]
    assert sprint["author"] == "Ann"
    assert read(site / "api" / "terms" / "kanban.json")["backlinks"] == ["sprint"]
    assert not (site / "api" / "terms" / "idea.json").exists()


def test_without_base_url_urls_start_at_the_root(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = built(small(write_glossary, config=""), tmp_path / "site")
    listing = read(site / "api" / "terms.json")
    assert listing["base_url"] == ""
    assert listing["terms"][0]["url"] == "/kanban/"
    assert listing["$schema"] == "/api/schema/terms.schema.json"


def validate(schema: dict[str, Any], data: Any) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


def test_the_bundled_glossarys_api_is_valid_against_the_published_schemas(
    bundled_site: Path,
) -> None:
    site = bundled_site
    terms_schema = read(site / "api" / "schema" / "terms.schema.json")
    one_schema = read(site / "api" / "schema" / "term.schema.json")
    assert terms_schema == list_schema() and one_schema == term_schema()
    listing = read(site / "api" / "terms.json")
    validate(terms_schema, listing)
    files = sorted((site / "api" / "terms").glob("*.json"))
    assert sorted(f.stem for f in files) == sorted(t["slug"] for t in listing["terms"])
    for file in files:
        validate(one_schema, read(file))


def test_the_schemas_reject_what_the_api_never_writes(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = built(small(write_glossary), tmp_path / "site")
    sprint = read(site / "api" / "terms" / "sprint.json")
    validate(term_schema(), sprint)
    for field, value in [("status", "draft"), ("slug", "Not A Slug"), ("updated", "2026-13")]:
        broken = {**sprint, field: value}
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, term_schema(), cls=jsonschema.Draft202012Validator)
    missing = {k: v for k, v in sprint.items() if k != "title"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(missing, term_schema(), cls=jsonschema.Draft202012Validator)


def test_switching_the_api_off_writes_none_of_it(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    config = f'base_url = "{BASE}"\n[exports]\njson-api = false\n'
    site = built(small(write_glossary, config=config), tmp_path / "site")
    assert not (site / "api").exists()
    assert (site / "sprint" / "index.html").is_file()
