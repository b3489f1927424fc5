"""Display text per language. Keys stay English identifiers; only labels are translated."""

from __future__ import annotations

from babel import Locale
from babel.numbers import format_decimal

from kb.model import Category, Gender, Language, Number, PartOfSpeech, Qualifier, Status, TermStatus, Unit

UI: dict[Language, dict[str, str]] = {
    Language.EN: {
        "glossary": "Glossary",
        "articles": "Articles",
        "articles_intro": "Articles explain the main topics of business process outsourcing and link the glossary "
        "concepts they use.",
        "abbreviation": "Abbreviation",
        "synonyms": "Synonyms",
        "category": "Category",
        "status": "Status",
        "notes": "Notes",
        "broader": "Broader concepts",
        "narrower": "Narrower concepts",
        "related": "Related concepts",
        "sources": "Sources",
        "in_article": "Concepts in this article",
        "licence": "licence",
        "jump_to_letter": "Jump to letter",
        "not_translated_title": "Not yet translated",
        "not_translated_page": "This page has not been translated into English yet. It is shown in {shown_in}.",
        "not_translated_fields": "Parts of this page have not been translated into English yet and are shown "
        "in {shown_in}: {fields}.",
        "deprecated_title": "Deprecated",
        "deprecated": "This term is deprecated: it is kept for reference, but should no longer be used.",
        "draft_title": "Draft",
        "draft": "This entry is a draft and has not been reviewed yet.",
        "untranslated_marker": "not yet translated",
        "stale_title": "Translation may be out of date",
        "stale_fields": "The {source} text has changed since this page was translated: {fields}. "
        "A translator has not reviewed it yet.",
        "status_title": "Translation status",
        "status_intro": "How much of the knowledge base is translated, and what needs work. A field is stale when "
        "the text it was translated from has changed since.",
        "status_language_en": "Translation into English",
        "status_language_uk": "Translation into Ukrainian",
        "status_nothing": "Nothing is translated into this language: every entry was written in it.",
        "status_category": "Category",
        "status_fields": "Fields",
        "status_translated": "Translated",
        "status_stale": "Stale",
        "status_total": "Total",
        "status_needs_work": "Needs work",
        "status_all_done": "Every field is translated and up to date.",
        "state_missing": "missing",
        "state_stale": "stale",
        "category_articles": "Articles",
        "used_in": "Used in articles",
        "glossary_set_name": "BPO Knowledge Base glossary",
        "categories": "Categories",
        "browse_by_category": "Browse by category",
        "kilobytes": "KB",
        "downloads_title": "Download the glossary",
        "downloads_intro": "The whole glossary, in both languages, in standard formats. The files are made from "
        "the same data as this site each time it is built.",
        "download_tbx_title": "TBX (TermBase eXchange)",
        "download_tbx": "TBX-Basic (ISO 30042) for translation tools such as Trados, memoQ or Weblate: each concept "
        "with its terms, abbreviations and synonyms in English and Ukrainian, their status, definitions and sources.",
        "download_skos_title": "SKOS (Turtle)",
        "download_skos": "A SKOS concept scheme in RDF Turtle for thesaurus and knowledge-organisation tools: "
        "preferred and alternative labels, definitions, and broader, narrower and related concepts.",
        "download_json_title": "JSON",
        "download_json": "Everything the glossary's YAML files hold, concepts, articles, sources and figures, for "
        "programs and scripts.",
        "download_csv_title": "CSV for translators",
        "download_csv": "One row per concept field with its English and Ukrainian text and its translation status "
        "(translated, missing, stale). It opens in any spreadsheet; edited cells can be imported back with "
        "kb import.",
        "downloads_licence": "Every file is licensed under [{licence}]({url}): you may reuse and adapt it, "
        "crediting the knowledge base and its sources as the file's own metadata says, and sharing adaptations "
        "under the same licence.",
        "table_figure": "Figure",
        "table_value": "Value",
        "table_year": "Year",
        "table_source": "Source",
        "chart_caption": "The figures above compared; years and sources as in the table.",
        "field_term": "term",
        "field_definition": "definition",
        "field_notes": "notes",
        "field_title": "title",
        "field_summary": "summary",
        "field_sections": "sections",
        "language_en": "English",
        "language_uk": "Ukrainian",
        "quoted": "“{text}”",
        "preferred_term": "Preferred term",
        "equivalents_en": "In English",
        "equivalents_uk": "In Ukrainian",
        "name_deprecated": "Deprecated",
        "name_obsolete": "Obsolete",
        "editorial": "editors of this knowledge base",
        "editorial_explained": "written by the editors of this knowledge base from general knowledge of the field",
        "definition_source": "Definition",
        "notes_source": "Notes",
        "citing": "{source}, citing {cites}",
        "content_licence_statement": "Text by the BPO Knowledge Base contributors, licensed under {licence} ({url}).",
        "adapted_from": "Adapted from: {works}.",
        "footer_text_licence": "Text: {licence}",
        "footer_credits": "sources and credits",
        "footer_code_licence": "code: {licence}",
        "footer_made_with": "Made with",
    },
    Language.UK: {
        "glossary": "Глосарій",
        "articles": "Статті",
        "articles_intro": "Статті пояснюють основні теми аутсорсингу бізнес-процесів і посилаються на поняття "
        "глосарію, які в них ужито.",
        "abbreviation": "Скорочення",
        "synonyms": "Синоніми",
        "category": "Категорія",
        "status": "Статус",
        "notes": "Примітки",
        "broader": "Ширші поняття",
        "narrower": "Вужчі поняття",
        "related": "Повʼязані поняття",
        "sources": "Джерела",
        "in_article": "Поняття в цій статті",
        "licence": "ліцензія",
        "jump_to_letter": "Перейти до літери",
        "not_translated_title": "Ще не перекладено",
        "not_translated_page": "Цю сторінку ще не перекладено українською. Її показано мовою оригіналу ({shown_in}).",
        "not_translated_fields": "Частину цієї сторінки ще не перекладено українською, її показано мовою оригіналу "
        "({shown_in}): {fields}.",
        "deprecated_title": "Застарілий термін",
        "deprecated": "Цей термін застарів: його збережено для довідки, але вживати його вже не варто.",
        "draft_title": "Чернетка",
        "draft": "Цей запис — чернетка, його ще не рецензовано.",
        "untranslated_marker": "ще не перекладено",
        "stale_title": "Переклад може бути застарілим",
        "stale_fields": "Текст мовою оригіналу ({source}) змінився після перекладу цієї сторінки: {fields}. "
        "Перекладач ще не переглянув зміни.",
        "status_title": "Стан перекладу",
        "status_intro": "Яку частину бази знань перекладено і що потребує роботи. Поле вважається застарілим, "
        "якщо текст, з якого його перекладено, відтоді змінився.",
        "status_language_en": "Переклад англійською",
        "status_language_uk": "Переклад українською",
        "status_nothing": "Цією мовою нічого не потрібно перекладати: усі записи нею й написано.",
        "status_category": "Категорія",
        "status_fields": "Полів",
        "status_translated": "Перекладено",
        "status_stale": "Застарілих",
        "status_total": "Усього",
        "status_needs_work": "Потребує роботи",
        "status_all_done": "Усі поля перекладено, переклад актуальний.",
        "state_missing": "немає перекладу",
        "state_stale": "застаріле",
        "category_articles": "Статті",
        "used_in": "Ужито в статтях",
        "glossary_set_name": "Глосарій бази знань з аутсорсингу бізнес-процесів",
        "categories": "Категорії",
        "browse_by_category": "Перегляд за категоріями",
        "kilobytes": "КБ",
        "downloads_title": "Завантажити глосарій",
        "downloads_intro": "Увесь глосарій обома мовами у стандартних форматах. Файли створюються з тих самих "
        "даних, що й цей сайт, під час кожного його збирання.",
        "download_tbx_title": "TBX (TermBase eXchange)",
        "download_tbx": "TBX-Basic (ISO 30042) для програм автоматизованого перекладу, як-от Trados, memoQ чи "
        "Weblate: кожне поняття з термінами, скороченнями й синонімами англійською та українською, їхнім статусом, "
        "визначеннями й джерелами.",
        "download_skos_title": "SKOS (Turtle)",
        "download_skos": "Схема понять SKOS у форматі RDF Turtle для тезаурусів і систем організації знань: "
        "основні та альтернативні назви, визначення, ширші, вужчі й повʼязані поняття.",
        "download_json_title": "JSON",
        "download_json": "Усе, що містять YAML-файли глосарію: поняття, статті, джерела й показники, — для "
        "програм і скриптів.",
        "download_csv_title": "CSV для перекладачів",
        "download_csv": "Один рядок на кожне поле поняття з англійським і українським текстом та станом перекладу "
        "(translated — перекладено, missing — бракує, stale — застаріле). Файл відкривається в будь-якій "
        "електронній таблиці; змінені клітинки можна імпортувати назад командою kb import.",
        "downloads_licence": "Усі файли поширюються за ліцензією [{licence}]({url}): їх можна використовувати "
        "й змінювати, зазначивши авторство бази знань та її джерел так, як сказано в метаданих файлу, і "
        "поширюючи похідні матеріали на тих самих умовах.",
        "table_figure": "Показник",
        "table_value": "Значення",
        "table_year": "Рік",
        "table_source": "Джерело",
        "chart_caption": "Порівняння наведених вище показників; роки та джерела — як у таблиці.",
        "field_term": "термін",
        "field_definition": "визначення",
        "field_notes": "примітки",
        "field_title": "заголовок",
        "field_summary": "анотація",
        "field_sections": "розділи",
        "language_en": "англійська",
        "language_uk": "українська",
        "quoted": "«{text}»",
        "preferred_term": "Рекомендований термін",
        "equivalents_en": "Англійською",
        "equivalents_uk": "Українською",
        "name_deprecated": "Нерекомендовані",
        "name_obsolete": "Застарілі",
        "editorial": "редактори цієї бази знань",
        "editorial_explained": "написано редакторами цієї бази знань на основі загальних знань галузі",
        "definition_source": "Визначення",
        "notes_source": "Примітки",
        "citing": "{source}, з посиланням на {cites}",
        "content_licence_statement": "Текст: дописувачі Бази знань з аутсорсингу бізнес-процесів, ліцензія "
        "{licence} ({url}).",
        "adapted_from": "Створено на основі: {works}.",
        "footer_text_licence": "Текст — за ліцензією {licence}",
        "footer_credits": "джерела та авторство",
        "footer_code_licence": "код — {licence}",
        "footer_made_with": "Зроблено за допомогою",
    },
}

