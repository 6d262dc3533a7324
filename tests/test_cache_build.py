"""The build cache: what a build takes from it, what invalidates it, and that output never
depends on it (byte-identical with and without, cold and warm, one process or several)."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

import glossary_site
from glossary_site import Project, build, check
from glossary_site.markup import MarkdownRenderer
from glossary_site.render import _Pages
from tests.conftest import WriteGlossary, term_file

BASE = 'base_url = "https://example.org/g/"\n'


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


class Counter:
    """Which terms were converted and which term pages rendered during a build."""

    def __init__(self) -> None:
        self.converted: list[str] = []
        self.rendered: list[str] = []


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter]:
    counter = Counter()
    convert, render = MarkdownRenderer.render, _Pages.term

    def counting_convert(self, term):  # type: ignore[no-untyped-def]
        counter.converted.append(term.slug)
        return convert(self, term)

    def counting_render(self, node):  # type: ignore[no-untyped-def]
        counter.rendered.append(node.term.slug)
        return render(self, node)

    monkeypatch.setattr(MarkdownRenderer, "render", counting_convert)
    monkeypatch.setattr(_Pages, "term", counting_render)
    yield counter


@pytest.fixture
def project(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    written = write_glossary(
        {
            "sprint.md": term_file("Sprint", front="related: [kanban]", body="See [b](backlog)."),
            "kanban.md": term_file("Kanban", front="summary: Boards and cards."),
            "backlog.md": term_file("Backlog"),
        },
        config=BASE,
    )
    return dataclasses.replace(written, cache_dir=tmp_path / ".glossary-cache")


def rebuild(project: Project, out: Path, counter: Counter) -> tuple[list[str], list[str]]:
    """Build again; the sorted slugs converted and rendered by this build."""
    counter.converted.clear()
    counter.rendered.clear()
    report = build(project, out)
    assert report.ok, [d.format() for d in report.diagnostics]
    return sorted(counter.converted), sorted(counter.rendered)


def test_a_second_build_converts_and_renders_nothing(
    project: Project, tmp_path: Path, counted: Counter
) -> None:
    assert rebuild(project, tmp_path / "site", counted) == (
        ["backlog", "kanban", "sprint"],
        ["backlog", "kanban", "sprint"],
    )
    first = tree(tmp_path / "site")
    assert rebuild(project, tmp_path / "site", counted) == ([], [])
    assert tree(tmp_path / "site") == first


def test_the_cache_folder_is_tagged_and_ignored_by_git(project: Project, tmp_path: Path) -> None:
    assert build(project, tmp_path / "site").ok
    cache = tmp_path / ".glossary-cache"
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172")


def test_an_edited_term_is_converted_again_alone_and_pages_showing_it_rendered(
    project: Project, tmp_path: Path, counted: Counter
) -> None:
    rebuild(project, tmp_path / "site", counted)
    kanban = project.source_dir / "kanban.md"
    kanban.write_text(term_file("Kanban", front="summary: Boards, cards, limits."))
    converted, rendered = rebuild(project, tmp_path / "site", counted)
    # (converted twice: first by the patch build, which gives up as the teaser changed)
    assert sorted(set(converted)) == ["kanban"]
    assert rendered == ["kanban", "sprint"]  # sprint shows kanban's card (its teaser)
    assert "Boards, cards, limits." in (tmp_path / "site/sprint/index.html").read_text()


def test_a_changed_config_converts_everything_again(
    project: Project, tmp_path: Path, counted: Counter
) -> None:
    rebuild(project, tmp_path / "site", counted)
    assert project.config_path is not None
    project.config_path.write_text(BASE + "trust_html = true\n")
    converted, rendered = rebuild(project, tmp_path / "site", counted)
    assert converted == rendered == ["backlog", "kanban", "sprint"]


def test_another_package_version_converts_everything_again(
    project: Project, tmp_path: Path, counted: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuild(project, tmp_path / "site", counted)
    from glossary_site.cache import keys

    monkeypatch.setattr(keys, "_version", lambda name: f"{name}=99.0")
    converted, rendered = rebuild(project, tmp_path / "site", counted)
    assert converted == rendered == ["backlog", "kanban", "sprint"]


def test_a_changed_template_renders_pages_again_but_converts_nothing(
    project: Project, tmp_path: Path, counted: Counter
) -> None:
    rebuild(project, tmp_path / "site", counted)
    templates = tmp_path / "templates"
    templates.mkdir()
    default = Path(glossary_site.__file__).parent / "templates" / "term.html"
    (templates / "term.html").write_text(
        default.read_text().replace("{% block main %}", "{% block main %}<!-- v2 -->")
    )
    converted, rendered = rebuild(project, tmp_path / "site", counted)
    assert (converted, rendered) == ([], ["backlog", "kanban", "sprint"])
    assert "<!-- v2 -->" in (tmp_path / "site/kanban/index.html").read_text()


def test_a_new_link_target_converts_the_term_that_links_to_it_again(
    write_glossary: WriteGlossary, tmp_path: Path, counted: Counter
) -> None:
    written = write_glossary(
        {
            "sprint.md": term_file("Sprint", body="See [the board](board.png)."),
            "kanban.md": term_file("Kanban"),
        },
        config=BASE,
    )
    project = dataclasses.replace(written, cache_dir=tmp_path / "cache")
    assert not build(project, tmp_path / "site").ok  # board.png is not there yet
    (project.source_dir / "board.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    converted, _ = rebuild(project, tmp_path / "site", counted)
    assert converted == ["sprint"]
    assert 'href="../board.png"' in (tmp_path / "site/sprint/index.html").read_text()


def page(tmp_path: Path, slug: str = "sprint") -> str:
    return (tmp_path / "site" / slug / "index.html").read_text()


def test_a_changed_image_gives_the_page_its_new_size(
    write_glossary: WriteGlossary, tmp_path: Path, counted: Counter
) -> None:
    def svg(width: int, height: int) -> bytes:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"/>'.encode()
        )

    written = write_glossary({"sprint.md": term_file("Sprint", body="![Board](board.svg)")})
    (written.source_dir / "board.svg").write_bytes(svg(10, 20))
    project = dataclasses.replace(written, cache_dir=tmp_path / "cache")
    rebuild(project, tmp_path / "site", counted)
    assert 'height="20" src="../board.svg" width="10"' in page(tmp_path)
    (project.source_dir / "board.svg").write_bytes(svg(30, 40))
    converted, _ = rebuild(project, tmp_path / "site", counted)
    assert converted == ["sprint"]
    assert 'height="40" src="../board.svg" width="30"' in page(tmp_path)


def test_diagnostics_are_the_same_from_the_cache(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    written = write_glossary(
        {
            "sprint.md": term_file("Sprint", front="related: [nothing]", body="[x](nowhere)"),
            "bad.md": b"---\ntitle: Bad\ndefinition: \xff\n---\n",
            "h1.md": term_file("Heading", body="# Big"),
        }
    )
    project = dataclasses.replace(written, cache_dir=tmp_path / "cache")
    first = build(project, tmp_path / "site").diagnostics
    assert {d.code for d in first} >= {"unknown-term", "broken-link", "not-utf8", "h1-in-body"}
    assert build(project, tmp_path / "site").diagnostics == first
    assert check(project).diagnostics == first


def test_check_reads_the_cache_but_never_writes_it(project: Project, tmp_path: Path) -> None:
    assert check(project).ok
    assert not (tmp_path / ".glossary-cache").exists()


@pytest.mark.parametrize("where", ["site", "glossary", "site/cache"])
def test_a_cache_folder_in_the_output_or_source_folder_is_refused(
    project: Project, tmp_path: Path, where: str
) -> None:
    clashing = dataclasses.replace(project, cache_dir=tmp_path / where)
    report = build(clashing, tmp_path / "site")
    assert [d.code for d in report.diagnostics] == ["cache-dir-clash"]
    assert not (tmp_path / "site").exists()


def test_a_cache_folder_holding_the_sources_is_refused(project: Project, tmp_path: Path) -> None:
    report = check(dataclasses.replace(project, cache_dir=tmp_path))
    assert [d.code for d in report.diagnostics] == ["cache-dir-clash"]
    assert "holds the source folder" in report.diagnostics[0].message
