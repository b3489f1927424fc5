"""Whatever text a concept holds, every export stays well-formed in its own format.

Validation refuses control characters, but an export must not depend on it: the exporters
are run here on concepts whose fields hold any Unicode text (controls, bidi overrides,
noncharacters, markup), and TBX must parse with lxml, SKOS with rdflib and JSON with json.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from rdflib import Graph

from conftest import with_names
from kb.export.formats import render_export
from kb.model import Glossary, Language

ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60)
NASTY = st.sampled_from(["\x00", "\x07", "\x1b[31m", "\x85", "\u202e", "\u2066", "\ufffe", "\uffff", "]]>", "&", "<"])
FIELD_TEXT = st.lists(st.one_of(ANY_TEXT, NASTY), min_size=1, max_size=4).map("".join)


def with_texts(glossary: Glossary, term: str, definition: str, synonym: str) -> Glossary:
    concept = glossary.concepts["outsourcing"]
    english = dataclasses.replace(with_names(concept.texts[Language.EN], term, synonym), definition=definition)
    data = {**concept.document.data, "en": {**concept.document.data["en"], "term": term, "definition": definition}}
    document = dataclasses.replace(concept.document, data=data)
    texts = {**concept.texts, Language.EN: english}
    changed = dataclasses.replace(concept, texts=texts, document=document)
    return dataclasses.replace(glossary, concepts={**glossary.concepts, "outsourcing": changed})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(term=FIELD_TEXT, definition=FIELD_TEXT, synonym=FIELD_TEXT)
def test_every_export_parses_whatever_the_text(
    fixture_glossary: Glossary, term: str, definition: str, synonym: str
) -> None:
    glossary = with_texts(fixture_glossary, term, definition, synonym)
    etree.fromstring(render_export(glossary, "tbx").encode("utf-8"))
    Graph().parse(data=render_export(glossary, "skos"), format="turtle")
    json.loads(render_export(glossary, "json"))
    rows = list(csv.reader(io.StringIO(render_export(glossary, "csv").lstrip("\ufeff"))))
    assert rows[2] == ["id", "field", "en", "uk", "status"]


def test_a_term_with_control_characters_still_names_the_concept_in_tbx(fixture_glossary: Glossary) -> None:
    glossary = with_texts(fixture_glossary, "out\x07sourc\ufffeing", "A \x1b[31mred\x85 definition.", "x\u202e")
    root = etree.fromstring(render_export(glossary, "tbx").encode("utf-8"))
    terms = [term.text for term in root.iter("{*}term")]
    assert "out\ufffdsourc\ufffding" in terms
