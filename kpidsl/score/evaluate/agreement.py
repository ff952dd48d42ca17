"""One agreement of the typed plan compiled for evaluation, once: every node a
function (kpidsl/score/evaluate/kinds.py), run children before parents, then the
total, the late-report penalty, the published total, the band and the raise.

The same functions serve a batch of 400,000 evaluations (no trace) and the one
evaluation a person asks to have explained (a trace, from which
kpidsl/score/explanations.py writes the sentences): every figure is computed here
and nowhere else. All arithmetic runs under CONTEXT's 40 digits (a copy of CONTEXT
set as the decimal context around every call, as ``decimal.localcontext(CONTEXT)``
would: a published score must not depend on the caller's thread context).
"""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal, getcontext, setcontext
from functools import partial
from itertools import islice, repeat
from operator import ge, gt, itemgetter, le, lt

from ...plan.model import ComponentSum, GroupSum, OwnerScore, ScaleScoring, WeightedAverage
from ...penalty_floor import net
from ...scale_scores import ScaleRange, scale_range
from ...score_range import HIGHEST_SCORE, LOWEST_SCORE
from ..numbers import CONTEXT, rounder, shown, to_unit
from ..weighted import weight_in_parent
from ..workdays import calendar_days_late, working_days_late
from .. import sample_size as sample_sizes
from . import kinds
from .kinds import SCORE, SUM, WEIGHTED
from .shapes import MANY, ONE, has_none
from .band_pieces import Pieces
from .run import Run
from .trace import (Amount, BandFound, Given, IndividualTotal, NodeTrace, Omitted, Penalty, Problem, Total, maker)

ZERO = Decimal(0)
HUNDRED = Decimal(100)
NOTHING = (None, None, None)  # (value, score, weighted) of a node that has none
EMPTY: dict = {}
MEMO_LIMIT = 100_000  # penalties and raise amounts remembered per agreement
NODE_MEMO_LIMIT = 4_096  # results remembered per node scored from its own results (_run_steps)
_multiply, _divide = CONTEXT.multiply, CONTEXT.divide  # bound once: every node of every row uses them
FIRST, SECOND = itemgetter(0), itemgetter(1)


def bound_tests(lower_op: str, upper_op: str) -> tuple:
    """The tests of a band's two bounds, (value, bound) → bool each: >= or >, <= or <."""
    return (ge if lower_op == ">=" else gt), (le if upper_op == "<=" else lt)


def between(value: Decimal, lower_op: str, lower: Decimal, upper_op: str, upper: Decimal) -> bool:
    """Whether ``value`` lies within two bounds (bound_tests): the band rule."""
    above, below = bound_tests(lower_op, upper_op)
    return above(value, lower) and below(value, upper)


def within(value: Decimal, band) -> bool:
    """Whether a published total falls in a band of the typed plan (a band without both
    bounds holds nothing)."""
    lo, hi = band.lower, band.upper
    if lo is None or hi is None:
        return False
    return between(value, lo.op, lo.value, hi.op, hi.value)


class Evaluation(tuple):
    """The figures of one evaluation: per node (value, score, weighted) in evaluation order
    (``AgreementEvaluator.nodes`` says which node each is), the total, penalty, published
    total, band (of the typed plan), raise range, raise % and amount, and the Run (what is
    missing or wrong, and the trace when one was asked for). A tuple: a batch makes
    400,000 of them."""

    __slots__ = ()
    evaluator = property(itemgetter(0))
    person = property(itemgetter(1))
    round = property(itemgetter(2))
    results = property(itemgetter(3))
    run = property(itemgetter(4))
    total = property(itemgetter(5))
    penalty = property(itemgetter(6))
    final = property(itemgetter(7))
    band = property(itemgetter(8))
    raise_range = property(itemgetter(9))
    raise_percent = property(itemgetter(10))
    amount = property(itemgetter(11))

    @property
    def sample_size(self):
        """The survey sample size (kpidsl.score.sample_size.SampleSize) when the framework
        declares one and the population is known: a 13th item, only then."""
        return self[12] if len(self) > 12 else None

    def node(self, node_id: str) -> tuple | None:
        """(value, score, weighted) of the first node of that id."""
        index = self[0].index_of.get(node_id)
        return None if index is None else self[3][index]


