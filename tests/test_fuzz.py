"""Whatever an editor saves, reading it gives a term or diagnostics, never an exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary_site.load import load_term
from glossary_site.markup import MarkdownRenderer
from glossary_site.schema import KNOWN_KEYS, parse_term

RENDERER = MarkdownRenderer(trust_html=False)
YAML_BITS = st.sampled_from(
    [
        ":",
        ": ",
        "- ",
        "[",
        "]",
        "{",
        "}",
        "'",
        '"',
        "#",
        "&a",
        "*a",
        "!!str",
        "|",
        ">-",
        "\t",
        "  ",
        "\n",
        "---",
        "...",
        "~",
        "null",
        "no",
        "2026-02-30",
        "1.10",
        "<script>",
        "](x)",
    ]
)
KEYS = st.sampled_from([*sorted(KNOWN_KEYS), "tilte", "x"])


@st.composite
def term_files(draw: st.DrawFn) -> bytes:
    """Front matter made of known keys and YAML punctuation, plus a random body."""
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        value = draw(st.lists(st.one_of(YAML_BITS, st.text(max_size=8)), max_size=5))
        lines.append(f"{draw(KEYS)}: {''.join(value)}")
    body = draw(st.text(max_size=200))
    text = "---\n" + "\n".join(lines) + "\n---\n" + body
    return (
        text.encode("utf-8", "surrogatepass")
        if draw(st.booleans())
        else text.encode("utf-8", "replace")
    )


def read(data: bytes) -> None:
    raw = load_term(Path("glossary/term.md"), data)
    if hasattr(raw, "front_matter"):
        term, _ = parse_term(raw)  # type: ignore[arg-type]
        if term is not None:
            RENDERER.render(term)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(term_files())
def test_structured_garbage_never_raises(data: bytes) -> None:
    read(data)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(data: bytes) -> None:
    read(b"---\n" + data)
    read(data)
