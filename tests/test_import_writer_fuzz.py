"""Whatever text an importer hands the writer, ``check`` reads back exactly that text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from glossary_site.importers.collect import finish
from glossary_site.importers.model import ImportedTerm, ImportResult
from glossary_site.importers.writer import term_text
from glossary_site.load import RawTerm, load_term
from glossary_site.schema import parse_term

# Printable text with YAML's and Markdown's special characters, no leading/trailing space
# (our reader strips those) and at least one letter.
_PIECES = st.sampled_from(
    [
        ":",
        ": ",
        "- ",
        "#",
        "&a",
        "*a",
        "'",
        '"',
        "---",
        "|",
        ">",
        "\\",
        "é",
        "\u200b",
        "%",
        "@",
        "`",
        "no",
        "1.10",
        "~",
    ]
)
_TEXT = (
    st.lists(st.one_of(_PIECES, st.text("abc XYZ", min_size=1, max_size=5)), max_size=8)
    .map(lambda parts: " ".join("".join(parts).split()))
    .filter(lambda text: any(char.isalpha() for char in text))
)


@settings(max_examples=150, deadline=None)
@given(title=_TEXT, definition=_TEXT, alias=_TEXT, tag=_TEXT, category=_TEXT)
def test_any_text_round_trips_through_a_written_term_file(
    title: str, definition: str, alias: str, tag: str, category: str
) -> None:
    result = ImportResult(
        [
            ImportedTerm(
                source=Path("src"),
                line=1,
                slug="thing",
                title=title,
                definition=definition,
                aliases=(alias,),
                tags=(tag,),
                category=category,
            )
        ]
    )
    [term] = finish(result)
    raw = load_term(Path("thing.md"), term_text(term).encode())
    assert isinstance(raw, RawTerm), raw
    parsed, problems = parse_term(raw)
    assert problems == () and parsed is not None
    assert parsed.title == title
    assert parsed.definition == definition
    assert [a.text for a in parsed.aliases] == list(term.aliases)
    assert parsed.tags == (tag,)
    assert parsed.category == category
