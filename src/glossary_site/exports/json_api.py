"""A static JSON API: ``/api/terms.json`` lists every published term, ``/api/terms/<slug>.json``
holds one in full, and ``/api/schema/`` their JSON Schemas (``api_schema.py``).

Drafts are never listed. Output is compact, UTF-8 and in slug order, so two builds of the
same sources give the same bytes.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

from ..config import SiteConfig
from ..graph import Node, TermGraph
from ..markup import TocEntry
from ..site_urls import site_url, term_url
from .api_schema import API_VERSION, LIST_SCHEMA_FILE, TERM_SCHEMA_FILE, list_schema, term_schema


def json_api(graph: TermGraph, config: SiteConfig) -> dict[PurePosixPath, bytes]:
    """The list, one file per term, and the two schemas."""
    entries = {slug: entry(node, graph, config) for slug, node in graph.nodes.items()}
    listing = {
        "$schema": site_url(config, LIST_SCHEMA_FILE),
        "version": API_VERSION,
        "title": config.title,
        "description": config.description,
        "base_url": config.base_url,
        "terms": list(entries.values()),
    }
    files = {
        PurePosixPath("api/terms.json"): _dump(listing),
        PurePosixPath(LIST_SCHEMA_FILE): _dump(list_schema(), indent=2),
        PurePosixPath(TERM_SCHEMA_FILE): _dump(term_schema(), indent=2),
    }
    for slug, node in graph.nodes.items():
        full = full_term(node, entries[slug], config)
        files[PurePosixPath("api/terms", f"{slug}.json")] = _dump(full)
    return files


def entry(node: Node, graph: TermGraph, config: SiteConfig) -> dict[str, Any]:
    """A term as /api/terms.json lists it."""
    term = node.term
    related = (graph.resolve(ref.text) for ref in term.related)
    return {
        "slug": term.slug,
        "title": term.title,
        "aliases": [alias.text for alias in term.aliases],
        "summary": node.document.summary,
        "url": term_url(config, term.slug),
        "tags": list(term.tags),
        "category": term.category,
        "related": list(dict.fromkeys(s for s in related if s and s != term.slug)),
        "updated": term.updated.isoformat() if term.updated else None,
        "status": term.status.value,
        "replaced_by": node.replaced_by,
    }


def full_term(node: Node, listed: dict[str, Any], config: SiteConfig) -> dict[str, Any]:
    """A term as /api/terms/<slug>.json holds it: its entry in the list (``listed``), its
    text and its backlinks."""
    return {
        "$schema": site_url(config, TERM_SCHEMA_FILE),
        "version": API_VERSION,
        **listed,
        "author": node.term.author or config.author,
        "definition_html": node.document.definition_html,
        "body_html": node.document.body_html,
        "sections": [_section(section) for section in node.document.toc],
        "backlinks": list(node.referenced_by),
    }


def _section(section: TocEntry) -> dict[str, Any]:
    return {
        "id": section.id,
        "title": section.title,
        "sections": [_section(child) for child in section.children],
    }


def _dump(data: dict[str, Any], indent: int | None = None) -> bytes:
    separators = (",", ": ") if indent else (",", ":")
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    return (text + "\n").encode("utf-8")
