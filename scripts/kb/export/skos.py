"""The glossary as a SKOS concept scheme in Turtle, for thesaurus tools and linked data.

One ``skos:Concept`` per concept with its labels (``prefLabel`` for the preferred term,
``altLabel`` for admitted names, ``hiddenLabel`` for deprecated and obsolete ones) and
definitions in each language it has,
and the concept relations: ``broader`` as written, ``narrower`` as its inverse, ``related``
made symmetric. Deprecated concepts carry ``owl:deprecated true``.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import OWL, RDF, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from kb.licence import CONTENT_LICENCE, adapted_works, attribution
from kb.model import LANGUAGES, Concept, Glossary, Language, Status, TermStatus
from kb.render.markdown_text import plain_text

DEFAULT_BASE_URI = "https://bpo-glossary.example/glossary/"
SCHEME_TITLES = {
    Language.EN: "BPO Knowledge Base: glossary of business process outsourcing",
    Language.UK: "База знань BPO: глосарій аутсорсингу бізнес-процесів",
}
#: Definitions are exported whole, never shortened.
_NO_LIMIT = 1_000_000


def render_skos(glossary: Glossary, base_uri: str = DEFAULT_BASE_URI) -> str:
    """The whole glossary as Turtle; the scheme is ``base_uri`` and each concept ``base_uri`` + id."""
    return build_graph(glossary, base_uri).serialize(format="turtle")


def build_graph(glossary: Glossary, base_uri: str = DEFAULT_BASE_URI) -> Graph:
    """The SKOS triples of the glossary."""
    graph = Graph(bind_namespaces="none")
    graph.bind("skos", SKOS)
    graph.bind("dct", DCTERMS)
    graph.bind("owl", OWL)
    graph.bind("glossary", Namespace(base_uri))
    scheme = URIRef(base_uri)
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    for language, title in SCHEME_TITLES.items():
        graph.add((scheme, DCTERMS.title, Literal(title, lang=language.value)))
    _add_licence(graph, scheme, glossary)

    def uri(concept_id: str) -> URIRef:
        return URIRef(base_uri + concept_id)

    for concept in glossary.concepts.values():
        subject = uri(concept.id)
        graph.add((subject, RDF.type, SKOS.Concept))
        graph.add((subject, SKOS.inScheme, scheme))
        _add_texts(graph, subject, concept, glossary)
        if concept.status is Status.DEPRECATED:
            graph.add((subject, OWL.deprecated, Literal(True)))
        broader = [b for b in concept.broader if b in glossary.concepts and b != concept.id]
        for broader_id in broader:
            graph.add((subject, SKOS.broader, uri(broader_id)))
            graph.add((uri(broader_id), SKOS.narrower, subject))
        if not broader:
            graph.add((subject, SKOS.topConceptOf, scheme))
            graph.add((scheme, SKOS.hasTopConcept, subject))
    for one, other in related_pairs(glossary):
        graph.add((uri(one), SKOS.related, uri(other)))
        graph.add((uri(other), SKOS.related, uri(one)))
    return graph


def _add_licence(graph: Graph, scheme: URIRef, glossary: Glossary) -> None:
    """The scheme's licence, its attribution statement per language and the works it is adapted from."""
    graph.add((scheme, DCTERMS.license, URIRef(CONTENT_LICENCE.url)))
    for language in LANGUAGES:
        graph.add((scheme, DCTERMS.rights, Literal(attribution(glossary, language), lang=language.value)))
    for work in adapted_works(glossary):
        if work.url:
            graph.add((scheme, DCTERMS.source, URIRef(work.url)))


def _add_texts(graph: Graph, subject: URIRef, concept: Concept, glossary: Glossary) -> None:
    for language in LANGUAGES:
        text = concept.text(language)
        if text is None:
            continue
        labels: set[str] = set()
        for name in text.designations:
            # SKOS forbids a label to be both preferred and alternative or hidden (S13, S14).
            if name.text in labels:
                continue
            labels.add(name.text)
            if name.status is TermStatus.PREFERRED:
                predicate = SKOS.prefLabel
            elif name.discouraged:
                predicate = SKOS.hiddenLabel  # found by search, never shown as a name to use
            else:
                predicate = SKOS.altLabel
            graph.add((subject, predicate, Literal(name.text, lang=language.value)))
        if text.definition:
            definition = plain_text(text.definition, glossary, language, limit=_NO_LIMIT)
            graph.add((subject, SKOS.definition, Literal(definition, lang=language.value)))


def related_pairs(glossary: Glossary) -> Iterator[tuple[str, str]]:
    """Pairs of concepts linked by ``related`` in either direction, minus hierarchical pairs.

    SKOS makes ``skos:related`` disjoint with ``skos:broaderTransitive`` (integrity condition
    S27): when one concept is already above the other, the hierarchy says it and the pair is left out.
    """
    pairs = set()
    for concept in glossary.concepts.values():
        for related_id in concept.related:
            if related_id in glossary.concepts and related_id != concept.id:
                pairs.add(tuple(sorted((concept.id, related_id))))
    for one, other in sorted(pairs):
        if other not in ancestors(glossary, one) and one not in ancestors(glossary, other):
            yield one, other


def ancestors(glossary: Glossary, concept_id: str) -> set[str]:
    """Every concept above ``concept_id`` through ``broader`` links (cycles are tolerated)."""
    found: set[str] = set()
    waiting = [concept_id]
    while waiting:
        concept = glossary.concepts.get(waiting.pop())
        for broader_id in concept.broader if concept else ():
            if broader_id not in found and broader_id in glossary.concepts:
                found.add(broader_id)
                waiting.append(broader_id)
    return found
