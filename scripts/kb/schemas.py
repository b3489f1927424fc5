"""Checking documents against the JSON Schemas in ``glossary/schema/``.

The schemas are the single statement of each file kind's shape: editors use them through the
YAML language server, and the validator enforces exactly the same files. fastjsonschema answers
"is it valid?" quickly; only an invalid document is run through jsonschema, which lists every
error with its path.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

if TYPE_CHECKING:
    import jsonschema

from kb.problems import Problem, error
from kb.yamldoc import Document

SCHEMA_FILES = {
    "term": "term.schema.json",
    "concept": "concept.schema.json",
    "sources": "sources.schema.json",
    "figures": "figures.schema.json",
}


@dataclass(frozen=True)
class Schema:
    name: str
    definition: dict[str, Any]
    is_valid_fast: Callable[[Any], Any]

    @cached_property
    def validator(self) -> jsonschema.Draft7Validator:
        """The detailed validator, built only when some document is invalid."""
        import jsonschema

        return jsonschema.Draft7Validator(self.definition)


@cache
def load_schema(schema_dir: Path, kind: str) -> Schema:
    """The compiled schema for one file kind (``term``, ``concept``, ``sources``, ``figures``)."""
    definition = json.loads((schema_dir / SCHEMA_FILES[kind]).read_text(encoding="utf-8"))
    return Schema(
        name=SCHEMA_FILES[kind],
        definition=definition,
        is_valid_fast=fastjsonschema.compile(definition),
    )


def check_schema(document: Document, schema: Schema) -> list[Problem]:
    """Every way the document departs from the schema, each with its position."""
    try:
        schema.is_valid_fast(document.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    errors = sorted(schema.validator.iter_errors(document.data), key=lambda e: list(map(str, e.absolute_path)))
    problems: list[Problem] = []
    for schema_error in errors:
        if not _already_reported(document, tuple(schema_error.absolute_path)):
            problems.extend(_to_problems(document, schema_error))
    return problems


def _already_reported(document: Document, path: tuple) -> bool:
    return any(path[: len(rejected)] == rejected for rejected in document.rejected)


def _field_name(path: list[str | int]) -> str:
    name = ""
    for step in path:
        name += f"[{step}]" if isinstance(step, int) else (f".{step}" if name else str(step))
    return name or "top level"


def _found(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "…"
        return f"{shown!r}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


def _to_problems(document: Document, schema_error: jsonschema.ValidationError) -> list[Problem]:
    path = list(schema_error.absolute_path)
    where = _field_name(path)
    kind = schema_error.validator
    value = schema_error.instance
    line, column = document.position(path)

    def one(rule: str, message: str, at: tuple[int, int] | None = None) -> list[Problem]:
        problem_line, problem_column = at or (line, column)
        return [error(document.path, problem_line, problem_column, rule, message)]

    if kind == "required":
        missing = [name for name in schema_error.validator_value if name not in value]
        return [
            error(
                document.path,
                line,
                column,
                "missing-field",
                f"{where}: expected the field {name!r}; found no such field",
            )
            for name in missing
        ]
    if kind == "additionalProperties":
        allowed = sorted(schema_error.schema.get("properties", {}))
        problems = []
        for name in value:
            if name in allowed:
                continue
            hint = difflib.get_close_matches(name, allowed, n=1)
            suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
            problems.extend(
                one(
                    "unknown-field",
                    f"{where}: expected only the fields {', '.join(allowed)}; found {name!r}{suggestion}",
                    document.position([*path, name], key=True),
                )
            )
        return problems
    if kind == "enum":
        choices = ", ".join(map(str, schema_error.validator_value))
        return one("not-allowed-value", f"{where}: expected one of {choices}; found {_found(value)}")
    if kind == "type":
        expected = _TYPE_NAMES.get(schema_error.validator_value, str(schema_error.validator_value))
        return one("wrong-type", f"{where}: expected {expected}; found {_found(value)}")
    if kind == "pattern":
        return one(
            "bad-format", f"{where}: expected {_pattern_meaning(schema_error.validator_value)}; found {_found(value)}"
        )
    if kind == "propertyNames":
        return one(
            "bad-format",
            f"{where}: expected keys made of lowercase words joined by hyphens; found {_found(value)}",
            document.position([*path, str(value)], key=True),
        )
    if kind in ("maxLength", "minLength"):
        limit = schema_error.validator_value
        if kind == "minLength":
            return one("empty-text", f"{where}: expected at least {limit} character(s); found {_found(value)}")
        return one("too-long", f"{where}: expected at most {limit:,} characters; found {len(value):,}")
    if kind in ("minItems", "maxItems"):
        limit = schema_error.validator_value
        bound = "at least" if kind == "minItems" else "at most"
        return one("wrong-count", f"{where}: expected {bound} {limit} item(s); found {len(value)}")
    if kind == "uniqueItems":
        seen: set[str] = set()
        for index, item in enumerate(value):
            marker = json.dumps(item, sort_keys=True)
            if marker in seen:
                return one(
                    "duplicate-item",
                    f"{where}: expected each item once; found {_found(item)} again",
                    document.position([*path, index]),
                )
            seen.add(marker)
        return one("duplicate-item", f"{where}: expected each item once; found repeated items")
    if kind in ("minimum", "maximum"):
        bound = "at least" if kind == "minimum" else "at most"
        return one("out-of-range", f"{where}: expected {bound} {schema_error.validator_value}; found {_found(value)}")
    if kind == "anyOf" and path == []:
        return one("missing-language", "expected at least one language section (en or uk); found none")
    return one("schema", f"{where}: {schema_error.message}")


_PATTERN_MEANINGS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "lowercase letters and digits, words joined by single hyphens (e.g. 'call-centre')",
    "^https?://[^\\s()<>\\[\\]\"'`\\\\]+$": "a web address starting with http:// or https://, without spaces, "
    "quotes, brackets or parentheses (write ( and ) as %28 and %29)",
    "^[a-z]{2}$": "a two-letter language code such as 'en'",
}


def _pattern_meaning(pattern: str) -> str:
    return _PATTERN_MEANINGS.get(pattern, f"text matching {pattern}")
