"""Pagefind's bundle in the build cache: a build whose terms did not change reuses it,
an edit makes a new one, and an entry that is not a bundle is never used."""

from __future__ import annotations

import dataclasses
from pathlib import Path, PurePosixPath

import pytest

from glossary_site import build, check
from glossary_site.search import cached
from glossary_site.search.cached import pack, unpack
from tests.conftest import WriteGlossary, term_file

SPRINT = term_file("Sprint", "A short, fixed period of work.", front="aliases: [Iteration]")
KANBAN = term_file("Kanban", "A method that limits work in progress.")


def site_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_unchanged_terms_reuse_the_bundle_without_running_pagefind(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = write_glossary({"sprint.md": SPRINT, "kanban.md": KANBAN})
    project = dataclasses.replace(project, cache_dir=tmp_path / "cache")
    assert build(project, tmp_path / "one").ok
    runs: list[int] = []

    def counted(*args: object) -> dict[PurePosixPath, bytes]:
        runs.append(1)
        raise AssertionError("Pagefind ran although its bundle was cached")

    monkeypatch.setattr("glossary_site.search.run_pagefind", counted)
    assert build(project, tmp_path / "two").ok
    assert check(project).ok

    assert runs == []
    assert site_files(tmp_path / "one") == site_files(tmp_path / "two")


def test_an_edited_term_makes_a_new_bundle(write_glossary: WriteGlossary, tmp_path: Path) -> None:
    project = write_glossary({"sprint.md": SPRINT, "kanban.md": KANBAN})
    project = dataclasses.replace(project, cache_dir=tmp_path / "cache")
    assert build(project, tmp_path / "one").ok
    edited = term_file("Kanban", "A method that limits work in progress with a board.")
    (project.source_dir / "kanban.md").write_text(edited, encoding="utf-8")

    assert build(project, tmp_path / "two").ok
    uncached = dataclasses.replace(project, cache_dir=None)
    assert build(uncached, tmp_path / "three").ok

    one, two = site_files(tmp_path / "one"), site_files(tmp_path / "two")
    changed = {name for name in two if name.startswith("pagefind/") and one.get(name) != two[name]}
    assert changed, "the index follows the edit"
    assert site_files(tmp_path / "two") == site_files(tmp_path / "three")


def test_a_bundle_round_trips_through_its_payload() -> None:
    bundle = {
        PurePosixPath("pagefind.js"): b"export {}",
        PurePosixPath("pagefind-entry.json"): b"{}",
        PurePosixPath("fragment/en_1.pf_fragment"): b"\x00\n\xff",
        PurePosixPath("empty"): b"",
    }
    assert unpack(pack(bundle)) == bundle


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"pagefind.js\n2\nab",  # no pagefind-entry.json
        b"pagefind.js\n9\nab",  # shorter than it says
        b"pagefind.js\nnine\nab",
        b"../pagefind.js\n0\n",
        b"pagefind.js\n0\n/etc/passwd\n0\n",
        b"pagefind.js\n0\nfragment/../../x\n0\n",
        b"pagefind.js\n0\n.hidden\n0\n",
        b"pagefind.js\n0\nfragment\\x\n0\n",
        b"pagefind.js\n0\ntrailing",
        "pagefind.js\n0\nfrägment\n0\n".encode(),
    ],
)
def test_a_payload_that_is_not_a_bundle_is_a_miss(payload: bytes) -> None:
    assert unpack(payload) is None


def test_the_key_changes_with_the_documents_and_the_binary(tmp_path: Path) -> None:
    binary = tmp_path / "pagefind"
    binary.write_bytes(b"one")
    documents = {PurePosixPath("a/index.html"): "<h1>A</h1>"}
    key = cached.bundle_key(documents, binary)

    assert cached.bundle_key(dict(documents), binary) == key
    assert cached.bundle_key({PurePosixPath("a/index.html"): "<h1>B</h1>"}, binary) != key
    binary.write_bytes(b"other")
    assert cached.bundle_key(documents, binary) != key
