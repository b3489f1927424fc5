"""A concept's names as a termbase shows them: status, grammar and usage note of each, and the
equivalents in the other language, marked with their language and linked to that page.

Preferred and admitted names are listed as they are; deprecated and obsolete ones under a label
that says so in the page's language (never only struck through).
"""

from __future__ import annotations

import html

from kb.labels import GRAMMAR, TERM_STATUSES, ui
from kb.model import Concept, Designation, Language, NameKind, PartOfSpeech, TermStatus, TermText
from kb.render.escaping import escape
from kb.render.urls import concept_url


def grammar_marks(name: Designation, language: Language) -> str:
    """``мн.``, ``ж.``, ``adj.``: the name's part of speech (unless a noun), gender and number."""
    marks = [] if name.part_of_speech is PartOfSpeech.NOUN else [GRAMMAR[language][name.part_of_speech]]
    marks += [GRAMMAR[language][value] for value in (name.gender, name.number) if value is not None]
    return " ".join(mark for mark in marks if mark)


def name_markdown(name: Designation, language: Language) -> str:
    """A name with its grammar marks (in ``language``) and usage note: ``витрати *мн.* (розмовне)``."""
    text = escape(name.text)
    marks = grammar_marks(name, language)
    if marks:
        text += f" *{escape(marks)}*"
    if name.note:
        text += f" ({escape(name.note)})"
    return text


def _by_status(text: TermText) -> dict[TermStatus, list[Designation]]:
    groups: dict[TermStatus, list[Designation]] = {status: [] for status in TermStatus}
    for name in text.designations:
        groups[name.status].append(name)
    return groups


def own_names(text: TermText, language: Language) -> list[str]:
    """Lines for the page's own language: abbreviation, synonyms, then discouraged names."""
    lines = []
    main = next((name for name in text.designations if name.kind is NameKind.TERM), None)
    if main is not None and (grammar_marks(main, language) or main.note):
        lines.append(f"**{ui(language, 'preferred_term')}:** {name_markdown(main, language)}")
    groups = _by_status(text)
    admitted = groups[TermStatus.ADMITTED]
    abbreviations = [name for name in admitted if name.kind is NameKind.ABBREVIATION]
    synonyms = [name for name in admitted if name.kind is NameKind.SYNONYM]
    for label, names in (("abbreviation", abbreviations), ("synonyms", synonyms)):
        if names:
            lines.append(f"**{ui(language, label)}:** " + ", ".join(name_markdown(n, language) for n in names))
    for status in (TermStatus.DEPRECATED, TermStatus.OBSOLETE):
        if groups[status]:
            names = ", ".join(name_markdown(n, language) for n in groups[status])
            lines.append(f"**{ui(language, 'name_' + status.value)}:** {names}")
    return lines


def equivalents(concept: Concept, language: Language) -> str | None:
    """The line naming the concept in the other language: each name marked with its language
    (screen readers switch voice), its grammar and status in the page's language, the main term
    linked to that language's page."""
    other = language.other
    text = concept.text(other)
    if text is None or not text.designations:
        return None
    page = concept_url(concept.id, language)
    href = "../" * page.count("/") + concept_url(concept.id, other)
    names = []
    for name in text.designations:
        shown = escape(name.text)
        if name.kind is NameKind.TERM:
            shown = f'<a href="{html.escape(href)}" hreflang="{other.value}">{shown}</a>'
        if name.note:
            shown += f" ({escape(name.note)})"
        shown = f'<span lang="{other.value}">{shown}</span>'
        marks = grammar_marks(name, language)
        if marks:
            shown += f" *{escape(marks)}*"
        if name.kind is NameKind.ABBREVIATION and name.status is TermStatus.ADMITTED:
            shown += f" — {escape(ui(language, 'abbreviation').lower())}"
        elif name.status is not TermStatus.ADMITTED and name.kind is not NameKind.TERM:
            shown += f" — {escape(TERM_STATUSES[language][name.status])}"
        names.append(shown)
    return f"**{ui(language, 'equivalents_' + other.value)}:** " + " · ".join(names)
