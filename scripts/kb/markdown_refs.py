"""The knowledge base's own Markdown conventions, shared by the rules and the renderers.

- ``[text](term:ID)`` links a glossary concept, ``[text](article:ID)`` an article;
- ``{{fig:ID}}`` is a figure with its unit and qualifier, ``{{fig:ID.year}}`` its year,
  ``{{fig:ID.value}}`` the bare number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
_FIGURE_PLACEHOLDER = re.compile(r"\s*fig:([a-z0-9]+(?:-[a-z0-9]+)*)(?:\.(year|value))?\s*$")
LINK_TARGET = re.compile(r"\]\(\s*<?(term|article):([^)\s>]*)>?")
FIGURE_PARTS = ("year", "value")


@dataclass(frozen=True)
class FigureRef:
    figure_id: str
    part: str | None
    source_text: str


@dataclass(frozen=True)
class BadPlaceholder:
    source_text: str


@dataclass(frozen=True)
class LinkRef:
    kind: str  # "term" or "article"
    target_id: str
    source_text: str


def find_placeholders(markdown: str) -> Iterator[FigureRef | BadPlaceholder]:
    """Every ``{{…}}`` in the text, understood or not."""
    if "{{" not in markdown:
        return
    for match in PLACEHOLDER.finditer(markdown):
        parsed = _FIGURE_PLACEHOLDER.match(match.group(1))
        if parsed:
            yield FigureRef(parsed.group(1), parsed.group(2), match.group(0))
        else:
            yield BadPlaceholder(match.group(0))


def find_links(markdown: str) -> Iterator[LinkRef]:
    """Every ``term:`` and ``article:`` link target in the text."""
    if "](" not in markdown:
        return
    for match in LINK_TARGET.finditer(markdown):
        yield LinkRef(match.group(1), match.group(2), f"{match.group(1)}:{match.group(2)}")


def replace_placeholders(markdown: str, render: Callable[[FigureRef], str]) -> str:
    if "{{" not in markdown:
        return markdown

    def substitute(match: re.Match[str]) -> str:
        parsed = _FIGURE_PLACEHOLDER.match(match.group(1))
        return render(FigureRef(parsed.group(1), parsed.group(2), match.group(0))) if parsed else match.group(0)

    return PLACEHOLDER.sub(substitute, markdown)


def replace_links(markdown: str, target_url: Callable[[str, str], str]) -> str:
    """Rewrite ``term:``/``article:`` targets with ``target_url(kind, id)``."""
    if "](" not in markdown:
        return markdown
    return LINK_TARGET.sub(lambda m: "](" + target_url(m.group(1), m.group(2)), markdown)
