"""Every rule of scoring (docs/scoring.md), end to end with figures from the seeds.

Each test writes a small rule set in tmp_path, checks it with
``kpidsl.check.check_paths``, compiles it with ``kpidsl.plan.compile_plan`` and
scores it with ``kpidsl.score.score_agreement`` (or ``run_example``): no
internals are poked, so what is tested is what `kpidsl score` does.
"""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import re
import textwrap
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from kpidsl.check import check_paths
from kpidsl.diagnostics.render import render
from kpidsl.plan import compile_plan
from kpidsl.score import Entry, Inputs, run_example, score_agreement
from kpidsl.score.formula import FormulaError, compile_expr, evaluate
from kpidsl.score.report import as_dict, csv_row, text as report_text
from kpidsl.plan.model import BinOp, Holidays, Num, Source, Var
from kpidsl.plan.model.fields import PlanFormatError
from kpidsl.plan.read import plan_of
from kpidsl.score.workdays import working_days_late

D = Decimal


# ---- helpers ------------------------------------------------------------------------------------

def build(tmp_path: Path, text: str, name: str = "rs") -> dict:
    """Write ``text`` as a one-file rule set, check it (no errors allowed) and compile it."""
    folder = tmp_path / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rules.kpi").write_text(textwrap.dedent(text), encoding="utf-8")
    result = check_paths([folder])
    sources = {path: src for rs in result.rule_sets for path, src in rs.texts.items()}
    assert not result.errors and not result.io_trouble, render(
        "text", result.diagnostics, sources, "en", (result.files, result.errors, result.warnings))
    (rs,) = result.rule_sets
    return compile_plan(rs, Path(rs.name))


def both(explanation) -> tuple[str, str]:
    return explanation.rule_en, explanation.rule_th


def line_of(tmp_path: Path, needle: str, name: str = "rs") -> int:
    """The 1-based line of the rule file that holds ``needle``."""
    lines = (tmp_path / name / "rules.kpi").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def inputs(round_: str | None = None, submitted: dt.date | None = None, raise_: str | None = None,
           **fields: dict[str, str]) -> Inputs:
    """Inputs from ``k_5={"result": "78"}``-style keywords (the ``k_`` prefix and ``_`` → ``.``)."""
    entries = {}
    for key, given in fields.items():
        node_id = key.removeprefix("k_").replace("_", ".")
        entries[node_id] = Entry(node_id, {f: D(v) for f, v in given.items()})
    return Inputs(entries, submitted=submitted, raise_percent=D(raise_) if raise_ else None, round=round_)


def ladder_plan(tmp_path: Path, ladder: str, policy: str = "", name: str = "rs") -> dict:
    """One indicator weighted 100 on ``ladder``: the total is its score."""
    return build(tmp_path, f"""
        framework f "F" {{
            fiscal_year 2555
            policy {{ decimals 4; rounding half_up; round_at total; {policy} }}
            dimension d "D" weight 100 {{
                kpi k "K" weight 100 {{ ladder {ladder} }}
            }}
        }}
        agreement a "A" {{ framework f }}
    """, name)


def score_of(plan: dict, value: str, node: str = "k") -> Decimal:
    report = score_agreement(plan, "a", Inputs({node: Entry(node, {"result": D(value)})}))
    assert not report.problems and not report.missing
    return report.find(node).score


# ---- 1. ladder, higher is better ----------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("78", "3.6"),          # 003 slide 24: 75 + 3 of a 5-point step
    ("85", "5"),            # exactly level 5
    ("95", "5"),            # past level 5
    ("65", "1"),            # exactly level 1
    ("64.9999", "1"),       # below level 1: the floor, 1 under the shipped policy
    ("0", "1"),
    ("70", "2"),
    ("72.5", "2.5"),
    ("84.9999", "4.99998"),
])
def test_ladder_higher(tmp_path, value, expected):
    plan = ladder_plan(tmp_path, "65 70 75 80 85", "interpolate linear; floor 1; cap 5")
    assert score_of(plan, value) == D(expected)


def test_ladder_higher_total_is_published_to_four_decimals(tmp_path):
    plan = ladder_plan(tmp_path, "65 70 75 80 85", "interpolate linear; floor 1; cap 5")
    report = score_agreement(plan, "a", inputs(k={"result": "84.9999"}))
    assert report.find("k").score == D("4.99998")
    assert str(report.final) == "5.0000"  # half-up at the 4th decimal, once, at the total
    assert "84.9999 lies between level 4 (80) and level 5 (85)" in report.find("k").explanation.rule_en


# ---- 2. ladder, lower is better ------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("36", "1"),        # "> 35" is level 1 whatever the count
    ("1000", "1"),
    ("35.5", "1"),
    ("35", "2"),        # "<= 35"
    ("32.5", "2.5"),
    ("30", "3"),
    ("27.5", "3.5"),
    ("20", "5"),
    ("0", "5"),
])
def test_ladder_lower_errors(tmp_path, value, expected):
    plan = ladder_plan(tmp_path, "lower >35 <=35 <=30 <=25 <=20", "interpolate linear; floor 1")
    assert score_of(plan, value) == D(expected)


def test_ladder_lower_level_1_written_as_more_than_is_1_even_with_floor_0(tmp_path):
    plan = ladder_plan(tmp_path, "lower >35 <=35 <=30 <=25 <=20", "interpolate linear; floor 0")
    assert score_of(plan, "36") == 1


@pytest.mark.parametrize("floor, value, expected", [
    ("1", "4", "1"), ("1", "5", "1"), ("0", "5", "0"), ("0", "4", "1"),
    ("1", "3", "2"), ("1", "2.5", "2.5"), ("1", "0.5", "4.5"), ("1", "0", "5"),
])
def test_ladder_lower_outages(tmp_path, floor, value, expected):
    plan = ladder_plan(tmp_path, "lower 4 3 2 1 0", f"interpolate linear; floor {floor}")
    assert score_of(plan, value) == D(expected)


def test_ladder_direction_is_in_the_plan(tmp_path):
    plan = ladder_plan(tmp_path, "lower >35 <=35 <=30 <=25 <=20")
    ladder = plan["agreements"][0]["nodes"][0]["children"][0]["scoring"]
    assert ladder["direction"] == "lower"
    assert [t["value"] for t in ladder["thresholds"]] == ["35", "35", "30", "25", "20"]
    assert [t["op"] for t in ladder["thresholds"]] == [">", "<=", "<=", "<=", "<="]
    assert ladder["open_level_1"] is True


# ---- ladder policies: whole levels, floor, cap -----------------------------------------------------

@pytest.mark.parametrize("word", ["whole", "none"])
@pytest.mark.parametrize("value, expected", [("78", "3"), ("84.9999", "4"), ("85", "5"), ("65", "1"), ("64", "1")])
def test_interpolate_whole_levels(tmp_path, word, value, expected):
    plan = ladder_plan(tmp_path, "65 70 75 80 85", f"interpolate {word}; floor 1")
    assert plan["frameworks"][0]["policies"]["interpolate"] == "whole"
    assert score_of(plan, value) == D(expected)


def test_interpolate_whole_levels_lower(tmp_path):
    plan = ladder_plan(tmp_path, "lower >35 <=35 <=30 <=25 <=20", "interpolate whole")
    assert [score_of(plan, v) for v in ("36", "35", "31", "30", "21", "20")] == [1, 2, 2, 3, 4, 5]


@pytest.mark.parametrize("floor, expected", [("0", "0"), ("1", "1")])
def test_floor_below_level_1(tmp_path, floor, expected):
    plan = ladder_plan(tmp_path, "65 70 75 80 85", f"floor {floor}")
    assert score_of(plan, "64.9999") == D(expected)
    assert score_of(plan, "65") == 1  # level 1 itself is 1 under either floor


def test_floor_level_1_written_as_or_less(tmp_path):
    # seed 001: "65 หรือน้อยกว่า" — 65 or less scores 1, whatever the floor.
    plan = ladder_plan(tmp_path, "<=65 70 75 80 85", "floor 0")
    assert score_of(plan, "50") == 1
    assert score_of(plan, "65") == 1
    assert score_of(plan, "67.5") == D("1.5")


@pytest.mark.parametrize("value, expected", [("90", "4"), ("85", "4"), ("82", "4"), ("78", "3.6")])
def test_cap(tmp_path, value, expected):
    plan = ladder_plan(tmp_path, "65 70 75 80 85", "cap 4")
    assert score_of(plan, value) == D(expected)


@pytest.mark.parametrize("value, expected", [("69", "1"), ("70", "2"), ("78", "3"), ("80", "3"), ("84.9999", "3"),
                                             ("85", "3"), ("95", "3")])
def test_cap_holds_with_whole_levels(tmp_path, value, expected):
    # With whole levels a value at level 4 scored 4 under cap 3 while level 5 scored 3: the cap
    # held for level 5 and for interpolated scores, never for a whole level below 5.
    plan = ladder_plan(tmp_path, "65 70 75 80 85", "interpolate whole; cap 3")
    assert score_of(plan, value) == D(expected)


def test_shipped_policy_defaults(tmp_path):
    plan = ladder_plan(tmp_path, "65 70 75 80 85")
    assert plan["policies"] == {"cap": "5", "decimals": 4, "floor": "1", "interpolate": "linear",
                                "late_step": "not_counted", "milestone_count": "consecutive",
                                "penalty_floor": "0", "redistribute": "proportional", "round_at": "total",
                                "rounding": "half_up", "scale_score": "whole"}


# ---- target and step ---------------------------------------------------------------------------------

def test_target_and_step_is_the_same_ladder(tmp_path):
    a = ladder_plan(tmp_path, "target 75 step 5", name="a")
    b = ladder_plan(tmp_path, "65 70 75 80 85", name="b")
    la = a["agreements"][0]["nodes"][0]["children"][0]["scoring"]
    assert [t["value"] for t in la["thresholds"]] == ["65", "70", "75", "80", "85"]
    assert la["target"] == "75" and la["step"] == "5"
    for value in ("60", "65", "72.5", "78", "85", "90"):
        assert score_of(a, value) == score_of(b, value)


def test_target_and_step_lower(tmp_path):
    plan = ladder_plan(tmp_path, "lower target 2 step 1")
    ladder = plan["agreements"][0]["nodes"][0]["children"][0]["scoring"]
    assert [t["value"] for t in ladder["thresholds"]] == ["4", "3", "2", "1", "0"]
    assert [score_of(plan, v) for v in ("5", "4", "2.5", "2", "0")] == [1, 1, D("2.5"), 3, 5]


# ---- 3. milestones ------------------------------------------------------------------------------------

MILESTONES = """
    framework f "F" {
        fiscal_year 2555
        dimension d "D" weight 100 {
            kpi 7 "ต้นทุนต่อหน่วย" weight 100 {
                milestones {
                    1 "ตรวจสอบ GFMIS" due 29 ก.พ. 2555
                    2 "จัดทำบัญชีต้นทุน" due 29 ก.พ. 2555
                    3 "เปรียบเทียบ" due 29 ก.พ. 2555
                    4 "แผนเพิ่มประสิทธิภาพ" due 31 ต.ค. 2555 outside_year
                    5 "ดำเนินการตามแผน" due 31 ต.ค. 2555 outside_year
                }
            }
        }
    }
    agreement a "A" { framework f }
"""


@pytest.mark.parametrize("steps", [0, 1, 3, 5])
def test_milestones_score_is_the_steps_done(tmp_path, steps):
    plan = build(tmp_path, MILESTONES)
    report = score_agreement(plan, "a", inputs(k_7={"steps": str(steps)}))
    assert report.find("7").score == steps
    last = {0: "none", 1: "ตรวจสอบ GFMIS", 3: "เปรียบเทียบ", 5: "ดำเนินการตามแผน"}[steps]
    assert report.find("7").explanation.rule_en == f"{steps} of 5 milestone steps done in order (last: {last}): {steps}"


