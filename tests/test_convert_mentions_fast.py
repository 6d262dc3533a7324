"""The mention finder finds whole words with its automaton alone: the same names, at the
same places, as the automaton of plain names whose matches were checked one by one."""

from __future__ import annotations

import sys
from typing import Any

import ahocorasick
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary_site.front_values import Ref
from glossary_site.mentions import MentionFinder, _marked, _word_key, longest_first
from glossary_site.schema import Term
from tests.test_markup import make_term

NAMES = ["API", "APIs", "CI/CD", "CI-CD", "C++", ".NET", "Node.js", "pull request", "Ärger"]
NAMES += ["it", "IT", "Sprint", "sprints", "Straße", "state", "re-use", "e.g.", "x_y", "Über Ops"]


def terms(names: list[str]) -> list[Term]:
    made = []
    for number, name in enumerate(names):
        term = make_term(f"---\ntitle: T{number}\ndefinition: T{number} is a term.\n---\n")
        made.append(term.__class__(**{**_fields(term), "title": name, "slug": f"t{number}"}))
    return made


def _fields(term: Term) -> dict[str, Any]:
    return {name: getattr(term, name) for name in term.__dataclass_fields__}


def old_matches(names: list[str], text: str, with_plurals: bool) -> list[tuple[int, int, str]]:
    """``MentionFinder.all_matches`` (then ``longest_first``) as it was: an automaton of the
    plain names, each match checked for word characters on either side."""
    finder = MentionFinder(terms(names), with_plurals=with_plurals)
    folded: Any = ahocorasick.Automaton()
    exact: Any = ahocorasick.Automaton()
    for names_of, automaton in ((finder._folded, folded), (finder._exact, exact)):
        for _, (_, candidates) in names_of.automaton.items():
            for name, slug in candidates:
                automaton.add_word(name, (slug, len(name)))
        if len(automaton):
            automaton.make_automaton()
    found: list[tuple[int, int, str]] = []
    folded_text = text.casefold()
    if len(folded_text) == len(text):
        found += _checked(folded, folded_text)
    found += _checked(exact, text)
    found.sort(key=lambda match: (match[0], match[0] - match[1]))
    return longest_first(found)


def _checked(automaton: Any, text: str) -> list[tuple[int, int, str]]:
    found = []
    if not len(automaton):
        return found
    for end_index, (slug, length) in automaton.iter(text):
        start, end = end_index - length + 1, end_index + 1
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue
        if end < len(text) and (text[end].isalnum() or text[end] == "_"):
            continue
        found.append((start, end, slug))
    return found


TEXT_BITS = st.sampled_from(
    [*NAMES, *"  .,/-_+é\nß", "sprint", "ci/cd", "node.js", "Pull Request", "APIS", "xapi", "api_"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(TEXT_BITS, max_size=20).map("".join), st.booleans())
def test_names_are_found_where_the_checked_automaton_found_them(
    text: str, with_plurals: bool
) -> None:
    finder = MentionFinder(terms(NAMES), with_plurals=with_plurals)
    assert finder.matches(text) == old_matches(NAMES, text, with_plurals)


def test_names_differing_only_in_punctuation_each_find_their_own_text() -> None:
    finder = MentionFinder(terms(["CI/CD", "CI-CD", "ci cd"]))
    text = "Use CI/CD, then CI-CD, then ci cd, not CI.CD or CI/CDs."
    found = [(text[start:end], slug) for start, end, slug in finder.matches(text)]
    assert found == [("CI/CD", "t0"), ("CI-CD", "t1"), ("ci cd", "t2")]


def test_the_marked_text_has_nul_for_each_character_that_is_not_a_word_character() -> None:
    """``\\W`` (the non-ASCII path) and ``str.isalnum`` or "_" (the rule) agree everywhere."""
    text = "".join(chr(code) for code in range(1, sys.maxunicode + 1))
    marked = _marked(text)[1:-1]
    assert len(marked) == len(text)
    wrong = [
        char
        for char, mark in zip(text, marked, strict=True)
        if (mark == "\0") == (char.isalnum() or char == "_")
    ]
    assert not wrong
    ascii_text = "".join(chr(code) for code in range(1, 128))
    assert _marked(ascii_text) == "\0" + _marked(ascii_text + "é")[1:-2] + "\0"


def test_an_alias_is_found_like_a_title() -> None:
    (term,) = terms(["Sprint"])
    term = term.__class__(**{**_fields(term), "aliases": (Ref("Iteration", 0),)})
    finder = MentionFinder([term])
    assert finder.matches("One iteration.") == [(4, 13, "t0")]
    assert _word_key(" Big  Name ") == "big name"
