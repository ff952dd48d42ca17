"""The rules of scoring written once and applied to one row or to a run of a batch's rows
(kpidsl/score/evaluate/shapes.py: steps applied to one figure or mapped over a column;
agreement.py _finish in the shapes ONE and MANY, the component rule's ``many``,
numbers.rounder's ``many``, report._lines) give for a run what they give row by row: the
seed's figures, rows with and without a score, and the batch's bytes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan
from kpidsl.score.batch import score_records
from kpidsl.score.evaluate import PlanEvaluator
from kpidsl.score.evaluate.kinds import SUM
from kpidsl.score.evaluate.shapes import OPERATOR_OF, apply, apply_all, has_none, written
from kpidsl.score.numbers import CONTEXT, computes_as_context, fixed, rounder
from kpidsl.score.report import FIXED_BY_STR

ROOT = Path(__file__).resolve().parent.parent
D = Decimal

figures = st.decimals(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False, places=12)


@given(st.lists(figures, min_size=1, max_size=20), st.integers(0, 8),
       st.sampled_from(["half_up", "half_even", "up", "down"]))
def test_rounded_many_is_rounded_of_each(values, decimals, rounding):
    rounded = rounder(decimals, rounding)
    assert list(rounded.many(values)) == [rounded(v) for v in values]
    assert [str(v) for v in rounded.many(values)] == [str(rounded(v)) for v in values]


@given(figures, st.integers(0, FIXED_BY_STR), st.sampled_from(["half_up", "half_even", "up", "down"]))
def test_a_published_total_is_written_by_str_as_fixed_writes_it(value, decimals, rounding):
    # report._lines writes a run's published totals by str() when they have FIXED_BY_STR or fewer decimals
    final = rounder(decimals, rounding)(value)
    assert str(final) == fixed(final, decimals)


def test_more_decimals_than_fixed_by_str_are_not_written_by_str():
    # why the bound: str() of a small figure with 7 decimals takes an exponent
    final = rounder(FIXED_BY_STR + 1)(D("0.0000001"))
    assert str(final) != fixed(final, FIXED_BY_STR + 1) == "0.0000001"


@pytest.fixture(scope="module")
def plan_2554():
    (rs,) = check_paths([ROOT / "rules" / "2554"]).rule_sets
    return compile_plan(rs, Path(rs.name))


def test_the_individual_total_s_terms_and_sums_seed_001(plan_2554):
    # seed 001: 72 × 70% + 68 × 30% = 50.4 + 20.4 = 70.8: each component weighed by its share (its
    # weighted score, the evaluator's term of the total), summed on one row and on a run of rows,
    # one of them without a score
    evaluator = PlanEvaluator(plan_2554).get("janya_2554_r1")
    achievement, competency = (evaluator.rules[i][2] for i in evaluator.component_indexes)
    assert achievement(D(72)) == D("50.4") and competency(D(68)) == D("20.4")
    assert apply(SUM, (D("50.4"), D("20.4"))) == D("70.8") and apply(SUM, (D(1), None)) is None
    terms = [[D("50.4"), None, achievement(D(80))], [D("20.4"), competency(D(50)), None]]
    assert terms == [[D("50.4"), None, D(56)], [D("20.4"), D(15), None]]
    assert apply_all(SUM, zip(*terms)) == [D("70.8"), None, None]
    assert has_none([D(1), None]) and not has_none([D(0), D(1)])


# figures of up to 40 digits and more, so that a step rounds at CONTEXT's precision
long_figures = st.decimals(min_value=D("-1e12"), max_value=D("1e12"), allow_nan=False, allow_infinity=False,
                           places=36)
methods = st.sampled_from(sorted(OPERATOR_OF, key=lambda method: method.__name__))


@settings(max_examples=200, deadline=None)
@given(st.lists(long_figures, min_size=1, max_size=12), methods, long_figures.filter(bool), methods,
       st.sampled_from([D(100), D(7), D("0.3"), D(3)]))
def test_a_run_s_steps_as_operators_are_context_s_methods(xs, first, a, second, b):
    # apply_all under CONTEXT maps CONTEXT's methods as their operators: the same figures, digit
    # for digit, as the methods give each figure (apply) at CONTEXT's 40 digits
    steps = written((first, a), (second, b))
    with decimal.localcontext(CONTEXT):
        run = apply_all(steps, xs)
    each = [second(first(x, a), b) for x in xs]
    assert [str(r) for r in run] == [str(e) for e in each] == [str(apply(steps, x)) for x in xs]


def test_a_step_that_rounds_at_40_digits_rounds_alike():
    # 1 / 3 and 2 / 3 at 40 digits, then × 3 and + 1e-45: each rounds, run and one alike
    xs = [D(1), D(2), D("1e-45"), D("12345678901234567890.12345678901234567891")]
    for steps in (written((CONTEXT.divide, D(3)), (CONTEXT.multiply, D(3))),
                  written((CONTEXT.add, D("1e-45")), (CONTEXT.subtract, D("0.1")))):
        with decimal.localcontext(CONTEXT):
            run = apply_all(steps, xs)
        assert [str(r) for r in run] == [str(apply(steps, x)) for x in xs]
    assert str(apply_all(written((CONTEXT.divide, D(3))), [D(1)])[0]) == "0." + "3" * 40


def test_under_another_context_a_run_s_steps_are_context_s_methods():
    # a caller's context of 10 digits: the operators would round there, so the methods run
    steps = written((CONTEXT.divide, D(3)),)
    with decimal.localcontext(decimal.Context(prec=10)) as other:
        assert not computes_as_context(other)
        assert apply_all(steps, [D(1)]) == [CONTEXT.divide(D(1), D(3))]
    same = CONTEXT.copy()
    assert computes_as_context(same) and computes_as_context(CONTEXT)
    same.traps[decimal.Inexact] = True
    assert not computes_as_context(same)


HEADER = "agreement,person,j1:score,j2:score,j3:score,j4:score,j5:score,c1,c2,c3,c4,c5"
scores = st.sampled_from(["1", "2", "2.5", "3", "3.5", "4", "4.5", "5", "3.25"])
levels = st.sampled_from(["1", "2", "3", "4", "5"])  # c1–c5: their scale's levels (scale_score whole)
row_cells = st.tuples(*[scores] * 5, *[levels] * 5).map(list)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(row_cells, min_size=1, max_size=40), st.booleans())
def test_runs_of_individual_rows_give_what_the_explaining_path_gives(plan_2554, tmp_path, rows, blank):
    # the component rule and the individual total, run-shaped over a run, against each row explained
    lines = [f"janya_2554_r1,P{n}," + ",".join(cells) for n, cells in enumerate(rows)]
    if blank:  # a competency without a score: the run goes row by row and says which
        lines.insert(len(lines) // 2, "janya_2554_r1,B1,3,3,3,3,3,4,,4,4,4")
    path = tmp_path / "r.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    fast = score_records(plan_2554, "2554", path, None, None, "csv", False, "en", None)
    slow = score_records(plan_2554, "2554", path, None, None, "csv", False, "en", None, fast=False)
    assert fast.text == slow.text
    assert [(d.code, d.span.line) for d in fast.diagnostics] == [(d.code, d.span.line) for d in slow.diagnostics]
    if blank:
        assert [d.code for d in fast.diagnostics] == ["Q007"]
    else:
        assert fast.text.count("\n") == 1 + len(rows)


def test_seed_001_s_summary_in_a_run(plan_2554, tmp_path):
    # the seed's own row (72 × 70% + 68 × 30% = 70.8) among others, scored a run at a time
    path = tmp_path / "r.csv"
    janya = "janya_2554_r1,จรรยา เรียบร้อย,3.5,3,4.5,3,4.5,4,3,4,3,3"
    path.write_text("\n".join([HEADER, janya.replace("จรรยา เรียบร้อย", "X"), janya, janya.replace("จรรยา", "Y")])
                    + "\n", encoding="utf-8")
    outcome = score_records(plan_2554, "2554", path, None, None, "csv", False, "en", None)
    assert not outcome.diagnostics
    row = outcome.text.splitlines()[2].split(",")
    assert row[:4] == ["janya_2554_r1", "จรรยา เรียบร้อย", "1", "70.8000"] and row[5] == "70.8000"


@pytest.mark.parametrize("prec", [CONTEXT.prec, 5])
def test_a_run_without_a_figure_missing_is_mapped_step_by_step(prec, monkeypatch):
    # seed 001: a component's term, score × share ÷ 100 (72 × 70% = 50.4; 3.6 × 70% = 2.52), a run
    # of them through each step at once (as its operator under CONTEXT's settings, else CONTEXT's
    # method), never one figure at a time: that is only for a run with a figure missing
    term = written((CONTEXT.multiply, Decimal(70)), (CONTEXT.divide, Decimal(100)))
    one = term.one
    alone: list = []
    monkeypatch.setattr(term, "one", lambda x: alone.append(x) or one(x))
    with decimal.localcontext(CONTEXT) as here:
        here.prec = prec
        assert apply_all(term, (x for x in [Decimal(72), Decimal("3.6")])) == [Decimal("50.4"), Decimal("2.52")]
        assert alone == []
        assert apply_all(term, [Decimal(72), None]) == [Decimal("50.4"), None] and alone == [Decimal(72), None]
