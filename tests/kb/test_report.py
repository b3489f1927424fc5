from __future__ import annotations

import json
from pathlib import Path

from kb.problems import error, warning
from kb.report import format_github, format_json, format_summary, format_text

BASE = Path("/repo")
PROBLEMS = [
    error(
        Path("/repo/glossary/terms/кол-центр.yaml"),
        3,
        11,
        "not-allowed-value",
        "category: expected one of a, b; found 'c'",
    ),
    warning(
        Path("/repo/glossary/terms/x.yaml"), 9, 1, "missing-translation", "uk.notes: expected a translation\nfound none"
    ),
]


def test_text_format() -> None:
    assert format_text(PROBLEMS, BASE) == (
        "glossary/terms/кол-центр.yaml:3:11: error not-allowed-value: category: expected one of a, b; found 'c'\n"
        "glossary/terms/x.yaml:9:1: warning missing-translation: uk.notes: expected a translation\nfound none\n"
    )


def test_github_format_escapes_data_and_properties() -> None:
    assert format_github(PROBLEMS, BASE) == (
        "::error file=glossary/terms/кол-центр.yaml,line=3,col=11,title=not-allowed-value::"
        "category: expected one of a, b; found 'c'\n"
        "::warning file=glossary/terms/x.yaml,line=9,col=1,title=missing-translation::"
        "uk.notes: expected a translation%0Afound none\n"
    )


def test_json_format() -> None:
    payload = json.loads(format_json(PROBLEMS, BASE))
    assert payload["errors"] == 1 and payload["warnings"] == 1
    assert payload["problems"][0] == {
        "path": "glossary/terms/кол-центр.yaml",
        "line": 3,
        "column": 11,
        "level": "error",
        "rule": "not-allowed-value",
        "message": "category: expected one of a, b; found 'c'",
    }


def test_summary() -> None:
    assert format_summary(PROBLEMS) == "1 error, 1 warning\n"
    assert format_summary([]) == "0 errors, 0 warnings\n"
