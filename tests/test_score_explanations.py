"""Explanations in Thai and in English, for the figures of the seeds as the shipped
rule files declare them: the 2555 department ladder 78 → 3.6 (003 สไลด์ 24),
Janya's 72 × 70% + 68 × 30% = 70.8 and band ดี (001), the province's late report
3 working days × 0.05 = 0.15 (002). Every example of rules/2554 and rules/2555 is
scored and each of its explanations checked in both languages; the command line
shows the one asked for with --lang and JSON carries both."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.plan.read import plan_of
from kpidsl.score import Inputs, score_agreement
from kpidsl.score.engine import Entry, Explanation, NodeResult, Report
from kpidsl.score.examples import inputs_of, run_example

ROOT = Path(__file__).resolve().parent.parent
DEPT_CSV = "tests/data/score/dept_example_2555.csv"

# Words of the English explanations: none may be left in a Thai one.
ENGLISH = re.compile(r"\b(result|ladder|level|lies|between|reaches|floor|weighted|mean|omitted|weight|score|given|"
                     r"needs|steps|waits|part|salary|half|base|rounded|baht|report|due|submitted|late|days|is|and)\b")


@pytest.fixture(scope="module")
def plans(shipped_plan) -> dict[str, dict]:
    return {year: shipped_plan(year) for year in ("2554", "2555")}


def scored(plan: dict, example_id: str) -> Report:
    example = plan_of(plan).example(example_id)
    return score_agreement(plan, example.agreement.id, inputs_of(example))


def both(e: Explanation) -> tuple[str, str]:
    assert e.rule("en") == e.rule_en and e.rule("th") == e.rule_th
    return e.rule_en, e.rule_th


def test_the_2555_department_ladder_78_scores_3_6(plans):
    report = scored(plans["2555"], "dept_all_kinds")
    five = report.find("5")
    assert (five.value, five.score) == (Decimal(78), Decimal("3.6"))
    assert both(five.explanation) == (
        "result 78; ladder 65 70 75 80 85: 78 lies between level 3 (75) and level 4 (80): "
        "3 + |78 − 75| / |80 − 75| = 3.6",
        "ผลการดำเนินงาน 78; เกณฑ์ 65 70 75 80 85: 78 อยู่ระหว่างระดับ 3 (75) และระดับ 4 (80): "
        "3 + |78 − 75| / |80 − 75| = 3.6")
    assert five.explanation.citation == "003 สไลด์ 23–24"


def test_every_kind_of_2555_indicator_in_thai(plans):
    report = scored(plans["2555"], "dept_all_kinds")

    def th(node_id: str) -> str:
        return report.find(node_id).explanation.rule_th

    # each group names its children as what they are: a perspective's are dimensions, a
    # dimension's indicators, an indicator's sub-indicators (seed 003 slide 4: 1 = 1.1 + 1.2)
    assert th("external") == "ค่าเฉลี่ยถ่วงน้ำหนักของ 2 มิติ: 2.508 × 100 / 70 = 3.5828571429…"
    assert th("effectiveness") == "ค่าเฉลี่ยถ่วงน้ำหนักของ 3 ตัวชี้วัด: 2.106 × 100 / 60 = 3.51"
    assert th("1") == "ค่าเฉลี่ยถ่วงน้ำหนักของ 2 ตัวชี้วัดย่อย: 0.87 × 100 / 24 = 3.625"
    assert report.find("external").explanation.rule_en == "weighted mean of 2 dimensions: 2.508 × 100 / 70 = 3.5828571429…"
    assert report.find("1").explanation.rule_en == "weighted mean of 2 sub-indicators: 0.87 × 100 / 24 = 3.625"
    assert th("9") == "ผลรวมคะแนนเฉลี่ยถ่วงน้ำหนัก Σ(W × SM) / ΣW = (0.7 × 3.4 + 0.3 × 5) / 1 = 3.88"
    assert th("1.2.1").startswith("ผ่าน 4 ขั้นจาก 5 ขั้นตามลำดับ (ขั้นสุดท้ายที่ผ่าน: ")
    assert th("10") == "คะแนนที่เจ้าภาพให้: 4"
    assert th("11") == "รวมตามสัดส่วน 50% × 4 + 50% × 3 = 3.5"
    assert th("3") == "ยกเว้นในคำรับรอง; น้ำหนักโอนไปยังตัวชี้วัดอื่นในกลุ่มเดียวกัน"
    # a formula speaks its functions as a Thai rule file writes them (เฉลี่ย = mean)
    assert th("8").startswith("เฉลี่ย(X1 / Y1, X2 / Y2, X3 / Y3, X4 / Y4) × 100 = เฉลี่ย(X1=90 / Y1=100")
    assert report.find("8").explanation.rule_en.startswith("mean(X1 / Y1")
    # a lower-is-better ladder says so, with its comparisons as a criteria table writes them
    assert th("4.2").startswith("ผลการดำเนินงาน 5; เกณฑ์ (ค่าน้อยดี) >8 ≤8 ≤6 ≤4 ≤2: 5 อยู่ระหว่างระดับ 3 (6)")
    assert both(report.total_explanation) == ("Σ weighted score = 2.508 + 1.0202 = 3.5282",
                                              "Σ คะแนนถ่วงน้ำหนัก = 2.508 + 1.0202 = 3.5282")


@pytest.mark.parametrize("node, value, en, th", [
    ("5", "60", "60 does not reach level 1 (≥ 65): the floor, 1", "60 ไม่ถึงระดับ 1 (≥ 65): ได้คะแนนต่ำสุด 1"),
    ("5", "90", "90 ≥ 85 (level 5): 5", "90 ≥ 85 (ระดับ 5): 5"),
    ("4.2", "9", "9 is at level 1 (> 8): 1", "9 อยู่ที่ระดับ 1 (> 8): 1"),
    ("4.2", "1", "1 ≤ 2 (level 5): 5", "1 ≤ 2 (ระดับ 5): 5"),
    ("4.2", "8", "8 lies between level 2 (8) and level 3 (6): 2 + |8 − 8| / |6 − 8| = 2",
     "8 อยู่ระหว่างระดับ 2 (8) และระดับ 3 (6): 2 + |8 − 8| / |6 − 8| = 2"),
])
def test_every_way_a_value_climbs_the_2555_ladders(plans, node, value, en, th):
    # the department's ladder 65 … 85 (003 slide 24) and its lower-is-better >8 ≤8 ≤6 ≤4 ≤2:
    # below level 1 (the floor), past level 5, at a level 1 written "more than", between
    example = plan_of(plans["2555"]).example("dept_all_kinds")
    inputs = inputs_of(example)
    inputs.entries[node] = Entry(node, {"result": Decimal(value)})
    said = both(score_agreement(plans["2555"], example.agreement.id, inputs).find(node).explanation)
    assert said[0].endswith(": " + en) and said[1].endswith(": " + th)


def test_a_whole_level_is_told_as_reached_and_not_the_next(shipped_plan):
    # interpolate whole: 78 on 65 … 85 reaches level 3, not level 4
    plan = shipped_plan("2555")
    plan["frameworks"][0]["policies"]["interpolate"] = "whole"
    example = plan_of(plan).example("dept_all_kinds")
    said = both(score_agreement(plan, example.agreement.id, inputs_of(example)).find("5").explanation)
    assert said == ("result 78; ladder 65 70 75 80 85: 78 reaches level 3 (≥ 75), not level 4 (80): 3",
                    "ผลการดำเนินงาน 78; เกณฑ์ 65 70 75 80 85: 78 ถึงระดับ 3 (≥ 75) แต่ไม่ถึงระดับ 4 (80): 3")


@pytest.mark.parametrize("interpolate, value, score, en, th", [
    ("linear", "90", "4", "90 ≥ 85 (level 5): 5, capped at 4", "90 ≥ 85 (ระดับ 5): 5 แต่คะแนนสูงสุดคือ 4"),
    ("linear", "84", "4", "84 lies between level 4 (80) and level 5 (85): 4 + |84 − 80| / |85 − 80| = 4.8, "
     "capped at 4", "84 อยู่ระหว่างระดับ 4 (80) และระดับ 5 (85): 4 + |84 − 80| / |85 − 80| = 4.8 "
     "แต่คะแนนสูงสุดคือ 4"),
    ("whole", "80", "4", "80 reaches level 4 (≥ 80), not level 5 (85): 4",
     "80 ถึงระดับ 4 (≥ 80) แต่ไม่ถึงระดับ 5 (85): 4"),  # at the cap, not past it: nothing to say
    ("whole", "90", "4", "90 ≥ 85 (level 5): 5, capped at 4", "90 ≥ 85 (ระดับ 5): 5 แต่คะแนนสูงสุดคือ 4"),
    ("linear", "78", "3.6", "78 lies between level 3 (75) and level 4 (80): 3 + |78 − 75| / |80 − 75| = 3.6",
     "78 อยู่ระหว่างระดับ 3 (75) และระดับ 4 (80): 3 + |78 − 75| / |80 − 75| = 3.6"),
])
def test_a_score_the_cap_holds_down_says_so(shipped_plan, interpolate, value, score, en, th):
    """Under a highest score of 4 (cap 4), a value past level 4 scores 4: the sentence says the
    climb's figure and then the cap, so every number printed is the one scored (it said `: 5`
    for a score of 4)."""
    plan = shipped_plan("2555")
    plan["frameworks"][0]["policies"].update(cap="4", interpolate=interpolate)
    example = plan_of(plan).example("dept_all_kinds")
    inputs = inputs_of(example)
    inputs.entries["5"] = Entry("5", {"result": Decimal(value)})
    found = score_agreement(plan, example.agreement.id, inputs).find("5")
    assert found.score == Decimal(score)
    said = both(found.explanation)
    assert said[0].endswith(": " + en) and said[1].endswith(": " + th)


def _level_1_or_less(node) -> None:
    """Node 5's ladder (65 70 75 80 85) with level 1 written "65 or less", wherever the plan holds it."""
    if isinstance(node, dict):
        if node.get("id") == "5" and isinstance(node.get("scoring"), dict) and "thresholds" in node["scoring"]:
            node["scoring"]["thresholds"][0]["op"] = "<="
        for value in node.values():
            _level_1_or_less(value)
    elif isinstance(node, list):
        for value in node:
            _level_1_or_less(value)


