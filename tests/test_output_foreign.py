"""What a previous build's folder holds that its manifest does not list (``foreign_entries``,
which every build walks): the same answers as before it was rewritten for speed."""

from __future__ import annotations

import os
from pathlib import Path

from glossary_site.write.manifest import foreign_entries

LISTED = frozenset({"index.html", "a/index.html", "a/b/c.png", "style.css"})


def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    for name in LISTED:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("ours")
    (root / ".glossary-site.json").write_text("{}")
    return root


def test_a_clean_build_holds_nothing_foreign(tmp_path: Path) -> None:
    root = site(tmp_path)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref")
    (root / "a" / ".DS_Store").write_text("litter")
    assert foreign_entries(root, LISTED) == []


def test_every_kind_of_stranger_is_named_once(tmp_path: Path) -> None:
    root = site(tmp_path)
    (root / "a" / "b" / "extra.txt").write_text("x")
    (root / "stranger").mkdir()
    (root / "stranger" / "deep.txt").write_text("x")  # its folder is named, not it
    (root / "a" / ".git").mkdir()  # .git is kept at the root only
    (root / "a" / ".glossary-site.json").write_text("{}")
    (root / "linked").symlink_to(root / "a", target_is_directory=True)
    (root / "style.css").unlink()
    (root / "style.css").symlink_to(root / "index.html")  # listed, but a link is never ours
    (root / "dangling").symlink_to(root / "nowhere")
    os.mkfifo(root / "a" / "pipe")
    assert foreign_entries(root, LISTED) == [
        "a/.git",
        "a/.glossary-site.json",
        "a/b/extra.txt",
        "a/pipe",
        "dangling",
        "linked",
        "stranger",
        "style.css",
    ]


def test_a_folder_that_holds_no_listed_file_is_foreign(tmp_path: Path) -> None:
    root = site(tmp_path)
    (root / "a" / "empty").mkdir()
    assert foreign_entries(root, LISTED) == ["a/empty"]
