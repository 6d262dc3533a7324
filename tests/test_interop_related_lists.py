"""A "Related terms" / "See also" list of links to other terms becomes ``related`` (cards),
in the importers whose sources write related terms that way (``markdown``, ``mdn``)."""

from __future__ import annotations

from pathlib import Path

from glossary_site.importers.related_list import related_section
from tests.importing import card_links, import_and_build


def test_a_list_of_term_links_becomes_related_and_the_section_goes() -> None:
    body = "Text.\n\n## See also\n\n- [Pod](pod)\n- [Node](node#use)\n\n## More\n\nEnd.\n"

    rest, related = related_section(body, {"pod", "node"})

    assert related == ("pod", "node")
    assert rest == "Text.\n\n## More\n\nEnd.\n"


def test_a_list_with_other_items_keeps_its_section_and_gives_the_terms() -> None:
    body = "Text.\n\n## Related terms\n\n- [Pod](pod)\n- [Docs](https://example.org)\n"

    rest, related = related_section(body, {"pod"})

    assert related == ("pod",)
    assert rest == body


def test_prose_under_a_related_heading_or_links_to_no_term_change_nothing() -> None:
    prose = "## Related terms\n\nMultitenancy is not [SaaS](saas).\n"
    elsewhere = "## See also\n\n- [Hoisting](https://developer.mozilla.org/Glossary/Hoisting)\n"
    assert related_section(prose, {"saas"}) == (prose, ())
    assert related_section(elsewhere, {"hoisting"}) == (elsewhere, ())


def _mdn_entry(folder: Path, name: str, title: str, see_also: str) -> None:
    entry = folder / name.lower()
    entry.mkdir(parents=True)
    (entry / "index.md").write_text(
        f"---\ntitle: {title}\nslug: Glossary/{name}\npage-type: glossary-definition\n---\n\n"
        f"{{{{GlossarySidebar}}}}\n\nA {title} is a word.\n\n## See also\n\n{see_also}\n",
        encoding="utf-8",
    )


def test_mdn_see_also_glossary_links_become_related_cards(tmp_path: Path) -> None:
    source = tmp_path / "glossary"
    _mdn_entry(source, "Hoisting", "Hoisting", '- {{Glossary("Scope")}}')
    _mdn_entry(source, "Scope", "Scope", '- {{Glossary("Hoisting")}}\n- [MDN](/en-US/docs/Web)')

    result = import_and_build("mdn", source, tmp_path / "out")

    assert result.built.ok, [d.format() for d in result.built.diagnostics]
    assert {("hoisting", "scope"), ("scope", "hoisting")} <= card_links(result.site)
    hoisting = (result.glossary / "hoisting.md").read_text(encoding="utf-8")
    assert "See also" not in hoisting
    scope = (result.glossary / "scope.md").read_text(encoding="utf-8")
    assert "## See also" in scope and "[MDN](https://developer.mozilla.org/en-US/docs/Web)" in scope
