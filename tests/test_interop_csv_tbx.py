"""CSV and TBX exports: spreadsheet-safe CSV that imports back, well-formed TBX-Basic."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from lxml import etree

from glossary_site import Project, build
from glossary_site.build import read_glossary
from glossary_site.importers import import_glossary
from tests.conftest import BUNDLED_CONFIG, BUNDLED_SOURCE, WriteGlossary, term_file
from tests.importing import card_links, term_links, term_pages

TBX = "{urn:iso:std:iso:30042:ed-2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _rows(site: Path) -> list[dict[str, str]]:
    data = (site / "glossary.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_a_bom_a_header_crlf_rows_and_one_row_per_published_term(
    bundled_site: Path,
) -> None:
    data = (bundled_site / "glossary.csv").read_bytes()
    rows = _rows(bundled_site)

    assert data.decode("utf-8-sig").split("\r\n", 1)[0].startswith("slug,title,aliases,definition")
    assert len(rows) == len(term_pages(bundled_site))
    sprint = next(row for row in rows if row["slug"] == "sprint")
    assert sprint["title"] == "Sprint" and sprint["status"] == "published"
    assert "; " in next(row["aliases"] for row in rows if row["slug"] == "acceptance-criteria")


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_get_an_apostrophe(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary(
        {
            "f.md": term_file(
                '=HYPERLINK("http://evil.example")',
                '"-1 is a number, +1 too"',
                front="slug: f\naliases: ['@SUM(A1)', '+cmd', 'plain']\ncategory: '-x'",
            ),
            "g.md": term_file("Good term", 'Safe = fine, says "quote", and a, comma.'),
        }
    )
    assert build(project, tmp_path / "site").ok

    rows = {row["slug"]: row for row in _rows(tmp_path / "site")}

    assert rows["f"]["title"] == '\'=HYPERLINK("http://evil.example")'
    assert rows["f"]["definition"] == "'-1 is a number, +1 too"
    assert rows["f"]["aliases"] == "'@SUM(A1); +cmd; plain"
    assert rows["f"]["category"] == "'-x"
    assert rows["g"]["definition"] == 'Safe = fine, says "quote", and a, comma.'
    assert all(
        not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        for row in rows.values()
        for cell in row.values()
    )


@pytest.mark.slow
def test_csv_imports_back_to_the_same_terms_links_and_related_cards(
    bundled_site: Path, tmp_path: Path
) -> None:
    report = import_glossary("csv", bundled_site / "glossary.csv", tmp_path / "glossary")
    assert report.ok, [d.format() for d in report.diagnostics]
    assert [d.code for d in report.diagnostics] == []
    shutil.copytree(BUNDLED_SOURCE / "img", tmp_path / "glossary" / "img")  # files stay files
    rebuilt = tmp_path / "site"

    built = build(Project(tmp_path / "glossary"), rebuilt)

    assert built.ok, [d.format() for d in built.diagnostics]
    original, _ = read_glossary(Project(BUNDLED_SOURCE, BUNDLED_CONFIG))
    again, _ = read_glossary(Project(tmp_path / "glossary"))
    assert original is not None and again is not None
    for slug, node in original.graph.nodes.items():
        copy = again.graph.nodes[slug]
        assert copy.term.title == node.term.title
        assert [a.text for a in copy.term.aliases] == [a.text for a in node.term.aliases]
        assert copy.document.definition_html == node.document.definition_html
        assert copy.document.body_html == node.document.body_html
        assert copy.related == node.related and copy.replaced_by == node.replaced_by
        assert (copy.term.tags, copy.term.category) == (node.term.tags, node.term.category)
        assert (copy.term.updated, copy.term.status) == (node.term.updated, node.term.status)
    assert set(again.graph.nodes) == set(original.graph.nodes)
    assert term_links(rebuilt) == term_links(_bundled(tmp_path))
    assert card_links(rebuilt) == card_links(_bundled(tmp_path))


def _bundled(tmp_path: Path) -> Path:
    """The bundled glossary built without base_url (as the imported one is)."""
    site = tmp_path / "bundled"
    if not site.exists():
        assert build(Project(BUNDLED_SOURCE), site).ok
    return site


def test_tbx_is_well_formed_tbx_basic_with_an_entry_per_term(bundled_site: Path) -> None:
    glossary, _ = read_glossary(Project(BUNDLED_SOURCE, BUNDLED_CONFIG))
    assert glossary is not None

    root = etree.parse(str(bundled_site / "glossary.tbx")).getroot()

    assert root.tag == f"{TBX}tbx"
    assert (root.get("type"), root.get("style"), root.get(XML_LANG)) == ("TBX-Basic", "dca", "en")
    assert root.find(f"{TBX}tbxHeader/{TBX}fileDesc/{TBX}titleStmt/{TBX}title").text == (
        glossary.config.title
    )
    entries = root.findall(f"{TBX}text/{TBX}body/{TBX}conceptEntry")
    ids = {entry.get("id") for entry in entries}
    assert ids == {f"c-{slug}" for slug in glossary.graph.nodes}
    for entry in entries:
        node = glossary.graph.nodes[entry.get("id").removeprefix("c-")]
        [lang] = entry.findall(f"{TBX}langSec")
        assert lang.get(XML_LANG) == "en"
        assert next(child.tag for child in lang) == f"{TBX}descrip"
        assert lang.find(f"{TBX}descrip").get("type") == "definition"
        names = [section.findtext(f"{TBX}term") for section in lang.findall(f"{TBX}termSec")]
        assert names == [node.term.title, *(alias.text for alias in node.term.aliases)]
        statuses = [n.text for n in lang.iter(f"{TBX}termNote")]
        preferred = "deprecatedTerm" if node.term.status == "deprecated" else "preferredTerm"
        assert statuses[0] == f"{preferred}-admn-sts"
        assert set(statuses[1:]) <= {"admittedTerm-admn-sts"}
        for ref in entry.findall(f"{TBX}ref"):
            assert ref.get("type") == "crossReference" and ref.get("target") in ids
        # auxiliary information comes before the language sections
        tags = [child.tag for child in entry]
        assert tags.index(f"{TBX}langSec") == len(tags) - 1


def test_tbx_escapes_markup_characters_in_names_and_definitions(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary(
        {"x.md": term_file('A <b> & "c"', "Less < more & ]]> end.", front="slug: x")},
        config='language = "de"\n',
    )
    assert build(project, tmp_path / "site").ok

    root = etree.parse(str(tmp_path / "site" / "glossary.tbx")).getroot()

    assert root.findtext(f".//{TBX}term") == 'A <b> & "c"'
    assert "Less < more & ]]> end." in root.findtext(f".//{TBX}descrip")
    assert root.get(XML_LANG) == "de"
