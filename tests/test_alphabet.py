from glossary_site.alphabet import group_by_letter, group_label, letter_bar, sort_key


def test_accented_latin_letters_group_and_sort_with_their_base_letter() -> None:
    groups = group_by_letter((t, t) for t in ["Epic", "Élan", "eclair", "Ebb"])
    assert [g.label for g in groups] == ["E"]
    assert groups[0].items == ("Ebb", "eclair", "Élan", "Epic")


def test_digits_come_first_and_other_scripts_after_z_under_their_own_letter() -> None:
    titles = ["Жизнь", "Zebra", "3 Amigos", "Apple", "日本", "Ångström"]
    groups = group_by_letter((t, t) for t in titles)
    assert [g.label for g in groups] == ["0–9", "A", "Z", "Ж", "漢字"]  # Han: one group, last
    assert groups[1].items == ("Ångström", "Apple")


def test_leading_punctuation_is_skipped_when_choosing_the_letter() -> None:
    assert group_label("(Re)planning") == "R"
    assert group_label(".NET") == "N"
    assert group_label("***") == "#"


def test_letter_bar_lists_every_letter_and_marks_empty_ones() -> None:
    bar = letter_bar(group_by_letter([("Kanban", 1), ("Жизнь", 2)]))
    labels = [g.label for g in bar]
    assert labels[:26] == [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    assert labels[26:] == ["Ж"]
    assert [g.label for g in bar if g.items] == ["K", "Ж"]
    assert {g.id for g in bar} >= {"letter-a", "letter-k", "letter-u0416"}


def test_sort_key_is_case_insensitive_lower_case_first_on_a_tie() -> None:
    assert sorted(["beta", "Beta", "alpha"], key=sort_key) == ["alpha", "beta", "Beta"]
