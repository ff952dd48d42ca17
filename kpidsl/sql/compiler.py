"""An agreement of the typed plan compiled to one SQL query over a results table.

The query is a chain of CTEs, each ``SELECT *, <new columns> FROM <the one before>``: the
cells read (kpidsl/sql/cells.py), then the indicators level by level from the leaves up,
then the total, the penalty, the published total, the band and the raise. It is a
projection only (no join that reorders, no aggregate), so its rows come out in the order
of the table's. Every figure is exact (kpidsl/sql/exact.py); each row says whether the
query is sure of it (``sure``): a missing or unreadable cell, an inexact quotient, a
figure out of range or a duplicate leaves the row to the Python evaluator, whose
diagnostics stay located.

The semantics are the evaluator's (docs/scoring.md; kpidsl/score/engine.py and ladder.py
describe them in Python): ladders with their comparisons, lower-is-better, the policy's
floor, cap and interpolation; milestones counted; formulas; composites by share; owner
and competency scores as given; weighted averages Σ(W×SM)/ΣW; groups as weighted means;
components Σ score × weight × multiplier; the total Σ weight × score / 100 or, for
individuals, Σ component × share; the late penalty counted on a working-day table; the
band; the raise amount from the grade's mid-point, rounded to its unit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import attrs
from sqlglot import exp

from ..bilingual import Bi
from ..diagnostics.phrases import phrase

from ..plan.model import (Agreement, AgreementNode, BinOp, Call, ComponentSum, Composite, Formula, GroupSum, Ladder,
                          Milestones, Neg, Num, OwnerScore, Plan, ScaleScoring, Var, WeightedAverage)
from ..scale_scores import scale_range
from ..score_range import HIGHEST_SCORE, LOWEST_SCORE
from ..score.results.cells import node_accepts
from . import cells, exact
from .calendar import late_days_table
from .exact import NotExact, Val, dtype
from ..results_columns import ROW_META, split_header


class Unsupported(Exception):
    """A construct the SQL backend does not compile (yet): ``what`` and where."""

    def __init__(self, what: Bi, where: str):
        super().__init__(f"{what.en} ({where})")
        self.what = what
        self.where = where


QUOTIENT_PRECISION, QUOTIENT_SCALE = 20, 10


def node_fields(n: AgreementNode) -> tuple[tuple[str, ...], str | None, tuple[str, ...]]:
    """(fields a results row may give, the field a bare column gives, fields that are scores 0–5):
    what the evaluator's reader takes (node_accepts), less a milestone's steps one by one (``7:1``
    …), which the query leaves to the evaluator (a row giving one is not sure)."""
    accepts = node_accepts(n)
    steps = {str(s.number) for s in n.scoring.steps} if isinstance(n.scoring, Milestones) else set()
    return tuple(f for f in accepts.fields if f not in steps), accepts.default, accepts.scores


def canonical_header(agreement: Agreement) -> list[str]:
    """The columns a results table for this agreement has (as `kpidsl workbook` and the
    shipped results files write them)."""
    out = list(ROW_META)
    for n in agreement.walk():
        if n.omitted:
            continue
        fields, default, _ = node_fields(n)
        for f in fields:
            if f == "score" and default != "score":
                continue  # a score given directly instead of computed: not a column by default
            out.append(n.id if f == default else f"{n.id}:{f}")
    return out


@attrs.define
class _Stage:
    """The columns one CTE adds."""

    items: list[exp.Expression] = attrs.Factory(list)


class QueryBuilder:
    """The CTE chain of one query."""

    def __init__(self) -> None:
        self.stages: dict[float, _Stage] = {}
        self.tables: dict[str, exp.Expression] = {}
        self.count = 0

    def add(self, level: float, value: Val, hint: str) -> Val:
        self.count += 1
        item, read = exact.as_column(value, f"{hint}#{self.count}")
        self.stages.setdefault(level, _Stage()).items.append(item)
        return read

    def add_raw(self, level: int, e: exp.Expression, name: str) -> exp.Column:
        self.stages.setdefault(level, _Stage()).items.append(exp.alias_(e, name, quoted=True, copy=False))
        return cells.col(name)


def any_true(conds: Iterable[exp.Expression]) -> exp.Expression:
    """The SQL of "any of ``conds``" (FALSE when there are none)."""
    conds = list(conds)
    return exp.or_(*conds, copy=False) if conds else exp.false()


class AgreementQuery:
    def __init__(self, plan: Plan, agreement: Agreement, prefix: str, header: list[str], b: QueryBuilder,
                 parsed: dict[int, tuple[str, str]], by_value: frozenset[str] = frozenset()):
        self.plan = plan
        self.a = agreement
        self.fw = agreement.framework
        self.pol = self.fw.policies
        self.prefix = prefix
        self.b = b
        self.header = header
        self.unsure: list[exp.Expression] = []
        self.by_field: dict[tuple[str, str], str] = {}  # (node id, field) → parsed value column
        self.bad: dict[tuple[str, str], str] = {}
        self.pay: Val | None = None  # a results row's salary (the raise pool), when the table has the column
        self.row_grade: exp.Expression | None = None  # a results row's position grade (text), when given a column
        # With figures asked for (`score --format json`, kpidsl/sql/figures.py): each node's
        # (value, score) as columns, by the node's place in agreement.walk().
        self.figures: dict[int, tuple[Val | None, Val | None]] | None = None
        nodes = {n.id: n for n in agreement.walk()}
        for j, name in enumerate(header):
            meta, node_id, field = split_header(name)
            if meta:
                continue
            n = nodes.get(node_id)
            fields, default, _ = node_fields(n) if n is not None else ((), None, ())
            f = field or default or ""
            if n is None or f not in fields:
                # a cell here is an error for this agreement (Q002, Q009): the evaluator says so
                self.unsure.append(cells.filled(cells.col(name), name in by_value))
                continue
            if (node_id, f) in self.by_field:
                raise Unsupported(phrase("sql-two-columns-for", field=f"{node_id}:{f}"), name)
            self.by_field[(node_id, f)] = parsed[j][0]
            self.bad[(node_id, f)] = parsed[j][1]

    def where(self, n: AgreementNode) -> str:
        return f"{self.a.id}/{n.id}"

    def unsure_any(self) -> exp.Expression:
        """Any of the row's unsure tests, less a cell's unreadable test (``x#j``) where its
        number (``v#j``) being NULL is a test of its own: an unreadable cell's number is NULL
        (cells.unreadable), so that test adds nothing, and DuckDB, no longer asked for the
        column, leaves it out (a ladder's value cell: 0.85 % of the query's per-row
        instructions for bench_sql.py's ten)."""
        nulls = {c.this.name for c in self.unsure
                 if isinstance(c, exp.Is) and isinstance(c.this, exp.Column) and isinstance(c.expression, exp.Null)}
        implied = {self.bad[k] for k, v in self.by_field.items() if v in nulls}
        return any_true(c for c in self.unsure if not (isinstance(c, exp.Column) and c.name in implied))

    # ---- cells ----------------------------------------------------------------------------------
    def cell(self, n: AgreementNode, field: str, required: bool) -> Val | None:
        """The figure a row gives for ``n``'s ``field`` (None when the table has no such column)."""
        key = (n.id, field)
        if key not in self.by_field:
            if required:
                self.unsure.append(exp.true())  # every row lacks it: the evaluator reports it
            return None
        value = cells.number_val(self.by_field[key])
        if required:  # an unreadable cell reads as NULL too: one test for both
            self.unsure.append(exp.Is(this=value.e.copy(), expression=exp.Null()))
        else:
            self.unsure.append(cells.col(self.bad[key]))
        return value

    def need(self, v: Val | None, given: Val | None) -> None:
        """A figure the row must give unless it gives the score directly."""
        absent = exp.true() if v is None else exp.Is(this=v.e.copy(), expression=exp.Null())
        if given is not None:
            absent = exp.and_(absent, exp.Is(this=given.e.copy(), expression=exp.Null()), copy=False)
        self.unsure.append(absent)

    def score_cell(self, n: AgreementNode, field: str = "score", required: bool = False) -> Val | None:
        v = self.cell(n, field, required)
        if v is not None:  # a score is 0–5 (the reader's Q004)
            self.unsure.append(exp.and_(exp.not_(exp.Is(this=v.e.copy(), expression=exp.Null()), copy=False),
                                        exp.or_(exact.compare(v, "<", LOWEST_SCORE), exact.compare(v, ">", HIGHEST_SCORE), copy=False)))
            v = exact.within(v, HIGHEST_SCORE)
        return v

    def scale_cell(self, n: AgreementNode, scale: str) -> Val | None:
        """A score given on scale ``scale``: a row whose score the scale does not take
        (kpidsl/scale_scores.py) is unsure, and the evaluator tells it (Q035) and scores it not."""
        within = scale_range(self.fw, scale, self.pol.scale_score)
        if within is None:
            return self.score_cell(n, "score", True)
        v = self.cell(n, "score", True)
        if v is None:
            return None
        if within.between:
            taken = exp.and_(exact.compare(v, ">=", within.low), exact.compare(v, "<=", within.high), copy=False)
        else:
            taken = exp.or_(*(exact.compare(v, "=", level) for level in within.levels), copy=False)
        self.unsure.append(exp.and_(exp.not_(exp.Is(this=v.e.copy(), expression=exp.Null()), copy=False),
                                    exp.not_(taken, copy=False), copy=False))
        return exact.within(v, max(abs(within.low), abs(within.high)))

    # ---- scoring --------------------------------------------------------------------------------
    def exact_score(self, v: Val) -> Val:
        if self.pol.round_at == "indicator_level":
            return exact.rounded(v, self.pol.decimals, self.pol.rounding)
        return v

    def score_bound(self) -> Decimal:
        return max(HIGHEST_SCORE, abs(self.pol.cap), abs(self.pol.floor))

    def ladder(self, lad: Ladder, v: Val, where: str) -> Val:
        pts = [t.value for t in lad.thresholds]
        ops = [t.op for t in lad.thresholds]
        higher = lad.direction == "higher"
        floor, cap = self.pol.floor, self.pol.cap
        linear = self.pol.interpolate == "linear"
        toward = (">=", ">") if higher else ("<=", "<")
        level1_away = ops[0] is not None and ops[0] not in toward

        # Thresholds in the ladder's direction: between two of them the fraction is at most 1,
        # so a level whose next one is within the cap needs no min(…, cap).
        steady = all((b > a) if higher else (b < a) for a, b in zip(pts, pts[1:]))

        def capped(level: int, frac: Val) -> Val:
            score = exact.add(exact.const(Decimal(level)), frac)
            return score if steady and level + 1 <= cap else exact.at_most(score, cap)

        def reaches(k: int, op: str | None) -> exp.Expression:
            if higher:
                return exact.compare(v, ">" if op == ">" else ">=", pts[k])
            return exact.compare(v, "<" if op == "<" else "<=", pts[k])

        def step(lo: Decimal, hi: Decimal) -> Val:
            """|v - lo| in the branch of level k, typed as wide as the step: the branches are
            tested from level 5 down, so the branch of level k (at threshold lo, whose next is
            hi) is taken only when v reaches lo and not hi (v in [lo, hi], or [hi, lo] for
            lower-is-better): |v - lo| <= |hi - lo| (and no row takes it when the thresholds
            are out of order). A SQL CASE computes a branch only for the rows that take it, so
            the narrow type never meets a wider figure. (The cell's own type, 9 digits before
            the point, made a step of 0.25 a 19-digit product, taken in 128 bits by DuckDB:
            tests/test_sql.py test_a_ladder_step_is_typed_as_wide_as_the_step.)"""
            return exact.bounded(exact.absolute(exact.sub(v, exact.const(lo))), abs(hi - lo))

        branches: list[tuple[exp.Expression, Val]] = []
        first = 0 if not level1_away else 1
        for k in range(4, first - 1, -1):
            level = k + 1
            if level == 5:
                branches.append((reaches(k, ops[k]), exact.const(min(HIGHEST_SCORE, cap))))
                continue
            lo, hi = pts[k], pts[k + 1]
            if not linear or (level == 1 and lad.open_level_1):
                branches.append((reaches(k, ops[k]), exact.const(min(Decimal(level), cap))))
                continue
            if hi == lo:
                raise Unsupported(phrase("sql-ladder-equal-thresholds"), where)
            frac = exact.divided(step(lo, hi), abs(hi - lo), phrase("sql-ladder-of", where=where))
            score = capped(level, frac)
            branches.append((reaches(k, ops[k]), score))
        if level1_away:
            # "65 or less" at level 1: everything below level 2 is level 1 (kpidsl/score/ladder.py)
            lo, hi = pts[0], pts[1]
            plain_reach = reaches(0, None)
            if lad.open_level_1 or not linear:
                branches.append((exp.true(), exact.const(min(Decimal(1), cap))))
            else:
                if hi == lo:
                    raise Unsupported(phrase("sql-ladder-equal-thresholds"), where)
                frac = exact.divided(step(lo, hi), abs(hi - lo), phrase("sql-ladder-of", where=where))
                branches.append((plain_reach, capped(1, frac)))
                branches.append((exp.true(), exact.const(min(Decimal(1), cap))))
            return exact.bounded(exact.case(branches[:-1], branches[-1][1]), self.score_bound())
        return exact.bounded(exact.case(branches, exact.const(floor)), self.score_bound())

    def formula(self, n: AgreementNode, f: Formula) -> Val:
        inputs = {name: self.cell(n, name, True) for inp in f.inputs for name in inp.names}
        return self.expr(f.expr, inputs, self.where(n))

    def expr(self, e, inputs: dict[str, Val | None], where: str) -> Val:
        if isinstance(e, Num):
            return exact.const(e.value)
        if isinstance(e, Var):
            v = inputs.get(e.name)
            if v is None:
                raise Unsupported(phrase("sql-input-without-column", name=e.name), where)
            return v
        if isinstance(e, Neg):
            return exact.neg(self.expr(e.operand, inputs, where))
        if isinstance(e, Call):
            args = [self.expr(a, inputs, where) for a in e.args]
            if e.func == "sum":
                return exact.total(args, phrase("sql-formula-of", where=where))
            if e.func == "mean":
                what = phrase("sql-formula-of", where=where)
                return exact.divided(exact.total(args, what), Decimal(len(args)), what)
            den = exact.lcm(*(a.den for a in args))
            args = [exact.with_den(a, den) for a in args]
            node = exp.Least if e.func == "min" else exp.Greatest
            s = max(a.s for a in args)
            mag = max(a.mag for a in args)
            typ = exact.decimal_type(exact.Val(exp.Null(), s, mag).p, s)
            return Val(node(this=exp.Cast(this=args[0].typed(), to=typ),
                            expressions=[exp.Cast(this=a.typed(), to=typ) for a in args[1:]]), s, mag, den)
        assert isinstance(e, BinOp)
        left, right = self.expr(e.left, inputs, where), self.expr(e.right, inputs, where)
        what = phrase("sql-formula-of", where=where)
        if e.op == "+":
            return exact.add(left, right, what)
        if e.op == "-":
            return exact.sub(left, right, what)
        if e.op == "*":
            return exact.mul(left, right, what)
        if isinstance(e.right, Num):
            return exact.divided(left, e.right.value, what)
        return self.quotient(left, right, what)

    def quotient(self, a: Val, b: Val, what: Bi) -> Val:
        """a / b for a figure b of the row: the quotient to QUOTIENT_SCALE places, and the row
        left to the evaluator unless it is exact there (the evaluator then reports ÷ 0 too)."""
        num = exact.times_int(attrs.evolve(a, den=1), b.den)  # a.e·b.den
        dnm = exact.times_int(attrs.evolve(b, den=1), a.den)  # b.e·a.den
        # a floating-point guess (cast to the decimal type, which rounds it in every dialect),
        # then checked exactly: q × b = a
        guess = exp.Div(this=exp.Cast(this=num.typed(), to=dtype("DOUBLE")),
                        expression=exp.Cast(this=dnm.typed(), to=dtype("DOUBLE")))
        q = exact.column(exp.TryCast(this=guess, to=exact.decimal_type(QUOTIENT_PRECISION, QUOTIENT_SCALE)),
                         QUOTIENT_PRECISION, QUOTIENT_SCALE)
        q = self.b.add(self.level - 0.5, q, "quotient")
        check = exact.compare_vals(exact.mul(q, dnm, what), "=", num)
        self.unsure.append(exp.not_(exp.Coalesce(this=check, expressions=[exp.false()]), copy=False))
        return q

    def composite(self, n: AgreementNode, c: Composite) -> Val:
        parts = []
        for part in c.parts:
            if isinstance(part.scoring, Ladder):
                given = self.cell(n, part.id, True)
                s = self.ladder(part.scoring, given, f"{self.where(n)}/{part.id}") if given is not None else None
            else:  # the evaluator takes any other part's figure as its score
                s = self.score_cell(n, part.id, True)
            if s is None:
                return None
            share = part.share if part.share is not None else None
            if share is None:
                raise Unsupported(phrase("sql-part-without-share"), self.where(n))
            parts.append(exact.times_over(s, share, Decimal(100)))
        return exact.bounded(exact.total(parts), self.score_bound() * sum((abs(p.share) for p in c.parts),
                                                                            Decimal(0)) / 100)

    # ---- nodes ----------------------------------------------------------------------------------
    def node(self, n: AgreementNode, parent: AgreementNode | None) -> Val | None:
        if n.omitted:
            return None
        kids = {c.id: self.node(c, n) for c in n.children}
        self.level = _height(n)
        s = n.scoring
        where = self.where(n)
        score: Val | None
        if isinstance(s, (Ladder, Formula, Milestones, Composite, OwnerScore, ScaleScoring)) or (
                s is None and not n.children):
            given = self.score_cell(n) if isinstance(s, (Ladder, Formula, Milestones, Composite)) else None
            if given is not None and isinstance(s, (Ladder, Formula)) and self.pol.cap < HIGHEST_SCORE:
                # a score given for an indicator on a ladder past the cap: the evaluator's (Q057)
                self.unsure.append(exp.and_(exp.not_(exp.Is(this=given.e.copy(), expression=exp.Null()), copy=False),
                                            exact.compare(given, ">", self.pol.cap), copy=False))
            value = None  # the figure the node measured (the evaluator's value), for the figures asked
            if isinstance(s, Ladder):
                v = self.cell(n, "result", False)
                self.need(v, given)
                computed = self.ladder(s, v, where) if v is not None else None
                value = v
                if v is not None and given is not None:  # a score given: the evaluator reads no result
                    value = Val(exp.Case(ifs=[exp.If(this=exp.Is(this=given.e.copy(), expression=exp.Null()),
                                                     true=v.typed())]), v.s, v.mag, v.den)
            elif isinstance(s, Formula):
                if given is not None:
                    raise Unsupported(phrase("sql-formula-score-given"), where)
                value = self.formula(n, s)
                if self.figures is not None and value.den != 1:
                    # the evaluator writes such a value to 40 digits, each step of the formula rounded
                    raise NotExact(phrase("sql-formula-value-of", where=where), phrase("sql-quotient-not-ending"))
                computed = self.ladder(s.ladder, value, where) if s.ladder is not None else None
                if computed is None:
                    self.unsure.append(exp.true())  # a value without a ladder: no score, no total
            elif isinstance(s, Milestones):
                steps = self.cell(n, "steps", False)
                self.need(steps, given)
                computed = None
                if steps is not None:
                    count = len(s.steps)
                    self.unsure.append(exp.and_(exp.not_(exp.Is(this=steps.e.copy(), expression=exp.Null()), copy=False),
                                                exp.or_(exact.compare(steps, "<", Decimal(0)),
                                                        exact.compare(steps, ">", min(Decimal(count), HIGHEST_SCORE)),
                                                        exp.not_(exact.compare_vals(
                                                            Val(exp.Floor(this=steps.typed()), 0, steps.mag),
                                                            "=", steps)))))
                    computed = exact.within(steps, HIGHEST_SCORE)
            elif isinstance(s, Composite):
                if given is not None:
                    raise Unsupported(phrase("sql-composite-score-given"), where)
                computed = self.composite(n, s)
            elif isinstance(s, ScaleScoring):  # a competency's: one of the scale's levels, or between them
                computed = self.scale_cell(n, s.scale)
            else:  # owner, or no rule: the score is given
                computed = self.score_cell(n, "score", True)
            if given is not None and computed is not None:
                present = exp.not_(exp.Is(this=given.e.copy(), expression=exp.Null()), copy=False)
                score = exact.case([(present, given)], computed)
            else:
                score = given if computed is None else computed
            if score is not None:
                score = self.exact_score(score)
            if self.figures is not None and value is not None:
                self.figures[id(n)] = (self.b.add(self.level, value, f"{self.prefix}{n.id}:value"), None)
        elif isinstance(s, WeightedAverage):
            live = [c for c in n.children if not c.omitted and c.weight is not None]
            if not live or any(kids[c.id] is None for c in live):
                score = None
            else:
                num = exact.total([exact.times(kids[c.id], c.weight) for c in live], phrase("sql-average-of", where=where))
                den = sum((c.weight for c in live), Decimal(0))
                score = exact.bounded(exact.divided(num, den, phrase("sql-average-of", where=where)), self.score_bound())
        elif isinstance(s, GroupSum):
            live = [c for c in n.children if not c.omitted and c.weight is not None and c.weight != 0]
            if not live or any(kids[c.id] is None for c in live):
                score = None
            else:
                num = exact.total([exact.times(kids[c.id], c.weight) for c in live], phrase("sql-mean-of", where=where))
                den = sum((c.weight for c in live), Decimal(0))
                if n.weight and n.weight > den:
                    den = n.weight
                score = exact.bounded(exact.divided(num, den, phrase("sql-mean-of", where=where)), self.score_bound())
        elif isinstance(s, ComponentSum):
            if any(not c.omitted and c.weight is None for c in n.children):
                raise Unsupported(phrase("sql-unweighted-indicator"), where)
            live = [c for c in n.children if not c.omitted and c.weight is not None]
            if not live or any(kids[c.id] is None for c in live):
                score = None
            else:
                terms = [exact.times_over(kids[c.id], c.weight, Decimal(100)) for c in live]
                bound = self.score_bound() * sum((abs(c.weight) for c in live), Decimal(0)) / 100
                score = exact.times(exact.bounded(exact.total(terms, phrase("sql-component", where=where)), bound),
                                    n.multiplier or Decimal(1))
        else:
            raise Unsupported(phrase("sql-scoring-kind", kind=getattr(s, "KIND", None)), where)
        if score is None:
            return None
        score = self.b.add(self.level, score, f"{self.prefix}{n.id}")
        if self.figures is not None:
            self.figures[id(n)] = (self.figures.get(id(n), (None, None))[0], score)
        return score

    # ---- the agreement --------------------------------------------------------------------------
    def totals(self, rnd: exp.Expression, submitted: exp.Expression, pct: Val) -> dict[str, exp.Expression]:
        top = {n.id: self.node(n, None) for n in self.a.nodes}
        top_level = max((_height(n) for n in self.a.nodes), default=0) + 1
        self.level = top_level
        components = [n for n in self.a.nodes if isinstance(n.scoring, ComponentSum)]
        total: Val | None
        if components:
            if any(top[c.id] is None for c in components):
                total = None
            else:
                total = exact.total([exact.times_over(top[c.id], c.share or Decimal(0), Decimal(100))
                                     for c in components], phrase("sql-the-total"))
        else:
            live = [n for n in self.a.nodes if not n.omitted and n.weight is not None]
            if not live or any(top[n.id] is None for n in live):
                total = None
            else:
                total = exact.total([exact.times_over(top[n.id], n.weight, Decimal(100)) for n in live],
                                    phrase("sql-the-total"))
        out: dict[str, exp.Expression] = {}
        dec, mode = self.pol.decimals, self.pol.rounding
        if total is None:
            self.unsure.append(exp.true())  # no total: rare enough to leave to the evaluator
            return out
        total = self.b.add(top_level, total, f"{self.prefix}total")
        penalty = self.penalty(rnd, submitted)
        final_exact = total if penalty is None else self.net(total, exact.sub(total, penalty))
        if penalty is not None:
            out["total"] = exact.rounded(total, dec, mode).typed()
            out["penalty"] = exact.rounded(penalty, dec, mode).typed()
        # a negative published total (a heavy penalty) is written -0.0000 by Python at times
        self.unsure.append(exact.compare(final_exact, "<", Decimal(0)))
        final = self.b.add(top_level + 1, exact.rounded(final_exact, dec, mode), f"{self.prefix}final")
        out["final"] = final.typed()
        if penalty is None:  # no penalty: the published total is the total, rounded once
            out["total"] = final.typed()
        self.band(final, pct, out, top_level + 2)
        return out

    def net(self, total: Val, less: Val) -> Val:
        """The total less its penalty (``less``), never below the policy's ``penalty_floor`` unless
        the total already is: kpidsl/penalty_floor.py net() as a CASE."""
        floor = self.pol.penalty_floor
        if floor is None:
            return less
        lowest = exact.case([(exact.compare(total, "<", floor), total)], exact.const(floor))
        return exact.case([(exact.compare(less, "<", floor), lowest)], less)

    def penalty(self, rnd: exp.Expression, submitted: exp.Expression) -> Val | None:
        rounds = [r for r in self.fw.rounds if r.late_penalty is not None and r.due is not None]
        if not rounds:
            return None
        table = late_days_table(self.plan, self.fw, rounds)
        self.b.tables[table.name] = table.cte
        branches = []
        late_known = []
        for r in rounds:
            # MAX: Spark takes a correlated scalar subquery only when it aggregates
            days = exp.Subquery(this=exp.select(exp.Max(this=exp.column("n"))).from_(table.name).where(
                exp.and_(exp.EQ(this=exp.column("round"), expression=exp.Literal.string(r.id)),
                         exp.EQ(this=exp.column("day"), expression=submitted.copy()), copy=False)))
            due = exp.Cast(this=exp.Literal.string(r.due.end.isoformat()), to=dtype("DATE"))
            on_time = exp.LTE(this=submitted.copy(), expression=due)
            count = exp.Case(ifs=[exp.If(this=on_time, true=exp.Literal.number(0))], default=days)
            count_val = exact.column(exp.Cast(this=count, to=dtype("DECIMAL(5, 0)")), 5, 0)
            is_round = exp.EQ(this=rnd.copy(), expression=exp.Literal.string(r.id))
            branches.append((is_round, exact.times(count_val, r.late_penalty.amount)))
            late_known.append(exp.and_(is_round, exp.not_(exp.Is(this=submitted.copy(), expression=exp.Null()), copy=False),
                                       exp.Is(this=count.copy(), expression=exp.Null())))
        self.unsure.extend(late_known)  # a date past the table: the evaluator counts it
        has = exp.and_(exp.not_(exp.Is(this=submitted.copy(), expression=exp.Null()), copy=False),
                       exp.In(this=rnd.copy(), expressions=[exp.Literal.string(r.id) for r in rounds]))
        if len(rounds) > 1:
            pen = exact.case(branches[:-1], branches[-1][1])
        else:
            pen = branches[0][1]
        zero = exact.const(Decimal(0))
        pen = exact.case([(has, pen)], zero)
        self.has_penalty = has
        return self.b.add(self.level, pen, f"{self.prefix}penalty")

    def band(self, final: Val, pct: Val, out: dict[str, exp.Expression], level: int) -> None:
        """The band, and the test of the raise against its range. The band is a column of a
        step of its own (``level``, after the final figure's), which the range test reads by
        the band's name: the final figure is compared with the bands' bounds once a row, not
        again in `sure` (-10.6 M of bench_sql.py's ~1,430 M per-row instructions at 40 k
        rows; tests/test_sql.py test_the_raise_range_reads_the_band_the_band_output_found)."""
        table = self.fw.bands
        if table is None:
            return
        ifs = []
        ranges = []
        ids = []
        for band in table.bands:
            if band.lower is None or band.upper is None:
                continue
            cond = exp.and_(exact.compare(final, band.lower.op, band.lower.value),
                            exact.compare(final, band.upper.op, band.upper.value), copy=False)
            ifs.append(exp.If(this=cond, true=exp.Literal.string(band.id)))
            rr = (band.raise_range.low, band.raise_range.high) if band.raise_range else (
                (Decimal(0), Decimal(0)) if band.no_raise else None)
            ranges.append((cond, rr))
            ids.append(band.id)
        out["band"] = exp.Case(ifs=ifs) if ifs else exp.Null()
        if ifs and len(set(ids)) == len(ids):  # each band known by its name (kpidsl/check/names.py: unique)
            named = self.b.add_raw(level, out["band"], f"{self.prefix}band")
            out["band"] = named
            ranges = [(exp.EQ(this=named.copy(), expression=exp.Literal.string(i)), rr)
                      for i, (_, rr) in zip(ids, ranges)]
        salary = self.fw.salary
        if salary is None:
            return
        present = exp.not_(exp.Is(this=pct.e.copy(), expression=exp.Null()), copy=False)
        out["raise_percent"] = pct.typed()
        # A raise outside its band's range or over the cap is a problem the evaluator reports.
        # The band is the first whose range holds the final figure: one CASE over the band
        # column's names (each band's range tested once, not again, negated, for each band after
        # it: 5 % of the query's work at 400 k rows). A final figure in no band: no range to hold
        # (FALSE, as none of the bands' tests was true); none at all (NULL): unsure, as a NULL
        # test made it before.
        if any(rr is not None for _, rr in ranges):
            outside = [exp.If(this=cond, true=exp.or_(exact.compare(pct, "<", rr[0]), exact.compare(pct, ">", rr[1]),
                                                      copy=False) if rr is not None else exp.false())
                       for cond, rr in ranges]
            known = exp.not_(exp.Is(this=final.typed(), expression=exp.Null()), copy=False)
            which = exp.Case(ifs=outside, default=exp.Case(ifs=[exp.If(this=known, true=exp.false())]))
            self.unsure.append(exp.and_(present, which, copy=False))
        if salary.cap is not None:
            self.unsure.append(exp.and_(present, exact.compare(pct, ">", salary.cap), copy=False))
        unit = salary.rounding_unit or Decimal(1)

        def amount_of(given: Val, base: Decimal) -> Val:
            raw = exact.times_over(given, base, Decimal(100))
            steps = exact.rounded(exact.divided(raw, unit), 0, salary.rounding or "half_up")
            return exact.times(steps, unit)

        def amount(base: Decimal | None) -> Val:
            if base is None:
                raise Unsupported(phrase("sql-grade-without-mid"), self.a.id)
            if salary.cap is None:
                return amount_of(pct, base)
            # A raise within the cap (every sure row's: over it is unsure, above) is figured
            # in a type as wide as the cap (6 % x 30,600: 64 bits in DuckDB), any other in the
            # cell's (9 digits: 128 bits); a CASE computes a branch only for the rows that
            # take it. (tests/test_sql.py test_a_raise_within_the_cap_is_typed_by_the_cap)
            within = exact.compare(exact.absolute(pct), "<=", abs(salary.cap))
            return exact.case([(within, amount_of(exact.bounded(pct, salary.cap), base))], amount_of(pct, base))

        if self.row_grade is not None:
            out["amount"] = self.graded_amount(salary, amount)
            return
        agreed: exp.Expression = exp.Null()
        grade = self.a.grade
        if grade is not None and self.a.salary is not None:
            split = grade.split_at
            upper = split is not None and self.a.salary >= split
            agreed = amount(grade.upper_mid if upper else grade.lower_mid).typed()
        if self.pay is None:
            if not isinstance(agreed, exp.Null):
                out["amount"] = agreed
            return
        # A row's own salary picks the half of the agreement's grade (kpidsl/score/evaluate/agreement.py amount)
        row_grade = salary.grade(self.a.grade_id) if self.a.grade_id else None
        held: exp.Expression = exp.Null()
        if row_grade is not None:
            split = row_grade.split_at
            lower = amount(row_grade.lower_mid)
            held = (exact.case([(exact.compare(self.pay, ">=", split), amount(row_grade.upper_mid))], lower)
                    if split is not None else lower).typed()
        out["amount"] = exp.Case(ifs=[exp.If(this=exp.not_(exp.Is(this=self.pay.e.copy(), expression=exp.Null()),
                                                           copy=False), true=held)], default=agreed)


    def graded_amount(self, salary, amount) -> exp.Expression:
        """The raise amount when the table has a grade column (kpidsl/score/evaluate/agreement.py
        amount): the grade the row gives, else the agreement's; the salary the row gives, else
        the agreement's; the half of the grade that salary is in. No salary, no amount. A
        grade without the mid-point a salary needs is the evaluator's: those rows are unsure
        (and one the framework does not declare, kpidsl/sql/query.py)."""
        grade = exp.Coalesce(this=self.row_grade.copy(), expressions=[
            exp.Literal.string(self.a.grade_id) if self.a.grade_id else exp.Null()])
        helds: list[tuple[exp.Expression | None, Val]] = []  # (when, the salary held)
        if self.pay is not None:
            helds.append((exp.not_(exp.Is(this=self.pay.e.copy(), expression=exp.Null()), copy=False), self.pay))
        if self.a.salary is not None:
            helds.append((None, exact.const(self.a.salary)))
        ifs = []
        for g in salary.grades:
            chosen = exp.EQ(this=grade.copy(), expression=exp.Literal.string(g.id))
            for when, held in helds:
                cond = chosen if when is None else exp.and_(chosen, when.copy(), copy=False)
                if g.lower_mid is None or (g.split_at is not None and g.upper_mid is None):
                    self.unsure.append(cond.copy())
                    continue
                lower = amount(g.lower_mid)
                figure = (exact.case([(exact.compare(held, ">=", g.split_at), amount(g.upper_mid))], lower)
                          if g.split_at is not None else lower)
                ifs.append(exp.If(this=cond, true=figure.typed()))
        return exp.Case(ifs=ifs) if ifs else exp.Null()


def _height(n: AgreementNode) -> int:
    return 1 + max((_height(c) for c in n.children), default=0)
