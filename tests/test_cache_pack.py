"""The term cache's pack: rows in a few shard files; what is rewritten, what is a miss."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from glossary_site import Project, build
from glossary_site.cache import Store, TermCache
from glossary_site.cache.pack import SHARDS, Pack
from glossary_site.cache.terms import TermEntry
from glossary_site.diagnostics import Diagnostic
from tests.conftest import WriteGlossary, term_file
from tests.test_cache_build import tree


class CountingStore(Store):
    """A store that notes which entries are written."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.written: list[str] = []

    def put(self, kind: str, key: str, payload: bytes) -> str:
        self.written.append(key)
        return super().put(kind, key, payload)


def rows(count: int) -> dict[str, bytes]:
    return {f"key-{number}": f"row {number}\n\t\0".encode() for number in range(count)}


def filled(folder: Path, count: int) -> CountingStore:
    pack = Pack(Store(folder), "rows", "namespace")
    for key, text in rows(count).items():
        pack.put(key, text)
    pack.save()
    return CountingStore(folder)


def test_a_thousand_rows_take_at_most_one_file_per_shard(tmp_path: Path) -> None:
    filled(tmp_path, 1000)
    files = [p for p in (tmp_path / "v1" / "rows").rglob("*") if p.is_file()]
    assert 0 < len(files) <= SHARDS
    pack = Pack(Store(tmp_path), "rows", "namespace")
    assert all(pack.get(key) == row for key, row in rows(1000).items())


def test_reading_every_row_again_writes_nothing(tmp_path: Path) -> None:
    store = filled(tmp_path, 1000)
    pack = Pack(store, "rows", "namespace")
    for key in rows(1000):
        pack.get(key)
    kept = pack.save()
    assert store.written == []
    assert 0 < len(kept) <= SHARDS


def test_one_changed_row_rewrites_only_its_shard(tmp_path: Path) -> None:
    store = filled(tmp_path, 1000)
    pack = Pack(store, "rows", "namespace")
    for key in rows(1000):
        pack.get(key)
    pack.put("key-7", b"changed")
    pack.save()
    assert store.written == [pack.shard_keys[pack._shard("key-7")]]
    assert Pack(Store(tmp_path), "rows", "namespace").get("key-7") == b"changed"


def test_rows_a_build_no_longer_uses_are_dropped_from_their_shard(tmp_path: Path) -> None:
    store = filled(tmp_path, 1000)
    pack = Pack(store, "rows", "namespace")
    for key in rows(1000):
        if key != "key-7":
            pack.get(key)
    pack.save()
    assert store.written == [pack.shard_keys[pack._shard("key-7")]]
    again = Pack(Store(tmp_path), "rows", "namespace")
    assert again.get("key-7") is None and again.get("key-8") == b"row 8\n\t\0"


def test_a_damaged_shard_loses_only_its_own_rows(tmp_path: Path) -> None:
    filled(tmp_path, 1000)
    pack = Pack(Store(tmp_path), "rows", "namespace")
    shard = pack._shard("key-7")
    path = Path(pack.store._path("rows", pack.shard_keys[shard]))
    path.write_bytes(path.read_bytes()[:-5])
    found = {key: pack.get(key) for key in rows(1000)}
    assert found["key-7"] is None
    missing = {key for key, row in found.items() if row is None}
    assert missing == {key for key in rows(1000) if pack._shard(key) == shard}


def test_two_builds_writing_one_shard_at_once_leave_a_whole_one(tmp_path: Path) -> None:
    first, second = (Pack(Store(tmp_path), "rows", "namespace") for _ in range(2))
    first.put("a", b"from the first")
    second.put("a", b"from the second")
    second.put("b", b"only the second")
    first.save()
    second.save()
    after = Pack(Store(tmp_path), "rows", "namespace")
    assert after.get("a") == b"from the second" and after.get("b") == b"only the second"


@pytest.mark.parametrize(
    "data",
    [b"key-1\t99\nshort", b"key-1\tx\nrow", b"key-1 5\nrow 1", b"key-1\t-1\n", b"\xff\t1\nr"],
)
def test_a_shard_that_is_not_a_sequence_of_rows_is_a_miss(tmp_path: Path, data: bytes) -> None:
    store = Store(tmp_path)
    pack = Pack(store, "rows", "namespace")
    store.put("rows", pack.shard_keys[pack._shard("key-1")], data)
    assert Pack(store, "rows", "namespace").get("key-1") is None


def test_a_key_with_a_line_break_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        Pack(Store(tmp_path), "rows", "namespace").put("two\nlines", b"row")


def test_a_pack_of_another_namespace_is_never_read(tmp_path: Path) -> None:
    filled(tmp_path, 10)
    assert Pack(Store(tmp_path), "rows", "another version").get("key-1") is None


def test_a_term_entry_put_and_saved_is_found_by_the_next_build(tmp_path: Path) -> None:
    long = 'A long message, with "quotes", a\nline break, \udcff and é. ' * 20
    entry = TermEntry(None, (Diagnostic(Path("x.md"), 2, "code", long),))
    cache = TermCache(Store(tmp_path), "environment")
    key = cache.key(Path("x.md"), b"bytes")
    digest = cache.put(key, entry)
    kept = cache.save()
    found = TermCache(Store(tmp_path), "environment").get(key)
    assert found is not None and (found.entry, found.digest) == (entry, digest)
    assert kept == {cache.pack.shard_keys[cache.pack._shard(key)]}
    assert TermCache(Store(tmp_path), "another environment").get(key) is None


@pytest.fixture
def project(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    written = write_glossary(
        {
            f"term-{number}.md": term_file(f"Term {number}", body=f"See [next](term-{number + 1}).")
            for number in range(40)
        }
        | {"term-40.md": term_file("Term 40")},
        config='base_url = "https://example.org/"\n',
    )
    return dataclasses.replace(written, cache_dir=tmp_path / "cache")


def term_files(cache: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (cache / "v1" / "terms").rglob("*")}


def test_an_edit_rewrites_one_shard_of_the_term_cache_and_the_site_is_the_same(
    project: Project, tmp_path: Path
) -> None:
    assert build(project, tmp_path / "site").ok
    before = term_files(tmp_path / "cache")
    assert len([name for name in before if len(name) == 64]) <= 41
    edited = project.source_dir / "term-3.md"
    # (An author, not only the body: a body edit alone is a patch build, see patch/.)
    edited.write_text(term_file("Term 3", front="author: Ann", body="See [next](term-4)."))
    assert build(project, tmp_path / "site").ok
    after = term_files(tmp_path / "cache")
    changed = {name for name, stamp in after.items() if before.get(name) != stamp}
    # the shard of the edited term's new entry, and that of its old one (dropped)
    assert 1 <= len([name for name in changed if len(name) == 64]) <= 2
    assert build(dataclasses.replace(project, cache_dir=None), tmp_path / "plain").ok
    assert tree(tmp_path / "plain") == tree(tmp_path / "site")
