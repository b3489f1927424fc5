"""Glossary terms in definition and article HTML become links with a tooltip, in any form."""

from __future__ import annotations

import re

import pytest

from kb.model import Glossary, Language
from kb.render.term_links import END, START, link_terms, term_matcher, tooltips


def region(html: str) -> str:
    return f"{START}\n{html}\n{END}"


def linked(glossary: Glossary, language: Language, html: str, own_id: str | None = None) -> str:
    matcher = term_matcher(glossary, language)
    return link_terms(html, matcher, tooltips(glossary, language), lambda concept: f"/glossary/{concept}/", own_id)


def links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="kb-term" href="/glossary/([^/]+)/" title="[^"]*">([^<]*)</a>', html)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<p>Компанії вдаються до аутсорсингу.</p>", [("outsourcing", "аутсорсингу")]),
        ("<p>Робота з контакт-центрами.</p>", [("contact-centre", "контакт-центрами")]),
        ("<p>Приклад ґіґ-економіки.</p>", [("gig-economy", "ґіґ-економіки")]),
        ("<p>Дбати про ощадливий підхід і ефективністю.</p>", [("efficiency", "ощадливий підхід")]),
    ],
)
def test_ukrainian_terms_are_found_in_any_form(fixture_glossary: Glossary, text: str, expected: list) -> None:
    assert links(linked(fixture_glossary, Language.UK, region(text))) == expected


def test_english_terms_synonyms_and_abbreviations_are_found(fixture_glossary: Glossary) -> None:
    html = region("<p>Firms outsourced work to call centres.</p><p>A CC is busy; gig economy; contracting out.</p>")
    assert links(linked(fixture_glossary, Language.EN, html)) == [
        ("outsourcing", "outsourced"),
        ("call-centre", "call centres"),
        ("gig-economy", "gig economy"),
    ]


def test_only_the_first_mention_per_region_is_linked(fixture_glossary: Glossary) -> None:
    html = region("<p>outsourcing and outsourcing</p>") + "<h2>Next</h2>" + region("<p>more outsourcing</p>")
    assert [text for _, text in links(linked(fixture_glossary, Language.EN, html))] == ["outsourcing", "outsourcing"]
    assert linked(fixture_glossary, Language.EN, html).count("kb-term") == 2


@pytest.mark.parametrize(
    "text",
    [
        "<h2>outsourcing</h2>",
        "<p><code>outsourcing</code></p>",
        "<pre><code>outsourcing\n</code></pre>",
        '<p><a href="https://example.org/">outsourcing</a></p>',
        "<svg><text>outsourcing</text></svg>",
    ],
)
def test_headings_code_links_and_charts_are_left_alone(fixture_glossary: Glossary, text: str) -> None:
    # The markers themselves do not reach the page.
    assert linked(fixture_glossary, Language.EN, region(text)) == f"\n{text}\n"


def test_text_outside_marked_regions_is_left_alone(fixture_glossary: Glossary) -> None:
    html = "<p>outsourcing</p>"
    assert linked(fixture_glossary, Language.EN, html) == html


def test_a_concept_already_linked_in_the_region_is_not_linked_again(fixture_glossary: Glossary) -> None:
    html = region('<p><a href="../outsourcing/">Outsourcing</a> means outsourcing.</p>')
    html = html.replace("../outsourcing/", "../../glossary/outsourcing/")
    assert links(linked(fixture_glossary, Language.EN, html)) == []


def test_a_concept_page_does_not_link_to_itself(fixture_glossary: Glossary) -> None:
    html = region("<p>outsourcing of a call centre</p>")
    assert links(linked(fixture_glossary, Language.EN, html, own_id="outsourcing")) == [("call-centre", "call centre")]


def test_the_tooltip_is_the_escaped_short_definition(fixture_glossary: Glossary) -> None:
    html = linked(fixture_glossary, Language.EN, region("<p>outsourcing</p>"))
    title = re.search(r'title="([^"]*)"', html)
    assert title and title.group(1)
    assert "<" not in title.group(1)
    assert title.group(1).startswith(tooltips(fixture_glossary, Language.EN)["outsourcing"][:20])


def test_entities_and_words_inside_other_words_do_not_match(fixture_glossary: Glossary) -> None:
    html = region("<p>R&amp;D; yields; call&nbsp;centre; subcontracting outward</p>")
    assert [concept for concept, _ in links(linked(fixture_glossary, Language.EN, html))] == ["yield"]
