"""The glossary as TBX-Basic (ISO 30042:2019, TBX v3, DCA style), for CAT tools and termbases.

One ``conceptEntry`` per concept, with its subject field and cross-references; one ``langSec``
per language the concept has, holding the plain-text definition with its sources and one
``termSec`` for the term, the abbreviation and each synonym. A language section needs a term
(TBX requires one ``termSec`` at least), so a concept with no term in any language is left out.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

from kb.labels import CATEGORIES, ui
from kb.licence import attribution
from kb.model import (
    LANGUAGES,
    Concept,
    Designation,
    Glossary,
    Language,
    NameKind,
    Number,
    SourceKind,
    Status,
    TermStatus,
    TermText,
)
from kb.render.markdown_text import plain_text

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TITLE = "BPO Knowledge Base: glossary of business process outsourcing (English–Ukrainian)"
SOURCE_DESCRIPTION = "Exported from the glossary of the BPO Knowledge Base (one YAML file per concept)."
#: Definitions are exported whole, never shortened.
_NO_LIMIT = 1_000_000

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"


def render_tbx(glossary: Glossary) -> str:
    """The whole glossary as a TBX-Basic document (same glossary, same text)."""
    root = ET.Element("tbx", {"type": "TBX-Basic", "style": "dca", _XML_LANG: "en", "xmlns": NAMESPACE})
    root.append(_header(glossary))
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    exported = {c.id for c in glossary.concepts.values() if any(_term_of(c, lang) for lang in LANGUAGES)}
    for concept_id in sorted(exported):
        body.append(_concept_entry(glossary.concepts[concept_id], glossary, exported))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _header(glossary: Glossary) -> ET.Element:
    header = ET.Element("tbxHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    _text_element(ET.SubElement(file_desc, "titleStmt"), "title", TITLE)
    # The licence and the credits CC BY-SA asks for, in each language.
    publication = ET.SubElement(file_desc, "publicationStmt")
    for language in LANGUAGES:
        _text_element(publication, "p", attribution(glossary, language), **{_XML_LANG: language.value})
    _text_element(ET.SubElement(file_desc, "sourceDesc"), "p", SOURCE_DESCRIPTION)
    return header


def _concept_entry(concept: Concept, glossary: Glossary, exported: set[str]) -> ET.Element:
    entry = ET.Element("conceptEntry", {"id": concept.id})
    _text_element(entry, "descrip", CATEGORIES[Language.EN][concept.category], type="subjectField")
    for related_id in concept.related:
        if related_id in exported:
            other = glossary.concepts[related_id]
            name = _term_of(other, Language.EN) or _term_of(other, Language.UK) or related_id
            _text_element(entry, "ref", name, type="crossReference", target=related_id)
    for language in LANGUAGES:
        text = concept.text(language)
        if text is not None and text.term:
            entry.append(_language_section(concept, text, glossary, language))
    return entry


def _language_section(concept: Concept, text: TermText, glossary: Glossary, language: Language) -> ET.Element:
    section = ET.Element("langSec", {_XML_LANG: language.value})
    if text.definition:
        group = ET.SubElement(section, "descripGrp")
        definition = plain_text(text.definition, glossary, language, limit=_NO_LIMIT)
        _text_element(group, "descrip", definition, type="definition")
        titles = [
            _source_name(glossary, s, language) for s in concept.sources_of("definition") if s in glossary.sources
        ]
        if titles:
            _text_element(group, "admin", "; ".join(titles), type="source")
    for name in designations(concept, text):
        section.append(_term_section(name, language))
    return section


def _source_name(glossary: Glossary, source_id: str, language: Language) -> str:
    source = glossary.sources[source_id]
    if source.kind is SourceKind.EDITORIAL:
        editors = ui(language, "editorial")
        return editors[:1].upper() + editors[1:]
    return source.title


#: TBX-Basic's administrativeStatus values; it has no "obsolete", only "superseded".
ADMINISTRATIVE_STATUS = {
    TermStatus.PREFERRED: PREFERRED,
    TermStatus.ADMITTED: ADMITTED,
    TermStatus.DEPRECATED: DEPRECATED,
    TermStatus.OBSOLETE: "supersededTerm-admn-sts",
}


def designations(concept: Concept, text: TermText) -> list[Designation]:
    """Each distinct name of the concept in one language, the main term first; every name of a
    deprecated concept is deprecated."""
    result: list[Designation] = []
    seen: set[str] = set()
    for name in text.designations:
        if name.text in seen:
            continue
        seen.add(name.text)
        if concept.status is Status.DEPRECATED and not name.discouraged:
            name = dataclasses.replace(name, status=TermStatus.DEPRECATED)
        result.append(name)
    return result


def abbreviation_type(abbreviation: str) -> str:
    """``acronym`` for an all-capitals abbreviation (``BPO``, ``T&M``), ``abbreviation`` otherwise (``CapEx``)."""
    return "acronym" if abbreviation.isupper() else "abbreviation"


def _term_section(name: Designation, language: Language) -> ET.Element:
    """A termSec with TBX-Basic's term-level data categories, in the order its examples use.

    TBX-Basic has no grammaticalNumber or usageNote: a usage note, and the number where it is
    given, go into the term section's ``note`` (allowed by the TBX core structure).
    """
    section = ET.Element("termSec")
    _text_element(section, "term", name.text)
    term_type = abbreviation_type(name.text) if name.kind is NameKind.ABBREVIATION else "fullForm"
    _text_element(section, "termNote", term_type, type="termType")
    _text_element(section, "termNote", name.part_of_speech.value, type="partOfSpeech")
    if name.gender is not None:
        _text_element(section, "termNote", name.gender.value, type="grammaticalGender")
    _text_element(section, "termNote", ADMINISTRATIVE_STATUS[name.status], type="administrativeStatus")
    notes = [NUMBER_NOTES[language][name.number]] if name.number is not None else []
    notes += [name.note] if name.note else []
    if notes:
        _text_element(section, "note", "; ".join(notes))
    return section


#: A term's grammatical number, said in the note of its language.
NUMBER_NOTES = {
    Language.EN: {Number.SINGULAR: "singular only", Number.PLURAL: "plural only"},
    Language.UK: {Number.SINGULAR: "лише однина", Number.PLURAL: "лише множина"},
}


def _term_of(concept: Concept, language: Language) -> str | None:
    text = concept.text(language)
    return text.term if text is not None else None


#: Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with every character XML cannot hold replaced by U+FFFD. Validation refuses them
    in the YAML; this keeps the document well-formed even when validation was skipped."""
    return _NOT_XML.sub("\ufffd", text)


def _text_element(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {name: xml_text(value) for name, value in attributes.items()})
    element.text = xml_text(text)
    return element
