"""The edits of the patch-build equivalence tests, as an editor would make them, and the
terms of a source glossary they are made to (chosen from its files, so that any corpus
works)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

import glossary_site
from tests.conftest import term_file
from tests.patch_bench import Bench, Step

LINK = re.compile(r"\[([^\]\n]+)\]\(\.\./([a-z0-9-]+)/\)")
# Spans whose words are no plain prose: links, code, emphasis.
SPANS = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|`[^`\n]*`|\*\*[^*\n]*\*\*|_[^_\n]*_")
WORD = re.compile(r"\b[a-z]{5,}\b")
NEW_WORD = "rephrased"
APPENDED = "This closing remark was added by a later edit."
OPENING = "An opening line added above everything else."
CODE = "```text\nsample output printed here\n```"
BULLETS = "- a first added point\n- a second added point"
FEED_ENTRIES = 20  # the default of glossary.toml's feed_entries
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="12" height="8"/>'


def split(text: str) -> tuple[list[str], str]:
    """Front-matter lines (without the fences) and the body of a term file."""
    _, front, body = text.split("---\n", 2)
    return front.splitlines(), body


def join(front: list[str], body: str) -> str:
    return "---\n" + "\n".join(front) + "\n---\n" + body


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


Lines = list[str]


def front_edit(slug: str, edit: Callable[[Lines], Lines]) -> Callable[[Bench], None]:
    def change(bench: Bench) -> None:
        front, body = split(bench.text(slug))
        bench.write(slug, join(edit(list(front)), body))

    return change


def body_edit(slug: str, edit: Callable[[str], str]) -> Callable[[Bench], None]:
    def change(bench: Bench) -> None:
        front, body = split(bench.text(slug))
        bench.write(slug, join(front, edit(body)))

    return change


def appended(*blocks: str) -> Callable[[str], str]:
    return lambda body: body.rstrip("\n") + "".join(f"\n\n{block}" for block in blocks) + "\n"


def _key_index(front: Lines, key: str) -> int | None:
    return next((n for n, line in enumerate(front) if line.startswith(f"{key}:")), None)


def _after_title(front: Lines, line: str) -> Lines:
    title = _key_index(front, "title")
    assert title is not None
    return [*front[: title + 1], line, *front[title + 1 :]]


def set_value(key: str, value: str) -> Callable[[Lines], Lines]:
    """``key: value``, in place of the key's line if it has one, else after the title."""

    def edit(front: Lines) -> Lines:
        index = _key_index(front, key)
        if index is None:
            return _after_title(front, f"{key}: {value}")
        return [*front[:index], f"{key}: {value}", *front[index + 1 :]]

    return edit


def add_item(key: str, value: str) -> Callable[[Lines], Lines]:
    """``value`` added to the list ``key`` (flow or block style), or a new list."""

    def edit(front: Lines) -> Lines:
        index = _key_index(front, key)
        if index is None:
            return _after_title(front, f"{key}: [{value}]")
        line = front[index]
        if line.rstrip().endswith("]"):
            return [*front[:index], line.rstrip()[:-1] + f", {value}]", *front[index + 1 :]]
        return [*front[: index + 1], f"  - {value}", *front[index + 1 :]]

    return edit


def remove_item(value: str) -> Callable[[Lines], Lines]:
    """``value`` taken out of every list of the front matter (flow or block style)."""

    def edit(front: Lines) -> Lines:
        kept = [line for line in front if line.strip() != f"- {value}"]
        return [_without(line, value) for line in kept]

    return edit


def _without(line: str, value: str) -> str:
    flow = re.fullmatch(r"(\w+): \[(.*)\]\s*", line)
    if flow is None:
        return line
    items = [item.strip() for item in flow.group(2).split(",") if item.strip() != value]
    return f"{flow.group(1)}: [{', '.join(items)}]"


def extend_text(key: str, words: str) -> Callable[[Lines], Lines]:
    """``words`` added at the end of the text value of ``key`` (plain, quoted or folded)."""

    def edit(front: Lines) -> Lines:
        index = _key_index(front, key)
        assert index is not None, key
        last = index
        if front[index].split(":", 1)[1].strip() in (">-", ">", "|", "|-"):
            while last + 1 < len(front) and front[last + 1].startswith(" "):
                last += 1
        line = front[last].rstrip()
        if line[-1] in "'\"" and last == index:
            line = line[:-1] + f" {words}" + line[-1]
        else:
            line += f" {words}"
        return [*front[:last], line, *front[last + 1 :]]

    return edit


def change_middle_word(avoid: frozenset[str]) -> Callable[[str], str]:
    def edit(body: str) -> str:
        found = middle_word(body, avoid)
        assert found is not None
        index, start, end = found
        lines = body.split("\n")
        lines[index] = lines[index][:start] + NEW_WORD + lines[index][end:]
        return "\n".join(lines)

    return edit


def remove_first_link(body: str) -> str:
    return LINK.sub(lambda m: m.group(1), body, count=1)


def rename_first_heading(body: str) -> str:
    return re.sub(r"^## (.+)$", r"## \1, renamed", body, count=1, flags=re.M)


def add_image(slug: str) -> Callable[[Bench], None]:
    def change(bench: Bench) -> None:
        (bench.source_dir / "added-figure.svg").write_bytes(SVG)
        body_edit(slug, appended("![A small added figure](added-figure.svg)"))(bench)

    return change


def add_term(bench: Bench) -> None:
    text = term_file("Brand New Term", body="## Overview\n\nA short body for the added term.")
    (bench.source_dir / "brand-new-term.md").write_text(text, "utf-8")


