"""A manifest's entries are checked on their joined strings (``valid_entries``): it
accepts exactly the entries the per-entry check (``_valid_entry``) accepts."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from glossary_site.write.manifest import (
    FORMAT,
    GENERATOR,
    _parse_digests,
    _valid_entry,
    valid_entries,
)

_PARTS = st.sampled_from(["", ".", "..", "...", "a", "b.html", ".x", "a\n", "é", "\0", " "])
_PATHS = st.lists(_PARTS, min_size=1, max_size=4).map("/".join)
_HEX = "0123456789abcdef"
_DIGESTS = st.one_of(
    st.text(alphabet=_HEX, min_size=64, max_size=64),
    st.text(alphabet=_HEX + "G\0\n", min_size=62, max_size=66),
)


def _one_by_one(paths: list[str], digests: list[str]) -> bool:
    return all(
        _valid_entry({"path": path, "sha256": sha256}) and "\0" not in path
        for path, sha256 in zip(paths, digests, strict=True)
    )


@given(st.lists(st.tuples(_PATHS, _DIGESTS), max_size=6))
def test_joined_check_accepts_what_the_entry_check_accepts(
    entries: list[tuple[str, str]],
) -> None:
    paths = [path for path, _ in entries]
    digests = [sha256 for _, sha256 in entries]
    assert valid_entries(paths, digests) == _one_by_one(paths, digests)


@given(st.lists(st.one_of(_PATHS, st.integers(), st.none()), max_size=4))
def test_an_entry_that_is_no_string_is_refused(paths: list[object]) -> None:
    digests = ["0" * 64] * len(paths)
    expected = all(type(path) is str for path in paths) and _one_by_one(
        [str(path) for path in paths], digests
    )
    assert valid_entries(paths, digests) == expected  # type: ignore[arg-type]


def _manifest(files: object) -> bytes:
    return json.dumps({"format": FORMAT, "generator": GENERATOR, "files": files}).encode()


def test_a_manifest_with_a_strange_entry_is_not_ours() -> None:
    good = {"path": "a/index.html", "sha256": "0" * 64}
    assert _parse_digests(_manifest([good])) == {"a/index.html": "0" * 64}
    assert _parse_digests(_manifest([])) == {}
    for strange in (
        ["a/index.html", "0" * 64],
        "a/index.html",
        {"path": "a/index.html"},
        {"sha256": "0" * 64},
        {**good, "path": "../outside"},
        {**good, "path": "/etc/passwd"},
        {**good, "path": "./."},
        {**good, "sha256": "0" * 63},
        {**good, "path": 7},
    ):
        assert _parse_digests(_manifest([good, strange])) is None, strange
