"""A results row's cells are placed by their column index and made Spans only when a
problem is told there (kpidsl/score/results/csv_input.py read_row, reader.py build): each
problem of a row still names its own column, a quoted cell with a comma moving the columns
after it, and a clean row's record carries its file and line."""

from __future__ import annotations

from pathlib import Path

from kpidsl.diagnostics.model import Diagnostic
from kpidsl.score.results import read_results, Record

HEADER = "agreement,submitted,5,6,12:score"


def read(tmp_path: Path, plan: dict, *rows: str) -> list:
    path = tmp_path / "r.csv"
    path.write_text("\n".join((HEADER,) + rows) + "\n", encoding="utf-8")
    return list(read_results(path, plan))


def test_each_problem_of_a_row_at_its_own_column(tmp_path, shipped_plan):
    # line 2: a date that is none (column 19); a score over 5 (column 41), after a quoted "1,000"
    row = 'dept_example_2555,not-a-date,"1,000",88,7'
    assert (row.index("not-a-date") + 1, row.rindex(",7") + 2) == (19, 41)
    found = read(tmp_path, shipped_plan("2555"), row)
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("Q010", 2, 19), ("Q004", 2, 41)]
    assert found[1].span.end_column == 42  # the cell's width: `7`


def test_a_clean_row_and_a_row_with_a_cell_too_many(tmp_path, shipped_plan):
    found = read(tmp_path, shipped_plan("2555"), "dept_example_2555,,78,88,3", "dept_example_2555,,78,88,3,9")
    record, (too_many, twice) = found[0], found[1:]
    assert isinstance(record, Record) and record.span.line == 2
    assert {k: e.fields for k, e in record.inputs.entries.items()} == {
        "5": {"result": 78}, "6": {"result": 88}, "12": {"score": 3}}
    assert {e.where for e in record.inputs.entries.values()} == {f"{record.span.path}:2"}
    assert isinstance(too_many, Diagnostic) and (too_many.code, too_many.span.line, too_many.span.column) == (
        "Q026", 3, len("dept_example_2555,,78,88,3,") + 1)
    assert (twice.code, twice.span.line) == ("Q006", 3)  # the same agreement again: told after Q026


def test_a_cell_of_a_record_of_several_lines_at_its_own_line_and_column(tmp_path, shipped_plan):
    """A quoted cell may hold line ends (Alt+Enter in a spreadsheet's cell): the record then
    runs over several lines, and each cell is told where it stands, not at the record's last
    line's columns."""
    found = read(tmp_path, shipped_plan("2555"), 'dept_example_2555,"not\na date",78,"8\n8",7', "")
    # line 2: agreement, then the date's cell begins (column 19); line 3: `a date"`, 78, then
    # the 6's cell, no number (`"8`, column 12); line 4: `8"`, the 12's score over 5 (column 4)
    assert [(d.code, d.span.line, d.span.column) for d in found] == [("Q010", 2, 19), ("Q003", 3, 12),
                                                                     ("Q004", 4, 4)]


def test_a_cell_too_many_in_a_record_of_several_lines(tmp_path, shipped_plan):
    found = read(tmp_path, shipped_plan("2555"), 'dept_example_2555,"x\ny",78,88,3,9')
    (too_many,) = [d for d in found if d.code == "Q026"]
    assert (too_many.span.line, too_many.span.column) == (3, len('y",78,88,3,') + 1)
