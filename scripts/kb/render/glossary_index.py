"""The glossary index: every concept, grouped by first letter in the language's own alphabet."""

from __future__ import annotations

from collections import defaultdict

from kb.collation import group_order, letter_group, sort_key
from kb.labels import ui, ui_count
from kb.memo import IdentityMemo
from kb.model import Concept, Glossary, Language
from kb.render.markdown_text import escape
from kb.render.pages import front_matter, item_list, summary
from kb.render.term_page import display_term

SUMMARY_LENGTH = 160


def _anchor(group: str) -> str:
    return "other" if group == "#" else f"letter-{group.lower()}"


#: A concept's (letter group, sort key, line) of the index, by the concept's identity.
_ENTRIES = IdentityMemo(100_000)


def _entry(concept: Concept, language: Language, line_summary: str) -> tuple[str, tuple, str]:
    term = display_term(concept, language)
    own = concept.text(language)
    abbreviation = f" ({escape(own.abbreviation)})" if own and own.abbreviation else ""
    marker = "" if own and own.term else f" *({ui(language, 'untranslated_marker')})*"
    other = concept.text(language.other)
    equivalent = f' · <span lang="{language.other.value}">{escape(other.term)}</span>' if other and other.term else ""
    line = f"[{escape(term)}]({concept.id}.md){abbreviation}{marker}{equivalent}" + (
        f" — {escape(line_summary)}" if line_summary else ""
    )
    return letter_group(term, language), sort_key(term, language), line


def render_glossary_index(glossary: Glossary, language: Language) -> str:
    """Markdown for ``/glossary/`` (or ``/uk/glossary/``)."""
    groups: dict[str, list[tuple[tuple, str]]] = defaultdict(list)
    for concept in glossary.concepts.values():
        line_summary = summary(concept, glossary, language, SUMMARY_LENGTH)
        group, key, line = _ENTRIES.get(
            (concept,), (language, line_summary), lambda c=concept, s=line_summary: _entry(c, language, s)
        )
        groups[group].append((key, line))

    title = ui(language, "glossary")
    ordered = sorted(groups, key=lambda group: group_order(group, language))
    parts = [
        front_matter(title, search_kind="index"),
        f"# {title}\n\n",
        ui_count(language, "glossary_intro", len(glossary.concepts)),
        "\n\n",
    ]
    parts.append(f"[{ui(language, 'browse_by_category')}](../categories/index.md)\n\n")
    if ordered:
        jump = " · ".join(f"[{escape(group)}](#{_anchor(group)})" for group in ordered)
        parts.append(f"{ui(language, 'jump_to_letter')}: {jump}\n\n")
    for group in ordered:
        parts.append(f"## {escape(group)} {{#{_anchor(group)}}}\n\n")
        parts.append(item_list(line for _, line in sorted(groups[group])))
    return "".join(parts).rstrip() + "\n"
