"""The terms of a source glossary the patch-build edits are made to (patch_edits.py),
chosen from its files, so that any corpus works."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

LINK = re.compile(r"\[([^\]\n]+)\]\(\.\./([a-z0-9-]+)/\)")
# Spans whose words are no plain prose: links, code, emphasis.
SPANS = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|`[^`\n]*`|\*\*[^*\n]*\*\*|_[^_\n]*_")
WORD = re.compile(r"\b[a-z]{5,}\b")
FEED_ENTRIES = 20  # the default of glossary.toml's feed_entries


def split(text: str) -> tuple[list[str], str]:
    """Front-matter lines (without the fences) and the body of a term file."""
    _, front, body = text.split("---\n", 2)
    return front.splitlines(), body


@dataclass(frozen=True)
class Picks:
    """The terms the edits change: ``term`` and ``second`` (published, not in the feed,
    with a definition, a summary, sections and body links), ``newest`` (the feed's newest
    entry), ``orphan`` (the fewest body links to it), ``target`` (a term ``term`` neither
    links to nor lists as related) and ``fragment`` (the id of ``target``'s first ``##``
    heading)."""

    term: str
    second: str
    newest: str
    orphan: str
    target: str
    target_title: str
    fragment: str
    avoid: frozenset[str]  # the words of every title and alias, lower-case


def pick(source_dir: Path, site: Path) -> Picks:
    texts = {p.stem: p.read_text("utf-8") for p in sorted(source_dir.glob("*.md"))}
    fronts = {slug: yaml.safe_load(text.split("---\n", 2)[1]) for slug, text in texts.items()}
    names = [str(n) for f in fronts.values() for n in [f["title"], *(f.get("aliases") or [])]]
    avoid = frozenset(word.lower() for name in names for word in re.findall(r"\w+", name))
    linked = {slug: {m.group(2) for m in LINK.finditer(text)} for slug, text in texts.items()}
    newest = max(texts, key=lambda slug: (str(fronts[slug].get("updated", "")), slug))

    def editable(slug: str) -> bool:
        front, body = fronts[slug], split(texts[slug])[1]
        return (
            "status" not in front
            and {"definition", "summary"} <= front.keys()
            and slug != newest
            and body.count("\n## ") >= 3
            and LINK.search(body) is not None
            and middle_word(body, avoid) is not None
        )

    # The oldest first: the feed shows the newest terms' whole text (feed_entries, 20).
    by_age = sorted(texts, key=lambda slug: (str(fronts[slug].get("updated", "")), slug))
    term, second = [slug for slug in by_age[: len(by_age) - FEED_ENTRIES] if editable(slug)][:2]
    incoming = {s: sum(s in linked[o] for o in texts if o != s) for s in texts}
    orphan = min((s for s in texts if s not in (term, second)), key=lambda s: (incoming[s], s))
    related = set(fronts[term].get("related") or ())
    unlinked = [s for s in texts if s not in linked[term] | related | {term, orphan}]
    target = next(s for s in unlinked if "\n## " in texts[s])
    page = (site / target / "index.html").read_text("utf-8")
    heading = re.search(r"^## (.+)$", split(texts[target])[1], re.M)
    assert heading is not None, target
    fragment = re.sub(r"[^a-z0-9]+", "-", heading.group(1).lower()).strip("-")
    assert f'id="{fragment}"' in page, (target, fragment)
    title = str(fronts[target]["title"])
    return Picks(term, second, newest, orphan, target, title, fragment, avoid)


def middle_word(body: str, avoid: frozenset[str]) -> tuple[int, int, int] | None:
    """(line index, start, end) of a plain prose word, in no title or alias, in the first
    paragraph of the middle ``##`` section that has one."""
    lines = body.split("\n")
    sections = [n for n, line in enumerate(lines) if line.startswith("## ")]
    for index in range(sections[len(sections) // 2] + 1 if sections else len(lines), len(lines)):
        line = lines[index]
        if not line or not line[0].isalpha():
            continue
        covered = [m.span() for m in SPANS.finditer(line)]
        for match in WORD.finditer(line):
            if match.group() not in avoid and not any(a <= match.start() < b for a, b in covered):
                return index, match.start(), match.end()
    return None
