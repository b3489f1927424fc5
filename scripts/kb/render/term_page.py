"""The page of one glossary concept in one language."""

from __future__ import annotations

import json
from collections.abc import Sequence

from kb.labels import CATEGORIES, ui
from kb.model import Concept, Glossary, Language, Status
from kb.render.markdown_text import escape, plain_text, render_markdown
from kb.render.pages import (
    admonition,
    display_title,
    front_matter,
    linkable,
    pick,
    sources_section,
    stale_notice,
    untranslated_notice,
)
from kb.render.term_names import equivalents, own_names
from kb.render.urls import concept_url, glossary_url

FOLDER = "glossary"


def display_term(concept: Concept, language: Language) -> str:
    """The concept's term in ``language``, or in the other language while untranslated."""
    term, _ = pick(concept.texts, language, "term")
    return str(term or concept.id)


def defined_term_json_ld(concept: Concept, glossary: Glossary, language: Language, site_url: str | None) -> str:
    """schema.org DefinedTerm (inside the glossary's DefinedTermSet) as a JSON-LD string."""
    text = concept.text(language) or concept.text(language.other)
    definition, _ = pick(concept.texts, language, "definition")
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "name": display_term(concept, language),
        "termCode": concept.id,
        "inLanguage": language.value,
        "inDefinedTermSet": {"@type": "DefinedTermSet", "name": ui(language, "glossary_set_name")},
    }
    alternates = [name.text for name in text.designations[1:] if not name.discouraged] if text else []
    if alternates:
        data["alternateName"] = alternates
    if definition:
        data["description"] = plain_text(str(definition), glossary, language, limit=1000)
    if site_url:
        base = site_url.rstrip("/") + "/"
        data["url"] = base + concept_url(concept.id, language)
        data["inDefinedTermSet"] = {**data["inDefinedTermSet"], "url": base + glossary_url(language)}  # type: ignore[dict-item]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def headline(term: str) -> str:
    """A term as a page title: dictionary form with its first letter capitalised (``Call centre``)."""
    return term[:1].upper() + term[1:]


def _concept_links(glossary: Glossary, ids: list[str], language: Language) -> list[str]:
    links = []
    for concept_id in ids:
        concept = glossary.concepts.get(concept_id)
        if concept is not None:
            links.append(f"- [{escape(display_term(concept, language))}]({concept_id}.md)")
    return links


def narrower_ids(glossary: Glossary, concept_id: str) -> list[str]:
    return sorted(other.id for other in glossary.concepts.values() if concept_id in other.broader)


def render_term_page(
    concept: Concept,
    glossary: Glossary,
    language: Language,
    narrower: list[str] | None = None,
    stale: Sequence[str] = (),
    used_in: Sequence[str] = (),
    site_url: str | None = None,
) -> str:
    """Markdown for ``/glossary/<id>/`` (or ``/uk/glossary/<id>/``)."""
    term = display_term(concept, language)
    definition, definition_language = pick(concept.texts, language, "definition")
    notes, notes_language = pick(concept.texts, language, "notes")
    description = plain_text(str(definition), glossary, language) if definition else None
    structured = defined_term_json_ld(concept, glossary, language, site_url)

    names = [
        name.text
        for lang in (language, language.other)
        for text in [concept.text(lang)]
        if text is not None
        for name in text.designations
    ]
    parts = [
        front_matter(headline(term), description, structured, search_kind="concept", search_names=names),
        f"# {escape(headline(term))}\n\n",
    ]
    fallback = [
        name
        for name, source in (
            ("term", pick(concept.texts, language, "term")[1]),
            ("definition", definition_language),
            ("notes", notes_language),
        )
        if source is not None and source is not language
    ]
    if concept.text(language) is None:
        parts.append(untranslated_notice(language, language.other, fallback, whole_page=True))
    elif fallback:
        parts.append(untranslated_notice(language, language.other, fallback, whole_page=False))
    parts.append(stale_notice(language, stale))
    if concept.status is Status.DEPRECATED:
        parts.append(admonition("danger", ui(language, "deprecated_title"), ui(language, "deprecated")))
    elif concept.status is Status.DRAFT:
        parts.append(admonition("note", ui(language, "draft_title"), ui(language, "draft")))

    own = concept.text(language)
    facts = own_names(own, language) if own else []
    equivalent = equivalents(concept, language)
    if equivalent:
        facts.append(equivalent)
    category = escape(CATEGORIES[language][concept.category])
    facts.append(f"**{ui(language, 'category')}:** [{category}](../categories/{concept.category.value}.md)")
    parts.append("  \n".join(facts) + "\n\n")

    if definition:
        parts.append(linkable(render_markdown(str(definition), glossary, language, FOLDER)))
    if notes:
        notes_markdown = render_markdown(str(notes), glossary, language, FOLDER)
        parts.append(f"## {ui(language, 'notes')}\n\n{linkable(notes_markdown)}")
    narrower = narrower if narrower is not None else narrower_ids(glossary, concept.id)
    for heading, ids in (
        ("broader", list(concept.broader)),
        ("narrower", narrower),
        ("related", list(concept.related)),
    ):
        links = _concept_links(glossary, ids, language)
        if links:
            parts.append(f"## {ui(language, heading)}\n\n" + "\n".join(links) + "\n\n")
    articles = [
        f"- [{escape(display_title(glossary.articles[article_id], language))}](../concepts/{article_id}.md)"
        for article_id in used_in
        if article_id in glossary.articles
    ]
    if articles:
        parts.append(f"## {ui(language, 'used_in')}\n\n" + "\n".join(articles) + "\n\n")
    parts.append(sources_section(glossary, concept.sources, language, dict(concept.field_sources)))
    return "".join(parts).rstrip() + "\n"
