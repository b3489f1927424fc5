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

from kb.memo import Memo
from kb.model import LANGUAGES, Glossary, Language
from kb.morphology import WORD, lemmas
from kb.problems import Level, Problem
from kb.render.term_links import Mention, TermMatcher, TermName
from kb.rules.text_fields import TextField, all_text_fields, field_problem

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


def check(glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    matchers = {language: discouraged_matcher(glossary, language) for language in LANGUAGES}
    names = {language: tuple(found) for language, (_, found) in matchers.items()}
    for field in all_text_fields(glossary):
        matcher, found = matchers[field.language]
        if not found or not _running_text(field):
            continue
        for mention in _mentions(matcher, names[field.language], field.text):
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
            problems.append(field_problem(field, written, Level.WARNING, "deprecated-term", message))
    return problems
