"""SKOS: the glossary as a ``skos:ConceptScheme`` of ``skos:Concept``s, Turtle and JSON-LD.

Written directly (no RDF library at build time: rdflib takes seconds for 10,000 terms,
see README "Exports"); the tests parse both files back with rdflib. Every literal
carries the config's ``language``. Concept IRIs are the terms' page URLs: absolute with
``base_url``, relative to the file (``sprint/``) without it, which a parser resolves
against the URL it read the file from.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath
from typing import Any

from ..config import SiteConfig
from ..graph import TermGraph
from .facts import term_facts
from .records import TermRecord, concept_iri, scheme_iri, term_record

TURTLE_PATH = PurePosixPath("glossary.ttl")
JSONLD_PATH = PurePosixPath("glossary.jsonld")

SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"

# Quotes, backslashes and line breaks end a literal; other controls are escaped too.
_ESCAPE_RE = re.compile('["\\\\\x00-\x1f\x7f\u2028\u2029]')
_TURTLE_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def export_skos(graph: TermGraph, config: SiteConfig) -> Mapping[PurePosixPath, bytes]:
    records = [term_record(facts) for facts in term_facts(graph).values()]
    return skos_files(
        [turtle_part(record, config) for record in records],
        [json_ld_part(record, config) for record in records],
        config,
    )


def skos_files(
    turtle_parts: Sequence[bytes], json_ld_parts: Sequence[bytes], config: SiteConfig
) -> dict[PurePosixPath, bytes]:
    """Both files, of each term's part (``turtle_part``, ``json_ld_part``) in order."""
    return {
        TURTLE_PATH: b"".join((turtle_head(config).encode("utf-8"), *turtle_parts, b"\n")),
        JSONLD_PATH: json_ld_file(json_ld_parts, config),
    }


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _TURTLE_ESCAPES.get(char, f"\\u{ord(char):04X}")


def _literal(text: str, language: str) -> str:
    """A Turtle string literal with a language tag; every character that could end it escaped."""
    return f'"{_ESCAPE_RE.sub(_escape, text)}"@{language}'


def _iri(iri: str) -> str:
    """``<iri>``; slugs and a validated base_url never hold characters Turtle forbids."""
    assert not any(char in iri for char in '<>"{}|^`\\ '), iri
    return f"<{iri}>"


def turtle_head(config: SiteConfig) -> str:
    lang = config.language
    lines = [
        f"@prefix skos: <{SKOS}> .",
        f"@prefix dct: <{DCT}> .",
        f"@prefix owl: <{OWL}> .",
        f"@prefix xsd: <{XSD}> .",
        "",
        f"{_iri(scheme_iri(config))} a skos:ConceptScheme ;",
        f"    dct:title {_literal(config.title, lang)} ;",
        f"    dct:description {_literal(config.description, lang)} .",
    ]
    return "\n".join(lines)


def turtle_part(record: TermRecord, config: SiteConfig) -> bytes:
    """The concept of ``record`` in Turtle, after a blank line."""
    return ("\n\n" + "\n".join(_concept(record, config))).encode("utf-8")


def _concept(record: TermRecord, config: SiteConfig) -> list[str]:
    lang = config.language
    pairs = [
        ("skos:inScheme", _iri(scheme_iri(config))),
        ("skos:prefLabel", _literal(record.title, lang)),
        *(("skos:altLabel", _literal(alias, lang)) for alias in record.aliases),
        ("skos:definition", _literal(record.definition, lang)),
        *(("skos:related", _iri(concept_iri(config, slug))) for slug in record.related),
    ]
    if record.updated is not None:
        pairs.append(("dct:modified", f'"{record.updated.isoformat()}"^^xsd:date'))
    if record.deprecated:
        pairs.append(("owl:deprecated", "true"))
    if record.replaced_by:
        pairs.append(("dct:isReplacedBy", _iri(concept_iri(config, record.replaced_by))))
    body = [f"    {name} {value}" for name, value in pairs]
    return [f"{_iri(concept_iri(config, record.slug))} a skos:Concept ;", " ;\n".join(body) + " ."]


def _context(language: str) -> dict[str, Any]:
    def text(iri: str, many: bool = False) -> dict[str, str]:
        entry = {"@id": iri, "@language": language}
        return {**entry, "@container": "@set"} if many else entry

    def link(iri: str, many: bool = False) -> dict[str, str]:
        entry = {"@id": iri, "@type": "@id"}
        return {**entry, "@container": "@set"} if many else entry

    return {
        "skos": SKOS,
        "dct": DCT,
        "owl": OWL,
        "xsd": XSD,
        "title": text("dct:title"),
        "description": text("dct:description"),
        "prefLabel": text("skos:prefLabel"),
        "altLabel": text("skos:altLabel", many=True),
        "definition": text("skos:definition"),
        "inScheme": link("skos:inScheme"),
        "related": link("skos:related", many=True),
        "isReplacedBy": link("dct:isReplacedBy"),
        "modified": {"@id": "dct:modified", "@type": "xsd:date"},
        "deprecated": {"@id": "owl:deprecated", "@type": "xsd:boolean"},
    }


def json_ld_file(parts: Sequence[bytes], config: SiteConfig) -> bytes:
    """The JSON-LD file: the context, then the scheme and each concept on a line."""
    scheme = {
        "@id": scheme_iri(config),
        "@type": "skos:ConceptScheme",
        "title": config.title,
        "description": config.description,
    }
    # One node per line, written by json's C encoder (indenting takes its slow path).
    context = json.dumps(_context(config.language), ensure_ascii=False, indent=1)
    head = f'{{"@context": {context},\n"@graph": [\n{json.dumps(scheme, ensure_ascii=False)}'
    return b",\n".join((head.encode("utf-8"), *parts)) + b"\n]}\n"


def json_ld_part(record: TermRecord, config: SiteConfig) -> bytes:
    """The concept of ``record`` as one line of JSON-LD."""
    return json.dumps(_concept_object(record, config), ensure_ascii=False).encode("utf-8")


def _concept_object(record: TermRecord, config: SiteConfig) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@id": concept_iri(config, record.slug),
        "@type": "skos:Concept",
        "inScheme": scheme_iri(config),
        "prefLabel": record.title,
        "definition": record.definition,
    }
    if record.aliases:
        data["altLabel"] = list(record.aliases)
    if record.related:
        data["related"] = [concept_iri(config, slug) for slug in record.related]
    if record.updated is not None:
        data["modified"] = record.updated.isoformat()
    if record.deprecated:
        data["deprecated"] = True
    if record.replaced_by:
        data["isReplacedBy"] = concept_iri(config, record.replaced_by)
    return data
