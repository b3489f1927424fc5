"""One term names one concept per language.

Passes: "call centre" on call-centre and "contact centre" on contact-centre.
Fails:  "call centre" as the term of call-centre and a synonym of contact-centre (duplicate-term);
        a synonym that repeats the concept's own term.
Comparison ignores case, Unicode normalisation form, repeated spaces, the apostrophe variant and
Latin letters that look like Cyrillic ones.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from typing import TYPE_CHECKING

from kb.model import Glossary
from kb.problems import Problem, error

if TYPE_CHECKING:
    from kb.file_results import FileResults
from kb.rules.text_fields import DocumentFields, TextField, documents, is_term_or_synonym

_APOSTROPHES = str.maketrans({"'": "ʼ", "’": "ʼ", "`": "ʼ"})
_LOOK_ALIKES = str.maketrans("aceiopxy", "асеіорху")


@functools.lru_cache(maxsize=200_000)
def normalise_term(text: str) -> str:
    """The form two terms are compared in: one Unicode form, case, spacing and apostrophe, and
    Latin look-alikes read as the Cyrillic letters they imitate (so "ефективнiсть" with a Latin i
    collides with "ефективність")."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.translate(_APOSTROPHES).split()).casefold().translate(_LOOK_ALIKES)


def check(glossary: Glossary, kept: FileResults | None = None) -> list[Problem]:
    """Every use of a shared term is reported, each naming where else it stands.

    With ``kept``, an unchanged file's compared forms are those an earlier run made.
    """
    uses: dict[tuple[str, str], list[tuple[DocumentFields, int]]] = defaultdict(list)
    for document in documents(glossary):
        for index, language, name in _names(document, kept):
            uses[(language, name)].append((document, index))
    problems: list[Problem] = []
    for (language, _), places in uses.items():
        if len(places) < 2:
            continue
        fields = [document.fields[index] for document, index in places]  # walked only here
        for field in fields:
            others = ", ".join(_describe(other, field) for other in fields if other is not field)
            line, column = field.document.position(field.keys)
            problems.append(
                error(
                    field.document.path,
                    line,
                    column,
                    "duplicate-term",
                    f"{field.where}: expected a term used once in {language!r}; found {field.text!r}, also {others}",
                )
            )
    return problems


def _names(document: DocumentFields, kept: FileResults | None) -> tuple[tuple[int, str, str], ...]:
    """(index among the document's fields, language, compared form) of its terms and synonyms."""

    def names() -> tuple[tuple[int, str, str], ...]:
        return tuple(
            (index, field.language.value, normalise_term(field.text))
            for index, field in enumerate(document.fields)
            if is_term_or_synonym(field)
        )

    return names() if kept is None else kept.file_result(document.document.path, "names", names)


def _describe(other: TextField, current: TextField) -> str:
    line, _ = other.document.position(other.keys)
    document = other.document
    place = "this file" if document is current.document else f"{document.path.parent.name}/{document.path.name}"
    return f"{other.where} in {place} (line {line})"
