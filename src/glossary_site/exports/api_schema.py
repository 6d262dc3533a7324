"""The JSON Schemas of the JSON API (``json_api.py``), published beside it.

``API_VERSION`` only changes when a field changes meaning or goes away; new fields are
added under the same version (README.md, "The JSON API").
"""

from __future__ import annotations

from typing import Any

API_VERSION = 1
LIST_SCHEMA_FILE = "api/schema/terms.schema.json"
TERM_SCHEMA_FILE = "api/schema/term.schema.json"

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_TEXT = {"type": "string"}
_TEXTS = {"type": "array", "items": {"type": "string", "minLength": 1}}
_SLUG = {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"}
_SLUGS = {"type": "array", "items": _SLUG}

# The fields of a term in /api/terms.json; /api/terms/<slug>.json has them and more.
ENTRY_PROPERTIES: dict[str, Any] = {
    "slug": _SLUG | {"description": "identity of the term; its page is at url"},
    "title": _TEXT | {"minLength": 1},
    "aliases": _TEXTS | {"description": "other names and abbreviations"},
    "summary": _TEXT | {"description": "plain-text teaser (the definition, cut, if none)"},
    "url": _TEXT
    | {"description": "the term's page: absolute with the site's base_url, else from the root"},
    "tags": _TEXTS,
    "category": _TEXT | {"description": "empty when the term has none"},
    "related": _SLUGS | {"description": "slugs of the terms the term lists as related"},
    "updated": {"type": ["string", "null"], "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    "status": {"enum": ["published", "deprecated"]},
    "replaced_by": {"anyOf": [_SLUG, {"type": "null"}]},
}

_SECTION: dict[str, Any] = {
    "type": "object",
    "required": ["id", "title", "sections"],
    "properties": {
        "id": _TEXT | {"description": "the section's #fragment on the term page"},
        "title": _TEXT,
        "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}},
    },
    "additionalProperties": False,
}

TERM_PROPERTIES: dict[str, Any] = {
    **ENTRY_PROPERTIES,
    "version": {"const": API_VERSION},
    "author": _TEXT | {"description": "empty when neither the term nor the site names one"},
    "definition_html": _TEXT
    | {"description": "inline HTML; relative links are relative to the term's url"},
    "body_html": _TEXT | {"description": "HTML; relative links are relative to the term's url"},
    "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}},
    "backlinks": _SLUGS | {"description": "slugs of the terms that link here or list this one"},
}


def list_schema() -> dict[str, Any]:
    """The schema of /api/terms.json."""
    return {
        "$schema": _DRAFT,
        "title": "glossary-site /api/terms.json",
        "type": "object",
        "required": ["version", "title", "terms"],
        "properties": {
            "version": {"const": API_VERSION},
            "title": _TEXT,
            "description": _TEXT,
            "base_url": _TEXT | {"description": "the site's address; empty when not configured"},
            "terms": {"type": "array", "items": _object(ENTRY_PROPERTIES)},
        },
    }


def term_schema() -> dict[str, Any]:
    """The schema of /api/terms/<slug>.json."""
    return {
        "$schema": _DRAFT,
        "title": "glossary-site /api/terms/<slug>.json",
        **_object(TERM_PROPERTIES),
        "$defs": {"section": _SECTION},
    }


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    # Every field is always present; more may be added under the same version.
    return {"type": "object", "required": sorted(properties), "properties": properties}
