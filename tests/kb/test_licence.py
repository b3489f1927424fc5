from __future__ import annotations

import dataclasses

from kb.licence import adapted_works, attribution, credit
from kb.model import Glossary, Language, Source

SOURCE = Source("s", "A title", "A publisher", "en", url="https://example.org/", licence="CC BY 4.0")


def test_a_work_is_credited_with_title_publisher_licence_and_address() -> None:
    assert credit(SOURCE, Language.EN) == "“A title”, A publisher, CC BY 4.0, https://example.org/"
    assert credit(dataclasses.replace(SOURCE, url=None), Language.UK) == "«A title», A publisher, CC BY 4.0"


def test_only_openly_licensed_sources_are_adapted_works(real_glossary: Glossary) -> None:
    assert [work.id for work in adapted_works(real_glossary)] == ["wikipedia-bpo-en", "wikipedia-bpo-uk"]


def test_without_adapted_works_the_statement_stands_alone() -> None:
    text = attribution(Glossary(sources={}), Language.EN)
    assert text == (
        "Text by the BPO Knowledge Base contributors, licensed under CC BY-SA 4.0 "
        "(https://creativecommons.org/licenses/by-sa/4.0/)."
    )
    assert "Adapted from" not in text
