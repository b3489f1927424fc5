"""Walking the translatable text of concepts and articles, with the YAML path of each field."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from kb.memo import IdentityMemo
from kb.model import Article, Concept, Glossary, Language
from kb.problems import Level, Problem
from kb.yamldoc import Document


class TextField(NamedTuple):
    """One text value and where it stands (a tuple: tens of thousands are made per run)."""

    document: Document
    language: Language
    keys: tuple[str | int, ...]
    text: str
    is_markdown: bool

    @property
    def where(self) -> str:
        """The field's YAML path as a contributor reads it: ``uk.sections.2.body``."""
        return ".".join(map(str, self.keys))


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


@lru_cache(maxsize=1)
def all_text_fields(glossary: Glossary) -> tuple[TextField, ...]:
    """Every text field of the glossary, walked once and shared by the rules."""
    fields: list[TextField] = []
    for concept in glossary.concepts.values():
        fields.extend(_FIELDS.get((concept,), "concept", lambda c=concept: tuple(concept_fields(c))))
    for article in glossary.articles.values():
        fields.extend(_FIELDS.get((article,), "article", lambda a=article: tuple(article_fields(a))))
    for page in glossary.pages:
        fields.append(TextField(page.document, page.language, ("text",), page.prose, False))  # type: ignore[arg-type]
    return tuple(fields)


@lru_cache(maxsize=1)
def document_fields(glossary: Glossary) -> tuple[list[TextField], ...]:
    """Every text field of the glossary, grouped by document, grouped once and shared."""
    return tuple(fields_by_document(all_text_fields(glossary)))


def fields_by_document(fields: Iterable[TextField]) -> list[list[TextField]]:
    """The fields grouped by the document (file) they come from, in order of first appearance."""
    groups: dict[int, list[TextField]] = {}
    for field in fields:
        groups.setdefault(id(field.document), []).append(field)
    return list(groups.values())


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
