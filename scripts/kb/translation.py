"""Translation state of every field: translated, missing or stale, in both directions.

Each entry has a source language (``source_language``, English unless stated). Every field of
the other language records, under ``translated_from``, a short hash of the source text it was
translated from. When the source text changes, exactly the fields whose hash no longer matches
are stale; ``kb stamp`` records the current hashes after a translator has reviewed them.
"""

from __future__ import annotations

import enum
import hashlib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from kb.memo import IdentityMemo
from kb.model import Article, Concept, Glossary, Language

HASH_LENGTH = 8
CONCEPT_FIELDS = ("term", "definition", "notes")


class FieldState(enum.Enum):
    TRANSLATED = "translated"
    MISSING = "missing"
    STALE = "stale"


@dataclass(frozen=True)
class FieldStatus:
    """One translatable field of one entry in its target language."""

    entry: Concept | Article
    kind: str  # "concept" or "article"
    language: Language
    field: str  # "definition", "sections.2", …
    state: FieldState
    source_hash: str

    @property
    def keys(self) -> list[str | int]:
        """Where the field (or, when missing, its language section) stands in the YAML file."""
        section = [self.language.value]
        if self.state is FieldState.MISSING:
            return section if self.entry.text(self.language) else []
        head, _, index = self.field.partition(".")
        return [*section, head, int(index)] if index else [*section, head]


def text_hash(text: str) -> str:
    """A short hash of a text, insensitive to Unicode form and to line wrapping."""
    normalised = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def source_fields(entry: Concept | Article) -> dict[str, str]:
    """The translatable texts of the entry's source language, by field name."""
    text = entry.text(entry.source_language)
    if text is None:
        return {}
    if isinstance(entry, Concept):
        return {name: getattr(text, name) for name in CONCEPT_FIELDS if getattr(text, name)}
    fields = {name: getattr(text, name) for name in ("title", "summary") if getattr(text, name)}
    for index, section in enumerate(text.sections):
        fields[f"sections.{index}"] = f"{section.heading}\n\n{section.body}"
    return fields


def target_has(entry: Concept | Article, language: Language, field: str) -> bool:
    text = entry.text(language)
    if text is None:
        return False
    head, _, index = field.partition(".")
    if index:
        return int(index) < len(text.sections)
    return bool(getattr(text, head, None))


def field_statuses(glossary: Glossary) -> Iterator[FieldStatus]:
    """The state of every translatable field in the language it must be translated into."""
    entries: list[tuple[str, Concept | Article]] = [
        *(("concept", glossary.concepts[i]) for i in sorted(glossary.concepts)),
        *(("article", glossary.articles[i]) for i in sorted(glossary.articles)),
    ]
    for kind, entry in entries:
        yield from _STATUSES.get((entry,), kind, lambda kind=kind, entry=entry: _entry_statuses(kind, entry))


#: An entry's statuses, by the entry's identity (they depend on nothing else).
_STATUSES = IdentityMemo(100_000)


def _entry_statuses(kind: str, entry: Concept | Article) -> tuple[FieldStatus, ...]:
    target = entry.source_language.other
    recorded = entry.translated_from.get(target, {})
    statuses = []
    for field, source_text in source_fields(entry).items():
        current = text_hash(source_text)
        if not target_has(entry, target, field):
            state = FieldState.MISSING
        elif recorded.get(field) != current:
            state = FieldState.STALE
        else:
            state = FieldState.TRANSLATED
        statuses.append(FieldStatus(entry, kind, target, field, state, current))
    return tuple(statuses)
