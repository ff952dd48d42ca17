"""The survey sample size of seed 003 slide 52 (docs/scoring.md, rule 14):
Yamane's n = N / (1 + N e²), e = 0.05, with n rounded as declared (half up by default, so
that N = 500 gives 222.22 → 222 people, the seed's figure), and the seed's own table
(fewer than 500 → 222; 10,001–100,000 → 400) written as a declared table in rules/2555."""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from kpidsl.check import check_paths
from kpidsl.cli import main
from kpidsl.plan import compile_plan
from kpidsl.plan.model import Bound, SampleSize, Source
from kpidsl.plan.model.tables import SampleRow
from kpidsl.plan.read import typed_plan
from kpidsl.policies import SAMPLE_SIZE_ROUNDING
from kpidsl.score.sample_size import explain, for_agreement, sample_size, yamane

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "results_2555.csv"
FORMULA_ONLY = SampleSize("yamane", Decimal("0.05"), SAMPLE_SIZE_ROUNDING)


def test_n_500_is_222_point_22_and_222_people():
    assert round(yamane(Decimal(500), Decimal("0.05")), 2) == Decimal("222.22")
    s = sample_size(FORMULA_ONLY, Decimal(500))
    assert (s.n, s.row) == (Decimal(222), None)


@pytest.mark.parametrize("population, n", [(1000, 286), (10_000, 385), (100_000, 398), (100, 80)])
def test_the_formula_rounded_half_up(population, n):
    assert sample_size(FORMULA_ONLY, Decimal(population)).n == Decimal(n)


def test_declared_rounding_up_gives_223_for_500():
    assert sample_size(attrs.evolve(FORMULA_ONLY, rounding="up"), Decimal(500)).n == Decimal(223)


@pytest.fixture(scope="module")
def plan():
    result = check_paths([ROOT / "rules" / "2555"])
    assert not result.errors
    return compile_plan(result.rule_sets[0], ROOT / "rules" / "2555")


def test_the_shipped_rule_is_the_seeds_table(plan):
    rule = typed_plan(plan).framework("department").sample_size
    assert (rule.method, rule.error, rule.rounding, rule.citation) == ("yamane", Decimal("0.05"), "half_up",
                                                                       "003 สไลด์ 52")
    # the table's rows as the slide gives them; between them (and at 500) the formula
    assert sample_size(rule, Decimal(499)).n == Decimal(222)
    assert sample_size(rule, Decimal(500)).n == Decimal(222) and sample_size(rule, Decimal(500)).row is None
    assert sample_size(rule, Decimal(10_000)).n == Decimal(385)
    for boundary in (10_001, 55_000, 100_000):
        assert sample_size(rule, Decimal(boundary)).n == Decimal(400)
    assert sample_size(rule, Decimal(100_001)).n == Decimal(398)


def test_the_row_or_the_rule_is_where_n_came_from(plan):
    rule = typed_plan(plan).framework("department").sample_size
    below_500, from_10_001 = rule.table
    assert (sample_size(rule, Decimal(499)).row, sample_size(rule, Decimal(499)).source) == (below_500,
                                                                                           below_500.source)
    assert sample_size(rule, Decimal(55_000)).source == from_10_001.source == Source("department.kpi", 223)
    assert sample_size(rule, Decimal(500)).source == rule.source == Source("department.kpi", 217)


def test_a_row_may_exclude_its_lower_bound():
    # "> 10,000": 10,000 itself is the formula's 384.62 → 385, 10,000.5 the row's 400
    row = SampleRow(Bound(">", Decimal(10_000)), Bound("<=", Decimal(100_000)), Decimal(400), Source("t.kpi", 3))
    rule = attrs.evolve(FORMULA_ONLY, table=(row,))
    assert (sample_size(rule, Decimal(10_000)).n, sample_size(rule, Decimal(10_000)).row) == (Decimal(385), None)
    assert sample_size(rule, Decimal("10000.5")).row == row


def test_a_rule_without_a_rounding_rounds_half_up():
    s = sample_size(attrs.evolve(FORMULA_ONLY, rounding=None), Decimal(500))
    assert (s.n, s.rounding) == (Decimal(222), "half_up")


