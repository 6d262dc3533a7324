"""The link index names each term file by its path below the term folder without its
suffix; made with plain strings, it is what ``relative_to`` and ``with_suffix`` give."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from glossary_site.markup.links import _folder_files, _page_path

PART = st.text(st.sampled_from("ab.-_é "), min_size=1, max_size=6).filter(
    lambda part: part not in {".", ".."}
)


def _by_pathlib(path: Path, source_dir: Path) -> str:
    try:
        return path.relative_to(source_dir).with_suffix("").as_posix()
    except ValueError:
        return path.stem


@given(
    st.lists(PART, max_size=3),
    st.lists(PART, min_size=1, max_size=3),
    st.sampled_from([".md", ".markdown", ""]),
    st.booleans(),
    st.booleans(),
)
def test_the_page_path_is_pathlibs(
    folder: list[str], below: list[str], suffix: str, absolute: bool, inside: bool
) -> None:
    source_dir = Path("/" if absolute else ".", *folder)
    path = (source_dir if inside else Path("elsewhere")).joinpath(*below[:-1], below[-1] + suffix)
    assert _page_path(path, source_dir, str(source_dir) + os.sep) == _by_pathlib(path, source_dir)


def test_files_beside_terms_leave_out_hidden_ones_and_the_skipped_suffix(tmp_path: Path) -> None:
    for name in ("a.md", "b.png", "sub/c.md", "sub/d.svg", ".hidden/e.png", "sub/.f.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / "link.png").symlink_to(tmp_path / "b.png")
    (tmp_path / "dangling.png").symlink_to(tmp_path / "nowhere.png")
    assert _folder_files(tmp_path, skip=".md") == {"b.png", "sub/d.svg", "link.png"}
    assert _folder_files(tmp_path) == {"a.md", "b.png", "sub/c.md", "sub/d.svg", "link.png"}
