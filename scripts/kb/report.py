"""Output formats for problems: pure functions from problems to text.

A file name may hold any character but "/" and NUL: a newline, an ANSI escape sequence that
rewrites the terminal, a bidi override, bytes that are not UTF-8. Whatever is printed goes
through ``printable``, which writes each such character as a Python escape (``\\x1b``,
``\\u202e``); JSON keeps the exact text, with those characters as JSON escapes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from kb.problems import Problem
from kb.regular_files import located

FORMATS = ("text", "json", "github")
_NOT_PLAIN_ASCII = re.compile(r"[^\x20-\x7e]")


def _is_shown(char: str) -> bool:
    """Letters, marks, numbers, punctuation, symbols and spaces; not controls, format characters,
    surrogates (undecodable bytes of a file name), private-use or unassigned code points."""
    return char.isprintable() or unicodedata.category(char) == "Zs"


def printable(text: str, keep: str = "") -> str:
    """``text`` with every character that is not shown (but those in ``keep``) as an escape."""
    if text.isascii() and text.isprintable():
        return text
    return _replace_unshown(text, _escape, keep)


def _replace_unshown(text: str, escape: Callable[[str], str], keep: str) -> str:
    def replace(match: re.Match[str]) -> str:
        char = match.group()
        return char if char in keep or _is_shown(char) else escape(char)

    return _NOT_PLAIN_ASCII.sub(replace, text)


def _escape(char: str) -> str:
    return repr(char)[1:-1]


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def relative_path(path: Path, base: Path | None = None) -> str:
    """The path relative to ``base`` (the working directory) when it lies inside it, exactly.

    A link at the end of the path is not followed: it is the link that is reported.
    """
    try:
        return located(path).relative_to(located(base or Path.cwd())).as_posix()
    except ValueError:
        return path.as_posix()


def display_path(path: Path, base: Path | None = None) -> str:
    """``relative_path``, safe to print."""
    return printable(relative_path(path, base))


def format_text(problems: Sequence[Problem], base: Path | None = None) -> str:
    """``path:line:col: level rule: message``, one line each."""
    return "".join(
        f"{display_path(p.path, base)}:{p.line}:{p.column}: {p.level.value} {printable(p.rule)}: "
        f"{printable(p.message, keep=chr(10))}\n"
        for p in problems
    )


def format_summary(problems: Sequence[Problem]) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}\n"


def format_json(problems: Sequence[Problem], base: Path | None = None) -> str:
    errors = sum(1 for p in problems if p.is_error)
    payload = {
        "problems": [
            {
                "path": relative_path(p.path, base),
                "line": p.line,
                "column": p.column,
                "level": p.level.value,
                "rule": p.rule,
                "message": p.message,
            }
            for p in problems
        ],
        "errors": errors,
        "warnings": len(problems) - errors,
    }
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    # Valid JSON that decodes to the exact paths and messages, and prints nothing harmful.
    return _replace_unshown(text, _json_escape, "\n") + "\n"


def escape_github_data(text: str) -> str:
    return printable(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_github_property(text: str) -> str:
    return escape_github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Sequence[Problem], base: Path | None = None) -> str:
    """GitHub Actions workflow commands, so problems appear on the changed lines of a pull request."""
    return "".join(
        f"::{p.level.value} file={escape_github_property(display_path(p.path, base))},line={p.line},col={p.column},"
        f"title={escape_github_property(p.rule)}::{escape_github_data(p.message)}\n"
        for p in problems
    )


def render(problems: Sequence[Problem], output_format: str, base: Path | None = None) -> str:
    if output_format == "json":
        return format_json(problems, base)
    if output_format == "github":
        return format_github(problems, base)
    return format_text(problems, base)
