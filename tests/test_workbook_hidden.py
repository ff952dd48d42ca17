"""Hidden rows, columns and sheets of a filled workbook are still scored: the officer may have
hidden a row to drop a person, which scores them all the same. Each is a located warning
(J012 a sheet, J013 a row, J014 a column) on `score`, `render --results` and `diff --rescore`;
the scores are written as ever (exit 0). The machine row kpidsl itself hides is not one.

The rows: rules/2555's unit agreement (individual_example.kpi naming no one), three rows of
individual_example.kpi's somchai_raise: (3.5 × 50% + 4 × 50%) × 20 = 75, competencies
4 3 4 3 4 → 72, 75 × 70% + 72 × 30% = 74.1, ดี, raise 3% (seed 001's forms, bands.kpi)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

openpyxl = pytest.importorskip("openpyxl")

from kpidsl.cli import main  # noqa: E402
from kpidsl.xlsx.layout import LEVEL_LABELS, REFERENCE_LABELS  # noqa: E402

from unnamed_person import unit_rules  # noqa: E402

SHEET = "somchai_2555_r1"
MACHINE_ROW = 4 + len(REFERENCE_LABELS) + len(LEVEL_LABELS) + 1
ENTRY_ROW = MACHINE_ROW + 1
ROW = {"raise": 3, "i1:score": 3.5, "i2:score": 4, "c1:score": 4, "c2:score": 3, "c3:score": 4, "c4:score": 3,
       "c5:score": 4}
CSV_ROW = "74.1000,,74.1000,good,3,"


def _run(*args):
    return CliRunner().invoke(main, [*map(str, args)])


@pytest.fixture
def unit(tmp_path):
    rules = unit_rules(tmp_path)
    book = tmp_path / "unit.xlsx"
    made = _run("workbook", rules, "--agreement", SHEET, "--people", "4", "-o", book)
    assert made.exit_code == 0, made.output
    return rules, book


def _filled(book: Path, hide_row: bool = False, hide_column: str | None = None, hide_sheet: bool = False) -> dict:
    """Three people typed in; the second row, a column or the sheet hidden; each column's letter."""
    wb = openpyxl.load_workbook(book)
    ws = wb[SHEET]
    header = [c.value for c in ws[MACHINE_ROW]]
    letters = {name: openpyxl.utils.get_column_letter(i + 1) for i, name in enumerate(header)}
    for k, person in enumerate(["ก", "ข", "ค"]):
        for key, value in {**ROW, "person": person}.items():
            ws.cell(ENTRY_ROW + k, header.index(key) + 1).value = value
    if hide_row:
        ws.row_dimensions[ENTRY_ROW + 1].hidden = True
    if hide_column:
        ws.column_dimensions[letters[hide_column]].hidden = True
    if hide_sheet:
        ws.sheet_state = "hidden"
        wb.active = wb.sheetnames.index("คำอธิบาย")
    wb.save(book)
    return letters


def _scored(out) -> list[str]:
    return [line for line in out.stdout.splitlines()[1:]]


def test_the_workbook_as_made_warns_of_nothing(unit):
    rules, book = unit
    _filled(book)
    out = _run("score", rules, "--results", book, "--format", "csv", "--lang", "en")
    assert out.exit_code == 0, out.output
    assert "J01" not in out.stderr and len(_scored(out)) == 3


@pytest.mark.parametrize("lang, says, hint", [
    ("en", "J013 warning: row 16 is hidden, and it is scored all the same",
     "unhide it to check what is scored; to leave the row out, delete it rather than hide it"),
    ("th", "J013 warning: แถว 16 ถูกซ่อนไว้ แต่ยังถูกนำไปคิดคะแนน",
     "ให้เลิกซ่อนเพื่อตรวจดูสิ่งที่ถูกคิดคะแนน ถ้าไม่ต้องการให้คิดคะแนนแถวนี้ ให้ลบแถวแทนการซ่อน")])
def test_a_hidden_row_is_scored_and_told(unit, lang, says, hint):
    rules, book = unit
    _filled(book, hide_row=True)
    assert ENTRY_ROW + 1 == 16
    out = _run("score", rules, "--results", book, "--format", "csv", "--lang", lang)
    assert out.exit_code == 0, out.output
    assert all(CSV_ROW in line for line in _scored(out)) and len(_scored(out)) == 3  # scored all the same
    assert f"{book} › {SHEET}!A16: {says}" in out.stderr
    assert hint in out.stderr


def test_a_hidden_column_is_told_at_its_first_filled_cell(unit):
    rules, book = unit
    letters = _filled(book, hide_column="c5:score")
    out = _run("score", rules, "--results", book, "--format", "csv", "--lang", "en")
    assert out.exit_code == 0, out.output
    assert f"{book} › {SHEET}!{letters['c5:score']}{ENTRY_ROW}: J014 warning: column `c5:score` is hidden" in out.stderr


def test_a_hidden_sheet_is_told_at_the_sheet(unit):
    rules, book = unit
    _filled(book, hide_sheet=True)
    out = _run("score", rules, "--results", book, "--format", "csv", "--lang", "en")
    assert out.exit_code == 0, out.output
    assert len(_scored(out)) == 3
    assert f"{book} › {SHEET}: J012 warning: sheet `{SHEET}` is hidden, and its 3 filled rows are scored" in out.stderr
    assert "J013" not in out.stderr


def test_render_and_rescore_tell_it_too(unit, tmp_path):
    rules, book = unit
    _filled(book, hide_row=True)
    out = _run("render", rules, "--results", book, "--form", "individual", "--format", "md", "-o", tmp_path / "f",
               "--lang", "en")
    assert out.exit_code == 0 and "J013" in out.stderr, out.output
    out = _run("diff", rules, rules, "--rescore", book, "--lang", "en")
    assert out.exit_code == 0 and "J013" in out.stderr, out.output
