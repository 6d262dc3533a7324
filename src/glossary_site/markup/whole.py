"""A term's definition and body converted as one Markdown document, then split again.

The page shows the definition apart from the body, but for Markdown they are one text:
footnotes, abbreviations (``*[HTML]: …``) and reference links (``[x]: url``) defined in the
body apply to the definition too, a footnote referenced in the definition is listed (and
numbered first) at the end of the body with a back link that leads to it, and an id is
never given twice on the page. Line numbers stay those of the term file: the definition
is placed at its own line and the body at its own (see ``whole_text``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..schema import Term

# A footnote reference as the footnotes extension writes it: <sup id="fnref:x"><a …>1</a></sup>.
_FOOTNOTE_REF_RE = re.compile(r'<sup id="fnref\d*:[^"]*"><a [^>]*>[^<]*</a></sup>')


@dataclass(frozen=True, slots=True)
class WholeText:
    """The Markdown of definition and body together, and the file line of its first line."""

    text: str
    first_line: int


def whole_text(term: Term) -> WholeText | None:
    """Definition and body as one text whose lines are the file's lines; None if impossible.

    A definition from the front matter comes first, followed by as many line breaks as
    lie between it and the body in the file (at least one blank line). A definition taken
    from the body goes back where it was (the body holds blank lines there).
    """
    definition = term.definition.strip("\n")
    height = definition.count("\n") + 1
    if term.definition_line < term.body_line:
        gap = max(2, term.body_line - term.definition_line - height + 1)
        return WholeText(definition + "\n" * gap + term.body, term.definition_line)
    lines = term.body.split("\n")
    start = term.definition_line - term.body_line
    if start < 0 or start + height > len(lines) or any(lines[start : start + height]):
        return None
    lines[start : start + height] = definition.split("\n")
    return WholeText("\n".join(lines), term.body_line)


def plain_paragraph(definition: str) -> bool:
    """Whether ``definition`` surely converts alone to one paragraph without images.

    One line that starts with a letter and holds no ``<`` (HTML), ``{`` (attribute
    lists) or ``![`` (images): no block syntax (headings, lists, quotes, code, tables,
    footnote and link definitions, ``[TOC]``) can begin a line that starts with a
    letter, and every block but the paragraph needs a line of its own. Such a
    definition need not be converted alone (see ``renderer``): it is one ``<p>``
    with no ``<img``, which is all that conversion is asked.
    """
    return (
        definition[:1].isalpha()
        and "\n" not in definition
        and "\r" not in definition
        and "<" not in definition
        and "{" not in definition
        and "![" not in definition
    )


def split_definition(html: str, definition_html: str) -> tuple[str, str] | None:
    """(the definition's paragraph, the rest) of ``html``, the whole text converted.

    ``definition_html`` is the definition converted alone (one ``<p>``): the definition's
    paragraph of ``html`` ends at as many ``</p>`` as it has. None when ``html`` does not
    start with that paragraph.
    """
    text = html.lstrip()
    if not text.startswith("<p>"):
        return None
    end = 0
    for _ in range(max(1, definition_html.count("</p>"))):
        found = text.find("</p>", end)
        if found < 0:
            return None
        end = found + len("</p>")
    return text[:end], text[end:].lstrip("\n")


def without_footnote_refs(html: str) -> str:
    """``html`` without footnote reference marks, for text shown apart from the page."""
    return _FOOTNOTE_REF_RE.sub("", html)
