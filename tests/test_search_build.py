"""Search at build time: Pagefind's bundle and the names index among the site's files,
search = false, and every way Pagefind can fail as a diagnostic, never a traceback."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary_site import build, check
from glossary_site.cli import cli
from glossary_site.search import pagefind as pagefind_module
from glossary_site.search.documents import names_index, search_document
from tests.conftest import WriteGlossary, term_file

KUBERNETES = term_file(
    "Kubernetes",
    "An open-source container orchestration platform.",
    front="aliases: [K8s, Kube]\nsummary: Runs containers on a cluster.",
    body="## How it schedules\n\nThe scheduler places pods on nodes.",
)
DOCKER = term_file("Docker <engine>", "A platform for building and running containers.")


def fake_pagefind(tmp_path: Path, script: str) -> Path:
    """An executable shell script standing in for the Pagefind binary."""
    path = tmp_path / "fake-pagefind"
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_build_writes_pagefind_bundle_and_names_index(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary({"kubernetes.md": KUBERNETES, "docker.md": DOCKER})
    out = tmp_path / "site"

    report = build(project, out)

    assert report.ok, [d.format() for d in report.diagnostics]
    assert (out / "pagefind" / "pagefind.js").is_file()
    assert (out / "pagefind" / "pagefind-entry.json").is_file()
    assert list((out / "pagefind" / "index").glob("*.pf_index"))
    assert len(list((out / "pagefind" / "fragment").glob("*.pf_fragment"))) == 2
    assert not list((out / "pagefind").glob("pagefind-ui*")), "Pagefind's own UI is left out"
    names = json.loads((out / "pagefind" / "names.json").read_text(encoding="utf-8"))
    assert names == {
        "shards": [],
        "teasers": 1,
        "terms": [["Docker <engine>", [], 0, "docker"], ["Kubernetes", ["K8s", "Kube"], 0]],
    }
    teasers = json.loads((out / "pagefind" / "teasers" / "0.json").read_text(encoding="utf-8"))
    assert teasers == {
        "docker": "A platform for building and running containers.",
        "kubernetes": "Runs containers on a cluster.",
    }
    manifest = (out / ".glossary-site.json").read_text(encoding="utf-8")
    assert "pagefind/pagefind.js" in manifest and "pagefind/names.json" in manifest


def test_every_page_has_a_search_form_leading_to_the_index(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary({"kubernetes.md": KUBERNETES, "docker.md": DOCKER})
    out = tmp_path / "site"
    assert build(project, out).ok

    for page, home in [("index.html", "./"), ("kubernetes/index.html", "../"), ("404.html", "/")]:
        html = (out / page).read_text(encoding="utf-8")
        assert f'<form class="search" role="search" action="{home}" method="get"' in html, page
        assert 'name="q"' in html and '<label class="visually-hidden" for="search-input">' in html
    assert 'data-prefill="path"' in (out / "404.html").read_text(encoding="utf-8")
    assert "data-prefill" not in (out / "index.html").read_text(encoding="utf-8")


def test_search_false_writes_no_index_and_no_box(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary({"kubernetes.md": KUBERNETES}, config="search = false\n")
    out = tmp_path / "site"

    assert build(project, out).ok

    assert not (out / "pagefind").exists()
    for page in ["index.html", "kubernetes/index.html", "404.html"]:
        assert "search" not in (out / page).read_text(encoding="utf-8").lower(), page


def test_two_builds_write_byte_identical_search_files(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary({"kubernetes.md": KUBERNETES, "docker.md": DOCKER})
    first, second = tmp_path / "one", tmp_path / "two"
    assert build(project, first).ok and build(project, second).ok

    files = sorted(p.relative_to(first) for p in (first / "pagefind").rglob("*") if p.is_file())
    assert files
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_search_document_holds_the_term_and_none_of_the_page_around_it(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    from glossary_site.build import read_glossary

    project = write_glossary({"kubernetes.md": KUBERNETES, "docker.md": DOCKER})
    glossary, _ = read_glossary(project)
    assert glossary is not None
    html = search_document(glossary.graph.nodes["kubernetes"], "en")
    assert '<main data-pagefind-body data-pagefind-meta="slug:kubernetes">' in html
    assert '<h1 data-pagefind-weight="10" data-pagefind-meta="title">Kubernetes</h1>' in html
    assert '<p data-pagefind-weight="8">K8s</p><p data-pagefind-weight="8">Kube</p>' in html
    assert 'id="how-it-schedules"' in html, "sections keep the page's anchors"
    assert "Related terms" not in html and "A–Z index" not in html
    docker = search_document(glossary.graph.nodes["docker"], "en")
    assert "Docker &lt;engine&gt;" in docker and "<engine>" not in docker
    assert names_index(glossary.graph, []).endswith(b"\n")


def test_missing_pagefind_is_an_error_naming_the_fix_and_nothing_is_written(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_glossary({"kubernetes.md": KUBERNETES}, config='title = "T"\n')
    out = tmp_path / "site"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(cli, ["build", "--out", str(out)])

    assert result.exit_code == 1, result.output
    assert "glossary.toml:0" not in result.output
    assert "error: the search index cannot be built: the Pagefind binary" in result.output
    assert "does not exist [search-unavailable]" in result.output
    assert "search = false" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_pagefind_package_absent_is_search_unavailable(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def absent() -> Path:
        raise pagefind_module.PagefindUnavailable("the Python package 'pagefind' is not installed")

    monkeypatch.setattr("glossary_site.search.find_pagefind", absent)
    project = write_glossary({"kubernetes.md": KUBERNETES})

    report = check(project)

    assert [d.code for d in report.diagnostics] == ["search-unavailable"]
    assert "'pagefind' is not installed" in report.diagnostics[0].message
    assert "pip install 'pagefind[extended]'" in report.diagnostics[0].hint


def test_failing_pagefind_fails_check_as_well_as_build_with_its_own_words(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    binary = fake_pagefind(tmp_path, "echo 'Error: \033[31mno space\033[0m' >&2; exit 3")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    project = write_glossary({"kubernetes.md": KUBERNETES})

    for report in (check(project), build(project, tmp_path / "site")):
        assert not report.ok
        (problem,) = report.diagnostics
        assert problem.code == "search-index-failed"
        assert "exit code 3" in problem.message and "no space" in problem.message
        assert "\x1b" not in problem.format(), "control characters are shown escaped"
    assert not (tmp_path / "site").exists()


def test_pagefind_that_writes_nothing_is_an_error(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake_pagefind(tmp_path, "exit 0")))
    project = write_glossary({"kubernetes.md": KUBERNETES})

    (problem,) = check(project).diagnostics

    assert problem.code == "search-index-failed"
    assert "wrote no pagefind.js" in problem.message


def test_pagefind_that_hangs_is_stopped_within_its_time_limit(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake_pagefind(tmp_path, "sleep 30 & sleep 30")))
    monkeypatch.setattr(pagefind_module, "BASE_TIMEOUT_SECONDS", 0.5)
    project = write_glossary({"kubernetes.md": KUBERNETES})

    (problem,) = check(project).diagnostics

    assert problem.code == "search-index-failed"
    assert "did not finish within 0.55 s" in problem.message


def test_pagefind_runs_with_a_clean_environment_and_working_folder(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project's pagefind.yml or a PAGEFIND_* variable cannot redirect the index."""
    project = write_glossary({"kubernetes.md": KUBERNETES})
    elsewhere = tmp_path / "elsewhere"
    (tmp_path / "pagefind.yml").write_text(f"output_path: {elsewhere}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PAGEFIND_OUTPUT_PATH", str(elsewhere))
    monkeypatch.setenv("PAGEFIND_EXCLUDE_SELECTORS", "main")
    out = tmp_path / "site"

    assert build(project, out).ok

    assert not elsewhere.exists()
    assert len(list((out / "pagefind" / "fragment").glob("*"))) == 1


