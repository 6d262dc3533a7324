"""``markdown``: one Markdown file holding a whole glossary (the GLOSSARY.md of many
repositories), in any of three forms, recognised by which one gives the most distinct
term names (the names of terms differ; labels inside terms, ``**Example**:``, repeat):

- a heading per term (``## Term``; or ``### Term`` under letter or group headings, a group
  heading then being the terms' category), the text below it being the term;
- a definition list (a ``Term`` line, then ``: definition`` lines);
- ``**Term**: definition`` lines (also as list items, and with ``-``/``–``/``—``).

The first paragraph of a term is its definition, the rest its body (deeper headings become
its sections). Links to a term's heading (``#term``, ``GLOSSARY.md#term``) become links to
the term; a ``Related terms``/``See also`` list of such links becomes ``related``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .collect import make_slug
from .model import ImportedTerm, ImportOptions, ImportResult
from .related_list import related_section
from .sources import read_text, rewrite_links, split_definition

_HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE_RE = re.compile(r"^\s{0,3}(```|~~~)")
_DEFINITION_RE = re.compile(r"^:\s+(.*)$")
_BOLD_RE = re.compile(
    r"^\s{0,3}(?:[-*+]\s+)?\*\*(?P<title>[^*]+?)(?::\*\*|\*\*\s*(?::|-|–|—))\s*(?P<text>.+)$"
)
_SETEXT_RE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
# A title written as a link, **[Term](https://…):** — the link is kept in the body.
_LINKED_TITLE_RE = re.compile(r"^\[([^\]]+)\]\(\s*(?:<([^>]+)>|([^)\s]+))\s*\)$")
_LETTER_RE = re.compile(r"^\W*\w\W*$")


@dataclass(slots=True)
class Entry:
    title: str
    line: int
    lines: list[str] = field(default_factory=list)
    category: str = ""


def import_markdown(src: Path, options: ImportOptions) -> ImportResult:
    result = ImportResult()
    if src.is_dir():
        result.fail(src, 0, "not-a-file", "markdown imports one file", "give the .md file as SRC")
        return result
    text = read_text(src, result)
    if text is None:
        return result
    lines = text.split("\n")
    prose = _outside_code(lines)
    found = [parse(lines, prose) for parse in (_by_headings, _by_definition_list, _by_bold)]
    # Terms have names of their own, labelled lines inside a term (**Example**: …) repeat
    # theirs: the layout that gives the most distinct names is the file's.
    entries = max(found, key=_distinct_names)
    if not entries:
        result.fail(
            src,
            0,
            "no-terms",
            "found no terms: no '## Term' headings, definition list or '**Term**: text' lines",
            "give each term a '## Term' heading, then import again",
        )
        return result
    _report_intro(src, lines, entries[0].line, result)
    anchors = {github_anchor(entry.title): make_slug(entry.title) for entry in entries}
    anchors.update(
        {
            github_anchor(m.group(1)): make_slug(m.group(1))
            for e in entries
            if (m := _LINKED_TITLE_RE.match(e.title))
        }
    )
    for entry in entries:
        result.terms.append(_term(src, entry, anchors, src.name))
    return result


def _distinct_names(entries: list[Entry]) -> int:
    return len({make_slug(entry.title) for entry in entries})


def github_anchor(heading: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped, spaces → hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _outside_code(lines: list[str]) -> list[bool]:
    """For each line, whether it is outside fenced code."""
    inside = False
    flags = []
    for line in lines:
        if _FENCE_RE.match(line):
            flags.append(False)
            inside = not inside
            continue
        flags.append(not inside)
    return flags


def _by_headings(lines: list[str], prose: list[bool]) -> list[Entry]:
    headings = [
        (i, len(m.group(1)), m.group(2))
        for i, line in enumerate(lines)
        if prose[i] and (m := _HEADING_RE.match(line))
    ]
    # Terms have names of their own; the sections under them repeat ("Example",
    # "See also"): the level with the most distinct names is the terms'.
    counts = {
        level: len(
            {make_slug(t) for _, lv, t in headings if lv == level and not _LETTER_RE.match(t)}
        )
        for level in (2, 3, 4, 5, 6)
    }
    level = max(counts, key=lambda lv: (counts[lv], -lv))
    if counts[level] < 2:
        return []
    entries: list[Entry] = []
    category = ""
    current: Entry | None = None
    for i, line in enumerate(lines):
        match = _HEADING_RE.match(line) if prose[i] else None
        depth = len(match.group(1)) if match else 0
        if match and depth == level:
            current = Entry(match.group(2), i + 1, category=category)
            entries.append(current)
        elif match and depth < level:
            current = None
            if depth == level - 1 and depth >= 2 and not _LETTER_RE.match(match.group(2)):
                category = match.group(2)
        elif current is not None:
            shifted = "#" * max(2, depth - level + 1) + line[depth:] if match else line
            current.lines.append(shifted)
    return entries


def _by_definition_list(lines: list[str], prose: list[bool]) -> list[Entry]:
    titles = {
        i - 1
        for i, line in enumerate(lines)
        if i > 0
        and prose[i]
        and _DEFINITION_RE.match(line)
        and lines[i - 1].strip()
        and not lines[i - 1][0].isspace()
        and not _DEFINITION_RE.match(lines[i - 1])
    }
    entries: list[Entry] = []
    current: Entry | None = None
    for i, line in enumerate(lines):
        match = _DEFINITION_RE.match(line) if prose[i] else None
        if i in titles:
            current = Entry(line.strip(), i + 1)
            entries.append(current)
        elif current is not None and match:
            current.lines += ["", match.group(1)] if current.lines else [match.group(1)]
        elif current is not None and (not line.strip() or line[0].isspace()):
            current.lines.append(line[4:] if line.startswith("    ") else line.strip())
        else:
            current = None
    return entries


def _by_bold(lines: list[str], prose: list[bool]) -> list[Entry]:
    entries: list[Entry] = []
    current: Entry | None = None
    for i, line in enumerate(lines):
        match = _BOLD_RE.match(line) if prose[i] else None
        if match:
            current = Entry(match.group("title").strip().rstrip(":"), i + 1, [match.group("text")])
            entries.append(current)
        elif current is not None and line.strip() and not _HEADING_RE.match(line):
            current.lines.append(line.strip())
        else:
            current = None if line.strip() else current
            if current is not None:
                current.lines.append("")
    return entries


def _report_intro(src: Path, lines: list[str], first_line: int, result: ImportResult) -> None:
    head = lines[: first_line - 1]
    before = [
        line
        for i, line in enumerate(head)
        if line.strip()
        and not _HEADING_RE.match(line)
        and not _SETEXT_RE.match(line)
        and not (i + 1 < len(head) and _SETEXT_RE.match(head[i + 1]))
    ]
    if before:
        result.warn(
            src,
            1,
            "intro",
            f"the {len(before)} line(s) of text before the first term belong to no term; "
            "they were left out",
            "put them in a term of their own, or in the site's templates",
        )


def _term(src: Path, entry: Entry, anchors: dict[str, str], file_name: str) -> ImportedTerm:
    def link(target: str) -> str | None:
        path, hash_mark, anchor = target.partition("#")
        if hash_mark and path in ("", file_name) and anchor.lower() in anchors:
            return anchors[anchor.lower()]
        return None

    text = rewrite_links("\n".join(entry.lines), link)
    definition, body = split_definition(text)
    body, related = related_section(body, set(anchors.values()))
    title = entry.title
    linked = _LINKED_TITLE_RE.match(title)
    if linked is not None:
        title = linked.group(1).strip()
        body = f"[{title}]({linked.group(2) or linked.group(3)})\n\n{body}"
    return ImportedTerm(
        source=src,
        line=entry.line,
        slug=make_slug(title),
        title=title,
        definition=definition,
        related=related,
        category=entry.category,
        body=body,
    )
