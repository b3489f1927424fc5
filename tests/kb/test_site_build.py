"""End to end: ``mkdocs build --strict`` of the fixture site and of the real glossary.

This also guards the hand-over of generated pages to mkdocs-static-i18n, which relies on its
internals: if an upgrade breaks it, pages go missing or land in the wrong language here.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, mkdocs_build


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def switcher_targets(html: str) -> dict[str, str]:
    return dict(
        (lang, href)
        for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)" class="md-select__link"', html)
    )


def test_generated_pages_exist_in_both_languages(fixture_site: Path) -> None:
    for prefix in ("", "uk/"):
        for page in (
            "glossary/index.html",
            "glossary/outsourcing/index.html",
            "glossary/call-centre/index.html",
            "concepts/index.html",
            "concepts/intro/index.html",
        ):
            assert (fixture_site / prefix / page).is_file(), prefix + page


def test_pages_are_in_their_language(fixture_site: Path) -> None:
    english = read(fixture_site, "glossary/outsourcing/index.html")
    ukrainian = read(fixture_site, "uk/glossary/outsourcing/index.html")
    assert '<html lang="en"' in english and '<h1 id="outsourcing">Outsourcing' in english
    assert '<html lang="uk"' in ukrainian and '<h1 id="аутсорсинг">Аутсорсинг' in ukrainian
    assert "Тестова база знань" in ukrainian


def test_language_switcher_leads_to_the_same_page(fixture_site: Path) -> None:
    english = switcher_targets(read(fixture_site, "glossary/outsourcing/index.html"))
    ukrainian = switcher_targets(read(fixture_site, "uk/glossary/outsourcing/index.html"))
    assert english == {"en": "./", "uk": "../../uk/glossary/outsourcing/"}
    assert ukrainian == {"en": "../../../glossary/outsourcing/", "uk": "./"}


def test_downloads_are_built_in_both_languages(fixture_site: Path) -> None:
    for prefix in ("", "uk/"):
        page = read(fixture_site, prefix + "downloads/index.html")
        for name in ("bpo-glossary.tbx", "bpo-glossary.ttl", "bpo-glossary.json", "bpo-glossary.csv"):
            assert f'href="{name}"' in page
            assert (fixture_site / prefix / "downloads" / name).stat().st_size > 100
    assert "Завантажити глосарій" in read(fixture_site, "uk/downloads/index.html")
    assert (fixture_site / "downloads" / "bpo-glossary.csv").read_bytes().startswith(b'\xef\xbb\xbf"# Text by')


def test_the_footer_states_the_licence_in_the_pages_language(fixture_site: Path) -> None:
    licence = '<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">'
    pages = {
        "glossary/outsourcing/index.html": (licence + "Text: CC BY-SA 4.0</a>", '<a href="../../about/">'),
        "uk/glossary/outsourcing/index.html": (
            licence + "Текст — за ліцензією CC BY-SA 4.0</a>",
            '<a href="../../about/">',
        ),
        "404.html": ("Made with", '<a href="/about/">'),
        "uk/404.html": ("Зроблено за допомогою", '<a href="/uk/about/">'),
    }
    for page, expected in pages.items():
        footer = read(fixture_site, page).split('<div class="md-copyright">', 1)[1].split("</footer>", 1)[0]
        for fragment in expected:
            assert fragment in footer, page
    assert "Made with" not in read(fixture_site, "uk/index.html").split('<div class="md-copyright">', 1)[1]


def test_ukrainian_headings_keep_cyrillic_anchors(fixture_site: Path) -> None:
    assert 'id="розмір-ринку"' in read(fixture_site, "uk/concepts/intro/index.html")


def test_figures_and_notices_reach_the_html(fixture_site: Path) -> None:
    intro = read(fixture_site, "uk/concepts/intro/index.html")
    assert "22,9 млрд дол. США" in intro
    assert "<th>Показник</th>" in intro and '<figure class="kb-chart">' in intro and "<svg" in intro
    assert "Ще не перекладено" in read(fixture_site, "uk/glossary/call-centre/index.html")
    assert "Переклад може бути застарілим" in read(fixture_site, "uk/glossary/outsourcing/index.html")
    status = read(fixture_site, "uk/status/index.html")
    assert "<strong>84,2%</strong>" in status and 'href="../glossary/call-centre/"' in status


def test_sidebar_does_not_list_concepts(fixture_site: Path) -> None:
    html = read(fixture_site, "glossary/efficiency/index.html")
    assert 'href="../"' in html  # the glossary index is in the sidebar...
    for other in ("outsourcing", "call-centre", "contact-centre", "gig-economy", "yield"):
        assert f"{other}/" not in html  # ...the other concepts are not


def test_validation_errors_abort_the_build(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(FIXTURES / "site", tmp_path / "site")
    shutil.copytree(FIXTURES / "glossary", tmp_path / "glossary")
    broken = tmp_path / "glossary" / "terms" / "outsourcing.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("category: fundamentals", "category: basics"), encoding="utf-8"
    )
    result = mkdocs_build(tmp_path / "site" / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 1
    assert "outsourcing.yaml:2:11: error not-allowed-value: category: expected one of" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "glossary").exists()


def test_the_build_finishes_a_write_a_killed_command_left(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "site", tmp_path / "site")
    shutil.copytree(FIXTURES / "glossary", tmp_path / "glossary")
    root = tmp_path / "glossary"
    target = root / "terms" / "efficiency.yaml"
    staging = root / ".kb-transaction"
    staging.mkdir()
    new = target.read_text(encoding="utf-8").replace("fewer resources", "fewer resources, finished")
    (staging / "0.staged").write_text(new, encoding="utf-8")
    journal = {"format": 1, "renames": [{"staged": "0.staged", "target": "terms/efficiency.yaml"}]}
    (staging / "journal.json").write_text(json.dumps(journal), encoding="utf-8")
    result = mkdocs_build(tmp_path / "site" / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8") == new and not staging.exists()
    assert "fewer resources, finished" in read(tmp_path / "out", "glossary/efficiency/index.html")


@pytest.mark.parametrize("hand_written", ["en/status/index.md", "en/glossary/outsourcing/index.md", "uk/glossary.md"])
def test_a_hand_written_page_cannot_take_a_generated_pages_place(tmp_path: Path, hand_written: str) -> None:
    shutil.copytree(FIXTURES / "site", tmp_path / "site")
    shutil.copytree(FIXTURES / "glossary", tmp_path / "glossary")
    page = tmp_path / "site" / "docs" / hand_written
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("# Hand-written\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "site" / "mkdocs.yml", tmp_path / "out")
    assert result.returncode != 0
    assert f"docs/{hand_written} would take the place of docs/" in result.stderr
    assert "Traceback" not in result.stderr


def test_real_glossary_builds_strictly(real_site: Path) -> None:
    site = real_site  # built with --strict by the fixture, which fails on any warning
    for prefix in ("", "uk/"):
        assert (site / prefix / "glossary/business-process-outsourcing/index.html").is_file()
        assert (site / prefix / "concepts/what-is-bpo/index.html").is_file()
    uk = switcher_targets(read(site, "uk/glossary/call-centre/index.html"))
    assert uk["en"] == "../../../glossary/call-centre/"


def test_concept_page_has_structured_data_and_category_link(fixture_site: Path) -> None:
    import json

    html = read(fixture_site, "uk/glossary/outsourcing/index.html")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert block is not None
    data = json.loads(block.group(1))
    assert data["@type"] == "DefinedTerm" and data["url"] == "http://127.0.0.1:8000/uk/glossary/outsourcing/"
    assert 'href="../../categories/fundamentals/"' in html
    assert (fixture_site / "uk" / "categories" / "quality" / "index.html").is_file()


def test_pages_load_nothing_from_other_hosts(fixture_site: Path) -> None:
    loads = re.compile(
        r'<(?:script|img|iframe|source|link(?![^>]*rel="(?:canonical|alternate)"))\b[^>]*'
        r'\b(?:src|href)="((?:https?:)?//[^"]*)"',
        re.IGNORECASE,
    )
    for page in fixture_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert loads.findall(html) == [], page  # no fonts, scripts or images from CDNs


def test_each_language_has_its_own_404_page(fixture_site: Path) -> None:
    english = read(fixture_site, "404.html")
    ukrainian = read(fixture_site, "uk/404.html")
    assert '<html lang="en"' in english and "<h1>Page not found</h1>" in english
    assert '<p lang="uk">' in english  # simple hosts serve the root 404 for Ukrainian addresses too
    assert '<html lang="uk"' in ukrainian and "<h1>Сторінку не знайдено</h1>" in ukrainian


def test_404_pages_lead_to_each_languages_home(fixture_site: Path) -> None:
    for page in ("404.html", "uk/404.html"):
        html = read(fixture_site, page)
        assert switcher_targets(html) == {"en": "/", "uk": "/uk/"}, page
        alternates = re.findall(r"<link rel=\"alternate\"[^>]*>", html)
        assert alternates == [
            '<link rel="alternate" href="http://127.0.0.1:8000/" hreflang="en">',
            '<link rel="alternate" href="http://127.0.0.1:8000/uk/" hreflang="uk">',
        ], page


def test_hreflang_alternates_are_absolute(fixture_site: Path) -> None:
    html = read(fixture_site, "uk/glossary/outsourcing/index.html")
    alternates = dict(
        (lang, href) for href, lang in re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="([a-z]+)"', html)
    )
    assert alternates == {
        "en": "http://127.0.0.1:8000/glossary/outsourcing/",
        "uk": "http://127.0.0.1:8000/uk/glossary/outsourcing/",
    }


def test_search_has_an_index_per_language_and_material_index_is_empty(fixture_site: Path) -> None:
    for bundle in ("pagefind", "uk/pagefind"):
        assert (fixture_site / bundle / "pagefind.js").is_file()
        assert not (fixture_site / bundle / "pagefind-ui.js").exists()
    assert json.loads(read(fixture_site, "search/search_index.json"))["docs"] == []
    assert "аутсорсингу" in json.loads(read(fixture_site, "assets/kb/search-forms.uk.json"))["forms"]
    assert (fixture_site / "assets/kb/search-worker.js").is_file()
    assert (fixture_site / "uk/sitemap.xml").read_bytes() == (fixture_site / "sitemap.xml").read_bytes()


def test_terms_in_articles_link_to_their_concepts(fixture_site: Path) -> None:
    html = read(fixture_site, "concepts/intro/index.html")
    assert re.search(r'<a class="kb-term" href="\.\./\.\./glossary/outsourcing/" title="[^"]+">outsourced</a>', html)
    assert "kb-terms" not in html


def test_a_hand_written_page_may_show_the_list_markers_as_code(fixture_site: Path) -> None:
    # Only generated pages' lists are converted item by item (kb.mkdocs_plugin.lists).
    about = read(fixture_site, "about/index.html")
    assert "&lt;!-- kb-list --&gt;" in about and "data-kb-list" not in about
