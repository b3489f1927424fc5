"""Deprecated and obsolete terms are not used in running text: the preferred term is.

Passes: ``Компанії вдаються до аутсорсингу.``
Warns:  ``Компанії вдаються до аутсорсу.`` when «аутсорс» is a deprecated synonym of
        outsourcing (deprecated-term, naming «аутсорсинг» and where the text stands).
A mention in quotes or emphasis («аутсорс», *outsource*) talks about the word and is left alone.

Mentions are found in any inflected form, as the term links find them (Ukrainian lemmas,
English stems), in definitions, notes, article summaries and sections, and the hand-written
pages, in the language of each.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from kb.memo import Memo
from kb.model import LANGUAGES, Glossary, Language
from kb.morphology import WORD, lemmas
from kb.problems import Level, Problem
from kb.render.term_links import Mention, TermMatcher, TermName
from kb.rules.text_fields import DocumentFields, TextField, documents, field_problem

if TYPE_CHECKING:
    from kb.file_results import FileResults

_OPENING = "«“„\"'\u2018*_"
_CLOSING = "»”“\"'’*_"


def discouraged_matcher(glossary: Glossary, language: Language) -> tuple[TermMatcher, dict[str, tuple[str, str, str]]]:
    """A matcher of the deprecated and obsolete names, and key → (concept, name, status)."""
    names: list[TermName] = []
    found: dict[str, tuple[str, str, str]] = {}
    for concept in glossary.concepts.values():
        text = concept.text(language)
        for name in text.designations if text else ():
            if not name.discouraged:
                continue
            words = tuple(lemmas(match.group(), language) for match in WORD.finditer(name.text))
            if words:
                key = f"{concept.id}\n{name.text}"
                names.append(TermName(key, words))
                found[key] = (concept.id, name.text, name.status.value)
    return TermMatcher(names, language), found


def _quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and text[start - 1] in _OPENING and text[end : end + 1] in _CLOSING


def _running_text(field: TextField) -> bool:
    """Definitions, notes, summaries, sections and hand-written pages; not names or headings."""
    return field.is_markdown or field.keys == ("text",)


#: (language, the discouraged names, text) → their mentions: validating again after an edit
#: scans only the texts that changed.
_MENTIONS = Memo(200_000)


def _mentions(matcher: TermMatcher, names: tuple[str, ...], text: str) -> tuple[Mention, ...]:
    return _MENTIONS.get((matcher.language, names, text), lambda: tuple(matcher.mentions(text)))


#: A language's matcher of discouraged names, key → (concept, name, status), and the keys.
_Matcher = tuple[TermMatcher, dict[str, tuple[str, str, str]], tuple[str, ...]]


def check(glossary: Glossary, kept: FileResults | None = None) -> list[Problem]:
    """With ``kept``, an unchanged file's problems are those an earlier run found while the
    discouraged names (and their concepts' preferred terms) were the same."""
    table = _discouraged_table(glossary)
    if not any(table.values()):
        return []  # nothing is discouraged: no text is read
    matchers: dict[Language, _Matcher] = {}

    def document_problems(document: DocumentFields) -> tuple[Problem, ...]:
        if not matchers:  # made only when a file is read (lemmas load the morphology)
            for language in LANGUAGES:
                matcher, found = discouraged_matcher(glossary, language)
                matchers[language] = (matcher, found, tuple(found))
        return tuple(_field_problems(glossary, document.fields, matchers))

    if kept is None:
        return [problem for document in documents(glossary) for problem in document_problems(document)]
    # In the matcher's order, not sorted: of two names with the same words, the first one read
    # is the one a mention names, so reordering names (or files) changes what a text says.
    version = hashlib.blake2b(
        repr([(language.value, rows) for language, rows in table.items()]).encode(), digest_size=16
    ).hexdigest()
    problems: list[Problem] = []
    for document in documents(glossary):
        path = document.document.path
        found = kept.file_problems(path, "terminology")
        if found is None or found[0] != version:
            found = (version, document_problems(document))
            kept.keep_file_problems(path, "terminology", found)
        problems.extend(found[1])
    return problems


def _discouraged_table(glossary: Glossary) -> dict[Language, tuple[tuple[str, str, str, str], ...]]:
    """Per language: (concept, discouraged name, its status, the preferred term), what the
    problems of a text depend on besides the text."""
    table: dict[Language, list[tuple[str, str, str, str]]] = {language: [] for language in LANGUAGES}
    for concept in glossary.concepts.values():
        for language, text in concept.texts.items():
            for name in text.designations:
                if name.discouraged:
                    table[language].append((concept.id, name.text, name.status.value, text.term))
    return {language: tuple(rows) for language, rows in table.items()}


def _field_problems(
    glossary: Glossary,
    fields: Iterable[TextField],
    matchers: dict[Language, _Matcher],
) -> Iterator[Problem]:
    for field in fields:
        matcher, found, names = matchers[field.language]
        if not found or not _running_text(field):
            continue
        for mention in _mentions(matcher, names, field.text):
            if _quoted(field.text, mention.start, mention.end):
                continue
            concept_id, name, status = found[mention.concept_id]
            concept = glossary.concepts[concept_id]
            preferred = concept.texts[field.language].term
            written = field.text[mention.start : mention.end]
            message = (
                f"{field.where}: expected the preferred term {preferred!r} ({concept_id}); "
                f"found {written!r}, a form of the {status} term {name!r}"
            )
            yield field_problem(field, written, Level.WARNING, "deprecated-term", message)
