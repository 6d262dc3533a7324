"""Images and files beside terms: copied, rewritten, sized, captioned, or an error."""

from __future__ import annotations

import os
import struct
import zlib
from html import escape as html_escape
from pathlib import Path

import pytest

from glossary_site import Project, build, check
from glossary_site.diagnostics import Diagnostic
from tests.conftest import WriteGlossary, term_file
from tests.linkcheck import broken_links

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"></svg>'


def png(width: int, height: int) -> bytes:
    """A valid PNG header of the given size (enough for any size reader)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    crc = struct.pack(">I", zlib.crc32(chunk))
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + crc


def glossary_with(body: str, files: dict[str, bytes] | None = None) -> dict[str, str | bytes]:
    """'Alpha' with ``body``, 'Sprint', and ``files`` (path in the source folder → bytes)."""
    found: dict[str, str | bytes] = {"alpha.md": term_file("Alpha", body=body)}
    found["sprint.md"] = term_file("Sprint")
    found.update(files or {})
    return found


def errors(project: Project) -> list[Diagnostic]:
    return [d for d in check(project).diagnostics if d.is_error]


def alpha(site: Path) -> str:
    return (site / "alpha" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "config",
    ["", "directory_urls = false\n", 'base_url = "https://x.org/docs/words/"\n'],
    ids=["root", "file-urls", "sub-path"],
)
def test_an_image_beside_a_term_is_copied_and_its_url_works_on_the_page(
    write_glossary: WriteGlossary, tmp_path: Path, config: str
) -> None:
    files = glossary_with("Intro.\n\n![A diagram](img/a.svg)", {"img/a.svg": SVG})
    report = build(write_glossary(files, config=config), tmp_path / "site")
    assert report.ok, [d.format() for d in report.diagnostics]
    assert (tmp_path / "site" / "img" / "a.svg").read_bytes() == SVG
    assert 'src="../img/a.svg"' in alpha(tmp_path / "site")
    root = "/docs/words/" if "base_url" in config else "/"
    assert broken_links(tmp_path / "site", root_path=root) == []


def test_a_file_beside_a_term_in_a_sub_folder_keeps_its_path(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    files = glossary_with("Intro.")
    files["sub/beta.md"] = term_file("Beta", body="![B](pics/b.png) and [the notes](notes.txt)")
    files["sub/pics/b.png"] = png(30, 20)
    files["sub/notes.txt"] = b"notes"
    assert build(write_glossary(files), tmp_path / "site").ok
    html = (tmp_path / "site" / "beta" / "index.html").read_text(encoding="utf-8")
    assert 'src="../sub/pics/b.png"' in html and 'href="../sub/notes.txt"' in html
    assert (tmp_path / "site" / "sub" / "notes.txt").read_bytes() == b"notes"
    assert broken_links(tmp_path / "site") == []


def test_images_get_their_size_async_decoding_and_lazy_loading_after_the_first(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    body = "Intro.\n\n![one](a.png)\n\n![two](b.svg)"
    files = glossary_with(body, {"a.png": png(640, 480), "b.svg": SVG})
    assert build(write_glossary(files), tmp_path / "site").ok
    html = alpha(tmp_path / "site")
    first, second = (tag.partition(">")[0] for tag in html.split("<img")[1:])
    assert 'width="640"' in first and 'height="480"' in first
    assert 'width="120"' in second and 'height="60"' in second
    assert 'decoding="async"' in first and 'decoding="async"' in second
    assert "loading" not in first and 'loading="lazy"' in second


def test_a_missing_image_is_an_error_with_file_and_line(write_glossary: WriteGlossary) -> None:
    [problem] = errors(write_glossary(glossary_with("Intro.\n\n![x](img/missng.png)")))
    assert (problem.path.name, problem.line, problem.code) == ("alpha.md", 8, "missing-file")
    assert "img/missng.png" in problem.message


def test_a_misspelt_image_gets_a_did_you_mean(write_glossary: WriteGlossary) -> None:
    files = glossary_with("Intro.\n\n![x](img/tensr-core.svg)", {"img/tensor-core.svg": SVG})
    [problem] = errors(write_glossary(files))
    assert "did you mean 'img/tensor-core.svg'?" in problem.hint


@pytest.mark.parametrize("src", ["themed-image://a.svg", "data:image/png;base64,AAAA"])
def test_an_image_with_an_unknown_scheme_is_an_error(
    write_glossary: WriteGlossary, src: str
) -> None:
    [problem] = errors(write_glossary(glossary_with(f"Intro.\n\n![x]({src})")))
    assert (problem.line, problem.code) == (8, "unknown-scheme")
    assert f"'{src.split(':')[0]}:'" in problem.message


@pytest.mark.parametrize(
    ("markdown", "alt"),
    [
        (
            "![Diagram from the [CUDA talk](https://x.org/).](https://x.org/a.svg)",
            "Diagram from the CUDA talk.",
        ),
        ("![*Guide* to **it**'s parts](https://x.org/u.png)", "Guide to it's parts"),
        ("![A [*nested* link](https://x.org/)](https://x.org/u.png)", "A nested link"),
    ],
)
def test_alt_text_is_plain_text(
    write_glossary: WriteGlossary, tmp_path: Path, markdown: str, alt: str
) -> None:
    assert build(write_glossary(glossary_with(f"Intro.\n\n{markdown}")), tmp_path / "site").ok
    html = alpha(tmp_path / "site")
    assert f'alt="{html_escape(alt)}"' in html or f'alt="{alt}"' in html
    assert "klzzwxh" not in html and "wzxhzdk" not in html


def test_an_image_with_a_title_alone_in_its_paragraph_is_a_figure(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    body = 'Intro.\n\n![A diagram](a.svg "How the parts fit")'
    assert build(write_glossary(glossary_with(body, {"a.svg": SVG})), tmp_path / "site").ok
    html = alpha(tmp_path / "site")
    assert "<figure><img" in html and "<figcaption>How the parts fit</figcaption></figure>" in html


def test_an_emphasised_line_after_an_image_is_its_caption_with_links_and_emphasis(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    body = "Intro.\n\n![A diagram](a.svg)\n*The **parts**, after [Sprint](sprint).*"
    assert build(write_glossary(glossary_with(body, {"a.svg": SVG})), tmp_path / "site").ok
    html = alpha(tmp_path / "site")
    assert (
        '<figcaption>The <strong>parts</strong>, after <a href="../sprint/">Sprint</a>.'
        "</figcaption></figure>"
    ) in html
    assert "<em>The" not in html


def test_alt_text_with_a_link_is_a_caption_and_plain_alt(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    body = "Intro.\n\n![Diagram from the [CUDA *talk*](https://x.org/).](a.svg)"
    assert build(write_glossary(glossary_with(body, {"a.svg": SVG})), tmp_path / "site").ok
    html = alpha(tmp_path / "site")
    assert 'alt="Diagram from the CUDA talk."' in html
    assert (
        '<figcaption>Diagram from the <a href="https://x.org/">CUDA <em>talk</em></a>.</figcaption>'
    ) in html


def test_an_image_inside_text_stays_inline(write_glossary: WriteGlossary, tmp_path: Path) -> None:
    body = 'Intro.\n\nSee ![icon](a.svg "An icon") here.'
    assert build(write_glossary(glossary_with(body, {"a.svg": SVG})), tmp_path / "site").ok
    assert "<figure>" not in alpha(tmp_path / "site")


def test_files_only_a_draft_references_are_not_published(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    files = glossary_with("Intro.", {"private.svg": SVG})
    files["draft.md"] = term_file("Draft", front="status: draft", body="![x](private.svg)")
    assert build(write_glossary(files), tmp_path / "site").ok
    assert not (tmp_path / "site" / "private.svg").exists()


def test_unreferenced_and_hidden_files_are_never_copied(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    files = glossary_with(
        "Intro.\n\n![x](.hidden/a.svg)", {"unused.svg": SVG, ".hidden/a.svg": SVG}
    )
    assert [d.code for d in errors(write_glossary(files))] == ["missing-file"]
    files["alpha.md"] = term_file("Alpha", body="Intro.")
    assert build(write_glossary(files), tmp_path / "site").ok
    assert not (tmp_path / "site" / "unused.svg").exists()
    assert not (tmp_path / "site" / ".hidden").exists()


def test_a_symlink_to_a_file_outside_the_project_is_refused(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    secret = tmp_path.parent / f"{tmp_path.name}-secret.svg"
    secret.write_bytes(SVG)
    project = write_glossary(glossary_with("Intro.\n\n![x](leak.svg)"))
    (project.source_dir / "leak.svg").symlink_to(secret)
    assert [d.code for d in errors(project)] == ["missing-file"]


def test_a_file_beside_terms_that_would_replace_a_site_file_is_an_error(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    files = glossary_with(
        "Intro.\n\n![x](style.css) ![y](sprint/a.svg)", {"style.css": b"x", "sprint/a.svg": SVG}
    )
    found = errors(write_glossary(files))
    assert [(d.line, d.code) for d in found] == [(8, "file-clash"), (8, "file-clash")]
    assert any("the folder of the term 'sprint'" in d.message for d in found)


def test_images_in_static_are_found_by_site_absolute_path(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    (tmp_path / "static" / "img").mkdir(parents=True)
    (tmp_path / "static" / "img" / "logo.png").write_bytes(png(16, 8))
    project = write_glossary(glossary_with("Intro.\n\n![logo](/img/logo.png)"))
    project = Project(project.source_dir, project.config_path, static_dir=tmp_path / "static")
    assert build(project, tmp_path / "site").ok
    html = alpha(tmp_path / "site")
    assert 'src="../img/logo.png"' in html and 'width="16"' in html


def test_a_misspelt_file_in_a_sub_folder_is_suggested_as_the_term_would_write_it(
    write_glossary: WriteGlossary,
) -> None:
    files = glossary_with("Intro.", {"sub/pics/chart.png": png(2, 2), "logo.svg": SVG})
    files["sub/beta.md"] = term_file("Beta", body="![x](pics/chrt.png) ![y](/logo.sgv)")
    found = errors(write_glossary(files))
    assert sorted(d.hint for d in found) == [
        "did you mean '/logo.svg'?",
        "did you mean 'pics/chart.png'?",
    ]


def test_an_image_that_is_a_fifo_or_links_outside_is_never_read(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    project = write_glossary(
        {"alpha.md": term_file("Alpha", body="Intro.\n\n![a](pipe.png) ![b](out.png)")}
    )
    os.mkfifo(project.source_dir / "pipe.png")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG secret")
    (project.source_dir / "out.png").symlink_to(tmp_path / "secret.png")
    found = [(d.code, d.message) for d in check(project).diagnostics if d.is_error]
    assert [code for code, _ in found] == ["missing-file", "missing-file"]
