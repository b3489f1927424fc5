"""Walking the translatable text of concepts and articles, with the YAML path of each field."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, partial
from typing import Any, NamedTuple

from kb.memo import IdentityMemo
from kb.model import Article, Concept, Glossary, Language
from kb.problems import Level, Problem
from kb.yamldoc import Document, field_name


class TextField(NamedTuple):
    """One text value and where it stands (a tuple: tens of thousands are made per run)."""

    document: Document
    language: Language
    keys: tuple[str | int, ...]
    text: str
    is_markdown: bool

    @property
    def where(self) -> str:
        """The field's YAML path as a contributor reads it (as schema errors write it too):
        ``uk.sections[2].body``."""
        return field_name(self.keys)


def concept_fields(concept: Concept) -> Iterator[TextField]:
    for language, text in concept.texts.items():
        base: tuple[str | int, ...] = (language.value,)
        section = concept.document.data.get(language.value) or {}
        for name in ("term", "abbreviation"):
            if getattr(text, name) is not None:
                yield from _name_fields(concept, language, (*base, name), section.get(name))
        for index, value in enumerate(section.get("synonyms", ())):
            yield from _name_fields(concept, language, (*base, "synonyms", index), value)
        for index, phrase in enumerate(text.not_linked):
            yield TextField(concept.document, language, (*base, "not_linked", index), phrase, False)
        for name in ("definition", "notes"):
            value = getattr(text, name)
            if value is not None:
                yield TextField(concept.document, language, (*base, name), value, True)


def _name_fields(
    concept: Concept, language: Language, keys: tuple[str | int, ...], value: object
) -> Iterator[TextField]:
    """A name written plain, or its text and usage note when written as a mapping."""
    if isinstance(value, dict):
        yield TextField(concept.document, language, (*keys, "text"), value["text"], False)
        if "note" in value:
            yield TextField(concept.document, language, (*keys, "note"), value["note"], False)
    elif isinstance(value, str):
        yield TextField(concept.document, language, keys, value, False)


def article_fields(article: Article) -> Iterator[TextField]:
    for language, text in article.texts.items():
        base: tuple[str | int, ...] = (language.value,)
        if text.title is not None:
            yield TextField(article.document, language, (*base, "title"), text.title, False)
        if text.summary is not None:
            yield TextField(article.document, language, (*base, "summary"), text.summary, True)
        for index, section in enumerate(text.sections):
            yield TextField(article.document, language, (*base, "sections", index, "heading"), section.heading, False)
            yield TextField(article.document, language, (*base, "sections", index, "body"), section.body, True)


#: An entry's fields, by the entry's identity.
_FIELDS = IdentityMemo(100_000)


class DocumentFields:
    """One document (file) and its text fields, walked on first use: a run that keeps each
    file's results (kb.file_results) walks only the files that changed."""

    __slots__ = ("_fields", "_walks", "document")

    def __init__(self, document: Document, walk: Callable[[], tuple[TextField, ...]]) -> None:
        self.document = document
        self._walks = [walk]
        self._fields: tuple[TextField, ...] | None = None

    @property
    def fields(self) -> tuple[TextField, ...]:
        if self._fields is None:
            self._fields = tuple(field for walk in self._walks for field in walk())
        return self._fields


@lru_cache(maxsize=1)
def documents(glossary: Glossary) -> tuple[DocumentFields, ...]:
    """Every document with text fields: concepts', then articles', then hand-written pages', in
    the order of the glossary; shared by the rules."""
    found: dict[int, DocumentFields] = {}

    def add(document: Document, walk: Callable[[], tuple[TextField, ...]]) -> None:
        known = found.get(id(document))
        if known is None:
            found[id(document)] = DocumentFields(document, walk)
        else:
            known._walks.append(walk)

    for concept in glossary.concepts.values():
        add(concept.document, partial(_FIELDS.get, (concept,), "concept", partial(_walked, concept_fields, concept)))
    for article in glossary.articles.values():
        add(article.document, partial(_FIELDS.get, (article,), "article", partial(_walked, article_fields, article)))
    for page in glossary.pages:
        add(page.document, partial(_page_field, page))
    return tuple(found.values())


def _walked(walk: Callable[[Any], Iterable[TextField]], entry: object) -> tuple[TextField, ...]:
    return tuple(walk(entry))


def _page_field(page: Any) -> tuple[TextField, ...]:
    return (TextField(page.document, page.language, ("text",), page.prose, False),)


@lru_cache(maxsize=1)
def all_text_fields(glossary: Glossary) -> tuple[TextField, ...]:
    """Every text field of the glossary, walked once and shared by the rules."""
    return tuple(field for document in documents(glossary) for field in document.fields)


@lru_cache(maxsize=1)
def document_fields(glossary: Glossary) -> tuple[tuple[TextField, ...], ...]:
    """Every text field of the glossary, grouped by document, grouped once and shared."""
    return tuple(document.fields for document in documents(glossary) if document.fields)


def is_term_or_synonym(field: TextField) -> bool:
    """A concept's term or one of its synonyms (not its abbreviation or a name's usage note)."""
    return len(field.keys) > 1 and field.keys[1] in ("term", "synonyms") and field.keys[-1] != "note"


def problem_position(field: TextField, snippet: str | None = None) -> tuple[int, int]:
    if snippet:
        return field.document.position_of_text(field.keys, snippet)
    return field.document.position(field.keys)


def field_problem(field: TextField, snippet: str | None, level: Level, rule: str, message: str) -> Problem:
    """A problem at ``snippet`` inside the field (at the field itself without one)."""
    line, column = problem_position(field, snippet)
    return Problem(field.document.path, line, column, level, rule, message)
