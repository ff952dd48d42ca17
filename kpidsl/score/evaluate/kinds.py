"""The rule of each scoring kind, written once: a node of the typed plan compiled into
a function ``rule(fields, results, run) -> (value, score, trace entry)``.

``fields`` are the node's own results (field → Decimal), ``results`` the
(value, score, weighted) of the nodes evaluated before it (its children among them,
at the indexes given), ``run`` what is recorded (kpidsl/score/evaluate/run.py). The
trace entry is made only when ``run.trace`` is not None; what is missing or wrong is
always recorded. One builder per kind: a new kind, or a change to one, is one edit here.
"""

from __future__ import annotations

from decimal import Decimal
from operator import itemgetter
from typing import Callable

from ...plan.model import Composite, Formula, Ladder, Milestones, OwnerScore, ScaleScoring, WeightedAverage
from ...score_range import HIGHEST_SCORE, LOWEST_SCORE
from .. import milestone_steps
from ..formula import FormulaError, compile_expr
from ..ladder import compile_ladder
from ..numbers import CONTEXT, GUARD, shown
from .shapes import apply_all, has_none, written
from .trace import (Average, ComponentTotal, Failed, GroupMean, Measured, Needs, PartOutOfRange, Problem, Shares,
                    StepsDone, StepsListed, StepsOutOfRange, maker, members_of)

HUNDRED = Decimal(100)
ZERO = Decimal(0)

MEMO_LIMIT = 10_000  # traced results remembered per node
Rule = Callable[[dict, list, object], tuple]
SCORE, WEIGHTED = itemgetter(1), itemgetter(2)  # of a (value, score, weighted) result
component_total = maker(ComponentTotal)


SUM = written((sum, ZERO))  # Σ of a row of figures, from 0 in order


def _picker(indexes: list[int]) -> Callable[[list], tuple]:
    """results → the results at ``indexes``, as a tuple."""
    return itemgetter(*indexes) if len(indexes) > 1 else (lambda results, i=indexes[0]: (results[i],))


def source_of(scoring) -> dict | None:
    source = getattr(scoring, "source", None)
    return None if source is None else source.to_json()


def measured(node, scoring, policies) -> Rule:
    """A ladder, or a formula (maybe feeding a ladder): the value, then its score."""
    ladder = scoring if isinstance(scoring, Ladder) else scoring.ladder
    climb = compile_ladder(ladder, policies) if ladder is not None else None
    if isinstance(scoring, Formula):
        names = [name for inp in scoring.inputs for name in inp.names]
        wanted = frozenset(names)
        formula_source = source_of(scoring)
        expr = compile_expr(scoring.expr, formula_source)

        def value_of(fields: dict, run) -> tuple:
            given = {k: v for k, v in fields.items() if k in wanted}
            if len(given) < len(wanted):
                lacking = ", ".join(name for name in names if name not in given)
                run.lack(node, "inputs", lacking)
                return None, Needs("inputs", lacking), given
            try:
                return expr(given), None, given
            except FormulaError as e:
                divisor = e.fields.get("divisor")  # Q019 at the cell of an input that is 0
                problem = Problem(e.code, e.fields, e.source or formula_source,
                                  (node.id, divisor) if divisor in wanted else None)
                run.problems.append(problem)
                return None, Failed(problem), given
    else:
        def value_of(fields: dict, run) -> tuple:
            value = fields.get("result")
            if value is None:
                run.lack(node, "result")
                return None, Needs("result"), None
            return value, None, None
    formula = scoring if isinstance(scoring, Formula) else None
    # A result on a ladder, traced, by its text (an equal value written otherwise, 70.0 for
    # 70, climbs to a score written otherwise): its score and trace entry, the same for every
    # row that gives it (an explaining batch meets each result often).
    climbed: dict = {}

    def rule(fields: dict, results: list, run) -> tuple:
        value, needs, given = value_of(fields, run)
        if value is None:
            return None, None, needs
        if climb is None:
            # a formula no ladder scores (K016; a plan file written by hand): its value, and its
            # score asked for, as a node without a rule's (given_only)
            run.lack(node, "score")
            return value, None, (Measured(value, formula, given) if run.trace is not None else None)
        if run.trace is None:
            return value, climb(value), None
        if formula is not None:
            score, how = climb(value, True)
            return value, score, Measured(value, formula, given, ladder, how, score)
        text = str(value)
        found = climbed.get(text)
        if found is None:
            score, how = climb(value, True)
            found = (score, Measured(value, None, None, ladder, how, score))
            if len(climbed) < MEMO_LIMIT:
                climbed[text] = found
        return value, found[0], found[1]
    return rule


