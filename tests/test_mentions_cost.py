"""Auto-linking costs work in proportion to the text, never terms × terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_site.autolink import LinkWork, link_mentions
from glossary_site.markup import Document
from glossary_site.schema import Status, Term


def synthetic(count: int) -> tuple[list[Term], dict[Path, Document]]:
    """``count`` terms, each naming its two successors and its predecessor."""
    terms = []
    documents = {}
    for n in range(count):
        path = Path(f"glossary/t{n}.md")
        terms.append(
            Term(
                src_path=path,
                slug=f"t{n}",
                title=f"Term {n}",
                definition="",
                definition_line=3,
                summary="",
                aliases=(),
                related=(),
                tags=(),
                category="",
                author="",
                updated=None,
                status=Status.PUBLISHED,
                replaced_by=None,
                body="",
                body_line=5,
                title_line=2,
                slug_line=1,
            )
        )
        successors = f"Used with Term {(n + 1) % count} and term {(n + 2) % count}."
        documents[path] = Document(
            f"t{n}",
            successors,
            "",
            f"<h2>About Term {n}</h2>\n<p>After Term {(n - 1) % count}, <code>Term 1</code>.</p>",
            (),
            (),
        )
    return terms, documents


def run(count: int) -> LinkWork:
    terms, documents = synthetic(count)
    linked = link_mentions(terms, documents)
    assert len(linked.digests) == count
    return linked.work


@pytest.mark.slow
def test_ten_thousand_terms_are_linked_with_work_linear_in_the_text() -> None:
    small, large = run(5_000), run(10_000)
    assert large.links == 3 * 10_000  # every name found once, linked once
    # Each character of text is scanned once, and each name found costs one match:
    # twice the terms (and twice the text) is twice the work, not four times.
    assert large.matches == 3 * 10_000
    assert 1.9 < large.characters / small.characters < 2.1
    assert large.matches == 2 * small.matches


def test_headings_and_code_are_not_even_scanned() -> None:
    terms, documents = synthetic(3)
    work = link_mentions(terms, documents).work
    prose = sum(
        len(f"Used with Term {(n + 1) % 3} and term {(n + 2) % 3}.")
        + len(f"After Term {(n - 1) % 3}, ")
        + len(".")
        + 1  # the line break after the heading
        for n in range(3)
    )
    assert work.characters == prose
