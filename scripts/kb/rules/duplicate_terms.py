"""One term names one concept per language.

Passes: "call centre" on call-centre and "contact centre" on contact-centre.
Fails:  "call centre" as the term of call-centre and a synonym of contact-centre (duplicate-term);
        a synonym that repeats the concept's own term.
Comparison ignores case, Unicode normalisation form, repeated spaces and the apostrophe variant.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from kb.model import Glossary, Language
from kb.problems import Problem, error
from kb.rules.text_fields import TextField, concept_fields

_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"'": "ʼ", "’": "ʼ", "`": "ʼ"})


def normalise_term(text: str) -> str:
    """The form two terms are compared in."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).translate(_APOSTROPHES)).strip().casefold()


def check(glossary: Glossary) -> list[Problem]:
    """Every use of a shared term is reported, each naming where else it stands."""
    uses: dict[tuple[Language, str], list[TextField]] = defaultdict(list)
    for concept_id in sorted(glossary.concepts):
        for field in concept_fields(glossary.concepts[concept_id]):
            if field.keys[1] in ("term", "synonyms"):
                uses[(field.language, normalise_term(field.text))].append(field)
    problems: list[Problem] = []
    for (language, _), fields in uses.items():
        if len(fields) < 2:
            continue
        for field in fields:
            others = ", ".join(_describe(other, field) for other in fields if other is not field)
            line, column = field.document.position(field.keys)
            where = ".".join(map(str, field.keys))
            problems.append(error(field.document.path, line, column, "duplicate-term",
                                  f"{where}: expected a term used once in {language.value!r}; "
                                  f"found {field.text!r}, also {others}"))
    return problems


def _describe(other: TextField, current: TextField) -> str:
    line, _ = other.document.position(other.keys)
    where = ".".join(map(str, other.keys))
    place = "this file" if other.document is current.document else f"{other.document.path.parent.name}/{other.document.path.name}"
    return f"{where} in {place} (line {line})"
