"""Every generated page of the site, as a mapping from Markdown source path to content."""

from __future__ import annotations

from collections import defaultdict

from kb.coverage import compute_coverage
from kb.model import LANGUAGES, Glossary, Language
from kb.render.article_page import render_article_page, render_articles_index
from kb.render.glossary_index import render_glossary_index
from kb.render.status_page import render_status_page
from kb.render.term_page import render_term_page
from kb.translation import FieldState, field_statuses


def render_site_pages(glossary: Glossary) -> dict[str, str]:
    """``{"en/glossary/outsourcing.md": "...", "uk/glossary/outsourcing.md": "...", ...}``."""
    narrower: dict[str, list[str]] = defaultdict(list)
    for concept in glossary.concepts.values():
        for parent in concept.broader:
            narrower[parent].append(concept.id)
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
        pages[f"{prefix}/concepts/index.md"] = render_articles_index(glossary, language)
        for concept in glossary.concepts.values():
            pages[f"{prefix}/glossary/{concept.id}.md"] = render_term_page(
                concept,
                glossary,
                language,
                sorted(narrower.get(concept.id, [])),
                stale[("concept", concept.id, language)],
            )
        for article in glossary.articles.values():
            pages[f"{prefix}/concepts/{article.id}.md"] = render_article_page(
                article, glossary, language, stale[("article", article.id, language)]
            )
    return pages
