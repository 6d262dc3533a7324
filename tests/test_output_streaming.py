"""open_site: pages go to disk as they are made, still all or nothing, still recoverable."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path, PurePosixPath

import pytest

from glossary_site.write import (
    JOURNAL_NAME,
    MANIFEST_NAME,
    OutputError,
    UnsafeOutputError,
    open_site,
    write_site,
)
from glossary_site.write.manifest import read_digests


def test_pages_added_one_by_one_replace_the_site_at_the_end(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site({PurePosixPath("old.html"): b"old"}, site)
    with open_site(site) as staging:
        staging.add(PurePosixPath("a/index.html"), b"A")
        assert (site / "old.html").read_bytes() == b"old"  # nothing visible yet
        staging.add(PurePosixPath("b.html"), b"B")
    assert sorted(p.name for p in site.iterdir()) == [MANIFEST_NAME, "a", "b.html"]
    assert read_digests(site) is not None and set(read_digests(site) or {}) == {
        "a/index.html",
        "b.html",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failure_while_pages_are_made_keeps_the_old_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site({PurePosixPath("old.html"): b"old"}, site)
    with pytest.raises(KeyError), open_site(site) as staging:
        staging.add(PurePosixPath("new.html"), b"new")
        raise KeyError("a bug while rendering")
    assert (site / "old.html").read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_page_added_twice_or_at_a_reserved_name_is_refused(tmp_path: Path) -> None:
    for paths in (["a.html", "a.html"], [MANIFEST_NAME], [JOURNAL_NAME], ["../x.html"]):
        with pytest.raises(UnsafeOutputError), open_site(tmp_path / "site") as staging:
            for path in paths:
                staging.add(PurePosixPath(path), b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_write_error_while_adding_is_a_write_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: Path, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(OutputError) as caught, open_site(tmp_path / "site") as staging:
        staging.add(PurePosixPath("a.html"), b"x")
    assert caught.value.code == "write-failed" and "disk is full" in caught.value.hint
    assert sorted(p.name for p in tmp_path.iterdir()) == []


KILLED_MID_WRITE = """
    import os, sys
    from pathlib import Path, PurePosixPath
    from glossary_site.write import open_site
    with open_site(Path(sys.argv[1])) as staging:
        staging.add(PurePosixPath("a/index.html"), b"A")
        staging.add(PurePosixPath("b.html"), b"B")
        os._exit(9)  # killed: no manifest yet, only the journal
"""


def test_the_folder_of_a_build_killed_mid_write_is_recognised_and_tidied(tmp_path: Path) -> None:
    site = tmp_path / "site"  # a first build: a new folder (a rebuild updates in place)
    script = textwrap.dedent(KILLED_MID_WRITE)
    killed = subprocess.run([sys.executable, "-c", script, str(site)], check=False)
    assert killed.returncode == 9
    (leftover,) = [p for p in tmp_path.iterdir() if p.name.startswith(".site.new-")]
    journal = (leftover / JOURNAL_NAME).read_text().splitlines()
    assert [json.loads(line)[0] for line in journal] == ["a/index.html", "b.html"]
    assert not (leftover / MANIFEST_NAME).exists()
    write_site({PurePosixPath("new.html"): b"new"}, site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (site / "new.html").read_bytes() == b"new"


def test_a_leftover_with_a_file_its_journal_does_not_list_is_left_alone(tmp_path: Path) -> None:
    site = tmp_path / "site"
    leftover = tmp_path / ".site.new-abc"
    leftover.mkdir()
    line = json.dumps(["a.html", "0" * 64])
    (leftover / JOURNAL_NAME).write_text(f'{line}\n["b.ht', encoding="utf-8")  # torn last line
    (leftover / "a.html").write_text("A")
    write_site({PurePosixPath("x.html"): b"x"}, site)
    assert not leftover.exists()  # only listed files: ours
    leftover.mkdir()
    (leftover / JOURNAL_NAME).write_text(f"{line}\n", encoding="utf-8")
    (leftover / "notes.txt").write_text("mine")
    write_site({PurePosixPath("x.html"): b"x"}, site)
    assert (leftover / "notes.txt").read_text() == "mine"
    os.remove(leftover / "notes.txt")
