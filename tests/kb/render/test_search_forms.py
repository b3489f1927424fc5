"""The search box's Ukrainian vocabulary, built from the glossary's terms."""

from __future__ import annotations

import json

from kb.model import Glossary
from kb.render.search_forms import render_search_vocabulary, search_vocabulary


def searched_as(vocabulary: dict, word: str) -> list[str]:
    index = vocabulary["forms"].get(word)
    return [word] if index is None else vocabulary["prefixes"][index].split(" ")


def test_inflected_forms_of_real_terms_are_searched_by_their_stem(real_glossary: Glossary) -> None:
    vocabulary = search_vocabulary(real_glossary)
    assert searched_as(vocabulary, "аутсорсингом") == ["аутсорсинг"]
    assert searched_as(vocabulary, "кол-центрами") == ["кол-центр"]
    assert searched_as(vocabulary, "витратами") == ["витрат"]
    assert searched_as(vocabulary, "змінними") == ["змінн"]
    assert searched_as(vocabulary, "компетенціями") == ["компетенці"]
    assert searched_as(vocabulary, "чатботами") == ["чат-бот"]


def test_every_prefix_starts_the_form_it_stands_for(real_glossary: Glossary) -> None:
    vocabulary = search_vocabulary(real_glossary)
    for form, index in vocabulary["forms"].items():
        starts = vocabulary["prefixes"][index].split(" ")
        # A form typed without its hyphen (чатботи) stands for the hyphenated prefix (чат-бот).
        assert any(form.startswith(start) or form.startswith(start.replace("-", "")) for start in starts), (
            form,
            starts,
        )


def test_abbreviations_and_words_searched_as_typed_are_left_out(fixture_glossary: Glossary) -> None:
    vocabulary = search_vocabulary(fixture_glossary)
    assert all(form == form.lower() for form in vocabulary["forms"])
    assert "аутсорсинг" not in vocabulary["forms"]  # its own prefix: nothing to rewrite
    assert "аутсорсингу" in vocabulary["forms"]


def test_the_file_is_compact_json(real_glossary: Glossary) -> None:
    text = render_search_vocabulary(real_glossary)
    assert json.loads(text) == search_vocabulary(real_glossary)
    assert "\n" not in text and len(text.encode()) < 100_000
