"""Interface strings: the shipped catalogues, lookup with fallback, plural forms, dates,
text direction, and the warnings about a project's own translation files."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from glossary_site.diagnostics import Severity
from glossary_site.i18n import (
    fallback_chain,
    load_catalogue,
    packaged_catalogue,
    plural_category,
    shipped_languages,
    text_direction,
)
from glossary_site.i18n.catalogue import placeholders
from glossary_site.i18n.load import shipped


def test_english_and_german_are_shipped() -> None:
    assert {"en", "de"} <= shipped_languages()


@pytest.mark.parametrize("language", sorted(shipped_languages() - {"en"}))
def test_every_shipped_catalogue_has_every_english_key_with_the_same_placeholders(
    language: str,
) -> None:
    english, other = shipped("en"), shipped(language)
    assert sorted(set(english) - set(other)) == []
    assert sorted(set(other) - set(english)) == []
    for key, entry in english.items():
        assert placeholders(other[key]) == placeholders(entry), key
        if not isinstance(entry, str):
            assert not isinstance(other[key], str) and "other" in other[key], key


def test_every_plural_string_has_an_other_form_and_every_form_is_text() -> None:
    for language in shipped_languages():
        for key, entry in shipped(language).items():
            if isinstance(entry, str):
                continue
            assert "other" in entry, (language, key)
            assert all(isinstance(form, str) for form in entry.values()), (language, key)


def test_lookup_falls_back_from_region_to_language_to_english() -> None:
    assert fallback_chain("de-AT") == ("en", "de", "de-at")
    assert packaged_catalogue("de-AT").text("term.related") == "Verwandte Begriffe"
    assert packaged_catalogue("fr").text("term.related") == "Related terms"


def test_plural_forms_follow_the_language_rules() -> None:
    assert [plural_category("en", n) for n in (0, 1, 2)] == ["other", "one", "other"]
    assert [plural_category("ru", n) for n in (1, 2, 5, 11, 21, 22)] == [
        "one",
        "few",
        "many",
        "many",
        "one",
        "few",
    ]
    assert [plural_category("ar", n) for n in (0, 1, 2, 3, 11, 100)] == [
        "zero",
        "one",
        "two",
        "few",
        "many",
        "other",
    ]
    assert plural_category("ja", 1) == "other"
    assert plural_category("fr", 0) == "one"


def test_a_count_picks_the_plural_form() -> None:
    german = packaged_catalogue("de")
    assert german.text("site.term_count", count=1) == "1 Begriff"
    assert german.text("site.term_count", count=31) == "31 Begriffe"


def test_placeholders_are_filled_by_name_only_and_values_are_escaped() -> None:
    english = packaged_catalogue("en")
    html = english("term.definition", title="<b>{0.__class__}</b>")
    assert str(html) == "&lt;b&gt;{0.__class__}&lt;/b&gt; definition"
    assert english.text("term.definition", title="A & B") == "A & B definition"


def test_dates_are_written_in_the_language() -> None:
    day = dt.date(2026, 3, 4)
    assert packaged_catalogue("en").date(day) == "4 March 2026"
    assert packaged_catalogue("de").date(day) == "4. März 2026"


@pytest.mark.parametrize(
    ("language", "direction"),
    [
        ("en", "ltr"),
        ("de-AT", "ltr"),
        ("ur", "rtl"),
        ("ar-EG", "rtl"),
        ("he", "rtl"),
        ("fa", "rtl"),
        ("ckb", "rtl"),
        ("pa-Arab", "rtl"),
        ("ku-Latn", "ltr"),
        ("az-Cyrl", "ltr"),
        ("sd-Deva", "ltr"),
    ],
)
def test_text_direction_is_decided_by_the_script(language: str, direction: str) -> None:
    assert text_direction(language) == direction


def _project(tmp_path: Path, name: str, text: str, language: str = "fr") -> Path:
    config = tmp_path / "glossary.toml"
    config.write_text(f'language = "{language}"\n', encoding="utf-8")
    (tmp_path / "translations").mkdir(exist_ok=True)
    (tmp_path / "translations" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return config


def test_a_project_catalogue_adds_a_language_and_missing_keys_fall_back_to_english(
    tmp_path: Path,
) -> None:
    config = _project(
        tmp_path, "fr.toml", '[term]\nrelated = "Termes associés"\nread_more = "Lire la suite"\n'
    )
    ui, problems = load_catalogue("fr", config, None)
    assert ui.text("term.related") == "Termes associés"
    assert ui.text("term.contents") == "Contents"
    [missing] = problems
    assert missing.code == "ui-string-missing"
    assert missing.severity is Severity.WARNING
    assert missing.path == tmp_path / "translations" / "fr.toml"
    assert missing.line > 0 and "en.toml" in missing.hint
    assert "site.skip_link" in missing.message


def test_a_bad_placeholder_is_a_warning_on_its_line_and_english_is_used(tmp_path: Path) -> None:
    config = _project(
        tmp_path,
        "de.toml",
        """\
        # overrides
        [term]
        related = "Siehe auch"
        definition = "Was {titel} heißt"
        """,
        language="de",
    )
    ui, problems = load_catalogue("de", config, None)
    assert ui.text("term.related") == "Siehe auch"
    assert ui.text("term.definition", title="Kanban") == "Definition von Kanban"
    [problem] = problems
    assert (problem.code, problem.line) == ("ui-string-placeholder", 4)
    assert "{titel}" in problem.hint and "{title}" in problem.hint


def test_a_placeholder_left_out_is_a_warning(tmp_path: Path) -> None:
    config = _project(tmp_path, "de.toml", '[term]\ndefinition = "Definition"\n', "de")
    _, problems = load_catalogue("de", config, None)
    assert [(p.code, p.line) for p in problems] == [("ui-string-placeholder", 2)]
    assert "{title}" in problems[0].hint


def test_an_unknown_key_is_a_warning_with_a_suggestion(tmp_path: Path) -> None:
    config = _project(tmp_path, "de.toml", '[term]\nrelatd = "Siehe auch"\n', "de")
    _, problems = load_catalogue("de", config, None)
    assert [(p.code, p.line) for p in problems] == [("ui-string-unknown", 2)]
    assert "term.related" in problems[0].hint


def test_a_plural_string_needs_its_other_form(tmp_path: Path) -> None:
    config = _project(tmp_path, "de.toml", '[site]\nterm_count = { one = "ein Begriff" }\n', "de")
    ui, problems = load_catalogue("de", config, None)
    assert [p.code for p in problems] == ["ui-string-placeholder"]
    assert "other" in problems[0].hint
    assert ui.text("site.term_count", count=1) == "1 Begriff"


def test_a_translation_file_that_is_not_toml_is_an_error_with_its_line(tmp_path: Path) -> None:
    config = _project(tmp_path, "de.toml", '[term]\nrelated = "Siehe auch\n', "de")
    ui, problems = load_catalogue("de", config, None)
    [problem] = problems
    assert (problem.code, problem.line, problem.severity) == (
        "ui-catalogue-invalid",
        2,
        Severity.ERROR,
    )
    assert ui.text("term.related") == "Verwandte Begriffe"


def test_a_language_without_strings_is_a_warning_naming_the_file_to_add(tmp_path: Path) -> None:
    config = tmp_path / "glossary.toml"
    config.write_text('title = "Glosario"\nlanguage = "es"\n', encoding="utf-8")
    ui, problems = load_catalogue("es", config, None)
    [problem] = problems
    assert (problem.code, problem.path, problem.line) == ("ui-language-missing", config, 2)
    assert str(tmp_path / "translations" / "es.toml") in problem.hint
    assert ui.text("term.related") == "Related terms"


@pytest.mark.parametrize("language", ["en", "en-GB", "en-AU", "de-CH"])
def test_english_variants_and_shipped_languages_need_no_file(tmp_path: Path, language: str) -> None:
    config = tmp_path / "glossary.toml"
    config.write_text(f'language = "{language}"\n', encoding="utf-8")
    assert load_catalogue(language, config, None)[1] == ()


def test_a_region_file_overrides_its_language(tmp_path: Path) -> None:
    config = _project(tmp_path, "de-CH.toml", '[term]\nread_more = "Weiterlesen …"\n', "de-CH")
    ui, problems = load_catalogue("de-CH", config, None)
    assert problems == ()
    assert ui.text("term.read_more") == "Weiterlesen …"
    assert ui.text("term.related") == "Verwandte Begriffe"
