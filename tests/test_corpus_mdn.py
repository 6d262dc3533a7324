"""MDN's glossary (a sample, CC BY-SA 2.5, read only as test input) imports and builds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.importing import import_and_build, term_links
from tests.linkcheck import broken_links

SLUGS = {"accessible-name", "api", "base64", "block", "block-css", "execution-context"}


def test_mdn_sample_imports_every_entry_with_macros_made_links(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    source = corpus("mdn-glossary-sample")

    result = import_and_build("mdn", source, tmp_path)

    assert result.report.ok, [d.format() for d in result.report.diagnostics]
    assert result.built.ok, "\n".join(d.format() for d in result.built.diagnostics)
    assert len(list(source.rglob("index.md"))) == 6
    assert result.pages() == SLUGS
    # {{Glossary(...)}} to entries outside the sample lead to MDN, each reported once
    assert len(result.codes("import-missing-term")) == 7
    assert result.codes("import-macro") == []
    # the disambiguation page lists the entry below it
    assert term_links(result.site) == {("block", "block-css")}
    for slug in SLUGS:
        page = (result.site / slug / "index.html").read_text(encoding="utf-8")
        assert "{{" not in page and 'href="/en-US' not in page, slug
    assert broken_links(result.site) == []


def test_mdn_html_body_keeps_its_html_with_the_first_paragraph_as_definition(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    result = import_and_build("mdn", corpus("mdn-glossary-sample"), tmp_path)
    api = (result.glossary / "api.md").read_text(encoding="utf-8")
    assert "definition: An API (Application Programming Interface) is" in api
    assert "\n## See also\n" in api
    page = (result.site / "api" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://developer.mozilla.org/en-US/docs/Glossary/method">methods</a>' in page
    assert 'href="https://en.wikipedia.org/wiki/API"' in page


def test_mdn_reference_macros_link_to_mdn_and_emphasis_can_open_a_definition(
    corpus: Callable[[str], Path], tmp_path: Path
) -> None:
    result = import_and_build("mdn", corpus("mdn-glossary-sample"), tmp_path)
    base64 = (result.site / "base64" / "index.html").read_text(encoding="utf-8")
    assert "<strong>Base64</strong> is a group" in base64.partition('id="definition"')[2]
    block = (result.site / "block-css" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://developer.mozilla.org/en-US/docs/Web/CSS/display"' in block
    assert "<code>&lt;p&gt;</code>" in block
