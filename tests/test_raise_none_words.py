"""A row in ต้องปรับปรุง, whose band gives no raise (seed 001 ขั้นตอนที่ 9: "ต้องปรับปรุง
ไม่ได้เลื่อนเงินเดือน"), reads "no raise" / "ไม่ได้เลื่อนเงินเดือน" on every table and form that
shows a raise range: the score table (Thai and English), the scores workbook, the filled
individual form and score report, and a rescore's review. They had read "0–0%".

The row: rules/2555's unit agreement (individual_example.kpi naming no one), i1 1, i2 1,
competencies 1 1 1 1 1: achievement (1 × 50% + 1 × 50%) × 20 = 20, competency 5 / 5 × 20 = 20,
20 × 70% + 20 × 30% = 20, below 60: ต้องปรับปรุง (rules/2555/bands.kpi), raise 0."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

from unnamed_person import unit_rules



@pytest.fixture
def unit(tmp_path):
    rules = unit_rules(tmp_path)
    results = tmp_path / "unit.csv"
    results.write_text("agreement,person,round,raise,i1:score,i2:score,c1,c2,c3,c4,c5\n"
                       "somchai_2555_r1,ก,1,0,1,1,1,1,1,1,1\n", encoding="utf-8")
    return rules, results


def _run(*args):
    return CliRunner().invoke(main, [*map(str, args)])


@pytest.mark.parametrize("lang, label, words", [("en", "raise", "no raise"),
                                                ("th", "ร้อยละการเลื่อน", "ไม่ได้เลื่อนเงินเดือน")])
def test_the_score_table_says_no_raise(unit, lang, label, words):
    rules, results = unit
    out = _run("score", rules, "--results", results, "--lang", lang)
    assert out.exit_code == 0, out.output
    assert "20.0000" in out.stdout and "0–0" not in out.stdout
    (line,) = [x for x in out.stdout.splitlines() if x.strip().startswith(f"{label}:")]
    assert line.strip() == f"{label}: {words}"
    explained = _run("score", rules, "--results", results, "--lang", lang, "--explain")
    assert explained.exit_code == 0 and "0–0" not in explained.stdout and words in explained.stdout


def test_the_filled_forms_say_no_raise(unit, tmp_path):
    rules, results = unit
    for form in ("individual", "score-report"):
        out = _run("render", rules, "--results", results, "--form", form, "--format", "md", "-o", tmp_path / "forms")
        assert out.exit_code == 0, out.output
    form = (tmp_path / "forms" / "somchai_2555_r1" / "individual-ก.md").read_text(encoding="utf-8")
    report = (tmp_path / "forms" / "somchai_2555_r1" / "score-report-ก.md").read_text(encoding="utf-8")
    assert "0–0" not in form and "0–0" not in report
    assert "- ร้อยละการเลื่อนเงินเดือนที่ได้: ไม่ได้เลื่อนเงินเดือน\n" in form  # not "; เลื่อน 0%" after it
    assert "20,350 × 0% = 0" in form  # the amount's working still says the 0% (the lower mid-point, seed 001)
    assert "| ร้อยละการเลื่อนเงินเดือน | ไม่ได้เลื่อนเงินเดือน |" in report


@pytest.mark.parametrize("lang, words", [("en", "no raise"), ("th", "ไม่ได้เลื่อนเงินเดือน")])
def test_the_scores_workbook_says_no_raise(unit, tmp_path, lang, words):
    openpyxl = pytest.importorskip("openpyxl")
    rules, results = unit
    book = tmp_path / "scores.xlsx"
    out = _run("score", rules, "--results", results, "--format", "xlsx", "-o", book, "--lang", lang)
    assert out.exit_code == 0, out.output
    cells = [c.value for ws in openpyxl.load_workbook(book) for row in ws.iter_rows() for c in row]
    assert words in cells and not any(isinstance(v, str) and "0–0" in v for v in cells)


def test_a_rescore_says_no_raise(unit, tmp_path):
    rules, results = unit
    out = _run("diff", rules, rules, "--rescore", results, "--format", "json", "--lang", "en")
    assert out.exit_code == 0, out.output
    (row,) = json.loads(out.stdout)["rescore"]["rows"]
    assert row["old"]["raise"] == row["new"]["raise"] == "no raise"
