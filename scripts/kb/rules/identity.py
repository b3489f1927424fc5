"""Ids and file names agree, no two files claim one id, and no id takes a generated page's place.

Passes: ``glossary/terms/call-centre.yaml`` with ``id: call-centre``.
Fails:  ``glossary/terms/call-centre.yaml`` with ``id: call-center`` (id-mismatch);
        ``glossary/terms/Call_Centre.yaml`` (bad-file-name);
        ``glossary/terms/index.yaml`` with ``id: index``, whose page would replace the glossary's
        index page, or ``glossary/terms/con.yaml``, a device name on Windows (reserved-id);
        ``glossary/concepts/outsourcing.yaml`` next to ``glossary/terms/outsourcing.yaml``: the two
        kinds share one set of ids, which ``kb stamp ID`` takes (duplicate-id).
"""

from __future__ import annotations

import re

from kb.model import Glossary
from kb.problems import Problem, error
from kb.yamldoc import Document

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # matched with fullmatch: no final newline
ENTRY_FOLDERS = ("terms", "concepts")
#: Pages the site generates next to the entries of each folder (``glossary/<id>.md`` for
#: concepts, ``concepts/<id>.md`` for articles), by the name an entry would need to replace them.
GENERATED_NEXT_TO = {
    "terms": {"index": "the glossary's index page (glossary/index.md)"},
    "concepts": {"index": "the list of articles (concepts/index.md)"},
}
#: Names Windows keeps for devices whatever the extension: ``con.yaml`` cannot be checked out.
WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}
)


def check(glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    for document in glossary.documents:
        folder = document.path.parent.name
        if folder not in ENTRY_FOLDERS:
            continue
        stem = document.path.stem
        item_id = document.data.get("id")
        if not ID_PATTERN.fullmatch(stem):
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
        elif isinstance(item_id, str) and ID_PATTERN.fullmatch(item_id) and item_id != stem:
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
        if isinstance(item_id, str):
            problems.extend(_reserved(document, folder, item_id))
            if folder == "concepts" and item_id in glossary.concept_ids:
                problems.append(_shared_with_a_concept(document, item_id))
    return problems


def _reserved(document: Document, folder: str, item_id: str) -> list[Problem]:
    generated = GENERATED_NEXT_TO[folder].get(item_id)
    if generated is not None:
        found = f"{item_id!r}, whose page would replace {generated}"
    elif item_id in WINDOWS_DEVICES:
        found = f"{item_id!r}, a device name on Windows, where the file and its page's folder cannot exist"
    else:
        return []
    line, column = document.position(["id"])
    return [error(document.path, line, column, "reserved-id", f"expected another id; found {found}")]


def _shared_with_a_concept(document: Document, item_id: str) -> Problem:
    line, column = document.position(["id"])
    return error(
        document.path,
        line,
        column,
        "duplicate-id",
        f"expected an article id that no concept has (kb stamp takes either kind of id); found {item_id!r}, "
        f"the id of terms/{item_id}.yaml too",
    )
