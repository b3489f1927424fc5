"""American spellings of British words, decided by Hunspell once per word."""

from __future__ import annotations

import pytest

from kb import spelling_variants
from kb.spelling_variants import american_to_british, candidates


def test_a_word_no_correspondence_applies_to_never_reaches_hunspell(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[set[str]] = []
    real = spelling_variants._unknown
    monkeypatch.setattr(spelling_variants, "_unknown", lambda words, d: asked.append(set(words)) or real(words, d))
    words = {"Editnumberseven", "zqxwvk", "spreadsheet"}
    assert all(not candidates(word.lower()) for word in words)
    assert american_to_british(words) == {}
    assert asked == []
    # A word a correspondence applies to is asked about, once.
    american_to_british({"zorbour"})
    assert asked and asked[0] == {"zorbour"}
    count = len(asked)
    american_to_british({"zorbour"})
    assert len(asked) == count


def test_british_words_get_their_american_spellings() -> None:
    variants = american_to_british({"centre", "organisation", "four", "program"})
    assert variants["center"] == "centre" and variants["organization"] == "organisation"
    assert "for" not in variants and "program" not in variants
