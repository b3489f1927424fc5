"""Reading one YAML file safely: plain Python values plus the position of every value.

PyYAML's constructors are bypassed on purpose. The file is only *composed* into nodes by
libyaml, and the nodes are turned into dicts, lists and scalars here, so that:
- duplicate keys are reported instead of silently keeping the last value;
- tags other than the YAML core scalars (``!!python/object`` and friends) are never constructed;
- aliases are refused, which also makes "billion laughs" expansion impossible;
- control characters, bidi controls and noncharacters are refused, typed raw or as escapes
  (``kb.unsafe_characters``), and so are numbers that are not finite (``.nan``, ``.inf``);
- every value keeps its node, so a problem can name its line and column.

Only regular files are read, never through a symbolic link, and never more than the size limit
(``kb.regular_files``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kb.problems import Level, Problem, error
from kb.regular_files import FileTooLarge, NotARegularFile, read_regular_file
from kb.unsafe_characters import SUSPECT, UNREADABLE, find_in_escapes, find_in_text, message_for, rule_for

try:
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyPI wheels ship libyaml
    _BaseLoader = yaml.SafeLoader


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """libyaml's safe loader with a leaner tag resolver (the same rules, without path resolvers)."""

    _implicit = {first: tuple(resolvers) for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()}

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, pattern in self._implicit.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else self.DEFAULT_MAPPING_TAG


MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32

_TAG = "tag:yaml.org,2002:"
_SCALAR = SafeConstructor()
_CONSTRUCT = {
    _TAG + "str": lambda node: node.value,
    _TAG + "null": _SCALAR.construct_yaml_null,
    _TAG + "bool": _SCALAR.construct_yaml_bool,
    _TAG + "int": _SCALAR.construct_yaml_int,
    _TAG + "float": _SCALAR.construct_yaml_float,
    # Dates stay text: the schemas describe them as strings.
    _TAG + "timestamp": lambda node: node.value,
}
_BOM = b"\xef\xbb\xbf"


def field_name(keys: Sequence[str | int]) -> str:
    """A key path as every message writes it: ``uk.synonyms[0]``, ``en.sections[2].body``."""
    name = ""
    for step in keys:
        name += f"[{step}]" if isinstance(step, int) else (f".{step}" if name else str(step))
    return name or "top level"


