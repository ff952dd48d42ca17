"""The compiled scorer: the engine's figures, fast, for batches.

``kpidsl score --format csv|json`` without ``--explain`` needs, for each of
possibly 400,000 evaluations, the total, the penalty, the published total, the
band and the raise amount (and, for JSON, every node's score), but none of the
sentences that say how they were reached. This module turns one agreement of
the plan into a structure once (thresholds, weights and shares as Decimal,
ladder comparisons resolved, the policy's rounding known, the nodes in
evaluation order) and then scores an evaluation with the least work: no
explanation strings, no per-node objects and, on the CSV path, an indicator's
cells looked up by their text (a node's score depends on its own cells alone,
so each distinct text is read and scored once).

It computes exactly what kpidsl.score.engine computes: the same Decimal
operations in the same order under the same contexts (CONTEXT where the engine
names it, the thread's context where the engine uses ``+``, ``-`` and ``/``),
so the figures are identical, digits and exponents included. No binary float
is involved anywhere.

It never explains and never reports. Whenever the engine would report
something (a missing value, a score out of range, a division by zero, a raise
outside its band) or a cell is anything but a valid number, it raises
``Slow``, and the caller scores that evaluation with the engine, which says
what is wrong exactly as it always has.
"""

from __future__ import annotations

import decimal

import datetime as dt
import re
from bisect import bisect_left
from decimal import Decimal
from functools import partial
from operator import itemgetter
from typing import Callable

from .engine import HUNDRED, Inputs
from .numbers import _MODES, CONTEXT, GUARD, D, plain
from .results import _index  # what the results reader accepts, per node
from .workdays import calendar_days_late, working_days_late

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


