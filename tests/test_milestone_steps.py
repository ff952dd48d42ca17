"""Milestone steps reported one by one (docs/scoring.md, rule 3): the score is
the number of steps done in a row from step 1 (1, 2, 3, 5 → 3) unless the rule set declares
`milestone_count listed`; a step done after its due date (seed 003 slide 32: steps 1–3 by
29 ก.พ. 2555, 4–5 by 31 ต.ค. 2555) is not counted unless it declares `late_step counted`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import time
from decimal import Decimal
from pathlib import Path

import pytest

from kpidsl.check import check_paths
from kpidsl.diagnostics.phrases import phrase
from kpidsl.diagnostics.registry import CODES
from kpidsl.plan import compile_plan
from kpidsl.score.engine import score_agreement
from kpidsl.score.milestone_steps import (StepsDone, explain, is_step_list, list_problem, read_mark, read_step_list,
                                          score_steps)
from kpidsl.score.results import collect, read_results

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "results_2555.csv"
DUE_2555 = {1: dt.date(2012, 2, 29), 2: dt.date(2012, 2, 29), 3: dt.date(2012, 2, 29),
            4: dt.date(2012, 10, 31), 5: dt.date(2012, 10, 31)}  # seed 003 slide 32


# ---- the pure rule ---------------------------------------------------------------------------------
def test_seed_reading_counts_steps_in_a_row_from_step_1():
    assert score_steps(StepsDone((1, 2, 3, 5)), DUE_2555, "consecutive", "not_counted").score == 3


@pytest.mark.parametrize("steps, consecutive, listed", [
    ((), 0, 0), ((2, 3, 4, 5), 0, 4), ((1,), 1, 1), ((1, 2, 3, 4, 5), 5, 5), ((5, 3, 2, 1), 3, 4)])
def test_consecutive_against_listed(steps, consecutive, listed):
    assert score_steps(StepsDone(steps), DUE_2555, "consecutive", "not_counted").score == consecutive
    assert score_steps(StepsDone(steps), DUE_2555, "listed", "not_counted").score == listed


def test_a_step_done_the_day_after_its_due_date_is_late():
    on_time = StepsDone((1, 2, 3), ((3, dt.date(2012, 2, 29)),))
    late = StepsDone((1, 2, 3), ((3, dt.date(2012, 3, 1)),))
    assert score_steps(on_time, DUE_2555, "consecutive", "not_counted").score == 3
    result = score_steps(late, DUE_2555, "consecutive", "not_counted")
    assert (result.score, result.late) == (2, (3,))
    assert score_steps(late, DUE_2555, "consecutive", "counted").score == 3
    assert score_steps(late, DUE_2555, "listed", "not_counted").counted == (1, 2)


LATE_3 = StepsDone((5, 1, 2, 3, 1), ((3, dt.date(2012, 3, 1)),))  # step 3 a day late (003 slide 32), 1 twice
LATE_3_5 = StepsDone((5, 1, 2, 3), ((3, dt.date(2012, 3, 1)), (5, dt.date(2012, 11, 1))))  # and step 5


@pytest.mark.parametrize("done, count_policy, late_policy, en, th", [
    (LATE_3, "consecutive", "not_counted",
     "steps done 1, 2, 3, 5 of 5; done after the due date, not counted: 3; steps done in a row from step 1: 1, 2 = 2",
     "ขั้นที่ทำ 1, 2, 3, 5 จาก 5 ขั้น; ทำหลังกำหนด ไม่นับ: 3; ขั้นที่ทำต่อเนื่องจากขั้นที่ 1: 1, 2 = 2"),
    (LATE_3_5, "listed", "counted",
     "steps done 1, 2, 3, 5 of 5; done after the due date, counted: 3, 5; every step done counts: 1, 2, 3, 5 = 4",
     "ขั้นที่ทำ 1, 2, 3, 5 จาก 5 ขั้น; ทำหลังกำหนด นับ: 3, 5; นับทุกขั้นที่ทำ: 1, 2, 3, 5 = 4"),
    (StepsDone((2, 4)), "consecutive", "not_counted",
     "steps done 2, 4 of 5; steps done in a row from step 1: none = 0",
     "ขั้นที่ทำ 2, 4 จาก 5 ขั้น; ขั้นที่ทำต่อเนื่องจากขั้นที่ 1: ไม่มี = 0"),
    (StepsDone(()), "listed", "not_counted",
     "steps done none of 5; every step done counts: none = 0",
     "ขั้นที่ทำ ไม่มี จาก 5 ขั้น; นับทุกขั้นที่ทำ: ไม่มี = 0"),
])
def test_the_rule_as_applied_in_both_languages(done, count_policy, late_policy, en, th):
    told = explain(score_steps(done, DUE_2555, count_policy, late_policy), done, 5)
    assert (told.en, told.th) == (en, th)


def test_a_step_without_a_due_date_is_never_late():
    assert score_steps(StepsDone((1,), ((1, dt.date(2030, 1, 1)),)), {1: None, 2: None}, "consecutive",
                       "not_counted").score == 1


@pytest.mark.parametrize("text, is_list", [("1 2 3 5", True), ("1,2,3", True), ("๑ ๒ ๓", True), ("3,", True),
                                           ("3", False), ("3.0", False), ("1 2 x", False), (",", False)])
def test_a_list_needs_two_numbers(text, is_list):
    assert is_step_list(text) is is_list


def test_list_reading_and_problems():
    assert read_step_list("๑ ๒ ๓ ๕") == (1, 2, 3, 5)
    assert list_problem((1, 2, 6), 5) == "6"
    assert list_problem((1, 2, 2), 5) == "2"
    assert list_problem((1, 2, 3, 5), 5) is None


@pytest.mark.parametrize("text, mark", [("✓", True), ("x", True), ("1", True), ("ใช่", True), ("", False),
                                        ("0", False), ("ไม่", False), ("29 ก.พ. 2555", None)])
def test_marks(text, mark):
    assert read_mark(text) is mark


# ---- through the results reader and the engine -------------------------------------------------------
@pytest.fixture(scope="module")
def plan():
    return _plan(ROOT / "rules" / "2555")


def _plan(folder: Path) -> dict:
    result = check_paths([folder])
    assert not result.errors
    rs = result.rule_sets[0]
    return compile_plan(rs, folder)


def _example(**changes: str) -> tuple[list[str], list[str]]:
    header, row = list(csv.reader(io.StringIO(EXAMPLE.read_text(encoding="utf-8"))))[:2]
    cells = dict(zip(header, row))
    cells.pop("7")
    cells.update(changes)
    return list(cells), list(cells.values())


def _read(tmp_path: Path, plan: dict, **changes: str):
    header, row = _example(**changes)
    path = tmp_path / "results.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, row])
    return collect(read_results(path, plan))


def _kpi7(plan: dict, record):
    report = score_agreement(plan, record.agreement, record.inputs)
    assert not report.missing and not report.problems
    return report.find("7")


def test_steps_cell_listing_1_2_3_5_scores_3(tmp_path, plan):
    records, diags = _read(tmp_path, plan, **{"7:steps": "1 2 3 5"})
    assert not diags
    node = _kpi7(plan, records[0])
    assert node.score == Decimal(3)
    assert node.explanation.rule_en == "steps done 1, 2, 3, 5 of 5; steps done in a row from step 1: 1, 2, 3 = 3"


def test_a_plain_count_is_still_a_count(tmp_path, plan):
    records, diags = _read(tmp_path, plan, **{"7:steps": "3"})
    assert not diags and not records[0].inputs.steps_done
    assert _kpi7(plan, records[0]).score == Decimal(3)


def test_a_column_per_step_with_dates_and_marks(tmp_path, plan):
    # step 3 sent 1 มี.ค. 2555, a day after its due date (003 slide 32): not counted, so 2
    records, diags = _read(tmp_path, plan, **{"7:1": "28 ก.พ. 2555", "7:2": "✓", "7:3": "1 มี.ค. 2555", "7:4": "",
                                              "7:5": "1"})
    assert not diags
    node = _kpi7(plan, records[0])
    assert node.score == Decimal(2)
    assert "3" in node.explanation.rule_en.split("not counted:")[1]


def test_a_count_and_a_step_column_together_are_given_twice(tmp_path, plan):
    _, diags = _read(tmp_path, plan, **{"7:steps": "3", "7:1": "✓"})
    assert [(d.code, d.span.line) for d in diags] == [("Q006", 2)]


def test_bad_step_cells_are_located(tmp_path, plan):
    _, diags = _read(tmp_path, plan, **{"7:steps": "1 2 6"})
    assert [(d.code, d.span.line) for d in diags] == [("Q004", 2)]
    header, _ = _example(**{"7:1": "maybe"})
    _, diags = _read(tmp_path, plan, **{"7:1": "maybe"})
    assert [(d.code, d.span.line, d.span.column) for d in diags][0][:2] == ("Q040", 2)


def test_json_list_of_steps(tmp_path, plan):
    header, row = _example()
    results = {h: v for h, v in zip(header, row) if h not in ("agreement", "round") and v}
    nested: dict = {}
    for key, value in results.items():
        node, _, field = key.partition(":")
        if field:
            nested.setdefault(node, {})[field] = value
        else:
            nested[node] = value
    for steps, score in (([1, 2, 3, 5], 3), ([3], 0), ([1], 1), ([], 0)):
        nested["7"] = {"steps": steps}
        path = tmp_path / "results.json"
        path.write_text(json.dumps({"agreement": "dept_example_2555", "results": nested}), encoding="utf-8")
        records, diags = collect(read_results(path, plan))
        assert not diags
        assert _kpi7(plan, records[0]).score == Decimal(score), steps


def test_the_batch_gives_the_list_the_figures_of_its_count(tmp_path):
    # the compiled scorer cannot read a list: the row goes to the engine, with the same total
    from click.testing import CliRunner

    from kpidsl.cli import main

    outputs = []
    for cell in ("1 2 3 5", "3"):
        header, row = _example(**{"7:steps": cell})
        path = tmp_path / f"r{len(outputs)}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([header, row])
        out = CliRunner().invoke(main, ["score", str(ROOT / "rules" / "2555"), "--results", str(path), "--format",
                                        "csv"])
        assert out.exit_code == 0, out.output
        outputs.append(out.stdout)
    assert outputs[0] == outputs[1] and ",3.5282," in outputs[0]


def test_listed_policy_declared_in_a_rule_set(tmp_path):
    shutil.copytree(ROOT / "rules" / "2555", tmp_path / "2555")
    dept = tmp_path / "2555" / "department.kpi"
    dept.write_text(dept.read_text(encoding="utf-8").replace("นับขั้น ต่อเนื่อง", "นับขั้น ทุกขั้นที่ทำ"),
                    encoding="utf-8")
    listed = _plan(tmp_path / "2555")
    assert listed["frameworks"][0]["policies"]["milestone_count"] == "listed"
    records, diags = _read(tmp_path, listed, **{"7:steps": "1 2 3 5"})
    assert _kpi7(listed, records[0]).score == Decimal(4)


def test_the_shipped_plan_declares_the_seed_reading(plan):
    fw = next(f for f in plan["frameworks"] if f["id"] == "department")
    assert (fw["policies"]["milestone_count"], fw["policies"]["late_step"]) == ("consecutive", "not_counted")
    assert fw["policy_sources"]["milestone_count"]["line"] > 0


def test_a_worked_example_may_list_the_steps_done(tmp_path):
    # `kpidsl test`: a rule author checks the declared reading on the seed's 1, 2, 3, 5
    from click.testing import CliRunner

    from kpidsl.cli import main

    shutil.copytree(ROOT / "rules" / "2555", tmp_path / "2555")
    example = tmp_path / "2555" / "agreements" / "steps.kpi"
    for expected, outcome in (("3.0000", 0), ("4.0000", 1)):
        example.write_text(
            "ตัวอย่าง dept_steps_in_a_row \"ขั้นที่ 1, 2, 3, 5 ทำแล้ว\" {\n"
            "    คำรับรอง dept_example_2555\n"
            "    ผลการดำเนินงาน {\n        ตัวชี้วัด 7 ขั้นที่ผ่าน \"1 2 3 5\"\n    }\n"
            f"    ผลที่คาด {{\n        ตัวชี้วัด 7 คะแนน {expected}\n    }}\n}}\n", encoding="utf-8")
        out = CliRunner().invoke(main, ["test", str(tmp_path / "2555"), "--lang", "en"])
        assert out.exit_code == outcome, out.output
        assert ("PASS" if outcome == 0 else "FAIL") + " dept_steps_in_a_row" in out.output


def _step_dates_example(tmp_path: Path, late_step: str, done: str) -> dict:
    """rules/2555 with one example: step 1 of 1.2.1 (due 31 ธ.ค. 2554) done on ``done``."""
    shutil.copytree(ROOT / "rules" / "2555", tmp_path / "2555")
    if late_step != "not_counted":
        dept = tmp_path / "2555" / "department.kpi"
        dept.write_text(dept.read_text(encoding="utf-8").replace("ขั้นที่ล่าช้า ไม่นับ", "ขั้นที่ล่าช้า นับ"),
                        encoding="utf-8")
    (tmp_path / "2555" / "agreements" / "step_dates.kpi").write_text(
        "ตัวอย่าง step_dates \"ขั้นที่ 1 ทำเสร็จวันหนึ่ง\" {\n"
        "    คำรับรอง dept_example_2555\n"
        f"    ผลการดำเนินงาน {{\n        ตัวชี้วัด 1.2.1 ขั้นที่ 1 {done}\n    }}\n"
        "    ผลที่คาด {\n        ตัวชี้วัด 1.2.1 คะแนน 1\n    }\n}\n", encoding="utf-8")
    plan = _plan(tmp_path / "2555")
    return next(x for x in plan["examples"] if x["id"] == "step_dates"), plan


@pytest.mark.parametrize("late_step, done, passes", [
    ("not_counted", "31 ธ.ค. 2554", True),  # on the due date: counted
    ("not_counted", "1 ม.ค. 2555", False),  # a day late: not counted, the score is 0
    ("counted", "1 ม.ค. 2555", True),  # a day late, counted by the declared policy
])
def test_a_worked_example_may_say_when_a_step_was_done(tmp_path, late_step, done, passes):
    from kpidsl.score.examples import inputs_of, run_example

    example, plan = _step_dates_example(tmp_path, late_step, done)
    fact = example["given"][0]
    assert (fact["field"], fact["step"]) == ("step_done", 1)
    assert inputs_of(typed_example(plan, example)[1]).steps_done["1.2.1"].date_of(1) == dt.date.fromisoformat(fact["date"]["end"])
    result = run_example(*typed_example(plan, example))
    assert result.passed is passes
    assert result.checks[0].got == ("1.0000" if passes else "0.0000")


def test_a_step_date_may_be_written_iso(tmp_path):
    example, _ = _step_dates_example(tmp_path, "not_counted", "2011-12-31")
    assert example["given"][0]["step"] == 1 and example["given"][0]["date"]["end"] == "2011-12-31"


def typed_example(plan: dict, example: dict):
    """The typed plan and ``example`` (a changed copy of one of its examples) read typed."""
    from kpidsl.plan.read import typed_plan

    typed = typed_plan({**plan, "examples": [example if x["id"] == example["id"] else x for x in plan["examples"]]})
    return typed, typed.examples_by_id[example["id"]]


@pytest.mark.parametrize("cell", [
    "1" + " " * 1000 + "2" + " " * 1000 + "x",  # long blanks between step numbers, then not a number
    "1" + " ,  " * 2000 + "x",
    "1" + "\t 1" * 5000 + " x",
])
def test_a_cell_of_long_blanks_is_told_from_a_list_of_steps_at_once(cell):
    """The pattern of a list of steps could split a run of blanks between two numbers in as
    many ways as it is long, and tried each when the cell turned out not to be a list: a
    3 KB cell took 40 s of `score` (cubic in the blanks). Each blank now reads one way."""
    started = time.process_time()
    assert not is_step_list(cell)
    assert time.process_time() - started < 0.5


def _as_registry_says(d, code: str, **fields):
    """``d`` against the diagnostic the registry makes of ``code`` and ``fields`` at its span:
    its words come from the registry, so the test checks what fills them, not the words."""
    expected = CODES[code].at(d.span, **fields)
    return (d.code, d.message_en, d.message_th) == (expected.code, expected.message_en, expected.message_th)


def test_a_step_column_past_the_last_step_is_refused_at_the_header(tmp_path, plan):
    # Q009, not a field kpi 7 takes: the header is read against the steps there are, so a step
    # cell past them never reaches kpidsl/score/step_cells.py (which no longer checks for one).
    _, diags = _read(tmp_path, plan, **{"7:6": "✓"})
    assert [(d.code, d.span.line) for d in diags] == [("Q009", 1)]


def test_bad_step_cells_say_what_was_wrong(tmp_path, plan):
    _, diags = _read(tmp_path, plan, **{"7:steps": " 1 2 6 "})
    (d,) = diags
    assert _as_registry_says(d, "Q004", what=phrase("steps-listed"), value="1 2 6", id="7",
                             range=phrase("steps-listed-range", count=5))
    _, diags = _read(tmp_path, plan, **{"7:1": " maybe "})
    (d,) = diags
    assert _as_registry_says(d, "Q040", text="maybe", column="7:1", step=1, id="7")
