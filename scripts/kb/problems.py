"""Problems found in glossary files, as values: the CLI and the build decide what to do with them."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path


class Level(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding: where it is, how bad it is, which rule found it and what was expected."""

    path: Path
    line: int
    column: int
    level: Level
    rule: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR


def error(path: Path, line: int, column: int, rule: str, message: str) -> Problem:
    return Problem(path, line, column, Level.ERROR, rule, message)


def warning(path: Path, line: int, column: int, rule: str, message: str) -> Problem:
    return Problem(path, line, column, Level.WARNING, rule, message)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Order by file, then position, then rule, so reports are stable."""
    return sorted(problems, key=lambda p: (str(p.path), p.line, p.column, p.rule, p.message))
