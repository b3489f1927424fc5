"""The knowledge base as immutable values: concepts, articles, sources and figures.

Language-neutral fields live once on each object; text lives in one section per language.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from kb.yamldoc import Document


class Language(enum.Enum):
    EN = "en"
    UK = "uk"

    @property
    def other(self) -> Language:
        return Language.UK if self is Language.EN else Language.EN


LANGUAGES: tuple[Language, ...] = (Language.EN, Language.UK)
DEFAULT_LANGUAGE = Language.EN


class Category(enum.Enum):
    FUNDAMENTALS = "fundamentals"
    TYPES = "types"
    FUNCTIONS = "functions"
    OPERATIONS = "operations"
    PRICING_AND_CONTRACTS = "pricing-and-contracts"
    BENEFITS_AND_COSTS = "benefits-and-costs"
    MARKETS = "markets"
    TECHNOLOGY = "technology"
    QUALITY = "quality"


class Status(enum.Enum):
    DRAFT = "draft"
    REVIEWED = "reviewed"
    DEPRECATED = "deprecated"


class Unit(enum.Enum):
    USD_BILLION = "usd-billion"
    PERCENT = "percent"
    THOUSAND = "thousand"


class Qualifier(enum.Enum):
    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more-than"


class TermStatus(enum.Enum):
    """A name's standing, as TBX's administrativeStatus has it."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    OBSOLETE = "obsolete"


class PartOfSpeech(enum.Enum):
    NOUN = "noun"
    VERB = "verb"
    ADJECTIVE = "adjective"
    ADVERB = "adverb"
    OTHER = "other"


class Gender(enum.Enum):
    MASCULINE = "masculine"
    FEMININE = "feminine"
    NEUTER = "neuter"


class Number(enum.Enum):
    SINGULAR = "singular"
    PLURAL = "plural"


class NameKind(enum.Enum):
    TERM = "term"
    ABBREVIATION = "abbreviation"
    SYNONYM = "synonym"


@dataclass(frozen=True)
class Designation:
    """One name of a concept in one language with its terminology data (a TBX term section)."""

    text: str
    kind: NameKind
    status: TermStatus
    part_of_speech: PartOfSpeech = PartOfSpeech.NOUN
    gender: Gender | None = None
    number: Number | None = None
    note: str | None = None

    @property
    def discouraged(self) -> bool:
        """Deprecated or obsolete: shown and exported, but flagged wherever it is used."""
        return self.status in (TermStatus.DEPRECATED, TermStatus.OBSOLETE)


@dataclass(frozen=True)
class TermText:
    """A concept's text in one language.

    ``term``, ``abbreviation`` and ``synonyms`` are the names as text; ``designations`` holds
    the same names with their status, grammar and usage notes, the main term first.
    """

    term: str | None = None
    abbreviation: str | None = None
    synonyms: tuple[str, ...] = ()
    definition: str | None = None
    notes: str | None = None
    designations: tuple[Designation, ...] = ()
    #: Phrases that contain a name of the concept but mean something else: never linked to it.
    not_linked: tuple[str, ...] = ()


TRANSLATABLE_TERM_FIELDS = ("term", "abbreviation", "synonyms", "definition", "notes")


@dataclass(frozen=True)
class Concept:
    """A glossary concept, as in ISO terminology work: one idea, named in each language."""

    id: str
    category: Category
    status: Status
    related: tuple[str, ...]
    broader: tuple[str, ...]
    sources: tuple[str, ...]
    texts: Mapping[Language, TermText]
    document: Document = field(compare=False, repr=False)
    source_language: Language = Language.EN
    #: Per target language: field name → hash of the source text it was translated from.
    translated_from: Mapping[Language, Mapping[str, str]] = field(default_factory=dict)
    #: The sources of single fields (``definition``, ``notes``) when the entry gives them apart.
    field_sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def text(self, language: Language) -> TermText | None:
        return self.texts.get(language)

    def sources_of(self, field_name: str) -> tuple[str, ...]:
        """The sources of one field: its own when given, else the entry's."""
        return self.field_sources.get(field_name, self.sources)


@dataclass(frozen=True)
class ArticleSection:
    heading: str
    body: str


@dataclass(frozen=True)
class ArticleText:
    """An article's text in one language."""

    title: str | None = None
    summary: str | None = None
    sections: tuple[ArticleSection, ...] = ()


TRANSLATABLE_ARTICLE_FIELDS = ("title", "summary", "sections")


@dataclass(frozen=True)
class Article:
    """A concept entry: an explanatory article that links the glossary terms it uses."""

    id: str
    order: int
    related: tuple[str, ...]
    sources: tuple[str, ...]
    texts: Mapping[Language, ArticleText]
    document: Document = field(compare=False, repr=False)
    source_language: Language = Language.EN
    translated_from: Mapping[Language, Mapping[str, str]] = field(default_factory=dict)

    def text(self, language: Language) -> ArticleText | None:
        return self.texts.get(language)


class SourceKind(enum.Enum):
    DOCUMENT = "document"
    #: The knowledge base's own editors, writing from general knowledge of the field.
    EDITORIAL = "editorial"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    language: str
    url: str | None = None
    licence: str | None = None
    licence_url: str | None = None
    year: int | None = None
    kind: SourceKind = SourceKind.DOCUMENT


@dataclass(frozen=True)
class Figure:
    """A language-neutral number, formatted per locale when rendered."""

    id: str
    value: float
    unit: Unit
    qualifier: Qualifier
    year: int
    source: str
    labels: Mapping[Language, str]
    #: What the consulted source attributes the figure to, per language, when it names anyone.
    cites: Mapping[Language, str] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Glossary:
    """Everything the loader found valid enough to model."""

    concepts: Mapping[str, Concept] = field(default_factory=dict)
    articles: Mapping[str, Article] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    figures: Mapping[str, Figure] = field(default_factory=dict)
    documents: tuple[Document, ...] = ()
    #: Ids of every concept and article file present, valid or not, so that a reference to a
    #: file with a schema error is not also reported as a reference to nothing.
    concept_ids: frozenset[str] = frozenset()
    article_ids: frozenset[str] = frozenset()
    source_ids: frozenset[str] = frozenset()
    figure_ids: frozenset[str] = frozenset()
    #: The glossary folder (for files beside the data, such as the spelling word lists).
    root: Path | None = None
    #: The site's hand-written pages (kb.hand_written.HandWrittenPage), checked like the texts.
    pages: tuple = ()

    def document_of_figure(self, figure_id: str) -> Document | None:
        """The data file that defines a figure."""
        return self._figure_documents.get(figure_id)

    @functools.cached_property
    def _figure_documents(self) -> dict[str, Document]:
        found: dict[str, Document] = {}
        for document in self.documents:
            figures = document.data.get("figures") if document.path.parent.name == "data" else None
            if isinstance(figures, dict):
                for figure_id in figures:
                    found.setdefault(figure_id, document)
        return found


def freeze(mapping: dict) -> Mapping:
    return MappingProxyType(mapping)
