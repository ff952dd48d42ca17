"""A date in a results file written in the ISO form with a Buddhist-era year (`2554-11-03`), as
a spreadsheet set to the Thai calendar shows and saves one: an ISO date's year is the Common
Era's, so it read as 3 Nov 2554 CE, 543 years late — a late-report penalty of 7000.3000
(final 0.0000, exit 0) for a report seed 002 charges 0.1500 (3 working days), a milestone
step done in time counted late. It is told at its cell (Q063) with the date it means, and
nothing is written."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.diagnostics.registry import CODES
from kpidsl.score.iso_be_dates import iso_be_date
from kpidsl.score.results.cells import parse_date

ROOT = Path(__file__).resolve().parent.parent
PROVINCE = "agreement,round,p1,p2,p3,p4,submitted"
PROVINCE_ROW = "province_example_2554,sar12,3.5,82,80,4,"  # examples/province_late_2554.csv



def score(*args: str):
    return CliRunner().invoke(main, ["score", *args, "--lang", "en"])


def province(submitted: str) -> str:
    Path("r.csv").write_bytes(f"\ufeff{PROVINCE}\r\n{PROVINCE_ROW}{submitted}\r\n".encode("utf-8"))
    return "r.csv"


@pytest.mark.parametrize("submitted, penalty, final", [("2011-11-03", "0.1500", "3.5800"),
                                                       ("3 พ.ย. 2554", "0.1500", "3.5800"),
                                                       ("2011-10-31", "0.0000", "3.7300")])
def test_the_common_era_and_thai_dates_score_as_before(work, submitted, penalty, final):
    result = score("2554", "--results", province(submitted), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].split(",")[3:6] == ["3.7300", penalty, final]


@pytest.mark.parametrize("submitted, meant", [("2554-11-03", dt.date(2011, 11, 3)),
                                              ("25541103", dt.date(2011, 11, 3)),
                                              (" 2554-10-31 ", dt.date(2011, 10, 31)),
                                              ("2555-02-29", dt.date(2012, 2, 29))])  # no 29 Feb in 2555 CE
def test_a_buddhist_era_year_in_an_iso_date_is_told_at_its_cell(work, submitted, meant):
    Path("out").mkdir()
    result = score("2554", "--results", province(submitted), "-o", "out/scores.csv")
    assert result.exit_code == 1, result.output
    assert list(Path("out").iterdir()) == []
    column = len(PROVINCE_ROW) + 1  # the cell's start, as Q010's
    assert f"r.csv:2:{column}: Q063 error: " in result.stderr, result.stderr
    assert "7000" not in result.output
    expected = CODES["Q063"].at(None, text=submitted.strip(), year=submitted.strip()[:4], iso=meant.isoformat(),
                                thai=f"{meant.day} {['พ.ย.', 'ต.ค.', 'ก.พ.'][[11, 10, 2].index(meant.month)]} "
                                     f"{meant.year + 543}")
    assert expected.message_en in result.stderr
    assert f"hint: {expected.hint_en}" in result.stderr
    th = CliRunner().invoke(main, ["score", "2554", "--results", "r.csv"])
    assert expected.message_th in th.stderr and th.exit_code == 1


def test_a_json_record_alike(work):
    Path("r.json").write_text(json.dumps({"agreement": "province_example_2554", "round": "sar12",
                                          "submitted": "2554-11-03",
                                          "results": {"p1": 3.5, "p2": 82, "p3": 80, "p4": 4}}), encoding="utf-8")
    result = score("2554", "--results", "r.json")
    assert result.exit_code == 1, result.output
    assert "Q063 error" in result.stderr


def _steps(step_2: str) -> str:
    """examples/results_2555.csv with kpi 7's steps given one by one: 1 on 10 Jan 2012, 2 on
    ``step_2``, 3 done (due 29 ก.พ. 2555, seed 003 slide 32)."""
    header, row = list(csv.reader((ROOT / "examples" / "results_2555.csv").open(encoding="utf-8")))[:2]
    i = header.index("7")
    with open("s.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header[:i] + ["7:1", "7:2", "7:3"] + header[i + 1:],
                                 row[:i] + ["2012-01-10", step_2, "✓"] + row[i + 1:]])
    return "s.csv"


def test_a_step_done_on_a_buddhist_era_iso_date_is_told_not_counted_late(work):
    shutil.copytree(ROOT / "rules" / "2555", work / "2555")
    on_time = score("2555", "--results", _steps("2012-02-28"), "--explain")
    assert on_time.exit_code == 0
    assert "steps done in a row from step 1: 1, 2, 3 = 3" in on_time.stdout
    result = score("2555", "--results", _steps("2555-02-28"), "--explain")
    assert result.exit_code == 1, result.output
    assert "Q063 error: `2555-02-28` " in result.stderr
    assert result.stdout == ""


def test_the_reading():
    assert iso_be_date("2554-11-03") == dt.date(2011, 11, 3)
    assert iso_be_date("2555-02-29") == dt.date(2012, 2, 29)
    # a Common Era year, a Buddhist-era year out of the years a rule file may name, no ISO form
    assert [iso_be_date(t) for t in ("2011-11-03", "2399-11-03", "2801-11-03", "3 พ.ย. 2554", "2554-13-03")] == \
        [None] * 5
    assert parse_date("2554-11-03", 2554) is None and parse_date("2554-13-03", 2554) is None
    assert parse_date("2011-11-03", 2554) == dt.date(2011, 11, 3)


def test_the_sql_engine_hands_such_a_row_to_the_evaluator(work):
    # seed 001's round 1 has no due date: the SQL engine read the date as a date in the round
    # and scored the row, exit 0, where the evaluator tells Q063 (exit 1)
    pytest.importorskip("duckdb")
    lines = (ROOT / "examples" / "janya.csv").read_text(encoding="utf-8").splitlines()
    Path("j.csv").write_text(f"{lines[0]},submitted\n{lines[1]},2554-03-20\n{lines[2]},2011-03-20\n", encoding="utf-8")
    for engine in ("python", "sql"):
        result = score("2554", "--results", "j.csv", "--engine", engine, "--format", "csv")
        assert result.exit_code == 1, (engine, result.output)
        assert "j.csv:2:" in result.stderr and "Q063 error: `2554-03-20` " in result.stderr
        assert result.stdout == ""
    Path("j.csv").write_text(f"{lines[0]},submitted\n{lines[1]},2011-03-20\n", encoding="utf-8")
    sql = score("2554", "--results", "j.csv", "--engine", "sql", "--format", "csv")
    assert sql.exit_code == 0 and sql.stdout.splitlines()[1] == "janya_2554_r1,จรรยา เรียบร้อย,1,70.8000,,70.8000,good,,"
