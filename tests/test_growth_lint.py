"""Graph lint at scale: no work for checks that cannot find anything, the same text.

make_corpus writes about six one-way ``related`` entries per term (59,959 warnings at
10,000 terms), so making, sorting and printing them must stay cheap, and must print
exactly what it printed before.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from glossary_site import lint as lint_module
from glossary_site import read_glossary
from glossary_site.build import Project
from glossary_site.diagnostics import Diagnostic, sort_diagnostics
from glossary_site.lint import lint_graph
from tests.conftest import WriteGlossary, term_file

TODAY = dt.date(2026, 6, 1)


def lint(project: Project) -> list[Diagnostic]:
    glossary, diagnostics = read_glossary(project)
    assert glossary is not None
    assert not [d for d in diagnostics if d.is_error], [d.format() for d in diagnostics]
    return list(lint_graph(glossary.graph, glossary.config, TODAY))


def three_terms() -> dict[str, str]:
    return {
        "alpha.md": term_file("Alpha", "Alpha is first.", "related: [Beta, gamma]"),
        "beta.md": term_file("Beta", "Beta is second, unlike Gamma.", "related: [alpha]"),
        "gamma.md": term_file("Gamma", "Gamma is third."),
    }


def test_no_mention_automaton_is_built_when_every_term_is_auto_linked(
    write_glossary: WriteGlossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[object] = []
    real = lint_module.MentionFinder

    def spy(*args: Any, **kwargs: Any) -> Any:
        built.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(lint_module, "MentionFinder", spy)
    found = lint(write_glossary(three_terms()))
    assert built == []  # auto-linking links every mention: no unlinked-mention to look for
    assert [d.code for d in found] == ["one-way-related"]


def test_without_auto_linking_the_mentions_are_still_found(
    write_glossary: WriteGlossary,
) -> None:
    found = lint(write_glossary(three_terms(), config="autolink = false\n"))
    assert sorted((d.code, d.path.name) for d in found) == [
        ("one-way-related", "alpha.md"),
        ("unlinked-mention", "beta.md"),
    ]


def test_one_way_related_prints_as_before(write_glossary: WriteGlossary, tmp_path: Path) -> None:
    found = lint(write_glossary(three_terms()))
    gamma = (tmp_path / "glossary" / "gamma.md").as_posix()
    assert [d.format(tmp_path) for d in sort_diagnostics(found)] == [
        f"glossary/alpha.md:4: warning: 'Gamma' is related to this term, but {gamma} does not "
        "list 'Alpha' as related [one-way-related]\n"
        f"    hint: add 'alpha' to the related list of {gamma}, or remove it here if the two "
        "are not related"
    ]
