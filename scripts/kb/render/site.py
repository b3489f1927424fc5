"""Every generated page of the site, as a mapping from Markdown source path to content.

A concept's or an article's page is rendered again only when something it shows changed: the
entry itself, the entries it names (broader, narrower, related, the articles using it), its
translation state, the bibliography or the figures. Unchanged files keep their model objects
between loads (kb.loader), so "changed" is told by identity, and a preview that re-renders the
site after one edit renders a handful of pages, not all of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

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
    # The bibliography and the figures: every page may show them.
    shared = tuple(d for d in glossary.documents if d.path.parent.name not in ("terms", "concepts"))
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
            below = sorted(narrower.get(concept.id, []))
            concept_stale = stale[("concept", concept.id, language)]
            articles = used_in.get(concept.id, [])
            named = [glossary.concepts.get(i) for i in (*concept.broader, *below, *concept.related)]
            inputs = (concept, *named, *(glossary.articles.get(a) for a in articles), *shared)
            pages[f"{prefix}/glossary/{concept.id}.md"] = _remembered(
                f"{prefix}/glossary/{concept.id}.md",
                inputs,
                (tuple(below), tuple(concept_stale), tuple(articles), site_url),
                lambda c=concept, b=below, st=concept_stale, a=articles, lang=language: render_term_page(
                    c, glossary, lang, b, st, a, site_url
                ),
            )
        for article in glossary.articles.values():
            article_stale = stale[("article", article.id, language)]
            named = [glossary.concepts.get(i) for i in article.related]
            pages[f"{prefix}/concepts/{article.id}.md"] = _remembered(
                f"{prefix}/concepts/{article.id}.md",
                (article, *named, *shared),
                (tuple(article_stale),),
                lambda a=article, st=article_stale, lang=language: render_article_page(a, glossary, lang, st),
            )
    return pages


#: Page path → (the identities of the objects it was rendered from, those objects, the plain
#: values it was rendered with, its Markdown). The objects are kept so that no identity is reused.
_RENDERED: dict[str, tuple[tuple[int, ...], tuple, tuple, str]] = {}


def _remembered(path: str, inputs: tuple, values: tuple, render: Callable[[], str]) -> str:
    """The page rendered from ``inputs`` and ``values`` last time, or rendered now."""
    identities = tuple(map(id, inputs))
    known = _RENDERED.get(path)
    if known is not None and known[0] == identities and known[2] == values:
        return known[3]
    markdown = render()
    _RENDERED[path] = (identities, inputs, values, markdown)
    return markdown
