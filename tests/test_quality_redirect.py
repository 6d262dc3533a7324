"""Redirect pages name the site's icon, so browsers do not ask for a missing /favicon.ico.

Found by bench/lighthouse.py: the 404 of /favicon.ico is a console error (best practices 96).
"""

from __future__ import annotations

import re
from pathlib import Path

from glossary_site import build
from tests.conftest import WriteGlossary, term_file


def test_a_redirect_page_links_an_icon_that_the_site_has(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    files = {"kubernetes.md": term_file("Kubernetes", front="aliases: [K8s]")}
    project = write_glossary(files, config='base_url = "https://example.org/g/"')
    report = build(project, tmp_path / "site")
    assert report.ok, [d.format() for d in report.diagnostics]
    page = tmp_path / "site" / "k8s" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in html
    icons = re.findall(r'<link rel="icon" href="([^"]+)"', html)
    assert len(icons) == 1
    assert (page.parent / icons[0]).resolve().is_file()
