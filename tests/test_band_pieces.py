"""A rule comparing a figure with constants, made a table (kpidsl/score/evaluate/band_pieces.py),
answers as the rule does: at every constant, between, beside and beyond them."""

from __future__ import annotations

from decimal import Decimal
from operator import ge, gt, le, lt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan
from kpidsl.score.evaluate import PlanEvaluator
from kpidsl.score.evaluate.agreement import within
from kpidsl.score.evaluate.band_pieces import Pieces

ROOT = Path(__file__).resolve().parents[1]
figures = st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False, allow_infinity=False)
bands = st.lists(st.tuples(st.sampled_from([ge, gt]), figures, st.sampled_from([le, lt]), figures), max_size=6)


def scan(table):
    def rule(x):
        for number, (above, lower, below, upper) in enumerate(table):
            if above(x, lower) and below(x, upper):
                return number
        return None
    return rule


@settings(max_examples=300, deadline=None)
@given(bands, st.lists(figures, max_size=20))
def test_the_table_answers_as_the_rule_at_between_and_beside_every_bound(table, xs):
    rule = scan(table)
    pieces = Pieces([b for _, lower, _, upper in table for b in (lower, upper)], rule)
    tiny = Decimal("0.0000000000000000000000000000000000001")  # nearer than any figure's decimals
    near = [b + d for _, lower, _, upper in table for b in (lower, upper) for d in (-tiny, 0, tiny)]
    for x in xs + near:
        assert pieces.one(x) == rule(x), x
    assert pieces.many(xs + near) == [rule(x) for x in xs + near]


def test_no_constants_one_answer():
    pieces = Pieces([], lambda x: "none")
    assert pieces.one(Decimal(5)) == "none" and pieces.many([Decimal(-1), Decimal(0)]) == ["none", "none"]


def test_the_seed_bands_by_table_are_the_bands_the_plan_holds():
    # rules/2554 (seed 001's five bands, 90 / 80 / 70 / 60): totals at, just below and
    # between every bound, and beyond the scale
    (rs,) = check_paths([ROOT / "rules" / "2554"]).rule_sets
    plan = compile_plan(rs, Path(rs.name))
    evaluators = PlanEvaluator(plan)
    ev = next(e for e in map(evaluators.get, (a["id"] for a in plan["agreements"])) if e.table is not None)
    totals = [Decimal(t) for t in ("-1", "0", "59.99", "59.995", "60", "60.01", "69.99", "70", "79.99", "80",
                                   "89.99", "89.999", "90", "99.99", "100", "100.01", "120")]
    expected = [next((b for b in ev.table.bands if within(t, b)), None) for t in totals]
    assert [band for band, _ in ev.band_pieces.many(totals)] == expected
    # a run of totals that can be read only once (a generator) is answered alike
    assert [band for band, _ in ev.band_pieces.many(t for t in totals)] == expected
    assert [ev.band_pieces.one(t)[0] for t in totals] == expected
    assert [b.id if b else None for b in expected] == [
        None, "improve", "improve", "improve", "fair", "fair", "fair", "good", "good", "very_good",
        "very_good", "very_good", "outstanding", "outstanding", "outstanding", None, None]
