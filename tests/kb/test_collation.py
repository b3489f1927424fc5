from __future__ import annotations

from kb.collation import UKRAINIAN_ALPHABET, letter_group, sort_key
from kb.model import Language


def test_ukrainian_alphabet_order_of_letters() -> None:
    letters = list(UKRAINIAN_ALPHABET)
    assert sorted(reversed(letters), key=lambda t: sort_key(t, Language.UK)) == letters


def test_ukrainian_words_sort_by_the_ukrainian_alphabet() -> None:
    words = ["ящик", "ґанок", "гора", "єнот", "етап", "їжа", "іспит", "йод", "иній", "аутсорсинг", "ь"]
    assert sorted(words, key=lambda t: sort_key(t, Language.UK)) == [
        "аутсорсинг",
        "гора",
        "ґанок",
        "етап",
        "єнот",
        "иній",
        "іспит",
        "їжа",
        "йод",
        "ь",
        "ящик",
    ]


def test_apostrophe_and_hyphen_do_not_take_part() -> None:
    words = ["пʼять", "пасив", "кол-центр", "колега"]
    assert sorted(words, key=lambda t: sort_key(t, Language.UK)) == ["колега", "кол-центр", "пасив", "пʼять"]


def test_latin_terms_follow_cyrillic_in_ukrainian_and_precede_it_in_english() -> None:
    assert sorted(["SLA", "аутсорсинг"], key=lambda t: sort_key(t, Language.UK)) == ["аутсорсинг", "SLA"]
    assert sorted(["аутсорсинг", "SLA"], key=lambda t: sort_key(t, Language.EN)) == ["SLA", "аутсорсинг"]


def test_english_ignores_case_and_accents() -> None:
    assert sorted(["Zeta", "élan", "alpha"], key=lambda t: sort_key(t, Language.EN)) == ["alpha", "élan", "Zeta"]


def test_letter_groups() -> None:
    assert letter_group("ґанок", Language.UK) == "Ґ"
    assert letter_group("єнот", Language.UK) == "Є"
    assert letter_group("élan", Language.EN) == "E"
    assert letter_group("24/7 support", Language.EN) == "#"