_evaluation = partial(tuple.__new__, Evaluation)
# NodeTrace(rule, fields) and the others an explaining batch makes every row, made in C
_node_trace, _individual_total, _band_found = maker(NodeTrace), maker(IndividualTotal), maker(BandFound)


class AgreementEvaluator:
    """One agreement of the typed plan (kpidsl.plan.model.Agreement), ready to evaluate
    results again and again. ``holidays``: the plan's holidays (kpidsl/score/workdays.py)."""

    def __init__(self, agreement, holidays):
        self.agreement = agreement
        self.id = agreement.id
        self.framework = fw = agreement.framework
        self.policies = fw.policies
        self.holidays = holidays
        self.rounded = rounder(self.policies.decimals, self.policies.rounding)
        self.context = CONTEXT.copy()  # evaluate()'s arithmetic context
        # The evaluation order: the nodes scored from their own results first (they need
        # nothing else: a CSV row's cells give them all, kpidsl/score/evaluate/rows.py), then
        # the others children before parents. What is missing is found by the first kind alone,
        # so it is listed in the order the nodes are written.
        post: list[tuple] = []  # (node, under a weighted average?) children before parents

        def visit(node, under_average: bool) -> None:
            if not node.omitted:
                average = isinstance(node.scoring, WeightedAverage)
                for c in node.children:
                    visit(c, average)
            post.append((node, under_average))

        for n in agreement.nodes:
            visit(n, False)
        own = [_is_own(n) for n, _ in post]
        order = [p for p, o in zip(post, own) if o] + [p for p, o in zip(post, own) if not o]
        self.nodes: list = [n for n, _ in order]  # the typed node of each result, in evaluation order
        self.place = {id(n): i for i, n in enumerate(self.nodes)}
        self.children: dict[int, list[int]] = {}  # a node's children, by their places in that order
        self.rules: dict[int, tuple] = {}  # per node not omitted: (its kind's rule, rounding, weighing)
        with decimal.localcontext(CONTEXT):
            self.steps: list[tuple] = [(n.id, self._compile(n, under, i)) for i, (n, under) in enumerate(order)]
        # how many nodes are scored from their own results alone: they are the first steps
        self.own_count = own_count = sum(own)
        # The same functions for a traced run, with a memo per node scored from its own
        # results alone (_run_steps): those nodes come first, (index, node id, function, memo
        # by text, memo by Decimal); then (node id, function) of the others
        self.traced_steps: tuple = ([(i, node_id, function, {}, {})
                                     for i, (node_id, function) in enumerate(self.steps[:own_count])],
                                    self.steps[own_count:])
        # and for an untraced run (a JSON batch, the rows the row path leaves): the figures alone
        self.untraced_steps: tuple = ([(i, node_id, function, {}, {})
                                       for i, (node_id, function) in enumerate(self.steps[:own_count])],
                                      self.steps[own_count:])
        roots = [(self.place[id(n)], n) for n in agreement.nodes]
        self.index_of: dict[str, int] = {}  # the first node of each id, in the order written
        for n in agreement.walk():
            if id(n) in self.place:
                self.index_of.setdefault(n.id, self.place[id(n)])
        self.roots = roots  # (index, node) of each top node
        components = [(i, n) for i, n in roots if n.kind == "component"]
        self.components = [(i, n.share or ZERO) for i, n in components]
        self.component_indexes = [i for i, _ in self.components]
        self.individual = bool(components)
        self.live_roots = [(i, n) for i, n in roots if not n.omitted and n.weight is not None]
        self.live_indexes = [i for i, _ in self.live_roots]
        self.component_shares = tuple(share for _, share in self.components)
        self.table = fw.bands
        # each band that can hold a total (within()): its bounds' tests (bound_tests) and values,
        # the band, its raise range
        self.bands = [(*bound_tests(b.lower.op, b.upper.op), b.lower.value, b.upper.value, b,
                       (b.raise_range.low, b.raise_range.high) if b.raise_range is not None
                       else (ZERO, ZERO) if b.no_raise else None)
                      for b in (fw.bands.bands if fw.bands else ()) if b.lower is not None and b.upper is not None]
        self.salary = fw.salary
        grade, pay = agreement.grade, agreement.salary
        self.grade = grade if grade is not None and pay is not None else None
        self._penalties: dict = {}
        self.penalizing = any(r.late_penalty is not None and r.due is not None for r in fw.rounds)
        self.net = partial(net, floor=self.policies.penalty_floor)  # the total less its penalty, floored
        # (band, raise range) of a published total: _band_for made a table (band_pieces.py)
        self.band_pieces = Pieces([bound for _, _, lower, upper, _, _ in self.bands for bound in (lower, upper)],
                                  self._band_for)
        self._amounts: dict = {}
        # (raise %, id of its band) → (amount, its trace entry Amount or None) of a raise without a problem
        self._fitted: dict = {}

    # ---- nodes ----------------------------------------------------------------------------------------
    def _compile(self, node, under_average: bool, index: int):
        """The function of the node at ``index``."""
        if node.omitted:
            opt = node.optional
            passed_on = bool(opt and (opt.to or opt.proportional)) or self.policies.redistribute != "none"
            return _omitted(Omitted(passed_on), index)
        children = [(self.place[id(c)], c) for c in node.children]
        self.children[index] = [i for i, _ in children]
        scoring = node.scoring
        if isinstance(scoring, (WeightedAverage, GroupSum, ComponentSum)):
            kids = [c for _, c in children]
            if isinstance(scoring, GroupSum):
                live = [(i, c) for i, c in children if not c.omitted and c.weight is not None and c.weight != 0]
            else:
                live = [(i, c) for i, c in children if not c.omitted and c.weight is not None]
            indexes, nodes = [i for i, _ in live], [c for _, c in live]
            if isinstance(scoring, WeightedAverage):
                rule = kinds.weighted_average(nodes, indexes)
            elif isinstance(scoring, GroupSum):
                rule = kinds.group_mean(node, nodes, indexes)
            else:
                rule = kinds.component(node, nodes, indexes, kids)
        elif scoring is None:
            # a leaf without a rule: a score given, or asked for (a node with children always has
            # a rule: the compiler gives it one, and kpidsl/plan/model/structure.py refuses a plan
            # file without)
            rule = kinds.given_only(node, None, self.policies)
        else:
            rule = kinds.OWN[type(scoring)](node, scoring, self.policies)
        # a score given is taken only by a node scored from its own results, as every reader
        # of results and the checker of examples take it (kpidsl/results_fields.py): a weighted
        # average's score is its sub-indicators', however the figures come
        givenable = _is_own(node)
        # rounded at the indicator: a node scored from its own results (a node computed from
        # others is never, so computed() and computed_many() round nothing)
        exact = self.rounded if self.policies.round_at == "indicator_level" and _is_own(node) else None
        # a component's share weighs it as a weight % weighs a dimension (seed 001: 72 × 70% = 50.4):
        # its weighted score is its term of the individual total (_finish sums them)
        weigh = _weigher(weight_in_parent(node), under_average)
        self.rules[index] = (rule, exact, weigh)
        scale = scale_range(self.framework, scoring.scale, self.policies.scale_score) \
            if isinstance(scoring, ScaleScoring) else None
        # a score given for an indicator on a ladder stands for the ladder's, which the cap holds
        # (docs/scoring.md rule 1; kpidsl/check/examples.py X008 holds an expected one alike)
        cap = self.policies.cap if scoring is not None and scoring.KIND in ("ladder", "formula") \
            and self.policies.cap < HIGHEST_SCORE else None
        return _node(node, rule, givenable, exact, weigh, index, scale, cap)

    def computed(self, index: int):
        """figure(results, run) → (value, score, weighted) of the node at ``index`` computed from
        the nodes before it, with no results of its own and no trace (a CSV row gives a computed
        node no cells: kpidsl/score/evaluate/rows.py): its kind's rule and the node's rounding and
        weighing, as ``steps`` applies them, with the wrappers a trace needs left out."""
        if index not in self.rules:  # omitted: nothing
            return lambda results, run: NOTHING
        rule, _, weigh = self.rules[index]  # not rounded at the indicator (_compile)
        if weigh is None:
            def plain(results: list, run: Run) -> tuple:
                value, score, entry = figures = rule(EMPTY, results, run)
                return figures if entry is None else (value, score, None)
            return plain

        def weighed(results: list, run: Run) -> tuple:
            value, score, _ = rule(EMPTY, results, run)
            return (value, score, None if score is None else weigh(score))
        return weighed

    def computed_many(self, index: int):
        """figures(columns) → the (value, score, weighted) of the node at ``index`` for a run of
        rows (``columns``: per node before it, its results row by row), no trace: its kind's
        rule run-shaped (the same sums as the rule of one row, ``rule.many``), weighed as
        ``computed`` weighs; None when its kind has no run-shaped rule. figures()
        gives None for a run in which a row lacks something (then each row by ``computed``)."""
        if index not in self.rules:
            return None
        rule, _, weigh = self.rules[index]  # not rounded at the indicator (_compile)
        many = getattr(rule, "many", None)
        if many is None:
            return None
        nothing = repeat(None)

        def figures(columns: list) -> list | None:
            scores = many(columns)
            if scores is None:
                return None
            return list(zip(nothing, scores, nothing if weigh is None else map(weigh, scores)))
        return figures

    # ---- an evaluation -----------------------------------------------------------------------------------
    def evaluate(self, fields_by_id: dict, round_: str | None = None, submitted: dt.date | None = None,
                 raise_percent: Decimal | None = None, run: Run | None = None, person: str | None = None,
                 pay: tuple | None = None, population: Decimal | None = None) -> Evaluation:
        """Every figure of one evaluation. ``fields_by_id``: node id → its results (field →
        Decimal; a milestone's steps listed one by one under ``steps_done``). ``pay``: the
        (salary, grade id) a results row gives, each None for the agreement's; ``population``:
        N of the survey sample, else the agreement's. What is missing or wrong is in ``run`` (a
        new, untraced Run by default)."""
        if run is None:
            run = Run()
        # CONTEXT's 40 digits, as decimal.localcontext(CONTEXT) would give, without its copy of
        # CONTEXT each call (a micro-second: a twentieth of an explained row): the evaluator's
        # own copy, made once, set and put back. Only its flags change (they never change a figure).
        outer = getcontext()
        setcontext(self.context)
        try:
            results: list = [None] * self.own_count  # _run_steps sets the first nodes' in place
            get = fields_by_id.get
            self._run_steps(self.untraced_steps if run.trace is None else self.traced_steps, get, results, run)
            evaluation = self._finish(ONE, results, round_, submitted, raise_percent, run, person, pay, results)[0]
            if self.framework.sample_size is not None:
                sample = sample_sizes.for_agreement(self.framework, self.agreement, population)
                if sample is not None:
                    evaluation = _evaluation((*evaluation, sample))
            return evaluation
        finally:
            setcontext(outer)

    def _run_steps(self, steps: list[tuple], get, results: list, run: Run) -> None:
        """The nodes of a run. A node scored from its own results alone (kinds.OWN) has
        figures and a trace entry that depend on nothing but those results: the ones its
        function gave a clean run are looked up by the results' text (70.0 is not 70 as
        written), since a batch meets each competency score and each common result again and
        again. A cache of what the one function computed, bounded per node; a run that
        records anything missing or wrong stores nothing; the NodeTrace kept (a traced run's;
        None for an untraced one) holds the first results of that text: the same fields, the
        same numbers as written.

        Before the text, a node's one result is looked up as the very Decimal met before
        (``seen``: the results reader gives one Decimal per cell text, kpidsl/score/number_cells.py
        read_number): the same object has the same text, and it is found without writing it
        (_fields_key's str() was a third of an explained row's node loop). An equal number
        written otherwise (70.0 met after 70) is not the object kept: it goes on to the text.

        ``results`` comes with a place for each node scored from its own results (they come
        first: a node's index is its place), set here without a call; the others' are appended."""
        trace = run.trace
        append = results.append
        own, others = steps
        for index, node_id, function, memo, seen in own:
            fields = get(node_id, EMPTY)
            value = None
            if len(fields) == 1:
                (name, value), = fields.items()
                try:  # only Decimals are kept: a value of another type is not the object kept
                    kept, kept_name, figures, entry = seen[value]
                except (KeyError, TypeError):  # not met; unhashable (steps listed one by one), a signalling NaN
                    pass
                else:
                    if kept is value and kept_name == name:
                        if trace is not None:
                            trace[index] = entry
                        results[index] = figures
                        continue
                if type(value) is not Decimal:
                    value = None
            key = _fields_key(fields)
            found = memo.get(key)
            if found is None:
                missing, problems = len(run.missing), len(run.problems)
                figures = function(fields, results, run)
                if key is not None and len(memo) < NODE_MEMO_LIMIT and len(run.missing) == missing \
                        and len(run.problems) == problems:
                    found = memo[key] = (figures, trace[index] if trace is not None else None)
                results[index] = figures
            else:
                if trace is not None:
                    trace[index] = found[1]
                results[index] = found[0]
            if value is not None and found is not None and len(seen) < NODE_MEMO_LIMIT and value not in seen:
                seen[value] = (value, name, found[0], found[1])
        for node_id, function in others:
            append(function(get(node_id, EMPTY), results, run))

    def finish(self, results: list, round_: str | None, submitted: dt.date | None, pct: Decimal | None, run: Run,
               person: str | None = None) -> Evaluation:
        """From the nodes' results on, the total and what follows from it, for one row: the
        rules of _finish, applied to one figure each (ONE). A row of the row path
        (kpidsl/score/evaluate/rows.py) names no salary or grade of its own: the agreement's."""
        return self._finish(ONE, results, round_, submitted, pct, run, person, None, results)[0]

    def finish_many(self, rows: list, rounds, submitted, pcts, run: Run, persons, columns: list) -> list:
        """finish() of each row of node results (``rounds``, ``submitted``, ``pcts``,
        ``persons``: each row's), the rules of _finish applied column by column (MANY: C-level
        maps, one call for a run of a batch). ``columns``: the same results node by node. The
        run must not be traced."""
        if type(pcts) not in (list, tuple):  # a column read once (kpidsl/score/results/fast_rows.py)
            pcts = list(islice(pcts, len(rows)))
        if type(submitted) not in (list, tuple):
            submitted = list(islice(submitted, len(rows)))
        return self._finish(MANY, rows, rounds, submitted, pcts, run, persons, None, columns)

    def _finish(self, shape, rows, rounds, submitted, pcts, run: Run, persons, pay, columns) -> list:
        """The total, the late-report penalty, the published total, the band and the raise,
        written once for both shapes (``shape``: ONE, each argument one row's; MANY, each a
        column of the rows'): the arithmetic as steps (kpidsl/score/evaluate/shapes.py), the
        look-ups by the published total's text."""
        trace = run.trace
        each = shape.each
        if self.individual:
            scores = shape.picked(SCORE, columns, self.component_indexes)
            # each component's weighted score, its term of the total (_compile weighs it by its share)
            terms = shape.picked(WEIGHTED, columns, self.component_indexes)
            totals = shape.apply(SUM, shape.rows(terms))
            if trace is not None and totals is not None:  # ONE: a figure each
                trace["total"] = _individual_total((tuple(zip(scores, self.component_shares)), totals))
        elif self.live_roots:
            totals = shape.apply(SUM, shape.rows(shape.picked(WEIGHTED, columns, self.live_indexes)))
            if trace is not None and totals is not None:
                trace["total"] = Total(tuple(rows[i][2] for i, _ in self.live_roots), totals)
        else:
            totals = shape.nothing(rows)
        if shape.has_none(totals):
            if shape is MANY:  # a row without a total among others: each on its own
                return [self._finish(ONE, r, rnd, s, p, run, who, None, r)[0]
                        for r, rnd, s, p, who in zip(rows, rounds, submitted, pcts, persons)]
            return [_evaluation((self, persons, rounds, rows, run, None, None, None, None, None, None, None))]
        if self.penalizing:
            penalties = shape.call(self.penalty, rounds, submitted, shape.same(run))
            finals = shape.call(self.rounded, shape.call(self.net, totals, penalties))
        else:
            penalties = shape.nothing(rows)
            finals = shape.rounded(self.rounded, totals)  # total − 0 is total: the same figure, one operation fewer
        if self.table is None:
            nothing = shape.nothing(rows)
            return shape.evaluations(_evaluation, self, persons, rounds, rows, run, totals, penalties, finals, nothing,
                                     nothing, nothing, nothing)
        found = shape.placed(self.band_pieces, finals)
        bands, ranges = each(FIRST, found), each(SECOND, found)
        if trace is not None and bands is not None:
            trace["band"] = _band_found((finals, bands, self.table))
        if self.salary is None:
            pcts = amounts = shape.nothing(rows)
        else:
            fitted = shape.call(self._fitted.get, shape.keyed(pcts, bands)) if pay is None \
                else shape.nothing(rows)
            if shape is MANY and not has_none(fitted):  # every row's % met before in its band
                amounts = each(FIRST, fitted)
            else:
                amounts = shape.call(self._raise, pcts, bands, ranges, fitted, shape.same(run), shape.same(pay))
        return shape.evaluations(_evaluation, self, persons, rounds, rows, run, totals, penalties, finals, bands,
                                 ranges, pcts, amounts)

    def _band_for(self, final: Decimal) -> tuple:
        """(band, raise range) of a published total: the band rule (band_pieces.py makes it
        the table a batch looks totals up in)."""
        for above, below, lower, upper, b, its_range in self.bands:
            if above(final, lower) and below(final, upper):  # between(), its tests made once
                return b, its_range
        return None, None

    def _raise(self, pct: Decimal | None, band, raise_range, known: tuple | None, run: Run, pay) -> Decimal | None:
        """The raise of a row with a raise % (amount()), None without one; ``known``: amount()'s
        memo of the % in that band, when it fitted."""
        if pct is None:
            return None
        if known is None:
            return self.amount(pct, band, raise_range, run, pay)
        if run.trace is not None and known[1] is not None:
            run.trace["amount"] = known[1]  # an equal % written otherwise (3, 3.0) is shown alike
        return known[0]

    def penalty(self, round_: str | None, submitted: dt.date | None, run: Run) -> Decimal | None:
        """The late-report penalty: days late (working days, or calendar days for a penalty
        ``per day``) × the penalty per day, by the round's due date (seed 002)."""
        if submitted is None:
            return None
        rnd = self.framework.rounds_by_id.get(round_ or self.agreement.round_id)
        if rnd is None or rnd.late_penalty is None or rnd.due is None:
            return None
        key = (rnd.id, submitted)
        found = self._penalties.get(key)
        if found is None:
            due = rnd.due.end
            per = rnd.late_penalty.per
            if per == "day":
                days, dates = calendar_days_late(due, submitted)
            else:
                days, dates = working_days_late(due, submitted, self.holidays)
            amount = rnd.late_penalty.amount
            found = Penalty(rnd, due, submitted, days, tuple(dates), "day" if per == "day" else "working_day",
                            amount, CONTEXT.multiply(amount, Decimal(days)))
            if len(self._penalties) < MEMO_LIMIT:
                self._penalties[key] = found
        if run.trace is not None:
            run.trace["penalty"] = found
        return found.penalty

    def amount(self, pct: Decimal, band, raise_range: tuple | None, run: Run, pay: tuple | None = None
               ) -> Decimal | None:
        """The raise: a % inside the band's range and under the cap; the amount is the
        mid-point of the half of the grade the salary is in × the % (seed 001), rounded up
        to the declared unit. A % met before in this band, which fitted it, _finish found
        already (``_fitted``, which this fills) and did not ask again."""
        salary = self.salary
        problems = len(run.problems)
        if raise_range and not raise_range[0] <= pct <= raise_range[1]:
            run.problems.append(Problem("Q023", {"percent": shown(pct), "band": band.id, "low": shown(raise_range[0]),
                                                 "high": shown(raise_range[1]), "band_th": band.title},
                                        band.source.to_json(), column="raise"))
        if salary.cap is not None and pct > salary.cap:
            run.problems.append(Problem("Q024", {"percent": shown(pct), "cap": shown(salary.cap)},
                                        salary.source.to_json(), column="raise"))
        grade, salary_held = self.grade, self.agreement.salary
        if pay is not None:  # a results row's salary and grade (the raise pool, kpidsl/score/pool.py)
            if pay[0] is not None:
                salary_held = pay[0]
            grade = salary.grade(pay[1] or self.agreement.grade_id) if salary_held is not None else None
        if grade is None:
            found = entry = None
        else:
            entry = self._amount(pct, pay, salary_held, grade)
            found = entry.amount
            if run.trace is not None:
                run.trace["amount"] = entry  # an equal % written otherwise (3, 3.0) is shown alike
        if pay is None and len(run.problems) == problems and len(self._fitted) < MEMO_LIMIT:
            self._fitted[(pct, id(band))] = (found, entry)
        return found

    def _amount(self, pct: Decimal, pay: tuple | None, salary_held, grade) -> Amount:
        """How the amount of a raise of ``pct`` is worked out (remembered per %, or per %,
        salary and grade of a results row)."""
        salary = self.salary
        key = pct if pay is None else (pct, salary_held, grade.id)
        found = self._amounts.get(key)
        if found is None:
            split = grade.split_at
            upper = split is not None and salary_held >= split
            base = grade.upper_mid if upper else grade.lower_mid
            raw = CONTEXT.divide(CONTEXT.multiply(base, pct), HUNDRED)
            unit = salary.rounding_unit or Decimal(1)
            found = Amount(salary_held, upper, grade, split, base, pct, raw, salary.rounding, unit,
                           to_unit(raw, unit, salary.rounding or "half_up"), salary)
            if len(self._amounts) < MEMO_LIMIT:
                self._amounts[key] = found
        return found


