"""One agreement of the plan compiled for scoring evaluation after evaluation."""

from __future__ import annotations

import datetime as dt
import decimal
from bisect import bisect_left
from decimal import Decimal
from operator import itemgetter
from typing import Callable

from ..engine import HUNDRED, Inputs
from ...outputs.cells import formula_like
from ..numbers import ROUNDING_MODES as _MODES, CONTEXT, GUARD, D, plain
from ..report import results_row
from ..results import _index  # what the results reader accepts, per node
from ..weighted import weighted_score
from ..workdays import calendar_days_late, working_days_late
from .parts import (
    _QUOTED,
    _WEIGHTED,
    CACHE_LIMIT,
    DERIVED,
    MEASURED,
    NOTHING,
    ZERO,
    Figures,
    Slow,
    _figures,
    _given,
    _Node,
    _raises,
    compile_expr,
    compile_ladder,
)


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
        # csv.writer (QUOTE_MINIMAL) quotes a cell holding a comma, a quote or a line break, and
        # results_row puts a quote in front of a text cell a spreadsheet would run: csv_line
        # writes only rows that need neither.
        self.plain_id = all(not _QUOTED(i) and not formula_like(i)
                            for i in (str(self.id), *(str(b["id"]) for b in self.bands_ids())))
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
            return results_row([self.id, person or "", round_ or self.round_default or "", "", "", "", "", "", ""])
        final = self.show(final)  # rounded already: rounding it again changes nothing
        return results_row([self.id, person or "", round_ or self.round_default or "",
                            final if unchanged else self.fixed(total),
                            "" if penalty is None else self.fixed(penalty),
                            final,
                            band["id"] if band else "",
                            shown[1] if shown else "",
                            (shown[3] or "") if shown else ""])

    def csv_line(self, fig: Figures) -> str | None:
        """csv_row as the line csv.writer writes (lineterminator "\\n"), or None when a cell
        would need quoting: then csv_row and the writer."""
        _, person, round_, total, penalty, final, band, _, _, _, shown, _, unchanged = fig
        if total is None or penalty is not None or not self.plain_id:
            return None
        if person and not person.isalnum() and (_QUOTED(person) or formula_like(person)):
            return None
        round_ = round_ or self.round_default or ""
        if round_ and not round_.isalnum() and (_QUOTED(round_) or formula_like(round_)):
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
                   "score": fixed(score), "weighted": fixed(weighted_score(n.weight, score)),
                   "contribution": fixed(weighted), "omitted": n.omitted}
            if value is not None:
                out["value"] = plain(value)
            out["children"] = [node(c) for c in n.children]
            return out

        return {
            "agreement": self.id,
            "person": fig.person,
            "framework": self.framework["id"],
            "round": fig.round or self.agreement.get("round"),
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
