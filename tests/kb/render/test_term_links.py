"""Glossary terms in definition and article HTML become links with a tooltip, in any form."""

from __future__ import annotations

import dataclasses
import html as html_module
import re

import pytest

from kb.model import Glossary, Language
from kb.render.term_links import END, START, link_terms, mark_concept_links, shortened, term_matcher, tooltips


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


def test_american_spellings_link_to_the_british_term(fixture_glossary: Glossary) -> None:
    matcher = term_matcher(fixture_glossary, Language.EN, {"center": "centre", "centers": "centres"})
    html = link_terms(region("<p>Two call centers and a call center.</p>"), matcher, {}, lambda c: f"/glossary/{c}/")
    assert links(html) == [("call-centre", "call centers")]


def test_a_term_is_linked_whole_across_quotes(fixture_glossary: Glossary) -> None:
    assert links(linked(fixture_glossary, Language.EN, region("<p>A “call” centre.</p>"))) == [
        ("call-centre", "“call” centre")
    ]


def test_a_term_split_between_elements_is_not_linked_in_part(fixture_glossary: Glossary) -> None:
    # "centre" alone would not match here, but "ощадливий підхід" (efficiency) split by
    # emphasis must not leave its last word to link elsewhere either.
    html = region("<p>A <em>call</em> centre; <strong>ощадливий</strong> підхід.</p>")
    assert links(linked(fixture_glossary, Language.EN, html)) == []
    assert links(linked(fixture_glossary, Language.UK, html)) == []


def test_ukrainian_relational_adjectives_link_to_their_noun(fixture_glossary: Glossary) -> None:
    html = region("<p>Ринок аутсорсингових послуг.</p>")
    assert links(linked(fixture_glossary, Language.UK, html)) == [("outsourcing", "аутсорсингових")]


def test_links_an_author_wrote_get_the_look_and_tooltip(fixture_glossary: Glossary) -> None:
    tips = tooltips(fixture_glossary, Language.EN)
    html = mark_concept_links('<p><a href="../../glossary/outsourcing/">Outsourcing</a></p>', tips)
    assert html.startswith('<p><a class="kb-term" href="../../glossary/outsourcing/" title="')
    assert html_module.unescape(re.search(r'title="([^"]*)"', html).group(1)) == tips["outsourcing"]
    untouched = '<a class="headerlink" href="#glossary/x/">¶</a>'
    assert mark_concept_links(untouched, tips) == untouched


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Short.", "Short."),
        ("First sentence here. " + "x" * 300, "First sentence here."),
        ("Перше речення, досить довге. Друге речення, ще довше за перше. " * 5, None),
        ("word " * 100, None),
    ],
)
def test_tooltips_end_at_a_sentence_or_a_word(text: str, expected: str | None) -> None:
    short = shortened(text.strip(), 200)
    assert len(short) <= 200
    if expected is not None:
        assert short == expected
    assert short.endswith((".", "…"))
    assert not short.endswith(" …")


def test_a_phrase_listed_as_not_linked_links_nowhere_in_any_form(fixture_glossary: Glossary) -> None:
    concept = fixture_glossary.concepts["outsourcing"]
    ukrainian = dataclasses.replace(concept.texts[Language.UK], not_linked=("аутсорсинг кадрів",))
    changed = dataclasses.replace(concept, texts={**concept.texts, Language.UK: ukrainian})
    glossary = dataclasses.replace(fixture_glossary, concepts={**fixture_glossary.concepts, "outsourcing": changed})
    html = region("<p>Про аутсорсинг кадрів і аутсорсингу кадрів.</p>")
    assert links(linked(glossary, Language.UK, html)) == []
    separate = region("<p>Про аутсорсинг кадрів.</p>") + region("<p>Звичайний аутсорсинг.</p>")
    assert links(linked(glossary, Language.UK, separate)) == [("outsourcing", "аутсорсинг")]
