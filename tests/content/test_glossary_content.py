"""The real glossary: complete in both languages, every required concept and article present."""

from __future__ import annotations

import pytest

from conftest import REPO
from kb.markdown_refs import FigureListRef, FigureRef, find_placeholders
from kb.model import LANGUAGES, Status
from kb.validation import validate_glossary

REQUIRED_CONCEPTS = (
    "business-process-outsourcing outsourcing service-provider business-process back-office-outsourcing "
    "front-office-outsourcing call-centre contact-centre offshore-outsourcing crowdsourcing supply-chain "
    "fixed-costs variable-costs core-competencies fee-for-service remote-in-sourcing robotic-process-automation "
    "capital-expenditure data-processing service-level-agreement"
).split()
REQUIRED_ARTICLES = (
    "what-is-bpo bpo-types bpo-benefits bpo-pricing-models bpo-markets call-centre-vs-bpo bpo-and-automation "
    "bpo-in-ukraine"
).split()


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    return validate_glossary(REPO / "glossary")


def test_the_glossary_has_no_problem_at_all(result) -> None:  # type: ignore[no-untyped-def]
    assert [f"{p.path.name}:{p.line}: {p.rule}: {p.message}" for p in result.problems] == []


def test_at_least_sixty_concepts(result) -> None:  # type: ignore[no-untyped-def]
    assert len(result.glossary.concepts) >= 60


@pytest.mark.parametrize("concept_id", REQUIRED_CONCEPTS)
def test_required_concept_is_complete_in_both_languages(result, concept_id: str) -> None:  # type: ignore[no-untyped-def]
    concept = result.glossary.concepts[concept_id]
    assert concept.status is Status.REVIEWED and concept.sources
    for language in LANGUAGES:
        text = concept.text(language)
        assert text is not None and text.term and text.definition, (concept_id, language)


@pytest.mark.parametrize("article_id", REQUIRED_ARTICLES)
def test_required_article_exists_in_both_languages(result, article_id: str) -> None:  # type: ignore[no-untyped-def]
    article = result.glossary.articles[article_id]
    for language in LANGUAGES:
        text = article.text(language)
        assert text is not None and text.title and text.summary and text.sections, (article_id, language)
    assert len(article.texts[LANGUAGES[0]].sections) == len(article.texts[LANGUAGES[1]].sections)


def test_market_article_shows_every_figure_as_table_and_chart(result) -> None:  # type: ignore[no-untyped-def]
    article = result.glossary.articles["bpo-markets"]
    for language in LANGUAGES:
        placeholders = [p for s in article.texts[language].sections for p in find_placeholders(s.body)]
        tables = [p for p in placeholders if isinstance(p, FigureListRef) and p.kind == "table"]
        charts = [p for p in placeholders if isinstance(p, FigureListRef) and p.kind == "chart"]
        mentioned = {p.figure_id for p in placeholders if isinstance(p, FigureRef)}
        assert tables and charts
        assert set(tables[0].figure_ids) == set(result.glossary.figures)
        assert mentioned == set(result.glossary.figures), language
