"""Sorting and printing 100,000s of diagnostics: cheap, and exactly the text as before."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from glossary_site.diagnostics import Diagnostic, Severity, display_path, sort_diagnostics


def _relative_to(path: Path, root: Path | None) -> str:
    """What ``display_path`` printed before it avoided ``Path.relative_to``."""
    if root is not None and path.is_absolute():
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


@pytest.mark.parametrize(
    ("path", "root"),
    [
        ("/work/site/glossary/a.md", "/work/site"),
        ("/work/site/glossary/a.md", "/work/site/glossary/a.md"),
        ("/work/site", "/work/site/glossary"),
        ("/work/sitex/a.md", "/work/site"),
        ("/work/site/a.md", "/"),
        ("/", "/"),
        ("//work/site/a.md", "/work"),
        ("/work/site/a.md", "//work"),
        ("glossary/a.md", "/work"),
        ("/work/a.md", "work"),
        ("/work/a.md", None),
        ("/wörk/ä b.md", "/wörk"),
    ],
)
def test_a_path_is_shown_relative_to_the_root_as_before(path: str, root: str | None) -> None:
    root_path = Path(root) if root is not None else None
    assert display_path(Path(path), root_path) == _relative_to(Path(path), root_path)


def diagnostic(name: str, line: int, code: str = "c", message: str = "m") -> Diagnostic:
    return Diagnostic(Path(name), line, code, message, "h", Severity.WARNING)


def test_sorting_sorted_diagnostics_again_gives_the_same_order_without_work() -> None:
    mixed = [diagnostic("b.md", 2), diagnostic("a.md", 9), diagnostic("b.md", 1)]
    once = sort_diagnostics([*mixed, mixed[0]])
    assert [(d.path.name, d.line) for d in once] == [("a.md", 9), ("b.md", 1), ("b.md", 2)]
    assert sort_diagnostics(once) is once
    assert once == tuple(once) and isinstance(once, tuple)
    again = sort_diagnostics((*once, diagnostic("a.md", 1)))  # a plain tuple: sorted anew
    assert [(d.path.name, d.line) for d in again][:2] == [("a.md", 1), ("a.md", 9)]


def test_paths_sort_by_their_posix_form_as_before() -> None:
    found = [diagnostic(name, 1) for name in ("b/a.md", "b.md", "b-c.md", "B.md", "a/z.md")]
    expected = sorted(found, key=lambda d: PurePosixPath(d.path).as_posix())
    assert list(sort_diagnostics(found)) == expected
