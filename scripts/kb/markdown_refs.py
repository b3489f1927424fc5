"""The knowledge base's own Markdown conventions, shared by the rules and the renderers.

- ``[text](term:ID)`` links a glossary concept, ``[text](article:ID)`` an article;
- ``{{fig:ID}}`` is a figure with its unit and qualifier, ``{{fig:ID.year}}`` its year,
  ``{{fig:ID.value}}`` the bare number;
- ``{{table:ID,ID,…}}`` is a table of figures and ``{{chart:ID,ID,…}}`` a bar chart of them,
  each on a line of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_FIGURE_PLACEHOLDER = re.compile(rf"\s*fig:({_ID})(?:\.(year|value))?\s*$")
_LIST_PLACEHOLDER = re.compile(rf"\s*(table|chart):\s*({_ID}(?:\s*,\s*{_ID})*)\s*$")
LINK_TARGET = re.compile(r"\]\(\s*<?(term|article):([^)\s>]*)>?")
FIGURE_PARTS = ("year", "value")


@dataclass(frozen=True)
class FigureRef:
    figure_id: str
    part: str | None
    source_text: str


@dataclass(frozen=True)
class FigureListRef:
    kind: str  # "table" or "chart"
    figure_ids: tuple[str, ...]
    source_text: str


@dataclass(frozen=True)
class BadPlaceholder:
    source_text: str


Placeholder = FigureRef | FigureListRef | BadPlaceholder


def parse_placeholder(inner: str, source_text: str) -> Placeholder:
    """What one ``{{…}}`` means."""
    figure = _FIGURE_PLACEHOLDER.match(inner)
    if figure:
        return FigureRef(figure.group(1), figure.group(2), source_text)
    listing = _LIST_PLACEHOLDER.match(inner)
    if listing:
        ids = tuple(part.strip() for part in listing.group(2).split(","))
        return FigureListRef(listing.group(1), ids, source_text)
    return BadPlaceholder(source_text)


@dataclass(frozen=True)
class LinkRef:
    kind: str  # "term" or "article"
    target_id: str
    source_text: str


def find_placeholders(markdown: str) -> Iterator[Placeholder]:
    """Every ``{{…}}`` in the text, understood or not."""
    if "{{" not in markdown:
        return
    for match in PLACEHOLDER.finditer(markdown):
        yield parse_placeholder(match.group(1), match.group(0))


def find_links(markdown: str) -> Iterator[LinkRef]:
    """Every ``term:`` and ``article:`` link target in the text."""
    if "](" not in markdown:
        return
    for match in LINK_TARGET.finditer(markdown):
        yield LinkRef(match.group(1), match.group(2), f"{match.group(1)}:{match.group(2)}")


def replace_placeholders(markdown: str, render: Callable[[Placeholder], str]) -> str:
    """Each ``{{…}}`` replaced by what ``render`` makes of it."""
    if "{{" not in markdown:
        return markdown
    return PLACEHOLDER.sub(lambda match: render(parse_placeholder(match.group(1), match.group(0))), markdown)


def replace_links(markdown: str, target_url: Callable[[str, str], str]) -> str:
    """Rewrite ``term:``/``article:`` targets with ``target_url(kind, id)``."""
    if "](" not in markdown:
        return markdown
    return LINK_TARGET.sub(lambda m: "](" + target_url(m.group(1), m.group(2)), markdown)
