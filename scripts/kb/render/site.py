"""Every generated page of the site, as a mapping from Markdown source path to content."""

from __future__ import annotations

from collections import defaultdict

from kb.model import LANGUAGES, Glossary
from kb.render.article_page import render_article_page, render_articles_index
from kb.render.glossary_index import render_glossary_index
from kb.render.term_page import render_term_page


def render_site_pages(glossary: Glossary) -> dict[str, str]:
    """``{"en/glossary/outsourcing.md": "...", "uk/glossary/outsourcing.md": "...", ...}``."""
    narrower: dict[str, list[str]] = defaultdict(list)
    for concept in glossary.concepts.values():
        for parent in concept.broader:
            narrower[parent].append(concept.id)
    pages: dict[str, str] = {}
    for language in LANGUAGES:
        prefix = language.value
        pages[f"{prefix}/glossary/index.md"] = render_glossary_index(glossary, language)
        pages[f"{prefix}/concepts/index.md"] = render_articles_index(glossary, language)
        for concept in glossary.concepts.values():
            pages[f"{prefix}/glossary/{concept.id}.md"] = render_term_page(
                concept, glossary, language, sorted(narrower.get(concept.id, []))
            )
        for article in glossary.articles.values():
            pages[f"{prefix}/concepts/{article.id}.md"] = render_article_page(article, glossary, language)
    return pages
