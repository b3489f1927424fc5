"""The search box's Ukrainian vocabulary: each form of a glossary word → the prefixes to search.

Pagefind (the site's search index) has no Ukrainian stemmer, but it matches words by prefix. So a
query word the glossary knows is replaced in the browser by the prefixes every form of that word
starts with: ``витратами`` → ``витрат`` finds витрати, витрат, витратах. English needs none of
this: Pagefind stems English itself.

The file is ``{"prefixes": ["витрат", "рок році роче рік", ...], "forms": {"витратами": 0, ...}}``:
a query word found in ``forms`` is searched as each prefix of its entry (several when the stem
alternates); any other word is searched as typed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from kb.memo import IdentityMemo
from kb.model import Article, Concept, Glossary, Language, TermText
from kb.morphology import WORD, is_acronym, prefixes, ukrainian_lexemes


def glossary_words(glossary: Glossary, language: Language) -> Iterator[str]:
    """Every word of every term, synonym and abbreviation in ``language``."""
    for concept in glossary.concepts.values():
        text = concept.text(language)
        if text is None:
            continue
        for name in (text.term, text.abbreviation, *text.synonyms):
            if name:
                yield from (match.group() for match in WORD.finditer(name))


def search_vocabulary(glossary: Glossary) -> dict[str, object]:
    """Ukrainian form → prefix groups for every word in the glossary's Ukrainian terms."""
    groups: dict[str, set[str]] = {}
    for word in set(glossary_words(glossary, Language.UK)):
        if is_acronym(word):
            continue
        for forms in ukrainian_lexemes(word):
            starts = prefixes(forms)
            for form in forms:
                groups.setdefault(form, set()).update(starts)
                # Readers often leave out the hyphen: чатботи finds чат-боти.
                if "-" in form:
                    groups.setdefault(form.replace("-", ""), set()).update(starts)
    table: list[str] = []
    index: dict[str, int] = {}
    forms: dict[str, int] = {}
    for form in sorted(groups):
        starts = sorted(groups[form])
        if starts == [form]:
            continue
        key = " ".join(starts)
        if key not in index:
            index[key] = len(table)
            table.append(key)
        forms[form] = index[key]
    return {"prefixes": table, "forms": forms}


def english_words(glossary: Glossary) -> set[str]:
    """Every word of the glossary's English text: terms, definitions, notes and articles."""
    words: set[str] = set()
    for entry in (*glossary.concepts.values(), *glossary.articles.values()):
        words.update(_WORDS.get((entry,), None, lambda entry=entry: _english_words_of(entry)))
    return words


#: An entry's English words, by the entry's identity.
_WORDS = IdentityMemo(100_000)


def _english_words_of(entry: Concept | Article) -> frozenset[str]:
    text = entry.text(Language.EN)
    if text is None:
        return frozenset()
    if isinstance(text, TermText):
        parts = [text.term, text.abbreviation, *text.synonyms, text.definition, text.notes]
    else:
        parts = [text.title, text.summary, *(piece for s in text.sections for piece in (s.heading, s.body))]
    return frozenset(match.group() for part in parts for match in WORD.finditer(part or ""))


def render_spelling_variants(variants: dict[str, str]) -> str:
    """``{"variants": {"center": "centre", …}}``: American spellings the English search reads as British."""
    return json.dumps({"variants": variants}, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def render_search_vocabulary(glossary: Glossary) -> str:
    """The vocabulary as compact JSON, for ``assets/kb/search-forms.uk.json``."""
    return json.dumps(search_vocabulary(glossary), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