def test_a_long_step_is_named_by_its_first_60_characters(tmp_path):
    step = "ตรวจสอบความถูกต้องของการระบุค่าใช้จ่ายและการบันทึกบัญชีในระบบ GFMIS ของส่วนราชการ"
    assert len(step) > 61
    plan = build(tmp_path, MILESTONES.replace('"ตรวจสอบ GFMIS"', f'"{step}"'))
    report = score_agreement(plan, "a", inputs(k_7={"steps": "1"}))
    assert report.find("7").explanation.rule_en == f"1 of 5 milestone steps done in order (last: {step[:60]}): 1"


def test_milestone_dates_resolve_in_the_plan(tmp_path):
    plan = build(tmp_path, MILESTONES)
    steps = plan["agreements"][0]["nodes"][0]["children"][0]["scoring"]["steps"]
    assert steps[0]["due"] == {"start": "2012-02-29", "end": "2012-02-29", "text": "29 ก.พ. 2555",
                               "source": {"path": "rules.kpi", "line": 7}}
    assert steps[4]["due"]["end"] == "2012-10-31"


@pytest.mark.parametrize("steps", ["6", "2.5", "-1"])
def test_milestones_out_of_range_is_a_problem(tmp_path, steps):
    plan = build(tmp_path, MILESTONES)
    report = score_agreement(plan, "a", inputs(k_7={"steps": steps}))
    assert report.find("7").score is None
    assert report.total is None
    (problem,) = report.problems
    assert "is not a whole number from 0 to 5" in problem.message_en
    assert (problem.code, problem.fields) == ("Q020", {"steps": steps, "id": "7", "count": 5})
    assert problem.source == {"path": "rules.kpi", "line": line_of(tmp_path, "milestones {")}
    assert report.find("7").explanation.rule_en == "steps out of range"


def test_milestone_steps_out_of_range_in_a_results_file_are_the_readers_q004_at_their_cell(tmp_path):
    # The reader refuses them before the evaluator's Q020 (kpidsl/score/evaluate/kinds.py), which
    # is left to results given otherwise (an example, the API).
    build(tmp_path, MILESTONES)
    table = tmp_path / "r.csv"
    table.write_text("agreement,7\na,6\n", encoding="utf-8")
    assert told_by_score_of(tmp_path / "rs", table) == [(f"{table}:2:3", "Q004")]  # at the 6, not the row


# ---- 4. weighted average ------------------------------------------------------------------------------

WEIGHTED = """
    framework f "F" {
        fiscal_year 2555
        dimension d "D" weight 100 {
            kpi 9 "ผลผลิต" weight 100 { weighted_average { ladder 80 85 90 95 100 } }
        }
    }
    agreement a "A" {
        framework f
        kpi 9 {
            kpi 9.1 "ผลผลิตที่ 1" weight 0.7
            kpi 9.2 "ผลผลิตที่ 2" weight 0.3
        }
    }
"""


def test_weighted_average(tmp_path):
    plan = build(tmp_path, WEIGHTED)
    report = score_agreement(plan, "a", inputs(k_9_1={"result": "92"}, k_9_2={"result": "100"}))
    assert report.find("9.1").score == D("3.4")   # 80 85 90 95 100 → 3 + 2/5 (seed 003 slide 37)
    assert report.find("9.2").score == 5
    assert report.find("9").score == D("3.88")    # (0.7 × 3.4 + 0.3 × 5) / 1
    assert report.find("9.1").weighted == D("2.38")  # the W × SM column of seed 003
    assert report.find("9").weighted == D("3.88")    # 100 × 3.88 / 100
    assert report.find("9").explanation.rule_en == "Σ(W × SM) / ΣW = (0.7 × 3.4 + 0.3 × 5) / 1 = 3.88"


def test_weighted_average_divides_by_the_sum_of_weights(tmp_path):
    # Weights written as percentages (60% + 40% as 60 + 40; W010 allows 1 or 100).
    plan = build(tmp_path, WEIGHTED.replace("weight 0.7", "weight 60").replace("weight 0.3", "weight 40"))
    report = score_agreement(plan, "a", inputs(k_9_1={"result": "100"}, k_9_2={"result": "87.5"}))
    assert report.find("9").score == 4  # (60 × 5 + 40 × 2.5) / 100 = 400 / 100


def test_a_plan_whose_weighted_average_has_no_sub_indicators_says_so(tmp_path):
    # The checker asks the agreement for them (A004); a plan file written otherwise may lack them.
    plan = copy.deepcopy(build(tmp_path, WEIGHTED))
    (kpi,) = [n for n in plan_nodes(plan, "a") if n["id"] == "9"]
    kpi["children"] = []
    report = score_agreement(plan, "a", inputs())
    assert report.find("9").score is None and report.total is None
    assert both(report.find("9").explanation) == ("no sub-indicators", "ไม่มีตัวชี้วัดย่อย")
    # a score given to it is no sub-indicator's: not taken (kpidsl/results_fields.py reads none)
    given = score_agreement(plan, "a", inputs(k_9={"score": "5"}))
    assert given.find("9").score is None and given.total is None


def test_a_plan_whose_indicator_with_sub_indicators_has_no_rule_is_refused(tmp_path):
    # The compiler gives a node with children a sum of them; a plan file written otherwise may
    # give it none. No route could score it (a results file names no score of a node with
    # children, Q009; an example none either, X002), and scored it gave no total without a word
    # of why: the plan file is refused at the node's rule (T006), as any plan shape the format
    # does not allow.
    plan = build(tmp_path, """
        framework f "F" {
            fiscal_year 2555
            dimension d "D" weight 100 {
                kpi 1 "a" weight 100 {
                    kpi 1.1 "x" weight 50 { ladder 65 70 75 80 85 }
                    kpi 1.2 "y" weight 50 { ladder 65 70 75 80 85 }
                }
            }
        }
        agreement a "A" { framework f }
    """)
    report = score_agreement(plan, "a", inputs(k_1_1={"result": "85"}, k_1_2={"result": "65"}))
    assert (report.find("1.1").score, report.find("1.2").score, report.find("1").score) == (5, 1, 3)
    plan = copy.deepcopy(plan)
    (kpi,) = [n for n in plan_nodes(plan, "a") if n["id"] == "1"]
    assert kpi["scoring"] == {"kind": "sum"}
    kpi["scoring"] = None
    with pytest.raises(PlanFormatError) as caught:
        score_agreement(plan, "a", inputs(k_1_1={"result": "85"}, k_1_2={"result": "65"}))
    assert caught.value.code == "T006" and caught.value.pointer.endswith("/children/0/scoring"), caught.value.pointer


def test_an_indicator_without_a_weight_may_be_given_its_score(tmp_path):
    # a framework that weighs nothing (W009 since the checker tells it; a plan compiled past it
    # reaches the scorer all the same): its indicator on seed 003's ladder scores 78 as 3.6, or
    # takes a score given, 4, as any indicator; neither makes a total
    folder = tmp_path / "rs"
    folder.mkdir()
    (folder / "rules.kpi").write_text(textwrap.dedent("""
        framework f "F" {
            fiscal_year 2555
            dimension d "D" {
                kpi k "K" { ladder 65 70 75 80 85 }
            }
        }
        agreement a "A" { framework f }
    """), encoding="utf-8")
    result = check_paths([folder])
    assert [d.code for d in result.diagnostics] == ["W009"]
    (rs,) = result.rule_sets
    plan = compile_plan(rs, Path(rs.name))
    measured = score_agreement(plan, "a", inputs(k_k={"result": "78"}))
    given = score_agreement(plan, "a", inputs(k_k={"score": "4"}))
    assert [(r.find("k").score, r.find("k").weighted, r.total) for r in (measured, given)] == [
        (D("3.6"), None, None), (D("4"), None, None)]
    assert both(given.find("k").explanation) == ("score given: 4", "คะแนนที่ให้: 4")


def test_weighted_average_waits_for_every_sub_indicator(tmp_path):
    plan = build(tmp_path, WEIGHTED)
    report = score_agreement(plan, "a", inputs(k_9_1={"result": "92"}))
    assert report.find("9").score is None and report.total is None
    assert report.missing == ["kpi 9.2: result"]


TWO_KPIS = """
    framework f "F" {{
        fiscal_year 2555
        policy {{ round_at {round_at}; rounding half_up; decimals 4 }}
        dimension d "D" weight 100 {{
            kpi 1 "a" weight 50 {{ ladder 0 1 2 3 4 }}
            kpi 2 "b" weight 50 {{ ladder 0 1 2 3 4 }}
        }}
    }}
    agreement a "A" {{ framework f }}
"""


@pytest.mark.parametrize("round_at, total", [("total", "3.0000"), ("indicator_level", "3.0001")])
def test_rounding_happens_once_at_the_total(tmp_path, round_at, total):
    # 3.00005 and 3.00004: exact mean 3.000045 → 3.0000; rounded first, 3.0001 and 3.0000 → 3.0001 (double rounding).
    plan = build(tmp_path, TWO_KPIS.format(round_at=round_at))
    report = score_agreement(plan, "a", inputs(k_1={"result": "2.00005"}, k_2={"result": "2.00004"}))
    assert str(report.final) == total


@pytest.mark.parametrize("rounding, final", [("half_up", "3.0001"), ("half_even", "3.0000"),
                                             ("down", "3.0000"), ("up", "3.0001")])
def test_rounding_rule(tmp_path, rounding, final):
    plan = build(tmp_path, TWO_KPIS.format(round_at="total").replace("half_up", rounding))
    report = score_agreement(plan, "a", inputs(k_1={"result": "2.00005"}, k_2={"result": "2.00005"}))
    assert report.total == D("3.00005")
    assert str(report.final) == final


# ---- 5. formula -----------------------------------------------------------------------------------------

FORMULA = """
    framework f "F" {
        fiscal_year 2555
        dimension d "D" weight 100 {
            kpi 8 "ร้อยละความสำเร็จของการเบิกจ่าย" weight 100 {
                unit "ร้อยละ"
                input X1 X2 X3 X4 "ผลการเบิกจ่ายแต่ละไตรมาส" unit "บาท"
                input Y1 Y2 Y3 Y4 "วงเงินตามแผนแต่ละไตรมาส" unit "บาท"
                value mean(X1 / Y1, X2 / Y2, X3 / Y3, X4 / Y4) * 100
                ladder 85 87.50 90 92.50 95
            }
        }
    }
    agreement a "A" { framework f }
"""
QUARTERS = {"Y1": "100", "Y2": "200", "Y3": "300", "Y4": "400"}


@pytest.mark.parametrize("xs, value, score", [
    (("90", "180", "270", "360"), "90", "3"),        # the example of department_example.kpi
    (("93", "186", "279", "372"), "93", "4.2"),
    (("100", "200", "300", "400"), "100", "5"),
    (("80", "160", "240", "320"), "80", "1"),
    (("85", "180", "270", "360"), "88.75", "2.5"),   # (85 + 90 + 90 + 90) / 4
])
def test_formula_mean_of_quarters_feeds_the_ladder(tmp_path, xs, value, score):
    plan = build(tmp_path, FORMULA)
    given = dict(QUARTERS, **{f"X{i}": x for i, x in enumerate(xs, start=1)})
    report = score_agreement(plan, "a", inputs(k_8=given))
    node = report.find("8")
    assert node.value == D(value)
    assert node.score == D(score)
    assert node.explanation.rule_en.startswith("mean(X1 / Y1, X2 / Y2, X3 / Y3, X4 / Y4) × 100 = mean(X1=")


