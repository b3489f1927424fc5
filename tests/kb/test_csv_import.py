"""kb export --format csv → kb import: lossless round trip, one-field edits, all-or-nothing errors."""

from __future__ import annotations

import csv
import errno
import io
import os
from pathlib import Path

import pytest

from kb import transaction
from kb.cli import main
from kb.export.tabular import escape_cell, render_csv
from kb.glossary_lock import LOCK_NAME
from kb.model import Language
from kb.validation import validate_glossary


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file's bytes, except the lock writers leave behind (it is not part of the glossary)."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != LOCK_NAME
    }


def exported(root: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(render_csv(validate_glossary(root).glossary).lstrip("\ufeff"))))


def write(rows: list[list[str]], path: Path) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")
    return path


def cell(rows: list[list[str]], concept_id: str, field: str) -> list[str]:
    return next(row for row in rows if row[:2] == [concept_id, field])


def test_export_has_a_bom_and_one_row_per_concept_field(glossary_copy: Path) -> None:
    text = render_csv(validate_glossary(glossary_copy).glossary)
    assert text.startswith("\ufeff")
    licence_en, licence_uk, header = text[1:].split("\r\n")[:3]
    assert licence_en.startswith('"# Text by the BPO Knowledge Base contributors, licensed under CC BY-SA 4.0')
    assert "“Outsourcing handbook”, Example Press, CC BY-SA 4.0, https://example.org/handbook" in licence_en
    assert licence_uk.startswith('"# Текст: дописувачі Бази знань')
    assert header == "id,field,en,uk,status"
    rows = exported(glossary_copy)
    assert cell(rows, "outsourcing", "synonyms") == [
        "outsourcing",
        "synonyms",
        "contracting out",
        "аутсорс",
        "translated",
    ]
    assert cell(rows, "call-centre", "definition")[3:] == ["", "missing"]
    assert cell(rows, "outsourcing", "definition")[4] == "stale"  # the fixture is not stamped


def test_importing_an_unchanged_export_changes_no_byte(glossary_copy: Path, tmp_path: Path) -> None:
    before = snapshot(glossary_copy)
    sheet = write(exported(glossary_copy), tmp_path / "sheet.csv")
    assert main(["import", str(sheet), "--glossary", str(glossary_copy)]) == 0
    assert snapshot(glossary_copy) == before


def test_the_licence_rows_may_be_deleted(glossary_copy: Path, tmp_path: Path) -> None:
    rows = exported(glossary_copy)
    assert [row[0][:1] for row in rows[:2]] == ["#", "#"]
    cell(rows, "outsourcing", "notes")[3] = "У розмовній мові часто кажуть «аутсорс»."
    assert main(["import", str(write(rows[2:], tmp_path / "sheet.csv")), "--glossary", str(glossary_copy)]) == 0
    assert "часто кажуть" in (glossary_copy / "terms" / "outsourcing.yaml").read_text(encoding="utf-8")


def test_one_cell_edit_changes_only_that_field(glossary_copy: Path, tmp_path: Path) -> None:
    before = snapshot(glossary_copy)
    rows = exported(glossary_copy)
    cell(rows, "outsourcing", "notes")[3] = "У розмовній мові часто кажуть «аутсорс»."
    assert main(["import", str(write(rows, tmp_path / "sheet.csv")), "--glossary", str(glossary_copy)]) == 0
    after = snapshot(glossary_copy)
    changed = [name for name in after if after[name] != before[name]]
    assert changed == ["terms/outsourcing.yaml"]
    old_lines = before["terms/outsourcing.yaml"].decode().splitlines()
    new_lines = after["terms/outsourcing.yaml"].decode().splitlines()
    assert [line for line in new_lines if line not in old_lines] == [
        "  notes: У розмовній мові часто кажуть «аутсорс».",
        "  translated_from:",
        f"    notes: {new_lines[-1].split(': ')[1]}",
    ]
    assert [line for line in old_lines if line not in new_lines] == ["  notes: У розмовній мові кажуть «аутсорс»."]
    assert not validate_glossary(glossary_copy).errors


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda rows: rows.append(["no-such-concept", "term", "x", "y", "missing"]),
            "expected the id of an existing concept; found 'no-such-concept'",
        ),
        (
            lambda rows: rows.append(["outsourcing", "colour", "x", "y", "missing"]),
            "expected a field among term, abbreviation, synonyms, definition, notes; found 'colour'",
        ),
        (
            lambda rows: cell(rows, "outsourcing", "term").__setitem__(2, "outsourcing services"),
            "expected the en cell of outsourcing term unchanged",
        ),
        (
            lambda rows: rows.append(list(cell(rows, "outsourcing", "term"))),
            "expected each id and field once; found outsourcing term again",
        ),
        (lambda rows: rows.append(["outsourcing", "term"]), "expected 5 cells; found 2"),
        # Only the rows above the header are the file's metadata.
        (lambda rows: rows.append(["# a note"]), "expected 5 cells; found 1"),
        (
            lambda rows: rows.__setitem__(2, ["id", "field", "english", "ukrainian", "status"]),
            "expected the header id, field, en, uk, status",
        ),
    ],
)
def test_each_error_changes_nothing(
    glossary_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], edit, message: str
) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(glossary_copy)
    rows = exported(glossary_copy)
    cell(rows, "contact-centre", "notes")[3] = "Переклад, який не повинен потрапити у файл."
    edit(rows)
    assert main(["import", str(write(rows, tmp_path / "sheet.csv")), "--glossary", str(glossary_copy)]) == 1
    out, err = capsys.readouterr()
    assert message in out
    assert err.endswith("no file was changed\n")
    assert snapshot(glossary_copy) == before


