"""The TBX-Basic export: golden file, TBX-Basic structure on both glossaries, escaping."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import pytest
from lxml import etree

from conftest import FIXTURES, assert_matches_golden, with_names
from kb.export.tbx import abbreviation_type, render_tbx
from kb.model import Glossary, Language, Status

GOLDEN = FIXTURES / "golden" / "export" / "fixture.tbx"
NS = "urn:iso:std:iso:30042:ed-2"
TBX = {"tbx": NS}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# An xml:id is an XML NCName; the glossary's ids are lower-case words joined by hyphens.
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")

TERM_TYPES = {"fullForm", "acronym", "abbreviation", "variant"}
ADMINISTRATIVE_STATUSES = {
    "preferredTerm-admn-sts",
    "admittedTerm-admn-sts",
    "deprecatedTerm-admn-sts",
    "supersededTerm-admn-sts",
}
PARTS_OF_SPEECH = {"noun", "verb", "adjective", "adverb", "properNoun", "other"}


@pytest.fixture(scope="module", params=["fixture", "real"])
def exported(request: pytest.FixtureRequest) -> tuple[Glossary, etree._Element]:
    """Each glossary with its TBX document, parsed."""
    glossary = request.getfixturevalue(f"{request.param}_glossary")
    return glossary, parse(render_tbx(glossary))


def parse(text: str) -> etree._Element:
    return etree.fromstring(text.encode("utf-8"))


def tbx(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def test_fixture_matches_golden_file(fixture_glossary: Glossary) -> None:
    assert_matches_golden(render_tbx(fixture_glossary), GOLDEN)


def test_same_glossary_gives_same_text(fixture_glossary: Glossary) -> None:
    reordered = dataclasses.replace(fixture_glossary, concepts=dict(reversed(fixture_glossary.concepts.items())))
    assert render_tbx(fixture_glossary) == render_tbx(fixture_glossary) == render_tbx(reordered)


def test_document_starts_with_declaration_and_is_indented_by_two_spaces(fixture_glossary: Glossary) -> None:
    lines = render_tbx(fixture_glossary).splitlines()
    assert lines[0] == '<?xml version="1.0" encoding="UTF-8"?>'
    assert lines[1] == '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">'
    assert lines[2] == "  <tbxHeader>"
    assert all((len(line) - len(line.lstrip(" "))) % 2 == 0 for line in lines)


def test_root_is_a_tbx_basic_dca_document(exported: tuple[Glossary, etree._Element]) -> None:
    _, root = exported
    assert root.tag == tbx("tbx")
    assert dict(root.attrib) == {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"}
    assert root.nsmap == {None: NS}
    assert [child.tag for child in root] == [tbx("tbxHeader"), tbx("text")]
    assert root.findtext("tbx:tbxHeader/tbx:fileDesc/tbx:titleStmt/tbx:title", namespaces=TBX)
    assert root.findtext("tbx:tbxHeader/tbx:fileDesc/tbx:sourceDesc/tbx:p", namespaces=TBX)
    assert [child.tag for child in root.find("tbx:text", TBX)] == [tbx("body")]


def test_every_concept_has_one_entry_with_its_id(exported: tuple[Glossary, etree._Element]) -> None:
    glossary, root = exported
    ids = [entry.get("id") for entry in root.iterfind(".//tbx:conceptEntry", TBX)]
    assert ids == sorted(glossary.concepts)
    assert all(NCNAME.match(concept_id) for concept_id in ids), "conceptEntry ids must be valid XML ids"


def test_cross_references_point_at_entries(exported: tuple[Glossary, etree._Element]) -> None:
    glossary, root = exported
    ids = {entry.get("id") for entry in root.iterfind(".//tbx:conceptEntry", TBX)}
    for entry in root.iterfind(".//tbx:conceptEntry", TBX):
        refs = entry.findall("tbx:ref", TBX)
        assert [ref.get("target") for ref in refs] == list(glossary.concepts[entry.get("id")].related)
        for ref in refs:
            assert ref.get("type") == "crossReference"
            assert ref.get("target") in ids
            assert ref.text == glossary.concepts[ref.get("target")].texts[Language.EN].term
    assert not root.xpath("//tbx:ref[not(parent::tbx:conceptEntry)]", namespaces=TBX)


def test_entry_holds_its_data_before_its_language_sections(exported: tuple[Glossary, etree._Element]) -> None:
    glossary, root = exported
    for entry in root.iterfind(".//tbx:conceptEntry", TBX):
        concept = glossary.concepts[entry.get("id")]
        tags = [child.tag for child in entry]
        assert tags[0] == tbx("descrip")
        assert tags.index(tbx("langSec")) == len(tags) - tags.count(tbx("langSec"))
        assert entry.findtext("tbx:descrip[@type='subjectField']", namespaces=TBX)
        languages = [section.get(XML_LANG) for section in entry.iterfind("tbx:langSec", TBX)]
        assert languages == [language.value for language in concept.texts]


def test_language_sections_are_english_or_ukrainian(exported: tuple[Glossary, etree._Element]) -> None:
    _, root = exported
    assert {section.get(XML_LANG) for section in root.iterfind(".//tbx:langSec", TBX)} <= {"en", "uk"}


def test_term_sections_carry_one_term_and_its_term_notes(exported: tuple[Glossary, etree._Element]) -> None:
    _, root = exported
    for section in root.iterfind(".//tbx:termSec", TBX):
        assert section[0].tag == tbx("term")
        assert len(section.findall("tbx:term", TBX)) == 1
        assert section.findtext("tbx:term", namespaces=TBX).strip()
        notes = {note.get("type"): note.text for note in section.iterfind("tbx:termNote", TBX)}
        assert len(notes) == len(section.findall("tbx:termNote", TBX))
        assert set(notes) <= {"termType", "partOfSpeech", "grammaticalGender", "administrativeStatus"}
        assert notes["termType"] in TERM_TYPES
        assert notes["administrativeStatus"] in ADMINISTRATIVE_STATUSES
        assert notes["partOfSpeech"] in PARTS_OF_SPEECH
        assert notes.get("grammaticalGender", "masculine") in {"masculine", "feminine", "neuter", "other"}


def test_each_name_keeps_its_status_grammar_and_note(fixture_glossary: Glossary) -> None:
    root = parse(render_tbx(fixture_glossary))

    def term_section(concept_id: str, language: str, text: str) -> dict[str, str]:
        section = root.xpath(
            f"//tbx:conceptEntry[@id='{concept_id}']/tbx:langSec[@xml:lang='{language}']/tbx:termSec[tbx:term='{text}']",
            namespaces=TBX,
        )[0]
        found = {note.get("type"): note.text for note in section.iterfind("tbx:termNote", TBX)}
        found["note"] = section.findtext("tbx:note", namespaces=TBX)
        return found

    assert term_section("outsourcing", "uk", "аутсорсинг")["grammaticalGender"] == "masculine"
    assert term_section("outsourcing", "uk", "аутсорсинг")["administrativeStatus"] == "preferredTerm-admn-sts"
    colloquial = term_section("outsourcing", "uk", "аутсорс")
    assert (colloquial["administrativeStatus"], colloquial["note"]) == ("deprecatedTerm-admn-sts", "розмовне")
    assert term_section("yield", "en", "throughput yield")["administrativeStatus"] == "supersededTerm-admn-sts"
    assert term_section("outsourcing", "en", "contracting out")["administrativeStatus"] == "admittedTerm-admn-sts"


def test_descriptions_are_subject_fields_or_definitions_at_their_levels(
    exported: tuple[Glossary, etree._Element],
) -> None:
    _, root = exported
    assert {d.get("type") for d in root.iterfind(".//tbx:descrip", TBX)} <= {"subjectField", "definition"}
    for subject_field in root.iterfind(".//tbx:descrip[@type='subjectField']", TBX):
        assert subject_field.getparent().tag == tbx("conceptEntry")
    for definition in root.iterfind(".//tbx:descrip[@type='definition']", TBX):
        group = definition.getparent()
        assert group.tag == tbx("descripGrp")
        assert group.getparent().tag == tbx("langSec")
        assert [child.tag for child in group] in ([tbx("descrip")], [tbx("descrip"), tbx("admin")])
    for source in root.iterfind(".//tbx:admin", TBX):
        assert source.get("type") == "source"


def test_each_language_section_has_one_preferred_term_unless_deprecated(
    exported: tuple[Glossary, etree._Element],
) -> None:
    glossary, root = exported
    for entry in root.iterfind(".//tbx:conceptEntry", TBX):
        deprecated = glossary.concepts[entry.get("id")].status is Status.DEPRECATED
        for section in entry.iterfind("tbx:langSec", TBX):
            statuses = Counter(
                section.xpath("tbx:termSec/tbx:termNote[@type='administrativeStatus']/text()", namespaces=TBX)
            )
            terms = section.xpath("tbx:termSec/tbx:term/text()", namespaces=TBX)
            assert len(terms) == len(set(terms)), "a name appears once per language"
            if deprecated:
                assert set(statuses) == {"deprecatedTerm-admn-sts"}
            else:
                assert statuses["preferredTerm-admn-sts"] == 1
                assert section.find("tbx:termSec/tbx:termNote[@type='administrativeStatus']", TBX).text == (
                    "preferredTerm-admn-sts"
                )


def test_definitions_are_plain_text(exported: tuple[Glossary, etree._Element]) -> None:
    _, root = exported
    for definition in root.xpath("//tbx:descrip[@type='definition']/text()", namespaces=TBX):
        assert "](" not in definition
        assert "{{" not in definition
        assert "*" not in definition


def test_fixture_entries(fixture_glossary: Glossary) -> None:
    root = parse(render_tbx(fixture_glossary))

    def entry(concept_id: str) -> etree._Element:
        return root.find(f".//tbx:conceptEntry[@id='{concept_id}']", TBX)

    # No uk section: English only; the abbreviation is an admitted acronym.
    call_centre = entry("call-centre")
    assert [s.get(XML_LANG) for s in call_centre.iterfind("tbx:langSec", TBX)] == ["en"]
    assert call_centre.xpath(".//tbx:termSec[tbx:term='CC']/tbx:termNote/text()", namespaces=TBX) == [
        "acronym",
        "noun",
        "admittedTerm-admn-sts",
    ]
    assert call_centre.findtext(".//tbx:descrip[@type='definition']", namespaces=TBX) == (
        "A unit that handles large volumes of telephone calls, often run by an outsourcing provider."
    )
    assert call_centre.findtext(".//tbx:admin[@type='source']", namespaces=TBX) == "Outsourcing handbook"
    assert call_centre.findtext("tbx:descrip[@type='subjectField']", namespaces=TBX) == "Operations"
    # The synonym is an admitted full form.
    synonym = entry("outsourcing").find(".//tbx:termSec[tbx:term='contracting out']", TBX)
    assert [note.text for note in synonym.iterfind("tbx:termNote", TBX)] == [
        "fullForm",
        "noun",
        "admittedTerm-admn-sts",
    ]
    # Deprecated: every term in every language.
    assert entry("gig-economy").xpath(".//tbx:termNote[@type='administrativeStatus']/text()", namespaces=TBX) == [
        "deprecatedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
    ]


@pytest.mark.parametrize(
    ("abbreviation", "term_type"),
    [("BPO", "acronym"), ("T&M", "acronym"), ("ШІ", "acronym"), ("CapEx", "abbreviation"), ("approx.", "abbreviation")],
)
def test_abbreviation_type(abbreviation: str, term_type: str) -> None:
    assert abbreviation_type(abbreviation) == term_type


def test_markup_characters_are_escaped(fixture_glossary: Glossary) -> None:
    tricky = "A & B <c> \"quoted\" 'single' ]]> end"
    concept = fixture_glossary.concepts["efficiency"]
    texts = {
        Language.EN: dataclasses.replace(
            with_names(concept.texts[Language.EN], concept.texts[Language.EN].term or "", "R&D <x>"), definition=tricky
        ),
        Language.UK: concept.texts[Language.UK],
    }
    glossary = dataclasses.replace(
        fixture_glossary,
        concepts={**fixture_glossary.concepts, "efficiency": dataclasses.replace(concept, texts=texts)},
    )
    text = render_tbx(glossary)
    assert "A &amp; B &lt;c&gt; \"quoted\" 'single' ]]&gt; end" in text
    assert "<term>R&amp;D &lt;x&gt;</term>" in text
    root = parse(text)
    entry = root.find(".//tbx:conceptEntry[@id='efficiency']", TBX)
    assert entry.findtext("tbx:langSec/tbx:descripGrp/tbx:descrip", namespaces=TBX) == tricky
    assert "R&D <x>" in entry.xpath(".//tbx:term/text()", namespaces=TBX)
