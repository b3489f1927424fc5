from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kb import yamldoc
from kb.yamldoc import MAX_DEPTH, MAX_FILE_BYTES, offset_to_position, parse_document

PATH = Path("glossary/terms/x.yaml")


def rules(raw: bytes) -> list[tuple[str, int, int]]:
    _, problems = parse_document(PATH, raw)
    return [(p.rule, p.line, p.column) for p in problems]


def test_plain_values_and_positions() -> None:
    document, problems = parse_document(PATH, "id: x\nen:\n  term: кол-центр\n  synonyms: [a, b]\n".encode())
    assert problems == []
    assert document.data == {"id": "x", "en": {"term": "кол-центр", "synonyms": ["a", "b"]}}
    assert document.position(["en", "term"]) == (3, 9)
    assert document.position(["en", "term"], key=True) == (3, 3)
    assert document.position(["en", "synonyms", 1]) == (4, 17)
    assert document.position(["en", "missing"]) == (3, 3)  # nearest existing ancestor: the en mapping


def test_empty_file_is_an_error() -> None:
    assert rules(b"") == [("empty-file", 1, 1)]
    assert rules(b"  \n\n") == [("empty-file", 1, 1)]


def test_duplicate_key_keeps_nothing_silently() -> None:
    _, problems = parse_document(PATH, b"term: a\nterm: b\n")
    assert [(p.rule, p.line, p.column) for p in problems] == [("duplicate-key", 2, 1)]
    assert "first on line 1" in problems[0].message


def test_unsafe_tags_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "owned"
    raw = f'notes: !!python/object/apply:pathlib.Path.touch [!!python/object/apply:pathlib.Path ["{marker}"]]\n'
    document, problems = parse_document(PATH, raw.encode())
    assert [p.rule for p in problems] == ["unsupported-tag"]
    assert document.data == {"notes": None}
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 10):
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{name}: &{name} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]")
    _, problems = parse_document(PATH, ("\n".join(lines) + "\n").encode())
    assert problems and {p.rule for p in problems} == {"yaml-alias"}


def test_deep_nesting_is_limited() -> None:
    raw = "a:\n" + "".join("  " * depth + "a:\n" for depth in range(1, MAX_DEPTH + 5)) + "  " * (MAX_DEPTH + 5) + "x\n"
    _, problems = parse_document(PATH, raw.encode())
    assert [p.rule for p in problems] == ["too-deep"]


def test_oversized_file_is_refused_before_parsing() -> None:
    assert rules(b"a: " + b"x" * MAX_FILE_BYTES) == [("file-too-large", 1, 1)]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: b\r\nc: d\r\n", []),  # CRLF line ends are accepted
        (b"\xef\xbb\xbfa: b\n", [("byte-order-mark", 1, 1)]),
        (b"a: b\nc: \xff\n", [("not-utf8", 2, 4)]),
        (b"- a\n- b\n", [("not-a-mapping", 1, 1)]),
        (b"a: b\n\tc: d\n", [("tab-character", 2, 1), ("yaml-syntax", 2, 1)]),
        (b"a: 2024-01-01\n", []),
    ],
)
def test_file_level_problems(raw: bytes, expected: list) -> None:
    assert rules(raw) == expected


def test_dates_stay_text() -> None:
    document, _ = parse_document(PATH, b"a: 2024-01-01\n")
    assert document.data == {"a": "2024-01-01"}


def test_offset_to_position_counts_characters() -> None:
    text = "ab\nґв\nxyz"
    assert offset_to_position(text, text.index("в")) == (2, 2)
    assert offset_to_position(text, text.index("z")) == (3, 3)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 50_000, 400_000])
def test_very_deep_nesting_is_refused_before_libyaml_recurses(depth: int) -> None:
    # libyaml composes recursively in C: 50,000 levels used to kill the process outright.
    raw = ("a: " + "[" * depth + "]" * depth + "\n").encode()
    assert rules(raw) == [("too-deep", 1, 3 + MAX_DEPTH)]  # the root mapping is the first level


