"""Alphabetical order and letter groups for each language.

Code-point order is wrong for Ukrainian (it puts Є, І, Ї before А and Ґ after Я), and the
Unicode default collation (DUCET, e.g. pyuca) treats Ґ/Г, Є/Е, Ї/І and Й/И as one letter
(so "ґанок" sorts before "гора"). ICU's Ukrainian tailoring is right but PyICU must be compiled
against libicu; the 33-letter alphabet below is the whole of what is needed.
"""

from __future__ import annotations

import functools
import unicodedata

from kb.model import Language

UKRAINIAN_ALPHABET = "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ"
LATIN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: Apostrophes and hyphens do not take part in ordering.
_IGNORED = frozenset("ʼ'’-‐ ")
OTHER_GROUP = "#"

_ALPHABETS = {
    Language.UK: UKRAINIAN_ALPHABET + LATIN_ALPHABET,
    Language.EN: LATIN_ALPHABET + UKRAINIAN_ALPHABET,
}
_RANKS = {language: {letter: rank for rank, letter in enumerate(alphabet)} for language, alphabet in _ALPHABETS.items()}


def _base_letter(char: str) -> str:
    """The letter a character is filed under: uppercase, Latin accents dropped (é → E), Ґ Й Ї Є kept."""
    upper = char.upper()
    if upper in UKRAINIAN_ALPHABET:
        return upper
    decomposed = unicodedata.normalize("NFD", upper)
    return decomposed[0] if decomposed else upper


@functools.lru_cache(maxsize=100_000)
def sort_key(text: str, language: Language) -> tuple:
    """A key that orders terms as a dictionary of ``language`` does; ties broken by case and text."""
    ranks = _RANKS[language]
    letters = []
    for char in unicodedata.normalize("NFC", text):
        if char in _IGNORED:
            continue
        base = _base_letter(char)
        letters.append((0, ranks[base]) if base in ranks else (1, ord(char.casefold()[0])))
    return (tuple(letters), text.casefold(), text)


def letter_group(text: str, language: Language) -> str:
    """The heading a term is filed under in the glossary index."""
    for char in unicodedata.normalize("NFC", text):
        if char in _IGNORED:
            continue
        base = _base_letter(char)
        return base if base in _RANKS[language] else OTHER_GROUP
    return OTHER_GROUP


def group_order(group: str, language: Language) -> tuple[int, int]:
    ranks = _RANKS[language]
    return (0, ranks[group]) if group in ranks else (1, 0)