def test_invalid_utf8_is_refused(glossary_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(glossary_copy)
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(b"id,field,en,uk,status\r\noutsourcing,term,outsourcing,\xff,translated\r\n")
    assert main(["import", str(sheet), "--glossary", str(glossary_copy)]) == 1
    assert f"{sheet}:2: error: expected UTF-8 text" in capsys.readouterr().out
    assert snapshot(glossary_copy) == before


def test_import_stamps_the_imported_fields(glossary_copy: Path, tmp_path: Path) -> None:
    rows = exported(glossary_copy)
    cell(rows, "contact-centre", "notes")[3] = "Кращий вибір, коли обслуговують кілька каналів."
    assert main(["import", str(write(rows, tmp_path / "sheet.csv")), "--glossary", str(glossary_copy)]) == 0
    assert cell(exported(glossary_copy), "contact-centre", "notes")[4] == "translated"


def two_cell_edit(root: Path, tmp_path: Path) -> Path:
    """A sheet that changes two files: outsourcing.yaml and contact-centre.yaml."""
    rows = exported(root)
    cell(rows, "outsourcing", "notes")[3] = "У розмовній мові часто кажуть «аутсорс»."
    cell(rows, "contact-centre", "notes")[3] = "Кращий вибір, коли обслуговують кілька каналів."
    return write(rows, tmp_path / "sheet.csv")


@pytest.mark.parametrize(
    ("make_unwritable", "message"),
    [
        (
            lambda root: (root / "terms" / "outsourcing.yaml").chmod(0o444),
            "cannot write {root}/terms/outsourcing.yaml: expected a writable file; found it read-only (mode 0444)",
        ),
        (
            lambda root: (root / "terms").chmod(0o555),
            "cannot write {root}/terms/contact-centre.yaml: expected a writable folder {root}/terms/; "
            "found it read-only (mode 0555)",
        ),
        (
            lambda root: root.chmod(0o555),
            "cannot create {root}/.kb-transaction/: expected a writable glossary folder; "
            "found {root}/ read-only (mode 0555)",
        ),
    ],
    ids=["read-only file", "read-only folder", "read-only glossary folder"],
)
def test_an_unwritable_target_is_refused_before_anything_is_written(
    glossary_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], make_unwritable, message: str
) -> None:  # type: ignore[no-untyped-def]
    sheet = two_cell_edit(glossary_copy, tmp_path)
    before = snapshot(glossary_copy)
    make_unwritable(glossary_copy)
    try:
        assert main(["import", str(sheet), "--glossary", str(glossary_copy)]) == 1
    finally:
        for folder in (glossary_copy, glossary_copy / "terms"):
            folder.chmod(0o755)
    out, err = capsys.readouterr()
    assert out == ""
    assert f"kb import: error: {message.format(root=glossary_copy)}\n" in err
    assert err.endswith("problem(s); no file was changed\n")
    assert snapshot(glossary_copy) == before


def test_a_full_disk_while_writing_changes_nothing(
    glossary_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = two_cell_edit(glossary_copy, tmp_path)
    before = snapshot(glossary_copy)
    real = transaction._write_synced
    calls = iter(range(100))

    def disk_full(path: Path, data: bytes, mode: int) -> None:
        if next(calls) == 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, data, mode)

    monkeypatch.setattr(transaction, "_write_synced", disk_full)
    assert main(["import", str(sheet), "--glossary", str(glossary_copy)]) == 1
    err = capsys.readouterr().err
    assert f"kb import: error: could not write {glossary_copy}/terms/outsourcing.yaml: No space left on device" in err
    assert err.endswith("no file was changed\n")
    assert snapshot(glossary_copy) == before
    assert not (glossary_copy / ".kb-transaction").exists()


