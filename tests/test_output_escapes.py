"""Nothing from the input is run by the program that reads kpidsl's output:
spreadsheet formulas in CSV cells are neutralised, control characters and bidi
overrides are shown escaped in every text output, and Thai digits never touch
markup. Also: text diagnostics scale linearly and say when they are capped."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.outputs.cells import FIGURE, TEXT, formula_like, safe_row, spreadsheet_safe
from kpidsl.score.batch import score_records
from kpidsl.score.report import CSV_HEADER, results_row

ROOT = Path(__file__).resolve().parent.parent
PEOPLE_CSV = ROOT / "tests/data/score/individuals_2554.csv"
DEPT_CSV = ROOT / "tests/data/score/dept_example_2555.csv"

FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x.example/?a=1","คลิก")', "@SUM(A1:A9)",
            "+1+1", "-2+3", "\t=1", "\r=1"]


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)
    return ROOT


# ---- 6. CSV formula injection ---------------------------------------------------------------------


@pytest.mark.parametrize("cell", FORMULAS)
def test_a_cell_that_starts_a_formula_gets_a_quote_in_front(cell):
    assert formula_like(cell)
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["จรรยา เรียบร้อย", "somsak", "1", "a=b", "x-1", "", "'=already"])
def test_other_text_is_unchanged(cell):
    assert not formula_like(cell)
    assert spreadsheet_safe(cell) == cell


def test_figures_are_decided_by_their_column_not_their_first_character():
    row = ["a", "=p", "-r", "-5", "-0.25", "-1", "@b", "-2.5", "-100"]
    kinds = [TEXT, TEXT, TEXT, FIGURE, FIGURE, FIGURE, TEXT, FIGURE, FIGURE]
    assert safe_row(row, kinds) == ["a", "'=p", "'-r", "-5", "-0.25", "-1", "'@b", "-2.5", "-100"]
    with pytest.raises(ValueError):
        safe_row(row[:3], kinds)


def test_the_results_row_neutralises_its_text_columns_only():
    cells = ["=a", "=HYPERLINK(1)", "-r1", "-5", "-0.25", "-1.0000", "@band", "-2.5", "-1130"]
    assert results_row(cells) == ["'=a", "'=HYPERLINK(1)", "'-r1", "-5", "-0.25", "-1.0000", "'@band",
                                  "-2.5", "-1130"]
    assert len(CSV_HEADER) == len(cells)


def hostile_people(tmp_path: Path) -> tuple[Path, list[str]]:
    """individuals_2554.csv with each row's person replaced by a formula (and a quote
    and a comma in one, so the writer's quoting and the prefix meet)."""
    rows = list(csv.reader(io.StringIO(PEOPLE_CSV.read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    people = [FORMULAS[i % len(FORMULAS)] for i in range(len(body))]
    people[-1] = '=HYPERLINK("a,b")'
    at = header.index("person")
    for row, person in zip(body, people):
        row[at] = person
    path = tmp_path / "people.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *body])
    return path, people


@pytest.mark.parametrize("fast", [True, False], ids=["compiled", "engine"])
def test_score_csv_writes_hostile_person_cells_as_text(tmp_path, at_root, shipped_plan, fast):
    results, people = hostile_people(tmp_path)
    outcome = score_records(shipped_plan("2554"), "rules/2554", results, None, None, "csv", False, "en", None, fast=fast)
    assert outcome.diagnostics == []
    rows = list(csv.DictReader(io.StringIO(outcome.text)))
    assert [r["person"] for r in rows] == ["'" + p for p in people]
    for r in rows:
        assert not formula_like(r["agreement"]) and not formula_like(r["total"])
        float(r["total"])  # figures stay numbers


def test_score_csv_cli_neutralises_person(tmp_path, at_root):
    results, people = hostile_people(tmp_path)
    result = run("score", "rules/2554", "--results", results, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["person"] for r in rows] == ["'" + p for p in people]