def delete_term(slug: str, references_too: bool) -> Callable[[Bench], None]:
    def change(bench: Bench) -> None:
        (bench.source_dir / f"{slug}.md").unlink()
        if references_too:
            for path in bench.source_dir.glob("*.md"):
                front_edit(path.stem, remove_item(slug))(bench)

    return change


def override_template(bench: Bench) -> None:
    default = Path(glossary_site.__file__).parent / "templates" / "term.html"
    text = default.read_text("utf-8")
    assert "{% block main %}" in text
    (bench.root / "templates").mkdir()
    (bench.root / "templates" / "term.html").write_text(
        text.replace("{% block main %}", "{% block main %}<!-- local override -->"), "utf-8"
    )


def retitle_site(bench: Bench) -> None:
    config = bench.root / "glossary.toml"
    text = re.sub(r'^title = ".*"$', 'title = "Renamed Glossary"', config.read_text(), flags=re.M)
    config.write_text(text, "utf-8")


def add_static_file(bench: Bench) -> None:
    (bench.root / "static").mkdir(exist_ok=True)
    (bench.root / "static" / "extra.txt").write_text("An extra file.\n", "utf-8")


def delete_page_by_hand(slug: str) -> Callable[[Bench], None]:
    def change(bench: Bench) -> None:
        (bench.site_a / slug / "index.html").unlink()

    return change


def then(*changes: Callable[[Bench], None]) -> Callable[[Bench], None]:
    def change(bench: Bench) -> None:
        for one in changes:
            one(bench)

    return change


H1 = "# A top-level heading\n\nText below it."


@dataclass(frozen=True)
class Edit:
    steps: tuple[Step, ...]
    patched: int | None  # what Report.patched must say after each step; None: no claim
    own: tuple[str, ...] = ()  # the terms a body-only edit changes


def edits(picks: Picks) -> dict[str, Edit]:
    """Every edit kind by name; ``patched`` 1 (or 2) for body-only edits, 0 for the others."""
    p, term = picks, picks.term
    end = body_edit(term, appended(APPENDED))
    word = body_edit(term, change_middle_word(p.avoid))
    warn = Step(body_edit(p.second, appended(H1)), cold=False)
    link = f"See also [{p.target_title}](../{p.target}/)."
    return {
        # Body-only edits: the patch build's own ground.
        "append-sentence": Edit((Step(end),), 1, (term,)),
        "change-middle-word": Edit((Step(word),), 1, (term,)),
        "add-code-block": Edit((Step(body_edit(term, appended(CODE))),), 1, (term,)),
        "add-bulleted-list": Edit((Step(body_edit(term, appended(BULLETS))),), 1, (term,)),
        "two-files": Edit(
            (Step(then(end, body_edit(p.second, appended(APPENDED)))),), 2, (term, p.second)
        ),
        "edit-then-revert": Edit((Step(end), Step(_revert(term))), 1, (term,)),
        "newest-in-feed": Edit((Step(body_edit(p.newest, appended(APPENDED))),), None),
        # Edits of a term's public face, and of other inputs: full builds.
        "definition": Edit((Step(front_edit(term, extend_text("definition", "Revised."))),), 0),
        "summary": Edit((Step(front_edit(term, extend_text("summary", "Revised."))),), 0),
        "title": Edit((Step(front_edit(term, set_value("title", "Renamed Term"))),), 0),
        "alias": Edit((Step(front_edit(term, add_item("aliases", "Fresh Alias"))),), 0),
        "related": Edit((Step(front_edit(term, add_item("related", p.target))),), 0),
        "tags": Edit((Step(front_edit(term, add_item("tags", "fresh-tag"))),), 0),
        "status-draft": Edit((Step(front_edit(p.orphan, set_value("status", "draft"))),), 0),
        "status-deprecated": Edit((Step(front_edit(term, set_value("status", "deprecated"))),), 0),
        "add-term-link": Edit((Step(body_edit(term, appended(link))),), 0),
        "remove-term-link": Edit((Step(body_edit(term, remove_first_link)),), 0),
        "add-fragment-link": Edit(
            (Step(body_edit(term, appended(f"See [that part](../{p.target}/#{p.fragment})."))),),
            0,
        ),
        "rename-heading": Edit((Step(body_edit(term, rename_first_heading)),), 0),
        "add-image": Edit((Step(add_image(term)),), 0),
        "new-term-file": Edit((Step(add_term),), 0),
        "delete-term-file": Edit((Step(delete_term(p.orphan, references_too=True)),), 0),
        "delete-referenced-term-file": Edit((Step(delete_term(p.orphan, False)),), 0),
        "template-override": Edit((Step(override_template),), 0),
        "config-title": Edit((Step(retitle_site),), 0),
        "new-warning": Edit((Step(body_edit(term, appended(H1))),), 0),
        "new-broken-link": Edit((Step(body_edit(term, appended("[x](../no-such-term/)"))),), 0),
        "line-above-warning": Edit((warn, Step(body_edit(p.second, _prepend(OPENING)))), 0),
        "static-file": Edit((Step(add_static_file),), 0),
        # A site changed by hand, and a strict build of a glossary with warnings.
        "site-changed-by-hand": Edit((Step(then(delete_page_by_hand(p.second), end)),), None),
        "strict-with-warnings": Edit((warn, Step(end, strict=True)), None),
    }


def _prepend(line: str) -> Callable[[str], str]:
    return lambda body: f"\n{line}\n" + body


def _revert(slug: str) -> Callable[[Bench], None]:
    def change(bench: Bench) -> None:
        original = (bench.snapshot / "glossary" / f"{slug}.md").read_text("utf-8")
        bench.write(slug, original)

    return change
