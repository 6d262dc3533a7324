"""The cache folder: corrupted, foreign or half-written entries are misses; concurrent
builds share it safely; the output never depends on it."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glossary_site import Project, build
from glossary_site.cache import Store, TermCache
from glossary_site.cache.codec import CodecError, decode, encode
from glossary_site.cache.store import FORMAT
from glossary_site.cache.terms import TermEntry
from glossary_site.diagnostics import Diagnostic, Severity
from glossary_site.load import RawTerm, load_term
from glossary_site.markup import MarkdownRenderer
from glossary_site.schema import parse_term
from tests.conftest import WriteGlossary, term_file
from tests.test_cache_build import tree


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "v1").rglob("*") if p.is_file())


@pytest.fixture
def project(write_glossary: WriteGlossary, tmp_path: Path) -> Project:
    written = write_glossary(
        {
            "sprint.md": term_file("Sprint", front="related: [kanban]", body="## Goal\n\nFocus."),
            "kanban.md": term_file("Kanban", body="See [the sprint](sprint)."),
        },
        config='base_url = "https://example.org/"\n',
    )
    return dataclasses.replace(written, cache_dir=tmp_path / "cache")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-2] + bytes([data[-2] ^ 1]) + data[-1:], id="bit-flip"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: b"\x80\x04\x95 pickle, not ours", id="foreign"),
    ],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(
    project: Project, tmp_path: Path, damage: object
) -> None:
    assert build(project, tmp_path / "site").ok
    expected = tree(tmp_path / "site")
    cache = tmp_path / "cache"
    for path in entries(cache):
        path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert build(project, tmp_path / "site").ok
    assert tree(tmp_path / "site") == expected
    assert build(project, tmp_path / "site2").ok  # the rebuilt entries are intact
    assert tree(tmp_path / "site2") == expected


def sealed(payload: bytes) -> bytes:
    """An entry with a correct header: what a foreign writer who knows the format writes."""
    return FORMAT + b" " + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


@pytest.mark.parametrize(
    "row",
    [
        b"not a row",
        b"d\n[]\n[1, 2, 3]\n",
        b"d\n[]\n{}\n",  # an object where the entry belongs
        b'd\n[]\n{"term": null}\n',
        b"d\n[5]\n[null, []]\nabc",  # strings shorter than their lengths say
        b"d\n[-1]\n[null, []]\n",
        b'd\n[1]\n[{"": 3}, []]\nx',  # a string that is not there
        b"d\n[2]\n[null, []]\n\xff\xfe",  # not UTF-8
        b"d\n[]\n" + json.dumps([None, [["x.md", "one", "c", "m", "h", "error"]]]).encode() + b"\n",
        b"d\n[]\n" + json.dumps([None, [["x.md", 1, "c", "m", "h", "fatal"]]]).encode() + b"\n",
        b"d\n[]\n" + b"[" * 100_000 + b"]" * 100_000 + b"\n",  # deeper than the decoder goes
    ],
)
def test_an_intact_entry_of_the_wrong_shape_is_a_miss(tmp_path: Path, row: bytes) -> None:
    store = Store(tmp_path)
    cache = TermCache(store, "environment")
    key = cache.key(Path("x.md"), b"bytes")
    shard = cache.pack.shard_keys[cache.pack._shard(key)]
    path = Path(store._path("terms", shard))
    path.parent.mkdir(parents=True)
    path.write_bytes(sealed(key.encode() + b"\t" + str(len(row)).encode() + b"\n" + row))
    assert cache.get(key) is None
    assert TermCache(store, "environment").get(key) is None


def test_an_entry_round_trips_exactly(tmp_path: Path) -> None:
    cache = TermCache(Store(tmp_path), "environment")
    problem = Diagnostic(Path("x.md"), 3, "code", "message", "hint", Severity.WARNING)
    entry = TermEntry(None, (problem,))
    digest = cache.put("ab" * 32, entry)
    found = cache.get("ab" * 32)
    assert found is not None and found.entry == entry and found.digest == digest
    cache.save()
    found = TermCache(Store(tmp_path), "environment").get("ab" * 32)
    assert found is not None and found.entry == entry and found.digest == digest


def test_decoding_checks_every_field_type() -> None:
    problem = Diagnostic(Path("x.md"), 3, "code", "message")
    assert decode(Diagnostic, encode(problem)) == problem
    with pytest.raises(CodecError):
        decode(Diagnostic, ["x.md", True, "code", "message", "", "error"])  # bool is no line
    with pytest.raises(CodecError):
        decode(Diagnostic, ["x.md", 3, "code"])


def test_an_unwritable_cache_folder_does_not_stop_the_build(
    project: Project, tmp_path: Path
) -> None:
    blocked = tmp_path / "cache-file"
    blocked.write_text("a file where the cache folder would be")
    report = build(dataclasses.replace(project, cache_dir=blocked), tmp_path / "site")
    assert report.ok
    assert blocked.read_text() == "a file where the cache folder would be"


def test_a_left_over_temporary_file_is_not_an_entry(project: Project, tmp_path: Path) -> None:
    assert build(project, tmp_path / "site").ok
    expected = tree(tmp_path / "site")
    for path in entries(tmp_path / "cache"):
        path.rename(path.with_name(path.name + ".tmp-1-0"))  # as if killed before the rename
    assert build(project, tmp_path / "site").ok
    assert tree(tmp_path / "site") == expected


CONCURRENT_BUILD = """
import sys
import time
from pathlib import Path
from glossary_site import Project, build
root = Path(sys.argv[1])
project = Project(root / "glossary", None, root / "templates", cache_dir=root / "cache")
report = build(project, root / sys.argv[2])
sys.exit(0 if report.ok else 1)
"""


@pytest.mark.slow
def test_builds_sharing_a_cache_at_once_all_succeed_with_the_same_site(
    write_glossary: WriteGlossary, tmp_path: Path
) -> None:
    write_glossary(
        {
            f"term-{n}.md": term_file(f"Term {n}", body=f"See [next](term-{n + 1}).")
            for n in range(60)
        }
        | {"term-60.md": term_file("Term 60")}
    )
    outs = [f"site{n}" for n in range(4)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    builds = [
        subprocess.Popen([sys.executable, "-c", CONCURRENT_BUILD, str(tmp_path), out], env=env)
        for out in outs
    ]
    assert [b.wait(timeout=120) for b in builds] == [0, 0, 0, 0]
    sites = [tree(tmp_path / out) for out in outs]
    assert all(site == sites[0] for site in sites)
    uncached = Project(tmp_path / "glossary", None, tmp_path / "templates")
    assert build(uncached, tmp_path / "plain").ok
    assert tree(tmp_path / "plain") == sites[0]
    assert not [p for p in (tmp_path / "cache").rglob("*.tmp-*")]


def test_entries_no_build_uses_are_removed_once_an_hour_old(
    project: Project, tmp_path: Path
) -> None:
    assert build(project, tmp_path / "site").ok
    cache = tmp_path / "cache"
    first = set(entries(cache))
    kanban = project.source_dir / "kanban.md"
    # Edits that keep the link to sprint: sprint's page (which lists kanban) stays the same.
    # (An author, not only the body: a body edit alone is a patch build, see patch/.)
    kanban.write_text(term_file("Kanban", front="author: Ann", body="See [the sprint](sprint)."))
    assert build(project, tmp_path / "site").ok
    second = set(entries(cache))
    assert first < second  # young entries stay: a build at the same time may be writing them
    leftover = cache / "v1" / "terms" / "00" / ("00" * 32 + ".tmp-1-0")
    leftover.parent.mkdir(exist_ok=True)
    leftover.write_bytes(b"half an entry of a killed build")
    hour_ago = time.time() - 2 * 3600
    for path in [*second, leftover]:
        os.utime(path, (hour_ago, hour_ago))
    kanban.write_text(term_file("Kanban", front="author: Bo", body="See [the sprint](sprint)."))
    assert build(project, tmp_path / "site").ok
    third = set(entries(cache))
    assert not third & (second - first)  # the first edit's term and pages are gone
    assert not leftover.exists()
    before_edit = first & third  # sprint and its term file are still in use
    # see cache/, and exports/part_cache.py (a pack of unchanged terms is in use)
    kinds = (
        *("terms", "pages", "lists", "builds", "build-diagnostics", "sitestamps", "mentions"),
        "links",
        *("inputstats", "sortkeys", "exports", "page-shas"),
        *(
            "patch-state",
            "patch-base",
            "patch-light",
            "search-docs",
            "search",
        ),  # see patch/ and search/
    )
    assert before_edit and {p.parent.parent.name for p in before_edit} <= set(kinds)
    expected = tree(tmp_path / "site")
    assert build(dataclasses.replace(project, cache_dir=None), tmp_path / "plain").ok
    assert tree(tmp_path / "plain") == expected


def test_pruning_never_follows_links_out_of_the_cache(project: Project, tmp_path: Path) -> None:
    assert build(project, tmp_path / "site").ok
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious").write_text("keep me")
    hour_ago = time.time() - 2 * 3600
    os.utime(outside / "precious", (hour_ago, hour_ago))
    (tmp_path / "cache" / "v1" / "terms" / "zz").symlink_to(outside)
    Store(tmp_path / "cache").prune(keep=set())
    assert (outside / "precious").read_text() == "keep me"


def test_pruning_never_follows_a_linked_kind_folder(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "ab").mkdir(parents=True)
    (outside / "ab" / "precious").write_text("keep me")
    hour_ago = time.time() - 2 * 3600
    os.utime(outside / "ab" / "precious", (hour_ago, hour_ago))
    (tmp_path / "cache" / "v1").mkdir(parents=True)
    (tmp_path / "cache" / "v1" / "pages").symlink_to(outside)
    Store(tmp_path / "cache").prune(keep=set())
    assert (outside / "ab" / "precious").read_text() == "keep me"


def test_a_real_term_and_its_document_round_trip_with_every_field(tmp_path: Path) -> None:
    """Every field type of today's Term and Document decodes (a new field must too)."""
    front = "aliases: [Iteration]\nrelated: [kanban]\ntags: [scrum]\nupdated: 2026-01-02"
    text = term_file(
        "Sprint", front=front, body="## Goal {#goal}\n\nSee [b](backlog).[^1]\n\n[^1]: x"
    )
    raw = load_term(Path("glossary/sprint.md"), text.encode())
    assert isinstance(raw, RawTerm)
    term, problems = parse_term(raw)
    assert term is not None and term.key_lines
    document, converted = MarkdownRenderer(trust_html=False).render(term)
    entry = TermEntry(term, tuple(problems), document, converted)
    assert decode(TermEntry, json.loads(json.dumps(encode(entry)))) == entry