def milestones(node, scoring: Milestones, policies) -> Rule:
    """Steps done in order: the score is their number."""
    count = len(scoring.steps)
    source = source_of(scoring)

    due = {step.number: step.due.end if step.due is not None else None for step in scoring.steps}
    count_policy, late_policy = policies.milestone_count, policies.late_step

    def rule(fields: dict, results: list, run) -> tuple:
        listed = fields.get("steps_done")
        if listed is not None:  # the steps done listed one by one (kpidsl/score/milestone_steps.py)
            result = milestone_steps.score_steps(listed, due, count_policy, late_policy)
            entry = StepsListed(result, listed, count) if run.trace is not None else None
            return None, Decimal(result.score), entry
        steps = fields.get("steps")
        if steps is None:
            run.lack(node, "steps")
            return None, None, Needs("steps")
        if steps != steps.to_integral_value() or not 0 <= steps <= count:
            run.problems.append(Problem("Q020", {"steps": shown(steps), "id": node.id, "count": count}, source,
                                        (node.id, "steps")))
            return None, None, StepsOutOfRange(steps)
        done = int(steps)
        entry = None
        if run.trace is not None:
            entry = StepsDone(done, count, scoring.steps[done - 1].text[:60] if done else None)
        return None, Decimal(done), entry
    return rule


def composite(node, scoring: Composite, policies) -> Rule:
    """Parts added by share; a part is scored on its ladder, or given as a score."""
    parts = [(part, compile_ladder(part.scoring, policies) if isinstance(part.scoring, Ladder) else None)
             for part in scoring.parts]
    node_source = node.source.to_json()

    def rule(fields: dict, results: list, run) -> tuple:
        total = ZERO
        terms = []
        for part, climb in parts:
            given = fields.get(part.id)
            if given is None:
                run.lack(node, "part", part)
                return None, None, Needs("part", part)
            if climb is not None:
                s = climb(given)
            else:
                s = given
                if not LOWEST_SCORE <= s <= HIGHEST_SCORE:
                    run.problems.append(Problem("Q021", {"score": shown(s), "part": part.id, "id": node.id},
                                                source_of(part) or node_source, (node.id, part.id)))
                    return None, None, PartOutOfRange(part.id, s)
            total += CONTEXT.divide(CONTEXT.multiply(part.share, s), HUNDRED)
            terms.append((part.share, s))
        return None, total, (Shares(tuple(terms), total) if run.trace is not None else None)
    return rule


def given_only(node, scoring, policies) -> Rule:
    """An owner's score, a scale's, or a node without a scoring rule: the score is given
    (kpidsl/score/evaluate/agreement.py takes it) or missing."""
    if isinstance(scoring, OwnerScore):
        needs = Needs("owner_score")
    elif isinstance(scoring, ScaleScoring):
        needs = Needs("scale", scoring.scale)
    else:
        needs = Needs("score")

    def rule(fields: dict, results: list, run) -> tuple:
        run.lack(node, "score")
        return None, None, needs
    return rule


# ---- kinds computed from the children -------------------------------------------------------------------
def weighted_average(live: list, indexes: list[int]) -> Rule:
    """Σ(W × SM) / ΣW of the sub-indicators (seed 003): their weighted figures are W × SM."""
    if not live:
        needs = Needs("sub_indicators")
        return lambda fields, results, run: (None, None, needs)
    weights = [c.weight for c in live]
    den = sum(weights, ZERO)
    waits = Needs("sub_scores")

    pick = _picker(indexes)

    def rule(fields: dict, results: list, run) -> tuple:
        try:  # the sub-indicators' weighted figures are W × SM
            num = sum(map(WEIGHTED, pick(results)), ZERO)
        except TypeError:  # a sub-indicator without a score
            return None, None, waits
        s = CONTEXT.divide(num, den)
        entry = None
        if run.trace is not None:
            entry = Average(tuple((w, results[i][1]) for w, i in zip(weights, indexes)), den, s)
        return None, s, entry
    return rule