class _LibyamlWithALimitOf(yamldoc._Loader):  # type: ignore[misc, name-defined]
    """libyaml as a release with a nesting limit of its own behaves (0.2.6 has 1,000): it reads
    ahead and refuses the text before emitting a single event, here beyond 40 levels."""

    limit = 40

    def check_event(self, *choices: type) -> bool:
        depth = 0
        for event in yaml.parse(self._text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > self.limit:
                    raise yaml.MarkedYAMLError(problem="exceeded maximum nesting depth", problem_mark=event.start_mark)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
        return super().check_event(*choices)

    def __init__(self, stream: str) -> None:
        self._text = stream
        super().__init__(stream)


@pytest.mark.parametrize(
    "raw",
    [
        "a: " + "[" * 5_000 + "]" * 5_000 + "\n",
        "a: " + "{b: " * 5_000 + "1" + "}" * 5_000 + "\n",
        "".join("  " * level + f"k{level}:\n" for level in range(100)) + "  " * 100 + "x: 1\n",
        "- " * 5_000 + "x\n",
    ],
    ids=["flow-lists", "flow-mappings", "block-mappings", "block-lists"],
)
def test_the_nesting_limit_is_the_projects_whatever_limit_libyaml_has(
    raw: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = rules(raw.encode())
    assert [rule for rule, _, _ in expected] == ["too-deep"]
    monkeypatch.setattr(yamldoc, "_Loader", _LibyamlWithALimitOf)
    assert rules(raw.encode()) == expected


def test_a_syntax_error_after_libyaml_stops_is_still_a_syntax_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamldoc, "_Loader", _LibyamlWithALimitOf)
    raw = "a: [1, 2\nb: " + "[" * 10 + "\n"
    assert [rule for rule, _, _ in rules(raw.encode())] == ["yaml-syntax"]


def test_deep_block_nesting_is_refused() -> None:
    raw = "".join("  " * level + f"k{level}:\n" for level in range(60)) + "  " * 60 + "x: 1\n"
    assert [rule for rule, _, _ in rules(raw.encode())] == ["too-deep"]


@pytest.mark.parametrize(
    ("raw", "rule"),
    [
        (b"id: a\x00b\n", "control-character"),  # NUL byte
        (bytes(range(256)) * 4, "not-utf8"),  # binary garbage
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not-utf8"),
    ],
)
def test_binary_input_is_an_error_not_a_crash(raw: bytes, rule: str) -> None:
    assert [found for found, _, _ in rules(raw)] == [rule]


@pytest.mark.parametrize(
    ("written", "meaning"),
    [
        (".nan", "not a number"),
        (".NaN", "not a number"),
        (".inf", "infinity"),
        ("+.Inf", "infinity"),
        ("-.inf", "minus infinity"),
        ("1.0e+400", "infinity"),
        ("-1.0e+400", "minus infinity"),
    ],
)
def test_numbers_that_are_not_finite_are_refused_in_any_field(written: str, meaning: str) -> None:
    document, problems = parse_document(PATH, f"a:\n  - {written}\n".encode())
    assert [(p.rule, p.line, p.column, p.message) for p in problems] == [
        ("not-finite", 2, 5, f"expected a finite number; found {written!r} ({meaning})")
    ]
    assert document is not None and document.data == {"a": [None]} and ("a", 0) in document.rejected


@pytest.mark.parametrize("written", ["1.0e+308", "-22.9", "0.0", "'.nan'", "nan", "1e400"])
def test_finite_numbers_and_text_that_looks_like_numbers_pass(written: str) -> None:
    assert rules(f"a: {written}\n".encode()) == []


def test_read_document_names_what_is_not_a_regular_file_and_never_reads_it(tmp_path: Path) -> None:
    link = tmp_path / "passwd.yaml"
    link.symlink_to("/etc/passwd")
    document, problems = yamldoc.read_document(link)
    assert document is None
    assert [(p.rule, p.line, p.column, p.message) for p in problems] == [
        (
            "not-a-regular-file",
            1,
            1,
            "expected a regular file (symbolic links are never followed); found a symbolic link to the file "
            "'/etc/passwd'",
        )
    ]


def test_read_document_checks_the_size_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(2 << 30)  # sparse: reading it whole would take 2 GiB of memory
    _, problems = yamldoc.read_document(path)
    assert [(p.rule, p.message) for p in problems] == [
        ("file-too-large", f"expected at most {MAX_FILE_BYTES:,} bytes; found {2 << 30:,}")
    ]
