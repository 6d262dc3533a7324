"""``serve``'s HTTP side: the site from memory, its 404 page, types, redirects, no way out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest

from glossary_site import build
from glossary_site.serve import Preview
from tests.serve_helpers import get, running, without_live_script, write_project


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Preview, str]]:
    project = write_project(tmp_path, 'title = "Words"\nbase_url = "https://example.org/"\n')
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    with running(project, tmp_path) as (preview, url, _):
        yield preview, url


def test_a_term_page_is_the_built_page_with_the_live_script(
    served: tuple[Preview, str],
) -> None:
    preview, url = served
    answer = get(url, "/alpha/")
    assert answer.status == 200
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    assert answer.headers["Cache-Control"] == "no-store"
    assert answer.text.count('id="glossary-site-live"') == 1
    assert answer.text.index('id="glossary-site-live"') < answer.text.rindex("</body>")
    assert without_live_script(answer.body) == preview.site.files[PurePosixPath("alpha/index.html")]


def test_the_live_script_is_never_in_the_built_site(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    assert build(project, tmp_path / "site").ok
    for page in (tmp_path / "site").rglob("*.html"):
        assert b"glossary-site-live" not in page.read_bytes()
        assert b"__glossary-site__" not in page.read_bytes()


def test_the_root_url_serves_the_index_page(served: tuple[Preview, str]) -> None:
    preview, url = served
    answer = get(url, "/")
    assert answer.status == 200
    assert without_live_script(answer.body) == preview.site.files[PurePosixPath("index.html")]


def test_a_term_url_without_its_slash_redirects_to_the_folder(served: tuple[Preview, str]) -> None:
    _, url = served
    answer = get(url, "/alpha?x=1")
    assert answer.status == 301
    assert answer.headers["Location"] == "/alpha/?x=1"


def test_an_unknown_path_gets_the_sites_404_page_with_status_404(
    served: tuple[Preview, str],
) -> None:
    preview, url = served
    for path in ("/no-such-term/", "/no-such-file.css", "/alpha/index.htm"):
        answer = get(url, path)
        assert answer.status == 404, path
        assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
        assert without_live_script(answer.body) == preview.site.files[PurePosixPath("404.html")]


def test_head_answers_like_get_without_a_body(served: tuple[Preview, str]) -> None:
    _, url = served
    full, head = get(url, "/alpha/"), get(url, "/alpha/", "HEAD")
    assert head.status == 200 and head.body == b""
    assert head.headers["Content-Length"] == str(len(full.body))


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/style.css", "text/css; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/logo.svg", "image/svg+xml"),
        ("/404.html", "text/html; charset=utf-8"),
    ],
)
def test_files_are_served_with_their_content_type(
    served: tuple[Preview, str], path: str, kind: str
) -> None:
    preview, url = served
    answer = get(url, path)
    assert answer.status == 200
    assert answer.headers["Content-Type"] == kind
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    if not kind.startswith("text/html"):
        assert answer.body == preview.site.files[PurePosixPath(path[1:])]


@pytest.mark.parametrize(
    "path",
    [
        "/../glossary.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/glossary.toml",
        "/%2e%2e%2fglossary.toml",
        "/alpha/../../glossary.toml",
        "/glossary/alpha.md",
        "//etc/passwd",
        "/./style.css",
        "/alpha/./index.html",
        "/%00",
        "/%ff%fe",
        "/..%5cglossary.toml",
    ],
)
def test_no_path_reaches_a_file_outside_the_site(served: tuple[Preview, str], path: str) -> None:
    _, url = served
    answer = get(url, path)
    assert answer.status == 404, path
    assert b"title = " not in answer.body and b"root:" not in answer.body


def test_served_under_the_base_urls_path(tmp_path: Path) -> None:
    project = write_project(tmp_path, 'title = "W"\nbase_url = "https://example.org/docs/"\n')
    with running(project, tmp_path) as (_, url, _):
        assert url.endswith("/docs/")
        assert get(url, "/docs/alpha/").status == 200
        assert get(url, "/").status == 301 and get(url, "/").headers["Location"] == "/docs/"
        assert get(url, "/alpha/").status == 404


def test_a_taken_port_falls_back_to_a_free_one(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    with running(project, tmp_path) as (_, url, _):
        taken = int(url.rsplit(":", 1)[1].split("/")[0])
        printed: list[str] = []
        second = Preview(project, taken, printed.append, tmp_path)
        other = second.start()
        try:
            assert other != url
            assert get(other, "/alpha/").status == 200
            assert any(f"Port {taken} is in use" in line for line in printed)
        finally:
            second.stop()
