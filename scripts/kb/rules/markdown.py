"""Markdown fields hold Markdown only: no raw HTML, no links a browser could run.

Passes: ``definition: A [call centre](term:call-centre) handles calls.``
Fails:  ``definition: A <b>call</b> centre`` (raw-html);
        ``notes: "[click](javascript:alert(1))"`` (link-scheme).
"""

from __future__ import annotations

from kb.markdown_safety import find_unsafe_markup
from kb.model import Glossary
from kb.problems import Level, Problem
from kb.rules.text_fields import all_text_fields, field_problem


def check(glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    for field in all_text_fields(glossary):
        if not field.is_markdown:
            continue
        for finding in find_unsafe_markup(field.text):
            message = f"{field.where}: {finding.message}"
            problems.append(field_problem(field, finding.snippet, Level.ERROR, finding.rule, message))
    return problems