def test_formula_division_by_zero_is_located(tmp_path):
    plan = build(tmp_path, FORMULA)
    given = dict(QUARTERS, X1="90", X2="180", X3="270", X4="360", Y2="0")
    report = score_agreement(plan, "a", inputs(k_8=given))
    assert report.find("8").score is None and report.total is None
    (problem,) = report.problems
    assert problem.message_en == "division by zero: Y2 is 0 in X2 / Y2"
    assert problem.message_th == "หารด้วยศูนย์: Y2 เป็น 0 ใน X2 / Y2"
    assert problem.source == {"path": "rules.kpi", "line": line_of(tmp_path, "value mean(")}


def test_formula_error_carries_the_rule_file_line(tmp_path):
    plan = build(tmp_path, FORMULA)
    scoring = plan["agreements"][0]["nodes"][0]["children"][0]["scoring"]
    with pytest.raises(FormulaError) as caught:
        evaluate(scoring["expr"], {**{k: D(v) for k, v in QUARTERS.items()}, "Y3": D(0),
                                   "X1": D(1), "X2": D(1), "X3": D(1), "X4": D(1)})
    assert caught.value.source == {"path": "rules.kpi", "line": line_of(tmp_path, "value mean(")}
    assert "Y3 is 0" in caught.value.message_en


def test_formula_missing_input_is_missing(tmp_path):
    plan = build(tmp_path, FORMULA)
    report = score_agreement(plan, "a", inputs(k_8={"X1": "90", "Y1": "100"}))
    assert report.missing == ["kpi 8: X2, X3, X4, Y2, Y3, Y4"]
    assert report.total is None


FUNCTIONS = """
    framework f "F" {
        fiscal_year 2555
        dimension d "D" weight 100 {
            kpi s "S" weight 20 { input A B "x"; value sum(A, B) - 10; ladder 65 70 75 80 85 }
            kpi lo "L" weight 20 { input A B C "x"; value min(A, B, C); ladder 65 70 75 80 85 }
            kpi hi "H" weight 20 { input A B C "x"; value max(A, B, C) - (B - C); ladder 65 70 75 80 85 }
            kpi n "N" weight 20 { input A B C "x"; value -(C - A) * 2 + -B; ladder 65 70 75 80 85 }
            kpi m "M" weight 10 { input A B C "x"; value (A + B) * C / 100 - A / (B - C); ladder 65 70 75 80 85 }
            kpi t "T" weight 10 { input A B C "x"; value -sum(A, B) + max(min(A, B), C); ladder 65 70 75 80 85 }
        }
    }
    agreement a "A" { framework f }
"""


@pytest.mark.parametrize("node, value, en, th", [
    ("s", "70", "sum(A, B) − 10 = sum(A=30, B=50) − 10 = 70", "ผลรวม(A, B) − 10 = ผลรวม(A=30, B=50) − 10 = 70"),
    ("lo", "30", "min(A, B, C) = min(A=30, B=50, C=40) = 30", "ต่ำสุด(A, B, C) = ต่ำสุด(A=30, B=50, C=40) = 30"),
    ("hi", "40", "max(A, B, C) − (B − C) = max(A=30, B=50, C=40) − (B=50 − C=40) = 40",
     "สูงสุด(A, B, C) − (B − C) = สูงสุด(A=30, B=50, C=40) − (B=50 − C=40) = 40"),
    ("n", "-70", "−(C − A) × 2 + −B = −(C=40 − A=30) × 2 + −B=50 = -70",
     "−(C − A) × 2 + −B = −(C=40 − A=30) × 2 + −B=50 = -70"),
    ("m", "29", "(A + B) × C / 100 − A / (B − C) = (A=30 + B=50) × C=40 / 100 − A=30 / (B=50 − C=40) = 29",
     "(A + B) × C / 100 − A / (B − C) = (A=30 + B=50) × C=40 / 100 − A=30 / (B=50 − C=40) = 29"),
    ("t", "-40", "−sum(A, B) + max(min(A, B), C) = −sum(A=30, B=50) + max(min(A=30, B=50), C=40) = -40",
     "−ผลรวม(A, B) + สูงสุด(ต่ำสุด(A, B), C) = −ผลรวม(A=30, B=50) + สูงสุด(ต่ำสุด(A=30, B=50), C=40) = -40"),
])
def test_formula_functions_signs_and_brackets(tmp_path, node, value, en, th):
    # A = 30, B = 50, C = 40: each function, a negation and the brackets a formula needs are
    # computed and written back as the rule file has them (Thai names in Thai).
    plan = build(tmp_path, FUNCTIONS)
    given = {"A": "30", "B": "50", "C": "40"}
    report = score_agreement(plan, "a", inputs(**{node: given}))
    found = report.find(node)
    assert found.value == D(value)
    assert found.explanation.rule_en.startswith(en + "; ladder ")
    assert found.explanation.rule_th.startswith(th + "; เกณฑ์ ")


@pytest.mark.parametrize("node, given, missing", [("lo", {"A": "1", "B": "2"}, "C"), ("n", {"B": "2", "C": "3"}, "A"),
                                                  ("m", {"A": "1", "B": "2"}, "C")])
def test_formula_input_not_given_is_q018_at_the_formula(tmp_path, node, given, missing):
    # The engine asks for missing inputs before it computes; the formula itself still names
    # the one it lacks, wherever it sits (in a function, a negation, a division), at its line.
    plan = build(tmp_path, FUNCTIONS)
    (kpi,) = [k for k in plan["agreements"][0]["nodes"][0]["children"] if k["id"] == node]
    where = {"path": "rules.kpi", "line": 7}
    with pytest.raises(FormulaError) as caught:
        evaluate(kpi["scoring"]["expr"], {k: D(v) for k, v in given.items()}, where)
    assert (caught.value.code, caught.value.fields, caught.value.source) == ("Q018", {"name": missing}, where)
    assert str(caught.value) == "Q018"


def test_a_formula_without_a_ladder_gives_its_value_and_asks_for_its_score(tmp_path):
    # The checker refuses it (K016); a plan file written otherwise may have one. The total was
    # left without a figure and without a word.
    plan = copy.deepcopy(build(tmp_path, FORMULA))
    (kpi,) = [n for n in plan_nodes(plan, "a") if n["id"] == "8"]
    kpi["scoring"]["ladder"] = None
    quarters = {"X1": "90", "X2": "180", "X3": "270", "X4": "360", **QUARTERS}
    report = score_agreement(plan, "a", inputs(k_8=quarters))
    found = report.find("8")
    assert (found.value, found.score, report.missing) == (D("90"), None, ["kpi 8: score"])
    given = score_agreement(plan, "a", inputs(k_8={**quarters, "score": "3"}))
    assert (given.find("8").score, given.missing) == (3, [])
    assert found.explanation.rule_en == ("mean(X1 / Y1, X2 / Y2, X3 / Y3, X4 / Y4) × 100 = mean(X1=90 / Y1=100, "
                                         "X2=180 / Y2=200, X3=270 / Y3=300, X4=360 / Y4=400) × 100 = 90")


def test_a_formula_feeding_a_ladder_says_when_the_cap_holds_its_score_down(tmp_path):
    plan = build(tmp_path, FORMULA.replace("fiscal_year 2555", "fiscal_year 2555\n        policy { cap 4 }"))
    report = score_agreement(plan, "a", inputs(k_8={"X1": "100", "X2": "200", "X3": "300", "X4": "400", **QUARTERS}))
    assert report.find("8").score == 4
    en, th = both(report.find("8").explanation)
    assert en.endswith("= 100; ladder 85 87.5 90 92.5 95: 100 ≥ 95 (level 5): 5, capped at 4")
    assert th.endswith("= 100; เกณฑ์ 85 87.5 90 92.5 95: 100 ≥ 95 (ระดับ 5): 5 แต่คะแนนสูงสุดคือ 4")


def test_a_division_by_zero_is_the_formulas_explanation(tmp_path):
    plan = build(tmp_path, FORMULA)
    report = score_agreement(plan, "a", inputs(k_8={"X1": "90", "X2": "180", "X3": "270", "X4": "360", **QUARTERS,
                                                    "Y2": "0"}))
    (problem,) = report.problems
    assert (problem.code, problem.source, problem.column) == ("Q019", {"path": "rules.kpi", "line": 9}, ("8", "Y2"))
    assert both(report.find("8").explanation) == (problem.message_en, problem.message_th)


def test_a_plan_whose_indicator_has_no_scoring_rule_needs_its_score(tmp_path):
    # The checker asks for a rule (A008); a plan file written otherwise may lack one.
    plan = copy.deepcopy(build(tmp_path, TWO_KPIS.format(round_at="total")))
    (kpi,) = [n for n in plan_nodes(plan, "a") if n["id"] == "2"]
    kpi["scoring"] = None
    report = score_agreement(plan, "a", inputs(k_1={"result": "2"}))
    assert report.missing == ["kpi 2: score"]
    assert both(report.find("2").explanation) == ("needs a score given directly: it has no scoring rule",
                                                  "ต้องมีคะแนนที่ให้โดยตรง: ไม่มีเกณฑ์การให้คะแนน")


def test_a_division_without_a_line_of_its_own_is_reported_at_the_formula():
    where = {"path": "rules.kpi", "line": 9}
    with pytest.raises(FormulaError) as caught:
        compile_expr(BinOp("/", Num(D(1)), Var("Y")), where)({"Y": D(0)})
    assert (caught.value.code, caught.value.fields, caught.value.source) == (
        "Q019", {"divisor": "Y", "formula": "1 / Y"}, where)


# ---- 6. composite parts, owner score ---------------------------------------------------------------------

COMPOSITE = """
    framework f "F" {
        fiscal_year 2555
        dimension d "D" weight 100 {
            kpi 11 "สารสนเทศ" weight 50 {
                part survey "Survey Online" share 50% { owner_score }
                part checklist "Checklist IT" share 50% { owner_score }
            }
            kpi 12 "วัฒนธรรมองค์การ" weight 30 { owner_score }
            kpi 13 "ผสม" weight 20 {
                part measured "วัดผล" share 60% { ladder 65 70 75 80 85 }
                part owner "เจ้าภาพ" share 40% { owner_score }
            }
        }
    }
    agreement a "A" { framework f }
"""


def test_composite_fifty_fifty_and_owner_score(tmp_path):
    plan = build(tmp_path, COMPOSITE)
    report = score_agreement(plan, "a", inputs(k_11={"survey": "4", "checklist": "3"}, k_12={"score": "3.2"},
                                               k_13={"measured": "78", "owner": "4"}))
    assert report.find("11").score == D("3.5")              # 50% × 4 + 50% × 3 (seed 003 slide 46)
    assert report.find("11").explanation.rule_en == "50% × 4 + 50% × 3 = 3.5"
    assert report.find("12").score == D("3.2")
    assert report.find("12").explanation.rule_en == "score given: 3.2"
    assert report.find("13").score == D("3.76")             # 60% × 3.6 (ladder) + 40% × 4
    assert report.total == D("3.462")                      # (50 × 3.5 + 30 × 3.2 + 20 × 3.76) / 100


@pytest.mark.parametrize("survey", ["7", "-1"])
def test_composite_part_score_outside_0_to_5_is_a_problem(tmp_path, survey):
    plan = build(tmp_path, COMPOSITE)
    report = score_agreement(plan, "a", inputs(k_11={"survey": survey, "checklist": "3"}, k_12={"score": "3.2"},
                                               k_13={"measured": "78", "owner": "4"}))
    assert report.find("11").score is None and report.total is None
    (problem,) = report.problems
    assert problem.message_en == f"score {survey} of part survey of 11 is outside 0–5"
    assert (problem.code, problem.fields) == ("Q021", {"score": survey, "part": "survey", "id": "11"})
    assert problem.source == {"path": "rules.kpi", "line": line_of(tmp_path, "part survey")}
    assert report.find("11").explanation.rule_en == f"part survey: score {survey} is outside 0–5"


