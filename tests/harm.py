"""Attack payloads and a checker of harm, shared by the sanitizer and hostile-site tests.

The checker is written independently of the allow-list in ``kb.html_safety``: whatever that
policy says, a page must hold no script, no event handler, no script or data link, no resource
from another host, no CSS that fetches and no id of the theme's.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from conftest import FIXTURES
from kb.html_safety import is_same_site

PAYLOADS = [
    block.strip("\n")
    for block in (FIXTURES / "attacks" / "markdown.txt").read_text(encoding="utf-8").split("\n----\n")[1:]
]
FORBIDDEN_ELEMENTS = {
    "script",
    "iframe",
    "frame",
    "object",
    "embed",
    "form",
    "input",
    "button",
    "style",
    "link",
    "meta",
    "base",
    "textarea",
    "select",
    "template",
    "noscript",
    "math",
    "foreignobject",
}
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "poster", "background", "srcset", "data"}


class _Harm(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_ELEMENTS:
            self.found.append(f"<{tag}>")
        for name, raw in attrs:
            value = raw or ""
            if name.startswith("on"):
                self.found.append(f"{name} on <{tag}>")
            if name in URL_ATTRIBUTES:
                plain = "".join(ch for ch in html.unescape(value) if ch > " ").lower()
                scheme = plain.split(":", 1)[0] if re.match(r"^[a-z][a-z0-9+.-]*:", plain) else ""
                if scheme not in ("", "http", "https", "mailto"):
                    self.found.append(f"{scheme}: in {name}")
                if name != "href" and not is_same_site(value):
                    self.found.append(f"off-site {name} {value}")
            if name == "style" and re.search(r"url|\(|\\|@|expression", value, re.IGNORECASE):
                self.found.append(f"style {value}")
            if name == "id" and value.startswith("__"):
                self.found.append(f"theme id {value}")


def harm(markup: str) -> list[str]:
    checker = _Harm()
    checker.feed(markup)
    checker.close()
    return checker.found