class CompiledAgreement:
    """One agreement of the plan, ready to score evaluation after evaluation."""

    def __init__(self, plan: dict, agreement: dict):
        self.plan = plan
        self.agreement = agreement
        self.id = agreement["id"]
        self.framework = next(f for f in plan["frameworks"] if f["id"] == agreement["framework"])
        self.policy = policy = self.framework["policies"]
        self.decimals = int(policy["decimals"])
        self.quantum = Decimal(1).scaleb(-self.decimals)
        self.mode = _MODES[str(policy["rounding"])]
        self.spec = f".{self.decimals}f"
        # quantize() under a context of the policy's rounding: what quantize(value, rounding=…,
        # context=CONTEXT) does, without the keywords
        self.rounding = CONTEXT.copy()
        self.rounding.rounding = self.mode
        # a figure quantized to d ≤ 6 places has str() = format(.df) (no exponent notation)
        self.show = str if 0 <= self.decimals <= 6 else (lambda value, spec=self.spec: format(value, spec))
        self.exact_scores = policy.get("round_at") == "indicator_level"
        self.accepted = _index(agreement)
        self.roots = [self._node(n, None) for n in agreement["nodes"]]
        # The results list: nodes scored from their own results first (a CSV row's lookups make
        # its head), then nodes without a score, then derived nodes, children before parents.
        measured: list[_Node] = []
        constant: list[_Node] = []
        derived: list[_Node] = []

        def visit(n: _Node) -> None:
            if n.omitted:
                constant.append(n)
                return
            for c in n.children:
                visit(c)
            (measured if n.own else derived if n.scoring_kind in DERIVED else constant).append(n)

        for root in self.roots:
            visit(root)
        self.order = measured + constant + derived
        for i, n in enumerate(self.order):
            n.index = i
        self.measured = measured
        self.constants = [NOTHING] * len(constant)
        for n in derived:
            n.derive = self._derive(n)
        self.derived = [n.derive for n in derived]
        self._report_setup()

    # ---- nodes -------------------------------------------------------------------------------------
    def _node(self, plan: dict, parent: _Node | None) -> _Node:
        n = _Node(plan, parent.scoring_kind if parent else None)
        if not n.omitted:
            n.children = [self._node(c, n) for c in plan["children"]]
            if n.scoring_kind in MEASURED or n.scoring_kind is None and not plan["children"]:
                n.own = self._own(n)
        return n

    def _weighted(self, n: _Node) -> Callable[[Decimal | None], Decimal | None]:
        """A node's weighted score, as the engine computes it under its parent."""
        weight = n.weight
        if weight is None:
            return lambda score: None
        if n.parent_kind == "weighted_average":  # the W × SM column of seed 003
            return lambda score: None if score is None else CONTEXT.multiply(weight, score)
        return lambda score: None if score is None else CONTEXT.divide(CONTEXT.multiply(weight, score), HUNDRED)

    def _own(self, n: _Node) -> Callable[[dict], tuple]:
        """fields (field → Decimal) → (value, score, weighted), as engine._Scorer.node."""
        scoring = n.plan["scoring"]
        kind = n.scoring_kind
        weighted = self._weighted(n)
        exact = self.exact_scores
        quantum, mode = self.quantum, self.mode

        def done(value: Decimal | None, score: Decimal | None) -> tuple:
            if score is not None and exact:
                score = GUARD.plus(score).quantize(quantum, rounding=mode, context=CONTEXT)
            return (value, score, weighted(score))

        if kind in ("ladder", "formula"):
            ladder = scoring if kind == "ladder" else scoring.get("ladder")
            ladder_score = compile_ladder(ladder, self.policy) if ladder is not None else None
            if kind == "formula":
                names = [name for inp in scoring["inputs"] for name in inp["names"]]
                wanted = frozenset(names)
                expr = compile_expr(scoring["expr"])

                def measure(fields: dict) -> Decimal:
                    given = {k: v for k, v in fields.items() if k in wanted}
                    if len(given) < len(wanted):
                        raise Slow("missing input")
                    return expr(given)
            else:
                def measure(fields: dict) -> Decimal:
                    try:
                        return fields["result"]
                    except KeyError:
                        raise Slow("missing result") from None

            def own(fields: dict) -> tuple:
                if "score" in fields:
                    return done(None, _given(fields["score"]))
                value = measure(fields)
                return done(value, None if ladder_score is None else ladder_score(value))
            return own
        if kind == "milestones":
            count = len(scoring["steps"])

            def own(fields: dict) -> tuple:
                if "score" in fields:
                    return done(None, _given(fields["score"]))
                steps = fields.get("steps")
                if steps is None or steps != steps.to_integral_value() or not 0 <= steps <= count:
                    raise Slow("steps")
                return done(None, Decimal(int(steps)))
            return own
        if kind == "composite":
            parts = []
            for part in scoring["parts"]:
                ps = part["scoring"] or {"kind": "owner_score"}
                parts.append((part["id"], compile_ladder(ps, self.policy) if ps["kind"] == "ladder" else None,
                              D(part["share"])))

            def own(fields: dict) -> tuple:
                if "score" in fields:
                    return done(None, _given(fields["score"]))
                total = Decimal(0)
                for part_id, ladder_score, share in parts:
                    given = fields.get(part_id)
                    if given is None or share is None:
                        raise Slow("part")
                    s = _given(given) if ladder_score is None else ladder_score(given)
                    total += CONTEXT.divide(CONTEXT.multiply(share, s), HUNDRED)
                return done(None, total)
            return own

        def own(fields: dict) -> tuple:  # owner_score, scale, no scoring rule: the score is given or missing
            if "score" in fields:
                return done(None, _given(fields["score"]))
            raise Slow("missing score")
        return own

    def _derive(self, n: _Node) -> Callable[[list], tuple]:
        """the results so far → (None, score, weighted) of a sum, a component or a weighted average."""
        kind = n.scoring_kind
        weighted = self._weighted(n)
        if kind == "component" and any(not c.omitted and c.weight is None for c in n.children):
            return _raises("a child without a weight")  # engine._component reports it
        if kind == "sum":
            live = [c for c in n.children if not c.omitted and c.weight is not None and c.weight != 0]
        else:
            live = [c for c in n.children if not c.omitted and c.weight is not None]
        if not live:
            return lambda results: NOTHING
        index = [c.index for c in live]
        pick = itemgetter(*index) if len(index) > 1 else (lambda results, i=index[0]: (results[i],))
        den = sum((c.weight for c in live), Decimal(0))
        if kind in ("component", "weighted_average"):
            # The children's weighted figures are the engine's terms exactly: score × weight / 100
            # under a component, W × SM under a weighted average; sum() adds them in order with
            # the thread's context, as the engine's sum() does.
            multiplier = (D(n.plan["multiplier"]) or Decimal(1)) if kind == "component" else None

            def combine(results: list) -> tuple:
                try:
                    total = sum(map(_WEIGHTED, pick(results)), ZERO)
                except TypeError:  # a child without a score: the engine waits for it
                    return NOTHING
                s = CONTEXT.multiply(total, multiplier) if multiplier is not None else CONTEXT.divide(total, den)
                return (None, s, weighted(s))
            return combine
        weights = [c.weight for c in live]
        if n.weight and n.weight > den:
            # engine._mean: the weight of omitted children that went nowhere is lost
            den = n.weight

        def mean(results: list) -> tuple:
            num = Decimal(0)
            for r, weight in zip(pick(results), weights):
                score = r[1]
                if score is None:
                    return NOTHING
                num = num + CONTEXT.multiply(weight, score)
            s = CONTEXT.divide(num, den)
            return (None, s, weighted(s))
        return mean

    # ---- the whole agreement --------------------------------------------------------------------------
    def _report_setup(self) -> None:
        plan, fw = self.plan, self.framework
        components = [n for n in self.roots if n.kind == "component"]
        self.individual = bool(components)
        self.components = [(n.index, D(n.plan["share"]) or Decimal(0)) for n in components]
        self.live_roots = [n.index for n in self.roots if not n.omitted and n.weight is not None]
        self.rounds: dict[str, dict] = {}
        for r in fw["rounds"]:
            self.rounds.setdefault(r["id"], r)  # the engine takes the first of an id
        bands_id = fw.get("bands")
        table = next((b for b in plan["bands"] if b["id"] == bands_id), None)
        self.has_bands = table is not None
        self.bands = []
        for band in table["bands"] if table else ():
            lo, hi = band["lower"], band["upper"]
            if lo is None or hi is None:
                continue  # engine._within: such a band never holds anything
            if band.get("raise"):
                raise_range = (D(band["raise"]["low"]), D(band["raise"]["high"]))
            elif band.get("no_raise"):
                raise_range = (Decimal(0), Decimal(0))
            else:
                raise_range = None
            self.bands.append((D(lo["value"]), lo["op"] == ">=", D(hi["value"]), hi["op"] == "<=", band,
                               raise_range))
        salary = fw.get("salary")
        self.salary_rules = salary
        self.cap = D(salary.get("cap")) if salary else None
        grade = next((g for g in salary["grades"] if g["id"] == self.agreement.get("grade")), None) \
            if salary else None
        pay = D(self.agreement.get("salary"))
        self.base = None
        if grade is not None and pay is not None:
            split = D(grade["split_at"])
            upper = split is not None and pay >= split
            self.base = D(grade["upper_mid"] if upper else grade["lower_mid"])
            self.unit = D(salary.get("rounding_unit")) or Decimal(1)
            self.unit_rounding = _MODES[salary.get("rounding") or "half_up"]
        self._raises: dict[object, tuple] = {}
        self._penalties: dict[tuple, Decimal] = {}
        self.penalizing = any(r.get("late_penalty") is not None and r.get("due") is not None
                              for r in self.rounds.values())
        self.round_default = self.agreement.get("round")
        # csv.writer (QUOTE_MINIMAL) quotes a cell holding a comma, a quote or a line break
        self.plain_id = not _QUOTED(self.id) and all(not _QUOTED(str(b["id"])) for b in self.bands_ids())
        self.report = self._make_report()

    def bands_ids(self) -> list[dict]:
        return [b for _, _, _, _, b, _ in self.bands]

    @property
    def slots(self) -> list[tuple]:
        """(band, raise range) of each band that can hold a total, then (None, None)."""
        return [(b, rr) for _, _, _, _, b, rr in self.bands] + [(None, None)]

    def penalty(self, round_: str | None, submitted: dt.date | None) -> Decimal | None:
        """engine._penalty's figure."""
        rnd = self.rounds.get(round_ or self.agreement.get("round"))
        if rnd is None or rnd.get("late_penalty") is None or rnd.get("due") is None or submitted is None:
            return None
        key = (rnd["id"], submitted)
        penalty = self._penalties.get(key)
        if penalty is None:
            due = dt.date.fromisoformat(rnd["due"]["end"])
            if rnd["late_penalty"].get("per") == "day":
                days, _ = calendar_days_late(due, submitted)
            else:
                days, _ = working_days_late(due, submitted, self.plan["holidays"])
            penalty = CONTEXT.multiply(D(rnd["late_penalty"]["amount"]), Decimal(days))
            if len(self._penalties) < CACHE_LIMIT:
                self._penalties[key] = penalty
        return penalty

    def raise_info(self, pct: Decimal, key: object) -> tuple:
        """(pct, plain pct, amount, plain amount, fits per band slot) for a raise of ``pct`` %:
        engine._amount's figure; ``key`` names ``pct`` exactly (3 and 3.0 are equal Decimals,
        not the same figure)."""
        info = self._raises.get(key)
        if info is None:
            amount = None
            if self.base is not None:
                raw = CONTEXT.divide(CONTEXT.multiply(self.base, pct), HUNDRED)
                steps = (raw / self.unit).to_integral_value(rounding=self.unit_rounding, context=CONTEXT)
                amount = steps * self.unit
            # may a band take it? engine._amount reports a raise outside the band's range or over the cap
            fits = tuple(not (rr and not rr[0] <= pct <= rr[1]) and not (self.cap is not None and pct > self.cap)
                         for _, rr in self.slots)
            info = (pct, plain(pct), amount, None if amount is None else plain(amount), fits)
            if len(self._raises) < CACHE_LIMIT:
                self._raises[key] = info
        return info

    def finish(self, results: list, person: str | None, round_: str | None, submitted: dt.date | None,
               raise_: tuple | None) -> Figures:
        """The results of the measured and constant nodes → every figure (engine._Scorer.run
        onwards); ``raise_`` is raise_info() of the raise % given, or None."""
        for derive in self.derived:
            results.append(derive(results))
        total = None
        if self.individual:
            total = ZERO
            for i, share in self.components:
                score = results[i][1]
                if score is None:
                    total = None
                    break
                total += CONTEXT.divide(CONTEXT.multiply(score, share), HUNDRED)
        elif self.live_roots:
            try:
                total = sum([results[i][2] for i in self.live_roots], ZERO)
            except TypeError:  # a node without a score: no total
                total = None
        if total is None:
            return _figures((self, person, round_, None, None, None, None, None, None, None, None, results, True))
        return self.report(results, total, person, round_, submitted, raise_)

    def slot_of(self, final: Decimal) -> int:
        """engine._band: the first band that holds a published total, as its place in
        self.slots (the last slot: no band)."""
        for k, (lv, lo_eq, hv, hi_eq, _, _) in enumerate(self.bands):
            if (final >= lv if lo_eq else final > lv) and (final <= hv if hi_eq else final < hv):
                return k
        return len(self.bands)

    def _slot_cells(self) -> Callable[[Decimal], int] | None:
        """slot_of() by bisection. The bounds of the bands cut the line into cells (each bound,
        and each open stretch between two bounds); every value of a cell compares the same
        with every bound, so it falls in the same first band as any other value of the cell:
        slot_of() of one value per cell says which."""
        bounds = sorted({x for lv, _, hv, _, _, _ in self.bands for x in (lv, hv)})
        if not bounds:
            return None
        cells = []
        for i, point in enumerate(bounds):
            below = point - 1 if i == 0 else CONTEXT.divide(CONTEXT.add(bounds[i - 1], point), 2)
            if not (below < point and (i == 0 or bounds[i - 1] < below)):
                return None
            cells += [self.slot_of(below), self.slot_of(point)]
        above = bounds[-1] + 1
        if not above > bounds[-1]:
            return None
        cells.append(self.slot_of(above))
        count = len(bounds)

        def cell(final: Decimal) -> int:
            i = bisect_left(bounds, final)
            return cells[2 * i + 1] if i < count and bounds[i] == final else cells[2 * i]
        return cell

    def _make_report(self) -> Callable[..., Figures]:
        """report(results, total, person, round, submitted, raise_): penalty, published total,
        band and raise of a total (engine._Scorer.run from the total on)."""
        penalty_of = self.penalty if self.penalizing else None
        quantize, quantum, guard = self.rounding.quantize, self.quantum, GUARD.plus  # as numbers.quantize
        slot_of = (self._slot_cells() or self.slot_of) if self.has_bands else None
        slots = self.slots
        salary = self.salary_rules is not None
        zero = ZERO

        def report(results: list, total: Decimal, person: str | None, round_: str | None,
                   submitted: dt.date | None, raise_: tuple | None) -> Figures:
            if penalty_of is None:
                penalty = None
                net = total - zero
            else:
                penalty = penalty_of(round_, submitted)
                net = total - (penalty or zero)
            final = quantize(guard(net), quantum)
            if slot_of is None:
                return _figures((self, person, round_, total, penalty, final, None, None, None, None, None, results,
                                 net == total))
            k = slot_of(final)
            band, raise_range = slots[k]
            if raise_ is not None and salary:
                if not raise_[4][k]:
                    raise Slow("raise outside the band's range, or over the cap")
                return _figures((self, person, round_, total, penalty, final, band, raise_range, raise_[0],
                                 raise_[2], raise_, results, net == total))
            return _figures((self, person, round_, total, penalty, final, band, raise_range, None, None, None,
                             results, net == total))
        return report

    # ---- scoring given results --------------------------------------------------------------------
    def score(self, inputs: Inputs, person: str | None = None) -> Figures:
        """The figures of ``engine.score_agreement(plan, id, inputs)``; Slow where the engine
        would report a missing value or a problem. Only what the results reader accepts is
        taken: a field that a node does not accept (results._index) sends the evaluation to
        the engine."""
        entries = inputs.entries
        for node_id, entry in entries.items():
            accepted = self.accepted.get(node_id)
            if accepted is None or any(f not in accepted.fields for f in entry.fields):
                raise Slow("a field the reader does not accept")
        empty: dict = {}
        try:
            with decimal.localcontext(CONTEXT):  # as engine.score_agreement
                return self._score(entries, inputs, person, empty)
        except (ArithmeticError, TypeError):
            raise Slow("arithmetic") from None

    def _score(self, entries: dict, inputs: Inputs, person: str | None, empty: dict) -> Figures:
        results = []
        for n in self.measured:
            entry = entries.get(n.plan["id"])
            results.append(n.own(entry.fields if entry is not None else empty))
        results += self.constants
        pct = inputs.raise_percent
        return self.finish(results, person, inputs.round, inputs.submitted,
                           None if pct is None else self.raise_info(pct, str(pct)))

    # ---- output --------------------------------------------------------------------------------------
    def fixed(self, value: Decimal | None) -> str | None:
        """report._num: rounded by the policy, shown with its decimals."""
        if value is None:
            return None
        return self.show(self.rounding.quantize(GUARD.plus(value), self.quantum))

    def csv_row(self, fig: Figures) -> list[str]:
        """report.csv_row."""
        _, person, round_, total, penalty, final, band, _, _, _, shown, _, unchanged = fig
        if total is None:
            return [self.id, person or "", round_ or self.round_default or "", "", "", "", "", "", ""]
        final = self.show(final)  # rounded already: rounding it again changes nothing
        return [self.id, person or "", round_ or self.round_default or "",
                final if unchanged else self.fixed(total),
                "" if penalty is None else self.fixed(penalty),
                final,
                band["id"] if band else "",
                shown[1] if shown else "",
                (shown[3] or "") if shown else ""]

    def csv_line(self, fig: Figures) -> str | None:
        """csv_row as the line csv.writer writes (lineterminator "\\n"), or None when a cell
        would need quoting: then csv_row and the writer."""
        _, person, round_, total, penalty, final, band, _, _, _, shown, _, unchanged = fig
        if total is None or penalty is not None or not self.plain_id:
            return None
        if person and not person.isalnum() and _QUOTED(person):
            return None
        round_ = round_ or self.round_default or ""
        if round_ and not round_.isalnum() and _QUOTED(round_):
            return None
        final = self.show(final)
        return f"{self.id},{person or ''},{round_},{final if unchanged else self.fixed(total)},,{final}," \
               f"{band['id'] if band else ''},{shown[1] if shown else ''},{(shown[3] or '') if shown else ''}\n"

    def as_dict(self, fig: Figures) -> dict:
        """report.as_dict without explanations."""
        fixed = self.fixed
        results = fig.results

        def node(n: _Node) -> dict:
            p = n.plan
            value, score, weighted = NOTHING if n.omitted else results[n.index]
            out = {"id": p["id"], "kind": p["kind"], "title": p["title"],
                   "weight": None if n.weight is None else plain(n.weight),
                   "score": fixed(score), "weighted": fixed(weighted), "omitted": n.omitted}
            if value is not None:
                out["value"] = plain(value)
            out["children"] = [node(c) for c in n.children]
            return out

        return {
            "agreement": self.id,
            "person": fig.person,
            "framework": self.framework["id"],
            "round": self.agreement.get("round"),
            "nodes": [node(n) for n in self.roots],
            "total": fixed(fig.total),
            "penalty": fixed(fig.penalty),
            "final": fixed(fig.final),
            "band": fig.band["id"] if fig.band else None,
            "band_title": fig.band["title"] if fig.band else None,
            "raise_range": [plain(x) for x in fig.raise_range] if fig.raise_range else None,
            "raise_percent": plain(fig.raise_percent) if fig.raise_percent is not None else None,
            "amount": plain(fig.amount) if fig.amount is not None else None,
            "missing": [],
        }


