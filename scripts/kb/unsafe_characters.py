"""Characters refused anywhere in a glossary file: controls, bidi controls, noncharacters, separators.

Passes: ``term: кол-центр``, a tab, line feed or carriage return where YAML allows them.
Fails:  ``term: "call\\x07centre"`` or a raw BEL (control-character: C0 controls other than tab,
        LF and CR, DEL, C1 controls including NEL U+0085); ``"\\u202e"`` or a raw RIGHT-TO-LEFT
        OVERRIDE (bidi-control: U+202A-U+202E, U+2066-U+2069, which make text display in
        another order than it is stored); ``"\\uffff"`` (noncharacter: U+FDD0-U+FDEF and the
        last two code points of every plane); a LINE SEPARATOR U+2028 or PARAGRAPH SEPARATOR
        U+2029, typed or written ``\\L``, ``\\P`` (line-separator: YAML reads them, and NEL, as
        line breaks that editors do not show, so every later line number would be wrong).

Some of these make the TBX export ill-formed XML, some reach pages. They are refused in values,
keys and comments alike: a comment is read in reviews too, where a bidi override can hide what a
line does. The raw text is searched once per file; escapes (possible only in double-quoted
scalars) are searched once per such scalar, and only in files that hold a backslash.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from kb.problems import Problem, error

_C0_NAMES = (
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "INFORMATION SEPARATOR FOUR",
    "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
)
_C1_NAMES = (
    "PADDING CHARACTER",
    "HIGH OCTET PRESET",
    "BREAK PERMITTED HERE",
    "NO BREAK HERE",
    "INDEX",
    "NEXT LINE",
    "START OF SELECTED AREA",
    "END OF SELECTED AREA",
    "CHARACTER TABULATION SET",
    "CHARACTER TABULATION WITH JUSTIFICATION",
    "LINE TABULATION SET",
    "PARTIAL LINE FORWARD",
    "PARTIAL LINE BACKWARD",
    "REVERSE LINE FEED",
    "SINGLE SHIFT TWO",
    "SINGLE SHIFT THREE",
    "DEVICE CONTROL STRING",
    "PRIVATE USE ONE",
    "PRIVATE USE TWO",
    "SET TRANSMIT STATE",
    "CANCEL CHARACTER",
    "MESSAGE WAITING",
    "START OF GUARDED AREA",
    "END OF GUARDED AREA",
    "START OF STRING",
    "SINGLE GRAPHIC CHARACTER INTRODUCER",
    "SINGLE CHARACTER INTRODUCER",
    "CONTROL SEQUENCE INTRODUCER",
    "STRING TERMINATOR",
    "OPERATING SYSTEM COMMAND",
    "PRIVACY MESSAGE",
    "APPLICATION PROGRAM COMMAND",
)
#: Unicode's names for the controls, which ``unicodedata.name`` does not give (they are aliases).
CONTROL_NAMES = {
    **{chr(code): name for code, name in enumerate(_C0_NAMES)},
    "\x7f": "DELETE",
    **{chr(0x80 + code): name for code, name in enumerate(_C1_NAMES)},
}
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_SEPARATORS = "\u2028\u2029"
_UNSAFE_BMP = f"{_CONTROLS}{_BIDI_CONTROLS}{_SEPARATORS}\ufdd0-\ufdef\ufffe\uffff"
#: The unsafe characters of the first plane, and every character beyond it: one range is far
#: cheaper to search for than the 32 noncharacters of the other planes, which ``is_unsafe`` picks.
SUSPECT = re.compile(f"[{_UNSAFE_BMP}\U00010000-\U0010ffff]")
_UNSAFE_IN_BMP = re.compile(f"[{_UNSAFE_BMP}]")
#: What libyaml cannot read at all (or reads as a line break: NEL), so parsing stops there.
UNREADABLE = re.compile(f"[{_CONTROLS}{_SEPARATORS}\ufffe\uffff]")
_BIDI = re.compile(f"[{_BIDI_CONTROLS}]")
#: A double-quoted scalar's escapes, matched from left to right so that ``\\\\x07`` is not one.
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_SHORT_ESCAPES = {
    **{"0": "\x00", "a": "\x07", "b": "\x08", "v": "\x0b", "f": "\x0c", "e": "\x1b", "N": "\x85"},
    **{"L": "\u2028", "P": "\u2029"},
}
#: At most this many characters are listed per file; a file full of them gets one more line.
MAX_LISTED = 20


def is_unsafe(char: str) -> bool:
    """A control (but tab, LF and CR), a bidi control or a noncharacter."""
    code = ord(char)
    return code & 0xFFFE == 0xFFFE if code > 0xFFFF else _UNSAFE_IN_BMP.match(char) is not None


def describe(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``."""
    name = CONTROL_NAMES.get(char) or unicodedata.name(char, "a noncharacter")
    return f"U+{ord(char):04X} ({name})"


def rule_for(char: str) -> str:
    if char in CONTROL_NAMES:
        return "control-character"
    if char in _SEPARATORS:
        return "line-separator"
    return "bidi-control" if _BIDI.match(char) else "noncharacter"


def message_for(char: str, written_as: str | None = None) -> str:
    """What was expected, and which character was found (and how it was written, for an escape)."""
    rule = rule_for(char)
    if rule == "control-character":
        expected = "expected text without control characters"
    elif rule == "bidi-control":
        expected = "expected text without bidirectional controls (they make text display in another order)"
    elif rule == "line-separator":
        expected = "expected text without line or paragraph separators (YAML reads them as line breaks)"
    else:
        expected = "expected text without Unicode noncharacters"
    how = f", written as the escape {written_as}" if written_as else ""
    return f"{expected}; found {describe(char)}{how}"


def find_in_text(path: Path, text: str) -> list[Problem]:
    """Every unsafe character typed raw in the file (values, keys and comments), up to MAX_LISTED."""
    if SUSPECT.search(text) is None:
        return []
    problems: list[Problem] = []
    found = [match for match in SUSPECT.finditer(text) if is_unsafe(match.group())]
    for match in found[:MAX_LISTED]:
        char = match.group()
        problems.append(error(path, *_position(text, match.start()), rule_for(char), message_for(char)))
    if len(found) > MAX_LISTED:
        rest = found[MAX_LISTED]
        problems.append(
            error(
                path,
                *_position(text, rest.start()),
                rule_for(rest.group()),
                f"expected no more such characters; found {len(found) - MAX_LISTED:,} more from here on (not listed)",
            )
        )
    return problems


def find_in_escapes(text: str, start: int, end: int) -> list[tuple[int, str, str]]:
    """``(offset, character, escape)`` of each unsafe character written as an escape in
    ``text[start:end]``, the source of one double-quoted scalar."""
    found = []
    for match in _ESCAPE.finditer(text, start, end):
        escape = match.group()
        body = escape[1:]
        char = _SHORT_ESCAPES.get(body) or (chr(int(body[1:], 16)) if len(body) > 1 and body[0] in "xuU" else "")
        if char and is_unsafe(char):
            found.append((match.start(), char, escape))
    return found


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
