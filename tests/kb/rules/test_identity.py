"""The ids the identity rule reserves are exactly the names of the pages generated next to entries."""

from __future__ import annotations

import re

from kb.model import Category, Glossary
from kb.render.downloads_page import render_downloads
from kb.render.site import render_site_pages
from kb.rules.identity import GENERATED_NEXT_TO, ID_PATTERN

ENTRY_PAGE = re.compile(r"[a-z]{2}/(?P<folder>glossary|concepts)/(?P<name>[^/]+)\.md")
FOLDER_OF = {"glossary": "terms", "concepts": "concepts"}


def test_every_page_generated_next_to_entries_is_reserved(fixture_glossary: Glossary) -> None:
    pages = {**render_site_pages(fixture_glossary), **render_downloads(fixture_glossary)}
    ids = {"terms": set(fixture_glossary.concepts), "concepts": set(fixture_glossary.articles)}
    generated: dict[str, set[str]] = {"terms": set(), "concepts": set()}
    for path in pages:
        match = ENTRY_PAGE.fullmatch(path)
        if match is not None:
            folder = FOLDER_OF[match["folder"]]
            if match["name"] not in ids[folder]:
                generated[folder].add(match["name"])
    assert generated == {folder: set(names) for folder, names in GENERATED_NEXT_TO.items()}


def test_no_other_generated_path_is_built_from_an_id(fixture_glossary: Glossary) -> None:
    # Category pages are named by the closed set of categories, never "index"; the other pages
    # have fixed names outside the folders where entries live.
    assert "index" not in {category.value for category in Category}
    for path in {**render_site_pages(fixture_glossary), **render_downloads(fixture_glossary)}:
        parts = path.split("/")
        assert parts[0] in ("en", "uk"), path
        if ENTRY_PAGE.fullmatch(path) is None:
            assert parts[1] in ("status.md", "categories", "downloads") or parts[-1] == "index.md", path


def test_reserved_names_are_ids_a_contributor_could_choose() -> None:
    for names in GENERATED_NEXT_TO.values():
        assert all(ID_PATTERN.match(name) for name in names)
