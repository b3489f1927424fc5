"""JSON and CSV exports: everything the YAML holds, and a spreadsheet for translators."""

from __future__ import annotations

import csv
import io
import json

from kb.licence import CONTENT_LICENCE, adapted_works, attribution
from kb.model import LANGUAGES, Concept, Glossary, Language
from kb.translation import FieldState, field_statuses

CSV_COLUMNS = ("id", "field", "en", "uk", "status")
#: Concept fields offered to translators, in file order.
CSV_FIELDS = ("term", "abbreviation", "synonyms", "definition", "notes")
SYNONYM_SEPARATOR = "; "
#: Rows before the header that start with this are the file's own metadata (the licence);
#: kb import skips them.
CSV_COMMENT = "#"
#: A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Prefixed to such cells so that spreadsheets show them as text; also to cells that start with
#: it already, so that kb import can strip exactly one and get the text back.
CELL_ESCAPE = "'"


def render_json(glossary: Glossary) -> str:
    """``{"licence": {...}, "concepts": [...], "articles": [...], "sources": {...}, "figures": {...}}``."""
    payload = {
        "licence": licence_record(glossary),
        "concepts": [glossary.concepts[i].document.data for i in sorted(glossary.concepts)],
        "articles": [glossary.articles[i].document.data for i in sorted(glossary.articles)],
        "sources": _data_of(glossary, "sources"),
        "figures": _data_of(glossary, "figures"),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def licence_record(glossary: Glossary) -> dict:
    """The content licence, the attribution statement per language and the ids of the adapted works."""
    return {
        "name": CONTENT_LICENCE.name,
        "url": CONTENT_LICENCE.url,
        "attribution": {language.value: attribution(glossary, language) for language in LANGUAGES},
        "adapted_from": [work.id for work in adapted_works(glossary)],
    }


def licence_rows(glossary: Glossary) -> list[list[str]]:
    """The CSV's first rows: one cell each, the attribution per language, marked with CSV_COMMENT."""
    return [[f"{CSV_COMMENT} {attribution(glossary, language)}"] for language in LANGUAGES]


def _data_of(glossary: Glossary, key: str) -> dict:
    merged: dict = {}
    for document in glossary.documents:
        if document.path.parent.name in ("terms", "concepts"):
            continue
        value = document.data.get(key)
        if isinstance(value, dict):
            merged.update(value)
    return dict(sorted(merged.items()))


def cell_text(concept: Concept, language: Language, field: str) -> str:
    """A field's text as a spreadsheet cell; synonyms joined with '; '."""
    text = concept.text(language)
    if text is None:
        return ""
    value = getattr(text, field)
    if field == "synonyms":
        return SYNONYM_SEPARATOR.join(value)
    return value or ""


def escape_cell(text: str) -> str:
    """The text as a cell no spreadsheet runs as a formula; ``unescape_cell`` gives it back."""
    return CELL_ESCAPE + text if text.startswith((*FORMULA_STARTS, CELL_ESCAPE)) else text


def unescape_cell(cell: str) -> str:
    """A cell's text without the export's escaping; cells typed without it are taken as they are."""
    return cell.removeprefix(CELL_ESCAPE)


def cell_status(concept: Concept, field: str, states: dict[tuple[str, str], FieldState]) -> str:
    """translated, missing or stale, from the target language's point of view."""
    if (concept.id, field) in states:
        return states[(concept.id, field)].value
    target = concept.source_language.other
    source_has = bool(cell_text(concept, concept.source_language, field))
    target_has = bool(cell_text(concept, target, field))
    return FieldState.MISSING.value if source_has and not target_has else FieldState.TRANSLATED.value


def render_csv(glossary: Glossary) -> str:
    """UTF-8 with a byte-order mark, so spreadsheets open Cyrillic correctly; one row per concept field.

    The licence and attribution come first, one row per language, as CSV has no other place for them.
    Every other cell is escaped against formula injection (``escape_cell``).
    """
    states = {
        (status.entry.id, status.field): status.state for status in field_statuses(glossary) if status.kind == "concept"
    }
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(licence_rows(glossary))
    writer.writerow(CSV_COLUMNS)
    for concept_id in sorted(glossary.concepts):
        concept = glossary.concepts[concept_id]
        for field in CSV_FIELDS:
            english = cell_text(concept, Language.EN, field)
            ukrainian = cell_text(concept, Language.UK, field)
            if english or ukrainian:
                row = (concept_id, field, english, ukrainian, cell_status(concept, field, states))
                writer.writerow([escape_cell(value) for value in row])
    return "\ufeff" + buffer.getvalue()
