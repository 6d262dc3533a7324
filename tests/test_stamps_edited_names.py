"""After an update in place, the stamps' names are the last ones with the changed files
added or removed in their sorted places (``edited_names``): the same names, numbers and
entries to stamp again as matching every name of the new site (``_kept_numbers``)."""

from __future__ import annotations

from array import array

from hypothesis import assume, given
from hypothesis import strategies as st

from glossary_site.write.manifest import MANIFEST_NAME, folders_of
from glossary_site.write.stamps import WIDTH, KnownSite, _kept_numbers, edited_names

PATHS = st.lists(st.sampled_from(["a", "b", "a-b", "c.html", "index.html"]), min_size=1, max_size=3)
FILES = st.sets(PATHS.map("/".join), max_size=12)


def _known(files: set[str]) -> KnownSite:
    ordered = sorted(files)
    names = ("", *sorted(folders_of(frozenset(ordered))), *ordered, MANIFEST_NAME)
    folders = len(names) - len(ordered) - 1
    numbers = array("q")
    for number, _ in enumerate(names):
        numbers.extend((int(number < folders), 100 + number, number, 7, 9))
    return KnownSite(names, numbers, 0, "")


def _stale(changed: set[str]) -> set[str]:
    stale = {"", MANIFEST_NAME, *changed}
    for name in changed:
        parts = name.split("/")
        stale.update("/".join(parts[:end]) for end in range(1, len(parts)))
    return stale


@given(FILES, FILES, FILES)
def test_edited_names_are_the_names_of_the_new_site_in_place(
    old: set[str], added: set[str], rewritten: set[str]
) -> None:
    files = set(old)
    removed = {name for name in old if hash(name) % 3 == 0}
    new = (files - removed) | added
    # (no file where another's folder is: no site is like that)
    for site in (old, new):
        assume(not any(name.startswith(f"{other}/") for name in site for other in site))
    known = _known(old)
    changed = removed | added | (rewritten & new)
    stale = _stale(changed)
    ordered = sorted(new)
    names = ("", *sorted(folders_of(frozenset(ordered))), *ordered, MANIFEST_NAME)
    numbers, again = _kept_numbers(known, names, stale)
    edited = edited_names(known, new, stale)
    assert edited is not None
    assert edited[0] == names
    assert sorted(edited[2]) == sorted(again)
    kept = [n for n in range(len(names)) if n not in again]  # (the others are stamped again)
    assert [edited[1][n * WIDTH : (n + 1) * WIDTH] for n in kept] == [
        numbers[n * WIDTH : (n + 1) * WIDTH] for n in kept
    ]
    assert len(edited[1]) == len(numbers)


def test_a_listing_that_is_not_the_last_one_so_edited_is_no_edit() -> None:
    known = _known({"a/index.html", "b.html"})
    stale = _stale({"a/index.html"})
    assert edited_names(known, {"a/index.html", "c.html"}, stale) is None  # (c.html unseen)
    assert edited_names(known, {"b.html"}, _stale({"a/index.html"})) is not None
    all_folders = KnownSite(("", MANIFEST_NAME), array("q", [1] * 2 * WIDTH), 0, "")
    assert edited_names(all_folders, set(), stale) is None
    assert edited_names(KnownSite((), array("q"), 0, ""), set(), stale) is None
