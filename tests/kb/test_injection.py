"""Hostile text cannot run in a reader's browser even when a build skips validation."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import kb.mkdocs_plugin.plugin as plugin_module
from conftest import FIXTURES, chromium, served
from harm import PAYLOADS, harm
from kb.validation import ValidationResult, validate_glossary

HOSTILE = (
    'Doing "work" <script>alert(1)</script> <img src=x onerror="alert(2)"> with [a link](javascript:alert(3)) '
    "and [another](java&#x09;script:alert(4)) & ![pic](data:text/html;base64,PHNjcmlwdD4=) fewer resources."
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(FIXTURES / "site", root / "site")
    shutil.copytree(FIXTURES / "glossary", root / "glossary")
    concept = root / "glossary" / "terms" / "efficiency.yaml"
    text = concept.read_text(encoding="utf-8")
    text = text.replace("definition: Doing work with fewer resources.", f"definition: '{HOSTILE}'")
    text = text.replace("term: efficiency", "term: 'efficiency\"><script>alert(5)</script>'")
    # Every payload of the attack set in the notes of both languages (but the one with a tab,
    # which YAML files here may not hold), and an address that tries to break out of its link.
    typed = "\n\n".join(payload for payload in PAYLOADS if "\t" not in payload)
    notes = "  notes: |\n" + "".join(f"    {line}\n" if line else "\n" for line in typed.splitlines())
    text = text.replace("\nuk:\n", "\n" + notes + "uk:\n") + notes
    concept.write_text(text, encoding="utf-8")
    sources = root / "glossary" / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace(
            "url: https://example.org/handbook",
            "url: https://example.org/handbook)![t](https://tracker.example/p.png)[x](javascript:alert(6)",
        ),
        encoding="utf-8",
    )
    assert validate_glossary(root / "glossary").errors  # the validator refuses all of this...

    def skip_validation(glossary_root: Path, *args: object, **kwargs: object) -> ValidationResult:
        result = validate_glossary(glossary_root)
        return ValidationResult(result.glossary, [])

    original = plugin_module.validate_glossary
    plugin_module.validate_glossary = skip_validation  # ...so a careless build would go without it
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    try:
        config = load_config(str(root / "site" / "mkdocs.yml"), site_dir=str(root / "out"), strict=False)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    finally:
        plugin_module.validate_glossary = original
    return root / "out"


@pytest.mark.parametrize(
    "page",
    ["glossary/efficiency/index.html", "uk/glossary/efficiency/index.html", "glossary/index.html", "status/index.html"],
)
def test_nothing_executable_reaches_the_page(hostile_site: Path, page: str) -> None:
    html = (hostile_site / page).read_text(encoding="utf-8")
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL)
    executable = [body for attributes, body in scripts if "application/ld+json" not in attributes]
    assert not [body for body in executable if "alert(" in body]  # only the theme's own scripts
    for attributes, body in scripts:
        if "application/ld+json" in attributes:
            assert "<" not in body  # structured data cannot close its element
    if page == "glossary/efficiency/index.html":
        assert "&lt;script&gt;alert(1)" in html  # shown as text instead
    assert not re.search(r"<img[^>]*onerror", html)
    assert not re.search(r'<[^>]*\s(?:href|src)="(?:javascript|java&#x09;script|data):', html, re.IGNORECASE)


def test_no_page_holds_a_handler_a_script_link_or_a_third_party_resource(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        text = path.read_text(encoding="utf-8")
        article = text.split('<article class="md-content__inner md-typeset">', 1)[-1].split("</article>", 1)[0]
        assert harm(article) == [], path
    # The payloads were on the page: their harmless parts are still there.
    page = (hostile_site / "glossary/efficiency/index.html").read_text(encoding="utf-8")
    assert "Body" in page and "print(1)" in page and "cover" in page


def test_meta_description_and_title_are_escaped_for_their_context(hostile_site: Path) -> None:
    html = (hostile_site / "glossary/efficiency/index.html").read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]*)"', html)
    assert description
    assert description.group(1).startswith("Doing &quot;work&quot; &lt;script&gt;")
    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
    assert title and "<script>" not in title.group(1)


def test_nothing_runs_in_a_real_browser(hostile_site: Path) -> None:
    dialogs: list[str] = []
    foreign: list[str] = []
    with served(hostile_site) as root, chromium() as browser:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: foreign.append(request.url) if not request.url.startswith(root) else None)
        for path in ("glossary/efficiency/", "glossary/", "uk/glossary/efficiency/", "status/"):
            page.goto(root + path, wait_until="load")
            for link in page.locator("article a").all():
                href = link.get_attribute("href") or ""
                assert not href.lower().startswith(("javascript:", "data:")), href
            page.wait_for_timeout(200)
            for element in page.locator("article *").all():
                element.dispatch_event("mouseover")
                element.dispatch_event("click") if element.evaluate("e => e.tagName") != "A" else None
        assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert foreign == []