@pytest.mark.parametrize("value, en, th", [
    ("60", "60 is at level 1 (<= 65): 1", "60 อยู่ที่ระดับ 1 (≤ 65): 1"),
    # level 1 is everything below level 2: 67 is not "65 or less", and is level 1 all the same
    ("67", "67 does not reach level 2 (≥ 70): level 1, 1", "67 ไม่ถึงระดับ 2 (≥ 70): ระดับ 1 ได้ 1"),
])
def test_a_level_1_written_or_less_is_told_as_the_value_meets_it(shipped_plan, value, en, th):
    plan = shipped_plan("2555")
    plan["frameworks"][0]["policies"]["interpolate"] = "whole"
    _level_1_or_less(plan)
    example = plan_of(plan).example("dept_all_kinds")
    inputs = inputs_of(example)
    inputs.entries["5"] = Entry("5", {"result": Decimal(value)})
    found = score_agreement(plan, example.agreement.id, inputs).find("5")
    assert found.score == 1
    said = both(found.explanation)
    assert said[0].endswith(": " + en) and said[1].endswith(": " + th)


@pytest.mark.parametrize("node, en, th", [
    ("external", "waits for its dimensions", "รอคะแนนของมิติ"),
    ("effectiveness", "waits for its indicators", "รอคะแนนของตัวชี้วัด"),
    ("1", "waits for its sub-indicators", "รอคะแนนของตัวชี้วัดย่อย"),
    ("1.1", "waits for its sub-indicators", "รอคะแนนของตัวชี้วัดย่อย"),
    ("1.1.1", "needs the measured result", "ต้องมีผลการดำเนินงาน"),
    ("1.2.1", "needs the number of milestone steps completed", "ต้องมีจำนวนขั้นความสำเร็จที่ทำได้"),
    ("8", "needs X1, X2, X3, X4, Y1, Y2, Y3, Y4", "ต้องมีข้อมูล X1, X2, X3, X4, Y1, Y2, Y3, Y4"),
    ("10", "needs the score (0–5) given by the indicator's owner", "ต้องมีคะแนน (0–5) ที่เจ้าภาพตัวชี้วัดให้"),
    ("11", "needs part survey",
     "ต้องมีคะแนนส่วน สำรวจสถานะการบริหารจัดการองค์การ (Information Capital Survey, Survey Online)"),
])
def test_a_blank_agreement_says_what_each_kind_still_needs(plans, node, en, th):
    # rules/2555's department agreement with no results: a ladder, a milestone, a formula, an
    # owner's score, a composite, and the averages above them
    report = score_agreement(plans["2555"], "dept_example_2555", Inputs())
    assert both(report.find(node).explanation) == (en, th)


