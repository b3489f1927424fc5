"""Word forms: Ukrainian lemmas and paradigms from pymorphy3, English stems from Snowball.

Both the search vocabulary and the term links in articles ask the same two questions: "which
dictionary words can this text word be a form of?" and "what are all the forms of this word?".

>>> sorted(lemmas("змінними", Language.UK))
['змінна', 'змінний']
>>> lemmas("centres", Language.EN) == lemmas("centre", Language.EN)
True
"""

from __future__ import annotations

import functools
import os
import re

import pymorphy3
import snowballstemmer

from kb.model import Language

#: A word: letters and digits, with hyphens and apostrophes inside it (кол-центр, зобовʼязання).
WORD = re.compile(r"[^\W_](?:[\w\u02bc'’-]*[^\W_])?")
#: Apostrophes a reader may type for the Ukrainian one (U+02BC) the texts use.
APOSTROPHES = str.maketrans({"'": "\u02bc", "\u2019": "\u02bc", "\u2018": "\u02bc", "`": "\u02bc"})
#: Forms in a lexeme that share fewer letters than this are searched by several prefixes.
MIN_PREFIX = 3


@functools.cache
def _analyser() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang="uk")


@functools.cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


def is_acronym(word: str) -> bool:
    """SLA, BPO, CapEx-like words are compared letter for letter, never inflected."""
    return sum(ch.isupper() for ch in word) >= 2 and not any("\u0400" <= ch <= "\u04ff" for ch in word)


@functools.lru_cache(maxsize=200_000)
def lemmas(word: str, language: Language) -> frozenset[str]:
    """The dictionary forms ``word`` can be an inflection of (English: its Snowball stem)."""
    if is_acronym(word):
        return frozenset({word})
    lowered = word.lower()
    if language is Language.EN:
        return frozenset({_stemmer().stemWord(lowered.replace("’", "'"))})
    lowered = lowered.translate(APOSTROPHES)
    parses = _analyser().parse(lowered)
    return frozenset(parse.normal_form for parse in parses) | _nouns_of_adjective(parses)


#: Relational adjectives made from a noun: аутсорсинг → аутсорсинговий, офшор → офшорний.
_RELATIONAL_SUFFIX = re.compile(r"(?:ов|ев|єв|н)ий$")


def _nouns_of_adjective(parses: list) -> frozenset[str]:
    """The noun a relational adjective is made from, when the dictionary knows that noun: a term
    (аутсорсинг) is then found in its adjective (аутсорсингових послуг), as ``outsourced`` is in
    English."""
    nouns = set()
    for parse in parses:
        if "ADJF" not in parse.tag:
            continue
        noun = _RELATIONAL_SUFFIX.sub("", parse.normal_form)
        if noun != parse.normal_form and any(
            "NOUN" in p.tag and p.normal_form == noun for p in _analyser().parse(noun)
        ):
            nouns.add(noun)
    return frozenset(nouns)


@functools.lru_cache(maxsize=50_000)
def ukrainian_lexemes(word: str) -> tuple[frozenset[str], ...]:
    """The forms of each dictionary word ``word`` can be, one set per reading (рік: year, river…)."""
    lowered = word.lower().translate(APOSTROPHES)
    return tuple(frozenset(form.word for form in parse.lexeme) for parse in _analyser().parse(lowered))


def ukrainian_forms(word: str) -> frozenset[str]:
    """Every form of every dictionary word ``word`` can be (аутсорсинг → аутсорсингу, …ом, …ові)."""
    return frozenset({word.lower().translate(APOSTROPHES)}).union(*ukrainian_lexemes(word))


def prefixes(forms: frozenset[str]) -> list[str]:
    """The fewest prefixes that still start every form: one for most words, more when the stem
    alternates (рік, року → ``рік``, ``рок``)."""
    groups: dict[str, list[str]] = {}
    for form in sorted(forms):
        groups.setdefault(form[:MIN_PREFIX], []).append(form)
    # Character by character is what is wanted here: these are words, not paths.
    return sorted(os.path.commonprefix(group) for group in groups.values())  # noqa: RUF071
