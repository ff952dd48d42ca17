"""A filled `kpidsl workbook` read by `diff --rescore` and `render --results` as `score`
reads it: the same figures as the same results given as CSV, and a bad cell told at its
cell (`book.xlsx › sheet!F12`) in the language asked."""

from __future__ import annotations

import csv
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

openpyxl = pytest.importorskip("openpyxl")

from kpidsl.cli import main  # noqa: E402
from kpidsl.xlsx.layout import LEVEL_LABELS, REFERENCE_LABELS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "score"
RULES_2554 = ROOT / "rules" / "2554"
AGREEMENTS = "agreements/individual_001.kpi"
MACHINE_ROW = 4 + len(REFERENCE_LABELS) + len(LEVEL_LABELS) + 1  # as tests/test_workbook.py finds it


def _run(*args) -> object:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _filled(tmp_path: Path, bad: tuple[str, str] | None = None) -> Path:
    """The 2554 individuals' workbook made by `kpidsl workbook`, filled in with
    tests/data/score/individuals_2554.csv as a person would (numbers as numbers); ``bad``:
    a (column, text) typed into Janya's row instead."""
    book = tmp_path / "individuals.xlsx"
    made = _run("workbook", RULES_2554, "--agreement", "janya_2554_r1", "--agreement", "somsak_2554_r1",
                "-o", book)
    assert made.exit_code == 0, made.output
    with (DATA / "individuals_2554.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    wb = openpyxl.load_workbook(book)
    for row in rows:
        ws = wb[row["agreement"]]
        header = [c.value for c in ws[MACHINE_ROW]]
        entry = MACHINE_ROW + 1
        while ws.cell(entry, 3).value != row["round"]:
            entry += 1
        for name, value in row.items():
            if name in ("agreement", "person", "round") or not value:
                continue
            cell = ws.cell(entry, header.index(name) + 1)
            assert cell.protection.locked is False, name
            cell.value = float(value.rstrip("%"))
            if bad and bad[0] == name and row["agreement"] == "janya_2554_r1":
                cell.value = bad[1]
    wb.save(book)
    return book


def _bad_cell(book: Path, column: str) -> str:
    """Where Janya's ``column`` is on her sheet, as the messages name it."""
    ws = openpyxl.load_workbook(book)["janya_2554_r1"]
    header = [c.value for c in ws[MACHINE_ROW]]
    letter = openpyxl.utils.get_column_letter(header.index(column) + 1)
    return f"janya_2554_r1!{letter}{MACHINE_ROW + 1}"


@pytest.fixture
def new_rules(tmp_path):
    """rules/2554 with Janya's j1 weighing 25% and j4 20% (tests/test_diff_rescore.py)."""
    new = tmp_path / "new"
    shutil.copytree(RULES_2554, new)
    path = new / AGREEMENTS
    text = path.read_text(encoding="utf-8")
    for old, to in (("น้ำหนัก 15%", "น้ำหนัก 25%"), ("น้ำหนัก 30%", "น้ำหนัก 20%")):
        line = next(x for x in text.splitlines() if x.strip().startswith("ตัวชี้วัด j") and old in x)
        text = text.replace(line, line.replace(old, to))
    path.write_text(text, encoding="utf-8")
    return new


def _rescored(new: Path, results: Path) -> list[dict]:
    got = _run("diff", RULES_2554, new, "--rescore", results, "--format", "json", "--lang", "en")
    assert got.exit_code == 0, got.output
    return json.loads(got.stdout)["rescore"]["rows"]


def test_diff_rescores_a_workbook_as_its_csv(tmp_path, new_rules):
    book = _filled(tmp_path)
    rows, want = _rescored(new_rules, book), _rescored(new_rules, DATA / "individuals_2554.csv")
    assert len(rows) == len(want) == 2
    figures = [(r["person"], r["old"]["total"], r["new"]["total"], r["change"]) for r in rows]
    assert figures == [(r["person"], r["old"]["total"], r["new"]["total"], r["change"]) for r in want]
    janya = next(r for r in rows if r["agreement"] == "janya_2554_r1")
    # seed 001's แบบสรุป: 70.8; j1 25% and j4 20% move it to 71.5 (tests/test_diff_rescore.py)
    assert (Decimal(janya["old"]["total"]), Decimal(janya["new"]["total"])) == (Decimal("70.8"), Decimal("71.5"))
    assert janya["row"] == f"{book} › janya_2554_r1!A{MACHINE_ROW + 1}"


def test_diff_tells_a_bad_cell_at_its_cell(tmp_path, new_rules):
    book = _filled(tmp_path, bad=("j2:score", "สาม"))
    got = _run("diff", RULES_2554, new_rules, "--rescore", book, "--format", "json", "--lang", "th")
    # a row neither rule set can score is an error of the results: listed, and exit 1
    # (tests/test_diff_rescore.py test_results_neither_rule_set_can_score_exit_1)
    assert got.exit_code == 1, got.output
    rows = json.loads(got.stdout)["rescore"]["rows"]
    janya = next(r for r in rows if r["row"] == f"{book} › janya_2554_r1!A{MACHINE_ROW + 1}")
    assert janya["old"]["total"] is None and janya["new"]["total"] is None
    where = _bad_cell(book, "j2:score")
    assert janya["old"]["error"].startswith(f"{book} › {where}: ") and "สาม" in janya["old"]["error"]
    assert len(rows) == 2  # the bad cell is Janya's row, not a row of its own


def test_render_fills_the_score_report_from_a_workbook(tmp_path):
    book = _filled(tmp_path)
    args = ["render", RULES_2554, "--agreement", "janya_2554_r1", "--form", "score-report", "--format", "md",
            "--lang", "en"]
    texts = []
    for results, out in ((book, tmp_path / "from_book"), (DATA / "individuals_2554.csv", tmp_path / "from_csv")):
        got = _run(*args, "--results", results, "-o", out)
        assert got.exit_code == 0, got.output
        texts.append((out / "janya_2554_r1" / "score-report-จรรยา-เรียบร้อย.md").read_text(encoding="utf-8"))
    assert "70.8" in texts[0]  # seed 001's แบบสรุป
    # the same report, but for the row it came from (a sheet's row, a CSV's line)
    origin = [line for line in texts[0].splitlines() if "individuals.xlsx" in line]
    assert [line for line in texts[0].splitlines() if line not in origin] == \
        [line for line in texts[1].splitlines() if "individuals_2554.csv" not in line]


def test_render_tells_a_bad_cell_at_its_cell(tmp_path):
    book = _filled(tmp_path, bad=("j2:score", "สาม"))
    got = _run("render", RULES_2554, "--results", book, "-o", tmp_path / "forms", "--lang", "th")
    assert got.exit_code == 1
    where = _bad_cell(book, "j2:score")
    first = [line for line in got.output.splitlines() if " error: " in line or " ข้อผิดพลาด" in line]
    assert first and first[0].startswith(f"{book} › {where}: ") and "Traceback" not in got.output
    assert not (tmp_path / "forms").exists()  # nothing written


def test_a_folder_without_results_names_workbooks(tmp_path):
    got = _run("diff", RULES_2554, RULES_2554, "--rescore", tmp_path, "--lang", "en")
    assert got.exit_code == 2 and "Q008" in got.output and ".xlsx" in got.output
