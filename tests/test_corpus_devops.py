"""A real glossary written by others (the DevOps Glossary, MIT) imports and builds with every
link working."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from tests.importing import card_links, import_and_build
from tests.linkcheck import broken_links


def _source_related(source: Path) -> set[tuple[str, str]]:
    """(term, related term) pairs as the source's front matter lists them."""
    pairs = set()
    for path in source.glob("*.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])
        pairs |= {(front["slug"], other) for other in front["relatedTerms"]}
    return pairs


def test_devops_glossary_imports_124_pages_whose_related_cards_are_the_sources(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    source = corpus("devops-glossary")

    result = import_and_build("devops", source, tmp_path)

    assert result.report.ok and result.report.diagnostics == ()
    assert result.built.ok, "\n".join(d.format() for d in result.built.diagnostics)
    assert result.pages() == {path.stem for path in source.glob("*.md")}
    assert len(result.pages()) == 124
    related = _source_related(source)
    assert len(related) >= 124  # every term relates to at least one other
    assert related <= card_links(result.site)
    assert broken_links(result.site) == []


def test_devops_abbreviations_become_aliases_and_dates_updated(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    source = corpus("devops-glossary")
    result = import_and_build("devops", source, tmp_path)
    abbreviated = 0
    for path in source.glob("*.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])
        page = (result.site / front["slug"] / "index.html").read_text(encoding="utf-8")
        assert f'datetime="{front["dateAdded"].isoformat()}"' in page
        names = {front["title"].lower(), front["slug"]}
        if front.get("abbreviation") and front["abbreviation"].lower() not in names:
            assert f'<span class="alias">{front["abbreviation"]}</span>' in page
            abbreviated += 1
    assert abbreviated == 10  # the other 44 abbreviations are the title itself
