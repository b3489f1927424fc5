"""Long lists of the generated pages, converted item by item and remembered.

The glossary index, the category pages and the status page list concepts by the thousand, one
line each, and an edit changes one line. Python-Markdown converts a page as a whole (at 5,000
concepts the index alone took seconds), so the renderers mark such lists (kb.render.pages:
``item_list``, HTML comments that any other Markdown generator leaves invisible) and the plugin
converts each item on its own: with the page's Markdown extensions and MkDocs' own link
processor for the page, so links come out as MkDocs makes them. Converted items are remembered
by page and text: a rebuild converts only the lines that changed. Each list goes back into the
page's HTML where its placeholder was, before the allow-list sanitizer sees the page.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor

from kb.memo import Memo
from kb.render.pages import LIST_END, LIST_START

_BLOCK = re.compile(rf"^{re.escape(LIST_START)}\n\n(.*?)\n\n{re.escape(LIST_END)}$", re.M | re.S)
#: (site and Markdown set-up, page URL, item) → the item's ``<li>…</li>``.
_ITEMS = Memo(200_000)
#: Unguessable, so that no text of a page can pose as a placeholder.
_NONCE = secrets.token_hex(8)


def _converter(page: Page, config: MkDocsConfig, files: Files) -> Callable[[str], str]:
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {})
    _RelativePathTreeprocessor(page.file, files, config)._register(md)

    def convert(line: str) -> str:
        md.reset()
        html = md.convert(line)
        if html.startswith("<ul>\n<li>") and html.endswith("</li>\n</ul>") and html.count("<li>") == 1:
            return html[len("<ul>\n") : -len("\n</ul>")]
        raise ValueError(line)  # not a one-line item: left to Python-Markdown with the page

    return convert


def take_lists(text: str, page: Page, config: MkDocsConfig, files: Files) -> tuple[str, dict[str, str]]:
    """``text`` with each marked list replaced by a placeholder, and placeholder → its HTML."""
    if LIST_START not in text:
        return text, {}
    converter: Callable[[str], str] | None = None
    lists: dict[str, str] = {}
    # What else an item's HTML depends on: the site, its URL style and its Markdown set-up.
    site = (
        config.config_file_path,
        config.use_directory_urls,
        repr(config.markdown_extensions),
        repr(config.mdx_configs),
    )

    def replace(found: re.Match[str]) -> str:
        nonlocal converter
        lines = found.group(1).split("\n")
        if not all(line.startswith("- ") and line[2:].strip() for line in lines):
            return found.group(0)
        items = []
        for line in lines:
            key = (site, page.url, line)

            def compute(line: str = line) -> str:
                nonlocal converter
                converter = converter or _converter(page, config, files)
                return converter(line)

            try:
                items.append(_ITEMS.get(key, compute))
            except ValueError:
                return found.group(0)
        placeholder = f'<div data-kb-list="{_NONCE}-{len(lists)}"></div>'
        lists[placeholder] = "<ul>\n" + "\n".join(items) + "\n</ul>"
        return placeholder

    return _BLOCK.sub(replace, text), lists


def put_lists(html: str, lists: dict[str, str]) -> str:
    """The page's HTML with each placeholder replaced by its list."""
    for placeholder, converted in lists.items():
        if placeholder not in html:
            raise ValueError(f"a list's placeholder went missing: {placeholder}")
        html = html.replace(placeholder, converted, 1)
    return html
