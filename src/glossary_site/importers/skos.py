"""``skos``: a SKOS vocabulary (Turtle ``.ttl`` or JSON-LD ``.jsonld``) → one term per concept.

Read with rdflib (imported only here, so builds never load it). Each ``skos:Concept``
becomes a term: its slug from the last segment of its IRI (``…/sprint/`` → ``sprint``,
``…#sprint`` → ``sprint``), ``prefLabel`` → title, ``altLabel`` → aliases, ``definition``
→ definition, ``related`` → related, ``dct:modified`` → updated, ``owl:deprecated`` and
``dct:isReplacedBy`` → status and replaced_by, notes → sections of the body. Labels in
the language asked for (``--language``) win; other languages are left out with a
warning. ``broader``/``narrower`` have no place in our format: they become related terms,
with a warning. Texts are plain text, so Markdown's own characters in them are escaped.
A JSON-LD file whose ``@context`` is a URL is refused: nothing is fetched from the web.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from .collect import make_slug
from .model import ImportedTerm, ImportOptions, ImportResult
from .sources import parse_date, read_text

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
OWL = "http://www.w3.org/2002/07/owl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_FORMATS = {".ttl": "turtle", ".jsonld": "json-ld", ".json": "json-ld", ".nt": "nt"}
# Predicates this importer carries over; any other is reported once per file.
_NOTES = {"scopeNote": "Scope note", "note": "Note", "example": "Example"}
_KNOWN = {
    RDF_TYPE,
    *(SKOS + name for name in ("prefLabel", "altLabel", "definition", "related", "inScheme")),
    *(SKOS + name for name in ("broader", "narrower", "topConceptOf", *_NOTES)),
    DCT + "modified",
    DCT + "isReplacedBy",
    OWL + "deprecated",
}
_MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_\[\]{}>#|~!])")
_LIST_START_RE = re.compile(r"^([-+]|\d+)([.)]?)(\s)")


def import_skos(src: Path, options: ImportOptions) -> ImportResult:
    result = ImportResult()
    file_format = _FORMATS.get(src.suffix.lower())
    if src.is_dir() or file_format is None:
        result.fail(
            src,
            0,
            "not-skos",
            "skos imports one Turtle (.ttl) or JSON-LD (.jsonld) file",
            "give the .ttl or .jsonld file as SRC",
        )
        return result
    text = read_text(src, result)
    if text is None:
        return result
    graph = _parse(src, text, file_format, result)
    if graph is not None:
        _Concepts(graph, src, text, options.language, result).read()
    return result


def _parse(src: Path, text: str, file_format: str, result: ImportResult) -> Graph | None:
    if file_format == "json-ld" and (problem := _remote_context(text)):
        result.fail(src, 0, "remote-context", problem, "put the context into the file itself")
        return None
    from rdflib import Graph

    graph = Graph()
    try:
        with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated API
            warnings.simplefilter("ignore", DeprecationWarning)
            graph.parse(data=text, format=file_format, publicID=src.resolve().as_uri())
    except Exception as exc:  # rdflib raises many kinds for bad syntax
        message = " ".join(str(exc).split())[:300]
        result.fail(
            src,
            _error_line(message),
            "bad-rdf",
            f"the file is not valid {file_format}: {message}",
            "fix the syntax (an RDF validator names the spot), then import again",
        )
        return None
    return graph


def _error_line(message: str) -> int:
    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else 0


def _remote_context(text: str) -> str:
    """Why the JSON-LD ``text`` would make a parser fetch something; "" when it would not."""
    try:
        contexts = _contexts(json.loads(text))
    except ValueError:
        return ""  # the parser reports it
    except RecursionError:
        return "the JSON is nested too deeply to read"
    for context in contexts:
        if isinstance(context, str):
            return "its @context is a URL, which would be fetched from the web"
        if isinstance(context, dict) and "@import" in context:
            return "its @context imports another context (@import), which would be fetched"
    return ""


def _contexts(value: Any) -> list[Any]:
    """Every value of an ``@context`` key, lists flattened, at any depth."""
    found: list[Any] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "@context":
                found += item if isinstance(item, list) else [item]
            found += _contexts(item)
    elif isinstance(value, list):
        for item in value:
            found += _contexts(item)
    return found


def plain_markdown(text: str) -> str:
    """Plain ``text`` as one line of Markdown that shows exactly that text.

    ``&`` and ``<`` become entities (Python-Markdown has no escape for ``<``); the other
    characters Markdown or its extensions act on get a backslash, and so does a leading
    list marker.
    """
    line = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;")
    escaped = _MARKDOWN_SPECIAL_RE.sub(r"\\\1", line)
    return _LIST_START_RE.sub(_escape_list_marker, escaped, count=1)


def _escape_list_marker(match: re.Match[str]) -> str:
    marker, dot, space = match.groups()
    if marker[0].isdigit():
        return f"{marker}\\{dot}{space}" if dot else match.group()
    return f"\\{marker}{dot}{space}"


def slug_of(iri: str) -> str:
    """The slug an IRI names: its fragment, or its last non-empty path segment."""
    parts = urlsplit(iri)
    segments = [s for s in parts.path.split("/") if s and s != "index.html"]
    name = parts.fragment or (segments[-1].removesuffix(".html") if segments else "")
    return make_slug(unquote(name))


class _Concepts:
    """Reads every concept of one parsed file into ``result``."""

    def __init__(
        self, graph: Graph, src: Path, text: str, language: str, result: ImportResult
    ) -> None:
        self.graph = graph
        self.src = src
        self.text = text
        self.language = language.lower()
        self.result = result
        self.slugs: dict[str, str] = {}  # concept IRI → slug
        self.left_out: dict[str, int] = defaultdict(int)  # what was not carried → count

    def read(self) -> None:
        from rdflib import RDF, URIRef

        concepts = sorted(str(s) for s in self.graph.subjects(RDF.type, URIRef(SKOS + "Concept")))
        if not concepts:
            self.result.fail(
                self.src, 0, "no-concepts", "the file holds no skos:Concept", _SKOS_HINT
            )
            return
        for iri in concepts:
            self.slugs[iri] = slug_of(iri) or make_slug(self._label(iri, "prefLabel"))
        for iri in concepts:
            term = self._term(iri)
            if term is not None:
                self.result.terms.append(term)
        for what, count in sorted(self.left_out.items()):
            self.result.warn(
                self.src,
                0,
                "not-carried",
                f"{what} ({count}×) has no place in our format; it was left out",
                "add it to the terms by hand if readers need it",
            )

    def _objects(self, iri: str, predicate: str) -> list[Node]:
        from rdflib import URIRef

        return sorted(self.graph.objects(URIRef(iri), URIRef(predicate)), key=str)

    def _texts(self, iri: str, name: str) -> list[str]:
        """Literals of ``skos:name`` in the language asked for (or without one)."""
        from rdflib import Literal

        values = [o for o in self._objects(iri, SKOS + name) if isinstance(o, Literal)]
        chosen = [o for o in values if _language_matches(o.language, self.language)]
        if len(chosen) < len(values):
            self.left_out[f"a skos:{name} in another language than {self.language}"] += len(
                values
            ) - len(chosen)
        return [" ".join(str(o).split()) for o in chosen if str(o).strip()]

    def _label(self, iri: str, name: str) -> str:
        texts = self._texts(iri, name)
        return texts[0] if texts else ""

    def _line(self, iri: str) -> int:
        """The line of the first mention of the concept's IRI or slug in the file."""
        found = self.text.find(iri)
        if found < 0:
            found = self.text.find(f"{self.slugs[iri]}/")
        return self.text.count("\n", 0, found) + 1 if found >= 0 else 0

    def _links(self, iri: str, predicate: str) -> list[str]:
        slugs = []
        for target in self._objects(iri, predicate):
            slug = self.slugs.get(str(target))
            if slug is None:
                self.result.warn(
                    self.src,
                    self._line(iri),
                    "missing-term",
                    f"'{self.slugs[iri]}' refers to {target}, which is no concept of this file; "
                    "the reference was left out",
                    "import the vocabulary that defines it too, or add it by hand",
                )
            else:
                slugs.append(slug)
        return slugs

    def _term(self, iri: str) -> ImportedTerm | None:
        line = self._line(iri)
        title = self._label(iri, "prefLabel")
        if not title:
            self.result.fail(
                self.src,
                line,
                "no-title",
                f"the concept {iri} has no skos:prefLabel in '{self.language}'",
                "give it a prefLabel, or import with --language set to the labels' language",
            )
            return None
        definitions = self._texts(iri, "definition")
        if len(definitions) > 1:
            self.left_out["a second skos:definition"] += len(definitions) - 1
        hierarchy = self._links(iri, SKOS + "broader") + self._links(iri, SKOS + "narrower")
        if hierarchy:
            self.left_out["skos:broader/narrower (kept as related terms)"] += len(hierarchy)
        self._count_unknown(iri)
        return ImportedTerm(
            source=self.src,
            line=line,
            slug=self.slugs[iri],
            title=title,
            definition=plain_markdown(definitions[0]) if definitions else "",
            aliases=tuple(self._texts(iri, "altLabel")),
            related=tuple(dict.fromkeys(self._links(iri, SKOS + "related") + hierarchy)),
            updated=self._date(iri),
            status="deprecated" if self._deprecated(iri) else "published",
            replaced_by=next(iter(self._links(iri, DCT + "isReplacedBy")), ""),
            body=self._notes(iri),
        )

    def _notes(self, iri: str) -> str:
        sections = []
        for name, heading in _NOTES.items():
            for note in self._texts(iri, name):
                sections.append(f"## {heading}\n\n{plain_markdown(note)}")
        return "\n\n".join(sections)

    def _date(self, iri: str) -> dt.date | None:
        for value in self._objects(iri, DCT + "modified"):
            date = parse_date(str(value))
            if date is not None:
                return date
            self.left_out["a dct:modified that is not a date"] += 1
        return None

    def _deprecated(self, iri: str) -> bool:
        return any(str(o).lower() == "true" for o in self._objects(iri, OWL + "deprecated"))

    def _count_unknown(self, iri: str) -> None:
        from rdflib import URIRef

        for predicate in set(self.graph.predicates(URIRef(iri))):
            if str(predicate) not in _KNOWN:
                self.left_out[f"the property <{predicate}>"] += 1


def _language_matches(tag: str | None, wanted: str) -> bool:
    """A literal without a language, or in ``wanted`` (``en`` also takes ``en-GB``)."""
    if not tag:
        return True
    tag = tag.lower()
    return tag == wanted or tag.split("-")[0] == wanted.split("-")[0]


_SKOS_HINT = (
    "a SKOS file declares each term as '<iri> a skos:Concept' with a skos:prefLabel; "
    "export one from your vocabulary tool"
)
