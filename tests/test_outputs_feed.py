"""/feed.xml: an Atom feed of the newest terms by 'updated', linked from every page."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from glossary_site import Project, build
from tests.conftest import WriteGlossary, term_file

BASE = "https://example.org/words/"
ATOM = "{http://www.w3.org/2005/Atom}"


def dated(write_glossary: WriteGlossary, config: str = f'base_url = "{BASE}"') -> Project:
    return write_glossary(
        {
            "alpha.md": term_file("Alpha", "First <b>bold</b> & more.", "updated: 2026-01-05"),
            "beta.md": term_file("Beta", "Second.", "updated: 2026-03-01\ntags: [x, y]"),
            "gamma.md": term_file("Gamma", "Third.", "updated: 2026-02-10\nauthor: Gus"),
            "delta.md": term_file("Delta", "No date."),
            "draft.md": term_file("Draft", "Hidden.", "updated: 2027-01-01\nstatus: draft"),
        },
        config=config,
    )


def built(project: Project, out: Path) -> Path:
    report = build(project, out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return out


def test_the_feed_lists_dated_terms_newest_first_and_is_dated_by_the_newest(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    feed = ET.parse(built(dated(write_glossary), tmp_path / "site") / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}updated") == "2026-03-01T00:00:00Z"  # the draft's is not
    assert feed.findtext(f"{ATOM}id") == BASE
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Beta", "Gamma", "Alpha"]
    beta = entries[0]
    assert beta.findtext(f"{ATOM}id") == f"{BASE}beta/"
    assert beta.find(f"{ATOM}link").get("href") == f"{BASE}beta/"  # type: ignore[union-attr]
    assert [c.get("term") for c in beta.findall(f"{ATOM}category")] == ["x", "y"]
    assert entries[1].findtext(f"{ATOM}author/{ATOM}name") == "Gus"
    content = entries[2].find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html"
    assert "<b>bold</b> &amp; more." in (content.text or "")  # HTML, escaped once in XML


def test_feed_entries_sets_how_many_terms_the_feed_holds(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = dated(write_glossary, f'base_url = "{BASE}"\nfeed_entries = 1\n')
    feed = ET.parse(built(project, tmp_path / "site") / "feed.xml").getroot()
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == ["Beta"]


def test_every_page_links_the_feed_in_its_head(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = built(dated(write_glossary), tmp_path / "site")
    link = f'<link rel="alternate" type="application/atom+xml" href="{BASE}feed.xml"'
    for page in ("index.html", "404.html", "alpha/index.html"):
        head = (site / page).read_text().split("</head>")[0]
        assert link in head, page


def test_without_base_url_there_is_no_feed_and_no_link(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = built(dated(write_glossary, config=""), tmp_path / "site")
    assert not (site / "feed.xml").exists()
    assert "application/atom+xml" not in (site / "index.html").read_text()


def test_the_feed_switched_off_is_neither_written_nor_linked(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    config = f'base_url = "{BASE}"\n[exports]\nfeed = false\n'
    site = built(dated(write_glossary, config), tmp_path / "site")
    assert not (site / "feed.xml").exists()
    assert "application/atom+xml" not in (site / "alpha" / "index.html").read_text()


def test_a_glossary_without_dates_has_an_empty_feed_that_is_still_valid_atom(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary({"a.md": term_file("A", "x.")}, config=f'base_url = "{BASE}"')
    feed = ET.parse(built(project, tmp_path / "site") / "feed.xml").getroot()
    assert feed.findall(f"{ATOM}entry") == []
    assert feed.findtext(f"{ATOM}updated") == "1970-01-01T00:00:00Z"


def test_the_feed_is_the_same_bytes_on_every_build(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = dated(write_glossary)
    first = (built(project, tmp_path / "a") / "feed.xml").read_bytes()
    assert (built(project, tmp_path / "b") / "feed.xml").read_bytes() == first
