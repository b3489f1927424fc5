"""Cross-file rules: each module checks one thing over the whole glossary and returns problems."""

from __future__ import annotations

from kb.model import Glossary
from kb.problems import Problem
from kb.rules import duplicate_terms, identity, markdown, references, terminology, translations, typography

# Spelling runs separately (kb.validation): its Hunspell processes start before loading.
RULES = (identity, references, duplicate_terms, markdown, translations, typography, terminology)


def run_rules(glossary: Glossary) -> list[Problem]:
    """Problems from every rule module, in rule order."""
    problems: list[Problem] = []
    for rule in RULES:
        problems.extend(rule.check(glossary))
    return problems
