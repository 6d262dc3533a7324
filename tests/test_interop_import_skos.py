"""``import skos``: a SKOS file read back into term files; our own exports round-trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary_site import Project, build
from glossary_site.build import read_glossary
from glossary_site.cli import cli
from glossary_site.importers import import_glossary
from glossary_site.importers.skos import plain_markdown, slug_of
from glossary_site.markup import html_to_text
from tests.conftest import BUNDLED_CONFIG, BUNDLED_SOURCE


@pytest.mark.slow
@pytest.mark.parametrize("name", ["glossary.ttl", "glossary.jsonld"])
def test_bundled_glossary_survives_build_import_skos_build(
    bundled_site: Path, tmp_path: Path, name: str
) -> None:
    report = import_glossary("skos", bundled_site / name, tmp_path / "glossary")
    assert report.ok and report.diagnostics == (), [d.format() for d in report.diagnostics]

    built = build(Project(tmp_path / "glossary"), tmp_path / "site")

    assert built.ok, [d.format() for d in built.diagnostics if d.is_error]
    original, _ = read_glossary(Project(BUNDLED_SOURCE, BUNDLED_CONFIG))
    again, _ = read_glossary(Project(tmp_path / "glossary"))
    assert original is not None and again is not None
    assert set(again.graph.nodes) == set(original.graph.nodes)
    for slug, node in original.graph.nodes.items():
        copy = again.graph.nodes[slug]
        assert copy.term.title == node.term.title
        assert {a.text for a in copy.term.aliases} == {a.text for a in node.term.aliases}
        assert html_to_text(copy.document.definition_html) == html_to_text(
            node.document.definition_html
        )
        edges = {original.graph.resolve(r.text) for r in node.term.related}
        assert {again.graph.resolve(r.text) for r in copy.term.related} == edges
        assert (copy.term.updated, copy.term.status) == (node.term.updated, node.term.status)
        assert copy.replaced_by == node.replaced_by


def _skos(tmp_path: Path, body: str, name: str = "v.ttl") -> Path:
    path = tmp_path / name
    path.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix ex: <https://vocab.example/terms#> .\n" + body,
        encoding="utf-8",
    )
    return path


def test_labels_in_other_languages_hierarchy_and_unknown_properties_are_reported(
    tmp_path: Path,
) -> None:
    src = _skos(
        tmp_path,
        'ex:cat a skos:Concept ; skos:prefLabel "Cat"@en, "Katze"@de ;\n'
        '  skos:altLabel "Kitty"@en-GB ; skos:definition "A *small* <feline> & friend."@en ;\n'
        '  skos:broader ex:animal ; skos:related ex:unicorn ; skos:notation "C1" ;\n'
        '  skos:scopeNote "Domestic only."@en .\n'
        'ex:animal a skos:Concept ; skos:prefLabel "Animal"@en ; skos:definition "Alive."@en .\n',
    )

    report = import_glossary("skos", src, tmp_path / "g")

    assert report.ok
    messages = {d.code: d.format() for d in report.diagnostics}
    assert set(messages) == {"import-not-carried", "import-missing-term"}
    assert (
        "ex:unicorn" in messages["import-missing-term"]
        or "unicorn" in (messages["import-missing-term"])
    )
    left_out = [d.message for d in report.diagnostics if d.code == "import-not-carried"]
    assert any("another language" in m for m in left_out)
    assert any("broader/narrower" in m for m in left_out)
    assert any("skos/core#notation" in m for m in left_out)
    text = (tmp_path / "g" / "cat.md").read_text(encoding="utf-8")
    assert "Katze" not in text and "Kitty" in text and "## Scope note" in text
    assert "related:\n- animal" in text
    built = build(Project(tmp_path / "g"), tmp_path / "site")
    assert built.ok
    page = (tmp_path / "site" / "cat" / "index.html").read_text(encoding="utf-8")
    assert "A *small* &lt;feline&gt; &amp; friend." in page


def test_plain_text_stays_plain_text_through_markdown() -> None:
    from glossary_site.markup import MarkdownRenderer
    from tests.test_markup import make_term

    text = "1. *not* [a](link) <b>x</b> & AT&amp;T `code` _u_ # {#id} | ~ ! \\ *[X]: y"
    yaml_text = plain_markdown(text).replace("'", "''")
    document, _ = MarkdownRenderer(trust_html=False).render(
        make_term(f"---\ntitle: X\ndefinition: '{yaml_text}'\n---\n")
    )

    assert html_to_text(document.definition_html) == text


@pytest.mark.parametrize(
    ("iri", "slug"),
    [
        ("https://example.org/g/sprint/", "sprint"),
        ("https://example.org/g/sprint/index.html", "sprint"),
        ("https://vocab.example/terms#Daily_Scrum", "daily-scrum"),
        ("urn:x:Sprint%20Goal", "x-sprint-goal"),
    ],
)
def test_slug_is_the_last_segment_of_the_concept_iri(iri: str, slug: str) -> None:
    assert slug_of(iri) == slug


def test_a_json_ld_file_with_a_remote_context_is_refused_without_fetching(
    tmp_path: Path,
) -> None:
    src = tmp_path / "v.jsonld"
    src.write_text('{"@context": "https://unreachable.invalid/ctx.jsonld", "@id": "x"}')

    report = import_glossary("skos", src, tmp_path / "g")

    assert [d.code for d in report.diagnostics] == ["import-remote-context"]
    assert not (tmp_path / "g").exists() or not any((tmp_path / "g").iterdir())


def test_bad_turtle_is_an_error_with_its_line_and_nothing_is_written(tmp_path: Path) -> None:
    src = _skos(tmp_path, 'ex:a a skos:Concept ;\n  skos:prefLabel "A" \n  skos:broken .\n')

    report = import_glossary("skos", src, tmp_path / "g")

    [problem] = report.diagnostics
    assert problem.code == "import-bad-rdf" and problem.is_error
    assert problem.line in (3, 4, 5)
    assert not (tmp_path / "g").exists() or not any((tmp_path / "g").iterdir())


def test_import_skos_on_the_command_line_never_overwrites_without_force(
    bundled_site: Path, tmp_path: Path
) -> None:
    out = tmp_path / "g"
    out.mkdir()
    (out / "sprint.md").write_text("mine\n", encoding="utf-8")
    args = ["import", "skos", str(bundled_site / "glossary.ttl"), "--out", str(out)]

    first = CliRunner().invoke(cli, args)
    forced = CliRunner().invoke(cli, [*args, "--force"])

    assert first.exit_code == 1 and "import-exists" in first.output
    assert forced.exit_code == 0
    assert (out / "sprint.md").read_text(encoding="utf-8").startswith("---\ntitle: Sprint")
