"""Turning stored Markdown into page Markdown: links resolved, figures formatted, text escaped."""

from __future__ import annotations

import re

from kb import markdown_refs
from kb.model import Glossary, Language
from kb.render.figures import format_figure

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|>~])")
_HTML_SPECIALS = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"[*_`]+")
_PLACEHOLDER_SECTION = "glossary"


def escape(text: str) -> str:
    """Plain text made safe to drop into Markdown: shown as typed, never as markup."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text.translate(_HTML_SPECIALS))


def page_link(kind: str, target_id: str, from_folder: str) -> str:
    """Relative link to a generated page's Markdown source from a page in ``from_folder``."""
    folder = "glossary" if kind == "term" else "concepts"
    return f"{target_id}.md" if folder == from_folder else f"../{folder}/{target_id}.md"


def render_markdown(text: str, glossary: Glossary, language: Language, from_folder: str) -> str:
    """Stored Markdown → page Markdown for a page in ``from_folder`` (``glossary`` or ``concepts``)."""

    def figure_text(ref: markdown_refs.FigureRef) -> str:
        figure = glossary.figures.get(ref.figure_id)
        return escape(format_figure(figure, language, ref.part)) if figure else ref.source_text

    text = markdown_refs.replace_placeholders(text, figure_text)
    return markdown_refs.replace_links(text, lambda kind, target: page_link(kind, target, from_folder))


def plain_text(markdown: str, glossary: Glossary, language: Language, limit: int = 300) -> str:
    """A one-paragraph plain-text version, e.g. for a meta description."""
    text = markdown_refs.replace_placeholders(
        markdown,
        lambda ref: (
            format_figure(glossary.figures[ref.figure_id], language, ref.part)
            if ref.figure_id in glossary.figures
            else ""
        ),
    )
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