def test_janya_summary_70_8_in_both_languages(plans):
    report = scored(plans["2554"], "janya_summary")
    assert both(report.total_explanation) == ("72 × 70% + 68 × 30% = 70.8", "72 × 70% + 68 × 30% = 70.8")
    en, th = both(report.find("achievement").explanation)
    assert en == "(3.5 × 15% + 3 × 20% + 4.5 × 15% + 3 × 30% + 4.5 × 20%) = 3.6; × 20 = 72"
    assert th == "คะแนนรวม (3.5 × 15% + 3 × 20% + 4.5 × 15% + 3 × 30% + 4.5 × 20%) = 3.6; × 20 = 72"
    assert report.find("competency").explanation.rule_th.endswith("= 3.4; × 20 = 68")
    assert report.find("j1").explanation.rule_th == "คะแนนที่ให้: 3.5"
    assert both(report.band_explanation) == ("70.8 is >= 70 and < 80: ดี", "70.8 ≥ 70 และ < 80: ดี")


def test_janya_raise_amount_in_thai(plans):
    plan = plans["2554"]
    example = plan_of(plan).example("janya_summary")
    inputs = inputs_of(example)
    inputs.raise_percent = Decimal(3)
    report = score_agreement(plan, example.agreement.id, inputs)
    assert next(a for a in plan["agreements"] if a["id"] == "janya_2554_r1")["salary"] == "28000"
    en, th = both(report.amount_explanation)
    # baht with thousands separators, as seed 001 slide 91 writes 30,600 and 25,190; the plan's
    # figure above stays plain
    assert "salary 28,000 is in the upper half" in en and "(split at 25,190)" in en
    assert "base = upper mid-point 30,600" in en
    assert th.startswith("เงินเดือน 28,000 อยู่ในช่วงตอนบนของ")
    assert "ฐานในการคำนวณ = ค่ากลางตอนบน 30,600; 30,600 × 3% = 918, ปัดขึ้นเป็นหลัก 10 บาท = 920" in th