@pytest.mark.parametrize("population, en, th", [
    (499, "n = N / (1 + N e²) = 499 / (1 + 499 × 0.0025) = 222.02; the declared table gives N < 500: 222 people",
     "n = N / (1 + N e²) = 499 / (1 + 499 × 0.0025) = 222.02; ตารางที่กำหนด N < 500: 222 คน"),
    (500, "n = N / (1 + N e²) = 500 / (1 + 500 × 0.0025) = 222.22, rounded half_up to whole people: 222",
     "n = N / (1 + N e²) = 500 / (1 + 500 × 0.0025) = 222.22 ปัดเป็นจำนวนคน (half_up): 222 คน"),
    (55_000, "n = N / (1 + N e²) = 55000 / (1 + 55000 × 0.0025) = 397.11; the declared table gives "
             "N >= 10001 <= 100000: 400 people",
     "n = N / (1 + N e²) = 55000 / (1 + 55000 × 0.0025) = 397.11; ตารางที่กำหนด N >= 10001 <= 100000: 400 คน"),
])
def test_how_n_was_reached_in_both_languages(plan, population, en, th):
    told = explain(sample_size(typed_plan(plan).framework("department").sample_size, Decimal(population)))
    assert (told.en, told.th) == (en, th)


def test_population_from_the_agreement_and_from_the_results(plan):
    typed = typed_plan(plan)
    fw = typed.framework("department")
    agreement = attrs.evolve(typed.agreement("dept_example_2555"), population=Decimal(1000))
    assert for_agreement(fw, agreement, None).n == Decimal(286)
    assert for_agreement(fw, agreement, Decimal(500)).n == Decimal(222)  # the results win
    assert for_agreement(fw, attrs.evolve(agreement, population=None), None) is None
    # no one to survey, no sample; by the formula alone one person is surveyed (1 / 1.0025 → 1)
    assert for_agreement(fw, agreement, Decimal(0)) is None
    assert for_agreement(attrs.evolve(fw, sample_size=FORMULA_ONLY), agreement, Decimal(1)).n == Decimal(1)


def _results(tmp_path: Path, population: str) -> Path:
    header, row = list(csv.reader(io.StringIO(EXAMPLE.read_text(encoding="utf-8"))))[:2]
    path = tmp_path / "results.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header + ["ประชากร"], row + [population]])
    return path


def test_score_report_shows_the_sample(tmp_path):
    results = _results(tmp_path, "500")
    out = CliRunner().invoke(main, ["score", str(ROOT / "rules" / "2555"), "--results", str(results), "--explain",
                                    "--lang", "en"])
    assert out.exit_code == 0, out.output
    assert "survey sample: 222 people (N = 500, e = 5%)" in out.stdout
    assert "= 222.22, rounded half_up to whole people: 222" in out.stdout
    as_json = CliRunner().invoke(main, ["score", str(ROOT / "rules" / "2555"), "--results", str(results),
                                        "--format", "json"])
    assert json.loads(as_json.stdout)[0]["sample_size"]["n"] == "222"


@pytest.mark.parametrize("population, code", [("many", "Q003"), ("0", "Q004"), ("12.5", "Q004")])
def test_a_population_that_is_not_a_number_of_people_is_located(tmp_path, population, code):
    out = CliRunner().invoke(main, ["score", str(ROOT / "rules" / "2555"), "--results",
                                    str(_results(tmp_path, population)), "--lang", "en"])
    assert out.exit_code == 1
    assert ":2:" in out.stderr and code in out.stderr


def test_agreement_population_and_table_written_in_english(tmp_path):
    shutil.copytree(ROOT / "rules" / "2555", tmp_path / "2555")
    dept = tmp_path / "2555" / "department.kpi"
    text = dept.read_text(encoding="utf-8")
    start = text.index("    ขนาดตัวอย่าง ยามาเน่ 5% {")
    end = text.index("    }\n", start) + len("    }\n")
    dept.write_text(text[:start] + "    sample_size yamane 0.05 {\n        rounding down\n"
                    "        population >= 100,001 -> 400\n    }\n" + text[end:], encoding="utf-8")
    agreement = tmp_path / "2555" / "agreements" / "department_example.kpi"
    text = agreement.read_text(encoding="utf-8")
    first_brace = text.index("{", text.index("คำรับรอง"))
    agreement.write_text(text[:first_brace + 1] + "\n    population 1,000" + text[first_brace + 1:], encoding="utf-8")
    result = check_paths([tmp_path / "2555"])
    assert not result.errors, [d.message_en for d in result.diagnostics]
    plan = compile_plan(result.rule_sets[0], tmp_path / "2555")
    typed = typed_plan(plan)
    fw, a = typed.framework("department"), typed.agreement("dept_example_2555")
    assert a.population == Decimal(1000)
    assert for_agreement(fw, a, None).n == Decimal(285)  # 285.71, rounded down as declared
    assert for_agreement(fw, a, Decimal(200_000)).n == Decimal(400)


