"""The built site in a real browser (Debian's Chromium): search, tooltips, language switcher,
keyboard access, privacy and accessibility (axe-core), in both languages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlparse

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


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [language + path for language in ("", "uk/") for path in [*PAGES, "404.html"]])
def test_axe_finds_no_serious_or_critical_violations(page: Page, site_url: str, path: str, scheme: str) -> None:
    assert AXE.is_file(), "axe-core is missing: run `make test` (it runs npm ci)"
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + path)
    expected = {"light": "default", "dark": "slate"}[scheme]
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)"
    )
    assert violations == []


def test_the_palette_toggle_switches_between_light_dark_and_the_systems_choice(page: Page, site_url: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(site_url + "uk/")
    toggles = page.locator("form[data-md-component=palette] label")
    # The theme moves a hovered label's title into its tooltip: read them first.
    assert sorted(toggles.evaluate_all("labels => labels.map(label => label.title)")) == [
        "Увімкнути світлу тему",
        "Увімкнути темну тему",
        "Як у системі",
    ]
    schemes = []
    for _ in range(3):
        page.locator("form[data-md-component=palette] label:visible").first.click()
        schemes.append(page.evaluate("document.body.getAttribute('data-md-color-scheme')"))
    assert "slate" in schemes and "default" in schemes


def matches_word(count: int) -> str:
    """Ukrainian for "matches" after ``count``, by the rules of Ukrainian grammar."""
    if count % 10 == 1 and count % 100 != 11:
        return "збіг"
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return "збіги"
    return "збігів"


@pytest.mark.parametrize("count", [1, 3, 5, 11, 12, 21, 22, 25])
def test_ukrainian_result_counts_take_the_right_plural_form(page: Page, site_url: str, count: int) -> None:
    page.goto(site_url + "uk/")
    # As Material writes them, with its one/other forms only.
    written = "Знайдено 1 збіг" if count == 1 else f"Знайдено {count} збігів"
    page.evaluate(
        """([meta, more]) => {
          const list = document.querySelector(".md-search-result");
          list.insertAdjacentHTML("beforeend", `<div class="md-search-result__meta">${meta}</div>`
            + `<details class="md-search-result__more"><summary><div>${more}</div></summary></details>`);
        }""",
        [written, f"Ще {count} збігів на цій сторінці"],
    )
    shown = f"Знайдено {count} {matches_word(count)}"
    page.wait_for_function(
        "shown => [...document.querySelectorAll('.md-search-result__meta')].pop().textContent === shown", arg=shown
    )
    more = page.locator(".md-search-result__more > summary > div").all_inner_texts()[-1]
    assert more == f"Ще {count} {matches_word(count)} на цій сторінці"


def test_the_result_count_of_a_real_search_is_worded_correctly(page: Page, site_url: str) -> None:
    search(page, site_url, "uk/", "кептивний центр")
    meta = page.locator(".md-search-result__meta").inner_text()
    count = int(meta.split()[1])
    assert meta == f"Знайдено {count} {matches_word(count)}"


def test_every_glossary_link_has_the_term_look_and_a_definition(page: Page, site_url: str) -> None:
    for path in ("concepts/bpo-pricing-models/", "uk/concepts/bpo-in-ukraine/", "glossary/outsourcing/"):
        page.goto(site_url + path)
        found = page.locator("article a:not([hreflang])").evaluate_all(
            "links => links.map(a => [a.href, a.className, a.title])"
        )
        # Links to the other language's page of a concept (its equivalents) carry hreflang.
        concept_links = [(cls, title) for href, cls, title in found if re.search(r"/glossary/[^/]+/$", href)]
        assert concept_links, path
        assert all(cls == "kb-term" and title for cls, title in concept_links), (path, concept_links[:5])


def test_a_tap_on_a_touch_screen_shows_the_definition_then_follows_the_link(browser: Browser, site_url: str) -> None:
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.goto(site_url + "uk/concepts/what-is-bpo/")
        term = tab.locator("article a.kb-term").first
        definition = term.get_attribute("title") or ""
        term.tap()
        shown = tab.locator(".kb-definition")
        shown.wait_for(timeout=5_000)
        assert tab.url == site_url + "uk/concepts/what-is-bpo/"
        assert shown.inner_text().startswith(definition[:40]) and definition
        assert shown.locator("a").inner_text() == "Відкрити сторінку поняття"
        tab.locator("article h1").tap()
        assert tab.locator(".kb-definition").count() == 0
        target = urlparse(urljoin(tab.url, term.get_attribute("href") or "")).path
        term.tap()
        term.tap()
        tab.wait_for_url(re.compile(re.escape(target) + "$"), timeout=5_000)
    finally:
        context.close()