def test_a_part_score_outside_0_to_5_in_a_results_file_is_the_readers_q004_at_its_cell(tmp_path):
    # As for milestone steps: the evaluator's Q021 is left to results given otherwise.
    build(tmp_path, COMPOSITE)
    table = tmp_path / "r.csv"
    table.write_text("agreement,11:survey,11:checklist,12,13:measured,13:owner\na,3,7,3.2,78,4\n", encoding="utf-8")
    assert told_by_score_of(tmp_path / "rs", table) == [(f"{table}:2:5", "Q004")]  # at the 7 of checklist


@pytest.mark.parametrize("survey, score", [("0", "1.5"), ("5", "4"), ("5.0001", None), ("-0.0001", None)])
def test_composite_part_score_bounds_0_and_5_are_inside(tmp_path, survey, score):
    plan = build(tmp_path, COMPOSITE)
    report = score_agreement(plan, "a", inputs(k_11={"survey": survey, "checklist": "3"}, k_12={"score": "3.2"},
                                               k_13={"measured": "78", "owner": "4"}))
    assert report.find("11").score == (None if score is None else D(score))  # 50% × survey + 50% × 3
    assert [p.code for p in report.problems] == ([] if score is not None else ["Q021"])


def test_composite_ladder_part_takes_a_measured_value(tmp_path):
    plan = build(tmp_path, COMPOSITE)
    report = score_agreement(plan, "a", inputs(k_11={"survey": "4", "checklist": "3"}, k_12={"score": "3.2"},
                                               k_13={"measured": "90", "owner": "4"}))
    assert not report.problems and report.find("13").score == D("4.6")   # 60% × 5 + 40% × 4


def test_owner_score_missing_and_out_of_range(tmp_path):
    plan = build(tmp_path, COMPOSITE)
    report = score_agreement(plan, "a", inputs(k_11={"survey": "4"}))
    assert "kpi 11: part checklist" in report.missing
    assert "kpi 12: score" in report.missing
    report = score_agreement(plan, "a", inputs(k_11={"survey": "4", "checklist": "3"}, k_12={"score": "5.5"},
                                               k_13={"measured": "78", "owner": "4"}))
    (problem,) = report.problems
    assert problem.message_en == "score 5.5 of 12 is outside 0–5"
    assert (problem.code, problem.fields) == ("Q017", {"score": "5.5", "id": "12"})


# ---- 7 and 8. totals, optional indicators and redistribution --------------------------------------------

OPTIONAL = """
    framework f "F" {{
        fiscal_year 2555
        policy {{ redistribute {policy} }}
        dimension effectiveness "ประสิทธิผล" weight 60 {{
            kpi 1 "แผนกระทรวง" weight 20 {{
                kpi 1.1 "แผน" weight 15 {{ ladder 65 70 75 80 85 }}
                kpi 1.2 "นโยบาย" weight 5 optional -> 1.1 {{ ladder 65 70 75 80 85 }}
            }}
            kpi 2 "ร่วม" weight 10 {{ ladder 65 70 75 80 85 }}
            kpi 3 "กลุ่มภารกิจ" weight 10 optional {{ ladder 65 70 75 80 85 }}
            kpi 4 "กรม" weight 20 {{ ladder 65 70 75 80 85 }}
        }}
        dimension quality "คุณภาพ" weight 40 {{
            kpi 5 "พึงพอใจ" weight 40 {{ ladder 65 70 75 80 85 }}
        }}
    }}
    agreement a "A" {{ framework f; {omit} }}
"""


def weights(plan: dict) -> dict[str, str]:
    out = {}

    def walk(nodes):
        for n in nodes:
            out[n["id"]] = n["weight"]
            walk(n["children"])

    walk(plan["agreements"][0]["nodes"])
    return out


def test_redistribution_to_a_named_sibling(tmp_path):
    plan = build(tmp_path, OPTIONAL.format(policy="proportional", omit="omit 1.2"))
    w = weights(plan)
    assert (w["1"], w["1.1"], w["1.2"]) == ("20", "20", "0")
    assert (w["2"], w["3"], w["4"]) == ("10", "10", "20")


def test_redistribution_proportional_to_siblings_and_their_children(tmp_path):
    # seed 003's 2555 department framework with indicator 3 omitted: 10 goes to 1, 2, 4 as 20 : 10 : 20,
    # and indicator 1's new 24 to 1.1 and 1.2 as 15 : 5 (department_example.kpi).
    plan = build(tmp_path, OPTIONAL.format(policy="proportional", omit="omit 3"))
    w = weights(plan)
    assert (w["1"], w["2"], w["3"], w["4"]) == ("24", "12", "0", "24")
    assert (w["1.1"], w["1.2"]) == ("18", "6")
    assert w["effectiveness"] == "60" and w["quality"] == "40"


def test_redistribution_none_loses_the_weight(tmp_path):
    plan = build(tmp_path, OPTIONAL.format(policy="none", omit="omit 3"))
    w = weights(plan)
    assert (w["1"], w["2"], w["3"], w["4"]) == ("20", "10", "0", "20")
    given = {"k_1_1": {"result": "80"}, "k_1_2": {"result": "75"}, "k_2": {"result": "70"},
             "k_4": {"result": "85"}, "k_5": {"result": "78"}}
    report = score_agreement(plan, "a", inputs(**given))
    # 20 × 3.75 + 10 × 2 + 20 × 5 = 195 over the dimension's 60, not the 50 left: 3.25 (semantics 7)
    assert report.find("effectiveness").score == D("3.25") and report.total == D("3.39")
    assert both(report.find("effectiveness").explanation) == (
        "weighted mean of 3 indicators: 1.95 × 100 / 60 (the other 10 went with omitted indicators) = 3.25",
        "ค่าเฉลี่ยถ่วงน้ำหนักของ 3 ตัวชี้วัด: 1.95 × 100 / 60 (อีก 10 เป็นน้ำหนักของตัวชี้วัดที่ยกเว้น) = 3.25")
    assert both(report.find("3").explanation) == (
        "omitted in the agreement; its weight is lost (redistribute none)",
        "ยกเว้นในคำรับรอง; น้ำหนักไม่โอนไปตัวชี้วัดอื่น (โอนน้ำหนัก ไม่มี)")


def test_an_omitted_dimension_leaves_the_total_to_the_others(tmp_path):
    # an optional dimension omitted: its 40 goes to effectiveness (60 → 100), whose one indicator
    # at 78 on seed 003's ladder scores 3.6: the total is 3.6, the omitted dimension no part of it
    plan = build(tmp_path, """
        framework f "F" {
            fiscal_year 2555
            policy { redistribute proportional }
            dimension effectiveness "ประสิทธิผล" weight 60 {
                kpi 1 "แผน" weight 60 { ladder 65 70 75 80 85 }
            }
            dimension quality "คุณภาพ" weight 40 optional {
                kpi 5 "พึงพอใจ" weight 40 { ladder 65 70 75 80 85 }
            }
        }
        agreement a "A" { framework f; omit quality }
    """)
    w = weights(plan)
    assert (w["effectiveness"], w["quality"]) == ("100", "0")
    report = score_agreement(plan, "a", inputs(k_1={"result": "78"}))
    assert (report.total, report.final, report.missing) == (D("3.6"), D("3.6000"), [])
    assert report.find("quality").explanation.rule_en == "omitted in the agreement; its weight went to its siblings"


def test_named_sibling_wins_over_policy_none(tmp_path):
    plan = build(tmp_path, OPTIONAL.format(policy="none", omit="omit 1.2"))
    assert weights(plan)["1.1"] == "20"
    # 1.2's 5 went to 1.1 (optional -> 1.1), which its explanation says, the policy none notwithstanding
    report = score_agreement(plan, "a", inputs(k_1_1={"result": "80"}))
    assert report.find("1.2").explanation.rule_en == "omitted in the agreement; its weight went to its siblings"


THIRDS = """
    framework f "F" {
        fiscal_year 2555
        policy { redistribute proportional }
        dimension d "D" weight 100 {
            kpi 1 "a" weight 60 { ladder 65 70 75 80 85 }
            kpi 2 "b" weight 30 { weighted_average { ladder 80 85 90 95 100 } }
            kpi 3 "c" weight 10 optional { ladder 65 70 75 80 85 }
        }
    }
    agreement a "A" {
        framework f; omit 3
        kpi 2 {
            kpi 2.1 "x" weight 0.5
            kpi 2.2 "y" weight 0.5
        }
    }
"""


def test_redistribution_in_thirds_is_worked_to_40_digits_and_leaves_a_weighted_average_relative(tmp_path):
    # 3's 10 goes to 1 and 2 as 60 : 30, so 1 has 200/3 and 2 has 100/3, to the scorer's 40 digits
    # (kpidsl/score/numbers.py); 2's sub-indicators are a weighted average's relative weights and
    # stay 0.5 : 0.5 rather than grow by 2's 10/9.
    w = weights(build(tmp_path, THIRDS))
    assert (w["1"], w["2"], w["3"]) == ("66.66666666666666666666666666666666666667",
                                        "33.33333333333333333333333333333333333333", "0")
    assert (w["2.1"], w["2.2"]) == ("0.5", "0.5")


def test_redistribution_grows_a_weight_of_1_and_its_children_like_any_other(tmp_path):
    # g's 1 goes to d and e as 98 : 1; e's new 100/99 passes on to its one child.
    plan = build(tmp_path, """
        framework f "F" {
            fiscal_year 2555
            policy { redistribute proportional }
            dimension d "D" weight 98 { kpi 1 "a" weight 98 { ladder 65 70 75 80 85 } }
            dimension e "E" weight 1 { kpi 2 "b" weight 1 { ladder 65 70 75 80 85 } }
            dimension g "G" weight 1 optional { kpi 3 "c" weight 1 { ladder 65 70 75 80 85 } }
        }
        agreement a "A" { framework f; omit g }
    """)
    w = weights(plan)
    assert w["e"] == w["2"] == "1.01010101010101010101010101010101010101"
    assert (w["g"], w["3"]) == ("0", "0")


# The individual framework's behaviour scale (a .format template, as the frameworks it goes in)
BEHAVIOUR_SCALE = """        scale behaviour "มาตรวัด" {{
            1 "น้อยมาก"
            2 "บางครั้ง"
            3 "ตามที่คาดหวัง"
            4 "เกินกว่าที่คาดหวัง"
            5 "โดดเด่น"
        }}
"""

COMPONENT_OMITS = """
    framework individual "ข้าราชการ" {{
        fiscal_year 2554
        policy {{ redistribute {policy} }}
        component achievement "ผลสัมฤทธิ์ของงาน" share 70% {{
            multiplier 20
            kpi 1 "a" weight 60% {{ ladder 65 70 75 80 85 }}
            kpi 2 "b" weight 30% {{ ladder 65 70 75 80 85 }}
            kpi 3 "c" weight 10% optional {{ ladder 65 70 75 80 85 }}
        }}
        component competency "สมรรถนะ" share 30% {{ multiplier 20; scale behaviour; agreed_kpis }}
""" + BEHAVIOUR_SCALE + """    }}
    agreement janya "จรรยา เรียบร้อย" {{
        framework individual; omit 3
        component competency {{ competency c1 "สมรรถนะหลักที่ 1" weight 100% }}
    }}
"""


@pytest.mark.parametrize("policy, one, two, achievement, final", [
    ("proportional", "66.66666666666666666666666666666666666667", "33.33333333333333333333333333333333333333",
     D("86.66666666666666666666666666666666666668"), D("84.6667")),
    ("none", "60", "30", D("78"), D("78.6000"))])
