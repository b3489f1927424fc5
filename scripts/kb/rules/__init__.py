"""Cross-file rules: each module checks one thing over the whole glossary and returns problems."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kb.model import Glossary
from kb.problems import Problem
from kb.rules import duplicate_terms, identity, markdown, references, terminology, translations, typography
from kb.rules.text_fields import documents

if TYPE_CHECKING:
    from kb.file_results import FileResults

# Spelling runs separately (kb.validation): its Hunspell processes start before loading.
RULES = (identity, references, duplicate_terms, markdown, translations, typography, terminology)
#: Rules whose problems in a file come from that file alone (Markdown fields also quote figures,
#: and their tables cite sources), so an unchanged file's problems can be kept between runs
#: (kb.file_results).
FILE_RULES = (markdown, typography)


def run_rules(glossary: Glossary, kept: FileResults | None = None) -> list[Problem]:
    """Problems from every rule module; with ``kept``, a file's own problems from an earlier run."""
    if kept is None:
        return [problem for rule in RULES for problem in rule.check(glossary)]
    keeping = (translations, duplicate_terms, references, terminology)  # they keep what they read per file
    problems = [problem for rule in RULES if rule not in (*FILE_RULES, *keeping) for problem in rule.check(glossary)]
    for rule in keeping:
        problems.extend(rule.check(glossary, kept))
    for document in documents(glossary):  # a changed file's fields are the only ones walked
        problems.extend(
            kept.file_result(
                document.document.path,
                "rules",
                lambda d=document: tuple(
                    problem for rule in FILE_RULES for problem in rule.check_fields(d.fields, glossary)
                ),
            )
        )
    return problems
