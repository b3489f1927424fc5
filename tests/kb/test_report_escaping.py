"""Whatever a file name holds, every output format prints one safe line per problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.problems import error
from kb.report import display_path, format_github, format_json, format_text, printable

BASE = Path("/repo")
HOSTILE_NAMES = {
    "ANSI escape": ("a\x1b[2Jb.yaml", "a\\x1b[2Jb.yaml"),
    "newline": ("a\nb.yaml", "a\\nb.yaml"),
    "carriage return": ("a\rb.yaml", "a\\rb.yaml"),
    "bell": ("a\x07b.yaml", "a\\x07b.yaml"),
    "C1 control": ("a\x9bb.yaml", "a\\x9bb.yaml"),
    "bidi override": ("a\u202eb.yaml", "a\\u202eb.yaml"),
    "line separator": ("a\u2028b.yaml", "a\\u2028b.yaml"),
    "undecodable byte": ("a\udcffb.yaml", "a\\udcffb.yaml"),
    "tag character": ("a\U000e0041b.yaml", "a\\U000e0041b.yaml"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_NAMES))
def test_every_format_escapes_what_a_terminal_would_obey(case: str) -> None:
    name, shown = HOSTILE_NAMES[case]
    problems = [error(BASE / "glossary" / "terms" / name, 1, 1, "bad-file-name", f"found {name!r}")]

    text = format_text(problems, BASE)
    github = format_github(problems, BASE)
    payload = format_json(problems, BASE)

    assert text == f"glossary/terms/{shown}:1:1: error bad-file-name: found {name!r}\n"
    assert github.startswith(f"::error file=glossary/terms/{shown},line=1,col=1,title=bad-file-name::")
    assert text.count("\n") == github.count("\n") == 1
    for output in (text, github, payload):
        assert all(char == "\n" or printable(char) == char for char in output), ascii(output)
    # JSON keeps the exact name, as JSON escapes.
    assert json.loads(payload)["problems"][0]["path"] == f"glossary/terms/{name}"


def test_printable_leaves_text_alone() -> None:
    for text in ("glossary/terms/кол-центр.yaml", "100 % → ok ʼ’ «»", "a\u00a0b", "emoji 😀"):
        assert printable(text) == text


def test_a_message_keeps_its_line_breaks_only_where_asked() -> None:
    assert printable("a\nb\x1b") == "a\\nb\\x1b"
    assert printable("a\nb\x1b", keep="\n") == "a\nb\\x1b"


def test_a_link_at_the_end_of_a_path_is_shown_as_the_link(tmp_path: Path) -> None:
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    (tmp_path / "passwd.yaml").symlink_to("/etc/passwd")
    assert display_path(tmp_path / "loop.yaml", tmp_path) == "loop.yaml"
    assert display_path(tmp_path / "passwd.yaml", tmp_path) == "passwd.yaml"
