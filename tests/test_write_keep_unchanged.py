"""An update of a known site keeps, in one call, every old file not added and not named:
the files a patch build does not touch are neither read nor written, the named ones go."""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

import pytest

from glossary_site.write.errors import UnsafeOutputError
from glossary_site.write.manifest import MANIFEST_NAME, manifest_from_digests
from glossary_site.write.update import Update


def _site(tmp_path: Path, files: dict[str, bytes]) -> tuple[Path, dict[str, str]]:
    site = tmp_path / "site"
    digests = {}
    for name, data in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
        digests[name] = hashlib.sha256(data).hexdigest()
    manifest = manifest_from_digests({PurePosixPath(n): d for n, d in digests.items()})
    (site / MANIFEST_NAME).write_bytes(manifest)
    return site, digests


def test_the_files_not_added_nor_named_are_kept_and_the_named_ones_removed(
    tmp_path: Path,
) -> None:
    site, digests = _site(tmp_path, {"a.html": b"a", "b/old.txt": b"b", "c.txt": b"c"})
    update = Update(site, digests, known=True)
    update.add(PurePosixPath("a.html"), b"new a")
    update.keep_unchanged({"b/old.txt"})
    assert sorted(update.names()) == ["a.html", "c.txt"]
    update.finish()
    assert (site / "a.html").read_bytes() == b"new a"
    assert (site / "c.txt").read_bytes() == b"c"
    assert not (site / "b").exists()


def test_it_refuses_a_site_not_known_and_a_name_the_build_keeps(tmp_path: Path) -> None:
    site, digests = _site(tmp_path, {"a.html": b"a"})
    with pytest.raises(UnsafeOutputError):
        Update(site, digests, known=False).keep_unchanged()
    with pytest.raises(UnsafeOutputError):
        Update(site, {**digests, ".git/config": "0" * 64}, known=True).keep_unchanged()
