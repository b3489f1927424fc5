"""Rendered pages compared with golden files (``KB_UPDATE_GOLDEN=1`` rewrites them after review)."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURE_GLOSSARY, FIXTURES, assert_matches_golden
from kb.render.site import render_site_pages
from kb.validation import validate_glossary

GOLDEN = FIXTURES / "golden"
SVG = re.compile(r"<svg.*?</svg>", re.DOTALL)
PAGES = [
    "en/glossary/index.md",
    "uk/glossary/index.md",
    "en/glossary/outsourcing.md",
    "uk/glossary/outsourcing.md",
    "uk/glossary/call-centre.md",
    "uk/glossary/contact-centre.md",
    "en/glossary/gig-economy.md",
    "en/concepts/index.md",
    "en/concepts/intro.md",
    "uk/concepts/intro.md",
    "en/status.md",
    "uk/status.md",
    "uk/categories/quality.md",
    "en/categories/index.md",
]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    result = validate_glossary(FIXTURE_GLOSSARY)
    assert result.errors == []
    return render_site_pages(result.glossary)


def without_svg(page: str) -> str:
    """Chart drawings depend on the matplotlib version; they are checked in test_figure_blocks."""
    return SVG.sub("<svg>…</svg>", page)


@pytest.mark.parametrize("name", PAGES)
def test_page_matches_golden_file(pages: dict[str, str], name: str) -> None:
    assert_matches_golden(without_svg(pages[name]), GOLDEN / name)


def test_every_concept_and_article_has_a_page_in_both_languages(pages: dict[str, str]) -> None:
    expected = {
        f"{lang}/{folder}/{name}.md"
        for lang in ("en", "uk")
        for folder, names in (
            (
                "glossary",
                ["index", "outsourcing", "call-centre", "contact-centre", "gig-economy", "efficiency", "yield"],
            ),
            ("concepts", ["index", "intro"]),
        )
        for name in names
    }
    categories = {
        f"{lang}/categories/{name}.md"
        for lang in ("en", "uk")
        for name in ("index", "fundamentals", "operations", "markets", "quality")
    }
    assert set(pages) == expected | {"en/status.md", "uk/status.md"} | categories


def test_ukrainian_index_follows_the_ukrainian_alphabet(pages: dict[str, str]) -> None:
    headings = [line for line in pages["uk/glossary/index.md"].splitlines() if line.startswith("## ")]
    # Cyrillic letters in Ukrainian order, then the untranslated concept under its English term.
    assert [h.split()[1] for h in headings] == ["А", "Ґ", "Е", "Є", "К", "C"]
    assert "- [call centre](call-centre.md) *(ще не перекладено)*" in pages["uk/glossary/index.md"]


def test_figures_are_formatted_for_the_page_language(pages: dict[str, str]) -> None:
    assert "about US$22.9 billion in 2016" in pages["en/concepts/intro.md"]
    assert "У 2016 році зразковий ринок оцінювали в близько 22,9 млрд дол. США" in pages["uk/concepts/intro.md"]


def test_untranslated_page_carries_a_notice_and_the_english_text(pages: dict[str, str]) -> None:
    page = pages["uk/glossary/call-centre.md"]
    assert '!!! warning "Ще не перекладено"' in page
    assert "A unit that handles large volumes of telephone calls" in page


def test_term_page_size_does_not_depend_on_unrelated_concepts() -> None:
    result = validate_glossary(FIXTURE_GLOSSARY)
    page = render_site_pages(result.glossary)["en/glossary/efficiency.md"]
    for other in ("outsourcing", "call-centre", "contact-centre"):
        assert other not in page


def test_concept_page_lists_the_articles_that_use_it(pages: dict[str, str]) -> None:
    assert "## Used in articles\n\n- [Introduction](../concepts/intro.md)" in pages["en/glossary/call-centre.md"]
    assert "Used in articles" not in pages["en/glossary/efficiency.md"]


def test_concept_page_carries_defined_term_json_ld() -> None:
    import json

    result = validate_glossary(FIXTURE_GLOSSARY)
    page = render_site_pages(result.glossary, "https://example.org/kb/")["uk/glossary/outsourcing.md"]
    front = page.split("---")[1]
    line = next(line for line in front.splitlines() if line.startswith("json_ld: "))
    data = json.loads(json.loads(line.removeprefix("json_ld: ")))
    assert data["@type"] == "DefinedTerm" and data["name"] == "аутсорсинг" and data["inLanguage"] == "uk"
    assert data["url"] == "https://example.org/kb/uk/glossary/outsourcing/"
    assert data["inDefinedTermSet"]["@type"] == "DefinedTermSet"
