"""An edited schema file that is broken is a problem at its line and column, never a traceback.

Each case edits one schema of a glossary that has its own ``schema/`` folder; the files of that
kind are then only parsed, and every other kind is still checked.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO
from kb.schemas import MODEL_SCHEMA_DIR, SCHEMA_FILES, load_schema
from kb.validation import validate_glossary


def replace_once(old: str, new: str) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def replace_file(make: Callable[[Path], None]) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        path.unlink()
        make(path)

    return edit


TERM_SCHEMA = (REPO / "glossary" / "schema" / "term.schema.json").read_text(encoding="utf-8")


def value_position(key_and_value: str, value: str) -> tuple[int, int]:
    """(line, column) of ``value`` where ``key_and_value`` first stands in the real schema file."""
    offset = TERM_SCHEMA.index(key_and_value) + key_and_value.index(value)
    return TERM_SCHEMA.count("\n", 0, offset) + 1, offset - TERM_SCHEMA.rfind("\n", 0, offset)


# (edit of term.schema.json, line, column, message)
CASES = {
    "JSON syntax error": (
        replace_once('"type": "object",', '"type": "object"'),
        7,
        3,
        "expected valid JSON; found an error: Expecting ',' delimiter",
    ),
    "unknown type": (
        replace_once('"type": "string"', '"type": "strin"'),
        *value_position('"type": "string"', '"string"'),
        "expected a valid JSON Schema (draft 7); found at definitions.id.type: "
        "'strin' is not valid under any of the given schemas",
    ),
    "a bound fastjsonschema compiles anyway": (
        replace_once('"maxLength": 80', '"maxLength": -1'),
        *value_position('"maxLength": 80', "80"),
        "expected a valid JSON Schema (draft 7); found at definitions.id.maxLength: -1 is less than the minimum of 0",
    ),
    "reference to elsewhere": (
        replace_once('"#/definitions/idList"', '"http://127.0.0.1:9/ids.json"'),
        *value_position('"#/definitions/idList"', '"#'),
        "expected every $ref to point inside the file (#/definitions/...); found 'http://127.0.0.1:9/ids.json', "
        "which would be fetched from elsewhere",
    ),
    "not UTF-8": (
        replace_file(lambda path: path.write_bytes(b'{"title": "\xff"}')),
        1,
        1,
        "expected UTF-8 JSON; found the byte 0xff",
    ),
    "nesting too deep": (
        replace_file(lambda path: path.write_text("[" * 100_000 + "]" * 100_000)),
        1,
        1,
        "expected a schema of sensible depth; found nesting too deep to read",
    ),
    "nested deeper than checking can go": (
        replace_file(lambda path: path.write_text('{"items": ' * 900 + "{}" + "}" * 900)),
        1,
        1,
        "expected a schema nested at most 64 levels deep; found deeper",
    ),
    "a reference to itself": (
        replace_file(lambda path: path.write_text('{"$ref": "#"}')),
        1,
        1,
        "expected every $ref to lead, in the end, to a check of the value; found references "
        "that lead back to themselves without end",
    ),
    "a cycle of references": (
        replace_file(
            lambda path: path.write_text(
                '{"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}},'
                ' "properties": {"id": {"$ref": "#/definitions/a"}}}'
            )
        ),
        1,
        1,
        "expected every $ref to lead, in the end, to a check of the value; found references "
        "that lead back to themselves without end",
    ),
    "a link": (
        replace_file(lambda path: path.symlink_to(REPO / "glossary" / "schema" / "term.schema.json")),
        1,
        1,
        "expected a regular file (symbolic links are never followed); found a symbolic link to the file "
        f"{str(REPO / 'glossary' / 'schema' / 'term.schema.json')!r}",
    ),
    "a FIFO": (
        replace_file(os.mkfifo),
        1,
        1,
        "expected a regular file (symbolic links are never followed); found a FIFO (named pipe)",
    ),
}


@pytest.fixture
def own_schemas(glossary_copy: Path) -> Path:
    shutil.copytree(REPO / "glossary" / "schema", glossary_copy / "schema")
    return glossary_copy


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_broken_schema_is_one_problem_at_its_position(case: str, own_schemas: Path) -> None:
    edit, line, column, message = CASES[case]
    schema = own_schemas / "schema" / "term.schema.json"
    edit(schema)

    result = validate_glossary(own_schemas, check_spelling=False)

    assert [(p.path, p.line, p.column, p.rule, p.message) for p in result.errors] == [
        (schema, line, column, "bad-schema", message)
    ]
    assert result.glossary.concepts == {}  # unchecked, so never built
    assert set(result.glossary.articles) == {"intro"}  # the other kinds are checked as before


def test_a_missing_schema_file_is_named(own_schemas: Path) -> None:
    (own_schemas / "schema" / "figures.schema.json").unlink()
    schema, problems = load_schema(own_schemas / "schema", "figures")
    assert schema is None
    assert [(p.rule, p.message) for p in problems] == [
        ("bad-schema", "expected a readable schema file; found an error: No such file or directory")
    ]


def test_an_edited_schema_is_read_again(own_schemas: Path) -> None:
    path = own_schemas / "schema" / "term.schema.json"
    first, _ = load_schema(own_schemas / "schema", "term")
    replace_once('"maxLength": 80', '"maxLength": 81')(path)
    second, _ = load_schema(own_schemas / "schema", "term")
    assert first is not None and second is not None and first.definition != second.definition


# A schema that accepts what the model cannot read: (edit of term.schema.json, edit of
# outsourcing.yaml, where the error stands). The schemas are files a pull request may edit.
LOOSER = {
    "a category of its own": (
        replace_once('"fundamentals",', '"fundamentals", "made-up",'),
        replace_once("category: fundamentals", "category: made-up"),
        (2, 11),
    ),
    "a gender of its own": (
        replace_once('"masculine",', '"masculine", "common",'),
        replace_once("gender: masculine", "gender: common"),
        (12, 36),
    ),
    "a required field no longer required": (
        replace_once('"id",\n    "category",', '"id",'),
        replace_once("category: fundamentals\n", ""),
        (1, 1),
    ),
    "ids that may be anything": (
        replace_once(
            '"$ref": "#/definitions/idList",\n      "description": "Ids of related concepts."',
            '"description": "Anything."',
        ),
        replace_once("status: reviewed\n", "status: reviewed\nrelated: [42, {a: 1}, call-centre]\n"),
        (4, 11),
    ),
}


@pytest.mark.parametrize("case", sorted(LOOSER))
def test_a_schema_looser_than_the_model_is_an_error_in_the_file(case: str, own_schemas: Path) -> None:
    schema_edit, file_edit, position = LOOSER[case]
    schema_edit(own_schemas / "schema" / "term.schema.json")
    term = own_schemas / "terms" / "outsourcing.yaml"
    file_edit(term)
    result = validate_glossary(own_schemas)  # no traceback, from the rules either
    found = [p for p in result.errors if p.rule == "schema-model-mismatch"]
    assert found and {p.path.name for p in found} == {"outsourcing.yaml"}
    assert (found[0].line, found[0].column) == position
    assert found[0].message.endswith("(term.schema.json accepts it; kb's model cannot read it)")
    assert "call-centre" in result.glossary.concepts  # the other files are still checked


def test_the_glossarys_schemas_are_the_models() -> None:
    """The site's own schemas are those the model is written for: a change to one of them is a
    change to the model (scripts/kb/model_schemas/ and scripts/kb/model.py) too."""
    for kind, name in SCHEMA_FILES.items():
        glossary_schema = (REPO / "glossary" / "schema" / name).read_bytes()
        assert glossary_schema == (MODEL_SCHEMA_DIR / name).read_bytes(), kind


def test_the_models_errors_come_with_the_schemas_own(own_schemas: Path) -> None:
    schema_edit, file_edit, position = LOOSER["ids that may be anything"]
    schema_edit(own_schemas / "schema" / "term.schema.json")
    term = own_schemas / "terms" / "outsourcing.yaml"
    file_edit(term)
    replace_once("status: reviewed", "status: reviewd")(term)
    said = {(p.rule, p.line, p.column) for p in validate_glossary(own_schemas).errors if p.path == term}
    assert {("not-allowed-value", 3, 9), ("schema-model-mismatch", *position)} <= said
