"""Checking documents against the JSON Schemas in ``glossary/schema/``.

The schemas are the single statement of each file kind's shape: editors use them through the
YAML language server, and the validator enforces exactly the same files. fastjsonschema answers
"is it valid?" quickly; only an invalid document is run through jsonschema, which lists every
error with its path.

A schema file is read like a data file (a regular file, never through a link, size-bounded) and
checked before use: a JSON error, a ``$ref`` that points outside the file (fastjsonschema would
fetch it from the network) or a schema that is not a valid draft-7 JSON Schema is reported at
its line and column, and files of that kind are then only parsed, not checked.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema

if TYPE_CHECKING:
    import jsonschema

from kb.problems import Problem, error
from kb.regular_files import FileTooLarge, NotARegularFile, read_regular_file
from kb.yamldoc import Document, field_name, parse_document

SCHEMA_FILES = {
    "term": "term.schema.json",
    "concept": "concept.schema.json",
    "sources": "sources.schema.json",
    "figures": "figures.schema.json",
}


MAX_SCHEMA_BYTES = 1_000_000
#: The site's schemas nest 9 levels; jsonschema's own check of a schema 200 deep overflows.
MAX_SCHEMA_DEPTH = 64

#: The schemas the model's code is written for, part of this package. A glossary's own schemas
#: (files a pull request may edit) say what its files must be; these say what kb can read.
MODEL_SCHEMA_DIR = Path(__file__).resolve().parent / "model_schemas"


@dataclass(frozen=True)
class Schema:
    name: str
    definition: dict[str, Any]
    is_valid_fast: Callable[[Any], Any]
    path: Path = Path()
    text: str = field(default="", repr=False)

    @cached_property
    def validator(self) -> jsonschema.Draft7Validator:
        """The detailed validator, built only when some document is invalid."""
        import jsonschema

        return jsonschema.Draft7Validator(self.definition)

    @cached_property
    def definition_problem(self) -> Problem | None:
        """How the schema departs from draft-7 JSON Schema, checked once a document fails the
        fast check (fastjsonschema compiles some invalid schemas; jsonschema is loaded by then)."""
        return _definition_problem(self.path, self.text, self.definition)

    @property
    def cycle_problem(self) -> Problem:
        return error(
            self.path,
            1,
            1,
            "bad-schema",
            "expected every $ref to lead, in the end, to a check of the value; found references "
            "that lead back to themselves without end",
        )


class _BrokenSchema(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem)
        self.problem = problem


def load_schema(schema_dir: Path, kind: str) -> tuple[Schema | None, list[Problem]]:
    """The compiled schema for one file kind (``term``, ``concept``, ``sources``, ``figures``),
    or None and the problem that makes it unusable."""
    path = schema_dir / SCHEMA_FILES[kind]
    try:
        raw = read_regular_file(path, MAX_SCHEMA_BYTES)
        return _compile(path, raw), []
    except NotARegularFile as exc:
        found = f"expected a regular file (symbolic links are never followed); found {exc.found}"
    except FileTooLarge as exc:
        found = f"expected at most {MAX_SCHEMA_BYTES:,} bytes; found {exc.found}"
    except OSError as exc:
        found = f"expected a readable schema file; found an error: {exc.strerror}"
    except _BrokenSchema as exc:
        return None, [exc.problem]
    return None, [error(path, 1, 1, "bad-schema", found)]


@cache
def _compile(path: Path, raw: bytes) -> Schema:
    """Compiled once per content, so an edited schema is read again (``mkdocs serve``)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _BrokenSchema(
            error(path, 1, 1, "bad-schema", f"expected UTF-8 JSON; found the byte 0x{raw[exc.start]:02x}")
        ) from None
    try:
        definition = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _BrokenSchema(
            error(path, exc.lineno, exc.colno, "bad-schema", f"expected valid JSON; found an error: {exc.msg}")
        ) from None
    except RecursionError:
        raise _BrokenSchema(
            error(path, 1, 1, "bad-schema", "expected a schema of sensible depth; found nesting too deep to read")
        ) from None
    if _depth(definition) > MAX_SCHEMA_DEPTH:  # checking deeper ones exhausts Python's stack
        raise _BrokenSchema(
            error(
                path,
                1,
                1,
                "bad-schema",
                f"expected a schema nested at most {MAX_SCHEMA_DEPTH} levels deep; found deeper",
            )
        )
    for keys, reference in _references(definition, ()):
        if not reference.startswith("#"):
            line, column = _json_position(path, text, [*keys, "$ref"])
            raise _BrokenSchema(
                error(
                    path,
                    line,
                    column,
                    "bad-schema",
                    f"expected every $ref to point inside the file (#/definitions/...); found {reference!r}, "
                    "which would be fetched from elsewhere",
                )
            )
    try:
        is_valid_fast = fastjsonschema.compile(definition)
    except Exception as exc:  # the compiler assumes a sound schema and fails in any way on others
        raise _BrokenSchema(
            _definition_problem(path, text, definition)
            or error(path, 1, 1, "bad-schema", f"expected a valid JSON Schema (draft 7); found an error: {exc}")
        ) from None
    return Schema(path.name, definition, is_valid_fast, path, text)