def group_mean(node, live: list, indexes: list[int]) -> Rule:
    """The weighted mean of a group's children; the weight of omitted children that went
    nowhere (``redistribute none``) is lost, so that the total stays Σ weight × score / 100
    over the leaves (semantics 7)."""
    members = members_of(node.kind, live)
    waits = Needs("indicator_scores", members or members_of(node.kind, node.children))
    if not live:
        return lambda fields, results, run: (None, None, waits)
    weights = [c.weight for c in live]
    den = sum(weights, ZERO)
    lost, lost_members = None, ()
    # weights redistributed in thirds add up to the group's less 1E-38: the division's noise,
    # which the guard digits cut (kpidsl/rounding.py GUARD), not weight gone with omitted children
    if node.weight and node.weight > GUARD.plus(den):
        lost = node.weight - den
        den = node.weight
        lost_members = members_of(node.kind, [c for c in node.children if c.omitted])

    # the mean from the children's weighted scores (weight × score / 100 each, the shares their
    # rows print): Σ weighted × 100 / Σ weight, as the SAR's summary writes a part's score
    # (kpidsl/forms/sar.py: "2.5080 × 100 / 70 ≈ 3.5829")
    def rule(fields: dict, results: list, run) -> tuple:
        num = ZERO
        for i in indexes:
            weighted = results[i][2]
            if weighted is None:
                return None, None, waits
            num = num + weighted
        s = CONTEXT.divide(CONTEXT.multiply(num, HUNDRED), den)
        return None, s, (GroupMean(members, num, den, lost, s, lost_members) if run.trace is not None else None)
    return rule


def component(node, live: list, indexes: list[int], children: list) -> Rule:
    """Σ score × weight % of a component's indicators, × its multiplier (3.6 × 20 = 72)."""
    unweighted = [c.id for c in children if not c.omitted and c.weight is None]
    if unweighted:
        # Σ score × weight needs every weight (seed 001: (ข) adds to 100%); leaving one out
        # would silently give no total.
        names = ", ".join(unweighted)
        has = "has" if len(unweighted) == 1 else "have"
        needs = Needs("weights", (names, has))
        source = node.source.to_json()

        def unweighed(fields: dict, results: list, run) -> tuple:
            run.problems.append(Problem("Q022", {"id": node.id, "names": names, "has": has}, source))
            return None, None, needs
        return unweighed
    waits = Needs("indicator_scores")
    if not live:
        return lambda fields, results, run: (None, None, waits)
    multiplier = node.multiplier or Decimal(1)
    multiply = CONTEXT.multiply
    weights = [c.weight for c in live]

    pick = _picker(indexes)

    scale = written((multiply, multiplier))
    summed, scaled = SUM.one, scale.one  # the steps' functions of one figure, looked up once

    def rule(fields: dict, results: list, run) -> tuple:
        picked = pick(results)
        # the children's weighted figures are score × weight / 100
        sum_c = summed(map(WEIGHTED, picked))
        if sum_c is None:
            return None, None, waits
        s = scaled(sum_c)
        entry = None
        if run.trace is not None:
            entry = component_total((tuple(zip(map(SCORE, picked), weights)), sum_c, multiplier, s))
        return None, s, entry

    def many(columns: list) -> list | None:
        """The scores of a run of rows (``columns``: per node, its results row by row), by
        the same steps as ``rule`` (kpidsl/score/evaluate/shapes.py); None when a row lacks
        a score (then each row by ``rule``, which says what is missing)."""
        sum_cs = apply_all(SUM, zip(*[map(WEIGHTED, columns[i]) for i in indexes]))
        return None if has_none(sum_cs) else apply_all(scale, sum_cs)
    rule.many = many
    return rule


OWN = {Ladder: measured, Formula: measured, Milestones: milestones, Composite: composite,
       OwnerScore: given_only, ScaleScoring: given_only}
"""Builders of the kinds scored from the node's own results, by scoring type."""

__all__ = ["OWN", "WeightedAverage", "component", "group_mean", "weighted_average"]