CATEGORIES: dict[Language, dict[Category, str]] = {
    Language.EN: {
        Category.FUNDAMENTALS: "Fundamentals",
        Category.TYPES: "Types of outsourcing",
        Category.FUNCTIONS: "Business functions",
        Category.OPERATIONS: "Operations",
        Category.PRICING_AND_CONTRACTS: "Pricing and contracts",
        Category.BENEFITS_AND_COSTS: "Benefits and costs",
        Category.MARKETS: "Markets",
        Category.TECHNOLOGY: "Technology and automation",
        Category.QUALITY: "Quality",
    },
    Language.UK: {
        Category.FUNDAMENTALS: "Основні поняття",
        Category.TYPES: "Види аутсорсингу",
        Category.FUNCTIONS: "Бізнес-функції",
        Category.OPERATIONS: "Операційна діяльність",
        Category.PRICING_AND_CONTRACTS: "Ціноутворення та договори",
        Category.BENEFITS_AND_COSTS: "Переваги та витрати",
        Category.MARKETS: "Ринки",
        Category.TECHNOLOGY: "Технології та автоматизація",
        Category.QUALITY: "Якість",
    },
}

STATUSES: dict[Language, dict[Status, str]] = {
    Language.EN: {Status.DRAFT: "draft", Status.REVIEWED: "reviewed", Status.DEPRECATED: "deprecated"},
    Language.UK: {Status.DRAFT: "чернетка", Status.REVIEWED: "перевірено", Status.DEPRECATED: "застарілий"},
}