def test_a_broken_entry_is_removed_when_read_and_stored_again(tmp_path: Path) -> None:
    store = Store(tmp_path / "cache")
    store.put("terms", "ab12", b"payload")
    (entry,) = (tmp_path / "cache").rglob("ab12")
    entry.write_bytes(entry.read_bytes()[:-1])
    assert store.has("terms", "ab12")
    assert store.get("terms", "ab12") is None
    assert not entry.exists() and not store.has("terms", "ab12")
    store.put("terms", "ab12", b"payload")
    assert store.get("terms", "ab12") is not None
    Store(tmp_path / "cache", writable=False).discard("terms", "ab12")
    assert store.has("terms", "ab12"), "a read-only store removes nothing"
    store.discard("terms", "ab12")
    assert not store.has("terms", "ab12")


@pytest.mark.parametrize("key", ["../../outside", "a/b", "..", ".hidden", "", "x" * 300])
def test_a_key_that_is_no_plain_name_never_leads_out_of_the_cache(tmp_path: Path, key: str) -> None:
    """Keys are read from entries too (a tampered state names others): never a path."""
    outside = tmp_path / "outside"
    outside.write_bytes(b"not ours")
    store = Store(tmp_path / "cache" / "sub")
    store.put("terms", key, b"payload")
    assert store.get("terms", key) is None and not store.has("terms", key)
    store.discard("terms", key)
    assert outside.read_bytes() == b"not ours"
    assert [p.relative_to(tmp_path) for p in tmp_path.rglob("*")] == [Path("outside")]
