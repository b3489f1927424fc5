"""Output formats for problems: pure functions from problems to text."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from kb.problems import Problem

FORMATS = ("text", "json", "github")


def display_path(path: Path, base: Path | None = None) -> str:
    """The path relative to ``base`` (the working directory) when it lies inside it."""
    try:
        return path.resolve().relative_to((base or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def format_text(problems: Sequence[Problem], base: Path | None = None) -> str:
    """``path:line:col: level rule: message``, one line each."""
    return "".join(
        f"{display_path(p.path, base)}:{p.line}:{p.column}: {p.level.value} {p.rule}: {p.message}\n" for p in problems
    )


def format_summary(problems: Sequence[Problem]) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}\n"


def format_json(problems: Sequence[Problem], base: Path | None = None) -> str:
    errors = sum(1 for p in problems if p.is_error)
    payload = {
        "problems": [
            {
                "path": display_path(p.path, base),
                "line": p.line,
                "column": p.column,
                "level": p.level.value,
                "rule": p.rule,
                "message": p.message,
            }
            for p in problems
        ],
        "errors": errors,
        "warnings": len(problems) - errors,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def escape_github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_github_property(text: str) -> str:
    return escape_github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: Sequence[Problem], base: Path | None = None) -> str:
    """GitHub Actions workflow commands, so problems appear on the changed lines of a pull request."""
    return "".join(
        f"::{p.level.value} file={escape_github_property(display_path(p.path, base))},line={p.line},col={p.column},"
        f"title={escape_github_property(p.rule)}::{escape_github_data(p.message)}\n"
        for p in problems
    )


def render(problems: Sequence[Problem], output_format: str, base: Path | None = None) -> str:
    if output_format == "json":
        return format_json(problems, base)
    if output_format == "github":
        return format_github(problems, base)
    return format_text(problems, base)
