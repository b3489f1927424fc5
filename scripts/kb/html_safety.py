"""What HTML a page of the site may hold: one allow-list, enforced by a real sanitizer.

Contributors' Markdown is rendered by Python-Markdown with extensions (attr_list, md_in_html,
admonition, details…) that can put any attribute on any element. Guessing what the parser will
make of a text always lags behind the parser, so the guarantee is at the output: the HTML of
every page body passes through Ammonia (the ``nh3`` bindings) with this allow-list. It keeps
only the elements, attributes and classes the site uses; links to http(s), mailto or relative
addresses; images and other resources from this site only (``src`` and SVG references are
relative); inline CSS without anything that could fetch (no ``url(…)``, ``@import``, escapes).

``find_disallowed`` reads HTML with the same policy and lists what the sanitizer would remove,
so that ``kb validate`` can tell a contributor before the build does.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: Admonition kinds of Material for MkDocs (``!!! note``, ``??? warning``…).
ADMONITION_KINDS = frozenset(
    {
        "note",
        "abstract",
        "info",
        "tip",
        "success",
        "question",
        "warning",
        "failure",
        "danger",
        "bug",
        "example",
        "quote",
    }
)
_TEXT = {"p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "kbd", "sub", "sup", "del", "ins", "mark", "abbr"}
_BLOCKS = {"blockquote", "ul", "ol", "li", "dl", "dt", "dd", "div", "span", "figure", "figcaption"}
_BLOCKS |= {"details", "summary"}
_TABLES = {"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
#: The elements of the bar charts drawn by ``kb.render.figure_blocks``.
_SVG = {"svg", "g", "path", "text", "use", "defs", "clipPath", "rect", "title", "desc"}
TAGS = frozenset({"a", "img", *_TEXT, *_BLOCKS, *_TABLES, *_HEADINGS, *_SVG})

ATTRIBUTES: dict[str, set[str]] = {
    "*": {"lang", "dir"},
    "a": {"href", "title", "hreflang"},
    "span": {"class"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start"},
    "details": {"open"},
    "th": {"style", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan"},
    **{heading: {"id"} for heading in _HEADINGS},
    "svg": {"viewBox", "role", "aria-label", "style", "width", "height"},
    "g": {"id", "style", "transform", "clip-path"},
    "path": {"id", "d", "style", "transform", "clip-path"},
    "text": {"x", "y", "style", "transform"},
    "use": {"xlink:href", "x", "y", "style"},
    "clipPath": {"id"},
    "rect": {"x", "y", "width", "height", "style"},
}

CLASSES: dict[str, set[str]] = {
    "a": {"headerlink", "kb-term"},
    "div": {"admonition", "highlight", *ADMONITION_KINDS},
    "details": set(ADMONITION_KINDS),
    "p": {"admonition-title"},
    "figure": {"kb-chart"},
}
#: Code highlighting marks tokens with Pygments' short classes: ``k``, ``nf``, ``s2``, and for token
#: types a lexer makes up, the parent's class and the type's name (``p-Indicator``,
#: ``l-Scalar-Plain``). Spans may carry those only: a theme class could disguise text as the
#: site's own interface.
_TOKEN_CLASS = r"[a-z][a-z0-9]{0,2}(?:-[A-Z][A-Za-z]*)*"
_TOKEN_CLASSES = re.compile(rf"^{_TOKEN_CLASS}(?: {_TOKEN_CLASS})*$")

#: CSS properties allowed in ``style`` attributes: table cell alignment and the charts' drawing.
STYLE_PROPERTIES = frozenset(
    {
        "text-align",
        "fill",
        "fill-opacity",
        "stroke",
        "stroke-width",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-opacity",
        "opacity",
        "font-size",
        "font-family",
        "font-weight",
        "font-style",
        "text-anchor",
        "max-width",
        "height",
    }
)
#: Anything in inline CSS that could fetch, run or hide something: functions (``url(…)``),
#: at-rules, escapes that spell them in disguise, comments.
_UNSAFE_STYLE = re.compile(r"[(\\@<>]|/\*|&")
#: Heading ids come from the headings' text; ``__…`` ids belong to the theme (``__config`` holds
#: its settings), so a page's content must not take them.
_SAFE_ID = re.compile(r"^(?!__)[\w\-.ʼ]{1,200}$")
_LOCAL_REFERENCE = re.compile(r"^#[\w\-]{1,200}$")
_CLIP_PATH = re.compile(r"^url\(#[\w\-]{1,200}\)$")


def is_same_site(url: str) -> bool:
    """A relative address (``img/x.svg``, ``../a/``, ``/b/``), never one that names a host."""
    cleaned = "".join(char for char in url if char > " ").replace("\\", "/")
    if cleaned.startswith("//"):
        return False
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return False
    return not parts.scheme and not parts.netloc


@functools.lru_cache(maxsize=100_000)
def _attribute_value(tag: str, attribute: str, value: str) -> str | None:
    """The value to keep, or None to drop the attribute (called by Ammonia for allowed ones)."""
    if attribute in ("href", "src") and _scheme(value) not in ("", *URL_SCHEMES):
        # Browsers drop tabs and newlines inside an address ("java\tscript:"); Ammonia reads
        # such a value as a relative one and keeps it.
        return None
    if attribute == "src":
        return value if is_same_site(value) else None
    if attribute == "style":
        return None if _UNSAFE_STYLE.search(value) else value
    # fullmatch: a pattern's $ also matches before a final newline (id="x&#10;").
    if attribute == "id":
        return value if _SAFE_ID.fullmatch(value) else None
    if tag == "use" and attribute in ("href", "xlink:href"):
        return value if _LOCAL_REFERENCE.fullmatch(value) else None
    if tag == "span" and attribute == "class":
        return value if _TOKEN_CLASSES.fullmatch(value) else None
    if attribute == "clip-path":
        return value if _CLIP_PATH.fullmatch(value) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags={"script", "style", "template", "noscript", "iframe", "object", "embed", "textarea", "select"},
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_attribute_value,
    strip_comments=True,
    link_rel=None,
    url_schemes=set(URL_SCHEMES),
    allowed_classes={tag: set(names) for tag, names in CLASSES.items()},
    filter_style_properties=set(STYLE_PROPERTIES),
)


def sanitize(html: str) -> str:
    """``html`` with everything outside the allow-list removed."""
    return _CLEANER.clean(html)


@dataclass(frozen=True)
class Disallowed:
    """One thing the sanitizer would remove, in words a contributor can act on."""

    what: str  # e.g. "the attribute onclick on <p>"
    snippet: str  # the text to point at in the source, e.g. "onclick"


def find_disallowed(html: str) -> list[Disallowed]:
    """What ``sanitize`` would remove from ``html`` (elements, attributes, classes, addresses, CSS)."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


