"""Every page kind speaks the site's language: no interface word is left in English when a
catalogue translates them all, the static scripts take their words from the page, and
``<html>`` carries the language and its direction."""

from __future__ import annotations

import dataclasses
import json
import re
import textwrap
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from glossary_site import Project, build, check
from glossary_site.i18n.catalogue import PLACEHOLDER_RE
from glossary_site.i18n.load import PACKAGE_DIR, flatten
from tests.conftest import term_file

STATIC = PACKAGE_DIR.parent / "static"
TEMPLATES = PACKAGE_DIR.parent / "templates"
# Words of the pseudo glossary's own content: none of them is an English word.
CONFIG = """\
title = "Zorbu Qaxi"
description = "Qaxi zorbu vlemp."
author = "Mox Vlemp"
language = "{language}"
copy_button = true
repo_url = "https://example.org/zorbu"
edit_uri = "edit/main/glossary/"
index_split_at = {split}
base_url = "https://example.org/"
"""
TERMS = {
    "frobnix.md": term_file(
        "Frobnix",
        "Frobnix vlemps qaxi.",
        """\
        aliases: [Frobb]
        tags: [blorp, quux]
        category: Wubble
        related: [zindle]
        updated: 2026-03-04
        """,
        """\
        ## Zorbu

        Qaxi [Zindle](zindle) vlemp.

        ## Qaxo

        ```python
        print(1)
        ```

        ## Vlemp

        Zorbu zorbu.
        """,
    ),
    "zindle.md": term_file(
        "Zindle",
        "Zindle qaxi vlemp.",
        "tags: [blorp]\ncategory: Wubble\nrelated: [frobnix]\nupdated: 2026-07-01",
        "Zorbu [Frobnix](frobnix).",
    ),
    "krumpet.md": term_file(
        "Krumpet",
        "Krumpet qaxi.",
        "status: deprecated\nreplaced_by: zindle\ntags: [quux]",
        "Vlemp [Zindle](zindle).",
    ),
    "plonk.md": term_file("Plonk", "Plonk qaxi [Frobnix](frobnix).", "category: Wubble"),
}
# Attributes whose text a reader (or a screen reader) meets.
READ_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt", "content")


def _pseudo(text: str) -> str:
    """Every letter outside placeholders swapped for a circled one: no English word is left."""
    parts = PLACEHOLDER_RE.split(text)  # names at odd indexes
    return "".join(
        f"{{{part}}}" if i % 2 else re.sub(r"[A-Za-z]", _circled, part)
        for i, part in enumerate(parts)
    )


def _circled(match: re.Match[str]) -> str:
    return chr(0x24D0 + ord(match.group(0).lower()) - ord("a"))


def _pseudo_catalogue() -> str:
    english = dict(flatten(tomllib.loads((PACKAGE_DIR / "en.toml").read_text("utf-8"))))
    tables: dict[str, list[str]] = {}
    for key, entry in english.items():
        table, name = key.rsplit(".", 1)
        if isinstance(entry, str):
            value = _toml_string(_pseudo(entry))
        else:
            forms = ", ".join(f"{c} = {_toml_string(_pseudo(f))}" for c, f in entry.items())
            value = f"{{ {forms} }}"
        tables.setdefault(table, []).append(f"{name} = {value}")
    return "\n".join(f"[{table}]\n" + "\n".join(lines) + "\n" for table, lines in tables.items())


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _english_words() -> set[str]:
    english = dict(flatten(tomllib.loads((PACKAGE_DIR / "en.toml").read_text("utf-8"))))
    texts = [
        e
        for entry in english.values()
        for e in ([entry] if isinstance(entry, str) else entry.values())
    ]
    words = {
        w.casefold()
        for text in texts
        for w in re.findall(r"[A-Za-z]{3,}", PLACEHOLDER_RE.sub(" ", text))
    }
    return words - {"markdown", "ctrl", "graph_max_terms", "max"}


