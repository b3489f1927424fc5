"""Finding raw HTML and unsafe link targets in Markdown.

Raw HTML is found with a real CommonMark parser: a regular expression cannot tell ``<b>`` in
running text from ``<b>`` inside a code span; markdown-it-py's token stream can.

Link targets are found more widely than any one parser sees them, because the site is rendered
by Python-Markdown, which is more lenient than CommonMark (it accepts ``[x](java\tscript:…)``
and keeps entities such as ``javascript&colon;`` that a browser decodes). Every inline, reference
and autolink target is decoded and stripped of control characters before its scheme is read.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "term", "article"})

_parser = MarkdownIt("commonmark")
_LINK_TARGETS = re.compile(
    r"\]\(\s*<?(?P<inline>[^)>\n]*)"  # [text](target)
    r"|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<reference>[^\s>]+)"  # [ref]: target
    r"|<(?P<auto>[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*)>",  # <scheme:target>
    re.MULTILINE,
)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


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
    if "<" in markdown:
        for token in _walk(_parser.parse(markdown)):
            if token.type in ("html_block", "html_inline") and not _is_autolink(token.content):
                snippet = token.content.strip().splitlines()[0] if token.content.strip() else token.content
                found.append(
                    UnsafeMarkup("raw-html", snippet, f"expected Markdown without raw HTML; found {snippet[:60]!r}")
                )
    for match in _LINK_TARGETS.finditer(markdown):
        target = match.group("inline") or match.group("reference") or match.group("auto") or ""
        scheme = link_scheme(target)
        if scheme and scheme not in ALLOWED_SCHEMES:
            found.append(
                UnsafeMarkup(
                    "link-scheme",
                    target,
                    f"expected a link to http(s), mailto, term: or article:; "
                    f"found the {scheme}: target {target[:60]!r}",
                )
            )
    return found


def _is_autolink(content: str) -> bool:
    return bool(re.fullmatch(r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*>", content.strip()))


def _walk(tokens: list[Token]) -> list[Token]:
    result: list[Token] = []
    for token in tokens:
        result.append(token)
        if token.children:
            result.extend(_walk(token.children))
    return result


_PLAIN_TARGET = re.compile(r"(?:term|article|https?|mailto):[^\s&\x00-\x1f]*|[^:&\s\x00-\x1f]*")


def link_scheme(target: str) -> str:
    """The scheme a browser would see: entities decoded, spaces and control characters dropped."""
    if _PLAIN_TARGET.fullmatch(target):  # the common case: nothing to decode
        return target.split(":", 1)[0].lower() if ":" in target else ""
    decoded = html.unescape(html.unescape(target))
    cleaned = "".join(ch for ch in decoded if ch > " " and ch != "\x7f").lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else ""


_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_AUTOLINK_SAFE = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def defuse_markdown(markdown: str) -> str:
    """Markdown that cannot put markup or a script link on a page, even if validation was skipped.

    Tags become text (``<`` → ``&lt;``) outside code spans, safe autolinks become ordinary links,
    and a link or image whose scheme is not allowed points nowhere (``#``).
    """
    if not _might_hold_markup(markdown):
        return markdown
    pieces, last = [], 0
    for code in _CODE_SPAN.finditer(markdown):
        pieces.append(_defuse_text(markdown[last : code.start()]))
        pieces.append(code.group(0))
        last = code.end()
    pieces.append(_defuse_text(markdown[last:]))
    return "".join(pieces)


def _defuse_text(text: str) -> str:
    text = _AUTOLINK_SAFE.sub(r"[\1](\1)", text)
    text = _TAG_START.sub("&lt;", text)

    def neutral_target(match: re.Match[str]) -> str:
        name = next(group for group in ("inline", "reference", "auto") if match.group(group) is not None)
        target = match.group(name)
        scheme = link_scheme(target)
        if not scheme or scheme in ALLOWED_SCHEMES:
            return match.group(0)
        start, end = match.start(name) - match.start(), match.end(name) - match.start()
        return match.group(0)[:start] + "#" + match.group(0)[end:]

    return _LINK_TARGETS.sub(neutral_target, text)
