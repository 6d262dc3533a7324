"""The write path of a one-edit build does each O(site) step once and as cheaply as it
can, with results equal to the plain ones: the manifest is parsed once per content,
stamps' names are checked in one pass, the manifest is made without the indenting
encoder."""

from __future__ import annotations

import dataclasses
import json
from array import array
from pathlib import Path, PurePosixPath
from types import SimpleNamespace
from typing import Any

import pytest

from glossary_site import Project, build
from glossary_site.cache import Store, record
from glossary_site.cache.input_stats import KIND as STATS_KIND
from glossary_site.cache.input_stats import load_stats
from glossary_site.cache.record import BuildRecord, load_record, record_key, save_record
from glossary_site.diagnostics import Diagnostic, Severity
from glossary_site.shortcut import STAMPS_KIND
from glossary_site.write import KnownSite, manifest, stamps, take_stamps, updated_stamps, write_site
from glossary_site.write.manifest import (
    FORMAT,
    GENERATOR,
    MANIFEST_NAME,
    manifest_from_digests,
    read_digests,
)
from glossary_site.write.stamps import WIDTH, site_is_known
from tests.conftest import WriteGlossary, term_file

AWKWARD = [
    "",
    "a",
    "a/b",
    "/a",
    "//a",
    "a//b",
    "..",
    "../a",
    "a/..",
    "a/../b",
    "...",
    "a/.../b",
    "./a",
    "a/.",
    "Ärger/index.html",
    'quote"d',
    "tab\tname",
    "new\nline",
]


def _names_are_safe_one_by_one(names: tuple[str, ...]) -> bool:
    return all(
        not name.startswith("/") and "/../" not in f"/{name}/" and "\0" not in name
        for name in names
    )


@pytest.mark.parametrize("bad", [*AWKWARD, None])
def test_stamps_decode_exactly_when_every_name_is_safe_on_its_own(bad: str | None) -> None:
    names = ("", "index.html", *(() if bad is None else (bad,)), "z/index.html")
    known = KnownSite(names, array("q", [0] * (WIDTH * len(names))), 1, "m")
    decoded = KnownSite.decode(known.encode())
    assert (decoded == known) is _names_are_safe_one_by_one(names)
    assert decoded is None or decoded == known


def _manifest_document(names: list[str]) -> bytes:
    files = [{"path": name, "sha256": f"{n:064x}"} for n, name in enumerate(sorted(names))]
    document = {"format": FORMAT, "generator": GENERATOR, "files": files}
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def test_the_manifest_of_awkward_names_is_the_indented_json_document() -> None:
    names = [name for name in AWKWARD if name and not name.startswith("/")] + [
        "back\\slash",
        "control\x01char",
        "emoji😀/index.html",
        "line\u2028sep",
    ]
    digests = {PurePosixPath(name): "" for name in names}
    ordered = sorted(path.as_posix() for path in digests)
    digests = {PurePosixPath(name): f"{n:064x}" for n, name in enumerate(ordered)}
    assert manifest_from_digests(digests) == _manifest_document(ordered)


def test_a_manifest_read_twice_is_parsed_once_and_each_reader_gets_its_own_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / MANIFEST_NAME).write_bytes(_manifest_document(["a.html", "b/index.html"]))
    parsed: list[int] = []
    real = manifest._parse_digests

    def counted(data: bytes) -> dict[str, str] | None:
        parsed.append(len(data))
        return real(data)

    monkeypatch.setattr(manifest, "_parse_digests", counted)
    first = read_digests(site)
    assert first == {"a.html": f"{0:064x}", "b/index.html": f"{1:064x}"}
    first["c.html"] = "changed by its reader"
    assert read_digests(site) == {"a.html": f"{0:064x}", "b/index.html": f"{1:064x}"}
    assert len(parsed) == 1


def test_a_manifest_whose_bytes_change_is_parsed_again(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / MANIFEST_NAME).write_bytes(_manifest_document(["a.html"]))
    assert read_digests(site) == {"a.html": f"{0:064x}"}
    (site / MANIFEST_NAME).write_bytes(_manifest_document(["a.html", "b.html"]))
    assert read_digests(site) == {"a.html": f"{0:064x}", "b.html": f"{1:064x}"}
    (site / MANIFEST_NAME).write_bytes(b'{"format": 1, "generator": "someone else"}')
    assert read_digests(site) is None


def _record(inputs: str) -> BuildRecord:
    diagnostics = (
        Diagnostic(Path("glossary/a.md"), 3, "code", "message", "hint", Severity.WARNING),
    )
    return BuildRecord(inputs, "s", 1, "m", 2, 0, "https://example.org/", diagnostics)


def test_a_record_of_other_inputs_is_a_miss_without_parsing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, site = Store(tmp_path / "cache"), tmp_path / "site"
    save_record(store, site, _record("a" * 64))
    parsed: list[bytes] = []

    def loads(data: bytes) -> Any:
        parsed.append(data)
        return json.loads(data)

    monkeypatch.setattr(record, "json", SimpleNamespace(loads=loads, dumps=json.dumps))
    assert load_record(store, site, "b" * 64) is None
    assert parsed == []
    assert load_record(store, site, "a" * 64) == _record("a" * 64)
    assert len(parsed) == 2  # the record and its diagnostics' entry