@dataclass(frozen=True, eq=False)
class Document:
    """A parsed YAML file: its values and the nodes they came from."""

    path: Path
    text: str
    data: Any
    #: The composed nodes; None in a document kept between runs (kb.file_results), whose nodes
    #: are composed again from its text the first time a position is asked for.
    root: Node | None = field(repr=False)
    #: Key paths whose value was refused (alias, unsafe tag...): already reported, so the schema
    #: check must not report them again as "null".
    rejected: frozenset[tuple[str | int, ...]] = frozenset()

    def __reduce__(self) -> tuple:
        # Nodes are not kept: they are many small objects, and the text gives them back.
        return (Document, (self.path, self.text, self.data, None, self.rejected))

    def nodes(self) -> Node:
        """The document's root node, composed again from the text if it was not kept."""
        if self.root is None:
            object.__setattr__(self, "root", yaml.compose(self.text, Loader=_Loader))
        return self.root  # type: ignore[return-value]

    def node_at(self, keys: Sequence[str | int], *, key: bool = False) -> Node:
        """The node for a path of keys; the nearest existing ancestor if the path is missing."""
        node, key_node = self.nodes(), None
        for step in keys:
            if isinstance(node, MappingNode):
                for candidate_key, candidate_value in node.value:
                    if isinstance(candidate_key, ScalarNode) and candidate_key.value == str(step):
                        node, key_node = candidate_value, candidate_key
                        break
                else:
                    break
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node, key_node = node.value[step], None
            else:
                break
        return key_node if key and key_node is not None else node

    def position(self, keys: Sequence[str | int] = (), *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``keys`` (of its key when ``key`` is true)."""
        mark = self.node_at(keys, key=key).start_mark
        return mark.line + 1, mark.column + 1

    def problem(
        self, level: Level, keys: Sequence[str | int], rule: str, message: str, *, key: bool = False
    ) -> Problem:
        """A problem located at the value (or key) at ``keys``."""
        line, column = self.position(keys, key=key)
        return Problem(self.path, line, column, level, rule, message)

    def position_of_text(self, keys: Sequence[str | int], needle: str) -> tuple[int, int]:
        """Where ``needle`` stands inside the scalar at ``keys``; the scalar's start if not found."""
        node = self.node_at(keys)
        start, end = node.start_mark.index, node.end_mark.index
        found = self.text.find(needle, start, max(end, start + 1))
        if found < 0:
            return node.start_mark.line + 1, node.start_mark.column + 1
        return offset_to_position(self.text, found)


def offset_to_position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def not_a_regular_file(path: Path, found: str) -> Problem:
    """The problem for a glossary entry that is a link, a folder, a FIFO..., never read."""
    return error(
        path,
        1,
        1,
        "not-a-regular-file",
        f"expected a regular file (symbolic links are never followed); found {found}",
    )


def too_large(path: Path, found: str) -> Problem:
    return error(path, 1, 1, "file-too-large", f"expected at most {MAX_FILE_BYTES:,} bytes; found {found}")


def read_document(path: Path) -> tuple[Document | None, list[Problem]]:
    """Read, decode and parse one YAML file; every problem is returned, never raised."""
    raw, problems = read_bytes(path)
    return (None, problems) if raw is None else parse_document(path, raw)


def read_bytes(path: Path) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file within the size limit, or the problem that stopped reading."""
    try:
        return read_regular_file(path, MAX_FILE_BYTES), []
    except NotARegularFile as exc:
        return None, [not_a_regular_file(path, exc.found)]
    except FileTooLarge as exc:
        return None, [too_large(path, exc.found)]
    except OSError as exc:
        return None, [error(path, 1, 1, "unreadable-file", f"expected a readable file; found an error: {exc.strerror}")]


def parse_document(path: Path, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Parse YAML bytes that came from ``path``."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [too_large(path, f"{len(raw):,}")]
    if raw.startswith(_BOM):
        return None, [
            error(
                path,
                1,
                1,
                "byte-order-mark",
                "expected UTF-8 without a byte-order mark; found a BOM (save the file as plain UTF-8)",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            error(
                path,
                line,
                column,
                "not-utf8",
                f"expected UTF-8 text; found the byte 0x{raw[exc.start]:02x} that is not valid UTF-8",
            )
        ]
    problems = [*find_in_text(path, text), *_find_tabs(path, text)]
    if problems and UNREADABLE.search(text):
        # libyaml refuses these characters (or reads NEL as a line break): nothing more to say.
        return None, problems
    if not text.strip():
        return None, [*problems, error(path, 1, 1, "empty-file", "expected a YAML mapping; found an empty file")]
    too_deep = _nesting_beyond_limit(text)
    if too_deep is not None:
        return None, [
            *problems,
            error(path, *too_deep, "too-deep", f"expected at most {MAX_DEPTH} levels of nesting; found more"),
        ]
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [*problems, _syntax_problem(path, exc)]
    except yaml.YAMLError as exc:
        return None, [*problems, error(path, 1, 1, "yaml-syntax", f"expected valid YAML; found an error: {exc}")]
    except RecursionError:
        return None, [
            *problems,
            error(path, 1, 1, "too-deep", "expected a shallow document; found nesting too deep to parse"),
        ]
    if root is None:
        return None, [*problems, error(path, 1, 1, "empty-file", "expected a YAML mapping; found only comments")]
    if not isinstance(root, MappingNode):
        line, column = root.start_mark.line + 1, root.start_mark.column + 1
        return None, [
            *problems,
            error(
                path,
                line,
                column,
                "not-a-mapping",
                f"expected a mapping of fields at the top level; found {_describe_node(root)}",
            ),
        ]
    # An alias needs an anchor (&name), so a file without "&" cannot hold one.
    # Likewise an escape needs a backslash.
    builder = _ValueBuilder(path, text, check_aliases="&" in text, check_escapes="\\" in text)
    data = builder.build(root, root, ())
    problems.extend(builder.problems)
    return Document(path, text, data, root, frozenset(builder.rejected)), problems


def _nesting_beyond_limit(text: str) -> tuple[int, int] | None:
    """Where the nesting first goes deeper than MAX_DEPTH, found without building nodes.

    libyaml composes nodes recursively in C: tens of thousands of levels overflow the C stack and
    kill the process. Events stream without recursion, so deep files are caught here first. The
    scan only runs when a cheap count says the file could be that deep.
    """
    could_open = text.count("[") + text.count("{") + text.count("- ") + text.count(":\n")
    if could_open <= MAX_DEPTH:
        return None
    try:
        return _first_level_beyond_limit(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        refused_at = exc.problem_mark or exc.context_mark
    except yaml.YAMLError:
        refused_at = None
    # libyaml stopped first. Since 0.2.6 it refuses nesting beyond a limit of its own, and it may
    # read far ahead before emitting an event ("[[[[..."), so the project's limit would depend on
    # libyaml's version. PyYAML's pure-Python parser has no such limit: it re-reads the text up to
    # where libyaml stopped; a genuine syntax error there is left for compose to report.
    end = refused_at.index if refused_at is not None else len(text)
    try:
        return _first_level_beyond_limit(yaml.parse(text, Loader=yaml.SafeLoader), end)
    except yaml.YAMLError:
        return None


def _first_level_beyond_limit(events: Iterator[yaml.Event], end: int | None = None) -> tuple[int, int] | None:
    """(line, column) of the first collection opened deeper than MAX_DEPTH, before offset ``end``."""
    depth = 0
    for event in events:
        if end is not None and event.start_mark.index > end:
            return None
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1, event.start_mark.column + 1
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return None


def _find_tabs(path: Path, text: str) -> list[Problem]:
    if "\t" not in text:
        return []
    return [
        error(
            path,
            number,
            line.index("\t") + 1,
            "tab-character",
            "expected spaces; found a tab character (YAML indentation must use spaces)",
        )
        for number, line in enumerate(text.split("\n"), start=1)
        if "\t" in line
    ]


def _syntax_problem(path: Path, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    context = f" ({exc.context})" if exc.context else ""
    return error(path, line, column, "yaml-syntax", f"expected valid YAML; found an error: {exc.problem}{context}")


def _describe_node(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    return f"the scalar {node.value[:40]!r}"


class _ValueBuilder:
    """Turns composed nodes into plain values, collecting problems on the way."""

    def __init__(self, path: Path, text: str, check_aliases: bool, check_escapes: bool) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.rejected: list[tuple[str | int, ...]] = []
        self._text = text
        self._check_aliases = check_aliases
        self._check_escapes = check_escapes
        self._seen: set[int] = set()

    def _refuse(self, at: Node, keys: tuple[str | int, ...], rule: str, message: str) -> None:
        self.rejected.append(keys)
        self.problems.append(error(self.path, at.start_mark.line + 1, at.start_mark.column + 1, rule, message))

    def build(self, node: Node, at: Node, keys: tuple[str | int, ...]) -> Any:
        """The value of ``node``; ``at`` is where to report it (the key, for an aliased value)."""
        if self._check_aliases:
            if id(node) in self._seen:
                self._refuse(
                    at,
                    keys,
                    "yaml-alias",
                    "expected plain values; found an alias (*name): anchors and aliases are not allowed",
                )
                return None
            self._seen.add(id(node))
        if len(keys) > MAX_DEPTH:
            self._refuse(node, keys, "too-deep", f"expected at most {MAX_DEPTH} levels of nesting; found more")
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, keys)
        if isinstance(node, SequenceNode):
            if node.tag != _TAG + "seq":
                self._refuse(
                    node,
                    keys,
                    "unsupported-tag",
                    f"expected a plain list; found the tag {node.tag!r}, which is never loaded",
                )
                return None
            return [self.build(item, item, (*keys, index)) for index, item in enumerate(node.value)]
        return self._scalar(node, keys)

    def _scalar(self, node: ScalarNode, keys: tuple[str | int, ...]) -> Any:
        construct = _CONSTRUCT.get(node.tag)
        if construct is None:
            self._refuse(
                node,
                keys,
                "unsupported-tag",
                f"expected plain text, numbers or true/false; found the tag {node.tag!r}, which is never loaded",
            )
            return None
        try:
            value = construct(node)
        except (ValueError, yaml.YAMLError):
            self._refuse(
                node, keys, "yaml-syntax", f"expected a valid {node.tag.rsplit(':', 1)[-1]}; found {node.value[:40]!r}"
            )
            return None
        if type(value) is float and not math.isfinite(value):
            meaning = "not a number" if math.isnan(value) else "infinity" if value > 0 else "minus infinity"
            self._refuse(node, keys, "not-finite", f"expected a finite number; found {node.value[:40]!r} ({meaning})")
            return None
        if self._check_escapes and self._has_unsafe_escapes(node):
            self.rejected.append(keys)
            return None
        return value

    def _has_unsafe_escapes(self, node: ScalarNode) -> bool:
        """Report each unsafe character written as an escape in a double-quoted scalar.

        Only double quotes have escapes; a raw character was reported with the file's text.
        """
        if node.style != '"' or SUSPECT.search(node.value) is None:
            return False
        found = find_in_escapes(self._text, node.start_mark.index, node.end_mark.index)
        for offset, char, escape in found:
            line, column = offset_to_position(self._text, offset)
            self.problems.append(error(self.path, line, column, rule_for(char), message_for(char, escape)))
        return bool(found)

    def _mapping(self, node: MappingNode, keys: tuple[str | int, ...]) -> dict[str, Any]:
        if node.tag != _TAG + "map":
            self._refuse(
                node,
                keys,
                "unsupported-tag",
                f"expected a plain mapping; found the tag {node.tag!r}, which is never loaded",
            )
            return {}
        result: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _TAG + "merge":
                self._refuse(
                    key_node, keys, "bad-key", "expected a plain text key; found a complex key or a merge key (<<)"
                )
                continue
            key = key_node.value
            if self._check_escapes and self._has_unsafe_escapes(key_node):
                continue
            if key in first_seen:
                first_line = first_seen[key].start_mark.line + 1
                self.problems.append(
                    error(
                        self.path,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        "duplicate-key",
                        f"expected each key once; found {key!r} again (first on line {first_line}); "
                        "YAML would silently keep only the last value",
                    )
                )
                continue
            first_seen[key] = key_node
            result[key] = self.build(value_node, key_node, (*keys, key))
        return result