def _is_own(node) -> bool:
    """Whether a node is scored from its own results alone (not its children's)."""
    return not node.omitted and (type(node.scoring) in kinds.OWN or node.scoring is None and not node.children)


def _fields_key(fields: dict) -> tuple | None:
    """A node's results as a memo key (_text_key), the usual node's one result or score
    without a loop."""
    if len(fields) == 1:
        (name, value), = fields.items()
        return (name, str(value)) if type(value) is Decimal else None
    return _text_key(fields)


def _text_key(fields: dict) -> tuple | None:
    """A node's results as a memo key: each field with its number's text (70.0 and 70 are equal
    numbers shown alike nowhere: an explanation prints the text); None when a field is not a
    number (steps listed one by one)."""
    key = []
    for name, value in fields.items():
        if type(value) is not Decimal:
            return None
        key.append(name)
        key.append(str(value))
    return tuple(key)


def _omitted(entry: Omitted, index: int):
    def omitted(fields: dict, results: list, run: Run) -> tuple:
        if run.trace is not None:
            run.trace[index] = _node_trace((entry, fields))
        return NOTHING
    return omitted


def _weigher(weight: Decimal | None, under_average: bool):
    """score → the node's weighted figure for its parent (W × SM under a weighted average,
    seed 003; weight × score / 100 elsewhere), or None for a node without a weight."""
    if weight is None:
        return None
    if under_average:
        return partial(_multiply, weight)

    def weighed(score: Decimal) -> Decimal:
        return _divide(_multiply(weight, score), HUNDRED)
    return weighed


