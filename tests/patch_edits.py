"""The edits of the patch-build equivalence tests, as an editor would make them, to the
terms patch_picks.py chooses."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import glossary_site
from glossary_site import build
from tests.conftest import term_file
from tests.patch_bench import Bench, Change, Step
from tests.patch_picks import LINK, Picks, middle_word, split

NEW_WORD = "rephrased"
APPENDED = "This closing remark was added by a later edit."
OPENING = "An opening line added above everything else."
CODE = "```text\nsample output printed here\n```"
BULLETS = "- a first added point\n- a second added point"
REWRITTEN = "A new teaser, in other words, with a comma & an ampersand."
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="12" height="8"/>'

Lines = list[str]


def join(front: Lines, body: str) -> str:
    return "---\n" + "\n".join(front) + "\n---\n" + body


def front_edit(slug: str, edit: Callable[[Lines], Lines]) -> Change:
    def change(bench: Bench) -> None:
        front, body = split(bench.text(slug))
        bench.write(slug, join(edit(list(front)), body))

    return change


def body_edit(slug: str, edit: Callable[[str], str]) -> Change:
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


def reverse_middle_word(avoid: frozenset[str]) -> Callable[[str], str]:
    """The middle word spelt backwards: the file keeps its size."""

    def edit(body: str) -> str:
        found = middle_word(body, avoid)
        assert found is not None
        index, start, end = found
        lines = body.split("\n")
        word = lines[index][start:end]
        assert word[::-1] != word
        lines[index] = lines[index][:start] + word[::-1] + lines[index][end:]
        return "\n".join(lines)

    return edit


def atomic(slug: str, edit: Callable[[str], str]) -> Change:
    """``body_edit`` saved as many editors save: a new file renamed over the old one."""

    def change(bench: Bench) -> None:
        front, body = split(bench.text(slug))
        path = bench.source_dir / f"{slug}.md"
        temporary = path.with_name(f".{slug}.md.swp")
        temporary.write_text(join(front, edit(body)), "utf-8")
        os.replace(temporary, path)

    return change


def remove_first_link(body: str) -> str:
    return LINK.sub(lambda m: m.group(1), body, count=1)


def rename_first_heading(body: str) -> str:
    return re.sub(r"^## (.+)$", r"## \1, renamed", body, count=1, flags=re.M)


def add_image(slug: str) -> Change:
    def change(bench: Bench) -> None:
        (bench.source_dir / "added-figure.svg").write_bytes(SVG)
        body_edit(slug, appended("![A small added figure](added-figure.svg)"))(bench)

    return change


def add_term(bench: Bench) -> None:
    text = term_file("Brand New Term", body="## Overview\n\nA short body for the added term.")
    (bench.source_dir / "brand-new-term.md").write_text(text, "utf-8")


def delete_term(slug: str, references_too: bool) -> Change:
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


def delete_page_by_hand(slug: str) -> Change:
    def change(bench: Bench) -> None:
        (bench.site_a / slug / "index.html").unlink()

    return change


def edit_page_by_hand(slug: str) -> Change:
    def change(bench: Bench) -> None:
        page = bench.site_a / slug / "index.html"
        page.write_text(page.read_text("utf-8").replace("</main>", "<p>Added by hand.</p></main>"))

    return change


def build_elsewhere(bench: Bench) -> None:
    """A build of the sources as they are into another folder, with the same cache."""
    assert build(bench.project(), bench.root / "site_c").ok


def then(*changes: Change) -> Change:
    def change(bench: Bench) -> None:
        for one in changes:
            one(bench)

    return change


H1 = "# A top-level heading\n\nText below it."


Edit = tuple[Step, ...]


def edits(picks: Picks) -> dict[str, Edit]:
    """Every edit kind by name, as steps; each step says how many term files its build
    must patch: 1 (or 2) for body-only edits, 0 for the others, None for no claim."""
    p, term, second = picks, picks.term, picks.second
    end, end2 = body_edit(term, appended(APPENDED)), body_edit(second, appended(APPENDED))
    word = body_edit(term, change_middle_word(p.avoid))
    title = front_edit(term, set_value("title", "Renamed Term"))
    warn = Step(body_edit(second, appended(H1)), cold=False)
    link = f"See also [{p.target_title}](../{p.target}/)."
    fragment_link = f"See [that part](../{p.target}/#{p.fragment})."

    def body(change: Change, *own: str, cold: bool = True) -> Step:
        return Step(change, cold, patched=len(own or (term,)), own=own or (term,))

    def face(change: Change, cold: bool = True) -> Step:
        return Step(change, cold, patched=0)

    def card(change: Change, cold: bool = True) -> Step:
        return Step(change, cold, patched=1, own=(term,), cards=True)

    summary = front_edit(term, extend_text("summary", "Revised."))
    summary2 = front_edit(second, extend_text("summary", "Revised too."))
    long_summary = front_edit(term, set_value("summary", "A summary far too long. " * 8))

    # The first step of two is compared with a cold build where no one-step edit is the
    # same; the revert is compared with the first cold build (the snapshot's site).
    first = body(end, cold=False)

    return {
        # Body-only edits: the patch build's own ground.
        "append-sentence": (body(end),),
        "change-middle-word": (body(word),),
        "same-size-edit": (body(body_edit(term, reverse_middle_word(p.avoid))),),
        "atomic-save": (body(atomic(term, appended(APPENDED))),),
        "add-code-block": (body(body_edit(term, appended(CODE))),),
        "add-bulleted-list": (body(body_edit(term, appended(BULLETS))),),
        "two-files": (body(then(end, end2), term, second),),
        "edit-then-revert": (first, body(_revert(term), cold=False)),
        "two-edits-in-turn": (first, body(word)),
        "two-terms-in-turn": (first, body(end2, second)),
        "body-then-title": (first, face(title)),
        "title-then-body": (face(title, cold=False), body(word)),
        "body-then-nothing": (first, Step(_nothing, cold=False, patched=0)),
        "newest-in-feed": (Step(body_edit(p.newest, appended(APPENDED))),),
        "other-folder-between": (Step(then(end, build_elsewhere, word)),),
        # Edits of a term's public face, and of other inputs: full builds.
        "definition": (face(front_edit(term, extend_text("definition", "Revised."))),),
        # Teaser edits: the pages that show the term's cards, and the lists, change too.
        "summary": (card(summary),),
        "summary-rewritten": (card(front_edit(term, set_value("summary", REWRITTEN))),),
        # (the lines below it move: their numbers are part of the face)
        "summary-removed": (face(front_edit(term, _without_key("summary"))),),
        "summary-and-body": (card(then(summary, end)),),
        "summary-then-body": (card(summary), body(end, cold=False)),
        "summary-then-revert": (card(summary, cold=False), card(_revert(term), cold=False)),
        "summary-two-files": (
            Step(then(summary, summary2), patched=2, own=(term, second), cards=True),
        ),
        "summary-too-long": (face(long_summary),),
        "summary-and-title": (face(then(summary, title)),),
        "title": (face(title),),
        "alias": (face(front_edit(term, add_item("aliases", "Fresh Alias"))),),
        "related": (face(front_edit(term, add_item("related", p.target))),),
        "tags": (face(front_edit(term, add_item("tags", "fresh-tag"))),),
        "status-draft": (face(front_edit(p.orphan, set_value("status", "draft"))),),
        "status-deprecated": (face(front_edit(term, set_value("status", "deprecated"))),),
        "add-term-link": (face(body_edit(term, appended(link))),),
        "remove-term-link": (face(body_edit(term, remove_first_link)),),
        "add-fragment-link": (face(body_edit(term, appended(fragment_link))),),
        "rename-heading": (face(body_edit(term, rename_first_heading)),),
        "add-image": (face(add_image(term)),),
        "new-term-file": (face(add_term),),
        "delete-term-file": (face(delete_term(p.orphan, references_too=True)),),
        "delete-referenced-term-file": (face(delete_term(p.orphan, False)),),
        "template-override": (face(override_template),),
        "config-title": (face(retitle_site),),
        "new-warning": (face(body_edit(term, appended(H1))),),
        "new-broken-link": (face(body_edit(term, appended("[x](../no-such-term/)"))),),
        "line-above-warning": (warn, face(body_edit(second, _prepend(OPENING)))),
        "static-file": (face(add_static_file),),
        "body-and-config": (face(then(end, retitle_site)),),
        "body-and-new-term": (face(then(end, add_term)),),
        "body-and-static-file": (face(then(end, add_static_file)),),
        # A site changed by hand, and a strict build of a glossary with warnings.
        "site-changed-by-hand": (Step(then(delete_page_by_hand(second), end)),),
        "site-page-edited-by-hand": (Step(then(edit_page_by_hand(second), end)),),
        "strict-with-warnings": (warn, Step(end, strict=True)),
    }


def _without_key(key: str) -> Callable[[Lines], Lines]:
    """The front matter without ``key`` (its line and a folded value's lines after it)."""

    def edit(front: Lines) -> Lines:
        index = _key_index(front, key)
        assert index is not None, key
        end = index + 1
        while end < len(front) and front[end].startswith(" "):
            end += 1
        return [*front[:index], *front[end:]]

    return edit


def _nothing(bench: Bench) -> None:
    pass


def _prepend(line: str) -> Callable[[str], str]:
    return lambda body: f"\n{line}\n" + body


def _revert(slug: str) -> Change:
    def change(bench: Bench) -> None:
        original = (bench.snapshot / "glossary" / f"{slug}.md").read_text("utf-8")
        bench.write(slug, original)

    return change
