"""Finding raw HTML and unsafe link targets in Markdown, with a real CommonMark parser.

A regular expression cannot tell ``<b>`` in running text from ``<b>`` inside a code span;
markdown-it-py's token stream can.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "term", "article"})

_parser = MarkdownIt("commonmark")
# markdown-it drops javascript: links silently; Python-Markdown, which renders the site, does
# not, so every link must be seen here.
_parser.validateLink = lambda url: True


@dataclass(frozen=True)
class UnsafeMarkup:
    rule: str  # "raw-html" or "link-scheme"
    snippet: str
    message: str


def _might_hold_markup(markdown: str) -> bool:
    return "<" in markdown or "](" in markdown or "]:" in markdown


def find_unsafe_markup(markdown: str) -> list[UnsafeMarkup]:
    """Raw HTML blocks and tags, and links or images whose scheme is not allowed."""
    if not _might_hold_markup(markdown):
        return []
    found: list[UnsafeMarkup] = []
    for token in _walk(_parser.parse(markdown)):
        if token.type in ("html_block", "html_inline"):
            snippet = token.content.strip().splitlines()[0] if token.content.strip() else token.content
            found.append(UnsafeMarkup("raw-html", snippet,
                                      f"expected Markdown without raw HTML; found {snippet[:60]!r}"))
        elif token.type in ("link_open", "image"):
            target = str(token.attrGet("href") or token.attrGet("src") or "")
            scheme = _scheme(target)
            if scheme and scheme not in ALLOWED_SCHEMES:
                found.append(UnsafeMarkup("link-scheme", target.strip()[:40] or target,
                                          f"expected a link to http(s), mailto, term: or article:; "
                                          f"found the {scheme}: target {target[:60]!r}"))
    return found


def _walk(tokens: list[Token]) -> list[Token]:
    result: list[Token] = []
    for token in tokens:
        result.append(token)
        if token.children:
            result.extend(_walk(token.children))
    return result


def _scheme(target: str) -> str:
    # Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
    cleaned = "".join(ch for ch in target if ch > " ").lower()
    if ":" not in cleaned.split("/", 1)[0].split("#", 1)[0].split("?", 1)[0]:
        return ""
    try:
        return urlsplit(cleaned).scheme
    except ValueError:
        return cleaned.split(":", 1)[0]
