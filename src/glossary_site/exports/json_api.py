"""A static JSON API: ``/api/terms.json`` lists every published term, ``/api/terms/<slug>.json``
holds one in full, and ``/api/schema/`` their JSON Schemas (``api_schema.py``).

Drafts are never listed. Output is compact, UTF-8 and in slug order, so two builds of the
same sources give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from ..config import SiteConfig
from ..graph import TermGraph
from ..site_urls import site_url, term_url
from .api_schema import API_VERSION, LIST_SCHEMA_FILE, TERM_SCHEMA_FILE, list_schema, term_schema
from .facts import TermFacts, term_facts


def json_api(graph: TermGraph, config: SiteConfig) -> dict[PurePosixPath, bytes]:
    """The list, one file per term, and the two schemas."""
    parts = {slug: api_parts(facts, config) for slug, facts in term_facts(graph).items()}
    return api_files(parts, config)


def api_files(
    parts: Mapping[str, tuple[bytes, bytes]], config: SiteConfig
) -> dict[PurePosixPath, bytes]:
    """The API's files of each term's two parts (``api_parts``) by slug, in slug order."""
    head = _dump(
        {
            "$schema": site_url(config, LIST_SCHEMA_FILE),
            "version": API_VERSION,
            "title": config.title,
            "description": config.description,
            "base_url": config.base_url,
        }
    )
    entries = b",".join(listed for listed, _ in parts.values())
    files = {
        PurePosixPath("api/terms.json"): head[:-2] + b',"terms":[' + entries + b"]}\n",
        PurePosixPath(LIST_SCHEMA_FILE): _dump(list_schema(), indent=2),
        PurePosixPath(TERM_SCHEMA_FILE): _dump(term_schema(), indent=2),
    }
    for slug, (_, full) in parts.items():
        files[PurePosixPath("api/terms", f"{slug}.json")] = full
    return files


def api_parts(facts: TermFacts, config: SiteConfig) -> tuple[bytes, bytes]:
    """The term's entry in /api/terms.json (compact JSON, no line end) and its own file.

    The file is its entry's members between the schema and the term's text: the same
    bytes as dumping the merged object, without encoding the entry twice."""
    listed = _dump(entry(facts, config))[:-1]
    head = _dump({"$schema": site_url(config, TERM_SCHEMA_FILE), "version": API_VERSION})
    tail = _dump(
        {
            "author": facts.author or config.author,
            "definition_html": facts.definition_html,
            "body_html": facts.body_html,
            "sections": [_section(section) for section in facts.sections],
            "backlinks": list(facts.referenced_by),
        }
    )
    return listed, b"".join((head[:-2], b",", listed[1:-1], b",", tail[1:]))


def entry(facts: TermFacts, config: SiteConfig) -> dict[str, Any]:
    """A term as /api/terms.json lists it."""
    slug = facts.slug
    return {
        "slug": slug,
        "title": facts.title,
        "aliases": list(facts.aliases),
        "summary": facts.teaser,
        "url": term_url(config, slug),
        "tags": list(facts.tags),
        "category": facts.category,
        "related": list(dict.fromkeys(s for s in facts.resolved if s and s != slug)),
        "updated": facts.updated.isoformat() if facts.updated else None,
        "status": facts.status,
        "replaced_by": facts.replaced_by or None,
    }


def _section(section: tuple[Any, ...]) -> dict[str, Any]:
    section_id, title, children = section
    return {
        "id": section_id,
        "title": title,
        "sections": [_section(child) for child in children],
    }


def _dump(data: dict[str, Any], indent: int | None = None) -> bytes:
    separators = (",", ": ") if indent else (",", ":")
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    return (text + "\n").encode("utf-8")
