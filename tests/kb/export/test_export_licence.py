"""Every export carries the content licence and the attribution in its own metadata."""

from __future__ import annotations

import csv
import io
import json

from lxml import etree
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from kb.export.formats import render_export
from kb.licence import CONTENT_LICENCE
from kb.model import Glossary

#: (title, the rest of the credit) of each adapted work.
WORKS = (
    (
        "Business process outsourcing",
        "Wikipedia (English), CC BY-SA 4.0, https://en.wikipedia.org/wiki/Business_process_outsourcing",
    ),
    (
        "Аутсорсинг бізнес-процесів",
        "Вікіпедія (українська), CC BY-SA 4.0, https://uk.wikipedia.org/wiki/Аутсорсинг_бізнес-процесів",
    ),
)
OPENING = {"en": "Text by the BPO Knowledge Base contributors, licensed under CC BY-SA 4.0", "uk": "Текст: дописувачі"}
QUOTES = {"en": "“{}”", "uk": "«{}»"}


def assert_attributes(text: str, language: str) -> None:
    assert text.startswith(OPENING[language])
    assert CONTENT_LICENCE.url in text
    for title, rest in WORKS:
        assert f"{QUOTES[language].format(title)}, {rest}" in text


def test_tbx_names_the_licence_in_its_publication_statement(real_glossary: Glossary) -> None:
    root = etree.fromstring(render_export(real_glossary, "tbx").encode("utf-8"))
    paragraphs = root.findall(".//{*}fileDesc/{*}publicationStmt/{*}p")
    by_language = {p.get("{http://www.w3.org/XML/1998/namespace}lang"): p.text for p in paragraphs}
    assert sorted(by_language) == ["en", "uk"]
    for language, text in by_language.items():
        assert_attributes(text, language)


def test_skos_scheme_has_licence_rights_and_sources(real_glossary: Glossary) -> None:
    graph = Graph().parse(data=render_export(real_glossary, "skos"), format="turtle")
    (scheme,) = graph.subjects(RDF.type, SKOS.ConceptScheme)
    assert list(graph.objects(scheme, DCTERMS.license)) == [URIRef(CONTENT_LICENCE.url)]
    rights = {literal.language: str(literal) for literal in graph.objects(scheme, DCTERMS.rights)}
    assert all(isinstance(r, Literal) for r in graph.objects(scheme, DCTERMS.rights))
    for language, text in rights.items():
        assert_attributes(text, language)
    assert sorted(map(str, graph.objects(scheme, DCTERMS.source))) == sorted(
        rest.rsplit(", ", 1)[1] for _, rest in WORKS
    )


def test_json_has_a_licence_record(real_glossary: Glossary) -> None:
    licence = json.loads(render_export(real_glossary, "json"))["licence"]
    assert (licence["name"], licence["url"]) == (CONTENT_LICENCE.name, CONTENT_LICENCE.url)
    assert licence["adapted_from"] == ["wikipedia-bpo-en", "wikipedia-bpo-uk"]
    for language, text in licence["attribution"].items():
        assert_attributes(text, language)


def test_csv_starts_with_the_attribution_in_each_language(real_glossary: Glossary) -> None:
    rows = list(csv.reader(io.StringIO(render_export(real_glossary, "csv").lstrip("\ufeff"))))
    (english,), (ukrainian,) = rows[:2]
    assert_attributes(english.removeprefix("# "), "en")
    assert_attributes(ukrainian.removeprefix("# "), "uk")
    assert rows[2] == ["id", "field", "en", "uk", "status"]