def _write_site(root: Path, language: str, split: int, catalogue: str | None) -> Project:
    source = root / "glossary"
    source.mkdir(parents=True)
    for name, text in TERMS.items():
        (source / name).write_text(text, encoding="utf-8")
    config = root / "glossary.toml"
    config.write_text(CONFIG.format(language=language, split=split), encoding="utf-8")
    if catalogue is not None:
        (root / "translations").mkdir()
        (root / "translations" / f"{language}.toml").write_text(catalogue, encoding="utf-8")
    return Project(source, config, root / "templates")


def _read_texts(page: Path) -> Iterator[str]:
    tree = lxml_html.fromstring(page.read_bytes())
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag not in ("script", "style"):
            yield element.text or ""
        yield element.tail or ""
        yield from (element.get(a) or "" for a in READ_ATTRIBUTES)
        if element.get("data-ui"):  # the words of a script: the values, not the keys
            yield from _values(json.loads(element.get("data-ui")))


def _values(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for value in data.values():
            yield from _values(value)
    else:
        yield str(data)


@pytest.fixture(scope="module", params=[100, 2], ids=["one-index", "letter-pages"])
def pseudo_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pseudo")
    project = _write_site(root, "qps", request.param, _pseudo_catalogue())
    report = build(project, root / "site")
    assert report.ok, [d.format() for d in report.diagnostics]
    assert [d.code for d in report.diagnostics if d.code.startswith("ui-")] == []
    return root / "site"


def test_no_english_interface_word_is_left_on_any_page_kind(pseudo_site: Path) -> None:
    words = _english_words()
    pages = sorted(pseudo_site.rglob("*.html"))
    kinds = {p.relative_to(pseudo_site).parts[0] for p in pages}
    assert {"index.html", "404.html", "frobnix", "tags", "categories"} <= kinds
    left: dict[str, set[str]] = {}
    for page in pages:
        if "pagefind" in page.parts or "embed" in page.parts:
            continue
        for text in _read_texts(page):
            text = re.sub(r"https?://\S+", " ", PLACEHOLDER_RE.sub(" ", text))  # not words
            found = {w for w in re.findall(r"[A-Za-z]{3,}", text) if w.casefold() in words}
            if found:
                left.setdefault(str(page.relative_to(pseudo_site)), set()).update(found)
    assert left == {}


def test_the_pseudo_site_still_has_every_interface_part(pseudo_site: Path) -> None:
    """The test above would pass on empty pages: the pages have their parts, in the pseudo words."""
    term = (pseudo_site / "frobnix" / "index.html").read_text("utf-8")
    for key in ("term.related", "term.contents", "term.edit", "map.heading", "site.skip_link"):
        assert _pseudo(_english(key)) in term, key
    script_words = [
        value
        for element in lxml_html.fromstring(term).iter("script", "form", "template")
        for value in _values(json.loads(element.get("data-ui") or "{}"))
    ]
    assert {_pseudo("Copy"), _pseudo("Read more")} <= set(script_words)  # the scripts' words
    assert _pseudo("Updated") in term and _pseudo("March") in term
    deprecated = (pseudo_site / "krumpet" / "index.html").read_text("utf-8")
    assert _pseudo("Deprecated.") in deprecated


def _english(key: str) -> str:
    english = dict(flatten(tomllib.loads((PACKAGE_DIR / "en.toml").read_text("utf-8"))))
    value: Any = english[key]
    return str(value)


@pytest.mark.parametrize(
    "script",
    [
        STATIC / "search.js",
        STATIC / "preview.js",
        TEMPLATES / "index-filter.js",
        TEMPLATES / "term.html",
        TEMPLATES / "search-box.html",
    ],
    ids=lambda p: p.name,
)
def test_scripts_take_every_word_they_show_from_the_page(script: Path) -> None:
    """No string literal of a script is a sentence or a capitalised English word."""
    text = script.read_text("utf-8")
    if script.suffix == ".html":
        text = "\n".join(re.findall(r"<script[^>]*>(.*?)</script>", text, re.S))
    text = re.sub(r"(^|\s)//[^\n]*", "", text)  # comments are not shown
    words = _english_words()
    shown = []
    for found in re.finditer(r'"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`', text):
        if text[found.end() :].startswith((".split(", ")).split(")):  # a word list (stop words)
            continue
        literal = re.sub(r"\$\{[^}]*\}", " ", found.group(1) or found.group(2) or "")
        for word in re.findall(r"[A-Za-z]{3,}", literal):
            if word[0].isupper() and word.casefold() in words:
                shown.append(literal)
        if re.search(r"[A-Za-z]{2,} [a-z]{2,}", literal) and not re.search(r"[.#\[:>]", literal):
            shown.append(literal)
    assert shown == []


def test_a_german_site_says_everything_in_german(tmp_path: Path) -> None:
    project = _write_site(tmp_path, "de", 100, None)
    report = build(project, tmp_path / "site")
    assert report.ok and not [d for d in report.diagnostics if d.code.startswith("ui-")]
    page = (tmp_path / "site" / "frobnix" / "index.html").read_text("utf-8")
    assert '<html lang="de" dir="ltr">' in page
    assert ">Verwandte Begriffe</h2>" in page
    assert 'Aktualisiert am <time datetime="2026-03-04">4. März 2026</time>' in page
    index = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert ">Nach Schlagwort filtern<" in index and "4 Begriffe" in index


def test_an_rtl_language_sets_the_direction_of_every_page(tmp_path: Path) -> None:
    project = _write_site(tmp_path, "ur", 100, None)
    report = build(project, tmp_path / "site")
    assert report.ok
    assert [d.code for d in report.diagnostics if d.code.startswith("ui-")] == [
        "ui-language-missing"
    ]
    for page in ("index.html", "frobnix/index.html", "404.html", "tags/blorp/index.html"):
        text = (tmp_path / "site" / page).read_text("utf-8")
        assert '<html lang="ur" dir="rtl">' in text, page


def test_check_warns_about_a_project_catalogue_and_the_site_still_builds(tmp_path: Path) -> None:
    catalogue = textwrap.dedent(
        """\
        [term]
        related = "Termes associés"
        definition = "Définition de {titre}"
        """
    )
    project = _write_site(tmp_path, "fr", 100, catalogue)
    report = check(project)
    codes = sorted((d.code, d.line) for d in report.diagnostics if d.code.startswith("ui-"))
    assert codes == [("ui-string-missing", 4), ("ui-string-placeholder", 3)]
    assert report.ok  # warnings only
    build(project, tmp_path / "site")
    page = (tmp_path / "site" / "frobnix" / "index.html").read_text("utf-8")
    assert ">Termes associés</h2>" in page and ">Frobnix definition</h2>" in page


def test_an_edited_translation_changes_the_term_pages_of_a_warm_build(tmp_path: Path) -> None:
    catalogue = '[term]\nrelated = "Siehe auch"\n'
    project = _write_site(tmp_path, "de", 100, catalogue)
    project = dataclasses.replace(project, cache_dir=tmp_path / "cache")
    assert build(project, tmp_path / "site").ok
    page = tmp_path / "site" / "frobnix" / "index.html"
    assert ">Siehe auch</h2>" in page.read_text("utf-8")
    (tmp_path / "translations" / "de.toml").write_text(
        '[term]\nrelated = "Verwandt"\n', encoding="utf-8"
    )
    assert build(project, tmp_path / "site").ok
    assert ">Verwandt</h2>" in page.read_text("utf-8")


def test_a_link_to_a_letter_of_the_language_on_the_index_is_checked_by_its_alphabet(
    tmp_path: Path,
) -> None:
    source = tmp_path / "glossary"
    source.mkdir()
    (source / "nandu.md").write_text(term_file("Ñandú", "Un ave."), encoding="utf-8")
    (source / "nube.md").write_text(
        term_file("Nube", "Otra cosa.", body="Ver [la Ñ](../#letter-u00d1)."), encoding="utf-8"
    )
    config = tmp_path / "glossary.toml"
    config.write_text('language = "es"\n[lint]\norphan-term = "off"\n', encoding="utf-8")
    report = build(Project(source, config, tmp_path / "templates"), tmp_path / "site")
    assert [d.code for d in report.diagnostics if d.is_error] == []
    assert 'id="letter-u00d1"' in (tmp_path / "site" / "index.html").read_text("utf-8")
