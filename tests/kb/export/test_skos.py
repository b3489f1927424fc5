"""The SKOS export: golden file, and the SKOS integrity conditions on both glossaries, read back."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from rdflib import OWL, RDF, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from conftest import FIXTURES, assert_matches_golden, with_names
from kb.export.skos import DEFAULT_BASE_URI, ancestors, render_skos
from kb.model import Glossary, Language, TermStatus

GOLDEN = FIXTURES / "golden" / "export" / "fixture.ttl"
SCHEME = URIRef(DEFAULT_BASE_URI)


@pytest.fixture(scope="module", params=["fixture", "real"])
def exported(request: pytest.FixtureRequest) -> tuple[Glossary, Graph]:
    """Each glossary with its Turtle, parsed back."""
    glossary = request.getfixturevalue(f"{request.param}_glossary")
    return glossary, parse(render_skos(glossary))


def parse(turtle: str) -> Graph:
    return Graph().parse(data=turtle, format="turtle")


def uri(concept_id: str) -> URIRef:
    return URIRef(DEFAULT_BASE_URI + concept_id)


def concept_id(subject: object) -> str:
    return str(subject).removeprefix(DEFAULT_BASE_URI)


def labels(graph: Graph, subject: URIRef, predicate: URIRef) -> list[Literal]:
    return sorted(graph.objects(subject, predicate))


def test_fixture_matches_golden_file(fixture_glossary: Glossary) -> None:
    assert_matches_golden(render_skos(fixture_glossary), GOLDEN)


def test_same_glossary_gives_same_text(fixture_glossary: Glossary) -> None:
    reordered = dataclasses.replace(fixture_glossary, concepts=dict(reversed(fixture_glossary.concepts.items())))
    assert render_skos(fixture_glossary) == render_skos(fixture_glossary) == render_skos(reordered)


def test_one_scheme_with_titles_in_both_languages(exported: tuple[Glossary, Graph]) -> None:
    _, graph = exported
    assert list(graph.subjects(RDF.type, SKOS.ConceptScheme)) == [SCHEME]
    assert {title.language for title in graph.objects(SCHEME, DCTERMS.title)} == {"en", "uk"}


def test_one_concept_per_glossary_concept_in_the_scheme(exported: tuple[Glossary, Graph]) -> None:
    glossary, graph = exported
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert {concept_id(c) for c in concepts} == set(glossary.concepts)
    assert len(concepts) == len(glossary.concepts)
    assert set(graph.subjects(SKOS.inScheme, SCHEME)) == concepts
    assert all(list(graph.objects(c, SKOS.inScheme)) == [SCHEME] for c in concepts)


def test_labels_follow_the_glossary(exported: tuple[Glossary, Graph]) -> None:
    glossary, graph = exported
    for concept in glossary.concepts.values():
        subject = uri(concept.id)
        for language in Language:
            text = concept.text(language)
            preferred = {
                str(label) for label in graph.objects(subject, SKOS.prefLabel) if label.language == language.value
            }
            alternative = {
                str(label) for label in graph.objects(subject, SKOS.altLabel) if label.language == language.value
            }
            hidden = {
                str(label) for label in graph.objects(subject, SKOS.hiddenLabel) if label.language == language.value
            }
            if text is None:
                assert not preferred and not alternative and not hidden
                continue
            assert preferred == ({text.term} if text.term else set())
            admitted = {name.text for name in text.designations if name.status is TermStatus.ADMITTED}
            assert alternative == admitted - preferred
            assert hidden == {name.text for name in text.designations if name.discouraged} - preferred - alternative


def test_deprecated_and_obsolete_names_are_hidden_labels(fixture_glossary: Glossary) -> None:
    graph = parse(render_skos(fixture_glossary))
    assert set(graph.objects(uri("outsourcing"), SKOS.hiddenLabel)) == {Literal("аутсорс", lang="uk")}
    assert set(graph.objects(uri("yield"), SKOS.hiddenLabel)) == {Literal("throughput yield", lang="en")}


def test_at_most_one_preferred_label_per_language(exported: tuple[Glossary, Graph]) -> None:
    _, graph = exported
    for subject in graph.subjects(RDF.type, SKOS.Concept):
        languages = Counter(label.language for label in graph.objects(subject, SKOS.prefLabel))
        assert all(count == 1 for count in languages.values()), subject


def test_no_label_is_both_preferred_and_alternative(exported: tuple[Glossary, Graph]) -> None:
    _, graph = exported
    for subject in graph.subjects(RDF.type, SKOS.Concept):
        assert not set(graph.objects(subject, SKOS.prefLabel)) & set(graph.objects(subject, SKOS.altLabel)), subject


def test_every_language_with_a_definition_has_it(exported: tuple[Glossary, Graph]) -> None:
    glossary, graph = exported
    for concept in glossary.concepts.values():
        definitions = {d.language: str(d) for d in graph.objects(uri(concept.id), SKOS.definition)}
        assert set(definitions) == {language.value for language, text in concept.texts.items() if text.definition}
        for text in definitions.values():
            assert "](" not in text and "{{" not in text and "*" not in text


def test_broader_is_as_written_and_narrower_is_its_inverse(exported: tuple[Glossary, Graph]) -> None:
    glossary, graph = exported
    broader = {(concept_id(s), concept_id(o)) for s, o in graph.subject_objects(SKOS.broader)}
    narrower = {(concept_id(o), concept_id(s)) for s, o in graph.subject_objects(SKOS.narrower)}
    written = {(c.id, b) for c in glossary.concepts.values() for b in c.broader}
    assert broader == narrower == written


def test_top_concepts_are_those_without_broader(exported: tuple[Glossary, Graph]) -> None:
    glossary, graph = exported
    tops = {uri(c.id) for c in glossary.concepts.values() if not c.broader}
    assert set(graph.subjects(SKOS.topConceptOf, SCHEME)) == tops
    assert set(graph.objects(SCHEME, SKOS.hasTopConcept)) == tops


def test_related_is_symmetric_and_disjoint_from_the_hierarchy(exported: tuple[Glossary, Graph]) -> None:
    glossary, graph = exported
    related = set(graph.subject_objects(SKOS.related))
    assert related == {(o, s) for s, o in related}
    assert all(s != o for s, o in related)
    for s, o in related:
        assert concept_id(o) not in ancestors(glossary, concept_id(s))
    written = {frozenset((c.id, r)) for c in glossary.concepts.values() for r in c.related}
    assert {frozenset((concept_id(s), concept_id(o))) for s, o in related} <= written


def test_fixture_concepts(fixture_glossary: Glossary) -> None:
    graph = parse(render_skos(fixture_glossary))
    call_centre = uri("call-centre")
    assert labels(graph, call_centre, SKOS.prefLabel) == [Literal("call centre", lang="en")]
    assert labels(graph, call_centre, SKOS.altLabel) == [Literal("CC", lang="en")]
    assert labels(graph, call_centre, SKOS.definition) == [
        Literal(
            "A unit that handles large volumes of telephone calls, often run by an outsourcing provider.", lang="en"
        )
    ]
    assert labels(graph, uri("outsourcing"), SKOS.altLabel) == [Literal("contracting out", lang="en")]
    # Related in one direction in the YAML, both ways in SKOS.
    assert (uri("call-centre"), SKOS.related, uri("contact-centre")) in graph
    # outsourcing → call-centre is related in the YAML, but outsourcing is broader than call centre.
    assert (uri("outsourcing"), SKOS.related, uri("call-centre")) not in graph
    assert list(graph.subjects(OWL.deprecated, Literal(True))) == [uri("gig-economy")]


def test_base_uri_names_the_scheme_and_the_concepts(fixture_glossary: Glossary) -> None:
    base = "http://terms.test/bpo#"
    graph = parse(render_skos(fixture_glossary, base_uri=base))
    assert list(graph.subjects(RDF.type, SKOS.ConceptScheme)) == [URIRef(base)]
    assert URIRef(base + "outsourcing") in set(graph.subjects(RDF.type, SKOS.Concept))


def test_quotes_and_markup_survive_the_round_trip(fixture_glossary: Glossary) -> None:
    tricky = "A & B <c> \"quoted\" 'single' back\\slash\nnew line"
    concept = fixture_glossary.concepts["efficiency"]
    texts = {
        Language.EN: with_names(concept.texts[Language.EN], '"efficiency"', "R&D <x>"),
        Language.UK: dataclasses.replace(concept.texts[Language.UK], definition=tricky),
    }
    glossary = dataclasses.replace(
        fixture_glossary,
        concepts={**fixture_glossary.concepts, "efficiency": dataclasses.replace(concept, texts=texts)},
    )
    graph = parse(render_skos(glossary))
    subject = uri("efficiency")
    # plain_text joins lines: a definition is one paragraph.
    assert Literal(" ".join(tricky.split()), lang="uk") in set(graph.objects(subject, SKOS.definition))
    assert Literal('"efficiency"', lang="en") in set(graph.objects(subject, SKOS.prefLabel))
    assert Literal("R&D <x>", lang="en") in set(graph.objects(subject, SKOS.altLabel))
