"""Marked lists converted item by item come out as Python-Markdown converts them with the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kb.mkdocs_plugin.lists import put_lists, take_lists
from kb.render.pages import item_list

ITEMS = [
    '[call centre](call-centre.md) (CC) · <span lang="uk">кол-центр</span> — Calls \\*handled\\* here.',
    "[efficiency](../glossary/efficiency.md#use) *(not translated)* — Doing work with fewer resources.",
    "[elsewhere](https://example.org/) — an outside link",
]


def site(tmp_path: Path) -> tuple[MkDocsConfig, Files, Page]:
    docs = tmp_path / "docs"
    (docs / "glossary").mkdir(parents=True)
    for name in ("index.md", "call-centre.md", "efficiency.md"):
        (docs / "glossary" / name).write_text("# x\n", encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict(
        {
            "site_name": "t",
            "docs_dir": str(docs),
            "site_dir": str(tmp_path / "site"),
            "markdown_extensions": ["toc", "attr_list", "md_in_html"],
        }
    )
    errors, _ = config.validate()
    assert not errors
    files = Files(
        [
            File(f"glossary/{n}", str(docs), str(tmp_path / "site"), True)
            for n in ("index.md", "call-centre.md", "efficiency.md")
        ]
    )
    page = Page("Index", files.get_file_from_path("glossary/index.md"), config)
    return config, files, page


def rendered(markdown: str, config: MkDocsConfig, files: Files, page: Page) -> str:
    page.markdown = markdown
    page.render(config, files)
    assert page.content is not None
    return page.content


def test_items_come_out_as_the_page_would_convert_them(tmp_path: Path) -> None:
    config, files, page = site(tmp_path)
    marked = f"# Index\n\n{item_list(ITEMS)}## After\n\nText.\n"
    plain = marked.replace("<!-- kb-list -->\n\n", "").replace("<!-- /kb-list -->\n\n", "")
    taken, lists = take_lists(marked, page, config, files)
    assert len(lists) == 1 and "call-centre" not in taken
    ours = put_lists(rendered(taken, config, files, page), lists)
    theirs = rendered(plain, config, files, page)
    assert ours.replace("\n", "") == theirs.replace("\n", "")
    assert 'href="call-centre/"' in ours and 'href="efficiency/#use"' in ours


@pytest.mark.parametrize(
    "body",
    [
        "- one\n  continued on a second line",  # not one line per item
        "- one\n\n- two",  # a loose list
        "- one\n- ",  # an empty item
        "1. one\n2. two",  # not a bullet list
        "- one\n    - nested",
    ],
)
def test_lists_that_are_not_one_line_items_are_left_to_the_page(tmp_path: Path, body: str) -> None:
    config, files, page = site(tmp_path)
    marked = f"<!-- kb-list -->\n\n{body}\n\n<!-- /kb-list -->\n"
    taken, lists = take_lists(marked, page, config, files)
    assert lists == {} and taken == marked


def test_a_text_posing_as_a_placeholder_stays_text(tmp_path: Path) -> None:
    config, files, page = site(tmp_path)
    taken, lists = take_lists(item_list(["[x](call-centre.md)"]), page, config, files)
    (placeholder,) = lists
    assert taken.strip() == placeholder
    fake = '<div data-kb-list="0000000000000000-0"></div>'
    html = put_lists(f"{fake}\n{placeholder}", lists)
    assert html.startswith(fake) and "call-centre/" in html
    with pytest.raises(ValueError):
        put_lists("<p>the placeholder is gone</p>", lists)
