"""Validation as one call: load a glossary, run every rule, keep the problems asked about."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kb.file_results import open_file_results
from kb.loader import load_glossary
from kb.model import Glossary
from kb.problems import Problem, sort_problems
from kb.regular_files import located
from kb.rules import run_rules, spelling

ROOT_MARKERS = ("terms", "concepts", "sources.yaml")
#: Rules that report a value as absent, which in a salvaged file may only have been set aside.
_ABSENCE_RULES = frozenset({"missing-translation", "missing-text"})


@dataclass(frozen=True)
class ValidationResult:
    glossary: Glossary
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def validate_glossary(
    root: Path, only: Sequence[Path] = (), *, check_spelling: bool = True, keep_results: bool = False
) -> ValidationResult:
    """Every problem in the glossary at ``root``; with ``only``, those in these files or folders.

    With ``keep_results``, what was found in each file is kept for the next run, which then
    reads again only the files that changed (kb.file_results).
    """
    spellers = spelling.start_spellers(root) if check_spelling and root.is_dir() else {}
    kept = open_file_results(root) if keep_results and root.is_dir() else None
    try:
        loaded = load_glossary(root, kept)
        salvaged = {located(path) for path in loaded.salvaged}
        checked = run_rules(loaded.glossary, kept)
        if check_spelling:
            checked += spelling.check(loaded.glossary, spellers, kept)
        if kept is not None:
            kept.save()
        # A salvaged file lacks the values its schema errors are about: that they are "missing"
        # is not news (the schema error says what is wrong with them).
        checked = [p for p in checked if not (p.rule in _ABSENCE_RULES and located(p.path) in salvaged)]
        problems = [*loaded.problems, *checked]
    finally:
        for speller in spellers.values():
            speller.close()
    if only:
        # located, not resolved: a file that is a link (reported as such) is not followed.
        wanted = [located(path) for path in only]
        problems = [p for p in problems if _is_within(located(p.path), wanted)]
    return ValidationResult(loaded.glossary, sort_problems(problems))


def _is_within(path: Path, wanted: list[Path]) -> bool:
    return any(path == target or target in path.parents for target in wanted)


def find_glossary_root(path: Path) -> Path | None:
    """The glossary folder that holds ``path`` (or is it)."""
    start = located(path)
    for candidate in (start, *start.parents):
        if candidate.is_dir() and any((candidate / marker).exists() for marker in ROOT_MARKERS):
            return candidate
    return None
