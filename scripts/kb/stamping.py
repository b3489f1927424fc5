"""``kb stamp``: record that translations were reviewed against the current source texts.

Every stamped file is written in one transaction, so a crash leaves all of them stamped or none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.model import Article, Concept, Glossary
from kb.transaction import WriteOutcome, write_files
from kb.translation import source_fields, target_has, text_hash
from kb.yamlwrite import edited_text


@dataclass(frozen=True)
class StampResult:
    #: The entries whose files changed (or, when the write failed, would have).
    changed: list[Concept | Article]
    write: WriteOutcome


def current_hashes(entry: Concept | Article) -> dict[str, str]:
    """Field → hash of the source text, for the fields the target language has."""
    target = entry.source_language.other
    return {name: text_hash(text) for name, text in source_fields(entry).items() if target_has(entry, target, name)}


def stamped_text(entry: Concept | Article) -> str | None:
    """The entry's file with the current hashes written in; None when it already has them."""
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

    return edited_text(entry.document.path, edit)


def entries_by_id(glossary: Glossary) -> dict[str, Concept | Article]:
    return {**glossary.articles, **glossary.concepts}


def stamp(root: Path, entries: Iterable[Concept | Article]) -> StampResult:
    """Stamp each entry of the glossary at ``root``, all files at once; the caller holds its lock."""
    texts: dict[Path, str] = {}
    changed = []
    for entry in entries:
        if entry.document.path in texts:
            continue  # named twice
        text = stamped_text(entry)
        if text is not None:
            texts[entry.document.path] = text
            changed.append(entry)
    return StampResult(changed, write_files(root, texts))
