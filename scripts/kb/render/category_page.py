"""Browsing by theme: one page per category, and the list of categories."""

from __future__ import annotations

from kb.collation import sort_key
from kb.labels import CATEGORIES, ui, ui_count
from kb.model import Category, Glossary, Language
from kb.render.escaping import escape
from kb.render.pages import front_matter, summary
from kb.render.term_page import display_term


def render_category_page(category: Category, glossary: Glossary, language: Language) -> str:
    """Markdown for ``/categories/<category>/``: its concepts in alphabetical order with summaries."""
    title = CATEGORIES[language][category]
    members = [concept for concept in glossary.concepts.values() if concept.category is category]
    members.sort(key=lambda concept: sort_key(display_term(concept, language), language))
    parts = [
        front_matter(title, search_kind="category"),
        f"# {escape(title)}\n\n",
        ui_count(language, "category_intro", len(members)),
        "\n\n",
    ]
    for concept in members:
        line = summary(concept, glossary, language, 160)
        parts.append(
            f"- [{escape(display_term(concept, language))}](../glossary/{concept.id}.md)"
            + (f" — {escape(line)}" if line else "")
            + "\n"
        )
    return "".join(parts).rstrip() + "\n"


def render_categories_index(glossary: Glossary, language: Language) -> str:
    """Markdown for ``/categories/``: every category with the number of its concepts."""
    title = ui(language, "categories")
    parts = [front_matter(title, search_kind="index"), f"# {title}\n\n"]
    for category in Category:
        count = sum(1 for concept in glossary.concepts.values() if concept.category is category)
        if count:
            parts.append(f"- [{escape(CATEGORIES[language][category])}]({category.value}.md) ({count})\n")
    return "".join(parts).rstrip() + "\n"
