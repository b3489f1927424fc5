"""Ids and file names agree, and no two files claim one id.

Passes: ``glossary/terms/call-centre.yaml`` with ``id: call-centre``.
Fails:  ``glossary/terms/call-centre.yaml`` with ``id: call-center`` (id-mismatch);
        ``glossary/terms/Call_Centre.yaml`` (bad-file-name).
"""

from __future__ import annotations

import re

from kb.model import Glossary
from kb.problems import Problem, error

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ENTRY_FOLDERS = ("terms", "concepts")


def check(glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    for document in glossary.documents:
        if document.path.parent.name not in ENTRY_FOLDERS:
            continue
        stem = document.path.stem
        item_id = document.data.get("id")
        if not ID_PATTERN.match(stem):
            problems.append(
                error(
                    document.path,
                    1,
                    1,
                    "bad-file-name",
                    "expected a file name of lowercase words joined by hyphens, equal to the id; "
                    f"found {document.path.name!r}",
                )
            )
        elif isinstance(item_id, str) and ID_PATTERN.match(item_id) and item_id != stem:
            line, column = document.position(["id"])
            problems.append(
                error(
                    document.path,
                    line,
                    column,
                    "id-mismatch",
                    f"expected the id to equal the file name {stem!r}; found {item_id!r}",
                )
            )
    return problems
