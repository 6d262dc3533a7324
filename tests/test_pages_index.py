"""The A–Z index: aliases in their own place, deprecated terms pointing to their
replacement, drafts nowhere, and one page per letter past ``index_split_at`` terms."""

from __future__ import annotations

import re
from pathlib import Path

from glossary_site import Project, build
from tests.conftest import WriteGlossary, term_file
from tests.linkcheck import broken_links

FILES = {
    "kubernetes.md": term_file("Kubernetes", front="aliases: [K8s, kubernetes]\ntags: [Cloud]"),
    "grooming.md": term_file(
        "Backlog Grooming", front="status: deprecated\nreplaced_by: refinement"
    ),
    "refinement.md": term_file("Backlog Refinement"),
    "secret.md": term_file("Secret Plan", front="status: draft\naliases: [Hidden]\ntags: [Cloud]"),
}


def build_ok(project: Project, out: Path) -> Path:
    report = build(project, out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return out


def entries(html: str) -> list[str]:
    """Each index entry's text, tags stripped."""
    html = re.sub(r"<dd>[^<]*</dd>", "", html)  # teasers
    found = re.findall(r'<div class="index-entry[^>]*>(<dt>.*?)</div>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", e).split()) for e in found]


def test_aliases_have_their_own_place_and_lead_to_their_term(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = build_ok(write_glossary(FILES), tmp_path / "site")
    html = (site / "index.html").read_text()
    assert entries(html) == [
        "Backlog Grooming deprecated use Backlog Refinement",
        "Backlog Refinement",
        "K8s → see Kubernetes",  # under K, before Kubernetes; the title's own case is no alias
        "Kubernetes",
    ]
    assert '<dt><a href="kubernetes/">K8s</a></dt><dd class="see">' in html
    assert 'use <a href="refinement/">Backlog Refinement</a>' in html


def test_drafts_appear_nowhere_not_in_the_index_nor_on_tag_pages(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = build_ok(write_glossary(FILES), tmp_path / "site")
    for page in site.rglob("*.html"):
        text = page.read_text()
        assert "Secret Plan" not in text and "Hidden" not in text, page


def test_past_index_split_at_each_letter_gets_its_page_and_the_index_stays_small(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    files = {
        f"{c}{i}.md": term_file(f"{c.upper()}erm {i}", front="tags: [x]")
        for c in "abc"
        for i in range(10)
    }
    files["k.md"] = term_file("Kanban", front="aliases: [Zeta board]")
    site = build_ok(write_glossary(files, config="index_split_at = 20\n"), tmp_path / "site")
    index = (site / "index.html").read_text()
    assert entries(index) == []
    assert '<h2 id="letter-a"><a href="letters/a/">A</a></h2>' in index
    assert "10 entries, from Aerm 0 to Aerm 9" in index
    letter_a = (site / "letters" / "a" / "index.html").read_text()
    assert len(entries(letter_a)) == 10 and "Berm" not in letter_a
    assert '<a href="../b/">B</a>' in letter_a and 'aria-current="page">A</a>' in letter_a
    assert entries((site / "letters" / "z" / "index.html").read_text()) == [
        "Zeta board → see Kanban"
    ]
    term = (site / "a3" / "index.html").read_text()
    assert '<li><a href="../letters/a/">A</a></li>' in term  # the breadcrumb's letter
    assert broken_links(site) == []


def test_up_to_index_split_at_the_index_is_one_page_with_letter_anchors(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    files = {f"a{i}.md": term_file(f"Aerm {i}") for i in range(5)}
    site = build_ok(write_glossary(files, config="index_split_at = 5\n"), tmp_path / "site")
    assert len(entries((site / "index.html").read_text())) == 5
    assert not (site / "letters").exists()
    assert '<li><a href="../#letter-a">A</a></li>' in (site / "a1" / "index.html").read_text()


def test_the_letter_bar_is_sticky_and_headings_stop_below_it() -> None:
    css = (Path(__file__).parent.parent / "src/glossary_site/static/style.css").read_text()
    assert re.search(r"\.letters\{position:sticky;top:0", css)
    assert "scroll-margin-top" in css
