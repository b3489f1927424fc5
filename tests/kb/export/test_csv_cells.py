"""Spreadsheet cells: formulas neutralised as OWASP recommends, and the escaping undone exactly."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.export.tabular import CELL_ESCAPE, FORMULA_STARTS, escape_cell, render_csv, unescape_cell
from kb.model import Glossary

# Each text with the cell it must become, and why.
CELLS = [
    ("=1+1", "'=1+1", "a formula"),
    ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")', "a link formula"),
    ("+380 44 000 00 00", "'+380 44 000 00 00", "+ starts a formula"),
    ("-5 % від обсягу", "'-5 % від обсягу", "- starts a formula"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)", "@ starts a function in some spreadsheets"),
    ("\t=1", "'\t=1", "a tab before a formula"),
    ("\r=1", "'\r=1", "a carriage return before a formula"),
    ("=", "'=", "only the sign"),
    ("'цитата'", "''цитата'", "a real leading quote is doubled, so that import strips only one"),
    ("''", "'''", "quotes only"),
    ("", "", "an empty cell stays empty"),
    ("аутсорсинг", "аутсорсинг", "Cyrillic text is left alone"),
    ("рядок один\n=рядок два", "рядок один\n=рядок два", "only the cell's start matters"),
    (" =1", " =1", "a space first: no spreadsheet runs it"),
    ("a = b", "a = b", "a sign inside the text"),
    ("# not a licence row", "# not a licence row", "# is only meaningful above the header"),
]


@pytest.mark.parametrize(("text", "cell", "why"), CELLS, ids=[why for _, _, why in CELLS])
def test_each_cell_is_escaped_as_stated(text: str, cell: str, why: str) -> None:
    assert escape_cell(text) == cell
    assert unescape_cell(cell) == text


@given(st.text())
def test_escaping_is_undone_exactly_and_never_starts_a_formula(text: str) -> None:
    cell = escape_cell(text)
    assert unescape_cell(cell) == text
    assert not cell.startswith(FORMULA_STARTS)
    assert cell == text or cell == CELL_ESCAPE + text


def test_no_exported_cell_starts_a_formula(fixture_glossary: Glossary, real_glossary: Glossary) -> None:
    for glossary in (fixture_glossary, real_glossary):
        rows = list(csv.reader(io.StringIO(render_csv(glossary).lstrip("\ufeff"))))
        assert all(row[0].startswith("# ") for row in rows[:2])
        assert [value for row in rows for value in row if value.startswith(FORMULA_STARTS)] == []
