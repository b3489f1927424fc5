"""Characters that look right and are wrong: mixed scripts, apostrophes, invisible characters.

Passes: ``кол-центр``, ``BPO-компанія`` (each part in one script), ``обʼєм`` (U+02BC).
Fails:  ``кoл-центр`` with a Latin o (mixed-script, with the corrected word);
        ob'yem with a typewriter or closing quote in Ukrainian text (apostrophe);
        a soft hyphen, zero-width space or a no-break space inside a word (invisible-character);
        ``кол–центр`` with an en dash inside the word (dash-in-word).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from kb.memo import IdentityMemo
from kb.model import Glossary, Language
from kb.problems import Level, Problem
from kb.rules.text_fields import TextField, all_text_fields, field_problem

UKRAINIAN_APOSTROPHE = "\u02bc"
_WRONG_APOSTROPHES = "'\u2019\u2018`\u00b4\u02b9\u2032"
_INVISIBLE = {
    "\u00ad": "soft hyphen",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space",
    "\u180e": "Mongolian vowel separator",
}
_NO_BREAK_SPACES = "\u00a0\u202f\u2007"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"

#: Latin letters that look like Cyrillic ones, and back.
_LATIN_TO_CYRILLIC = str.maketrans("aceiopxyABCEHIKMOPTXy", "асеіорхуАВСЕНІКМОРТХу")
_CYRILLIC_TO_LATIN = str.maketrans("асеіорхуАВСЕНІКМОРТХ", "aceiopxyABCEHIKMOPTX")

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|\u02bc)*")
_APOSTROPHE_IN_WORD = re.compile(rf"[^\W\d_][{_WRONG_APOSTROPHES}][^\W\d_]")
INVISIBLE_CHARS = re.compile("[" + "".join(_INVISIBLE) + "]")
NBSP_IN_WORD = re.compile(rf"[^\W\d_][{_NO_BREAK_SPACES}][^\W\d_]")
DASH_IN_WORD = re.compile(rf"[^\W\d_][{_DASHES}][^\W\d_]")
#: Any character that invisible-character, no-break-space or dash-in-word rules look at.
HIDDEN_OR_DASH = re.compile(f"[{''.join(_INVISIBLE)}{_NO_BREAK_SPACES}{_DASHES}]")
_SUSPECT = re.compile(rf"[{_WRONG_APOSTROPHES}{''.join(_INVISIBLE)}{_NO_BREAK_SPACES}{_DASHES}]")
#: A mixed word always has a Latin letter right next to a Cyrillic one.
_SCRIPTS_TOUCH = re.compile(r"[\u0400-\u04ff][A-Za-z\u00c0-\u024f]|[A-Za-z\u00c0-\u024f][\u0400-\u04ff]")


def _script(char: str) -> str:
    if "\u0400" <= char <= "\u04ff":
        return "Cyrillic"
    if char.isascii() or unicodedata.name(char, "").startswith("LATIN"):
        return "Latin"
    return "other"


def fixed_word(word: str) -> str:
    """The word written in the script most of its letters use."""
    cyrillic = sum(1 for char in word if _script(char) == "Cyrillic")
    latin = sum(1 for char in word if _script(char) == "Latin")
    return word.translate(_LATIN_TO_CYRILLIC) if cyrillic >= latin else word.translate(_CYRILLIC_TO_LATIN)


def _mixed_words(field: TextField) -> list[Problem]:
    if not _SCRIPTS_TOUCH.search(field.text):
        return []
    problems = []
    for match in _WORD.finditer(field.text):
        word = match.group(0)
        scripts = {_script(char) for char in word if _script(char) != "other"}
        if len(scripts) > 1:
            problems.append(
                field_problem(
                    field,
                    word,
                    Level.ERROR,
                    "mixed-script",
                    f"{field.where}: expected one alphabet per word; found {word!r}, which mixes Latin "
                    f"and Cyrillic letters (write {fixed_word(word)!r})",
                )
            )
    return problems


def _character_problems(field: TextField) -> list[Problem]:
    if not _SUSPECT.search(field.text):
        return []
    problems = []
    if field.language is Language.UK:
        for match in _APOSTROPHE_IN_WORD.finditer(field.text):
            snippet = match.group(0)
            problems.append(
                field_problem(
                    field,
                    snippet,
                    Level.ERROR,
                    "apostrophe",
                    f"{field.where}: expected the apostrophe ʼ (U+02BC) in Ukrainian words; found "
                    f"{snippet[1]!r} (U+{ord(snippet[1]):04X}) in {snippet!r} (write "
                    f"{snippet[0] + UKRAINIAN_APOSTROPHE + snippet[2]!r})",
                )
            )
    for match in INVISIBLE_CHARS.finditer(field.text):
        char = match.group(0)
        problems.append(
            field_problem(
                field,
                char,
                Level.ERROR,
                "invisible-character",
                f"{field.where}: expected visible text only; found a {_INVISIBLE[char]} (U+{ord(char):04X}): delete it",
            )
        )
    for pattern, rule, what, fix in (
        (NBSP_IN_WORD, "invisible-character", "a no-break space inside a word", "delete it"),
        (DASH_IN_WORD, "dash-in-word", "a dash inside a word", "write a hyphen (-)"),
    ):
        for match in pattern.finditer(field.text):
            snippet = match.group(0)
            problems.append(
                field_problem(
                    field,
                    snippet,
                    Level.ERROR,
                    rule,
                    f"{field.where}: expected a plain word; found {what} "
                    f"(U+{ord(snippet[1]):04X}) in {snippet!r}: {fix}",
                )
            )
    return problems


def check(glossary: Glossary) -> list[Problem]:
    return check_fields(all_text_fields(glossary), glossary)


def check_fields(fields: Iterable[TextField], glossary: Glossary) -> list[Problem]:
    """The problems of these fields (each field's depend on the field alone)."""
    problems: list[Problem] = []
    for field in fields:
        values = (field.language, field.keys, field.text, field.is_markdown)
        problems.extend(
            _FIELDS.get((field.document,), values, lambda f=field: (*_mixed_words(f), *_character_problems(f)))
        )
    return problems


#: A field's problems, by its document's identity and the field (they depend on nothing else).
_FIELDS = IdentityMemo(200_000)