def test_a_raise_with_satang_prints_them_to_two_places(plans):
    # 20,000 is below the split: 20,350 × 3% = 610.5 baht, printed 610.50 as baht-satang are;
    # the amount rounded up to 10 baht, 620
    plan = plans["2555"]
    example = plan_of(plan).example("somchai_raise")
    report = score_agreement(plan, example.agreement.id, inputs_of(example))
    en, th = both(report.amount_explanation)
    assert "20,350 × 3% = 610.50, rounded up to 10 baht = 620" in en
    assert th.startswith("เงินเดือน 20,000 อยู่ในช่วงตอนล่างของ")
    assert "(แบ่งที่ 25,190): ฐานในการคำนวณ = ค่ากลางตอนล่าง 20,350; 20,350 × 3% = 610.50" in th


def test_province_late_report_3_working_days(plans):
    report = scored(plans["2554"], "province_late_sar")
    assert both(report.penalty_explanation) == (
        "report due 2011-10-31, submitted 2011-11-03: 3 working days late (2011-11-01, 2011-11-02, 2011-11-03) "
        "× 0.05 = 0.15",
        "กำหนดส่งรายงานภายใน 31 ต.ค. 2554 ส่งวันที่ 3 พ.ย. 2554: ส่งรายงานล่าช้า 3 วันทำการ "
        "(1 พ.ย. 2554, 2 พ.ย. 2554, 3 พ.ย. 2554) × 0.05 = 0.15")
    # what the SAR form says the days are (kpidsl/forms/sar.py: วันทำการ)
    assert report.lateness.per == "working_day" and len(report.lateness.days) == 3


def _explanations(report: Report):
    def walk(nodes: list[NodeResult]):
        for n in nodes:
            yield n.id, n.explanation
            yield from walk(n.children)

    yield from walk(report.nodes)
    for what in ("total", "penalty", "band", "amount"):
        e = getattr(report, f"{what}_explanation")
        if e is not None:
            yield what, e


