"""The joined export files are their terms' parts with fixed separators: ``part_spans``
finds each part, and ``splice`` replacing one term's part gives the bytes the exports
make from scratch with that term's new part (what the patch build relies on)."""

from __future__ import annotations

from pathlib import PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st

from glossary_site import Project
from glossary_site.exports import EXPORTERS
from glossary_site.exports.facts import TermFacts, term_facts
from glossary_site.exports.parts import PartMaker, whole_files
from glossary_site.exports.spans import JOINED, Spans, part_spans, splice, spliced
from glossary_site.i18n import packaged_catalogue
from glossary_site.reading import read_glossary
from tests.conftest import BUNDLED_CONFIG, BUNDLED_SOURCE

ON = frozenset(EXPORTERS)
BODY_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=60
)


def _bundled() -> tuple[dict[str, TermFacts], PartMaker]:
    project = Project(BUNDLED_SOURCE, BUNDLED_CONFIG, overrides={"base_url": "https://e.org/g/"})
    glossary, _ = read_glossary(project)
    assert glossary is not None
    config = glossary.config
    return term_facts(glossary.graph), PartMaker(config, packaged_catalogue("en"), ON)


FACTS, MAKER = _bundled()
PARTS = {slug: MAKER.parts(each) for slug, each in FACTS.items()}
FILES = whole_files(FACTS, PARTS, MAKER.config, MAKER.ui, ON)
SPANS = part_spans(FILES, FACTS, PARTS)


def test_every_joined_file_of_the_bundled_glossary_has_spans() -> None:
    assert set(SPANS) == set(JOINED)
    for path, spans in SPANS.items():
        assert len(spans.slugs) == len(FACTS), path


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(FACTS)), BODY_TEXT, BODY_TEXT)
def test_splicing_a_terms_new_parts_gives_the_files_made_from_scratch(
    slug: str, body: str, summary: str
) -> None:
    edited = FACTS[slug]._replace(body=body, summary=summary)
    facts = {**FACTS, slug: edited}
    parts = {**PARTS, slug: MAKER.parts(edited)}
    expected = whole_files(facts, parts, MAKER.config, MAKER.ui, ON)
    for path, (name, _) in JOINED.items():
        spliced = splice(FILES[path], SPANS[path], slug, parts[slug][name])
        assert spliced == expected[path], path
        # and the spans, updated, describe the new file
        updated = SPANS[path].replaced(slug, len(parts[slug][name]))
        assert updated == part_spans(expected, facts, parts).get(path, updated), path


def test_a_file_that_is_not_its_parts_joined_has_no_spans() -> None:
    path = PurePosixPath("glossary.csv")
    broken = {path: FILES[path].replace(b"\r\n", b"\n", 3)}
    assert part_spans(broken, FACTS, PARTS) == {}


def test_a_first_part_found_twice_gives_no_spans() -> None:
    path = PurePosixPath("glossary.tbx")
    first = PARTS[next(iter(FACTS))]["tbx"]
    doubled = {path: first + FILES[path]}
    assert part_spans(doubled, FACTS, PARTS) == {}


def test_replaced_changes_one_length_only() -> None:
    spans = Spans(3, 1, ("a", "b", "c"), (4, 5, 6))
    assert spans.replaced("b", 9) == Spans(3, 1, ("a", "b", "c"), (4, 9, 6))
    assert splice(b"HHHaaaa,bbbbb,ccccccTAIL", spans, "b", b"X") == b"HHHaaaa,X,ccccccTAIL"


@given(
    st.lists(st.integers(0, 4), min_size=1, max_size=5, unique=True),
    st.lists(st.binary(max_size=4), min_size=5, max_size=5),
)
def test_spliced_pieces_replace_several_parts_as_one_splice_after_another(
    numbers: list[int], new: list[bytes]
) -> None:
    slugs = ("a", "b", "c", "d", "e")
    old = [b"a", b"", b"ccc", b"dd", b"e"]
    spans = Spans(2, 2, slugs, tuple(len(part) for part in old))
    data = b"HH" + b"--".join(old) + b"TAIL"
    parts = {slugs[number]: new[number] for number in numbers}
    now = [parts.get(slug, part) for slug, part in zip(slugs, old, strict=True)]
    pieces, after = spliced(data, spans, parts)
    assert b"".join(pieces) == b"HH" + b"--".join(now) + b"TAIL"
    assert after == Spans(2, 2, slugs, tuple(len(part) for part in now))
    assert all(len(piece) for piece in pieces)  # (no empty writes)
