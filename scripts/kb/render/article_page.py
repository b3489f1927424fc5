"""Article pages and the list of articles."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb.labels import ui
from kb.model import Article, Glossary, Language
from kb.render.markdown_text import escape, plain_text, render_markdown
from kb.render.pages import (
    display_title,
    front_matter,
    linkable,
    pick,
    sources_section,
    stale_notice,
    untranslated_notice,
)
from kb.render.term_page import display_term

FOLDER = "concepts"


def abbreviated_titles(article: Article, glossary: Glossary) -> list[str]:
    """The article's titles with a related concept's term written as its abbreviation.

    "What is business process outsourcing?" is also found as "what is BPO", as a reader types it.
    Only the related concepts are read, so a page is rendered again when one of them changes.
    """
    found = []
    for language, text in article.texts.items():
        if not text.title:
            continue
        for concept_id in article.related:
            concept = glossary.concepts.get(concept_id)
            names = concept.text(language) if concept else None
            if not names or not names.abbreviation:
                continue
            pattern = re.compile(rf"(?<!\w){re.escape(names.term)}(?!\w)", re.IGNORECASE)
            if pattern.search(text.title):
                found.append(pattern.sub(names.abbreviation, text.title))
    return found


def render_article_page(article: Article, glossary: Glossary, language: Language, stale: Sequence[str] = ()) -> str:
    """Markdown for ``/concepts/<id>/`` (or ``/uk/concepts/<id>/``)."""
    title = display_title(article, language)
    summary, summary_language = pick(article.texts, language, "summary")
    sections, sections_language = pick(article.texts, language, "sections")
    title_language = pick(article.texts, language, "title")[1]
    description = plain_text(str(summary), glossary, language) if summary else None

    titles = [text.title for text in (article.text(language), article.text(language.other)) if text and text.title]
    titles += abbreviated_titles(article, glossary)
    parts = [front_matter(title, description, search_kind="article", search_names=titles), f"# {escape(title)}\n\n"]
    fallback = [
        name
        for name, source in (("title", title_language), ("summary", summary_language), ("sections", sections_language))
        if source is not None and source is not language
    ]
    if article.text(language) is None:
        parts.append(untranslated_notice(language, language.other, fallback, whole_page=True))
    elif fallback:
        parts.append(untranslated_notice(language, language.other, fallback, whole_page=False))
    parts.append(stale_notice(language, stale))
    if summary:
        parts.append(linkable(render_markdown(str(summary), glossary, language, FOLDER)))
    for section in sections or ():
        body = render_markdown(section.body, glossary, language, FOLDER).strip()
        parts.append(f"## {escape(section.heading)}\n\n{linkable(body)}")
    links = [
        f"- [{escape(display_term(glossary.concepts[concept_id], language))}](../glossary/{concept_id}.md)"
        for concept_id in article.related
        if concept_id in glossary.concepts
    ]
    if links:
        parts.append(f"## {ui(language, 'in_article')}\n\n" + "\n".join(links) + "\n\n")
    parts.append(sources_section(glossary, article.sources, language))
    return "".join(parts).rstrip() + "\n"


def render_articles_index(glossary: Glossary, language: Language) -> str:
    """Markdown for ``/concepts/``: the articles in their order, each with its summary."""
    title = ui(language, "articles")
    parts = [front_matter(title, search_kind="index"), f"# {title}\n\n{ui(language, 'articles_intro')}\n\n"]
    for article in sorted(glossary.articles.values(), key=lambda a: (a.order, a.id)):
        summary, _ = pick(article.texts, language, "summary")
        parts.append(f"## [{escape(display_title(article, language))}]({article.id}.md)\n\n")
        if summary:
            parts.append(escape(plain_text(str(summary), glossary, language)) + "\n\n")
    return "".join(parts).rstrip() + "\n"