# ---- CSV rows ------------------------------------------------------------------------------------------


class RowScorer:
    """Scores the rows of one CSV header for one agreement, each distinct cell text read once.

    The columns feeding each measured node are known; the texts of those cells
    key a cache of the node's (value, score, weighted). A miss reads the cells
    exactly as the results reader does (blank cells skipped, the last value of
    a field kept, numbers as parse_number reads them, scores 0–5, steps whole
    0–5) and raises Slow for anything the reader would report. Columns of
    nodes that are not scored (omitted ones) are read for the same reasons;
    a column the reader rejects sends any row that fills it to the reader."""

    def __init__(self, compiled: CompiledAgreement, columns: list[tuple[int, str, str]],
                 parse_number: Callable[[str], Decimal | None]):
        self.compiled = compiled
        self.parse_number = parse_number
        accepted = compiled.accepted
        self.rejected: list[int] = []
        # per node: (column, field, what the reader checks the number for)
        by_node: dict[str, list[tuple[int, str, str]]] = {}
        for col, node_id, field in columns:
            node = accepted.get(node_id)
            field = field or (node.default if node else "") or ""
            if node is None or field not in node.fields:
                self.rejected.append(col)
            else:
                check = "score" if field == "score" or field in node.scores else field
                by_node.setdefault(node_id, []).append((col, field, check))
        measured_ids = {n.plan["id"] for n in compiled.measured}
        # cells of nodes that are not scored (omitted ones): read, then left aside
        self.unused = [(col, check, set()) for node_id, cols in by_node.items() if node_id not in measured_ids
                       for col, _, check in cols]
        self.lookups = []
        for n in compiled.measured:
            cols = by_node.get(n.plan["id"], [])
            getter = itemgetter(*(c for c, _, _ in cols)) if cols else _no_cells
            self.lookups.append(({}, getter, n, tuple((f, check) for _, f, check in cols)))
        self.caches = [(cache, getter) for cache, getter, _, _ in self.lookups]
        # When every measured node reads one column, one itemgetter takes all the keys of a row
        # and map() looks them up.
        self.cache_list = [cache for cache, _, _, _ in self.lookups]
        singles = [cols[0][0] for n in compiled.measured for cols in [by_node.get(n.plan["id"], [])]
                   if len(cols) == 1]
        self.keys = None
        if len(singles) == len(compiled.measured) and singles:
            self.keys = itemgetter(*singles) if len(singles) > 1 else (lambda row, i=singles[0]: (row[i],))
        self.constants = compiled.constants
        self.raises: dict[str, tuple | None] = {}
        self.flat = self._flat()
        self.score = self._general if self.flat is None else self._flat_scorer()

    def _flat(self) -> list[tuple] | None:
        """The plan of an individual evaluation in its usual shape (components whose children
        are all scored from one column each, and nothing else), for the straight path of
        _flat_scorer: per component (first, stop, multiplier, share, weighted, cache), its
        children being results[first:stop]."""
        c = self.compiled
        if not c.individual or self.keys is None or c.constants or len(c.derived) != len(c.roots):
            return None
        plan, stop = [], 0
        shares = dict(c.components)
        for root in c.roots:
            kids = root.children
            if root.omitted or root.kind != "component" or root.scoring_kind != "component" or not kids \
                    or any(k.children or k.omitted or k.weight is None or k.own is None for k in kids):
                return None
            first = kids[0].index
            if first != stop or [k.index for k in kids] != list(range(first, first + len(kids))):
                return None
            stop = first + len(kids)
            plan.append((first, stop, D(root.plan["multiplier"]) or Decimal(1), shares[root.index],
                         None if root.weight is None else c._weighted(root), _PartCache()))
        return plan if stop == len(c.measured) else None

    def read(self, check: str, text: str) -> Decimal | None:
        """One cell as the results reader reads it; None for a blank one. ``check`` is "score"
        for a field that holds a score (a composite's part without a ladder too), "steps" for
        milestone steps."""
        if not text.strip():
            return None
        value = self.parse_number(text)
        if value is None:
            raise Slow("not a number")
        if check == "score" and not 0 <= value <= 5:
            raise Slow("score out of range")
        if check == "steps" and (value != value.to_integral_value() or not 0 <= value <= 5):
            raise Slow("steps out of range")
        return value

    def _fill(self, row: list[str]) -> list[tuple]:
        """The results of a row with a text not met before."""
        results = []
        for cache, getter, n, fields in self.lookups:
            key = getter(row)
            result = cache.get(key)
            if result is None:
                texts = (key,) if len(fields) == 1 else key
                given: dict[str, Decimal] = {}
                for (field, check), text in zip(fields, texts):
                    value = self.read(check, text)
                    if value is not None:
                        given[field] = value
                result = n.own(given)
                if len(cache) >= CACHE_LIMIT:
                    cache.clear()
                cache[key] = result
            results.append(result)
        return results

    def _raise(self, text: str) -> tuple | None:
        pct = self.read("raise", text)
        info = None if pct is None else self.compiled.raise_info(pct, text)
        if len(self.raises) < CACHE_LIMIT:
            self.raises[text] = info
        return info

    def _others(self, row: list[str]) -> None:
        """The cells that score nothing: a column the reader rejects must be blank, a cell of
        a node not scored (an omitted one) must read as a number."""
        for col in self.rejected:
            if row[col].strip():
                raise Slow("a column the reader rejects")
        for col, check, seen in self.unused:
            text = row[col]
            if text not in seen:
                self.read(check, text)
                if len(seen) < CACHE_LIMIT:
                    seen.add(text)

    def __call__(self, row: list[str], person: str | None, round_: str | None, submitted: dt.date | None,
                 raise_text: str) -> Figures:
        """The figures of a row (padded to the header's width); Slow when the reader or the
        engine would have something to say about it."""
        return self.score(row, person, round_, submitted, raise_text)

    def _general(self, row: list[str], person: str | None, round_: str | None, submitted: dt.date | None,
                 raise_text: str) -> Figures:
        try:
            if self.keys is not None:
                results = list(map(_lookup, self.cache_list, self.keys(row)))
            else:
                results = [cache[getter(row)] for cache, getter in self.caches]
        except KeyError:
            results = self._fill(row)
        if self.rejected or self.unused:
            self._others(row)
        if raise_text:
            raise_ = self.raises.get(raise_text, False)
            if raise_ is False:
                raise_ = self._raise(raise_text)
        else:
            raise_ = None
        results += self.constants
        try:
            return self.compiled.finish(results, person, round_, submitted, raise_)
        except (ArithmeticError, TypeError):
            raise Slow("arithmetic") from None

    def _flat_scorer(self) -> Callable[..., Figures]:
        """_general for the usual individual evaluation (see _flat), with everything it needs
        at hand: engine._component for each component, then engine._total_individual."""
        keys_of, caches, fill = self.keys, self.cache_list, self._fill
        raises, raise_of = self.raises, self._raise
        report, general = self.compiled.report, self._general
        others = self._others if self.rejected or self.unused else None
        parts = self.flat
        multiply, divide = CONTEXT.multiply, CONTEXT.divide
        weighted_of, lookup, hundred, zero = _WEIGHTED, _lookup, HUNDRED, ZERO

        def score(row: list[str], person: str | None, round_: str | None, submitted: dt.date | None,
                  raise_text: str) -> Figures:
            keys = keys_of(row)
            try:
                results = list(map(lookup, caches, keys))
            except KeyError:
                results = fill(row)
            if others is not None:
                others(row)
            raise_ = raises.get(raise_text, _UNREAD) if raise_text else None
            if raise_ is _UNREAD:
                raise_ = raise_of(raise_text)
            total = zero
            try:
                for first, stop, multiplier, share, weighted, cache in parts:
                    if cache.on:
                        key = keys[first:stop]
                        got = cache.get(key)
                        if got is not None:
                            cache.hits += 1
                            results.append(got[0])
                            total += got[1]
                            continue
                    score = multiply(sum(map(weighted_of, results[first:stop]), zero), multiplier)
                    result = (None, score, None if weighted is None else weighted(score))
                    term = divide(multiply(score, share), hundred)
                    if cache.on:
                        cache.keep(key, (result, term))
                    results.append(result)
                    total += term
                return report(results, total, person, round_, submitted, raise_)
            except TypeError:  # a child without a score (the engine waits for it): the general path
                pass
            except ArithmeticError:
                raise Slow("arithmetic") from None
            return general(row, person, round_, submitted, raise_text)

        return score


