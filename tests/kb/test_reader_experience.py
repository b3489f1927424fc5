"""The built site in a real browser (Debian's Chromium): search, tooltips, language switcher,
keyboard access, privacy and accessibility (axe-core), in both languages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pytest

from conftest import REPO, chromium, served

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
#: The pages axe checks, in both languages.
PAGES = ["", "glossary/", "glossary/outsourcing/", "concepts/what-is-bpo/"]


@pytest.fixture(scope="module")
def site_url(real_site: Path) -> Iterator[str]:
    with served(real_site) as root:
        yield root


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    """A fresh tab that records console errors and requests to any other host."""
    context = browser.new_context()
    tab = context.new_page()
    tab.console_errors = []  # type: ignore[attr-defined]
    tab.foreign_requests = []  # type: ignore[attr-defined]
    tab.on("console", lambda m: tab.console_errors.append(m.text) if m.type == "error" else None)  # type: ignore[attr-defined]
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))  # type: ignore[attr-defined]
    own = urlparse(site_url).netloc
    tab.on(
        "request",
        lambda r: (
            tab.foreign_requests.append(r.url)  # type: ignore[attr-defined]
            if urlparse(r.url).scheme in ("http", "https", "ws", "wss") and urlparse(r.url).netloc != own
            else None
        ),
    )
    yield tab
    context.close()


def search(page: Page, site_url: str, path: str, query: str) -> list[tuple[str, str]]:
    """Type ``query`` into the search box of ``path``; (title, path) of each result, best first."""
    page.goto(site_url + path)
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    # Playwright enters non-Latin text without key events; a real keyboard ends with a keyup.
    page.keyboard.press("End")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0", timeout=15_000)
    results = page.locator(".md-search-result__item > a:first-child")
    return [
        (link.locator("h1").inner_text(), urlparse(link.get_attribute("href") or "").path) for link in results.all()
    ]


@pytest.mark.parametrize(
    ("query", "concept"),
    [
        ("аутсорсингом", "outsourcing"),
        ("кол-центрами", "call-centre"),
        ("змінними витратами", "variable-costs"),
        ("ключовими компетенціями", "core-competencies"),
        ("угодою про рівень обслуговування", "service-level-agreement"),
    ],
)
def test_an_inflected_ukrainian_query_finds_the_concept_first(page: Page, site_url: str, query: str, concept: str):
    results = search(page, site_url, "uk/", query)
    assert results[0][1] == f"/uk/glossary/{concept}/", results[:3]


@pytest.mark.parametrize(
    ("query", "concept"),
    [
        ("outsourced", "outsourcing"),
        ("call centres", "call-centre"),
        ("shared services centres", "shared-services-centre"),
    ],
)
def test_an_inflected_english_query_finds_the_concept_first(page: Page, site_url: str, query: str, concept: str):
    results = search(page, site_url, "", query)
    assert results[0][1] == f"/glossary/{concept}/", results[:3]


def test_results_stay_in_the_readers_language(page: Page, site_url: str) -> None:
    ukrainian = search(page, site_url, "uk/glossary/", "BPO")
    assert len(ukrainian) > 5 and all(path.startswith("/uk/") for _, path in ukrainian)
    english = search(page, site_url, "glossary/", "BPO")
    assert len(english) > 5 and not any(path.startswith("/uk/") for _, path in english)


@pytest.mark.parametrize(
    ("path", "query", "concept"),
    [
        ("uk/", "SLA", "/uk/glossary/service-level-agreement/"),
        ("uk/", "RPA", "/uk/glossary/robotic-process-automation/"),
        ("", "RPA", "/glossary/robotic-process-automation/"),
    ],
)
def test_acronyms_are_found_inside_brackets(page: Page, site_url: str, path: str, query: str, concept: str) -> None:
    assert concept in [found for _, found in search(page, site_url, path, query)]


def test_an_acronym_joined_to_a_ukrainian_word_is_found(page: Page, site_url: str) -> None:
    search(page, site_url, "uk/", "BPO-компаній")
    marked = page.locator(".md-search-result mark").all_inner_texts()
    assert any(text.startswith("BPO-компан") or text == "компаній" for text in marked), marked


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u02bc"])
def test_any_apostrophe_matches_the_texts_apostrophe(page: Page, site_url: str, apostrophe: str) -> None:
    results = search(page, site_url, "uk/", f"пов{apostrophe}язаних")
    assert results and all(path.startswith("/uk/") for _, path in results)
    marked = page.locator(".md-search-result mark").all_inner_texts()
    assert any("повʼязан" in text.lower() for text in marked), marked


def test_the_language_switcher_leads_to_the_same_concept(page: Page, site_url: str) -> None:
    page.goto(site_url + "glossary/outsourcing/")
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__list a[hreflang="uk"]').click()
    page.wait_for_url(site_url + "uk/glossary/outsourcing/")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.locator("article h1").inner_text().startswith("Аутсорсинг")


def tooltip_text(page: Page) -> str:
    page.wait_for_selector(".md-tooltip2--active", timeout=5_000)
    return page.locator(".md-tooltip2--active").inner_text()


@pytest.mark.parametrize("path", ["uk/concepts/what-is-bpo/", "concepts/what-is-bpo/"])
def test_a_term_in_an_article_shows_its_definition_on_hover(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    term = page.locator("article a.kb-term").first
    definition = term.get_attribute("title") or ""
    term.hover()
    assert tooltip_text(page)[:40] == definition[:40] != ""


def test_a_term_shows_its_definition_on_keyboard_focus(page: Page, site_url: str) -> None:
    page.goto(site_url + "uk/glossary/outsourcing/")
    # The theme moves a title into its tooltip on focus: read the definitions first.
    definitions = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('a.kb-term')].map(a => [a.href, a.title]))"
    )
    page.locator("article").first.click(position={"x": 1, "y": 1})
    focused = ""
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        if "kb-term" in focused:
            break
    assert "kb-term" in focused
    definition = definitions[page.evaluate("document.activeElement.href")]
    assert tooltip_text(page)[:40] == definition[:40] != ""


def test_search_and_the_language_switcher_are_reached_by_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url + "uk/glossary/outsourcing/")
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.add(
            page.evaluate(
                "(() => { const e = document.activeElement;"
                " if (e.matches('input.md-search__input')) return 'search';"
                " if (e.closest('.md-select')) return 'language';"
                " return e.tagName; })()"
            )
        )
    assert {"search", "language"} <= reached
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")


@pytest.mark.parametrize("language", ["", "uk/"])
def test_pages_make_no_foreign_requests_and_no_console_errors(page: Page, site_url: str, language: str) -> None:
    for path in [*PAGES, "404.html", "categories/"]:
        page.goto(site_url + language + path, wait_until="networkidle")
    search(page, site_url, language, "BPO")
    page.wait_for_load_state("networkidle")
    assert page.foreign_requests == []  # type: ignore[attr-defined]
    assert page.console_errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", [language + path for language in ("", "uk/") for path in [*PAGES, "404.html"]])
def test_axe_finds_no_serious_or_critical_violations(page: Page, site_url: str, path: str) -> None:
    assert AXE.is_file(), "axe-core is missing: run `make test` (it runs npm ci)"
    page.goto(site_url + path)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)"
    )
    assert violations == []
