"""``glossary-site schema``: the JSON Schema and the checker agree on every key and type."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from glossary_site.cli import cli
from glossary_site.load import RawTerm, load_term
from glossary_site.schema import KNOWN_KEYS, Status, parse_term
from glossary_site.term_fields import FIELDS, front_matter_schema

# Problems about one key's value (not the relations between keys, like replaced_by
# without status: deprecated, which a schema of single values cannot see).
VALUE_CODES = {
    "wrong-type",
    "empty-value",
    "bad-date",
    "bad-slug",
    "bad-status",
    "slug-too-long",
    "unknown-key",
    "missing-title",
}

VALUES = [
    "Plain text",
    "no",
    "yes",
    "true",
    "1.10",
    "2024",
    '""',
    "~",
    "[]",
    "[a, b]",
    "[a, [b]]",
    "[a, '']",
    "{a: 1}",
    "2026-01-05",
    "2026-1-5",
    "2026-01-05T10:00:00",
    "published",
    "draft",
    "Published",
    "daily-scrum",
    "Daily Scrum",
    "a" * 101,
]


class _Yaml12ishLoader(yaml.SafeLoader):
    """YAML as editors' YAML 1.2 support reads it: dates stay text, only true/false are bools."""


_YAML11_ONLY = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
_Yaml12ishLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _YAML11_ONLY]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12ishLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def front_matter(key: str, value: str) -> str:
    lines = [f"{key}: {value}"]
    if key != "title":
        lines.insert(0, "title: Term")
    if key != "definition":
        lines.append("definition: A term.")
    if key == "replaced_by":
        lines.append("status: deprecated")
    return "\n".join(lines)


def checker_accepts(text: str) -> bool:
    raw = load_term(Path("glossary/term.md"), f"---\n{text}\n---\n\nBody.\n".encode())
    assert isinstance(raw, RawTerm), raw
    _, problems = parse_term(raw)
    return not [p for p in problems if p.code in VALUE_CODES]


def schema_accepts(text: str) -> bool:
    data = yaml.load(text, Loader=_Yaml12ishLoader)
    try:
        jsonschema.validate(data, front_matter_schema())
    except jsonschema.ValidationError:
        return False
    return True


def test_schema_has_exactly_the_keys_the_checker_knows() -> None:
    schema = front_matter_schema()
    assert set(schema["properties"]) == KNOWN_KEYS
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["title"]
    assert schema["properties"]["status"]["enum"] == [s.value for s in Status]
    jsonschema.Draft7Validator.check_schema(schema)


@pytest.mark.parametrize("key", [field.name for field in FIELDS])
@pytest.mark.parametrize("value", VALUES)
def test_schema_and_checker_agree_on_every_key_and_value(key: str, value: str) -> None:
    text = front_matter(key, value)
    assert schema_accepts(text) == checker_accepts(text), text


@pytest.mark.parametrize("text", ["title: T\ndefinition: D\ntilte: x", "definition: D"])
def test_schema_and_checker_agree_on_unknown_and_missing_keys(text: str) -> None:
    assert schema_accepts(text) is False
    assert checker_accepts(text) is False


def test_an_impossible_calendar_date_is_the_one_thing_only_the_checker_sees() -> None:
    text = front_matter("updated", "2026-02-30")
    assert schema_accepts(text) and not checker_accepts(text)


def test_schema_command_prints_the_schema_as_json() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == front_matter_schema()
