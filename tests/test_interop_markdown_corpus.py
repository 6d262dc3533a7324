"""``import markdown`` on a real glossary: the Cloud Native Glossary (CC BY 4.0) as one
GLOSSARY.md, a ``## Term`` per term whose sections are ``###`` headings (as a team keeping
its glossary in one file writes it), links between terms as links to the terms' headings."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from glossary_site.importers.onefile import github_anchor
from tests.importing import card_links, import_and_build, term_links
from tests.linkcheck import broken_links

_LINK_RE = re.compile(r"\]\((?:https://glossary\.cncf\.io)?/([a-z0-9-]+)/\)")
_TITLE_RE = re.compile(r"^\s*title:\s*(.+?)\s*$", re.M | re.I)
_DRAFT_RE = re.compile(r"^\s*draft:\s*true\s*$", re.M | re.I)
_SHORTCODE_RE = re.compile(r"^\{\{[<%].*[>%]\}\}\s*$", re.M)


def _glossary_md(folder: Path, out: Path) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """Write ``out``; the terms' (slug → title) and the links between them it holds."""
    terms: dict[str, tuple[str, str]] = {}  # CNCF file name → (title, body)
    for path in sorted(folder.glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        title = _TITLE_RE.search(front)
        if title is not None and not _DRAFT_RE.search(front):
            terms[path.stem] = (title.group(1).strip("\"'"), _SHORTCODE_RE.sub("", body))
    links: set[tuple[str, str]] = set()
    parts = []
    for title, body in sorted(terms.values(), key=lambda item: item[0].lower()):

        def link(match: re.Match[str], origin: str = title) -> str:
            if match.group(1) not in terms:
                return f"](https://glossary.cncf.io/{match.group(1)}/)"
            target = terms[match.group(1)][0]
            links.add((origin, target))
            return f"](#{github_anchor(target)})"

        deeper = re.sub(r"^(#{1,5}) ", r"#\1 ", body.strip(), flags=re.M)
        parts.append(f"## {title}\n\n{_LINK_RE.sub(link, deeper)}\n")
    out.write_text("# Cloud Native Glossary\n\n" + "\n".join(parts), encoding="utf-8")
    return {name: title for name, (title, _) in terms.items()}, links


@pytest.mark.slow
def test_a_glossary_md_whose_terms_have_sections_imports_a_term_per_top_heading(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    source = tmp_path / "GLOSSARY.md"
    terms, links = _glossary_md(corpus("cncf-glossary") / "en", source)

    result = import_and_build("markdown", source, tmp_path)

    assert result.report.ok, [d.format() for d in result.report.diagnostics]
    assert result.built.ok, "\n".join(d.format() for d in result.built.diagnostics)
    assert len(terms) == 81
    assert len(result.pages()) == 81
    # the sections stay sections of their term
    kubernetes = next(result.glossary.glob("kubernetes.md")).read_text(encoding="utf-8")
    assert "\n## Problem it addresses\n" in kubernetes
    assert not any(result.glossary.glob("problem-it-addresses.md"))
    titles = {_title(path): path.stem for path in result.glossary.glob("*.md")}
    assert set(titles) == set(terms.values())
    expected = {(titles[a], titles[b]) for a, b in links if a != b}
    assert len(expected) >= 200
    # links in the text, and the items of "Related terms" lists as cards
    assert expected <= term_links(result.site) | card_links(result.site)
    assert broken_links(result.site) == []


def _title(term_file: Path) -> str:
    found = _TITLE_RE.search(term_file.read_text(encoding="utf-8"))
    assert found is not None, term_file
    return found.group(1).strip("'\"")


def test_a_related_terms_list_of_a_glossary_md_becomes_related_cards(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    source = tmp_path / "GLOSSARY.md"
    _glossary_md(corpus("cncf-glossary") / "en", source)

    result = import_and_build("markdown", source, tmp_path)

    autoscaling = (result.glossary / "autoscaling.md").read_text(encoding="utf-8")
    assert "related:\n- horizontal-scaling\n- vertical-scaling\n" in autoscaling
    assert "Related terms" not in autoscaling  # every item became a card
    assert {("autoscaling", "horizontal-scaling"), ("autoscaling", "vertical-scaling")} <= (
        card_links(result.site)
    )
    # as in the cncf import: 8 lists of links; multitenancy's section is prose and stays
    files = [path.read_text(encoding="utf-8") for path in result.glossary.glob("*.md")]
    assert sum("\nrelated:\n" in text for text in files) == 8
    assert sum("## Related terms" in text for text in files) == 1
