"""One term names one concept per language.

Passes: "call centre" on call-centre and "contact centre" on contact-centre.
Fails:  "call centre" as the term of call-centre and a synonym of contact-centre (duplicate-term);
        a synonym that repeats the concept's own term.
Comparison ignores case, Unicode normalisation form, repeated spaces and the apostrophe variant.
"""

from __future__ import annotations

import re
import unicodedata

from kb.model import Glossary, Language
from kb.problems import Problem, error
from kb.rules.text_fields import concept_fields

_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"'": "ʼ", "’": "ʼ", "`": "ʼ"})


def normalise_term(text: str) -> str:
    """The form two terms are compared in."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).translate(_APOSTROPHES)).strip().casefold()


def check(glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[tuple[Language, str], tuple[str, str, int]] = {}
    for concept_id in sorted(glossary.concepts):
        concept = glossary.concepts[concept_id]
        for field in concept_fields(concept):
            if field.keys[1] not in ("term", "synonyms"):
                continue
            key = (field.language, normalise_term(field.text))
            where = ".".join(map(str, field.keys))
            if key not in first:
                line, _ = field.document.position(field.keys)
                first[key] = (concept_id, where, line)
                continue
            owner, owner_where, owner_line = first[key]
            line, column = field.document.position(field.keys)
            elsewhere = "this file" if owner == concept_id else f"glossary/terms/{owner}.yaml"
            problems.append(error(field.document.path, line, column, "duplicate-term",
                                  f"{where}: expected a term used by one concept only in {field.language.value!r}; "
                                  f"found {field.text!r}, already {owner_where} in {elsewhere} (line {owner_line})"))
    return problems
