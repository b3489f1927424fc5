"""The hand-written pages (``docs/<language>/*.md``) as text the language rules check.

The knowledge base's texts are not only its YAML: the home, about and contributors' pages are
read by the same readers and get the same checks (mixed scripts, apostrophes, invisible
characters, spelling, deprecated terms). Code blocks and inline code are left out of the text the
rules see (they quote YAML, commands and Markdown), and so are link targets and HTML comments; the
rest keeps its place, so that a problem's line and column point into the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kb.model import LANGUAGES, Language
from kb.problems import Problem, error
from kb.regular_files import FileTooLarge, NotARegularFile, read_regular_file
from kb.yamldoc import MAX_FILE_BYTES, offset_to_position

#: Parts of Markdown that are not prose: fenced code, inline code, link targets, comments, front matter.
_NOT_PROSE = re.compile(
    r"^(?P<fence>```|~~~).*?^(?P=fence)[^\n]*$|`[^`\n]+`|\]\([^)\n]*\)|<!--.*?-->|\A---\n.*?\n---\n",
    re.MULTILINE | re.DOTALL,
)


@dataclass(frozen=True)
class PageDocument:
    """A hand-written page, answering the position questions a YAML Document answers."""

    path: Path
    text: str
    #: The text with what is not prose blanked: problems are looked for, and found, there.
    prose: str

    def position(self, keys: object = (), *, key: bool = False) -> tuple[int, int]:
        return 1, 1

    def position_of_text(self, keys: object, needle: str) -> tuple[int, int]:
        found = self.prose.find(needle)
        return offset_to_position(self.text, found) if found >= 0 else (1, 1)


@dataclass(frozen=True)
class HandWrittenPage:
    document: PageDocument
    language: Language
    #: The page's prose: what is not prose is blanked out, lines and columns kept.
    prose: str


def prose(markdown: str) -> str:
    """``markdown`` with code, link targets, comments and front matter blanked (newlines kept)."""
    return _NOT_PROSE.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), markdown)


def read_pages(docs_dir: Path) -> tuple[list[HandWrittenPage], list[Problem]]:
    """Every ``docs/<language>/*.md`` page, in a stable order; unreadable ones are problems."""
    pages: list[HandWrittenPage] = []
    problems: list[Problem] = []
    for language in LANGUAGES:
        folder = docs_dir / language.value
        if not folder.is_dir() or folder.is_symlink():
            continue
        for path in sorted(folder.glob("*.md")):
            try:
                text = read_regular_file(path, MAX_FILE_BYTES).decode("utf-8")
            except (NotARegularFile, FileTooLarge, OSError, UnicodeDecodeError) as exc:
                reason = getattr(exc, "found", None) or str(exc)
                problems.append(error(path, 1, 1, "unreadable-page", f"expected a readable UTF-8 page; found {reason}"))
                continue
            readable = prose(text)
            pages.append(HandWrittenPage(PageDocument(path, text, readable), language, readable))
    return pages, problems