def test_redistribution_inside_a_component_follows_the_policy(tmp_path, policy, one, two, achievement, final):
    # A component's share is not a weight: its indicators' relative weights share out an omitted
    # one's 10% as the policy says, and the components keep their shares.
    plan = build(tmp_path, COMPONENT_OMITS.format(policy=policy))
    w = weights(plan)
    assert (w["1"], w["2"], w["3"]) == (one, two, "0")
    assert w["achievement"] is None and w["competency"] is None and w["c1"] == "100"
    # the omitted indicator no part of its component's sum: 1 at 85 scores 5, 2 at 75 scores 3,
    # c1 is given 4 (80 × 30% = 24)
    report = score_agreement(plan, "janya", inputs(k_1={"result": "85"}, k_2={"result": "75"}, k_c1={"score": "4"}))
    assert (report.find("achievement").score, report.final, report.missing) == (achievement, final, [])


def test_an_indicator_of_weight_1_counts_in_its_dimension(tmp_path):
    # 99 and 1 of a dimension's 100 (seed 003's ladder): 85 scores 5, 65 scores 1, so
    # (99 × 5 + 1 × 1) / 100 = 4.96; the 1 is a weight like any other
    plan = build(tmp_path, """
        framework f "F" {
            fiscal_year 2555
            dimension d "D" weight 100 {
                kpi 1 "a" weight 99 { ladder 65 70 75 80 85 }
                kpi 2 "b" weight 1 { ladder 65 70 75 80 85 }
            }
        }
        agreement a "A" { framework f }
    """)
    report = score_agreement(plan, "a", inputs(k_1={"result": "85"}, k_2={"result": "65"}))
    assert (report.find("d").score, report.total) == (D("4.96"), D("4.96"))
    assert report.find("d").explanation.rule_en == "weighted mean of 2 indicators: 4.96 × 100 / 100 = 4.96"


def test_omitted_indicator_is_not_scored_and_the_total_uses_effective_weights(tmp_path):
    plan = build(tmp_path, OPTIONAL.format(policy="proportional", omit="omit 3"))
    given = {"k_1_1": {"result": "80"}, "k_1_2": {"result": "75"}, "k_2": {"result": "70"},
             "k_4": {"result": "85"}, "k_5": {"result": "78"}}
    report = score_agreement(plan, "a", inputs(**given))
    assert report.find("3").omitted and report.find("3").score is None
    assert report.missing == []
    # 18 × 4 + 6 × 3 + 12 × 2 + 24 × 5 + 40 × 3.6 = 378 → 3.78
    assert report.total == D("3.78")
    assert report.find("effectiveness").score == D("3.9")  # 234 / 60


# ---- 10. individual: achievement and competency ---------------------------------------------------------

INDIVIDUAL = """
    framework individual "ข้าราชการ" {{
        fiscal_year 2554
        bands standard
        policy {{ interpolate linear; floor 1; cap 5; decimals 4; rounding half_up; round_at total }}
        round 1 "รอบที่ 1" period 1 ต.ค. 2553 - 31 มี.ค. 2554
        component achievement "ผลสัมฤทธิ์ของงาน" share {share_a}% {{ multiplier 20; agreed_kpis }}
        component competency "สมรรถนะ" share {share_c}% {{ multiplier 20; scale behaviour; agreed_kpis }}
""" + BEHAVIOUR_SCALE + """    }}

    bands standard "ระดับผลการประเมิน" {{
        range 0 100
        band excellent "ดีเด่น" {top} <= 100 raise 4.5% - 5%
        band very_good "ดีมาก" >= 80 {below_top} raise 3.5% - 4%
        band good "ดี" >= 70 < 80 raise 2.5% - 3%
        band fair "พอใช้" >= 60 < 70 raise 1.5% - 2%
        band poor "ต้องปรับปรุง" >= 0 < 60 raise none
    }}

    agreement janya "จรรยา เรียบร้อย" {{
        framework individual; round 1
        component achievement {{
            kpi j1 "ตัวชี้วัดที่ 1" weight 15% {{ ladder <=65 70 75 80 85 }}
            kpi j2 "ตัวชี้วัดที่ 2" weight 20% {{ ladder <=70 75 80 90 >=95 }}
            kpi j3 "ตัวชี้วัดที่ 3" weight 15% {{ ladder <=65 70 75 80 85 }}
            kpi j4 "ตัวชี้วัดที่ 4" weight 30% {{ ladder <=65 70 75 80 85 }}
            kpi j5 "ตัวชี้วัดที่ 5" weight 20% {{ ladder <=70 75 80 90 >=95 }}
        }}
        component competency {{
            competency c1 "สมรรถนะหลักที่ 1" weight 20%
            competency c2 "สมรรถนะหลักที่ 2" weight 20%
            competency c3 "สมรรถนะหลักที่ 3" weight 20%
            competency c4 "สมรรถนะหลักที่ 4" weight 20%
            competency c5 "สมรรถนะหลักที่ 5" weight 20%
        }}
    }}
"""
BANDS_AT_90 = {"top": ">= 90", "below_top": "< 90"}


def individual_plan(tmp_path: Path, share_a: str = "70", share_c: str = "30", bands: dict = BANDS_AT_90) -> dict:
    return build(tmp_path, INDIVIDUAL.format(share_a=share_a, share_c=share_c, **bands))


def janya(achievement: tuple[str, ...], competency: tuple[str, ...]) -> Inputs:
    fields = {f"j{i}": {"score": s} for i, s in enumerate(achievement, start=1)}
    fields.update({f"c{i}": {"score": s} for i, s in enumerate(competency, start=1)})
    return inputs(**fields)


def plan_nodes(plan: dict, agreement: str):
    """Every node of ``agreement`` in a plan dict, depth first (to edit a copy of the plan)."""
    def walk(nodes):
        for n in nodes:
            yield n
            yield from walk(n["children"])
    return walk(next(a for a in plan["agreements"] if a["id"] == agreement)["nodes"])


def test_a_component_waits_for_an_indicator_without_a_score(tmp_path):
    report = score_agreement(individual_plan(tmp_path), "janya", janya(("3.5", "3", "4.5", "3"), ("4", "3", "4", "3", "3")))
    assert report.find("achievement").score is None and report.total is None
    assert both(report.find("achievement").explanation) == ("waits for its indicators", "รอคะแนนของตัวชี้วัด")


def test_a_component_without_a_multiplier_is_its_sum(tmp_path):
    # The checker stops such a framework on 0–100 bands (B012: 71.5 at best); a plan file
    # written otherwise may hold one.
    plan = copy.deepcopy(individual_plan(tmp_path))
    for node in plan_nodes(plan, "janya"):
        if node["id"] == "competency":
            node["multiplier"] = None
    report = score_agreement(plan, "janya", janya(("3.5", "3", "4.5", "3", "4.5"), ("4", "3", "4", "3", "3")))
    assert report.find("competency").score == D("3.4")  # × 1, not the achievement's × 20
    assert report.find("competency").explanation.rule_en == \
        "(4 × 20% + 3 × 20% + 4 × 20% + 3 × 20% + 3 × 20%) = 3.4; × 1 = 3.4"


def test_a_competency_without_its_score_needs_it_on_its_scale(tmp_path):
    report = score_agreement(individual_plan(tmp_path), "janya", janya(("3.5", "3", "4.5", "3", "4.5"),
                                                                       ("4", "3", "4", "3")))
    assert report.missing == ["competency c5: score"]
    assert both(report.find("c5").explanation) == ("needs the score (1–5) on its scale", "ต้องมีคะแนนตามมาตรวัด (1–5)")


@pytest.mark.parametrize("unweighted, said", [(("j1",), "j1 has no weight"), (("j1", "j2"), "j1, j2 have no weight")])
def test_a_plan_whose_component_indicator_has_no_weight_is_q022(tmp_path, unweighted, said):
    # The checker never lets such a plan through; a plan file written otherwise may hold one, and
    # Σ score × weight % cannot leave a weight out (seed 001: (ข) adds to 100%).
    plan = copy.deepcopy(individual_plan(tmp_path))
    for node in plan_nodes(plan, "janya"):
        if node["id"] in unweighted:
            node["weight"] = None
    report = score_agreement(plan, "janya", janya(("3.5", "3", "4.5", "3", "4.5"), ("4", "3", "4", "3", "3")))
    assert report.find("achievement").score is None and report.total is None
    (problem,) = report.problems
    assert (problem.code, problem.fields) == ("Q022", {"id": "achievement", "names": ", ".join(unweighted),
                                                        "has": "has" if len(unweighted) == 1 else "have"})
    assert problem.source == {"path": "rules.kpi", "line": line_of(tmp_path, "component achievement")}
    assert report.find("achievement").explanation.rule_en == said


def test_individual_achievement_times_20(tmp_path):
    plan = individual_plan(tmp_path)
    report = score_agreement(plan, "janya", janya(("3.5", "3", "4.5", "3", "4.5"), ("4", "3", "4", "3", "3")))
    assert [report.find(f"j{i}").weighted for i in range(1, 6)] == \
        [D("0.525"), D("0.6"), D("0.675"), D("0.9"), D("0.9")]     # seed 001: (ก) × (ข) = (ค)
    assert report.find("achievement").score == 72                 # Σค = 3.6, × 20
    assert report.find("competency").score == 68                  # 3.4 × 20
    assert report.total == D("70.8")                              # 72 × 70% + 68 × 30% (seed 001)
    assert str(report.final) == "70.8000"
    assert report.band.id == "good"


def test_individual_3_5_times_20_is_70(tmp_path):
    # seed 001, สมศักดิ์ สุขใจ: two indicators at 50%, scores 4 and 3 → Σc = 3.5 → 70.
    plan = build(tmp_path, INDIVIDUAL.format(share_a="70", share_c="30", **BANDS_AT_90).replace(
        'kpi j1 "ตัวชี้วัดที่ 1" weight 15%', 'kpi j1 "ตัวชี้วัดที่ 1" weight 50%').replace(
        'kpi j2 "ตัวชี้วัดที่ 2" weight 20%', 'kpi j2 "ตัวชี้วัดที่ 2" weight 50%').replace(
        '            kpi j3 "ตัวชี้วัดที่ 3" weight 15% { ladder <=65 70 75 80 85 }\n'
        '            kpi j4 "ตัวชี้วัดที่ 4" weight 30% { ladder <=65 70 75 80 85 }\n'
        '            kpi j5 "ตัวชี้วัดที่ 5" weight 20% { ladder <=70 75 80 90 >=95 }\n', ''))
    report = score_agreement(plan, "janya", inputs(j1={"result": "80"}, j2={"result": "80"}))
    assert report.find("j1").score == 4 and report.find("j2").score == 3
    assert report.find("achievement").score == 70
    assert report.find("achievement").explanation.rule_en == "(4 × 50% + 3 × 50%) = 3.5; × 20 = 70"


@pytest.mark.parametrize("share_a, share_c, total", [("70", "30", "70.8"), ("80", "20", "71.2")])
def test_individual_shares(tmp_path, share_a, share_c, total):
    plan = individual_plan(tmp_path, share_a, share_c)
    report = score_agreement(plan, "janya", janya(("3.5", "3", "4.5", "3", "4.5"), ("4", "3", "4", "3", "3")))
    assert report.total == D(total)


# ---- 11. rating bands at their boundaries --------------------------------------------------------------

ALL_4_5 = ("4.5",) * 5   # 90 on both components: the total is exactly 90


def test_band_boundary_exactly_90_is_the_band_above(tmp_path):
    plan = individual_plan(tmp_path)
    report = score_agreement(plan, "janya", janya(ALL_4_5, ALL_4_5))
    assert str(report.final) == "90.0000"
    assert report.band.id == "excellent"
    assert report.band_explanation.rule_en == "90 is >= 90 and <= 100: ดีเด่น"


