"""The front-matter keys of a term file, as one table: the validator and the JSON Schema.

``schema.py`` validates with ``FIELDS`` (which keys exist, which are text, lists or dates,
which are required, the status values, the slug pattern); ``front_matter_schema()`` turns
the same table into the JSON Schema that ``glossary-site schema`` prints for editors.
Nothing about a key is written down twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .names import MAX_SLUG_LENGTH

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}([T ][0-9:.+\-Z]+)?$"


class Status(StrEnum):
    PUBLISHED = "published"
    DRAFT = "draft"
    DEPRECATED = "deprecated"


class Kind(StrEnum):
    TEXT = "text"  # one value, read as written (``no`` is the text "no")
    LIST = "list"  # a list of texts; empty (``aliases:``) means none
    DATE = "date"  # YYYY-MM-DD
    BOOL = "bool"  # true or false, unquoted (as YAML 1.2 and editors read them)


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    kind: Kind
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    pattern: str = ""
    max_length: int = 0


FIELDS: tuple[Field, ...] = (
    Field("title", Kind.TEXT, "The term as readers see it; the page's heading.", required=True),
    Field(
        "slug",
        Kind.TEXT,
        "URL and identity of the term (a-z, 0-9, single hyphens); defaults to the file name.",
        pattern=SLUG_PATTERN,
        max_length=MAX_SLUG_LENGTH,
    ),
    Field(
        "definition",
        Kind.TEXT,
        "One paragraph of inline Markdown; defaults to the body's first paragraph.",
    ),
    Field(
        "summary",
        Kind.TEXT,
        "Plain-text teaser for cards, the index and the meta description (at most 160 "
        "characters); defaults to the definition.",
    ),
    Field("category", Kind.TEXT, "Category shown on the page."),
    Field("author", Kind.TEXT, "Byline; defaults to author in glossary.toml."),
    Field(
        "status",
        Kind.TEXT,
        "published (default), draft (checked, not published) or deprecated.",
        choices=tuple(status.value for status in Status),
    ),
    Field(
        "replaced_by",
        Kind.TEXT,
        "For a deprecated term: the slug, title or alias of the term to use instead.",
    ),
    Field("aliases", Kind.LIST, "Other names and abbreviations; each names one term only."),
    Field("related", Kind.LIST, "Other terms by slug, title or alias; shown first as cards."),
    Field("tags", Kind.LIST, "Tags shown on the page."),
    Field(
        "redirect_from",
        Kind.LIST,
        "Former slugs of the term; each gets a page that redirects to this one.",
        pattern=SLUG_PATTERN,
        max_length=MAX_SLUG_LENGTH,
    ),
    Field("updated", Kind.DATE, "Date of the last change, YYYY-MM-DD.", pattern=DATE_PATTERN),
    Field(
        "autolink",
        Kind.BOOL,
        "false: names of other terms in this term's text are not linked automatically.",
    ),
)

# The spellings of true and false that YAML 1.2 (and editors' YAML support) reads as such.
BOOLEANS = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}

FIELDS_BY_NAME = {field.name: field for field in FIELDS}

# Front matter is read as written, so any scalar YAML gives is text ("no", 1.10, 2024).
_SCALAR_TYPES = ["string", "number", "boolean"]


def front_matter_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07, as editors' YAML support reads it) of a term's front matter."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "glossary-site term front matter",
        "description": "The YAML between the two --- lines at the top of a term file.",
        "type": "object",
        "required": [field.name for field in FIELDS if field.required],
        "additionalProperties": False,
        "properties": {field.name: _property(field) for field in FIELDS},
    }


def _property(field: Field) -> dict[str, Any]:
    schema: dict[str, Any] = {"description": field.description}
    if field.kind is Kind.LIST:
        schema["type"] = ["array", "null"]
        schema["items"] = {"type": _SCALAR_TYPES, "minLength": 1}
        if field.pattern:  # each item is a slug (a pattern applies to the text YAML gives)
            schema["items"] |= {"pattern": field.pattern, "maxLength": field.max_length}
        return schema
    elif field.kind is Kind.DATE:
        schema["type"] = "string"
    elif field.kind is Kind.BOOL:
        schema["type"] = "boolean"
    elif field.choices:
        schema["enum"] = list(field.choices)
    elif field.pattern:  # a slug: text, or what YAML reads as a whole number or true/false
        schema["type"] = ["string", "integer", "boolean"]
        schema["minimum"] = 0
    else:
        schema["type"] = _SCALAR_TYPES
        schema["minLength"] = 1
    if field.pattern:
        schema["pattern"] = field.pattern
    if field.max_length:
        schema["maxLength"] = field.max_length
    return schema