TERM_STATUSES: dict[Language, dict[TermStatus, str]] = {
    Language.EN: {
        TermStatus.PREFERRED: "preferred",
        TermStatus.ADMITTED: "admitted",
        TermStatus.DEPRECATED: "deprecated",
        TermStatus.OBSOLETE: "obsolete",
    },
    Language.UK: {
        TermStatus.PREFERRED: "рекомендований",
        TermStatus.ADMITTED: "допустимий",
        TermStatus.DEPRECATED: "нерекомендований",
        TermStatus.OBSOLETE: "застарілий",
    },
}

#: Grammar marks after a name, as dictionaries abbreviate them (shown in the page's language).
GRAMMAR: dict[Language, dict[object, str]] = {
    Language.EN: {
        Gender.MASCULINE: "m.",
        Gender.FEMININE: "f.",
        Gender.NEUTER: "n.",
        Number.SINGULAR: "sg.",
        Number.PLURAL: "pl.",
        PartOfSpeech.VERB: "v.",
        PartOfSpeech.ADJECTIVE: "adj.",
        PartOfSpeech.ADVERB: "adv.",
        PartOfSpeech.OTHER: "",
    },
    Language.UK: {
        Gender.MASCULINE: "ч.",
        Gender.FEMININE: "ж.",
        Gender.NEUTER: "с.",
        Number.SINGULAR: "одн.",
        Number.PLURAL: "мн.",
        PartOfSpeech.VERB: "дієсл.",
        PartOfSpeech.ADJECTIVE: "прикм.",
        PartOfSpeech.ADVERB: "присл.",
        PartOfSpeech.OTHER: "",
    },
}