def test_band_boundary_89_9999_is_the_band_below(tmp_path):
    plan = individual_plan(tmp_path)
    # achievement 4.49999 × 20 = 89.9998; 89.9998 × 70% + 90 × 30% = 89.99986 → 89.9999
    report = score_agreement(plan, "janya", janya(("4.49999",) * 5, ALL_4_5))
    assert str(report.final) == "89.9999"
    assert report.band.id == "very_good"


def test_band_boundary_declared_the_other_way(tmp_path):
    plan = individual_plan(tmp_path, bands={"top": "> 90", "below_top": "<= 90"})
    assert score_agreement(plan, "janya", janya(ALL_4_5, ALL_4_5)).band.id == "very_good"
    assert score_agreement(plan, "janya", janya(("4.5001",) * 5, ALL_4_5)).band.id == "excellent"


def test_band_gives_the_raise_range(tmp_path):
    plan = individual_plan(tmp_path)
    report = score_agreement(plan, "janya", janya(("3.5", "3", "4.5", "3", "4.5"), ("4", "3", "4", "3", "3")))
    assert report.raise_range == (D("2.5"), D("3"))
    report = score_agreement(plan, "janya", janya(("1",) * 5, ("1",) * 5))
    assert report.band.id == "poor" and report.raise_range == (0, 0)


def test_a_band_that_declares_no_raise_gives_no_raise_range(tmp_path):
    # ต้องปรับปรุง written without `raise none` (a framework without salary rules): a total of 20
    # falls in it, and its raise range is none, not 0–0
    text = INDIVIDUAL.format(share_a="70", share_c="30", **BANDS_AT_90)
    assert text.count(" raise none") == 1
    plan = build(tmp_path, text.replace(" raise none", ""))
    report = score_agreement(plan, "janya", janya(("1",) * 5, ("1",) * 5))
    assert (report.final, report.band.id, report.raise_range) == (D("20.0000"), "poor", None)


def test_a_band_of_a_plan_file_without_a_bound_holds_nothing(tmp_path):
    # a plan file may write a band's bound as null (plan.schema.json): ต้องปรับปรุง without its
    # lower bound holds no total, 20 is in no band; ดี still holds janya's 70.8 (seed 001)
    plan = copy.deepcopy(individual_plan(tmp_path))
    (poor,) = [b for b in plan["bands"][0]["bands"] if b["id"] == "poor"]
    poor["lower"] = None
    low = score_agreement(plan, "janya", janya(("1",) * 5, ("1",) * 5))
    assert (low.final, low.band, low.raise_range) == (D("20.0000"), None, None)
    seed = score_agreement(plan, "janya", janya(("3.5", "3", "4.5", "3", "4.5"), ("4", "3", "4", "3", "3")))
    assert (seed.final, seed.band.id, seed.raise_range) == (D("70.8000"), "good", (D("2.5"), D("3")))


# ---- 12. salary raise ------------------------------------------------------------------------------------

SALARY = """
    framework individual "ข้าราชการ" {{
        fiscal_year 2554
        bands raise_bands
        round r1 "รอบที่ 1" period 1 ต.ค. 2553 - 31 มี.ค. 2554
        component achievement "ผลสัมฤทธิ์ของงาน" share 70% {{ multiplier 20; agreed_kpis }}
        component competency "สมรรถนะ" share 30% {{ multiplier 20; agreed_kpis }}
        salary {{
            pool 3% on 1 มี.ค. 2554 round r1
            cap 6%
            base midpoint
            rounding {rounding}
            grade senior "ชำนาญการพิเศษ" min 21080 lower_mid 29100 split_at 29400 upper_mid 37200 max 45000
        }}
    }}

    bands raise_bands "ระดับผล" {{
        range 0 100
        band excellent "ดีเด่น" >= 90 <= 100 raise 4.5% - 6%
        band good "ดี" >= 60 < 90 raise 3% - 4%
        band poor "ต้องปรับปรุง" >= 0 < 60 raise none
    }}

    agreement p "ผู้รับการประเมิน" {{
        framework individual; round r1
        salary {salary}
        grade senior
        component achievement {{ kpi 1 "งาน" weight 100 {{ owner_score }} }}
        component competency {{ competency c1 "สมรรถนะ" weight 100 {{ owner_score }} }}
    }}
"""


def salary_report(tmp_path: Path, salary: str, raise_: str, rounding: str = "up 10"):
    plan = build(tmp_path, SALARY.format(salary=salary, rounding=rounding))
    return score_agreement(plan, "p", inputs(raise_=raise_, k_1={"score": "4"}, c1={"score": "4"}))


def test_salary_raise_of_the_upper_mid_point_rounded_up_to_10_baht(tmp_path):
    report = salary_report(tmp_path, "40000", "3.03")
    assert report.band.id == "good" and not report.problems
    assert report.amount == 1130                     # 37,200 × 3.03% = 1,127.16 → 1,130 (docs/scoring.md, rule 12)
    rule = report.amount_explanation.rule_en
    # baht as a form writes them, with thousands separators and satang (seed 001 slide 91: 36,020)
    assert "upper half" in rule and "37,200 × 3.03% = 1,127.16" in rule and rule.endswith("= 1,130")
    assert "salary 40,000 is in the upper half" in rule
    # the score table too; the JSON's amount stays the plain figure
    assert "  amount: 1,130\n" in report_text(report, "", lang="en")
    assert as_dict(report)["amount"] == "1130" and csv_row(report, None, None)[-1] == "1130"


def test_salary_in_the_lower_half_uses_the_lower_mid_point(tmp_path):
    report = salary_report(tmp_path, "25000", "3.5")
    assert report.amount == 1020                     # 29,100 × 3.5% = 1,018.5 → 1,020
    assert "lower half" in report.amount_explanation.rule_en


def test_salary_at_the_split_is_in_the_upper_half(tmp_path):
    assert salary_report(tmp_path, "29400", "3").amount == 1120  # 37,200 × 3% = 1,116 → 1,120


def test_salary_rounds_up_not_to_the_nearest(tmp_path):
    assert salary_report(tmp_path / "a", "40000", "3.5").amount == 1310  # 1,302 → 1,310 (nearest: 1,300)
    assert salary_report(tmp_path / "b", "25000", "4").amount == 1170    # 29,100 × 4% = 1,164 → 1,170


def test_salary_rounding_half_up_to_10(tmp_path):
    assert salary_report(tmp_path, "40000", "3.03", rounding="half_up 10").amount == 1130
    assert salary_report(tmp_path / "b", "40000", "3", rounding="half_up 10").amount == 1120  # 1,116


@pytest.mark.parametrize("raise_, code, message", [
    ("2", "Q023", "raise 2% is outside the range of band good (3–4%)"),
    ("6.5", "Q024", "raise 6.5% exceeds the 6% cap"),
])
def test_salary_raise_outside_band_or_cap_is_a_problem(tmp_path, raise_, code, message):
    report = salary_report(tmp_path, "40000", raise_)
    assert (code, message) in [(p.code, p.message_en) for p in report.problems]


def test_a_raise_of_the_cap_itself_is_within_it(tmp_path):
    # 5 and 5 give 100, ดีเด่น (4.5–6%): 6% is the cap, not over it; 37,200 × 6% = 2,232 → 2,240
    plan = build(tmp_path, SALARY.format(salary="40000", rounding="up 10"))
    report = score_agreement(plan, "p", inputs(raise_="6", k_1={"score": "5"}, c1={"score": "5"}))
    assert (report.band.id, report.problems, report.amount) == ("excellent", [], 2240)


def test_a_raise_outside_its_band_and_over_the_cap_names_the_band_and_the_salary_rules(tmp_path):
    # 6.5% for a total in band ดี (3–4%) over the 6% cap: Q023 at the band's line, in Thai by
    # the band's title, and Q024 at the salary rules'; both about the `raise` cell
    report = salary_report(tmp_path, "40000", "6.5")
    q023, q024 = report.problems
    assert (q023.code, q023.message_th, q023.column) == ("Q023", "ร้อยละการเลื่อน 6.5 อยู่นอกช่วงของระดับผล ดี (3–4%)", "raise")
    assert q023.source == {"path": "rules.kpi", "line": line_of(tmp_path, 'band good "ดี"')}
    assert (q024.code, q024.message_th, q024.column) == ("Q024", "ร้อยละการเลื่อน 6.5 เกินเพดานร้อยละ 6", "raise")
    assert q024.source == {"path": "rules.kpi", "line": line_of(tmp_path, "salary {")}


RULES_2554 = Path(__file__).resolve().parent.parent / "rules" / "2554"
INDIVIDUALS_2554 = Path(__file__).parent / "data" / "score" / "individuals_2554.csv"


def told_by_score(results: Path) -> list[tuple[str, str]]:
    """(place, code) of each diagnostic `kpidsl score` tells about ``results``."""
    from click.testing import CliRunner
    from kpidsl.cli import main
    result = CliRunner().invoke(main, ["score", str(RULES_2554), "--results", str(results), "--lang", "en"])
    assert result.exit_code == 1, result.output
    return re.findall(r"^(.+?): ([A-Z]\d{3}) error", result.output, re.M)


def janya_raise(raise_: str) -> tuple[list[str], list[str]]:
    """The header and janya's row of the shipped individual results (band good, 2.5–3%,
    cap 6%: rules/2554) with ``raise_`` as her raise."""
    header, janya = INDIVIDUALS_2554.read_text(encoding="utf-8").splitlines()[:2]
    header, janya = header.split(","), janya.split(",")
    janya[header.index("raise")] = raise_
    return header, janya


@pytest.mark.parametrize("raise_, codes", [("2%", ["Q023"]), ("6.5", ["Q023", "Q024"])])
def test_a_raise_outside_band_or_cap_is_told_at_the_raise_cell(tmp_path, raise_, codes):
    header, janya = janya_raise(raise_)
    table = tmp_path / "r.csv"
    table.write_text(",".join(header) + "\n" + ",".join(janya) + "\n", encoding="utf-8")
    column = len(",".join(janya[:header.index("raise")])) + 2  # 1-based, after the comma: 33
    assert column == 33
    assert told_by_score(table) == [(f"{table}:2:{column}", code) for code in codes]  # not :2:1 (the row)
    # a JSON results file: at the `"raise":` key, as its other cells are
    doc = tmp_path / "r.json"
    doc.write_text('[{"agreement": "janya_2554_r1", "round": "1",\n'
                   f'  "raise": "{raise_}",\n'
                   '  "results": {' + ", ".join(f'"{h.split(":")[0]}": "{v}"' for h, v in zip(header, janya)
                                                if h[0] in "jc" and v) + "}}]\n", encoding="utf-8")
    assert told_by_score(doc) == [(f"{doc}:2:3", code) for code in codes]


