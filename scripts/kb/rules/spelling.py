"""Spelling in both languages, with Debian's Hunspell dictionaries and a project word list.

Passes: words the dictionary (en_GB, uk_UA) or ``glossary/wordlist.<lang>.txt`` knows.
Warns:  ``outsorcing`` in English text, ``аутсорсінг`` in Ukrainian text (misspelling).
Latin words inside Ukrainian text and Cyrillic words inside English text are left to the other
language; abbreviations in capitals are skipped.
Each language is checked with one ``hunspell -l`` run over its distinct words.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kb import hunspell
from kb.model import Glossary, Language
from kb.problems import Level, Problem, warning
from kb.regular_files import RefusedFile, read_regular_file
from kb.rules.text_fields import DocumentFields, TextField, all_text_fields, documents, field_problem
from kb.rules.typography import DASH_IN_WORD, HIDDEN_OR_DASH, INVISIBLE_CHARS, NBSP_IN_WORD

if TYPE_CHECKING:
    from kb.file_results import FileResults

DICTIONARIES = {Language.EN: "en_GB", Language.UK: "uk_UA"}
_MARKUP = re.compile(r"\]\([^)]*\)|`[^`]*`|\{\{.*?\}\}|https?://\S+|<[^>]*>")
_WORD = re.compile(r"[^\W\d_][\w\u02bc'’-]*[^\W\d_]|[^\W\d_]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


def word_list_path(root: Path, language: Language) -> Path:
    return root / f"wordlist.{language.value}.txt"


class Speller:
    """A ``hunspell -l`` process for one language, started early: the dictionary (the Ukrainian
    one is large) loads on the second core while the YAML files are being parsed."""

    def __init__(self, language: Language, word_list: Path) -> None:
        self.language = language
        # Always a word list, the project's or none (see kb.hunspell for what Hunspell would
        # read otherwise).
        words = _word_list_bytes(word_list)
        command = hunspell.command(DICTIONARIES[language], word_list if words is not None else None)
        self.answers_key = answers_key(language, word_list)
        self._process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            **hunspell.isolated(),
        )

    def unknown(self, words: set[str]) -> set[str]:
        """The words Hunspell does not know; the project word list counts as known.

        Answers are remembered for the process (per dictionary and word list), so validating
        again after an edit asks Hunspell only about new words, or nothing at all.
        """
        known = _ANSWERS.setdefault(self.answers_key, {})
        asked = sorted(word for word in words if word not in known)
        if asked:
            output, _ = self._process.communicate("\n".join(asked) + "\n")
            unknown = {line.strip() for line in output.splitlines() if line.strip()}
            known.update((word, word not in unknown) for word in asked)
        else:
            self.close()
        return {word for word in words if not known[word]}

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()


def answers_key(language: Language, word_list: Path) -> tuple:
    """What Hunspell's answers depend on: the language, the word list's bytes, and the versions
    (size, modification time) of Hunspell and of the dictionary files."""
    words = _word_list_bytes(word_list)
    digest = None if words is None else hashlib.blake2b(words, digest_size=16).hexdigest()
    dictionary = _dictionary(language)
    files = [shutil.which("hunspell") or "hunspell"]
    if dictionary is not None:
        files += [f"{dictionary}.dic", f"{dictionary}.aff"]
    return (language.value, digest, *(_version(file) for file in files))


#: The largest word list read (a word list is a few thousand lines).
MAX_WORD_LIST_BYTES = 10_000_000


def _word_list_bytes(word_list: Path) -> bytes | None:
    """The project word list's bytes; None if there is none, or it is not a regular file (a link
    is never followed) within the size limit."""
    try:
        return read_regular_file(word_list, MAX_WORD_LIST_BYTES)
    except (OSError, RefusedFile):
        return None


def _dictionary(language: Language) -> Path | None:
    return hunspell.dictionary(DICTIONARIES[language])


def _version(file: str) -> tuple:
    try:
        status = os.stat(file)
    except OSError:
        return (file,)
    return (file, status.st_size, status.st_mtime_ns)


def unavailable(language: Language) -> bool:
    return shutil.which("hunspell") is None or _dictionary(language) is None


def start_spellers(root: Path) -> dict[Language, Speller]:
    """One speller per language whose dictionary is installed."""
    return {
        language: Speller(language, word_list_path(root, language))
        for language in DICTIONARIES
        if not unavailable(language)
    }


def _spelling_text(text: str) -> str:
    """Markup dropped, and words that hidden characters cut in two joined again.

    A soft hyphen or a no-break space inside a word is the typography rule's finding; spelling
    should judge the word, not its fragments.
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if HIDDEN_OR_DASH.search(text):  # rare: most texts have none of these characters
        text = INVISIBLE_CHARS.sub("", text)
        text = NBSP_IN_WORD.sub(lambda m: m.group(0)[0] + m.group(0)[2], text)
        text = DASH_IN_WORD.sub(lambda m: m.group(0)[0] + "-" + m.group(0)[2], text)
    return _MARKUP.sub(" ", text)


