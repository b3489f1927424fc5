"""The JSON export holds everything the YAML holds and matches its JSON Schema."""

from __future__ import annotations

import json

import jsonschema
from referencing import Registry, Resource

from conftest import FIXTURE_GLOSSARY, REPO
from kb.export.tabular import render_json
from kb.validation import validate_glossary

SCHEMA_DIR = REPO / "glossary" / "schema"


def validator() -> jsonschema.Draft7Validator:
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))))
        for path in SCHEMA_DIR.glob("*.schema.json")
    ]
    registry = Registry().with_resources(resources)
    schema = json.loads((SCHEMA_DIR / "export.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, registry=registry)


def test_json_export_matches_its_schema() -> None:
    for root in (FIXTURE_GLOSSARY, REPO / "glossary"):
        payload = json.loads(render_json(validate_glossary(root).glossary))
        assert [error.message for error in validator().iter_errors(payload)] == []


def test_json_export_holds_every_yaml_value() -> None:
    glossary = validate_glossary(FIXTURE_GLOSSARY).glossary
    payload = json.loads(render_json(glossary))
    assert [concept["id"] for concept in payload["concepts"]] == sorted(glossary.concepts)
    assert payload["concepts"][-2] == glossary.concepts["outsourcing"].document.data
    assert payload["articles"] == [glossary.articles["intro"].document.data]
    assert payload["figures"]["market-2016"]["value"] == 22.9
    assert payload["sources"]["handbook"]["year"] == 2020


def test_a_broken_export_fails_the_schema() -> None:
    payload = json.loads(render_json(validate_glossary(FIXTURE_GLOSSARY).glossary))
    payload["concepts"][0]["category"] = "basics"
    assert list(validator().iter_errors(payload))