@pytest.mark.parametrize("year", ["2554", "2555"])
def test_every_explanation_of_the_shipped_rules_is_in_both_languages(plans, year):
    """Scored from every example, and blank (what each indicator still needs)."""
    plan = plans[year]
    reports = [run_example(plan, x).report for x in plan_of(plan).examples]
    reports += [score_agreement(plan, a["id"], Inputs()) for a in plan["agreements"]]
    seen = 0
    for report in reports:
        for node_id, e in _explanations(report):
            assert bool(e.rule_en) == bool(e.rule_th), node_id
            leftover = ENGLISH.search(e.rule_th)
            assert leftover is None, f"{report.agreement.id} {node_id}: {leftover.group()!r} in {e.rule_th!r}"
            seen += 1
    assert seen > 50


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("lang,line", [
    ("th", "= ผลการดำเนินงาน 78; เกณฑ์ 65 70 75 80 85: 78 อยู่ระหว่างระดับ 3 (75) และระดับ 4 (80): "
           "3 + |78 − 75| / |80 − 75| = 3.6  [rules/2555/department.kpi:"),
    ("en", "= result 78; ladder 65 70 75 80 85: 78 lies between level 3 (75) and level 4 (80): "
           "3 + |78 − 75| / |80 − 75| = 3.6  [rules/2555/department.kpi:"),
])
def test_score_explain_follows_lang(at_root, lang, line):
    result = run("score", "rules/2555", "--results", DEPT_CSV, "--explain", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert line in result.stdout
    other = "result 78;" if lang == "th" else "ผลการดำเนินงาน 78;"
    assert other not in result.stdout


def test_score_explain_is_thai_by_default(at_root, monkeypatch):
    monkeypatch.delenv("KPIDSL_LANG", raising=False)
    result = run("score", "rules/2555", "--results", DEPT_CSV, "--explain")
    assert "  คะแนนรวม: 3.5282" in result.stdout
    assert "      = Σ คะแนนถ่วงน้ำหนัก = 2.508 + 1.0202 = 3.5282  [rules/2555/department.kpi:" in result.stdout


def test_json_carries_both_languages(at_root):
    result = run("score", "rules/2555", "--results", DEPT_CSV, "--format", "json", "--explain", "--lang", "th")
    (doc,) = json.loads(result.stdout)
    total = doc["explanations"]["total"]
    assert total["rule"] == total["rule_en"] == "Σ weighted score = 2.508 + 1.0202 = 3.5282"
    assert total["rule_th"] == "Σ คะแนนถ่วงน้ำหนัก = 2.508 + 1.0202 = 3.5282"
    five = doc["nodes"][0]["children"][1]["children"][0]
    assert five["id"] == "5"
    assert five["explanation"]["rule_th"].startswith("ผลการดำเนินงาน 78; เกณฑ์ 65 70 75 80 85: 78 อยู่ระหว่างระดับ 3")
    assert five["explanation"]["rule_en"].startswith("result 78; ladder 65 70 75 80 85")


def test_what_the_results_lack_in_both_languages(plans):
    report = score_agreement(plans["2555"], "dept_example_2555", Inputs())
    assert "kpi 5: result" in report.missing and "ตัวชี้วัด 5: ผล" in report.missing_th
    assert "kpi 1.2.1: steps" in report.missing and "ตัวชี้วัด 1.2.1: ขั้นที่ผ่าน" in report.missing_th
    assert "kpi 11: part survey" in report.missing and "ตัวชี้วัด 11: ส่วน survey" in report.missing_th
    assert report.missing_in("en") == report.missing and report.missing_in("th") == report.missing_th
    assert len(report.missing) == len(report.missing_th)
    assert report.find("5").explanation.rule_th == "ต้องมีผลการดำเนินงาน"
    assert report.find("10").explanation.rule_th == "ต้องมีคะแนน (0–5) ที่เจ้าภาพตัวชี้วัดให้"


def test_a_trace_entry_made_from_one_tuple():
    # maker: the constructor an explaining batch makes its entries with (kpidsl/score/evaluate/
    # agreement.py, kinds.py), built as those modules are imported; seed 001's individual total
    from kpidsl.score.evaluate.trace import IndividualTotal, maker

    terms = ((Decimal(72), Decimal(70)), (Decimal(68), Decimal(30)))
    made = maker(IndividualTotal)((terms, Decimal("70.8")))
    assert type(made) is IndividualTotal and made == IndividualTotal(terms, Decimal("70.8"))
    assert made.total == Decimal("70.8") and made.terms[1] == (Decimal(68), Decimal(30))


def test_a_late_report_of_a_round_without_a_penalty_costs_nothing(plans):
    # seed 002: only the 12-month report (sar12) is penalised; the 6-month one (sar6, due
    # 30 April 2554) sent ten days late keeps its total
    import attrs

    example = plan_of(plans["2554"]).example("province_late_sar")
    on_time = score_agreement(plans["2554"], example.agreement.id, attrs.evolve(inputs_of(example), submitted=None))
    late = score_agreement(plans["2554"], example.agreement.id,
                           attrs.evolve(inputs_of(example), round="sar6", submitted=dt.date(2011, 5, 10)))
    assert late.penalty is None and late.penalty_explanation is None and late.lateness is None
    assert late.final == on_time.final == Decimal("3.7300")  # seed 002's province: 3.73 before the 0.15
    # a round the framework has not (the results reader tells it, Q005): no due date, no penalty
    unknown = score_agreement(plans["2554"], example.agreement.id,
                              attrs.evolve(inputs_of(example), round="sar99", submitted=dt.date(2011, 11, 3)))
    assert unknown.penalty is None and unknown.final == Decimal("3.7300")


def test_each_component_s_weighted_score_is_its_term_of_janya_s_total(plans):
    # seed 001's summary form prints what each component adds to the total: 72 × 70% = 50.4 and
    # 68 × 30% = 20.4, a component's weighted score (kpidsl/score/weighted.py) as the evaluator
    # sums it; with the competencies not given, no total, yet the achievement's 50.4 stands and
    # the competency has none
    import attrs

    report = scored(plans["2554"], "janya_summary")
    assert (report.find("achievement").weighted, report.find("competency").weighted) == \
        (Decimal("50.4"), Decimal("20.4"))
    assert report.total == Decimal("70.8")
    example = plan_of(plans["2554"]).example("janya_summary")
    given = inputs_of(example)
    kept = {node: entry for node, entry in given.entries.items() if not node.startswith("c")}
    part = score_agreement(plans["2554"], example.agreement.id, attrs.evolve(given, entries=kept, read_fields=None))
    assert part.total is None and part.missing
    assert (part.find("achievement").weighted, part.find("competency").weighted) == (Decimal("50.4"), None)


def test_the_score_table_gives_each_component_its_weighted_score():
    # the text table's row of a component carries its share of the total, as its indicators' rows do
    result = CliRunner().invoke(main, ["score", str(ROOT / "rules/2554"), "--results", str(ROOT / "examples/janya.csv")])
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.stdout.splitlines() if line.startswith(("  achievement", "  competency"))]
    assert [(r[0], r[-2], r[-1]) for r in rows][:2] == [("achievement", "72.0000", "50.4000"),
                                                        ("competency", "68.0000", "20.4000")]