def test_static_file_in_the_search_folder_is_a_clash(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary({"kubernetes.md": KUBERNETES})
    static = tmp_path / "static" / "pagefind"
    static.mkdir(parents=True)
    (static / "names.json").write_text("[]", encoding="utf-8")
    project = type(project)(project.source_dir, project.config_path, None, tmp_path / "static")

    report = check(project)

    assert [d.code for d in report.diagnostics] == ["static-clash"]
    assert "pagefind/names.json" in report.diagnostics[0].message


def test_a_search_document_leaves_out_its_links_tags_but_not_their_text() -> None:
    from glossary_site.markup import Document
    from glossary_site.search.documents import document_html
    from tests.test_markup import make_term

    term = make_term("---\ntitle: Epic\ndefinition: A large story.\n---\n")
    linked = Document(
        "epic",
        '<a class="mention" href="../story/">Story</a> of <abbr title="a > b">AB</abbr>',
        "",
        '<p>See <A HREF="x" title="1 > 0">the <em>list</em></A> and <a>more</a>.</p>',
        (),
        (),
    )
    plain = Document(
        "epic",
        'Story of <abbr title="a > b">AB</abbr>',
        "",
        "<p>See the <em>list</em> and more.</p>",
        (),
        (),
    )
    assert document_html(term, linked, "en") == document_html(term, plain, "en")
    assert "<abbr" in document_html(term, plain, "en")
