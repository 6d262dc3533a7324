"""The writer keeps every file inside the output folder and swaps whole sites."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest

from glossary_site.write import UnsafeOutputError, contained_path, write_site


@pytest.mark.parametrize("dest", ["../escape.html", "a/../../escape.html", "/etc/passwd", ""])
def test_paths_leaving_the_output_folder_are_refused(tmp_path: Path, dest: str) -> None:
    with pytest.raises(UnsafeOutputError):
        contained_path(tmp_path, PurePosixPath(dest))


def test_a_symlink_inside_the_output_cannot_lead_a_write_outside(tmp_path: Path) -> None:
    root, outside = tmp_path / "site", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "link").symlink_to(outside)
    with pytest.raises(UnsafeOutputError):
        contained_path(root, PurePosixPath("link/page.html"))


def test_an_unsafe_path_aborts_the_write_and_keeps_the_old_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site({PurePosixPath("index.html"): b"old"}, site)
    outputs = {PurePosixPath("index.html"): b"new", PurePosixPath("../x.html"): b"evil"}
    with pytest.raises(UnsafeOutputError):
        write_site(outputs, site)
    assert (site / "index.html").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_written_site_follows_the_umask_not_the_private_temp_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    previous = os.umask(0o022)
    try:
        write_site({PurePosixPath("a/index.html"): b"x"}, site)
    finally:
        os.umask(previous)
    assert site.stat().st_mode & 0o777 == 0o755  # a web server may list and enter it
