"""The term page says each fact once and reads top-down: definition, body, one Related
terms block (cards that are one link each, then a compact list of the other backlinks)."""

from __future__ import annotations

import re
from pathlib import Path

from glossary_site import build
from glossary_site.term_view import shows_lead
from tests.conftest import WriteGlossary, term_file


def built(project_files: dict[str, str], write_glossary: WriteGlossary, out: Path) -> Path:
    report = build(write_glossary(project_files), out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return out


def related_block(site: Path, slug: str) -> str:
    html = (site / slug / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<section class="related".*?</section>', html, re.S)
    return found.group() if found else ""


def test_no_lead_when_the_summary_is_missing_or_repeats_the_definition(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = built(
        {
            "plain.md": term_file("Plain", "A plain term with no summary."),
            "same.md": term_file(
                "Same", "Same words -- as the summary.", "summary: Same words – as the summary."
            ),
            "cut.md": term_file(
                "Cut",
                "A long definition that the summary only starts.",
                "summary: A long definition that…",
            ),
            "more.md": term_file(
                "More", "A definition.", "summary: Something the definition does not say."
            ),
        },
        write_glossary,
        tmp_path / "site",
    )
    leads = {
        slug: re.findall(r'<p class="lead">(.*?)</p>', (site / slug / "index.html").read_text())
        for slug in ("plain", "same", "cut", "more")
    }
    assert leads == {
        "plain": [],
        "same": [],
        "cut": [],
        "more": ["Something the definition does not say."],
    }


def test_shows_lead_compares_text_not_markup_quotes_or_case() -> None:
    assert not shows_lead("It's “fast”.", 'It&#8217;s <em>"fast"</em>.')
    assert not shows_lead("", "Anything.")
    assert shows_lead("Slow.", "Fast.")


def test_each_card_is_one_link_and_backlinks_shown_as_cards_are_not_listed_again(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    files = {"hub.md": term_file("Hub", front="related: [a]")}
    files |= {
        f"{name}.md": term_file(name.upper(), body="Uses [the hub](hub).") for name in "abcdefghij"
    }
    site = built(files, write_glossary, tmp_path / "site")
    block = related_block(site, "hub")
    cards = re.findall(r'<li class="card">.*?</li>', block, re.S)
    assert len(cards) == 6  # related_terms: the explicit one, then five computed
    for card in cards:
        assert card.count("<a ") == 1, card
        assert "Read more" in card
    carded = {re.search(r'href="\.\./(\w)/"', card).group(1) for card in cards}  # type: ignore[union-attr]
    listed = set(re.findall(r'<li><a href="\.\./(\w)/">', block))
    assert carded | listed == set("abcdefghij")
    assert not carded & listed
    assert 'id="referenced-by"' in block and "Also linking here" in block
    assert 'class="backlinks"' not in (site / "hub" / "index.html").read_text()


def test_cards_and_lists_are_sorted_by_title_with_unicode_collation(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    titles = {
        "cni": "Container Network Interface",
        "container": "Container",
        "gpu-core": "GPU Core",
        "cta": "Cooperative Thread Array",
        "cuda-core": "CUDA Core",
        "eclair": "Éclair",
        "elan": "elan",
    }
    files = {"hub.md": term_file("Hub", front="related: [" + ", ".join(titles) + "]")}
    files |= {f"{slug}.md": term_file(title) for slug, title in titles.items()}
    site = built(files, write_glossary, tmp_path / "site")
    shown = re.findall(r"<h3><a [^>]*>([^<]*)</a></h3>", related_block(site, "hub"))
    assert shown == [
        "Container",
        "Container Network Interface",
        "Cooperative Thread Array",
        "CUDA Core",
        "Éclair",
        "elan",
        "GPU Core",
    ]


def test_tags_and_category_on_a_term_page_are_links_to_their_pages(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    site = built(
        {
            "a.md": term_file(
                "Alpha", front="tags: [Scrum, Agile Practices]\ncategory: Roles & People"
            )
        },
        write_glossary,
        tmp_path / "site",
    )
    html = (site / "a" / "index.html").read_text()
    assert '<li><a href="../tags/scrum/">Scrum</a></li>' in html
    assert '<li><a href="../tags/agile-practices/">Agile Practices</a></li>' in html
    assert '<dd><a href="../categories/roles-people/">Roles &amp; People</a></dd>' in html
    assert (site / "tags" / "agile-practices" / "index.html").is_file()
    assert (site / "categories" / "roles-people" / "index.html").is_file()
