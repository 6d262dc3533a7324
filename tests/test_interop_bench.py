"""``bench/interop.py`` counts what survives an import from the source files themselves:
on the real corpora, every source term has a page and every source link between terms is a
working link of the built site (each case skipped with a message when its corpus is absent)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import interop  # noqa: E402

# case name → (corpus, published source terms, source links between terms), as the
# sources have them: tooltips, {{Glossary}} macros and the disambiguation list, /slug/ links.
EXPECTED = {
    "kubernetes-glossary-2019/en": ("kubernetes-glossary-2019", 88, 65),
    "kubernetes-glossary-current-sample": ("kubernetes-glossary-current-sample", 7, 0),
    "mdn-glossary-sample": ("mdn-glossary-sample", 6, 1),
    "markdown (bold, cncf en)": ("cncf-glossary", 81, 213),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bench_finds_a_page_per_source_term_and_every_source_link_working(
    corpus: Callable[[str], Path], tmp_path: Path, name: str
) -> None:
    folder, terms, links = EXPECTED[name]
    interop.Where.corpora = corpus(folder).parent
    case = next(case for case in interop.CASES if case.name == name)

    row = interop.run(case, tmp_path / "work")

    assert sum(row.source.terms.values()) == terms
    assert len(row.pages) == terms and row.missing_pages == []
    assert len(row.source.links) == links
    assert row.working == links and row.not_working == []
    cards, resolving = row.cards
    assert cards == resolving
    assert row.broken == []


def test_bench_counts_the_texts_links_and_own_related_cards_and_checks_each_works(
    tmp_path: Path,
) -> None:
    from interop_site import Site

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<nav><a href="../d/">d</a></nav>'
        '<article class="term"><a href="../b/#use">b</a><a href="../c/">c</a>'
        '<a class="mention" href="../e/">e</a></article>'
        '<section class="related"><ul class="cards">'
        '<li class="card"><h3><a href="../b/">b</a></h3><p>x</p></li>'
        '<li class="card"><h3><a href="../f/">f</a></h3><span class="reason">links here</span>'
        '</li></ul><ul class="more"><li><a href="../g/">g</a></li></ul></section>',
        encoding="utf-8",
    )
    (tmp_path / "b" / "index.html").write_text(
        '<article class="term"><h2 id="other">x</h2></article>', encoding="utf-8"
    )

    site = Site.read(tmp_path)

    assert site.term_slugs() == {"a", "b"}
    assert site.links_between_terms("a") == {("b", "use"): False, ("c", ""): False, ("b", ""): True}
    # the text's links and the own related card; not the nav, a mention, a suggested card
    # ("links here") or the backlinks list
    assert site.cards() == (2, 1)
    assert len(site.broken()) == 6  # b/#use, c, d, e, f, g