class _PartCache(dict):
    """A component's (result, term of the total) by the texts of its children's cells: its
    score depends on them alone. It stays while it earns its keep: a hit spares a dozen
    Decimal operations, a miss costs a little, so it goes when fewer than one lookup in
    sixteen found its figures over the last WINDOW misses (five competencies scored 1–5
    repeat often; ten measured results hardly ever)."""

    __slots__ = ("on", "hits", "misses")
    WINDOW = 4096

    def __init__(self):
        super().__init__()
        self.on = True
        self.hits = 0
        self.misses = 0

    def keep(self, key: tuple, value: tuple) -> None:
        self.misses += 1
        if self.misses == self.WINDOW:
            if self.hits * 16 < self.misses:
                self.on = False
                self.clear()
                return
            self.hits = self.misses = 0
        if len(self) < CACHE_LIMIT:
            self[key] = value


_UNREAD = object()


_lookup = dict.__getitem__


def _no_cells(row: list[str]) -> tuple:
    return ()


class Compiled:
    """The compiled agreements of one plan, each compiled when first needed. The results
    reader takes its row scorer and its Slow from here, so that it needs no import of this
    module (which reads what the reader accepts)."""

    RowScorer = RowScorer
    Slow = Slow

    def __init__(self, plan: dict):
        self.plan = plan
        self.agreements = {a["id"]: a for a in plan["agreements"]}
        self._compiled: dict[str, CompiledAgreement] = {}

    def get(self, agreement_id: str) -> CompiledAgreement | None:
        compiled = self._compiled.get(agreement_id)
        if compiled is None and agreement_id in self.agreements:
            compiled = self._compiled[agreement_id] = CompiledAgreement(self.plan, self.agreements[agreement_id])
        return compiled


def score_inputs(plan: dict, agreement_id: str, inputs: Inputs, person: str | None = None) -> Figures:
    """The compiled counterpart of engine.score_agreement: the same figures, or Slow
    where the engine would report a missing value or a problem."""
    agreement = next(a for a in plan["agreements"] if a["id"] == agreement_id)
    return CompiledAgreement(plan, agreement).score(inputs, person)
