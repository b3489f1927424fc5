"""Both languages carry the text; a gap is a warning (translation is work in progress).

Passes: a concept with ``en`` and ``uk`` sections that both have term, definition and notes.
Warns:  ``uk`` missing, or ``uk`` without the ``notes`` that ``en`` has (missing-translation);
        an article whose languages have different numbers of sections.
Fails:  a concept with no term or no definition in any language (missing-text).
Abbreviations and synonyms belong to each language's usage and are not required to match.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from kb.memo import IdentityMemo
from kb.model import Article, Concept, Glossary, Language
from kb.problems import Level, Problem
from kb.yamldoc import Document

if TYPE_CHECKING:
    from kb.file_results import FileResults

REQUIRED_CONCEPT_TEXT = ("term", "definition")
TRANSLATED_CONCEPT_FIELDS = ("term", "definition", "notes")
REQUIRED_ARTICLE_TEXT = ("title", "summary", "sections")


def check(glossary: Glossary, kept: FileResults | None = None) -> list[Problem]:
    """With ``kept``, an unchanged file's problems are those an earlier run found (a concept's or
    an article's depend on its own file alone)."""
    problems: list[Problem] = []
    for concept in glossary.concepts.values():
        problems.extend(
            _kept(kept, concept.document, lambda c=concept: _CONCEPTS.get((c,), None, lambda: tuple(_check_concept(c))))
        )
    for article in glossary.articles.values():
        problems.extend(_kept(kept, article.document, lambda a=article: tuple(_check_article(a))))
    for figure in glossary.figures.values():
        document = glossary.document_of_figure(figure.id)
        for language in Language:
            if document and language not in figure.labels and language.other in figure.labels:
                message = f"figures.{figure.id}.label: expected a {language.value!r} label; found none"
                problems.append(
                    document.problem(Level.WARNING, ["figures", figure.id, "label"], "missing-translation", message)
                )
    return problems


def _kept(
    kept: FileResults | None, document: Document, compute: Callable[[], tuple[Problem, ...]]
) -> tuple[Problem, ...]:
    return compute() if kept is None else kept.file_result(document.path, "translations", compute)


def _check_article(article: Article) -> list[Problem]:
    return [
        *_check_texts(article.document, article.texts, REQUIRED_ARTICLE_TEXT, REQUIRED_ARTICLE_TEXT),
        *_section_counts(article.document, article.texts),
    ]


#: A concept's problems, by its identity (they depend on the concept alone).
_CONCEPTS = IdentityMemo(100_000)


def _check_concept(concept: Concept) -> list[Problem]:
    return _check_texts(concept.document, concept.texts, REQUIRED_CONCEPT_TEXT, TRANSLATED_CONCEPT_FIELDS)


def _has(text: object, name: str) -> bool:
    return bool(getattr(text, name, None))


def _check_texts(
    document: Document, texts: Mapping, required: tuple[str, ...], translated: tuple[str, ...]
) -> list[Problem]:
    problems: list[Problem] = []
    for name in required:
        if not any(_has(text, name) for text in texts.values()):
            message = f"expected {name!r} in at least one language section; found it in none"
            problems.append(document.problem(Level.ERROR, [], "missing-text", message))
    for language in Language:
        own, other = texts.get(language), texts.get(language.other)
        if other is None:
            continue
        if own is None:
            message = (
                f"expected a {language.value!r} section translating {language.other.value!r}; "
                f"found none (the site shows the {language.other.value!r} text with a notice)"
            )
            problems.append(
                document.problem(Level.WARNING, [language.other.value], "missing-translation", message, key=True)
            )
            continue
        for name in translated:
            if _has(other, name) and not _has(own, name):
                message = (
                    f"{language.value}.{name}: expected a translation of {language.other.value}.{name}; found none"
                )
                problems.append(
                    document.problem(Level.WARNING, [language.value], "missing-translation", message, key=True)
                )
    return problems


def _section_counts(document: Document, texts: Mapping) -> list[Problem]:
    english, ukrainian = texts.get(Language.EN), texts.get(Language.UK)
    if not english or not ukrainian or not english.sections or not ukrainian.sections:
        return []
    if len(english.sections) == len(ukrainian.sections):
        return []
    message = f"uk.sections: expected {len(english.sections)} sections as in en; found {len(ukrainian.sections)}"
    return [document.problem(Level.WARNING, ["uk", "sections"], "section-mismatch", message)]
