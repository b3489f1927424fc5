"""Every unsafe character is refused wherever and however it is written; nothing else is."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kb.unsafe_characters import CONTROL_NAMES, MAX_LISTED, describe, is_unsafe
from kb.yamldoc import parse_document

PATH = Path("glossary/terms/x.yaml")
CONTROLS = [chr(code) for code in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if chr(code) not in "\t\n\r"]
BIDI_CONTROLS = [chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
NONCHARACTERS = [chr(code) for code in range(0xFDD0, 0xFDF0)] + [
    chr(plane + last) for plane in range(0, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF)
]
SEPARATORS = ["\u2028", "\u2029"]
UNSAFE = [*CONTROLS, *BIDI_CONTROLS, *NONCHARACTERS, *SEPARATORS]
#: Characters next to the refused ones, and some that text needs.
SAFE = [
    "\t",
    "\xa0",
    "\xad",
    "\u200e",
    "\u2060",
    "\u2065",
    "\u206a",
    "\u202f",
    "\ufdcf",
    "\ufdf0",
    "\ufffd",
    "\U0001f600",
    "\U0010fffd",
    "ʼ",
    "ї",
]


def problems(raw: str) -> list[tuple[str, int, int]]:
    _, found = parse_document(PATH, raw.encode("utf-8", "surrogatepass"))
    return [(p.rule, p.line, p.column) for p in found]


def rule(char: str) -> str:
    if char in CONTROLS:
        return "control-character"
    if char in SEPARATORS:
        return "line-separator"
    return "bidi-control" if char in BIDI_CONTROLS else "noncharacter"


def escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def test_control_names_are_unicodes_own() -> None:
    assert len(CONTROL_NAMES) == len(CONTROLS) + 3  # tab, LF and CR have names, and are allowed
    for char, name in CONTROL_NAMES.items():
        # U+0007 keeps the name it is known by: Unicode gave "BELL" to U+1F514 and calls it ALERT.
        assert unicodedata.lookup("ALERT" if name == "BELL" else name) == char, name


def test_description_names_the_code_point() -> None:
    assert describe("\x07") == "U+0007 (BELL)"
    assert describe("\x85") == "U+0085 (NEXT LINE)"
    assert describe("\u202e") == "U+202E (RIGHT-TO-LEFT OVERRIDE)"
    assert describe("\U0010ffff") == "U+10FFFF (a noncharacter)"


def test_the_predicate_matches_the_classes() -> None:
    assert [char for char in UNSAFE if not is_unsafe(char)] == []
    assert [char for char in SAFE if is_unsafe(char)] == []


@pytest.mark.parametrize("char", UNSAFE, ids=lambda char: f"U+{ord(char):04X}")
def test_unsafe_character_typed_raw_is_refused_where_it_stands(char: str) -> None:
    assert problems(f"id: x\nnotes: ab{char}cd\n") == [(rule(char), 2, 10)]


@pytest.mark.parametrize("char", UNSAFE, ids=lambda char: f"U+{ord(char):04X}")
def test_unsafe_character_written_as_an_escape_is_refused_at_the_escape(char: str) -> None:
    _, found = parse_document(PATH, f'id: x\nnotes: "ab{escape(char)}cd"\n'.encode())
    assert [(p.rule, p.line, p.column) for p in found] == [(rule(char), 2, 11)]
    assert f"found {describe(char)}, written as the escape {escape(char)}" in found[0].message


@pytest.mark.parametrize(
    ("written", "char"),
    [
        ("\\0", "\x00"),
        ("\\a", "\x07"),
        ("\\b", "\x08"),
        ("\\v", "\x0b"),
        ("\\f", "\x0c"),
        ("\\e", "\x1b"),
        ("\\N", "\x85"),
        ("\\x7F", "\x7f"),
        ("\\u0085", "\x85"),
        ("\\U0000202E", "\u202e"),
        ("\\L", "\u2028"),
        ("\\P", "\u2029"),
    ],
)
def test_every_way_of_escaping_is_caught(written: str, char: str) -> None:
    _, found = parse_document(PATH, f'a: "{written}"\n'.encode())
    assert [(p.rule, p.column) for p in found] == [(rule(char), 5)]
    assert found[0].message.endswith(f"found {describe(char)}, written as the escape {written}")


@pytest.mark.parametrize("char", SAFE, ids=lambda char: f"U+{ord(char):04X}")
def test_other_characters_pass_raw_and_escaped(char: str) -> None:
    raw = "" if char == "\t" else f"notes: ab{char}cd\n"  # a raw tab is the tab-character rule's
    assert problems(f'id: x\n{raw}other: "{escape(char)}"\n') == []


@pytest.mark.parametrize(
    "raw",
    [
        'a: "\\\\x07 is how a bell is written"\n',  # an escaped backslash, then text
        "a: 'single quotes have no escapes: \\x07'\n",
        "a: plain text has none either \\e\n",
        "a: |\n  nor a block \\u202e\n",
        'a: "line\\n\\ttab\\r and \\\\ \\" \\/ \\_ \\x41\\u0416"\n',
    ],
)
def test_text_that_only_looks_like_an_unsafe_escape_passes(raw: str) -> None:
    assert problems(raw) == []


def test_keys_and_comments_are_covered_too() -> None:
    assert problems('"\\x1b[2J": 1\n') == [("control-character", 1, 2)]
    assert problems("a: 1  # \u202eevil\n") == [("bidi-control", 1, 9)]
    assert problems("\u2066a: 1\n") == [("bidi-control", 1, 1)]


def test_a_refused_value_is_not_reported_again_by_the_schema() -> None:
    document, found = parse_document(PATH, b'id: "a\\x07b"\n')
    assert [p.rule for p in found] == ["control-character"]
    assert document is not None and document.data == {"id": None} and ("id",) in document.rejected


def test_a_file_full_of_them_lists_a_few_and_counts_the_rest() -> None:
    found = problems("a: " + "\u202e" * 100 + "\n")
    assert len(found) == MAX_LISTED + 1
    assert found[MAX_LISTED] == ("bidi-control", 1, 4 + MAX_LISTED)
    _, last = parse_document(PATH, ("a: " + "\u202e" * 100 + "\n").encode())
    assert last[-1].message == "expected no more such characters; found 80 more from here on (not listed)"


def test_characters_libyaml_cannot_read_stop_parsing_with_only_their_problems() -> None:
    document, found = parse_document(PATH, b"a: \x07\nb: [unclosed\n")
    assert document is None
    assert [(p.rule, p.line, p.column) for p in found] == [("control-character", 1, 4)]
    assert found[0].message == "expected text without control characters; found U+0007 (BELL)"
