"""What the knowledge base's content is licensed under, and whom it credits.

The site's footer and every export say the same thing: the text is by the knowledge base's
contributors under CC BY-SA 4.0, and it is adapted from the openly licensed works listed in
``sources.yaml`` (those with a ``licence``), each credited with its title, publisher, licence
and address, as CC BY-SA's attribution condition asks.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.labels import ui
from kb.model import Glossary, Language, Source


@dataclass(frozen=True)
class Licence:
    name: str
    url: str


CONTENT_LICENCE = Licence("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/")
CODE_LICENCE = Licence("MIT", "https://opensource.org/license/mit")


def adapted_works(glossary: Glossary) -> list[Source]:
    """The openly licensed sources the content is adapted from, in bibliography order."""
    return [source for source in glossary.sources.values() if source.licence]


def credit(source: Source, language: Language) -> str:
    """One adapted work as an attribution: “Title”, publisher, licence, address."""
    quoted = ui(language, "quoted", text=source.title)
    return ", ".join(part for part in (quoted, source.publisher, source.licence, source.url) if part)


def attribution(glossary: Glossary, language: Language) -> str:
    """Who wrote the content, under which licence, adapted from which works, in one paragraph."""
    statement = ui(language, "content_licence_statement", licence=CONTENT_LICENCE.name, url=CONTENT_LICENCE.url)
    works = adapted_works(glossary)
    if not works:
        return statement
    return statement + " " + ui(language, "adapted_from", works="; ".join(credit(s, language) for s in works))
