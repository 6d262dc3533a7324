"""``replaced_by`` chains: cycles are errors, a deprecated replacement is a warning."""

from __future__ import annotations

from glossary_site import read_glossary
from glossary_site.diagnostics import Diagnostic
from tests.conftest import WriteGlossary, term_file


def deprecated(title: str, replacement: str) -> str:
    # Lines: 1 ---, 2 title, 3 definition, 4 status, 5 replaced_by.
    return term_file(title, front=f"status: deprecated\nreplaced_by: {replacement}")


def diagnostics_of(write_glossary: WriteGlossary, files: dict[str, str]) -> list[Diagnostic]:
    _, diagnostics = read_glossary(write_glossary(files))
    return list(diagnostics)


def test_cycle_of_two_is_an_error_on_each_replaced_by_line(write_glossary: WriteGlossary) -> None:
    found = diagnostics_of(
        write_glossary, {"a.md": deprecated("Alpha", "b"), "b.md": deprecated("Beta", "Alpha")}
    )
    assert [(d.code, d.path.name, d.line, d.is_error) for d in found] == [
        ("replaced-by-cycle", "a.md", 5, True),
        ("replaced-by-cycle", "b.md", 5, True),
    ]
    assert "a → b → a" in found[0].message and "b → a → b" in found[1].message
    assert found[0].hint


def test_cycle_of_three_names_every_term(write_glossary: WriteGlossary) -> None:
    found = diagnostics_of(
        write_glossary,
        {
            "a.md": deprecated("Alpha", "b"),
            "b.md": deprecated("Beta", "c"),
            "c.md": deprecated("Gamma", "a"),
            "d.md": deprecated("Delta", "a"),  # leads into the cycle, is not part of it
        },
    )
    cycle = [d for d in found if d.code == "replaced-by-cycle"]
    assert [(d.path.name, d.line) for d in cycle] == [("a.md", 5), ("b.md", 5), ("c.md", 5)]
    assert all({"a", "b", "c"} <= set(d.message.split(": ")[1].split(" → ")) for d in cycle)
    assert [(d.code, d.path.name) for d in found if d not in cycle] == [
        ("replaced-by-deprecated", "d.md")
    ]


def test_deprecated_replacement_is_a_warning_naming_the_final_term(
    write_glossary: WriteGlossary,
) -> None:
    found = diagnostics_of(
        write_glossary,
        {
            "grooming.md": deprecated("Grooming", "backlog-grooming"),
            "backlog-grooming.md": deprecated("Backlog Grooming", "Refinement"),
            "refinement.md": term_file("Refinement"),
        },
    )
    assert [(d.code, d.path.name, d.line, d.is_error) for d in found] == [
        ("replaced-by-deprecated", "grooming.md", 5, False)
    ]
    assert "replaced_by: refinement" in found[0].hint


def test_replacement_deprecated_without_a_replacement_is_a_warning(
    write_glossary: WriteGlossary,
) -> None:
    found = diagnostics_of(
        write_glossary,
        {
            "a.md": deprecated("Alpha", "b"),
            "b.md": term_file("Beta", front="status: deprecated"),
        },
    )
    assert [(d.code, d.path.name, d.is_error) for d in found] == [
        ("replaced-by-deprecated", "a.md", False)
    ]
    assert "not deprecated" in found[0].hint


def test_long_chain_is_checked_in_one_pass(write_glossary: WriteGlossary) -> None:
    files = {f"t{i:03}.md": deprecated(f"Term {i}", f"t{i + 1:03}") for i in range(300)}
    files["t300.md"] = term_file("Current")
    found = diagnostics_of(write_glossary, files)
    assert len(found) == 299  # every term but the last one before "Current"
    assert all("replaced_by: t300" in d.hint for d in found)
