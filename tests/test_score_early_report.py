"""A report dated before its round: seed 002 ข้อ 1.5.2 gives each SAR round the period its report
covers and the date it is due by ("รอบ 12 เดือน (1 ตุลาคม 2553 – 30 กันยายน 2554) … ภายใน 31
ตุลาคม 2554"): the report of a round with a due date is sent after its period ends, and by that
date. So a date before the period ends is no report of the round but a mistyped date (most
often the year): Q058, at the cell. A round without a due date (an individual's evaluation
round, seed 001, evaluated in its last weeks, slides 39–40) takes any date from its start on;
before the start it is a mistake too.

rules/2554's province_example_2554 (province.kpi sar12, due 31 ต.ค. 2554; its example
province_late_sar: 3.73 − 3 working days × 0.0500 = 3.58 when sent 3 พ.ย. 2554)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "2554"
HEAD = "agreement,round,submitted,p1,p2,p3,p4\n"


def _run(*args):
    return CliRunner().invoke(main, [*map(str, args)])


def _results(tmp_path: Path, day: str) -> Path:
    path = tmp_path / "p.csv"
    path.write_text(HEAD + f"province_example_2554,sar12,{day},3.5,82,80,4\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("day, total", [("2011-10-31", "3.7300"), ("2011-11-03", "3.5800"), ("2011-09-30", "3.7300")])
def test_a_report_on_or_after_the_periods_end_is_scored(tmp_path, day, total):
    out = _run("score", RULES, "--results", _results(tmp_path, day), "--format", "csv")
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines()[1].split(",")[5] == total


@pytest.mark.parametrize("engine", ["python", "sql"])
@pytest.mark.parametrize("day, lang, says", [
    ("2011-09-29", "en", "the report of round `sar12` is dated 2011-09-29, before the round ends (2011-09-30)"),
    ("2010-09-15", "en", "the report of round `sar12` is dated 2010-09-15, before the round starts (2010-10-01)"),
    # on the period's first day: inside the round, so before its end, the date it could first be sent
    ("2010-10-01", "en", "the report of round `sar12` is dated 2010-10-01, before the round ends (2011-09-30)"),
    # Thai writes the days as the other Thai messages do (kpidsl/written_dates.py), not ISO
    ("2011-09-29", "th", "รายงานของรอบ `sar12` ลงวันที่ 29 ก.ย. 2554 ก่อนรอบสิ้นสุด (30 ก.ย. 2554)"),
    # a Christian-era year typed where a Buddhist-era one is read: 3 พ.ย. BE 2011, which English
    # wrote 1468-11-03, a year no one typed
    ("3 พ.ย. 2011", "en", "the report of round `sar12` is dated 3 Nov 2011 BE, before the round starts (2010-10-01)"),
    ("3 พ.ย. 2011", "th", "รายงานของรอบ `sar12` ลงวันที่ 3 พ.ย. 2011 ก่อนรอบเริ่ม (1 ต.ค. 2553)")])
def test_a_report_before_its_round_is_told_at_its_cell(tmp_path, day, lang, says, engine):
    results = _results(tmp_path, day)
    out = _run("score", RULES, "--results", results, "--format", "csv", "--lang", lang, "--engine", engine)
    assert out.exit_code == 1, out.output
    assert f"{results}:2:29: Q058 error: {says}" in out.stderr
    assert out.stdout == ""


def test_the_hint_says_to_check_the_year(tmp_path):
    out = _run("score", RULES, "--results", _results(tmp_path, "3 พ.ย. 2553"), "--lang", "en")
    assert out.exit_code == 1 and "Q058" in out.stderr
    assert "check the date's year" in out.stderr and "2011-10-31" in out.stderr  # the due date, to aim at


def test_a_round_without_a_due_date_takes_a_date_inside_it(tmp_path):
    # rules/2554 individual round 1 (1 ต.ค. 2553 – 31 มี.ค. 2554, no due date): evaluated in
    # March's last weeks (seed 001 slides 39–40); the row of tests/data/score/individuals_2554.csv
    # (seed 001's Janya, 70.8)
    data = ROOT / "tests" / "data" / "score" / "individuals_2554.csv"
    header, row = data.read_text(encoding="utf-8").splitlines()[:2]
    for day, code in (("2011-03-20", 0), ("2010-09-30", 1)):
        path = tmp_path / f"i{code}.csv"
        path.write_text(f"{header},submitted\n{row},{day}\n", encoding="utf-8")
        out = _run("score", RULES, "--results", path, "--format", "csv", "--lang", "en")
        assert out.exit_code == code, out.output
        assert ("Q058" in out.stderr) == bool(code)


def test_the_hint_gives_the_rounds_period_iso_in_english_as_written_in_thai(tmp_path):
    results = _results(tmp_path, "2011-09-29")
    english = _run("score", RULES, "--results", results, "--lang", "en").stderr
    thai = _run("score", RULES, "--results", results, "--lang", "th").stderr
    assert "of its whole period (2010-10-01 – 2011-09-30)" in english and "ต.ค." not in english
    assert "(1 ตุลาคม 2553 – 30 กันยายน 2554)" in thai  # the period as the rule file writes it
