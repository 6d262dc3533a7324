"""The cache codec's decoders (written per dataclass for speed) refuse every value of the
wrong type, in every place of a real term entry: a tampered entry is a miss."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from glossary_site.cache.codec import CodecError, decode, encode
from glossary_site.cache.terms import TermEntry
from glossary_site.load import RawTerm, load_term
from glossary_site.markup import MarkdownRenderer
from glossary_site.schema import Term, parse_term
from tests.conftest import term_file


def real_entry() -> Any:
    front = "aliases: [Iteration]\nrelated: [kanban]\ntags: [scrum]\nupdated: 2026-01-02"
    text = term_file("Sprint", front=front, body="## Goal\n\nSee [b](backlog) and ![i](i.png).")
    raw = load_term(Path("glossary/sprint.md"), text.encode())
    assert isinstance(raw, RawTerm)
    term, problems = parse_term(raw)
    assert term is not None
    document, converted = MarkdownRenderer(trust_html=False).render(term)
    return json.loads(json.dumps(encode(TermEntry(term, tuple(problems), document, converted))))


def places(data: Any, path: tuple[int, ...] = ()) -> list[tuple[tuple[int, ...], Any]]:
    """Every (place, value) of the encoded entry: lists are walked, their items are places."""
    found = [(path, data)]
    if isinstance(data, list):
        for number, item in enumerate(data):
            found += places(item, (*path, number))
    return found


def other_type(value: Any) -> Any:
    """A JSON value of another type than ``value`` (a bool for an int: a bool is no int)."""
    if isinstance(value, bool):
        return 1
    if isinstance(value, int):
        return True
    if isinstance(value, str):
        return 7
    if isinstance(value, list):
        return {"a": 1}
    return 1.5  # for None


def replaced(data: Any, path: tuple[int, ...], value: Any) -> Any:
    if not path:
        return value
    copy = list(data)
    copy[path[0]] = replaced(data[path[0]], path[1:], value)
    return copy


ENTRY = real_entry()
# Places whose value is a plain value or list where the type says exactly that (not the
# enum's string, which another valid string could replace, nor a nullable's None).
PLACES = [place for place, _ in places(ENTRY) if place]


def test_a_real_entry_decodes() -> None:
    assert encode(decode(TermEntry, ENTRY)) == ENTRY


@pytest.mark.parametrize("place", PLACES, ids=[".".join(map(str, p)) for p in PLACES])
def test_a_value_of_the_wrong_type_anywhere_is_refused(place: tuple[int, ...]) -> None:
    value = dict(places(ENTRY))[place]
    with pytest.raises(CodecError):
        decode(TermEntry, replaced(ENTRY, place, other_type(value)))


@pytest.mark.parametrize("extra", [True, False], ids=["one-more", "one-less"])
def test_a_list_of_the_wrong_length_is_refused(extra: bool) -> None:
    term = ENTRY[0]
    with pytest.raises(CodecError):
        decode(TermEntry, [[*term, 1] if extra else term[:-1], *ENTRY[1:]])
    at = [f.name for f in dataclasses.fields(Term)].index("key_lines")
    key_lines = term[at]
    assert key_lines and isinstance(key_lines[0], list)
    pair = key_lines[0] + [1] if extra else key_lines[0][:1]
    with pytest.raises(CodecError):
        decode(TermEntry, [replaced(term, (at,), [pair, *key_lines[1:]]), *ENTRY[1:]])