def test_what_a_killed_write_left_is_cleared_before_importing(glossary_copy: Path, tmp_path: Path) -> None:
    sheet = two_cell_edit(glossary_copy, tmp_path)
    (glossary_copy / "terms" / ".outsourcing.yaml.x1y2z3w4.tmp").write_text("id: outsourc")
    (glossary_copy / ".kb-transaction").mkdir()
    (glossary_copy / ".kb-transaction" / "0.staged").write_text("half")
    assert main(["import", str(sheet), "--glossary", str(glossary_copy)]) == 0
    assert sorted(path.name for path in glossary_copy.rglob(".*")) == [LOCK_NAME]
    assert "часто кажуть" in (glossary_copy / "terms" / "outsourcing.yaml").read_text(encoding="utf-8")


# Texts a translator may type into a cell, each starting with what a spreadsheet runs or strips.
CELL_TEXTS = [
    "=1+1",
    '=HYPERLINK("http://evil.example","click")',
    "+380 44 000 00 00",
    "-5 % від обсягу",
    "@SUM(A1:A9)",
    "\tз табуляцією",
    "\rз поверненням каретки",
    "=",
    "'у лапках'",
    "''подвійні",
    "Кириличний текст без пастки",
    "перший рядок\n=другий рядок",
]


#: Target-language cells that can take any text, so that one import checks several texts.
FREE_CELLS = [
    ("outsourcing", "notes"),
    ("contact-centre", "notes"),
    ("outsourcing", "definition"),
    ("yield", "definition"),
    ("efficiency", "definition"),
    ("gig-economy", "definition"),
]


@pytest.mark.parametrize("texts", [CELL_TEXTS[:6], CELL_TEXTS[6:]], ids=["signs", "quotes and lines"])
def test_a_cell_survives_export_and_import_whatever_it_starts_with(
    glossary_copy: Path, tmp_path: Path, texts: list[str]
) -> None:
    rows = exported(glossary_copy)
    for (concept_id, field), text in zip(FREE_CELLS, texts, strict=True):
        cell(rows, concept_id, field)[3] = escape_cell(text)  # as the spreadsheet saves what it showed
    assert main(["import", str(write(rows, tmp_path / "edit.csv")), "--glossary", str(glossary_copy)]) == 0
    concepts = validate_glossary(glossary_copy).glossary.concepts
    assert [getattr(concepts[i].text(Language.UK), field) for i, field in FREE_CELLS] == texts
    again = exported(glossary_copy)
    assert [cell(again, concept_id, field)[3] for concept_id, field in FREE_CELLS] == [escape_cell(t) for t in texts]
    before = snapshot(glossary_copy)
    assert main(["import", str(write(again, tmp_path / "again.csv")), "--glossary", str(glossary_copy)]) == 0
    assert snapshot(glossary_copy) == before


def test_a_formula_typed_without_the_escape_is_taken_as_text(glossary_copy: Path, tmp_path: Path) -> None:
    rows = exported(glossary_copy)
    cell(rows, "outsourcing", "notes")[3] = "=1+1"
    assert main(["import", str(write(rows, tmp_path / "edit.csv")), "--glossary", str(glossary_copy)]) == 0
    assert validate_glossary(glossary_copy).glossary.concepts["outsourcing"].text(Language.UK).notes == "=1+1"
    assert cell(exported(glossary_copy), "outsourcing", "notes")[3] == "'=1+1"


def test_an_empty_cell_removes_the_field(glossary_copy: Path, tmp_path: Path) -> None:
    rows = exported(glossary_copy)
    cell(rows, "outsourcing", "notes")[3] = ""
    assert main(["import", str(write(rows, tmp_path / "edit.csv")), "--glossary", str(glossary_copy)]) == 0
    assert validate_glossary(glossary_copy).glossary.concepts["outsourcing"].text(Language.UK).notes is None


def test_names_keep_their_terminology_data_through_a_spreadsheet(glossary_copy: Path, tmp_path: Path) -> None:
    rows = exported(glossary_copy)
    cell(rows, "outsourcing", "synonyms")[3] = "аутсорс; аутсорсинг послуг"
    assert main(["import", str(write(rows, tmp_path / "sheet.csv")), "--glossary", str(glossary_copy)]) == 0
    text = (glossary_copy / "terms" / "outsourcing.yaml").read_text(encoding="utf-8")
    assert "synonyms: [{text: аутсорс, status: deprecated, note: розмовне}, аутсорсинг послуг]" in text
    assert "term: {text: аутсорсинг, gender: masculine}" in text