def _node(node, rule, givenable: bool, exact, weigh, index: int, scale: ScaleRange | None = None,
          cap: Decimal | None = None):
    """A node's function: a score given directly, else its kind's rule; rounded at the
    indicator when the policy says so; weighted for its parent (``weigh``, _weigher). A score
    given on a scale (``scale``) is held to the scale's levels (kpidsl/scale_scores.py: Q035),
    any other to 0–5 (Q017), and one on a ladder to a ``cap`` below 5 (Q057)."""
    owner = isinstance(node.scoring, OwnerScore)
    source = node.source.to_json()
    node_id = node.id

    if not givenable and exact is None and weigh is None:
        # a component (its share weighs it in the total): the rule's figures as they are
        def combined(fields: dict, results: list, run: Run) -> tuple:
            value, score, entry = rule(fields, results, run)
            if run.trace is not None:
                run.trace[index] = _node_trace((entry, fields))
            return (value, score, None)
        return combined

    def evaluate(fields: dict, results: list, run: Run) -> tuple:
        if givenable and "score" in fields:
            value, score = None, fields["score"]
            if scale is not None:
                if not scale.admits(score):
                    run.problems.append(Problem("Q035", scale.off_scale(shown(score), node_id), source,
                                                (node_id, "score")))
            elif not LOWEST_SCORE <= score <= HIGHEST_SCORE:
                run.problems.append(Problem("Q017", {"score": shown(score), "id": node_id}, source,
                                            (node_id, "score")))
            elif cap is not None and score > cap:
                run.problems.append(Problem("Q057", {"score": shown(score), "id": node_id, "cap": shown(cap)}, source,
                                            (node_id, "score")))
            entry = Given(score, owner) if run.trace is not None else None
        else:
            value, score, entry = rule(fields, results, run)
        if score is not None and exact is not None:
            score = exact(score)
        weighted = None if score is None or weigh is None else weigh(score)
        if run.trace is not None:
            run.trace[index] = _node_trace((entry, fields))
        return (value, score, weighted)
    return evaluate
