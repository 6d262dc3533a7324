"""Every link of a built site leads somewhere: pages, assets and #fragments."""

from __future__ import annotations

from pathlib import Path

from glossary_site import build
from tests.conftest import WriteGlossary, term_file
from tests.linkcheck import broken_links


def test_every_link_of_the_bundled_site_resolves(bundled_site: Path) -> None:
    assert broken_links(bundled_site) == []


def test_every_link_resolves_with_file_urls_and_a_sub_path(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary(
        {
            "a.md": term_file("Alpha", front="related: [b]", body="## One\n\nSee [b](b#two)."),
            "b.md": term_file("Beta", body="## Two\n\nBack to [alpha](../a/)."),
        },
        config='base_url = "https://example.org/docs/words/"\ndirectory_urls = false\n',
    )
    assert build(project, tmp_path / "site").ok
    assert broken_links(tmp_path / "site", root_path="/docs/words/") == []


def test_the_checker_reports_a_missing_page_and_a_missing_fragment(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/#nope">x</a><a href="b/">y</a>')
    (tmp_path / "a" / "index.html").write_text('<h2 id="yes">A</h2><a href="../#top">t</a>')
    assert broken_links(tmp_path) == [
        "a/index.html: ../#top → no id 'top' in index.html",
        "index.html: a/#nope → no id 'nope' in a/index.html",
        "index.html: b/ → missing b/index.html",
    ]
