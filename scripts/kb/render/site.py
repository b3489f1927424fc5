"""Every generated page of the site, as a mapping from Markdown source path to content."""

from __future__ import annotations

from collections import defaultdict

from kb.coverage import compute_coverage
from kb.markdown_refs import find_links
from kb.model import LANGUAGES, Glossary, Language
from kb.render.article_page import render_article_page, render_articles_index
from kb.render.category_page import render_categories_index, render_category_page
from kb.render.glossary_index import render_glossary_index
from kb.render.status_page import render_status_page
from kb.render.term_page import render_term_page
from kb.translation import FieldState, field_statuses


def articles_using(glossary: Glossary) -> dict[str, list[str]]:
    """Concept id → the articles that list it as related or link it in their text."""
    used: dict[str, set[str]] = defaultdict(set)
    for article in glossary.articles.values():
        for concept_id in article.related:
            used[concept_id].add(article.id)
        for text in article.texts.values():
            for markdown in (text.summary or "", *(section.body for section in text.sections)):
                for link in find_links(markdown):
                    if link.kind == "term":
                        used[link.target_id].add(article.id)
    order = {article_id: (article.order, article_id) for article_id, article in glossary.articles.items()}
    return {concept_id: sorted(ids, key=order.__getitem__) for concept_id, ids in used.items()}


def render_site_pages(glossary: Glossary, site_url: str | None = None) -> dict[str, str]:
    """``{"en/glossary/outsourcing.md": "...", "uk/glossary/outsourcing.md": "...", ...}``."""
    narrower: dict[str, list[str]] = defaultdict(list)
    for concept in glossary.concepts.values():
        for parent in concept.broader:
            narrower[parent].append(concept.id)
    used_in = articles_using(glossary)
    statuses = list(field_statuses(glossary))
    coverage = compute_coverage(glossary, statuses)
    stale: dict[tuple[str, str, Language], list[str]] = defaultdict(list)
    for status in statuses:
        if status.state is FieldState.STALE:
            stale[(status.kind, status.entry.id, status.language)].append(status.field)
    pages: dict[str, str] = {}
    for language in LANGUAGES:
        prefix = language.value
        pages[f"{prefix}/status.md"] = render_status_page(coverage, glossary, language)
        pages[f"{prefix}/glossary/index.md"] = render_glossary_index(glossary, language)
        pages[f"{prefix}/categories/index.md"] = render_categories_index(glossary, language)
        for category in sorted({concept.category for concept in glossary.concepts.values()}, key=lambda c: c.value):
            pages[f"{prefix}/categories/{category.value}.md"] = render_category_page(category, glossary, language)
        pages[f"{prefix}/concepts/index.md"] = render_articles_index(glossary, language)
        for concept in glossary.concepts.values():
            pages[f"{prefix}/glossary/{concept.id}.md"] = render_term_page(
                concept,
                glossary,
                language,
                sorted(narrower.get(concept.id, [])),
                stale[("concept", concept.id, language)],
                used_in.get(concept.id, []),
                site_url,
            )
        for article in glossary.articles.values():
            pages[f"{prefix}/concepts/{article.id}.md"] = render_article_page(
                article, glossary, language, stale[("article", article.id, language)]
            )
    return pages
