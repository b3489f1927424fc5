"""Pieces shared by every generated page: front matter, notices, source lists, fallbacks."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping, Sequence

from kb.labels import ui
from kb.memo import Memo
from kb.model import Article, Concept, Glossary, Language, SourceKind
from kb.render.escaping import escape_url
from kb.render.markdown_text import escape, plain_text


def front_matter(
    title: str,
    description: str | None = None,
    json_ld: str | None = None,
    search_kind: str | None = None,
    search_names: Sequence[str] = (),
) -> str:
    """Page title and meta description. The theme inserts both into HTML unescaped (in <title> and
    in the description attribute), so they are HTML-escaped here; JSON strings are valid YAML.

    ``search_kind`` (concept, article, index…) and ``search_names`` (the names a reader may type
    for the page, in both languages) become Pagefind metadata the search box ranks by.
    """
    lines = ["---", f"title: {json.dumps(html.escape(title), ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(html.escape(description), ensure_ascii=False)}")
    if search_kind:
        lines.append(f"kb_search_kind: {json.dumps(search_kind)}")
    names = [name.replace("|", "/") for name in dict.fromkeys(search_names) if name]
    if names:
        lines.append(f"kb_search_names: {json.dumps(' | '.join(names), ensure_ascii=False)}")
    if json_ld:
        # Inserted inside <script type="application/ld+json">: "</" must not close the element.
        safe = json_ld.replace("<", "\\u003c")
        lines.append(f"json_ld: {json.dumps(safe, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


#: Around a long list of one-line items (HTML comments: invisible to any Markdown generator).
#: The kb plugin converts such a list item by item and remembers each (kb.mkdocs_plugin.lists).
LIST_START = "<!-- kb-list -->"
LIST_END = "<!-- /kb-list -->"


def item_list(items: Iterable[str]) -> str:
    """A Markdown bullet list of one-line ``items`` (each without its ``- ``), marked as one."""
    lines = [f"- {item}" for item in items]
    return f"{LIST_START}\n\n" + "\n".join(lines) + f"\n\n{LIST_END}\n\n" if lines else ""


#: (definition text, language, length, the figures it may show) → summary, for list pages.
_SUMMARIES = Memo(200_000)


def summary(concept: Concept, glossary: Glossary, language: Language, limit: int) -> str:
    """The concept's definition in ``language`` (or the other one) as one short plain line.

    Remembered by text: the index and category pages list every concept, and a preview renders
    them again on each save.
    """
    definition, _ = pick(concept.texts, language, "definition")
    if not definition:
        return ""
    figures = tuple(id(figure) for figure in glossary.figures.values()) if "{{" in str(definition) else ()
    key = (str(definition), language, limit, figures)
    return _SUMMARIES.get(key, lambda: plain_text(str(definition), glossary, language, limit))


def linkable(markdown: str) -> str:
    """Marks prose whose mentions of glossary terms become links (see ``term_links``)."""
    return f"<!-- kb-terms -->\n\n{markdown.strip()}\n\n<!-- /kb-terms -->\n\n"


def admonition(kind: str, title: str, body: str) -> str:
    indented = "\n".join(f"    {line}" if line else "" for line in body.splitlines())
    return f'!!! {kind} "{title}"\n\n{indented}\n\n'


def untranslated_notice(language: Language, shown_in: Language, fields: Sequence[str], whole_page: bool) -> str:
    """The notice a reader sees when (part of) a page falls back to the other language."""
    language_name = ui(language, f"language_{shown_in.value}")
    if whole_page:
        body = ui(language, "not_translated_page", shown_in=language_name)
    else:
        names = ", ".join(ui(language, f"field_{name}") for name in fields)
        body = ui(language, "not_translated_fields", shown_in=language_name, fields=names)
    return admonition("warning", ui(language, "not_translated_title"), body)


def stale_notice(language: Language, fields: Sequence[str]) -> str:
    """The notice on a page whose translation lags behind its source text."""
    if not fields:
        return ""
    names = ", ".join(dict.fromkeys(field_label(language, name) for name in fields))
    source = ui(language, f"language_{language.other.value}")
    return admonition("warning", ui(language, "stale_title"), ui(language, "stale_fields", source=source, fields=names))


def field_label(language: Language, field: str) -> str:
    """``definition`` → "definition"; ``sections.2`` → "sections" (labels per language)."""
    return ui(language, f"field_{field.split('.', 1)[0]}")


def display_title(article: Article, language: Language) -> str:
    """The article's title in ``language``, or in the other language while untranslated."""
    title, _ = pick(article.texts, language, "title")
    return str(title or article.id)


def pick(texts: dict, language: Language, name: str) -> tuple[object, Language | None]:
    """A field in ``language``, else in the other language; and which language it came from."""
    own = texts.get(language)
    value = getattr(own, name, None) if own else None
    if value:
        return value, language
    other = texts.get(language.other)
    value = getattr(other, name, None) if other else None
    return (value, language.other) if value else (None, None)


def sources_section(
    glossary: Glossary,
    source_ids: Iterable[str],
    language: Language,
    by_field: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """The ``Sources`` section: each source cited, or, when an entry gives its fields' sources
    apart, one line per field (``Definition: editors of this knowledge base``)."""
    if by_field:
        lines = []
        for field_name, ids in by_field.items():
            cited = [source_item(glossary, source_id, language) for source_id in ids if source_id in glossary.sources]
            if cited:
                lines.append(f"- **{ui(language, field_name + '_source')}:** " + "; ".join(cited))
    else:
        lines = [f"- {source_item(glossary, s, language)}" for s in source_ids if s in glossary.sources]
    if not lines:
        return ""
    return f"## {ui(language, 'sources')}\n\n" + "\n".join(lines) + "\n\n"


def source_item(glossary: Glossary, source_id: str, language: Language) -> str:
    """One source as Markdown: linked title, publisher, year, licence; the editors, said in words."""
    source = glossary.sources[source_id]
    if source.kind is SourceKind.EDITORIAL:
        return escape(ui(language, "editorial_explained")[:1].upper() + ui(language, "editorial_explained")[1:])
    title = f"[{escape(source.title)}]({escape_url(source.url)})" if source.url else f"*{escape(source.title)}*"
    parts = [title, escape(source.publisher)]
    if source.year:
        parts.append(str(source.year))
    if source.licence:
        licence = (
            f"[{escape(source.licence)}]({escape_url(source.licence_url)})"
            if source.licence_url
            else escape(source.licence)
        )
        parts.append(f"{ui(language, 'licence')}: {licence}")
    return ", ".join(parts)
