"""A calendar's ``ระยะเวลา`` (period): the months a plan covers when they are not its
fiscal year — seed 000's Rayong plan has columns ม.ค.–ต.ค. 2554 — checked like an
activity's dates, carried in the plan and used for the month chart's columns."""

from __future__ import annotations

import textwrap
from pathlib import Path

from kpidsl.check import check_paths
from kpidsl.forms import render_forms
from kpidsl.plan import compile_plan

CALENDAR = """
ปฏิทิน plan "แผนดำเนินการ" {{
    ปีงบประมาณ 2554
    {period}
    กิจกรรม 1 "ประชุมชี้แจง" ผู้รับผิดชอบ "คณะทำงานฯ"
}}
"""


def checked(tmp_path: Path, period: str):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "plan.kpi").write_text(textwrap.dedent(CALENDAR.format(period=period)), encoding="utf-8")
    return check_paths([folder])


def codes(result) -> list[str]:
    return [d.code for d in result.diagnostics]


def test_period_is_carried_into_the_plan(tmp_path):
    result = checked(tmp_path, "ระยะเวลา ม.ค. 2554 – ต.ค. 2554 นอกปีงบประมาณ")
    assert codes(result) == []
    (rs,) = result.rule_sets
    (cal,) = compile_plan(rs, Path("rules"))["calendar"]
    assert (cal["period"]["start"], cal["period"]["end"]) == ("2011-01-01", "2011-10-31")


def test_no_period_is_null(tmp_path):
    (rs,) = checked(tmp_path, "").rule_sets
    assert compile_plan(rs, Path("rules"))["calendar"][0]["period"] is None


def test_period_past_the_fiscal_year_must_say_so(tmp_path):
    result = checked(tmp_path, "ระยะเวลา ม.ค. 2554 – ต.ค. 2554")
    (d,) = result.diagnostics
    assert d.code == "D010" and d.span.line == 4


def test_period_twice_is_an_error(tmp_path):
    result = checked(tmp_path, "ระยะเวลา ม.ค. 2554 – ก.ย. 2554\n    ระยะเวลา ม.ค. 2554 – ส.ค. 2554")
    assert codes(result) == ["K004"]


def test_chart_columns_are_the_periods_months(tmp_path):
    (rs,) = checked(tmp_path, "ระยะเวลา ม.ค. 2554 – ต.ค. 2554 นอกปีงบประมาณ").rule_sets
    page = render_forms(compile_plan(rs, Path("rules")), output_format="html", form="calendar")["calendar.html"]
    chart = page[page.index("แผนภูมิรายเดือน"):]
    months = [m for m in ("ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.",
                          "ส.ค.", "ก.ย.") if f'<th class="month">{m}</th>' in chart]
    assert months == ["ต.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]
    assert chart.index('<th class="month">ม.ค.</th>') < chart.index('<th class="month">ต.ค.</th>')  # ม.ค. first
