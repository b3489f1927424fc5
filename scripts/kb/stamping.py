"""``kb stamp``: record that translations were reviewed against the current source texts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kb.model import Article, Concept, Glossary
from kb.translation import source_fields, target_has, text_hash
from kb.yamlwrite import edit_yaml


def current_hashes(entry: Concept | Article) -> dict[str, str]:
    """Field → hash of the source text, for the fields the target language has."""
    target = entry.source_language.other
    return {name: text_hash(text) for name, text in source_fields(entry).items() if target_has(entry, target, name)}


def stamp_entry(entry: Concept | Article) -> bool:
    """Write the current hashes into the entry's file; True when the file changed."""
    hashes = current_hashes(entry)
    target = entry.source_language.other.value

    def edit(document: Any) -> bool:
        section = document.get(target)
        if section is None or not hashes:
            return False
        recorded = section.get("translated_from")
        if recorded is not None and dict(recorded) == hashes:
            return False
        if recorded is None:
            section["translated_from"] = hashes
        else:
            for name in list(recorded):
                if name not in hashes:
                    del recorded[name]
            for name, value in hashes.items():
                recorded[name] = value
        return True

    return edit_yaml(entry.document.path, edit)


def entries_by_id(glossary: Glossary) -> dict[str, Concept | Article]:
    return {**glossary.articles, **glossary.concepts}


def stamp(entries: Iterable[Concept | Article]) -> list[Concept | Article]:
    """Stamp each entry; the entries whose files changed."""
    return [entry for entry in entries if stamp_entry(entry)]