@pytest.mark.parametrize("lang, heading", [("th", "มุมมอง / มิติ / ตัวชี้วัด"),
                                           ("en", "perspective / dimension / indicator")])
def test_the_score_table_heads_its_first_column_for_the_rows_it_holds(lang, heading):
    # a perspective's and a dimension's rows stood under "ตัวชี้วัด" / "indicator"
    result = CliRunner().invoke(main, ["score", str(ROOT / "rules/2555"), "--results", str(ROOT / DEPT_CSV),
                                       "--lang", lang])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2].split("  ")[1] == heading
    janya = CliRunner().invoke(main, ["score", str(ROOT / "rules/2554"), "--results", str(ROOT / "examples/janya.csv"),
                                      "--lang", "en"])
    assert janya.stdout.splitlines()[3].strip().startswith("component / indicator / competency ")


@pytest.mark.parametrize("explain", [[], ["--explain"]])
def test_a_json_score_document_says_its_version_first(explain):
    # version 3: a component's `weight` is its share (version 2 gave it null); since version 2 a node's
    # weighted score is `weighted`, the share it adds to its parent (version 1, which said no version,
    # had `contribution`); with and without explanations, one writer each
    result = CliRunner().invoke(main, ["score", str(ROOT / "rules/2554"), "--results", str(ROOT / "examples/janya.csv"),
                                       "--format", "json", *explain])
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    assert [list(doc)[:2] for doc in docs] == [["version", "agreement"]] * 2
    assert [doc["version"] for doc in docs] == [3, 3]
    assert docs[0]["nodes"][0]["weighted"] == "50.4000" and "contribution" not in docs[0]["nodes"][0]