def test_a_raise_outside_its_band_in_a_workbook_is_told_at_its_cell(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    header, janya = janya_raise("2%")
    wb = openpyxl.Workbook()
    wb.active.title = "ผลการประเมิน"
    wb.active.append(header)
    wb.active.append(janya)
    wb.save(tmp_path / "book.xlsx")
    letter = openpyxl.utils.get_column_letter(header.index("raise") + 1)
    assert letter == "D"
    assert told_by_score(tmp_path / "book.xlsx") == [(f"{tmp_path / 'book.xlsx'} › ผลการประเมิน!D2", "Q023")]


def told_by_score_of(rules: Path, results: Path) -> list[tuple[str, str]]:
    """(place, code) of each diagnostic `kpidsl score RULES` tells about ``results``."""
    from click.testing import CliRunner
    from kpidsl.cli import main
    result = CliRunner().invoke(main, ["score", str(rules), "--results", str(results), "--lang", "en"])
    assert result.exit_code == 1, result.output
    return re.findall(r"^(.+?): ([A-Z]\d{3}) error", result.output, re.M)


def test_a_division_by_zero_is_told_at_the_divisors_cell(tmp_path):
    # Q019 (the evaluator's) at the cell of Y2, the input that is 0: not the row's first column.
    build(tmp_path, FORMULA)
    header = ["agreement", "8:X1", "8:X2", "8:X3", "8:X4", "8:Y1", "8:Y2", "8:Y3", "8:Y4"]
    row = ["a", "90", "180", "270", "360", "100", "0", "300", "400"]
    table = tmp_path / "r.csv"
    table.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    column = len(",".join(row[:header.index("8:Y2")])) + 2
    assert column == 22
    assert told_by_score_of(tmp_path / "rs", table) == [(f"{table}:2:{column}", "Q019")]
    doc = tmp_path / "r.json"
    doc.write_text('[{"agreement": "a",\n  "results": {"8": {"X1": 90, "X2": 180, "X3": 270, "X4": 360,\n'
                   '    "Y1": 100,\n    "Y2": 0, "Y3": 300, "Y4": 400}}}]\n', encoding="utf-8")
    assert told_by_score_of(tmp_path / "rs", doc) == [(f"{doc}:4:5", "Q019")]


def test_a_division_by_zero_in_a_workbook_is_told_at_its_cell(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    build(tmp_path, FORMULA)
    wb = openpyxl.Workbook()
    wb.active.title = "ผลการประเมิน"
    wb.active.append(["agreement", "8:X1", "8:X2", "8:X3", "8:X4", "8:Y1", "8:Y2", "8:Y3", "8:Y4"])
    wb.active.append(["a", 90, 180, 270, 360, 100, 0, 300, 400])
    wb.save(tmp_path / "book.xlsx")
    assert told_by_score_of(tmp_path / "rs", tmp_path / "book.xlsx") == [
        (f"{tmp_path / 'book.xlsx'} › ผลการประเมิน!G2", "Q019")]


@pytest.mark.parametrize("cell", ["5.5", "-1"])
def test_a_score_outside_its_scale_is_told_at_its_cell(tmp_path, cell):
    # The reader tells it (Q004) before the evaluator could (Q017): at the score's cell.
    header, janya = janya_raise("3%")
    janya[header.index("j3:score")] = cell
    table = tmp_path / "r.csv"
    table.write_text(",".join(header) + "\n" + ",".join(janya) + "\n", encoding="utf-8")
    column = len(",".join(janya[:header.index("j3:score")])) + 2
    assert column == 42
    assert told_by_score(table) == [(f"{table}:2:{column}", "Q004")]


def test_the_evaluators_score_problems_name_their_cell(tmp_path):
    # Q017 (a score given outside 0–5) names the cell it is about, as Q023 names `raise`: a
    # record read from a file tells it there (Record.cell_span), not at the row's first column.
    from kpidsl.score.results import collect, read_results
    plan = build(tmp_path, COMPOSITE)
    table = tmp_path / "r.csv"
    table.write_text("agreement,11:survey,11:checklist,12,13:measured,13:owner\na,4,3,3.2,78,4\n", encoding="utf-8")
    (record,), diags = collect(read_results(table, plan))
    assert diags == []
    record.inputs.entries["12"].fields["score"] = D("5.5")  # as a caller's own inputs may say
    (problem,) = score_agreement(plan, "a", record.inputs).problems
    assert (problem.code, problem.column) == ("Q017", ("12", "score"))
    span = record.cell_span(problem.column)
    assert (span.path, span.line, span.column) == (str(table), 2, 7)  # a,4,3,^3.2


# ---- 9. late report penalty --------------------------------------------------------------------------------

PROVINCE = """
    framework province "จังหวัด" {{
        fiscal_year 2554{policy}
        round sar12 "SAR รอบ 12 เดือน" period 1 ตุลาคม 2553 – 30 กันยายน 2554 due {due} outside_year {{
            late_penalty 0.0500 per {per}
        }}
        dimension 1 "ประสิทธิผล" weight 100 {{
            kpi 1.1 "ตัวชี้วัด" weight 100 {{ owner_score }}
        }}
    }}
    holidays {{
        country TH
        {changes}
    }}
    agreement province_a "จังหวัดตัวอย่าง" {{ framework province }}
"""


def late(tmp_path: Path, submitted: dt.date, due: str = "31 ตุลาคม 2554", per: str = "working_day",
         changes: str = "", policy: str = ""):
    plan = build(tmp_path, PROVINCE.format(due=due, per=per, changes=changes, policy=policy))
    return score_agreement(plan, "province_a", inputs(round_="sar12", submitted=submitted, k_1_1={"score": "3.5"}))


def test_late_sar_three_working_days(tmp_path):
    # Due Monday 31 ต.ค. 2554 (itself a flood holiday in the `holidays` package); sent Thursday 3 พ.ย. 2554.
    report = late(tmp_path, dt.date(2011, 11, 3))
    assert report.penalty == D("0.15")                      # 3 × 0.0500 (seed 002)
    assert str(report.final) == "3.3500"
    assert "3 working days late (2011-11-01, 2011-11-02, 2011-11-03)" in report.penalty_explanation.rule_en


@pytest.mark.parametrize("policy, final", [("", "0.0000"), ("\n        policy { penalty_floor 0 }", "0.0000"),
                                           ("\n        หลักเกณฑ์ { ปรับลดไม่ต่ำกว่า 1 }", "1.0000"),
                                           ("\n        policy { penalty_floor none }", "-1.3500")])
def test_a_penalty_past_the_total_stops_at_the_penalty_floor(tmp_path, policy, final):
    """Seed 002's 0.0500 "ของคะแนนรวม" a working day, 97 working days late (1 Nov 2011 – 21 Mar
    2012): 4.85 off a total of 3.5. The penalty takes at most the whole total (penalty_floor 0,
    the default): 0, not −1.35; `none` publishes −1.3500, a floor of 1 keeps 1."""
    report = late(tmp_path, dt.date(2012, 3, 21), policy=policy)
    assert report.penalty == D("4.85")
    assert str(report.final) == final


def test_a_total_below_the_penalty_floor_keeps_its_figure(tmp_path):
    """A floor bounds what the penalty takes, it adds nothing: 0.5 on time under a floor of 1 is 0.5,
    and 0.5 one working day late is 0.5 too (the penalty would take it below the floor)."""
    for day, penalty in ((dt.date(2011, 10, 31), D(0)), (dt.date(2011, 11, 1), D("0.05"))):
        plan = build(tmp_path / day.isoformat(), PROVINCE.format(
            due="31 ตุลาคม 2554", per="working_day", changes="", policy="\n        policy { penalty_floor 1 }"))
        report = score_agreement(plan, "province_a", inputs(round_="sar12", submitted=day, k_1_1={"score": "0.5"}))
        assert report.penalty == penalty
        assert str(report.final) == "0.5000"


def test_late_penalty_skips_the_2011_flood_holidays(tmp_path):
    # Due Wednesday 26 Oct 2011; 27–31 Oct were declared holidays (floods), 29–30 a weekend: 1 Nov is day 1.
    report = late(tmp_path, dt.date(2011, 11, 1), due="26 ตุลาคม 2554")
    assert report.penalty == D("0.05")


def test_on_time_has_no_penalty(tmp_path):
    for day in (dt.date(2011, 10, 31), dt.date(2011, 10, 1)):
        report = late(tmp_path / day.isoformat(), day)
        assert not report.penalty and str(report.final) == "3.5000"


def test_holidays_added_and_removed_by_the_rule_set(tmp_path):
    added = late(tmp_path / "add", dt.date(2011, 11, 3), changes='add 2 พ.ย. 2554 "วันหยุดพิเศษ"')
    assert added.penalty == D("0.10")
    removed = late(tmp_path / "remove", dt.date(2011, 11, 1), due="26 ตุลาคม 2554", changes="remove 28 ต.ค. 2554")
    assert removed.penalty == D("0.10")   # 28 Oct counts again


def test_working_days_over_weekends_and_holidays():
    plan_holidays = Holidays("TH", (), ())
    days, dates = working_days_late(dt.date(2011, 12, 2), dt.date(2011, 12, 13), plan_holidays)
    # Sat 3, Sun 4, Mon 5 (King's birthday), Sat 10, Sun 11, Mon 12 (Constitution Day in lieu) are off.
    assert dates == [dt.date(2011, 12, d) for d in (6, 7, 8, 9, 13)]
    assert days == 5
    assert working_days_late(dt.date(2011, 12, 2), dt.date(2011, 12, 2), plan_holidays) == (0, [])


def test_declared_holidays_are_every_day_of_their_spans_with_or_without_a_country():
    from kpidsl.days_off import holidays_off

    nov, dec = (lambda d: dt.date(2011, 11, d)), (lambda d: dt.date(2011, 12, d))
    # no country: only the days declared, each day of a span from its first to its last
    assert holidays_off(None, [(nov(2), nov(4))], [], range(2011, 2012)) == {nov(2), nov(3), nov(4)}
    # with Thailand's: the country's days, then every span added, less the days removed
    off = holidays_off("TH", [(nov(2), nov(2)), (nov(15), nov(16))], [(dec(5), dec(5))], range(2011, 2012))
    assert {nov(2), nov(15), nov(16), dec(10)} <= off  # 10 Dec 2011: Constitution Day
    assert dec(5) not in off and nov(3) not in off


def test_late_penalty_per_calendar_day(tmp_path):
    # `late_penalty 0.05 per day` counts calendar days, not working days.
    report = late(tmp_path, dt.date(2011, 11, 3), per="day")
    assert report.penalty == D("0.15")
    # the days counted are the ones after the due date (seed 002's 31 Oct 2554), not before it
    assert report.penalty_explanation.rule_en == (
        "report due 2011-10-31, submitted 2011-11-03: 3 days late (2011-11-01, 2011-11-02, 2011-11-03) × 0.05 = 0.15")
    report = late(tmp_path / "b", dt.date(2011, 11, 7), per="day")   # 1–7 Nov: 7 days, 5 of them working days
    assert report.penalty == D("0.35")
    assert "7 days late" in report.penalty_explanation.rule_en


# ---- examples written in rule files --------------------------------------------------------------------------

EXAMPLE = """
    framework f "F" {{
        fiscal_year 2555
        dimension d "D" weight 100 {{
            kpi 5 "พึงพอใจ" weight 70 {{ ladder 65 70 75 80 85 }}
            kpi 6 "นโยบาย" weight 30 {{ ladder 65 70 75 80 85 }}
        }}
    }}
    agreement a "A" {{ framework f }}
    example e "ตัวอย่าง" {{
        agreement a
        given {{ kpi 5 result 78; kpi 6 result 88 }}
        expect {{ kpi 5 score 3.6; kpi 6 score 5; kpi 5 weighted 2.52; total {total} }}
    }}
"""


def test_run_example_passes(tmp_path):
    plan = build(tmp_path, EXAMPLE.format(total="4.0200"))
    (example,) = plan_of(plan).examples
    result = run_example(plan, example)
    assert result.passed, result.checks
    assert [c.what for c in result.checks] == ["kpi 5 score", "kpi 6 score", "kpi 5 weighted", "total"]


def test_run_example_reports_expected_and_got(tmp_path):
    plan = build(tmp_path, EXAMPLE.format(total="4.0300"))
    result = run_example(plan, plan_of(plan).examples[0])
    assert not result.passed
    (failed,) = [c for c in result.checks if not c.passed]
    assert (failed.what, failed.expected, failed.got) == ("total", "4.0300", "4.0200")
    assert failed.explanation_en == "Σ weighted score = 4.02"  # one root: dimension d
    assert failed.source == Source("rules.kpi", line_of(tmp_path, "expect {"))


# ---- nothing is left silently unscored ------------------------------------------------------------------

COMPETENCIES = """
    framework individual "ข้าราชการ" {{
        fiscal_year 2554
        component achievement "ผลสัมฤทธิ์ของงาน" share 70% {{ multiplier 20 }}
        component competency "สมรรถนะ" share 30% {{
            multiplier 20
            competency service "การมุ่งบริการที่ดี" {weight} {{ scale behaviour }}
            competency team "การทำงานเป็นทีม" {weight} {{ scale behaviour }}
        }}
""" + BEHAVIOUR_SCALE + """    }}
    agreement p "ผู้รับการประเมิน" {{
        framework individual
        component achievement {{ kpi 1 "งาน" weight 100 {{ owner_score }} }}
    }}
"""


def test_a_competency_on_its_own_scale_needs_its_score(tmp_path):
    plan = build(tmp_path, COMPETENCIES.format(weight="weight 50"))
    service = plan["agreements"][0]["nodes"][1]["children"][0]
    assert service["scoring"] == {"kind": "scale", "scale": "behaviour"}
    report = score_agreement(plan, "p", inputs(k_1={"score": "4"}, service={"score": "4"}))
    assert report.missing == ["competency team: score"] and report.total is None
    report = score_agreement(plan, "p", inputs(k_1={"score": "4"}, service={"score": "4"}, team={"score": "3"}))
    assert report.find("competency").score == 70 and report.total == D("77")   # 80 × 70% + 70 × 30%


def test_competencies_without_weights_are_a_problem_not_a_silent_blank(tmp_path):
    folder = tmp_path / "rs"
    folder.mkdir()
    (folder / "rules.kpi").write_text(textwrap.dedent(COMPETENCIES.format(weight="")), encoding="utf-8")
    result = check_paths([folder])
    # The checker stops it first (W008 at each competency), and the scorer still refuses a
    # plan compiled in spite of the errors rather than leave the total blank.
    assert [(d.code, d.span.line) for d in result.diagnostics] == [
        ("W008", line_of(tmp_path, "competency service")), ("W008", line_of(tmp_path, "competency team"))]
    (rs,) = result.rule_sets
    plan = compile_plan(rs, Path(rs.name))
    report = score_agreement(plan, "p", inputs(k_1={"score": "4"}, service={"score": "4"}, team={"score": "3"}))
    assert report.total is None
    (problem,) = report.problems
    assert problem.message_en == "component competency cannot be added up: service, team have no weight"
    assert problem.source == {"path": "rules.kpi", "line": line_of(tmp_path, 'component competency "สมรรถนะ"')}


def test_an_indicator_without_a_scoring_rule_takes_a_score(tmp_path):
    plan = build(tmp_path, """
        framework f "F" {
            fiscal_year 2555
            dimension d "D" weight 100 {
                kpi 1 "ไม่มีเกณฑ์" weight 40
                kpi 2 "มีเกณฑ์" weight 60 { ladder 65 70 75 80 85 }
            }
        }
        agreement a "A" { framework f }
    """)
    report = score_agreement(plan, "a", inputs(k_2={"result": "78"}))
    assert report.missing == ["kpi 1: score"] and report.total is None
    report = score_agreement(plan, "a", inputs(k_1={"score": "4"}, k_2={"result": "78"}))
    assert report.total == D("3.76")   # (40 × 4 + 60 × 3.6) / 100


def test_scores_do_not_depend_on_the_callers_decimal_context(tmp_path):
    plan = build(tmp_path, WEIGHTED)
    given = inputs(k_9_1={"result": "92"}, k_9_2={"result": "100"})
    reference = score_agreement(plan, "a", given).final
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        assert score_agreement(plan, "a", given).final == reference
    dept = check_paths([Path(__file__).resolve().parent.parent / "rules" / "2555"])
    (rs,) = dept.rule_sets
    shipped = compile_plan(rs, Path(rs.name))
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        assert run_example(shipped, plan_of(shipped).examples[0]).passed


def test_an_evaluator_made_under_a_callers_one_digit_context_scores_as_its_own(tmp_path):
    # the first score of a plan makes its evaluator, whose weighted averages' ΣW and groups'
    # summed weights are worked as it is made: in a caller's context of one digit, seed 003's
    # department of every kind still totals 3.5282 (rules/2555 dept_all_kinds)
    dept = check_paths([Path(__file__).resolve().parent.parent / "rules" / "2555"])
    (rs,) = dept.rule_sets
    shipped = compile_plan(rs, Path(rs.name))  # a plan not scored before: no evaluator yet
    with decimal.localcontext() as ctx:
        ctx.prec = 1
        result = run_example(shipped, plan_of(shipped).example("dept_all_kinds"))
    assert result.passed and [(c.what, c.got) for c in result.checks if c.what == "total"] == [("total", "3.5282")]


def test_an_example_checks_the_raise_amount(tmp_path):
    # The raise % is given in the example; the amount is expected: 37,200 × 3.03% = 1,127.16 → 1,130.
    text = SALARY.format(salary="40000", rounding="up 10") + """
        example raise "เลื่อนเงินเดือน" {
            agreement p
            given { kpi 1 score 4; competency c1 score 4; raise 3.03% }
            expect { total 80.0000; band good; amount 1130 }
        }
    """
    plan = build(tmp_path, text)
    result = run_example(plan, plan_of(plan).examples[0])
    assert result.passed, [(c.what, c.expected, c.got) for c in result.checks]
    assert result.report.raise_percent == D("3.03")


@pytest.mark.parametrize("country", ["th", "XX"])
def test_an_unknown_holiday_country_is_not_an_internal_error(tmp_path, monkeypatch, country):
    from click.testing import CliRunner

    from kpidsl.cli import main

    folder = tmp_path / "rs"
    folder.mkdir()
    (folder / "rules.kpi").write_text(textwrap.dedent(PROVINCE.format(
        due="31 ตุลาคม 2554", per="working_day", changes="", policy="")).replace("country TH", f"country {country}") + """
        example e "ส่งช้า" {
            agreement province_a
            round sar12
            given { kpi 1.1 score 3.5; submitted 3 พ.ย. 2554 }
            expect { penalty 0.1500 }
        }
    """, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["test", "rs", "--lang", "en"])
    assert "internal error" not in result.output
    assert result.exit_code in (0, 1)


def test_an_explanation_cuts_a_quotient_that_does_not_end_but_the_figure_keeps_its_digits():
    from kpidsl.score.numbers import shown

    exact = D("250.8") / D(70)
    assert shown(exact) == "3.5828571429…"
    assert shown(D("3.5828571428")) == "3.5828571428"  # ten decimals: shown as written
    assert shown(D("70.80")) == "70.8"
    assert len(str(exact)) > 20


def test_figures_as_written_at_their_bounds():
    from kpidsl.score.numbers import CONTEXT, fixed, plain, quantize, shown

    # eleven decimals are cut to ten; a quotient of 20 digits before the point keeps them all
    assert shown(D("0.12345678912")) == "0.1234567891…"
    assert shown(CONTEXT.divide(D(10 ** 19), D(7))) == "1428571428571428571.4285714286…"
    # no figure yet: a dash, wherever a figure is written
    assert shown(None) == plain(None) == fixed(None) == "–"
    assert fixed(D("70.8")) == "70.8000"  # published to 4 decimals unless told
    # rounded half up unless a rounding is given: 222.5 people are 223, half even 222
    assert (quantize(D("2.345"), 2), quantize(D("222.5"), 0), quantize(D("222.5"), 0, "half_even")) == (
        D("2.35"), D(223), D(222))


@pytest.mark.parametrize("total, band", [("100", "outstanding"), ("90", "outstanding"), ("89.99", "very_good"),
                                         ("80", "very_good"), ("70.8", "good"), ("60", "fair"), ("59.9999", "improve"),
                                         ("0", "improve"), ("100.01", None), ("-0.01", None)])
def test_a_total_within_a_band_of_2554(shipped_plan, total, band):
    # rules/2554/bands.kpi (seed 001): >= 90 <= 100 ดีเด่น, >= 80 < 90 ดีมาก, … >= 0 < 60:
    # within() is the rule the band table's pieces (kpidsl/score/evaluate/band_pieces.py) and
    # the properties of kpidsl/score/properties.py are held to
    from kpidsl.score.evaluate import PlanEvaluator, within

    table = PlanEvaluator(shipped_plan("2554")).get("janya_2554_r1").table
    assert [b.id for b in table.bands if within(Decimal(total), b)] == ([band] if band else [])


def test_a_band_without_both_bounds_holds_nothing(shipped_plan):
    from kpidsl.score.evaluate import PlanEvaluator, within

    (outstanding, *_) = PlanEvaluator(shipped_plan("2554")).get("janya_2554_r1").table.bands
    assert within(Decimal(95), outstanding)
    assert not within(Decimal(95), attrs.evolve(outstanding, upper=None))
    assert not within(Decimal(95), attrs.evolve(outstanding, lower=None))


def test_a_group_names_its_children_as_what_they_are(tmp_path):
    # a perspective holding a dimension and an indicator of its own: its mean is of "1 dimension
    # and 1 indicator", not of 2 indicators; the dimension's of its 1 indicator
    plan = build(tmp_path, """
        framework f "F" {
            fiscal_year 2555
            perspective p "P" weight 100 {
                dimension d "D" weight 60 {
                    kpi 1 "a" weight 60 { ladder 65 70 75 80 85 }
                }
                kpi 2 "b" weight 40 { ladder 65 70 75 80 85 }
            }
        }
        agreement a "A" { framework f }
    """)
    report = score_agreement(plan, "a", inputs(k_1={"result": "85"}, k_2={"result": "65"}))
    assert both(report.find("p").explanation) == (
        "weighted mean of 1 dimension and 1 indicator: 3.4 × 100 / 100 = 3.4",
        "ค่าเฉลี่ยถ่วงน้ำหนักของ 1 มิติและ 1 ตัวชี้วัด: 3.4 × 100 / 100 = 3.4")
    assert both(report.find("d").explanation) == (
        "weighted mean of 1 indicator: 3 × 100 / 60 = 5", "ค่าเฉลี่ยถ่วงน้ำหนักของ 1 ตัวชี้วัด: 3 × 100 / 60 = 5")
    blank = score_agreement(plan, "a", inputs())
    assert both(blank.find("p").explanation) == ("waits for its dimensions and indicators", "รอคะแนนของมิติและตัวชี้วัด")


def test_a_formulas_baht_inputs_print_as_money_and_stay_figures_in_json(tmp_path):
    # seed 003 slide 34: X and Y are baht (the rule file says หน่วย "บาท"); a quarter's budget in the
    # millions reads 1,250,000 in the explanation as on a Thai form, and the JSON keeps 1250000
    plan = build(tmp_path, FORMULA)
    given = {"X1": "1125000", "X2": "2250000", "X3": "3375000", "X4": "4500000",
             "Y1": "1250000", "Y2": "2500000", "Y3": "3750000", "Y4": "5000000.50"}
    report = score_agreement(plan, "a", inputs(k_8=given))
    rule = report.find("8").explanation.rule_en
    assert rule.startswith("mean(X1 / Y1, X2 / Y2, X3 / Y3, X4 / Y4) × 100 = mean(X1=1,125,000 / Y1=1,250,000, "
                           "X2=2,250,000 / Y2=2,500,000, X3=3,375,000 / Y3=3,750,000, X4=4,500,000 / Y4=5,000,000.50)")
    doc = as_dict(report, explain=True)
    node = doc["nodes"][0]["children"][0]
    assert node["explanation"]["inputs"]["X1"] == "1125000" and node["explanation"]["inputs"]["Y4"] == "5000000.5"
