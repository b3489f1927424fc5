"""Bad input is data: each file under fixtures/bad/ states the problems it must produce.

A fixture's ``# expect: LEVEL RULE LINE:COLUMN`` lines are the complete list of problems the
validator must report for that file, no more and no less. The file is dropped into a copy of
the valid fixture glossary (``bad/terms/x.yaml`` → ``terms/x.yaml``, ``bad/sources/*.yaml`` →
``sources.yaml``), so cross-file rules run against real neighbours.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from kb.validation import validate_glossary

BAD = FIXTURES / "bad"
EXPECT = re.compile(rb"^(?:\xef\xbb\xbf)?# expect: (error|warning) ([a-z0-9-]+) (\d+):(\d+)\s*$", re.MULTILINE)
CASES = sorted(BAD.glob("*/*.yaml"))


def expectations(path: Path) -> set[tuple[str, str, int, int]]:
    return {
        (level.decode(), rule.decode(), int(line), int(column))
        for level, rule, line, column in EXPECT.findall(path.read_bytes())
    }


def destination(glossary: Path, fixture: Path) -> Path:
    folder = fixture.parent.name
    if folder == "sources":
        return glossary / "sources.yaml"
    return glossary / folder / fixture.name


def test_every_fixture_states_what_it_expects() -> None:
    assert CASES, "no bad-input fixtures found"
    for fixture in CASES:
        assert expectations(fixture), f"{fixture} has no '# expect:' line"


@pytest.mark.parametrize("fixture", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_bad_input_produces_exactly_the_expected_problems_and_says_what_was_expected(
    fixture: Path, glossary_copy: Path
) -> None:
    target = destination(glossary_copy, fixture)
    shutil.copyfile(fixture, target)

    result = validate_glossary(glossary_copy)

    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert "expected" in problem.message and "found" in problem.message, problem.message
    found = {(p.level.value, p.rule, p.line, p.column) for p in result.problems if p.path == target}
    assert found == expectations(fixture), [
        f"{p.rule} {p.line}:{p.column} {p.message}" for p in result.problems if p.path == target
    ]


KEY_PATH = re.compile(r"^(en|uk)(\.[a-z_]+|\[\d+\])+(?=: )")


def test_every_message_names_a_list_item_as_schema_errors_do(glossary_copy: Path) -> None:
    """``uk.synonyms[0]`` in every message, never ``uk.synonyms.0`` in some of them."""
    for fixture in CASES:
        shutil.copyfile(fixture, destination(glossary_copy, fixture).with_name(f"bad-{fixture.name}"))
    messages = [p.message for p in validate_glossary(glossary_copy).problems]
    paths = [m.split(": ", 1)[0] for m in messages if m.startswith(("en.", "uk."))]
    assert len(paths) > 20 and any("[" in path for path in paths)
    assert [path for path in paths if not KEY_PATH.match(path + ": ")] == []
