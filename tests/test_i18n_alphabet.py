"""Per-language order and letter groups (alphabet.py, collation.py), with real words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from glossary_site.alphabet import group_by_letter, group_label, letter_bar, sort_key


def _groups(titles: list[str], language: str, han: str = "漢字") -> list[tuple[str, list[str]]]:
    return [
        (g.label, list(g.items)) for g in group_by_letter(((t, t) for t in titles), language, han)
    ]


def _sorted(titles: list[str], language: str) -> list[str]:
    return sorted(titles, key=lambda title: sort_key(title, language))


def test_german_sorts_umlauts_with_their_base_letter() -> None:
    titles = ["Zähler", "Apfel", "Ärger", "Öl", "Ofen", "Übung", "Uhr"]
    assert _sorted(titles, "de") == ["Apfel", "Ärger", "Ofen", "Öl", "Übung", "Uhr", "Zähler"]
    assert [label for label, _ in _groups(titles, "de")] == ["A", "O", "U", "Z"]


def test_swedish_and_finnish_put_a_ring_a_umlaut_and_o_umlaut_after_z() -> None:
    titles = ["ödla", "zebra", "åsna", "äpple", "apa"]
    for language in ("sv", "fi", "sv-FI"):
        assert _sorted(titles, language) == ["apa", "zebra", "åsna", "äpple", "ödla"]
        assert [label for label, _ in _groups(titles, language)] == ["A", "Z", "Å", "Ä", "Ö"]


def test_danish_and_norwegian_put_ae_o_slash_and_a_ring_after_z() -> None:
    titles = ["å", "øl", "ære", "zulu", "and"]
    for language in ("da", "nb", "nn"):
        assert _sorted(titles, language) == ["and", "zulu", "ære", "øl", "å"]


def test_spanish_n_tilde_is_a_letter_of_its_own_after_n() -> None:
    titles = ["ñandú", "nube", "oro", "Ñu", "nación"]
    assert _sorted(titles, "es") == ["nación", "nube", "ñandú", "Ñu", "oro"]
    assert _groups(titles, "es") == [
        ("N", ["nación", "nube"]),
        ("Ñ", ["ñandú", "Ñu"]),
        ("O", ["oro"]),
    ]
    # In English ñ is an n with a tilde.
    assert [label for label, _ in _groups(titles, "en")] == ["N", "O"]


def test_turkish_letters_have_their_own_groups_and_dotless_i_comes_before_i() -> None:
    titles = ["çay", "cam", "ılık", "Irmak", "inek", "İstanbul", "şeker", "su", "öz", "ozan"]
    groups = _groups(titles, "tr")
    assert groups == [
        ("C", ["cam"]),
        ("Ç", ["çay"]),
        ("I", ["ılık", "Irmak"]),
        ("İ", ["inek", "İstanbul"]),
        ("O", ["ozan"]),
        ("Ö", ["öz"]),
        ("S", ["su"]),
        ("Ş", ["şeker"]),
    ]


def test_polish_and_czech_letters_follow_their_base_letter() -> None:
    assert _sorted(["łódź", "lody", "mleko"], "pl") == ["lody", "łódź", "mleko"]
    assert _sorted(["chata", "hrad", "cesta", "čaj", "iglú"], "cs") == [
        "cesta",
        "čaj",
        "hrad",
        "chata",
        "iglú",
    ]
    assert group_label("chata", "cs") == "Ch"


def test_russian_lists_cyrillic_first_and_keeps_short_i_apart_from_i() -> None:
    titles = ["Kubernetes", "Ёлка", "Ель", "Иван", "Йогурт", "3D", "Ящик"]
    groups = _groups(titles, "ru")
    assert groups == [
        ("0–9", ["3D"]),
        ("Е", ["Ёлка", "Ель"]),  # ё is е with a mark: "Ёлк" before "Ель"
        ("И", ["Иван"]),
        ("Й", ["Йогурт"]),
        ("Я", ["Ящик"]),
        ("K", ["Kubernetes"]),
    ]
    bar = [g.label for g in letter_bar(group_by_letter(((t, t) for t in titles), "ru"), "ru")]
    assert bar[:4] == ["0–9", "А", "Б", "В"] and bar[-2:] == ["Я", "K"]


def test_japanese_groups_kana_by_gojuon_row_and_han_after_them() -> None:
    titles = [
        "コンテナ",
        "がっこう",
        "抽象化",
        "Kubernetes",
        "さくら",
        "ガイド",
        "わたし",
        "ン",
        "ヴ",
    ]
    assert _groups(titles, "ja", "漢字") == [
        ("あ", ["ヴ"]),
        ("か", ["ガイド", "がっこう", "コンテナ"]),
        ("さ", ["さくら"]),
        ("わ", ["わたし", "ン"]),
        ("漢字", ["抽象化"]),
        ("K", ["Kubernetes"]),
    ]
    bar = letter_bar(group_by_letter(((t, t) for t in titles), "ja", "漢字"), "ja", "漢字")
    assert [g.label for g in bar] == [*"あかさたなはまやらわ", "漢字", "K"]
    assert {g.id for g in bar} >= {"letter-han", "letter-k", "letter-u304b"}


def test_korean_groups_hangul_by_initial_consonant() -> None:
    titles = ["클라우드", "추상화", "오토스케일링", "깃", "가상 머신", "API 게이트웨이"]
    assert _groups(titles, "ko") == [
        ("ㄱ", ["가상 머신", "깃"]),
        ("ㅇ", ["오토스케일링"]),
        ("ㅊ", ["추상화"]),
        ("ㅋ", ["클라우드"]),
        ("A", ["API 게이트웨이"]),
    ]


def test_hindi_groups_by_the_first_akshara_consonant() -> None:
    titles = ["क्लाउड", "कंटेनर", "स्टोरेज", "ज़ीरो ट्रस्ट", "एपीआई"]
    assert _groups(titles, "hi") == [
        ("ए", ["एपीआई"]),
        ("क", ["कंटेनर", "क्लाउड"]),
        ("ज", ["ज़ीरो ट्रस्ट"]),
        ("स", ["स्टोरेज"]),
    ]


def test_urdu_groups_by_arabic_letter_with_alef_forms_together() -> None:
    titles = ["آٹو اسکیلنگ", "ایپلیکیشن", "پوڈ", "تجری", "کلاؤڈ", "Kubernetes"]
    assert _groups(titles, "ur") == [
        ("ا", ["آٹو اسکیلنگ", "ایپلیکیشن"]),
        ("پ", ["پوڈ"]),
        ("ت", ["تجری"]),
        ("ک", ["کلاؤڈ"]),
        ("K", ["Kubernetes"]),
    ]


def test_chinese_titles_form_one_han_group_and_latin_ones_keep_their_letter() -> None:
    assert _groups(["抽象", "API 网关", "敏捷软件开发"], "zh-CN", "汉字") == [
        ("汉字", ["抽象", "敏捷软件开发"]),
        ("A", ["API 网关"]),
    ]


CNCF_LANGUAGES = ("ja", "ko", "zh-cn", "hi", "ur", "de", "ru", "tr", "bn")


@pytest.mark.parametrize("language", CNCF_LANGUAGES)
def test_every_cncf_title_gets_a_group_of_its_language(
    corpus: Callable[[str], Path], language: str
) -> None:
    folder = corpus("cncf-glossary") / language
    fronts = [yaml.safe_load(p.read_text("utf-8").split("---")[1]) for p in folder.glob("*.md")]
    titles = [str(next(iter(front.values()))) for front in fronts]  # title comes first
    assert len(titles) >= 10
    groups = group_by_letter(((t, t) for t in titles), language, "漢字")
    assert sum(len(g.items) for g in groups) == len(titles)
    ids = [g.id for g in groups]
    assert len(ids) == len(set(ids))
    assert "letter-other" not in ids
    for group in groups:  # items in order, and every title of a group has its label
        assert list(group.items) == sorted(group.items, key=lambda t: sort_key(t, language))
        assert {group_label(t, language, "漢字") for t in group.items} == {group.label}
    native = {"ja": "か", "ko": "ㅋ", "zh-cn": "漢字", "hi": "क", "ur": "ک", "ru": "К"}
    if language in native:  # the language's own letters come before Latin ones
        labels = [g.label for g in groups]
        assert native[language] in labels
        latin = [i for i, label in enumerate(labels) if label.isascii() and label.isalpha()]
        assert all(i > labels.index(native[language]) for i in latin)
