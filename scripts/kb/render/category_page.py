"""Browsing by theme: one page per category, and the list of categories."""

from __future__ import annotations

from kb.collation import sort_key
from kb.labels import CATEGORIES, ui, ui_count
from kb.memo import IdentityMemo
from kb.model import Category, Concept, Glossary, Language
from kb.render.escaping import escape
from kb.render.pages import front_matter, item_list, summary
from kb.render.term_page import display_term

#: A concept's (sort key, link text in Markdown) on category pages, by the concept's identity.
_NAMES = IdentityMemo(100_000)


def _name(concept: Concept, language: Language) -> tuple[tuple, str]:
    term = display_term(concept, language)
    return sort_key(term, language), f"[{escape(term)}]"


def render_category_page(category: Category, glossary: Glossary, language: Language) -> str:
    """Markdown for ``/categories/<category>/``: its concepts in alphabetical order with summaries."""
    title = CATEGORIES[language][category]
    members = [concept for concept in glossary.concepts.values() if concept.category is category]
    names = {concept.id: _NAMES.get((concept,), language, lambda c=concept: _name(c, language)) for concept in members}
    members.sort(key=lambda concept: names[concept.id][0])
    parts = [
        front_matter(title, search_kind="category"),
        f"# {escape(title)}\n\n",
        ui_count(language, "category_intro", len(members)),
        "\n\n",
    ]
    items = []
    for concept in members:
        line = summary(concept, glossary, language, 160)
        items.append(f"{names[concept.id][1]}(../glossary/{concept.id}.md)" + (f" — {escape(line)}" if line else ""))
    parts.append(item_list(items))
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
