"""``kb import``: translators' spreadsheet cells written back into the YAML, all or nothing.

The whole file is checked first: header, row shape, ids, fields, duplicate rows, and that no
source-language cell was edited. Then the edits are applied to copies of the files and the
copied glossary is validated. Only when everything passes, and every changed file can be
written, are the changed files replaced, in one transaction (``kb.transaction``); otherwise no
file is touched. Cells are read back from the export's spreadsheet escaping (``unescape_cell``).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from kb.export.tabular import CSV_COLUMNS, CSV_COMMENT, CSV_FIELDS, SYNONYM_SEPARATOR, cell_text, unescape_cell
from kb.loader import name_text
from kb.model import Concept, Glossary, Language
from kb.transaction import WriteOutcome, staging_folder, write_files
from kb.translation import text_hash
from kb.validation import validate_glossary
from kb.writable import WriteProblem, check_writable
from kb.yamlwrite import edited_text

FOLD_WIDTH = 88
HASHED_FIELDS = ("term", "definition", "notes")


@dataclass(frozen=True)
class ImportProblem:
    line: int
    message: str


@dataclass(frozen=True)
class CellEdit:
    concept: Concept
    language: Language
    field: str
    value: str


@dataclass(frozen=True)
class ImportResult:
    errors: list[ImportProblem]
    changed: list[Path]
    write: WriteOutcome = field(default_factory=WriteOutcome)


def read_rows(raw: bytes) -> tuple[list[tuple[int, list[str]]], list[ImportProblem]]:
    """The data rows with their line numbers, or why the file cannot be read."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [ImportProblem(raw.count(b"\n", 0, exc.start) + 1, "expected UTF-8 text; found bytes that are not")]
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        return [], [ImportProblem(reader.line_num, f"expected well-formed CSV; found {exc}")]
    # The licence rows the export writes above the header.
    while rows and len(rows[0][1]) == 1 and rows[0][1][0].startswith(CSV_COMMENT):
        rows.pop(0)
    if not rows or tuple(rows[0][1]) != CSV_COLUMNS:
        line, found = (rows[0][0], ", ".join(rows[0][1])) if rows else (1, "an empty file")
        return [], [ImportProblem(line, f"expected the header {', '.join(CSV_COLUMNS)}; found {found}")]
    return [(line, [unescape_cell(value) for value in row]) for line, row in rows[1:]], []


def plan_edits(glossary: Glossary, rows: list[tuple[int, list[str]]]) -> tuple[list[CellEdit], list[ImportProblem]]:
    """The cells that differ from the YAML, and every reason the import is refused."""
    errors: list[ImportProblem] = []
    edits: list[CellEdit] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows:
        if len(row) != len(CSV_COLUMNS):
            errors.append(ImportProblem(line, f"expected {len(CSV_COLUMNS)} cells; found {len(row)}"))
            continue
        concept_id, field, english, ukrainian, _status = row
        if (concept_id, field) in seen:
            errors.append(
                ImportProblem(
                    line,
                    f"expected each id and field once; found {concept_id} {field} again "
                    f"(first on line {seen[(concept_id, field)]})",
                )
            )
            continue
        seen[(concept_id, field)] = line
        concept = glossary.concepts.get(concept_id)
        if concept is None:
            errors.append(ImportProblem(line, f"expected the id of an existing concept; found {concept_id!r}"))
            continue
        if field not in CSV_FIELDS:
            errors.append(ImportProblem(line, f"expected a field among {', '.join(CSV_FIELDS)}; found {field!r}"))
            continue
        cells = {Language.EN: english, Language.UK: ukrainian}
        source, target = concept.source_language, concept.source_language.other
        if cells[source] != cell_text(concept, source, field):
            errors.append(
                ImportProblem(
                    line,
                    f"expected the {source.value} cell of {concept_id} {field} unchanged "
                    f"(it is the source text; edit it in the YAML); found it edited",
                )
            )
            continue
        if cells[target] != cell_text(concept, target, field):
            edits.append(CellEdit(concept, target, field, cells[target]))
    return edits, errors


def _folded(text: str) -> FoldedScalarString:
    """A folded block scalar wrapped at FOLD_WIDTH, like the hand-written files."""
    folded = FoldedScalarString(text)
    positions, line_start, last_space = [], 0, -1
    for index, char in enumerate(text):
        if char == " ":
            if index - line_start > FOLD_WIDTH and last_space > line_start:
                positions.append(last_space)
                line_start = last_space + 1
            last_space = index
    if len(text) - line_start > FOLD_WIDTH and last_space > line_start:
        positions.append(last_space)
    folded.fold_pos = positions  # type: ignore[attr-defined]
    return folded


