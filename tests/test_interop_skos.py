"""SKOS exports: Turtle and JSON-LD that rdflib reads back as the glossary itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from glossary_site import Project, build
from glossary_site.build import read_glossary
from glossary_site.markup import html_to_text
from tests.conftest import BUNDLED_CONFIG, BUNDLED_SOURCE, WriteGlossary, term_file

BASE = "https://glossary-site.example/"
# rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph inside.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")


def _rdf(site: Path, name: str, public_id: str | None = None) -> Graph:
    graph = Graph()
    file_format = "turtle" if name.endswith(".ttl") else "json-ld"
    graph.parse(site / name, format=file_format, publicID=public_id)
    return graph


@pytest.mark.slow
@pytest.mark.parametrize("name", ["glossary.ttl", "glossary.jsonld"])
def test_skos_file_holds_every_term_label_alias_definition_and_related_edge(
    bundled_site: Path, name: str
) -> None:
    glossary, _ = read_glossary(Project(BUNDLED_SOURCE, BUNDLED_CONFIG))
    assert glossary is not None
    rdf = _rdf(bundled_site, name)
    scheme = URIRef(BASE)

    concepts = set(rdf.subjects(RDF.type, SKOS.Concept))

    assert concepts == {URIRef(f"{BASE}{slug}/") for slug in glossary.graph.nodes}
    assert (scheme, RDF.type, SKOS.ConceptScheme) in rdf
    assert (scheme, DCTERMS.title, Literal(glossary.config.title, lang="en")) in rdf
    related_edges = set()
    for slug, node in glossary.graph.nodes.items():
        concept = URIRef(f"{BASE}{slug}/")
        assert set(rdf.objects(concept, SKOS.inScheme)) == {scheme}
        assert set(rdf.objects(concept, SKOS.prefLabel)) == {Literal(node.term.title, lang="en")}
        aliases = {Literal(alias.text, lang="en") for alias in node.term.aliases}
        assert set(rdf.objects(concept, SKOS.altLabel)) == aliases
        [definition] = rdf.objects(concept, SKOS.definition)
        assert definition.language == "en" and len(definition) > 20
        assert "<" not in definition and "](" not in definition  # plain text
        related = {glossary.graph.resolve(ref.text) for ref in node.term.related}
        assert {str(o) for o in rdf.objects(concept, SKOS.related)} == {
            f"{BASE}{s}/" for s in related
        }
        related_edges |= {(slug, s) for s in related}
        if node.term.updated:
            [modified] = rdf.objects(concept, DCTERMS.modified)
            assert modified.toPython() == node.term.updated
    assert len(related_edges) >= 100
    grooming = URIRef(f"{BASE}backlog-grooming/")
    assert (grooming, OWL.deprecated, Literal(True)) in rdf
    assert (grooming, DCTERMS.isReplacedBy, URIRef(f"{BASE}backlog-refinement/")) in rdf


def test_turtle_and_json_ld_say_the_same(bundled_site: Path) -> None:
    turtle = _rdf(bundled_site, "glossary.ttl")
    json_ld = _rdf(bundled_site, "glossary.jsonld")

    assert len(turtle) > 300
    assert set(turtle) == set(json_ld)


_AWKWARD = 'Quotes " and """ triple, a back\\slash \\n, 1 < 2 & émoji 🧪, tab\there'


@pytest.mark.parametrize("name", ["glossary.ttl", "glossary.jsonld"])
def test_literals_survive_quotes_backslashes_and_any_script(
    write_glossary: WriteGlossary, tmp_path: Path, name: str
) -> None:
    definition = "'" + _AWKWARD.replace("'", "''") + "'"
    project = write_glossary(
        {
            "odd.md": term_file('Odd "One" \\ Ünïcode', definition, front="aliases: ['日本語']"),
            "other.md": term_file("Other", front="related: [odd]"),
        },
        config='language = "pt-BR"\nbase_url = "https://example.org/g/"\n',
    )
    assert build(project, tmp_path / "site").ok

    rdf = _rdf(tmp_path / "site", name)

    odd = URIRef("https://example.org/g/odd/")
    assert set(rdf.objects(odd, SKOS.prefLabel)) == {Literal('Odd "One" \\ Ünïcode', lang="pt-BR")}
    assert set(rdf.objects(odd, SKOS.altLabel)) == {Literal("日本語", lang="pt-BR")}
    [definition_literal] = rdf.objects(odd, SKOS.definition)
    glossary, _ = read_glossary(project)
    assert glossary is not None
    shown = html_to_text(glossary.graph.nodes["odd"].document.definition_html)
    assert str(definition_literal) == shown
    assert all(part in shown for part in ("back\\slash \\n", "1 < 2 &", "🧪", "tab here")), shown
    assert shown.count("”") + shown.count("“") == 4
    assert (URIRef("https://example.org/g/other/"), SKOS.related, odd) in rdf


@pytest.mark.parametrize("name", ["glossary.ttl", "glossary.jsonld"])
def test_without_base_url_iris_are_the_page_urls_wherever_the_file_is_read_from(
    write_glossary: WriteGlossary, tmp_path: Path, name: str
) -> None:
    project = write_glossary(
        {
            "sprint.md": term_file("Sprint", front="updated: 2026-01-02\nrelated: [kanban]"),
            "kanban.md": term_file("Kanban"),
        }
    )
    assert build(project, tmp_path / "site").ok

    rdf = _rdf(tmp_path / "site", name, public_id=f"https://host.example/words/{name}")

    sprint = URIRef("https://host.example/words/sprint/")
    assert (sprint, RDF.type, SKOS.Concept) in rdf
    assert (sprint, SKOS.inScheme, URIRef("https://host.example/words/")) in rdf
    assert (sprint, SKOS.related, URIRef("https://host.example/words/kanban/")) in rdf
    assert (sprint, DCTERMS.modified, Literal(dt.date(2026, 1, 2))) in rdf
    assert all(str(s).startswith("https://host.example/words/") for s in rdf.subjects())