def _depth(value: Any) -> int:
    """How deep the JSON value nests (counted without recursion: it may nest thousands deep)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is not None:
            deepest = max(deepest, depth + 1)
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _references(value: Any, keys: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """``(keys, $ref)`` of every reference in a schema, or of a ``$ref`` that is not text."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "$ref":
                yield keys, item if isinstance(item, str) else repr(item)
            else:
                yield from _references(item, (*keys, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _references(item, (*keys, index))


def _definition_problem(path: Path, text: str, definition: Any) -> Problem | None:
    import jsonschema

    try:
        jsonschema.Draft7Validator.check_schema(definition)
    except jsonschema.SchemaError as exc:
        keys = list(exc.path)
        message = exc.message if len(exc.message) <= 160 else exc.message[:157] + "…"
        return error(
            path,
            *_json_position(path, text, keys),
            "bad-schema",
            f"expected a valid JSON Schema (draft 7); found at {field_name(keys)}: {message}",
        )
    return None


def _json_position(path: Path, text: str, keys: list[str | int]) -> tuple[int, int]:
    """(line, column) of a value in JSON text: JSON is YAML, whose parser keeps positions."""
    document, _ = parse_document(path, text.encode("utf-8"))
    return document.position(keys) if document is not None else (1, 1)


def check_schema(document: Document, schema: Schema) -> list[Problem]:
    """Every way the document departs from the schema, each with its position."""
    try:
        schema.is_valid_fast(document.data)
        return []
    except Exception:  # JsonSchemaException, or a broken schema that compiled anyway (reported below)
        pass
    if schema.definition_problem is not None:
        return [schema.definition_problem]
    try:
        errors = sorted(schema.validator.iter_errors(document.data), key=lambda e: list(map(str, e.absolute_path)))
    except RecursionError:
        return [schema.cycle_problem]
    problems: list[Problem] = []
    for schema_error in errors:
        if not _already_reported(document, tuple(schema_error.absolute_path)):
            problems.extend(_to_problems(document, schema_error))
    return problems


def model_problems(document: Document, schema: Schema, kind: str) -> list[Problem]:
    """Where a document that ``schema`` accepts departs from what the model reads (the package's
    own schema of its kind), each at its position; none when ``schema`` is that schema."""
    model = _model_schema_unlike(kind, schema.text)
    if model is None:
        return []
    return [
        replace(
            problem,
            rule="schema-model-mismatch",
            message=f"{problem.message} ({schema.path.name} accepts it; kb's model cannot read it)",
        )
        for problem in check_schema(document, model)
    ]


@cache
def _model_schema_unlike(kind: str, text: str) -> Schema | None:
    """The model's own schema of a kind, unless it is the schema of this text (the site's case):
    then None, and nothing is checked twice. Asked once per file, answered once per schema."""
    model = load_schema(MODEL_SCHEMA_DIR, kind)[0]
    return None if model is None or model.text == text else model


def _already_reported(document: Document, path: tuple) -> bool:
    return any(path[: len(rejected)] == rejected for rejected in document.rejected)


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


_EXPONENT = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][-+]?[0-9]+\Z")
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
    where = field_name(path)
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
        types = (
            schema_error.validator_value
            if isinstance(schema_error.validator_value, list)
            else [schema_error.validator_value]
        )
        expected = " or ".join(_TYPE_NAMES.get(name, str(name)) for name in types)
        hint = ""
        if schema_error.validator_value in ("number", "integer") and isinstance(value, str) and _EXPONENT.match(value):
            hint = " (YAML reads an exponent without a decimal point and a sign as text: write the number in digits)"
        return one("wrong-type", f"{where}: expected {expected}; found {_found(value)}{hint}")
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
        limit = schema_error.validator_value
        # A bound's own description, when it is a short phrase ("a percentage, from -100 to
        # 1,000" in figures.schema.json), says which limit applies; a field's prose does not.
        meaning = schema_error.schema.get("description")
        is_phrase = isinstance(meaning, str) and len(meaning) <= 80 and meaning[:1].islower()
        hint = f" ({meaning})" if is_phrase else ""
        return one("out-of-range", f"{where}: expected {bound} {limit}{hint}; found {_found(value)}")
    if kind == "const":
        return one("not-allowed-value", f"{where}: expected {schema_error.validator_value!r}; found {_found(value)}")
    if kind == "minProperties":
        return one("wrong-count", f"{where}: expected at least {schema_error.validator_value} field(s); found none")
    if kind == "anyOf" and path == []:
        return one("missing-language", "expected at least one language section (en or uk); found none")
    return one("schema", f"{where}: {schema_error.message}")


#: JSON Schema's patterns are ECMA-262's, whose $ is the very end of the text; Python's $ also
#: matches before a final newline, so the schemas end their patterns with (?!\n)$, the same in both.
_PATTERN_MEANINGS = {
    "^[a-z0-9]+(-[a-z0-9]+)*(?!\\n)$": "lowercase letters and digits, words joined by single hyphens "
    "(e.g. 'call-centre')",
    "^https?://[^\\s()<>\\[\\]\"'`\\\\]+(?!\\n)$": "a web address starting with http:// or https://, without spaces, "
    "quotes, brackets or parentheses (write ( and ) as %28 and %29)",
    "^[a-z]{2}(?!\\n)$": "a two-letter language code such as 'en'",
}


def _pattern_meaning(pattern: str) -> str:
    return _PATTERN_MEANINGS.get(pattern, f"text matching {pattern}")


#: Rounds of repair before a document is given up as too broken to check further.
_SALVAGE_ROUNDS = 50


def salvage(data: Any, schema: Schema) -> Any | None:
    """A copy of an invalid document that the schema accepts, or None.

    Invalid values are set aside, so that the rest of the file can still be checked: an unknown
    key or a value of the wrong shape is removed (a list item too). A required value outside its
    closed set is read as the set's first value, so that the file keeps its shape. A missing
    required field cannot be made up, nor can the root be replaced: then there is nothing to
    salvage. Only for checking; never rendered, since the file's schema errors stop every
    build, export and write.
    """
    if schema.definition_problem is not None:
        return None
    data = copy.deepcopy(data)
    #: Key paths of removed enum values → the first allowed value, in case the key is required.
    fallbacks: dict[tuple, Any] = {}
    for _ in range(_SALVAGE_ROUNDS):
        try:
            errors = list(schema.validator.iter_errors(data))
        except RecursionError:  # reported by check_schema
            return None
        if not errors:
            return data
        # The deepest first: a repair inside a value must not follow the value's removal.
        deepest = max(errors, key=lambda e: len(e.absolute_path))
        if not _repair(data, deepest, fallbacks):
            return None
    return None


def salvage_for_model(data: Any, schema: Schema, kind: str) -> Any | None:
    """``salvage`` by the glossary's schema, then by the model's own if it is another."""
    salvaged = salvage(data, schema)
    model = _model_schema_unlike(kind, schema.text)
    if salvaged is None or model is None:
        return salvaged
    return salvage(salvaged, model)


def _repair(data: Any, schema_error: jsonschema.ValidationError, fallbacks: dict[tuple, Any]) -> bool:
    path = tuple(schema_error.absolute_path)
    kind = schema_error.validator
    instance = schema_error.instance
    if kind == "required" and isinstance(instance, dict):
        missing = [key for key in schema_error.validator_value if key not in instance]
        restorable = [key for key in missing if (*path, key) in fallbacks]
        if not missing or len(restorable) != len(missing):
            return False
        for key in restorable:
            instance[key] = fallbacks.pop((*path, key))
        return True
    if kind == "additionalProperties" and isinstance(instance, dict):
        known = set(schema_error.schema.get("properties", {}))
        patterns = [re.compile(pattern) for pattern in schema_error.schema.get("patternProperties", {})]
        extra = [key for key in instance if key not in known and not any(p.search(key) for p in patterns)]
        for key in extra:
            del instance[key]
        return bool(extra)
    if not path:
        return False
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    if isinstance(parent, list):
        # The items after it go too: positions are read by index, and a shifted item would be
        # reported at its neighbour's line.
        del parent[path[-1] :]
        return True
    if kind == "enum" and schema_error.validator_value:
        fallbacks[path] = schema_error.validator_value[0]
    del parent[path[-1]]
    return True
