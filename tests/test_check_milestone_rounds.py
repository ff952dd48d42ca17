"""M003 tells each late step once: a framework's step is laid over every agreement of it, and
checked at the framework as well (kpidsl/check/milestones.py), but a step is one line to fix.
The fixtures (tests/fixtures/check/M003) compare the set of (line, code) and so cannot see a
step told twice; this counts."""

from __future__ import annotations

from kpidsl.check import check_paths

RULES = """framework department "กรอบการประเมินผลของส่วนราชการ" {
    fiscal_year 2555
    round r6 "รอบ 6 เดือน" period 1 ต.ค. 2554 - 31 มี.ค. 2555 due 30 เม.ย. 2555
    round r12 "รอบ 12 เดือน" period 1 ต.ค. 2554 - 30 ก.ย. 2555 due 31 ต.ค. 2555 outside_year
    dimension efficiency "การประเมินประสิทธิภาพ" weight 100 {
        kpi 7 "ระดับความสำเร็จของการจัดทำต้นทุนต่อหน่วยผลผลิต" weight 100 {
            milestones {
                1 "ตรวจสอบความถูกต้องของการระบุค่าใช้จ่ายในระบบ GFMIS" due 29 ก.พ. 2555
                2 "จัดทำรายงานผลการคำนวณต้นทุนต่อหน่วยผลผลิต" due 31 มี.ค. 2555
                3 "วิเคราะห์ต้นทุนต่อหน่วยผลผลิต" due 30 เม.ย. 2555
                4 "จัดทำแผนเพิ่มประสิทธิภาพหรือลดต้นทุน" due 31 พ.ค. 2555
                5 "ดำเนินการตามแผนและรายงานผล" due 30 พ.ย. 2555 outside_year
            }
        }
    }
}
agreement a6 "A6" {
    framework department
    round r6
}
agreement b6 "B6" {
    framework department
    round r6
}
agreement a12 "A12" {
    framework department
    round r12
}
agreement any "ANY" {
    framework department
}
"""


def test_a_framework_step_late_for_every_round_is_told_once_with_the_last_round(tmp_path):
    (tmp_path / "rules.kpi").write_text(RULES, encoding="utf-8")
    diags = check_paths([tmp_path]).diagnostics
    assert {d.code for d in diags} == {"M003"}
    told = sorted((d.span.line, d.message_en) for d in diags if d.code == "M003")
    # step 4 (31 May) is late for r6 only: told once though two agreements are in r6; step 5
    # (30 Nov) is late for every round: told once, with r12, the last, at the framework
    assert [line for line, _ in told] == [11, 12]
    assert "`r6`" in told[0][1] and "(2012-04-30)" in told[0][1]  # 30 เม.ย. 2555
    assert "`r12`" in told[1][1] and "(2012-10-31)" in told[1][1]  # 31 ต.ค. 2555
