"""Names: one spelling per name whatever Unicode form, invisible characters or case."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

import pytest

from glossary_site import read_glossary
from glossary_site.diagnostics import Diagnostic, did_you_mean
from glossary_site.lint_codes import LINT_CODES
from glossary_site.names import Suggester, has_visible_character, normalize_name
from tests.conftest import WriteGlossary, term_file

CAFE_NFC = unicodedata.normalize("NFC", "Café Latte")
CAFE_NFD = unicodedata.normalize("NFD", "Café Latte")


def problems(write_glossary: WriteGlossary, files: dict[str, str]) -> list[Diagnostic]:
    glossary, diagnostics = read_glossary(write_glossary(files))
    assert glossary is not None
    return list(diagnostics)


def codes_at(diagnostics: list[Diagnostic]) -> list[tuple[str, str, int]]:
    return [(d.code, d.path.name, d.line) for d in diagnostics]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (CAFE_NFD, CAFE_NFC),
        ("Stand\u200bup", "Standup"),  # zero-width space
        ("Stand\u00adup", "Standup"),  # soft hyphen
        ("Stand\u200dup\u2060", "Standup"),  # zero-width joiner, word joiner
        ("\u202eStandup\u202c", "Standup"),  # bidi override and pop
        ("\ufeffStandup", "Standup"),  # byte-order mark
        ("ＡＰＩ", "api"),  # full-width letters (NFKC)
        ("Stra\u00dfe", "STRASSE"),  # case folding, not just lower-casing
        ("Daily \u00a0  Scrum", "daily scrum"),  # any white space, collapsed
    ],
)
def test_names_that_look_the_same_normalise_the_same(one: str, other: str) -> None:
    assert normalize_name(one) == normalize_name(other)


def test_names_that_differ_stay_different() -> None:
    assert normalize_name("Café") != normalize_name("Cafe")
    assert normalize_name("Stand-up") != normalize_name("Standup")


@pytest.mark.parametrize("name", ["\u200b", "\u00ad\u200d", "\u202e\u2066", "\u0301", " \u2800 "])
def test_names_of_only_invisible_characters_have_nothing_visible(name: str) -> None:
    assert not has_visible_character(name)


@pytest.mark.parametrize("name", ["a", "Café", "日本", "C++", "€", "\u200bx"])
def test_names_with_a_letter_digit_or_symbol_are_visible(name: str) -> None:
    assert has_visible_character(name)


def test_nfd_title_and_nfc_alias_collide(write_glossary: WriteGlossary) -> None:
    found = problems(
        write_glossary,
        {
            "a.md": term_file("Alpha", front=f"aliases: [{CAFE_NFC}]"),
            "cafe.md": term_file(CAFE_NFD),
        },
    )
    assert codes_at(found) == [("name-collision", "a.md", 4)]  # titles claim names first


@pytest.mark.parametrize("invisible", ["\u200b", "\u00ad"])
def test_zero_width_and_soft_hyphen_variants_collide(
    write_glossary: WriteGlossary, invisible: str
) -> None:
    found = problems(
        write_glossary,
        {
            "standup.md": term_file("Standup"),
            "daily.md": term_file("Daily", front=f"aliases: [Stand{invisible}up]"),
        },
    )
    assert codes_at(found) == [("name-collision", "daily.md", 4)]


def test_related_reference_written_in_nfd_resolves(write_glossary: WriteGlossary) -> None:
    project = write_glossary(
        {
            "cafe.md": term_file(CAFE_NFC),
            "milk.md": term_file("Milk", front=f"related: [{CAFE_NFD}]"),
        }
    )
    glossary, diagnostics = read_glossary(project)
    assert glossary is not None
    assert [d for d in diagnostics if d.code not in LINT_CODES] == []  # lint advice aside
    assert glossary.graph.nodes["milk"].related == ("cafe",)
    assert glossary.graph.resolve(CAFE_NFD.upper()) == "cafe"


@pytest.mark.parametrize("title", ["\u200b", "\u200b\u2060\u00ad"])
def test_title_of_only_invisible_characters_is_rejected(
    write_glossary: WriteGlossary, title: str
) -> None:
    found = problems(write_glossary, {"blank.md": term_file(title)})
    assert codes_at(found) == [("invisible-name", "blank.md", 2)]
    assert "visible" in found[0].message and found[0].hint


def test_alias_of_only_invisible_characters_is_rejected(write_glossary: WriteGlossary) -> None:
    found = problems(write_glossary, {"a.md": term_file("Alpha", front='aliases: ["\\u200b"]')})
    assert codes_at(found) == [("invisible-name", "a.md", 4)]


def test_alias_equal_to_another_terms_slug_is_rejected(write_glossary: WriteGlossary) -> None:
    found = problems(
        write_glossary,
        {
            "wip.md": term_file("Work in Progress"),
            "kanban.md": term_file("Kanban", front="aliases: [WIP]"),
        },
    )
    assert codes_at(found) == [("name-collision", "kanban.md", 4)]
    assert "slug of" in found[0].message and "wip.md" in found[0].message


def test_title_or_alias_equal_to_its_own_slug_is_fine(write_glossary: WriteGlossary) -> None:
    found = problems(write_glossary, {"wip.md": term_file("WIP", front="aliases: [wip]")})
    assert found == []


# --- did you mean ------------------------------------------------------------------


def old_did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """The suggestion as glossary-site made it before names were normalised."""
    by_key = {c.casefold(): c for c in sorted(set(candidates), reverse=True)}
    matches = difflib.get_close_matches(word.casefold(), sorted(by_key), n=1, cutoff=0.6)
    return f"did you mean '{by_key[matches[0]]}'?" if matches else ""


WORDS = ["sprint", "backlog", "scrum", "kanban", "velocity", "burndown", "retro", "story"]
NAMES = sorted(
    {f"{a}-{b}" for a in WORDS for b in WORDS if a != b}
    | {f"{a.title()} {b.title()}" for a in WORDS for b in WORDS if a < b}
)


def typos(name: str) -> list[str]:
    """Each single deletion, doubling and swap of neighbours in ``name``."""
    found = []
    for i in range(1, len(name) - 1):
        found += [name[:i] + name[i + 1 :], name[:i] + name[i] + name[i:]]
        found.append(name[: i - 1] + name[i] + name[i - 1] + name[i + 1 :])
    return found


def test_did_you_mean_suggests_the_same_names_as_before() -> None:
    assert len(NAMES) > Suggester.SHORTLIST  # the index, not a plain scan, is used
    suggester = Suggester(NAMES)
    words = [typo for name in NAMES[::7] for typo in typos(name)] + ["zzz", "sprnt"]
    for word in words:
        assert did_you_mean(word, suggester) == old_did_you_mean(word, NAMES), word


def test_did_you_mean_of_a_small_set_is_unchanged() -> None:
    keys = ["title", "slug", "definition", "related", "replaced_by"]
    for word in ["tilte", "relatd", "replacedby", "nonsense", "SLUG"]:
        assert did_you_mean(word, keys) == old_did_you_mean(word, keys)


def test_a_miss_costs_the_same_among_ten_thousand_names_as_among_a_hundred() -> None:
    per_miss = Suggester.POSTINGS_PER_MISS + 100 * Suggester.SHORTLIST
    many = [f"{a}-{b}-{n}" for a in WORDS for b in WORDS for n in range(160)]
    assert len(many) >= 10_000
    suggester = Suggester(many, budget=3 * per_miss)
    answers = [suggester.closest(word) for word in ["sprint-backlgo-7", "kanbn-retro-99", "x-y"]]
    assert answers[:2] == ["sprint-backlog-7", "kanban-retro-99"]


def test_suggestions_stop_when_the_budget_is_spent() -> None:
    suggester = Suggester(NAMES, budget=1)
    assert suggester.closest("sprint-backlgo") is None