#: ``{number}`` is the number already formatted for the locale.
UNITS: dict[Language, dict[Unit, str]] = {
    Language.EN: {
        Unit.USD_BILLION: "US${number} billion",
        Unit.PERCENT: "{number}",
        Unit.THOUSAND: "{number} thousand",
    },
    Language.UK: {Unit.USD_BILLION: "{number} млрд дол. США", Unit.PERCENT: "{number}", Unit.THOUSAND: "{number} тис."},
}

#: Axis titles for charts of one unit.
UNIT_AXIS: dict[Language, dict[Unit, str]] = {
    Language.EN: {Unit.USD_BILLION: "US$ billion", Unit.PERCENT: "%", Unit.THOUSAND: "thousand"},
    Language.UK: {Unit.USD_BILLION: "млрд дол. США", Unit.PERCENT: "%", Unit.THOUSAND: "тис."},
}

QUALIFIERS: dict[Language, dict[Qualifier, str]] = {
    Language.EN: {
        Qualifier.EXACT: "{amount}",
        Qualifier.ABOUT: "about {amount}",
        Qualifier.MORE_THAN: "more than {amount}",
    },
    Language.UK: {
        Qualifier.EXACT: "{amount}",
        Qualifier.ABOUT: "близько {amount}",
        Qualifier.MORE_THAN: "понад {amount}",
    },
}


def ui(language: Language, key: str, **values: object) -> str:
    return UI[language][key].format(**values)


#: Texts with a number, one per CLDR plural category of the language (Ukrainian has one, few,
#: many and other: 1 поняття, 3 поняття, 5 понять, 1,5 поняття). ``{count}`` is the number
#: formatted for the locale; the search box's texts use ``#`` as Material does.
PLURAL_UI: dict[Language, dict[str, dict[str, str]]] = {
    Language.EN: {
        "glossary_intro": {
            "one": "The glossary explains {count} concept of business process outsourcing in English and Ukrainian. "
            "Terms are grouped by their first letter.",
            "other": "The glossary explains {count} concepts of business process outsourcing in English and "
            "Ukrainian. Terms are grouped by their first letter.",
        },
        "category_intro": {
            "one": "{count} concept of this theme.",
            "other": "{count} concepts of this theme, in alphabetical order.",
        },
        "search.result": {"one": "1 matching document", "other": "# matching documents"},
        "search.result.more": {"one": "1 more on this page", "other": "# more on this page"},
    },
    Language.UK: {
        "glossary_intro": {
            form: f"Глосарій пояснює {{count}} {noun} аутсорсингу бізнес-процесів українською та англійською "
            "мовами. Терміни згруповано за першою літерою."
            for form, noun in (("one", "поняття"), ("few", "поняття"), ("many", "понять"), ("other", "поняття"))
        },
        "category_intro": {
            "one": "{count} поняття цієї теми.",
            "few": "{count} поняття цієї теми в алфавітному порядку.",
            "many": "{count} понять цієї теми в алфавітному порядку.",
            "other": "{count} поняття цієї теми в алфавітному порядку.",
        },
        "search.result": {
            "one": "Знайдено # збіг",
            "few": "Знайдено # збіги",
            "many": "Знайдено # збігів",
            "other": "Знайдено # збігу",
        },
        "search.result.more": {
            "one": "Ще # збіг на цій сторінці",
            "few": "Ще # збіги на цій сторінці",
            "many": "Ще # збігів на цій сторінці",
            "other": "Ще # збігу на цій сторінці",
        },
    },
}


def ui_count(language: Language, key: str, count: int) -> str:
    """The text for ``count`` in its plural form (CLDR rules, from Babel), the number formatted."""
    form = Locale.parse(language.value).plural_form(count)
    forms = PLURAL_UI[language][key]
    return forms.get(form, forms["other"]).format(count=format_decimal(count, locale=language.value))
