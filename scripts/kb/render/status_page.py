"""The translation status page: per language and category, what is translated and what is stale."""

from __future__ import annotations

from collections import defaultdict

from babel.numbers import format_percent

from kb.coverage import ARTICLES_CATEGORY, Coverage, LanguageCoverage
from kb.labels import CATEGORIES, ui
from kb.memo import IdentityMemo
from kb.model import Article, Category, Concept, Glossary, Language
from kb.render.escaping import escape
from kb.render.pages import display_title, field_label, front_matter, item_list
from kb.render.term_page import display_term


def _category_name(name: str, language: Language) -> str:
    if name == ARTICLES_CATEGORY:
        return ui(language, "category_articles")
    return CATEGORIES[language][Category(name)]


def _percent(value: float, language: Language) -> str:
    return format_percent(value / 100, format="#,##0.#%", locale=language.value)


def _entry_link(entry: Concept | Article, language: Language) -> str:
    if isinstance(entry, Concept):
        return f"[{escape(display_term(entry, language))}](glossary/{entry.id}.md)"
    return f"[{escape(display_title(entry, language))}](concepts/{entry.id}.md)"


def _language_section(result: LanguageCoverage, language: Language) -> str:
    """One target language's table by category and its list of entries that need work."""
    parts = [f"## {ui(language, 'status_language_' + result.language.value)}\n\n"]
    if result.tally.total == 0:
        return parts[0] + ui(language, "status_nothing") + "\n\n"
    header = [ui(language, key) for key in ("status_category", "status_fields", "status_translated", "status_stale")]
    rows = [f"| {' | '.join(header)} |", "| --- | ---: | ---: | ---: |"]
    for name, tally in sorted(result.by_category.items(), key=lambda item: _category_name(item[0], language)):
        share = _percent(tally.percent, language)
        rows.append(f"| {escape(_category_name(name, language))} | {tally.total} | {share} | {tally.stale} |")
    total = result.tally
    share = _percent(total.percent, language)
    rows.append(f"| **{ui(language, 'status_total')}** | **{total.total}** | **{share}** | **{total.stale}** |")
    parts.append("\n".join(rows) + "\n\n")
    work: dict[str, tuple[Concept | Article, list[str]]] = {}
    by_entry: dict[str, list[str]] = defaultdict(list)
    for status in [*result.missing, *result.stale]:
        key = f"{status.kind}:{status.entry.id}"
        work[key] = (status.entry, by_entry[key])
        state = ui(language, f"state_{status.state.value}")
        label = f"{field_label(language, status.field)} ({state})"
        if label not in by_entry[key]:
            by_entry[key].append(label)
    if not work:
        return "".join(parts) + ui(language, "status_all_done") + "\n\n"
    parts.append(f"### {ui(language, 'status_needs_work')}\n\n")
    parts.append(
        item_list(
            _WORK_LINES.get((entry,), (language, tuple(fields)), lambda e=entry, f=fields: _work_line(e, f, language))
            for entry, fields in work.values()
        )
    )
    return "".join(parts)


#: An entry's line in the list of work, by the entry's identity and the fields named.
_WORK_LINES = IdentityMemo(100_000)


def _work_line(entry: Concept | Article, fields: list[str], language: Language) -> str:
    return f"{_entry_link(entry, language)}: {escape(', '.join(fields))}"


def render_status_page(coverage: Coverage, glossary: Glossary, language: Language) -> str:
    """Markdown for ``/status/`` (or ``/uk/status/``)."""
    title = ui(language, "status_title")
    parts = [front_matter(title), f"# {title}\n\n{ui(language, 'status_intro')}\n\n"]
    for target in (language.other, language):
        parts.append(_language_section(coverage.languages[target], language))
    return "".join(parts).rstrip() + "\n"
