"""English writes a date as the English outputs write it, ISO and Christian era
(``2011-10-01``, kpidsl/written_dates.py, as the English diff does); Thai as the rule files
do (``1 ต.ค. 2554``). The checker's date codes and the language server's date hover."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from kpidsl.bilingual import Bi
from kpidsl.check import check_rule_set
from kpidsl.check.ruleset import RuleSetSource
from kpidsl.written_dates import day_said, days_said

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
    # a Christian-era year where a Buddhist-era one is read (30 ธ.ค. BE 2011): written as typed, its
    # year BE, not as 1468-12-30, a year no one typed; the hint says 2011 CE was likely meant
    ("D002", "bad_ce_year_in_date_thai.kpi", 5,
     "30 Dec 2011 BE is far outside fiscal year 2555 (2011-10-01 – 2012-09-30)",
     "30 ธ.ค. 2011 อยู่นอกปีงบประมาณ 2555 (1 ต.ค. 2554 – 30 ก.ย. 2555) มากเกินไป"),
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



def test_a_christian_era_years_date_is_told_with_the_hint_that_says_so():
    (d,) = [d for d in _told("D002", "bad_ce_year_in_date_thai.kpi") if d.span.line == 5]
    assert (d.span.line, d.span.column) == (5, 56)  # at `30 ธ.ค. 2011`
    assert d.hint_en == "2011 looks like a Christian-era year; in BE it is 2554"
    assert d.hint_th == "2011 ดูเหมือนเป็นปี ค.ศ. ซึ่งตรงกับ พ.ศ. 2554"


@pytest.mark.parametrize("day, english, thai", [
    # the first day of fiscal year 2400, the least a rule file names (kpidsl/syntax/lower/base.py
    # MIN_YEAR; tests/fixtures/check/D002/bad_fiscal_years_at_the_ends_of_the_range.kpi): ISO
    (dt.date(1856, 10, 1), "1856-10-01", "1 ต.ค. 2399"),
    # a day before any fiscal year, read from a Christian-era year typed as BE: as typed, its year BE
    (dt.date(1856, 9, 30), "30 Sep 2399 BE", "30 ก.ย. 2399"),
    (dt.date(1468, 12, 30), "30 Dec 2011 BE", "30 ธ.ค. 2011")])
def test_a_day_before_the_buddhist_eras_least_year_is_written_as_typed(day, english, thai):
    assert day_said(day) == Bi(english, thai)
    assert days_said((day, day + dt.timedelta(days=1))).en.startswith(f"{english} – ")
