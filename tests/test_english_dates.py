"""English writes a date as the English outputs write it, ISO and Christian era
(``2011-10-01``, kpidsl/written_dates.py, as the English diff does); Thai as the rule files
do (``1 ต.ค. 2554``). The checker's date codes and the language server's date hover."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kpidsl.check import check_rule_set
from kpidsl.check.ruleset import RuleSetSource

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "check"
THAI = re.compile(r"[\u0e01-\u0e5b]")


def _told(code: str, fixture: str) -> list:
    path = FIXTURES / code / fixture
    return [d for d in check_rule_set(RuleSetSource(path.parent, (path,)))[1] if d.code == code]


@pytest.mark.parametrize("code, fixture, line, english, thai", [
    # fiscal year 2555 is 1 ต.ค. 2554 – 30 ก.ย. 2555 (2011-10-01 – 2012-09-30)
    ("D002", "bad_a_day_past_a_year_either_side.kpi", 4,
     "2010-09-30 is far outside fiscal year 2555 (2011-10-01 – 2012-09-30)",
     "30 ก.ย. 2553 อยู่นอกปีงบประมาณ 2555 (1 ต.ค. 2554 – 30 ก.ย. 2555) มากเกินไป"),
    ("D003", "bad_agreement_period_thai.kpi", 9,
     "period 2011-09-01 – 2012-09-30 is not inside fiscal year 2555",
     "ช่วง 1 ก.ย. 2554 – 30 ก.ย. 2555 ไม่อยู่ในปีงบประมาณ 2555"),
    ("D010", "bad_report_due_unmarked_thai.kpi", 4,
     "2011-10-31 is outside fiscal year 2554 (2010-10-01 – 2011-09-30)",
     "31 ต.ค. 2554 อยู่นอกปีงบประมาณ 2554 (1 ต.ค. 2553 – 30 ก.ย. 2554)"),
])
def test_a_date_code_writes_iso_dates_in_english_and_thai_dates_in_thai(code, fixture, line, english, thai):
    (d,) = [d for d in _told(code, fixture) if d.span.line == line]
    assert d.message_en == english and not THAI.search(d.message_en)
    assert d.message_th == thai


def test_the_date_writer_gives_each_language_its_form():
    import datetime as dt

    from kpidsl.written_dates import day_month_said, day_said, days_said, each_day_said

    first, last = dt.date(2011, 10, 1), dt.date(2012, 3, 31)  # seed 001's round 1
    assert day_said(first).en == "2011-10-01" and day_said(first).th == "1 ต.ค. 2554"
    assert days_said((first, last)).en == "2011-10-01 – 2012-03-31"
    assert days_said((first, last)).th == "1 ต.ค. 2554 – 31 มี.ค. 2555"
    assert days_said((first, first)) == day_said(first)
    assert each_day_said([dt.date(2012, 3, 1), dt.date(2012, 9, 1), dt.date(2012, 3, 1)]).en == "2012-03-01, 2012-09-01"
    said = day_month_said([(10, 20), (4, 20)])  # seed 002's deadlines written without a year
    assert (said.en, said.th) == ("20 Oct, 20 Apr", "20 ต.ค., 20 เม.ย.")

