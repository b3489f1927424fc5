"""Markdown fields hold Markdown only: no raw HTML, no links a browser could run, nothing the
site's HTML allow-list would remove.

Passes: ``definition: A [call centre](term:call-centre) handles calls.``
Fails:  ``definition: A <b>call</b> centre`` (raw-html);
        ``notes: "[click](javascript:alert(1))"`` (link-scheme);
        ``notes: "A [call](../x.md){onclick=alert(1)}"`` (unsafe-html: the build would remove it);
        ``definition: "!!! note\\n\\n    Read this."`` (block-in-definition).

The last two are found by rendering the field as the build does (``kb.markdown_html``) and reading
the HTML with the allow-list (``kb.html_safety``), so that nothing depends on guessing what the
Markdown parser will make of a text. Reference definitions (``[id]: url``) are shared by every
field of an entry, as on its page.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from kb.html_safety import URL_SCHEMES, find_disallowed
from kb.markdown_html import render_html
from kb.markdown_safety import find_unsafe_markup, link_scheme
from kb.model import Glossary
from kb.problems import Level, Problem
from kb.render.markdown_text import render_markdown
from kb.rules.text_fields import TextField, document_fields, field_problem

#: Links and placeholders of the knowledge base's own that always render to allowed HTML.
_OWN_SYNTAX = re.compile(r"\[[^\[\]\n]*\]\((?:term|article):[a-z0-9]+(?:-[a-z0-9]+)*\)|\{\{[^{}\n]*\}\}")
#: Anything else that can make Markdown produce more than paragraphs, emphasis, lists, tables and
#: plain links: HTML, attribute lists, entities, code fences, images, links and references,
#: headings (their ids), admonitions and collapsible blocks. A field without any is not rendered.
_MAY_MAKE_MARKUP = re.compile(r"[<>{}&`~]|!\[|\]\s*[(\[:]|^[ \t]*(?:#|!!!|\?\?\?)", re.MULTILINE)
_CHART = re.compile(r"\{\{\s*chart:[^{}]*\}\}")
_BLOCKS = re.compile(r'<(?:details|div class="admonition)')
_FOLDERS = {"terms": "glossary", "concepts": "concepts"}


def check(glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    for fields in document_fields(glossary):
        problems.extend(check_fields(fields, glossary))
    return problems


def check_fields(fields: Iterable[TextField], glossary: Glossary) -> list[Problem]:
    """The problems of one entry's fields (references defined in one are shared by all of them);
    besides the fields, they depend only on the figures the fields quote and the sources their
    tables cite."""
    problems: list[Problem] = []
    markdown_fields = [field for field in fields if field.is_markdown]
    for field in markdown_fields:
        for finding in _unsafe_markup(field.text):
            message = f"{field.where}: {finding.message}"
            problems.append(field_problem(field, finding.snippet, Level.ERROR, finding.rule, message))
    problems.extend(_rendered_problems(markdown_fields, glossary))
    return _unique(problems)


@functools.lru_cache(maxsize=100_000)
def _unsafe_markup(text: str) -> tuple:
    return tuple(find_unsafe_markup(text))


@functools.lru_cache(maxsize=100_000)
def may_make_markup(text: str) -> bool:
    """Whether rendering ``text`` could produce anything beyond the always-allowed basics."""
    return bool(_MAY_MAKE_MARKUP.search(_OWN_SYNTAX.sub("", text)))


def _page_markdown(field: TextField, glossary: Glossary) -> str:
    """The field as its page's Markdown holds it (charts, drawn by the build itself, left out)."""
    folder = _FOLDERS.get(field.document.path.parent.name, "glossary")
    return render_markdown(_CHART.sub("", field.text), glossary, field.language, folder)


def _rendered_problems(fields: list[TextField], glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    rendered: dict[int, tuple[TextField, str]] = {}
    definitions: dict[str, tuple[TextField, str]] = {}
    for index, field in enumerate(fields):
        if not may_make_markup(field.text):
            continue
        markdown = _page_markdown(field, glossary)
        html, references = render_html(markdown)
        rendered[index] = (field, html)
        for name, url in references.items():
            definitions.setdefault(name, (field, url))
    if definitions:
        # A reference defined in one field can be used by any field of the same page.
        shared = "\n\n" + "\n".join(f"[{name}]: {url}" for name, (_, url) in definitions.items()) + "\n"
        for index, field in enumerate(fields):
            if "[" in field.text:
                rendered[index] = (field, render_html(_page_markdown(field, glossary) + shared)[0])
        for name, (field, url) in definitions.items():
            scheme = link_scheme(url)
            if scheme and scheme not in {*URL_SCHEMES, "term", "article"}:
                message = (
                    f"{field.where}: expected a link to http(s), mailto, term: or article:; "
                    f"found the reference [{name}] to the {scheme}: address {url[:60]!r}"
                )
                problems.append(field_problem(field, url[:40], Level.ERROR, "link-scheme", message))
    reported = {url[:60] for _, url in definitions.values()}
    for field, html in rendered.values():
        for finding in find_disallowed(html):
            if finding.what.endswith("link on <a>") and finding.snippet in reported:
                continue  # already reported as link-scheme, where the reference is defined
            message = (
                f"{field.where}: expected only what the site's pages allow (see the contributors' guide); "
                f"found {finding.what}, which the build removes"
            )
            problems.append(field_problem(field, finding.snippet, Level.ERROR, "unsafe-html", message))
        if field.keys[-1] == "definition" and _BLOCKS.search(html):
            message = (
                f"{field.where}: expected a definition of a sentence or two, which tooltips and exports quote; "
                "found an admonition or a collapsible block (put it in the notes)"
            )
            problems.append(field_problem(field, None, Level.ERROR, "block-in-definition", message))
    return problems


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple] = set()
    unique = []
    for problem in problems:
        key = (problem.path, problem.line, problem.column, problem.rule, problem.message)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique
