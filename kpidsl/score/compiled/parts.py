"""The pieces the compiled scorer is made of: ladders and formulas turned into functions,
the node record, and the Figures of one evaluation."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import partial
from operator import itemgetter
from typing import Callable

from ..numbers import CONTEXT, D

ZERO = Decimal(0)
ONE = Decimal(1)
FIVE = Decimal(5)

# scoring kinds whose score comes from the node's own results, and from its children
MEASURED = frozenset({"ladder", "formula", "milestones", "composite", "owner_score", "scale"})
DERIVED = frozenset({"sum", "component", "weighted_average"})
NOTHING = (None, None, None)  # (value, score, weighted) of a node that has none
_WEIGHTED = itemgetter(2)
_QUOTED = re.compile(r'[,"\r\n]').search
_TOWARD = {"higher": (">=", ">"), "lower": ("<=", "<")}
CACHE_LIMIT = 100_000  # distinct cell texts remembered per indicator before starting afresh


class Slow(Exception):
    """This evaluation must go through the explaining engine: it has something
    to report, or something this module does not handle."""


# ---- ladders and formulas ------------------------------------------------------------------------


def compile_ladder(ladder: dict, policy: dict) -> Callable[[Decimal], Decimal]:
    """kpidsl.score.ladder.score without the sentence: value → score."""
    direction = ladder.get("direction")
    points = [D(t["value"]) for t in ladder.get("thresholds") or ()]
    ops = [t["op"] for t in ladder.get("thresholds") or ()]
    if len(points) != 5 or direction not in _TOWARD or any(p is None for p in points):
        def unusable(value: Decimal) -> Decimal:
            raise Slow("ladder")
        return unusable
    floor = D(policy.get("floor", "1"))
    cap = D(policy.get("cap", "5"))
    linear = policy.get("interpolate", "linear") == "linear"
    level1_away = ops[0] is not None and ops[0] not in _TOWARD[direction]
    open1 = bool(ladder.get("open_level_1"))
    higher = direction == "higher"
    strict = ">" if higher else "<"
    # the levels the climb looks at: (level reached, threshold, strict comparison?)
    levels = [(k + 1, points[k], ops[k] == strict) for k in range(5) if not (k == 0 and level1_away)]
    at_1 = min(Decimal(1), cap)
    at_5 = min(Decimal(5), cap)
    first = points[0]

    def score(value: Decimal) -> Decimal:
        reached = 0
        for level, threshold, strictly in levels:
            if higher:
                if value > threshold if strictly else value >= threshold:
                    reached = level
            elif value < threshold if strictly else value <= threshold:
                reached = level
        if reached == 0 and level1_away:
            reached = 1
            if open1 or not linear or not (value >= first if higher else value <= first):
                return at_1
        if reached == 0:
            return floor
        if reached == 5:
            return at_5
        k = reached
        lo, hi = points[k - 1], points[k]
        if not linear or (k == 1 and open1):
            return Decimal(k)
        fraction = (value - lo).copy_abs() / (hi - lo).copy_abs()
        result = CONTEXT.add(Decimal(k), CONTEXT.multiply(fraction, 1))
        return min(result, cap)

    return score


def compile_expr(expr: dict) -> Callable[[dict], Decimal]:
    """kpidsl.score.formula.evaluate as closures; whatever it would report raises Slow."""
    if "num" in expr:
        number = D(expr["num"])
        return lambda inputs: number
    if "var" in expr:
        name = expr["var"]

        def var(inputs: dict) -> Decimal:
            try:
                return inputs[name]
            except KeyError:
                raise Slow("formula input") from None
        return var
    if "call" in expr:
        args = [compile_expr(a) for a in expr["args"]]
        func = expr["call"]
        count = Decimal(len(args))
        if func == "sum":
            return lambda inputs: sum([a(inputs) for a in args], Decimal(0))
        if func == "mean":
            return lambda inputs: CONTEXT.divide(sum([a(inputs) for a in args], Decimal(0)), count)
        if func == "min":
            return lambda inputs: min([a(inputs) for a in args])
        if func == "max":
            return lambda inputs: max([a(inputs) for a in args])
        return _raises("formula function")
    op = expr.get("op")
    args = [compile_expr(a) for a in expr.get("args", ())]
    if op == "neg" and len(args) == 1:
        (operand,) = args
        return lambda inputs: -operand(inputs)
    if len(args) != 2 or op not in ("+", "-", "*", "/"):
        return _raises("formula")
    left, right = args
    if op == "/":
        def divide(inputs: dict) -> Decimal:
            a, b = left(inputs), right(inputs)
            if b == 0:
                raise Slow("division by zero")
            return CONTEXT.divide(a, b)
        return divide
    fn = {"+": CONTEXT.add, "-": CONTEXT.subtract, "*": CONTEXT.multiply}[op]
    return lambda inputs: fn(left(inputs), right(inputs))


def _raises(why: str) -> Callable:
    def slow(*_args):
        raise Slow(why)
    return slow


def _given(score: Decimal) -> Decimal:
    """A score given directly: the engine reports one outside 0–5."""
    if not ZERO <= score <= FIVE:
        raise Slow("score out of range")
    return score


# ---- the compiled agreement ----------------------------------------------------------------------


class _Node:
    """One node of the agreement, resolved."""

    __slots__ = ("plan", "index", "kind", "scoring_kind", "weight", "omitted", "children", "parent_kind", "own",
                 "derive")

    def __init__(self, plan: dict, parent_kind: str | None):
        self.plan = plan
        self.index = -1  # place in the results list
        self.kind = plan["kind"]
        self.scoring_kind = (plan["scoring"] or {}).get("kind")
        self.weight = D(plan["weight"])
        self.omitted = bool(plan["omitted"])
        self.parent_kind = parent_kind
        self.children: list[_Node] = []
        self.own: Callable[[dict], tuple] | None = None  # own fields → (value, score, weighted)
        self.derive: Callable[[list], tuple] | None = None  # results → (None, score, weighted)


class Figures(tuple):
    """The figures of one evaluation that a batch writes: the engine's Report without its
    explanations, with the person and the round of the evaluation. A tuple, as it is made
    400,000 times in a batch."""

    __slots__ = ()
    compiled = property(itemgetter(0), doc="the CompiledAgreement")
    person = property(itemgetter(1))
    round = property(itemgetter(2))
    total = property(itemgetter(3))
    penalty = property(itemgetter(4))
    final = property(itemgetter(5))
    band = property(itemgetter(6), doc="the band of the plan, a dict")
    raise_range = property(itemgetter(7))
    raise_percent = property(itemgetter(8))
    amount = property(itemgetter(9))
    shown = property(itemgetter(10), doc="raise_info() of the raise, when raise_percent is set")
    results = property(itemgetter(11), doc="(value, score, weighted) per node, in the compiled order")
    unchanged = property(itemgetter(12), doc="total − penalty is the total: final is the total rounded")

    def node(self, node_id: str) -> tuple | None:
        """(value, score, weighted) of the first node of that id (None if omitted or absent)."""
        for n in self[0].order:
            if n.plan["id"] == node_id:
                return self[11][n.index]
        return None


_figures = partial(tuple.__new__, Figures)
