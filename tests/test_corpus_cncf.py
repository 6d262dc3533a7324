"""The Cloud Native Glossary (CC BY 4.0) imports one language at a time and builds."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from glossary_site import Project, check
from glossary_site.importers import ImportOptions, import_glossary
from tests.importing import card_links, import_and_build, term_links
from tests.linkcheck import broken_links

_LINK_RE = re.compile(r"\]\(/([a-z0-9-]+)/(?:#[^)]*)?\)")
_DRAFT_RE = re.compile(r"^draft:\s*true\s*$", re.M | re.I)


def _published(source: Path) -> dict[str, str]:
    texts = {path.stem: path.read_text(encoding="utf-8") for path in source.glob("*.md")}
    return {slug: text for slug, text in texts.items() if not _DRAFT_RE.search(text)}


def test_cncf_english_imports_every_term_and_every_link_between_terms_works(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    source = corpus("cncf-glossary")

    result = import_and_build("cncf", source, tmp_path)

    assert result.report.ok
    assert len(result.report.written) == 89
    warnings = Counter(d.code for d in result.report.diagnostics)
    assert warnings == {
        "import-shortcode": 7,  # {{% sign-language-section %}} videos
        "import-deprecated-draft": 8,
        "import-second-category": 1,
    }
    assert result.built.ok, "\n".join(d.format() for d in result.built.diagnostics)
    published = _published(source / "en")
    assert result.pages() == set(published) and len(published) == 81
    source_links = {
        (slug, target)
        for slug, text in published.items()
        for target in _LINK_RE.findall(text)
        if target != slug
    }
    assert len(source_links) >= 150
    assert source_links <= term_links(result.site) | card_links(result.site)
    assert broken_links(result.site) == []


def test_cncf_related_terms_lists_become_related_cards(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    result = import_and_build("cncf", corpus("cncf-glossary"), tmp_path)
    files = [p.read_text(encoding="utf-8") for p in result.glossary.glob("*.md")]
    assert sum("\nrelated:\n" in text for text in files) == 8
    # the ninth "## Related terms" (multitenancy) is prose, not a list: it stays as it is
    assert sum("## Related terms" in text for text in files) == 1
    assert ("auto-scaling", "horizontal-scaling") in card_links(result.site)


# language: (files, imported, check errors by code). Every error is a problem of the
# source: a link to a term its language folder does not have (/it/horizontal-scaling/), a
# link to a draft, a title key written in Hindi; ja's is a footnote in the definition.
LANGUAGES = {
    "bn": (82, 82, {"broken-link": 10}),
    "de": (18, 18, {}),
    "es": (80, 80, {"draft-reference": 1}),
    "fr": (70, 70, {}),
    "hi": (55, 54, {"broken-link": 13}),
    "it": (72, 72, {"broken-link": 42}),
    "ja": (73, 73, {}),  # a footnote in a definition used to be a missing-fragment error
    "ko": (20, 20, {}),
    "pt-br": (58, 58, {}),
    "ru": (45, 45, {"broken-link": 1}),
    "tr": (54, 54, {"broken-link": 10}),
    "ur": (10, 10, {}),
    "vi": (33, 33, {}),
    "zh-cn": (72, 72, {"broken-link": 4}),
    "zh-tw": (40, 40, {"broken-link": 28}),
}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_cncf_each_language_imports_and_checks_with_only_the_sources_problems(
    corpus: Callable[[str], Path], tmp_path: Path, language: str
) -> None:
    source = corpus("cncf-glossary")
    files, imported, errors = LANGUAGES[language]
    assert len(list((source / language).glob("*.md"))) == files

    report = import_glossary(
        "cncf", source, tmp_path / "g", options=ImportOptions(language=language)
    )

    assert len(report.written) == imported
    checked = check(Project(tmp_path / "g"))
    assert Counter(d.code for d in checked.diagnostics if d.is_error) == errors


def test_cncf_a_missing_language_folder_names_the_ones_there(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    report = import_glossary(
        "cncf", corpus("cncf-glossary"), tmp_path / "g", options=ImportOptions(language="xx")
    )
    assert [d.code for d in report.diagnostics] == ["import-no-language"]
    assert "de, en, es" in report.diagnostics[0].hint
