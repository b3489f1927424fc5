"""Turning stored Markdown into page Markdown: links resolved, figures formatted, text escaped."""

from __future__ import annotations

import re

from kb import markdown_refs
from kb.markdown_safety import defuse_markdown
from kb.model import Glossary, Language
from kb.render.escaping import escape
from kb.render.figure_blocks import render_figure_chart, render_figure_table
from kb.render.figures import format_figure

__all__ = ["escape", "page_link", "plain_text", "render_markdown"]

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"[*_`]+")


def page_link(kind: str, target_id: str, from_folder: str) -> str:
    """Relative link to a generated page's Markdown source from a page in ``from_folder``."""
    folder = "glossary" if kind == "term" else "concepts"
    return f"{target_id}.md" if folder == from_folder else f"../{folder}/{target_id}.md"


def render_markdown(text: str, glossary: Glossary, language: Language, from_folder: str) -> str:
    """Stored Markdown → page Markdown for a page in ``from_folder`` (``glossary`` or ``concepts``)."""

    def placeholder_text(ref: markdown_refs.Placeholder) -> str:
        if isinstance(ref, markdown_refs.FigureRef) and ref.figure_id in glossary.figures:
            return escape(format_figure(glossary.figures[ref.figure_id], language, ref.part))
        if isinstance(ref, markdown_refs.FigureListRef):
            figures = [glossary.figures[i] for i in ref.figure_ids if i in glossary.figures]
            if ref.kind == "table":
                return render_figure_table(figures, glossary, language)
            return render_figure_chart(figures, language)
        return ref.source_text

    text = markdown_refs.replace_placeholders(defuse_markdown(text), placeholder_text)
    return markdown_refs.replace_links(text, lambda kind, target: page_link(kind, target, from_folder))


def plain_text(markdown: str, glossary: Glossary, language: Language, limit: int = 300) -> str:
    """A one-paragraph plain-text version, e.g. for a meta description."""

    def placeholder_text(ref: markdown_refs.Placeholder) -> str:
        if isinstance(ref, markdown_refs.FigureRef) and ref.figure_id in glossary.figures:
            return format_figure(glossary.figures[ref.figure_id], language, ref.part)
        return ""

    text = markdown_refs.replace_placeholders(markdown, placeholder_text)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
