"""Tag and category members come out in title order, each once, without sorting each
list again (the terms are walked in title order already)."""

from __future__ import annotations

from glossary_site import read_glossary
from glossary_site.taxonomy import build_taxonomy
from tests.conftest import WriteGlossary, term_file


def test_members_are_in_title_order_once_each_also_when_two_names_share_a_page(
    write_glossary: WriteGlossary,
) -> None:
    project = write_glossary(
        {
            "a.md": term_file("Zebra", front="tags: [Ops, ops]\ncategory: Work"),
            "b.md": term_file("apple", front='tags: ["C++"]\ncategory: work'),
            "c.md": term_file("Mango", front="tags: [C, Ops]\ncategory: Work"),
            "d.md": term_file("Banana", front="tags: [ops, c]"),
            "e.md": term_file("Éclair", front="tags: [C++, Ops]"),
        }
    )
    glossary, diagnostics = read_glossary(project)
    assert glossary is not None, diagnostics
    taxonomy, problems = build_taxonomy(glossary.graph)
    members = {taxon.name: taxon.members for taxon in taxonomy.tags}
    # "C" and "C++" make one page (slug "c"): their members merge in title order.
    assert members == {"c": ("b", "d", "e", "c"), "ops": ("d", "e", "c", "a")}
    assert [taxon.members for taxon in taxonomy.categories] == [("b", "c", "a")]
    assert [p.code for p in problems] == ["taxonomy-clash"]