def _yaml_value(old: Any, field: str, value: str) -> Any:
    if field == "synonyms":
        # A synonym kept by the spreadsheet keeps its status, grammar and note (the CSV holds
        # only the names); a new one is a plain, admitted synonym.
        kept = {name_text(item): item for item in old or ()}
        texts = [item.strip() for item in value.split(SYNONYM_SEPARATOR.strip()) if item.strip()]
        items = CommentedSeq(kept.get(text, text) for text in texts)
        if old is None or getattr(getattr(old, "fa", None), "flow_style", lambda: False)():
            items.fa.set_flow_style()  # as written by hand: synonyms: [a, b]
        return items
    if isinstance(old, dict):  # a term or an abbreviation written with its terminology data
        old["text"] = value
        return old
    if isinstance(old, LiteralScalarString):
        return LiteralScalarString(value)
    if isinstance(old, FoldedScalarString) or (old is None and field in ("definition", "notes")):
        return _folded(value) if "\n" not in value else LiteralScalarString(value)
    return value


def _file_editor(concept: Concept, edits: list[CellEdit]) -> Callable[[Any], bool]:
    def edit(document: Any) -> bool:
        for cell in edits:
            section = document.get(cell.language.value)
            if section is None:
                document[cell.language.value] = section = {}
            if cell.value == "":
                section.pop(cell.field, None)
            else:
                section[cell.field] = _yaml_value(section.get(cell.field), cell.field, cell.value)
            if cell.field in HASHED_FIELDS:
                source_text = cell_text(concept, concept.source_language, cell.field)
                hashes = section.setdefault("translated_from", {})
                if cell.value and source_text:
                    hashes[cell.field] = text_hash(source_text)
                else:
                    hashes.pop(cell.field, None)
                if not hashes:
                    del section["translated_from"]
        return True

    return edit


def import_csv(root: Path, raw: bytes) -> ImportResult:
    """Apply a translators' CSV to the glossary at ``root``; nothing is written unless all of it is valid."""
    result = validate_glossary(root)
    if result.errors:
        return ImportResult(
            [ImportProblem(0, f"expected a glossary without errors; found {len(result.errors)} (run kb validate)")], []
        )
    rows, errors = read_rows(raw)
    edits, plan_errors = ([], []) if errors else plan_edits(result.glossary, rows)
    errors += plan_errors
    if errors or not edits:
        return ImportResult(errors, [])
    by_concept: dict[str, list[CellEdit]] = {}
    for cell in edits:
        by_concept.setdefault(cell.concept.id, []).append(cell)
    texts: dict[Path, str] = {}
    for cells in by_concept.values():
        concept = cells[0].concept
        text = edited_text(concept.document.path, _file_editor(concept, cells))
        if text is not None:
            texts[concept.document.path] = text
    if not texts:
        return ImportResult([], [])
    unwritable = check_writable(root, texts, staging_folder(root))
    if unwritable:
        return ImportResult([], [], WriteOutcome(unwritable))
    try:
        check = _validate_trial(root, texts)
    except OSError as exc:
        reason = f"could not check the import on a copy of {root}: {exc.strerror or exc}; nothing was changed"
        return ImportResult([], [], WriteOutcome([WriteProblem(root, reason)]))
    if check:
        return ImportResult(check, [])
    outcome = write_files(root, texts)
    return ImportResult([], list(texts) if outcome.committed else [], outcome)


def _not_copied(folder: str, names: list[str]) -> set[str]:
    """What the trial copy leaves out: hidden entries (the lock, the staging folder, editors'
    files) and anything but folders and regular files (a FIFO would block the copy)."""
    left_out = set()
    for name in names:
        mode = os.lstat(os.path.join(folder, name)).st_mode
        if name.startswith(".") or not (stat.S_ISDIR(mode) or stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            left_out.add(name)
    return left_out


def _validate_trial(root: Path, texts: dict[Path, str]) -> list[ImportProblem]:
    """Every error the glossary would have with the new texts, found on a copy of it."""
    with tempfile.TemporaryDirectory() as temporary:
        trial = Path(temporary) / "glossary"
        shutil.copytree(root, trial, symlinks=True, ignore=_not_copied)
        for path, text in texts.items():
            (trial / path.relative_to(root)).write_text(text, encoding="utf-8", newline="")
        check = validate_glossary(trial)
    return [
        ImportProblem(
            0,
            f"expected the imported glossary to validate; found "
            f"{problem.rule} in {problem.path.name}:{problem.line}: "
            f"{problem.message}",
        )
        for problem in check.errors
    ]
