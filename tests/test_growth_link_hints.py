"""A broken link's "did you mean" costs the same in a glossary of 100 or 100,000 terms.

The hint used to prepare every slug of the glossary again for each broken link, inside
the term's conversion: at 100,000 terms a term with a score of dead links (an imported
glossary pointing at pages it does not have) took longer than the conversion's time
budget, so whether a term converted depended on the size of the glossary.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from glossary_site import names
from glossary_site.load import RawTerm, load_term
from glossary_site.markup import MarkdownRenderer
from glossary_site.markup.links import build_index
from glossary_site.schema import parse_term


def render(body: str, slugs: list[str]) -> list[str]:
    source = Path("glossary")
    index = build_index(
        source,
        None,
        ((source / f"{slug}.md", slug, (slug.replace("-", " "),)) for slug in slugs),
        base_path="/",
        directory_urls=True,
    )
    text = f"---\ntitle: Sprint\ndefinition: A time box.\n---\n\n{body}\n"
    raw = load_term(source / "sprint.md", text.encode())
    assert isinstance(raw, RawTerm)
    term, _ = parse_term(raw)
    assert term is not None
    document, _ = MarkdownRenderer(trust_html=False, index=index).render(term)
    return [ref.hint for ref in document.references if ref.hint]


def test_the_slugs_are_prepared_once_for_all_broken_links(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slugs = [f"term-{number}" for number in range(200)] + ["sprint", "backlog-item"]
    prepared: list[int] = []
    real = names.Suggester.__init__

    def counting(self: names.Suggester, candidates: Any, *args: Any, **kwargs: Any) -> None:
        prepared.append(1)
        real(self, candidates, *args, **kwargs)

    monkeypatch.setattr(names.Suggester, "__init__", counting)
    body = "\n\n".join(
        f"See [it](../../docs/backlog-itme/) and [that](x/nothing-{n}/)." for n in range(5)
    )
    hints = render(body, slugs)
    assert len(hints) == 10
    assert hints[0] == "did you mean 'backlog-item'?"
    assert len(prepared) <= 1


def test_the_hint_is_the_same_as_a_fresh_look_up() -> None:
    slugs = [f"term-{number}" for number in range(50)] + ["sprint-review", "backlog-item"]
    hints = render(
        "A [x](a/backlog-iten), a [y](../b/sprint-reveiw/), a [z](c/term-7x.html).", slugs
    )
    fresh = [
        names.Suggester(slugs).closest(word)
        for word in ("backlog-iten", "sprint-reveiw", "term-7x")
    ]
    assert hints == [f"did you mean '{guess}'?" for guess in fresh]
