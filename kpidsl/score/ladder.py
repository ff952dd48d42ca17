"""Scoring a measured value on a five-level ladder (semantics 1 and 2): the one
place the rule is written.

Higher is better: reaching level k's threshold scores k; between levels k and
k+1 the score moves linearly ("±step per 1 point") when the policy says
``interpolate linear``; at or past level 5 it is 5; below level 1 it is the
policy's floor. Lower is better mirrors it. A level written with a comparison
keeps it: ``> 35`` at level 1 of a lower-is-better ladder is "more than 35",
which scores 1 whatever the count; ``<= 65`` at level 1 of a higher-is-better
ladder reads "65 or less scores 1".

A ladder is compiled once (``ladder_rule``) into a function of the value. Asked
for a trace, the function also says how the value climbed (a ``Climb``), from which
kpidsl/score/explanations.py writes the sentence.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable, NamedTuple

from .numbers import CONTEXT
from ..score_range import HIGHEST_SCORE

TOWARD = {"higher": (">=", ">"), "lower": ("<=", "<")}
# Comparisons as a Thai evaluator writes them in a criteria table (≥ 70, ≤ 35).
SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}
ONE = Decimal(1)


class Climb(NamedTuple):  # a tuple: an explaining batch makes one per indicator per row
    """How a value climbed a ladder. ``case``: "level_1" (a level 1 written away from the
    direction, or an open level 1), "floor" (below level 1), "top" (level 5), "level"
    (level ``level`` reached, the next not, no interpolation) or "between" (interpolated
    between ``level`` and the next: ``result`` before the cap)."""

    case: str
    level: int
    result: Decimal


LadderRule = Callable[..., object]  # (value, traced=False) -> score, or (score, Climb) when traced


def ladder_rule(direction: str, points: list[Decimal], ops: list[str | None], open_level_1: bool,
                floor: Decimal, cap: Decimal, linear: bool) -> LadderRule:
    """value → score (``traced``: (score, Climb))."""
    higher = direction == "higher"
    strict = ">" if higher else "<"
    level1_away = ops[0] is not None and ops[0] not in TOWARD[direction]
    # the levels the climb looks at: (level reached, threshold, strict comparison?)
    levels = [(k + 1, points[k], ops[k] == strict) for k in range(5) if not (k == 0 and level1_away)]
    at_1 = min(ONE, cap)
    at_5 = min(HIGHEST_SCORE, cap)
    first = points[0]

    def score(value: Decimal, traced: bool = False):
        reached = 0
        for level, threshold, strictly in levels:
            if higher:
                if value > threshold if strictly else value >= threshold:
                    reached = level
            elif value < threshold if strictly else value <= threshold:
                reached = level
        if reached == 0 and level1_away:
            # "65 or less" / "more than 35": level 1 is everything below level 2
            reached = 1
            if open_level_1 or not linear or not (value >= first if higher else value <= first):
                return (at_1, Climb("level_1", 1, ONE)) if traced else at_1
        if reached == 0:
            return (floor, Climb("floor", 0, floor)) if traced else floor
        if reached == 5:
            return (at_5, Climb("top", 5, HIGHEST_SCORE)) if traced else at_5
        k = reached
        if not linear or (k == 1 and open_level_1):
            # the cap holds for a whole level as for the others (cap 3: level 4 scores 3)
            whole = min(Decimal(k), cap)
            return (whole, Climb("level", k, Decimal(k))) if traced else whole
        lo, hi = points[k - 1], points[k]
        fraction = (value - lo).copy_abs() / (hi - lo).copy_abs()
        result = CONTEXT.add(Decimal(k), CONTEXT.multiply(fraction, 1))
        return (min(result, cap), Climb("between", k, result)) if traced else min(result, cap)

    return score


def compile_ladder(ladder, policies) -> LadderRule:
    """The rule of a typed ladder (kpidsl.plan.model.Ladder) under typed policies."""
    return ladder_rule(ladder.direction, [t.value for t in ladder.thresholds], [t.op for t in ladder.thresholds],
                       ladder.open_level_1, policies.floor, policies.cap, policies.interpolate == "linear")


def score(ladder, value: Decimal, policies) -> tuple[Decimal, Climb]:
    """The score of ``value`` on a typed ladder under typed policies, and how it climbed."""
    return compile_ladder(ladder, policies)(value, True)