#: Hunspell's answers in this process: (language, word list, its version) → word → known.
_ANSWERS: dict[tuple, dict[str, bool]] = {}


@functools.lru_cache(maxsize=100_000)
def _words_of(text: str, language: Language) -> frozenset[str]:
    found = set(_WORD.findall(_spelling_text(text)))
    # Each word is judged once per process; after that sorting a text's words is set algebra.
    belonging, foreign = _JUDGED[language]
    for word in found.difference(belonging, foreign):
        (belonging if _belongs(word, language) else foreign).add(word)
    return frozenset(found & belonging)


#: Per language: the words judged to belong to its dictionary, and those judged not to.
_JUDGED: dict[Language, tuple[set[str], set[str]]] = {language: (set(), set()) for language in Language}


def _belongs(word: str, language: Language) -> bool:
    if len(word) < 2 or word.isupper() or any(char.isupper() for char in word[1:]):
        return False  # single letters, abbreviations (KPI, CapEx) and brand names (MarketLine)
    cyrillic = bool(_CYRILLIC.search(word))
    if cyrillic and _LATIN.search(word):
        return False  # a mixed-script word is the typography rule's finding
    return cyrillic == (language is Language.UK)


def check(
    glossary: Glossary, spellers: dict[Language, Speller] | None = None, kept: FileResults | None = None
) -> list[Problem]:
    """Warnings for unknown words, or one warning per language saying why it could not be checked.

    With ``kept``, an unchanged file's misspellings are those an earlier run found.
    """
    if glossary.root is None:
        return []
    root = glossary.root
    own = spellers is None
    spellers = start_spellers(root) if spellers is None else spellers
    try:
        return _check(glossary, root, spellers, kept)
    finally:
        if own:
            for speller in spellers.values():
                speller.close()


def _check(
    glossary: Glossary, root: Path, spellers: dict[Language, Speller], kept: FileResults | None
) -> list[Problem]:
    problems = [_unavailable(root, language) for language in DICTIONARIES if language not in spellers]
    if kept is None:
        return [*problems, *_misspellings(all_text_fields(glossary), root, spellers)]
    # A file's misspellings depend on the file, the dictionaries and the word lists (which name
    # the kept results' folder): an unchanged file's are those of the earlier run, and Hunspell's
    # answers about words are those of earlier runs, so it is asked only about new words.
    answers = {speller.answers_key: kept.answers(repr(speller.answers_key)) for speller in spellers.values()}
    for key, known in answers.items():
        _ANSWERS.setdefault(key, {}).update(known)
    new: list[DocumentFields] = []
    for document in documents(glossary):
        found = kept.file_problems(document.document.path, "spelling")
        if found is None:
            new.append(document)
        else:
            problems.extend(found)
    by_path: dict[Path, list[Problem]] = {document.document.path: [] for document in new}
    for problem in _misspellings([field for document in new for field in document.fields], root, spellers):
        by_path[problem.path].append(problem)
    for path, found in by_path.items():
        kept.keep_file_problems(path, "spelling", tuple(found))
        problems.extend(found)
    for key, known in answers.items():
        if len(_ANSWERS[key]) > len(known):
            kept.keep_answers(repr(key), _ANSWERS[key])
    return problems


def _unavailable(root: Path, language: Language) -> Problem:
    return warning(
        root,
        1,
        1,
        "spelling-unavailable",
        f"expected Hunspell with the {DICTIONARIES[language]} dictionary to check "
        "spelling; found none (make installs it: apt-get install hunspell "
        "hunspell-uk hunspell-en-gb)",
    )


def _misspellings(fields: Sequence[TextField], root: Path, spellers: dict[Language, Speller]) -> list[Problem]:
    fields_by_language: dict[Language, list[TextField]] = defaultdict(list)
    for field in fields:
        fields_by_language[field.language].append(field)
    problems: list[Problem] = []
    for language, language_fields in fields_by_language.items():
        speller = spellers.get(language)
        if speller is None:
            continue
        # Each field's words are read once, so the cost grows with the text, not with the number
        # of unknown words times the number of fields.
        field_words = [_words_of(field.text, language) for field in language_fields]
        unknown = speller.unknown(set().union(*field_words))
        for field, words in zip(language_fields, field_words, strict=True):
            for word in sorted(words & unknown):
                problems.append(
                    field_problem(
                        field,
                        word,
                        Level.WARNING,
                        "misspelling",
                        f"{field.where}: expected a word known to the {DICTIONARIES[language]} "
                        f"dictionary or glossary/{word_list_path(root, language).name}; "
                        f"found {word!r}",
                    )
                )
    return problems
