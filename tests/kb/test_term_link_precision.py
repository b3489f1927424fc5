"""Glossary links in the built site mean what they link to: a judged set of links, read in their sentences.

``tests/fixtures/links/judged.tsv`` lists links a reviewer judged by reading each one's sentence:
every link judged wrong (with the phrase it sat in) and a sample of links judged right. A wrong
link must not come back; a right one must still be there.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest
from lxml import html

from conftest import FIXTURES

JUDGED = FIXTURES / "links" / "judged.tsv"
_QUOTES = re.compile('[\u201c\u201d\u2018\u2019\u00ab\u00bb"*]')  # quotes and emphasis marks


class Judged(NamedTuple):
    page: str
    text: str
    concept: str
    verdict: str
    phrase: str


class Link(NamedTuple):
    text: str
    concept: str
    start: int
    end: int


def judged() -> list[Judged]:
    rows = []
    for line in JUDGED.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        page, text, concept, verdict, _reason, *phrase = line.split("\t")
        rows.append(Judged(page, text, concept, verdict, phrase[0] if phrase else ""))
    return rows


def normalise(text: str) -> str:
    return " ".join(_QUOTES.sub("", text).split()).casefold()


def concept_of(href: str) -> str:
    match = re.search(r"([a-z0-9]+(?:-[a-z0-9]+)*)/$", href.split("#", 1)[0])
    return match.group(1) if match else ""


def links_in(page: Path) -> tuple[str, list[Link]]:
    """The article's text and its glossary links, with where each stands in that text."""
    article = html.parse(str(page)).getroot().find(".//article")
    assert article is not None, page
    text: list[str] = []
    links: list[Link] = []
    size = 0

    def walk(element: html.HtmlElement) -> None:
        nonlocal size
        start = size
        if element.text:
            text.append(element.text)
            size += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                text.append(child.tail)
                size += len(child.tail)
        if element.tag == "a" and "kb-term" in (element.get("class") or "").split():
            label = " ".join(element.text_content().split())
            links.append(Link(label, concept_of(element.get("href", "")), start, size))

    walk(article)
    return "".join(text), links


@pytest.fixture(scope="module")
def pages(real_site: Path) -> dict[str, tuple[str, list[Link]]]:
    return {row.page: links_in(real_site / row.page / "index.html") for row in judged()}


def test_the_judged_set_has_both_verdicts_and_every_wrong_link_names_its_phrase() -> None:
    rows = judged()
    assert {row.verdict for row in rows} == {"right", "wrong"}
    assert all(row.phrase for row in rows if row.verdict == "wrong")
    assert sum(row.verdict == "right" for row in rows) >= 50


@pytest.mark.parametrize("row", [row for row in judged() if row.verdict == "wrong"], ids=lambda row: row.page)
def test_a_link_judged_wrong_does_not_come_back(row: Judged, pages: dict[str, tuple[str, list[Link]]]) -> None:
    text, links = pages[row.page]
    phrase = normalise(row.phrase)
    for link in links:
        if link.concept != row.concept:
            continue
        # The link, with the words either side of it as a reader sees them.
        around = normalise(text[max(0, link.start - 60) : link.end + 60])
        position = around.find(phrase)
        inside = position >= 0 and normalise(link.text) in phrase
        assert not inside, f"{row.page}: {link.text!r} links {row.concept} inside {row.phrase!r}"


@pytest.mark.parametrize("row", [row for row in judged() if row.verdict == "right"], ids=lambda row: row.page)
def test_a_link_judged_right_is_still_there(row: Judged, pages: dict[str, tuple[str, list[Link]]]) -> None:
    _, links = pages[row.page]
    assert any(link.text == row.text and link.concept == row.concept for link in links), (
        f"{row.page}: no link {row.text!r} → {row.concept}"
    )
