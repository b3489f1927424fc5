"""Lemmas, forms and search prefixes of Ukrainian and English words."""

from __future__ import annotations

import pytest

from kb.model import Language
from kb.morphology import is_acronym, lemmas, prefixes, ukrainian_forms


@pytest.mark.parametrize(
    ("text_word", "term_word"),
    [
        ("аутсорсингом", "аутсорсинг"),
        ("кол-центрами", "кол-центр"),
        ("змінними", "змінні"),
        ("витратами", "витрати"),
        ("компетенціями", "компетенції"),
        ("зобов'язань", "зобовʼязання"),
        ("Зобов’язання", "зобовʼязання"),
    ],
)
def test_an_inflected_ukrainian_word_shares_a_lemma_with_its_term(text_word: str, term_word: str) -> None:
    assert lemmas(text_word, Language.UK) & lemmas(term_word, Language.UK)


@pytest.mark.parametrize(("one", "other"), [("outsourced", "outsourcing"), ("centres", "centre")])
def test_english_inflections_share_a_stem(one: str, other: str) -> None:
    assert lemmas(one, Language.EN) == lemmas(other, Language.EN)


def test_different_words_do_not_share_a_lemma() -> None:
    assert not lemmas("витратами", Language.UK) & lemmas("компетенції", Language.UK)
    assert lemmas("offshore", Language.EN) != lemmas("outsourcing", Language.EN)


def test_acronyms_are_compared_letter_for_letter() -> None:
    assert is_acronym("SLA") and is_acronym("CapEx")
    assert not is_acronym("Sla") and not is_acronym("ІТ")
    assert lemmas("SLA", Language.UK) == frozenset({"SLA"})
    assert not lemmas("SLAs", Language.EN) & lemmas("SLA", Language.EN)


def test_forms_cover_the_paradigm() -> None:
    assert {"аутсорсинг", "аутсорсингу", "аутсорсингом", "аутсорсингові"} <= ukrainian_forms("аутсорсинг")


@pytest.mark.parametrize(
    ("word", "expected"),
    [("витрати", ["витрат"]), ("аутсорсинг", ["аутсорсинг"]), ("кол-центр", ["кол-центр"])],
)
def test_one_prefix_starts_every_form_of_a_regular_word(word: str, expected: list[str]) -> None:
    assert prefixes(ukrainian_forms(word)) == expected


def test_an_alternating_stem_gets_a_prefix_per_alternant() -> None:
    forms = frozenset({"рік", "року", "роки", "років", "році"})
    assert prefixes(forms) == ["рок", "році", "рік"]
