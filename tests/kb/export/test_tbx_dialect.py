"""The TBX export checked against TBX-Basic's rules, written as the project's own RELAX NG grammar
and Schematron (scripts/kb/export/schemas/), which lxml runs.

Each rule is shown to bite: a copy of a valid export, changed in one way the dialect forbids,
must be refused.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree, isoschematron

from conftest import REPO
from kb.export.tbx import render_tbx
from kb.model import Glossary

SCHEMAS = REPO / "scripts" / "kb" / "export" / "schemas"
NS = {"tbx": "urn:iso:std:iso:30042:ed-2"}
GRAMMAR = etree.RelaxNG(etree.parse(str(SCHEMAS / "tbx-basic.rng")))
RULES = isoschematron.Schematron(etree.parse(str(SCHEMAS / "tbx-basic.sch")))


def accepted(document: etree._Element) -> bool:
    return bool(GRAMMAR.validate(document)) and bool(RULES.validate(document))


@pytest.mark.parametrize("glossary_name", ["fixture_glossary", "real_glossary"])
def test_the_export_is_valid_tbx_basic(glossary_name: str, request: pytest.FixtureRequest) -> None:
    glossary: Glossary = request.getfixturevalue(glossary_name)
    document = etree.fromstring(render_tbx(glossary).encode("utf-8"))
    assert GRAMMAR.validate(document), GRAMMAR.error_log
    assert RULES.validate(document), etree.tostring(RULES.validation_report, encoding="unicode")[:2000]


def first(document: etree._Element, path: str) -> etree._Element:
    return document.xpath(path, namespaces=NS)[0]


def move(path: str, to: str) -> Callable[[etree._Element], None]:
    def change(document: etree._Element) -> None:
        element = first(document, path)
        first(document, to).append(element)

    return change


def set_text(path: str, text: str) -> Callable[[etree._Element], None]:
    def change(document: etree._Element) -> None:
        first(document, path).text = text

    return change


def set_attribute(path: str, name: str, value: str) -> Callable[[etree._Element], None]:
    def change(document: etree._Element) -> None:
        first(document, path).set(name, value)

    return change


def duplicate(path: str) -> Callable[[etree._Element], None]:
    def change(document: etree._Element) -> None:
        element = first(document, path)
        element.addnext(copy.deepcopy(element))

    return change


TERM_NOTE = "//tbx:termSec/tbx:termNote[@type='administrativeStatus']"
MUTATIONS = {
    "a termNote at the language level": move(TERM_NOTE, "//tbx:langSec"),
    "a termNote at the concept level": move("//tbx:termNote[@type='partOfSpeech']", "//tbx:conceptEntry"),
    "an administrative status the dialect does not list": set_text(TERM_NOTE, "recommendedTerm-admn-sts"),
    "a part of speech the dialect does not list": set_text("//tbx:termNote[@type='partOfSpeech']", "properNoun"),
    "a gender the dialect does not list": set_text("//tbx:termNote[@type='grammaticalGender']", "common"),
    "a term type the dialect does not list": set_text("//tbx:termNote[@type='termType']", "synonym"),
    "a definition in a term section": move("//tbx:descrip[@type='definition']", "//tbx:termSec"),
    "a subject field in a language section": move("//tbx:descrip[@type='subjectField']", "//tbx:langSec"),
    "a data category the dialect does not have": set_attribute(TERM_NOTE, "type", "grammaticalNumber"),
    "another dialect's name": set_attribute("/tbx:tbx", "type", "TBX-Min"),
    "DCT style": set_attribute("/tbx:tbx", "style", "dct"),
    "a cross-reference to no entry": set_attribute("//tbx:ref[@type='crossReference']", "target", "nowhere"),
    "two preferred terms in one language": lambda document: first(
        document, "//tbx:termSec[tbx:termNote='admittedTerm-admn-sts']/tbx:termNote[@type='administrativeStatus']"
    ).__setattr__("text", "preferredTerm-admn-sts"),
    "two sections for one language": duplicate("//tbx:langSec"),
    "the same name twice in a language": duplicate("//tbx:termSec"),
    "an empty term": set_text("//tbx:term", " "),
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_a_document_that_breaks_a_rule_of_the_dialect_is_refused(fixture_glossary: Glossary, mutation: str) -> None:
    document = etree.fromstring(render_tbx(fixture_glossary).encode("utf-8"))
    assert accepted(document)
    MUTATIONS[mutation](document)
    assert not accepted(document), mutation


def test_the_schemas_are_the_projects_own_files() -> None:
    assert sorted(path.name for path in SCHEMAS.iterdir()) == ["tbx-basic.rng", "tbx-basic.sch"]
    assert all(Path(path).stat().st_size > 1000 for path in SCHEMAS.iterdir())