_SVG_CASE = {name.lower(): name for name in (*_SVG, "viewBox")}


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Disallowed] = []

    def _add(self, what: str, snippet: str) -> None:
        self.found.append(Disallowed(what, snippet))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = _SVG_CASE.get(tag, tag)
        if tag not in TAGS:
            self._add(f"the element <{tag}>", f"<{tag}")
            return
        allowed = ATTRIBUTES.get(tag, set()) | ATTRIBUTES["*"] | ({"class"} if tag in CLASSES else set())
        for name, raw in attrs:
            name = _SVG_CASE.get(name, name)
            value = raw or ""
            if name not in allowed:
                self._add(f"the attribute {name} on <{tag}>", name)
            elif name == "class" and tag in CLASSES:
                for css_class in value.split():
                    if css_class not in CLASSES.get(tag, set()):
                        self._add(f"the class {css_class!r} on <{tag}>", css_class)
            elif name == "href" and tag == "a":
                scheme = _scheme(value)
                if scheme and scheme not in URL_SCHEMES:
                    self._add(f"the {scheme}: link on <a>", value[:60])
            elif name == "style" and not _style_is_safe(value):
                self._add(f"the style {value[:60]!r} on <{tag}>", value[:60])
            elif _attribute_value(tag, name, value) is None:
                self._add(f"the {name} {value[:60]!r} on <{tag}>", value[:60])

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        self._add("an HTML comment", "<!--")


def _scheme(url: str) -> str:
    cleaned = "".join(char for char in url if char > " " and char != "\x7f").lower()
    match = re.match(r"^([a-z][a-z0-9+.\-]*):", cleaned)
    return match.group(1) if match else ""


def _style_is_safe(value: str) -> bool:
    if _UNSAFE_STYLE.search(value):
        return False
    properties = [part.split(":", 1)[0].strip().lower() for part in value.split(";") if part.strip()]
    return all(name in STYLE_PROPERTIES for name in properties)
