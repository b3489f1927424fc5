"""``schemas.salvage``: an invalid document is repaired into one the schema accepts, or given up."""

from __future__ import annotations

import copy

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_GLOSSARY, REPO
from kb.schemas import load_schema, salvage

TERM_SCHEMA, _ = load_schema(REPO / "glossary" / "schema", "term")
assert TERM_SCHEMA is not None
VALID = yaml.safe_load((FIXTURE_GLOSSARY / "terms" / "outsourcing.yaml").read_text(encoding="utf-8"))

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def paths(value: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_salvaged_document_is_one_the_schema_accepts(data: st.DataObject) -> None:
    document = copy.deepcopy(VALID)
    for _ in range(data.draw(st.integers(1, 4))):
        targets = paths(document)
        if not targets:
            break
        path = data.draw(st.sampled_from(targets))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = data.draw(JUNK)
    if data.draw(st.booleans()):
        document[data.draw(st.sampled_from(["colour", "Category", "en-GB"]))] = 1
    before = copy.deepcopy(document)
    repaired = salvage(document, TERM_SCHEMA)
    assert document == before  # the document read stays as it was read
    if repaired is not None:
        assert list(TERM_SCHEMA.validator.iter_errors(repaired)) == []


def test_a_required_value_outside_its_set_keeps_the_file_checkable() -> None:
    document = {**copy.deepcopy(VALID), "category": "nonsense", "colour": "blue"}
    repaired = salvage(document, TERM_SCHEMA)
    assert repaired is not None and "colour" not in repaired
    assert repaired["en"] == VALID["en"] and repaired["uk"] == VALID["uk"]


def test_a_missing_required_value_cannot_be_made_up() -> None:
    document = copy.deepcopy(VALID)
    del document["id"]
    assert salvage(document, TERM_SCHEMA) is None
    assert salvage(["not", "a", "mapping"], TERM_SCHEMA) is None