def test_a_bad_table_row_is_reported(tmp_path):
    shutil.copytree(ROOT / "rules" / "2555", tmp_path / "2555")
    dept = tmp_path / "2555" / "department.kpi"
    dept.write_text(dept.read_text(encoding="utf-8").replace("ประชากร < 500 -> 222", "ประชากร < 500 -> 22.5"),
                    encoding="utf-8")
    result = check_paths([tmp_path / "2555"])
    assert [d.code for d in result.diagnostics if d.is_error] == ["K005"]


def test_the_score_report_form_shows_the_sample(tmp_path, plan):
    from kpidsl.forms import score_report
    from kpidsl.score.engine import score_agreement
    from kpidsl.score.results import collect, read_results

    records, diags = collect(read_results(_results(tmp_path, "500"), plan))
    assert not diags
    report = score_agreement(plan, records[0].agreement, records[0].inputs)
    view = score_report.build(plan, "dept_example_2555", report, root="rules/2555")
    (sample,) = [t for t in view["totals"] if t["label_en"] == "survey sample (people)"]
    assert sample["value"] == "222" and "222.22" in sample["rule_en"] and "003 สไลด์ 52" in sample["citation"]


def test_diff_sees_a_table_row_changed_and_not_its_line_moved(tmp_path):
    for name in ("old", "new"):
        shutil.copytree(ROOT / "rules" / "2555", tmp_path / name)
    dept = tmp_path / "new" / "department.kpi"
    dept.write_text("# one line more above everything\n" + dept.read_text(encoding="utf-8"), encoding="utf-8")
    moved = CliRunner().invoke(main, ["diff", str(tmp_path / "old"), str(tmp_path / "new"), "--lang", "en"])
    assert "sample_size" not in moved.stdout
    dept.write_text(dept.read_text(encoding="utf-8").replace("-> 400", "-> 399"), encoding="utf-8")
    changed = CliRunner().invoke(main, ["diff", str(tmp_path / "old"), str(tmp_path / "new"), "--lang", "en"])
    assert "sample_size" in changed.stdout


@pytest.mark.parametrize("population, expected, passes", [
    ("500", "222", True),  # not in the row `< 500`: 222.22 → 222, slide 52's figure
    ("500", "223", False),
    ("2,160", "338", True),  # 337.5 exactly: half up
    ("2,160", "337", False),
])
def test_an_example_gives_a_population_and_expects_the_sample(plan, population, expected, passes):
    from kpidsl.score.examples import run_example

    example = next(x for x in plan["examples"] if x["id"] == "dept_sample_500")
    example = {**example, "given": [{**example["given"][0], "number": population.replace(",", "")}],
               "expect": [{**example["expect"][0], "number": expected}]}
    result = run_example(*typed_example(plan, example))
    assert result.passed is passes
    assert result.checks[0].got == {"500": "222", "2,160": "338"}[population]


def test_the_shipped_examples_give_the_population_as_written(plan):
    example = next(x for x in plan["examples"] if x["id"] == "dept_sample_2160")
    assert (example["given"][0]["field"], example["given"][0]["number"]) == ("population", "2160")
    assert (example["expect"][0]["field"], example["expect"][0]["number"]) == ("sample_size", "338")


def test_an_expected_sample_without_a_population_fails(plan):
    from kpidsl.score.examples import run_example

    example = next(x for x in plan["examples"] if x["id"] == "dept_sample_500")
    result = run_example(*typed_example(plan, {**example, "given": []}))
    assert not result.passed and result.checks[0].got == "–"


def typed_example(plan: dict, example: dict):
    """The typed plan and ``example`` (a changed copy of one of its examples) read typed."""
    from kpidsl.plan.read import typed_plan

    typed = typed_plan({**plan, "examples": [example if x["id"] == example["id"] else x for x in plan["examples"]]})
    return typed, typed.examples_by_id[example["id"]]