def test_a_records_diagnostics_are_saved_once_and_named_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, site = Store(tmp_path / "cache"), tmp_path / "site"
    save_record(store, site, _record("a" * 64))
    (entry,) = (tmp_path / "cache").rglob(f"v1/{record.DIAGNOSTICS_KIND}/*/*")
    loaded = load_record(store, site, "a" * 64)
    assert loaded == _record("a" * 64)
    kinds: list[str] = []
    real_put = store.put

    def put(kind: str, key: str, payload: bytes) -> str:
        kinds.append(kind)
        return real_put(kind, key, payload)

    monkeypatch.setattr(store, "put", put)
    save_record(store, site, dataclasses.replace(loaded, stamps="t"))  # as a patch build
    assert kinds == [record.KIND], "the diagnostics are named, not written again"
    assert load_record(store, site, "a" * 64) == dataclasses.replace(_record("a" * 64), stamps="t")
    entry.unlink()
    assert load_record(store, site, "a" * 64) is None


def test_a_record_whose_diagnostics_entry_holds_other_bytes_is_a_miss(tmp_path: Path) -> None:
    store, site = Store(tmp_path / "cache"), tmp_path / "site"
    save_record(store, site, _record("a" * 64))
    (entry,) = (tmp_path / "cache").rglob(f"v1/{record.DIAGNOSTICS_KIND}/*/*")
    key = entry.name
    other = _record("a" * 64).diagnostics[0]
    tampered = json.dumps([[str(other.path), [9, "code", "message", "hint", "warning", 0]]])
    store.put(record.DIAGNOSTICS_KIND, key, tampered.encode())  # intact, not the named bytes
    assert load_record(store, site, "a" * 64) is None


@pytest.mark.parametrize(
    "numbers", [[True, 2, 3, 4], [1, 2.0, 3, 4], [1, 2, "3", 4], [1, 2, 3, None], [-1, 2, 3, 4]]
)
def test_an_input_stats_row_with_a_number_that_is_no_natural_int_is_ignored(
    tmp_path: Path, numbers: list[object]
) -> None:
    store = Store(tmp_path / "cache")
    store.put(STATS_KIND, "k" * 64, json.dumps({"a": [*numbers, "0" * 64]}).encode())
    assert load_stats(store, "k" * 64).known == {}
    store.put(STATS_KIND, "k" * 64, json.dumps({"a": [1, 2, 3, 4, "0" * 64]}).encode())
    assert load_stats(store, "k" * 64).known == {"a": ((1, 2, 3, 4), bytes(32))}


@pytest.fixture
def project(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    written = write_glossary(
        {
            "sprint.md": term_file("Sprint", front="related: [kanban]"),
            "kanban.md": term_file("Kanban", front="summary: Boards and cards.\nrelated: [sprint]"),
            "scrum.md": term_file("Scrum"),
        },
        config='base_url = "https://example.org/g/"\n',
    )
    return dataclasses.replace(written, cache_dir=tmp_path / ".glossary-cache")


def _stored_stamps(project: Project, site: Path) -> KnownSite:
    assert project.cache_dir is not None
    found = Store(project.cache_dir).get(STAMPS_KIND, record_key(site.resolve()))
    assert found is not None
    known = KnownSite.decode(found[0])
    assert known is not None
    return known


def _stamped_names(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    counts: list[int] = []
    real = stamps._numbers

    def counted(site: Path, names: tuple[str, ...]) -> Any:
        counts.append(len(names))
        return real(site, names)

    monkeypatch.setattr(stamps, "_numbers", counted)
    return counts


def test_after_an_update_in_place_only_what_changed_is_stamped_again(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    assert build(project, site).ok
    with (project.source_dir / "scrum.md").open("a", encoding="utf-8") as file:
        file.write("One more line.\n")
    counts = _stamped_names(monkeypatch)
    assert build(project, site).ok
    stored = _stored_stamps(project, site)
    assert counts[-1] < len(stored.names) // 2  # the update's own stamps: a few entries
    fresh = take_stamps(site, (read_digests(site) or {}).keys())
    assert fresh is not None
    assert (stored.names, stored.numbers, stored.manifest) == (
        fresh.names,
        fresh.numbers,
        fresh.manifest,
    )
    assert build(project, site).files_written == 0  # the next build is the short cut


def test_a_build_that_adds_a_file_stamps_it_and_keeps_the_others_stamps(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    assert build(project, site).ok
    (project.source_dir / "lean.md").write_text(term_file("Lean"), encoding="utf-8")
    counts = _stamped_names(monkeypatch)
    assert build(project, site).ok
    stored = _stored_stamps(project, site)
    assert "lean/index.html" in stored.names
    assert counts[-1] < len(stored.names)
    fresh = take_stamps(site, (read_digests(site) or {}).keys())
    assert fresh is not None and (stored.names, stored.numbers) == (fresh.names, fresh.numbers)
    (project.source_dir / "lean.md").unlink()
    assert build(project, site).ok
    stored = _stored_stamps(project, site)
    fresh = take_stamps(site, (read_digests(site) or {}).keys())
    assert "lean/index.html" not in stored.names
    assert fresh is not None and (stored.names, stored.numbers) == (fresh.names, fresh.numbers)


def test_a_file_changed_behind_the_builds_back_after_its_check_is_not_stamped_as_held(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    write_site({PurePosixPath("a/b.html"): b"one", PurePosixPath("c.html"): b"two"}, site)
    known = take_stamps(site, ["a/b.html", "c.html"])
    assert known is not None
    (site / "c.html").write_bytes(b"TWO")  # not among the files the update changed
    updated = updated_stamps(site, known, ["a/b.html", "c.html"], ["a/b.html"])
    assert updated is not None
    assert not site_is_known(site, updated, lambda: read_digests(site))
