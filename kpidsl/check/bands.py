"""Rating bands cover their range with no gap and no overlap, every boundary
written with its comparison (B001–B006, B010), a better band's raise not below a lower one's (B013), nor either end of it (B014),
and the range holds every total
of the frameworks that use them (B011), and their best total reaches every band (B012).

``band good "ดี" >= 70 < 80`` says 70 is "ดี" and 80 is not: implementations
disagree at exactly 80 unless the file says which side it falls on.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from .. import policies
from ..diagnostics.hints import few, hint
from ..diagnostics.phrases import phrase
from ..syntax import ast
from ..diagnostics.registry import Bi
from ..policies import RAISE_CAP
from ..rounding import quantize
from ..score_range import HIGHEST_SCORE
from .context import Checker, exact_sum, frameworks_using_bands, num
from .overlay import overlay, scoring_kind
from .redistribute import effective_weights

HUNDRED = Decimal(100)
ONE = Decimal(1)


def _gap(low, high) -> Bi:
    if low == high:
        return phrase("score-exactly", score=num(low))
    return phrase("scores-between", low=num(low), high=num(high))


def run(ck: Checker) -> None:
    for table in ck.rs.bands.values():
        check(ck, table)
    for fw in ck.rs.frameworks.values():
        _reach(ck, fw)


def _reach(ck: Checker, fw: ast.Framework) -> None:
    """B011: every total the framework can give lies in its bands' range, or the scorer finds
    no band for it (score/evaluate/agreement.py within()). A score runs floor–cap (policies);
    an individual's total is Σ share × multiplier × score over its components (seed 001:
    72 × 70% + 68 × 30%, each × 20), any other Σ weight × score / 100 with weights adding up
    to 100 (W001). A milestone's 0 or a given score may go past floor and cap, so a range
    too short for floor–cap is too short for what is scored. Both ends are compared as
    published (_published), as B012's best total is: a band is found for the rounded figure.
    B012: the best total reaches every band, or the bands above it are never given."""
    table = ck.rs.bands.get(fw.bands.id) if fw.bands else None
    if table is None or table.low is None or table.high is None:
        return
    policy = policies.resolve(policies.rule_set_policy(ck.rs.policies), fw.policy)
    floor, cap = policy["floor"], policy["cap"]
    if not isinstance(floor, Decimal) or not isinstance(cap, Decimal):
        return
    components = [n for n in fw.nodes if n.kind == "component"]
    if components:
        if any(c.share is None for c in components) or exact_sum(c.share for c in components) != HUNDRED:
            return  # K003 or W005 first
        # a multiplier left out is 1 (kpidsl/score/evaluate/kinds.py component); one of 0 is K013
        scale = exact_sum(c.share * (c.multiplier or ONE) for c in components) / HUNDRED
        parts = ", ".join(f"{c.id} {num(c.share)}% × {num(c.multiplier or ONE)}" for c in components)
        why = hint("totals-of-components", floor=num(floor), cap=num(cap), parts=parts)
    else:
        scale, parts = ONE, None
        why = hint("totals-of-weights", floor=num(floor), cap=num(cap))
    bottom, top = _published(floor * scale, policy), _published(cap * scale, policy)
    if bottom < table.low or top > table.high:
        ck.report("B011", fw.bands.span, framework=fw.id, bands=table.id, bottom=num(bottom), top=num(top),
                  low=num(table.low), high=num(table.high), **why)
    # a framework with no component and no weighted indicator yet gives no total to rate (W009's)
    if components or any(n.weight is not None for n in fw.nodes):
        _unreached(ck, fw, table, scale, parts, policy, components)


def _unreached(ck: Checker, fw: ast.Framework, table: ast.Bands, scale: Decimal, parts: str | None,
               policy: dict, components: list[ast.Node]) -> None:
    """B012 at the framework's bands when its best total lies below a band: every score a full
    5, the most any can be (a cap is at most 5, K013; milestones count 5 steps; a score given
    is 0–5, Q017), so no one is ever given that band or its raise (a multiplier of 10 where
    seed 001's is 20: 65 at best, against ดีเด่น from 90). A band is found for the published
    total, rounded to the policy's decimals: 89.5 at `decimals 0` is 90. Where the framework's
    agreements score indicators on ladders under a cap below 5, their best is what the cap
    leaves (_agreements_best)."""
    best = _published(HIGHEST_SCORE * scale, policy)
    capped = _agreements_best(ck, fw, policy, components)
    if capped is not None and _published(capped[0], policy) < best:
        best, parts = _published(capped[0], policy), capped[1]
        why = hint("best-under-cap", cap=num(policy["cap"]), parts=parts, best=num(best))
    else:
        why = None
    above = [b for b in table.bands
             if b.lower is not None and (b.lower.value > best or (b.lower.value == best and not _includes(b.lower.op)))]
    if not above:
        return
    lowest = min(above, key=lambda b: b.lower.value)
    if why is None:
        why = (hint("best-of-components", parts=parts, best=num(best)) if parts is not None
               else hint("best-of-weights", best=num(best)))
    ck.report("B012", fw.bands.span, framework=fw.id, bands=table.id, best=num(best),
              unreached=few(f"`{b.id}`" for b in above), lower=num(lowest.lower.value), **why)


def _agreements_best(ck: Checker, fw: ast.Framework, policy: dict,
                     components: list[ast.Node]) -> tuple[Decimal, str] | None:
    """The best total any agreement of ``fw`` can give, and how (``achievement 70% × 20 × 4``),
    when the policy's cap is below 5; None without a cap below 5 or an agreement. A ladder's
    score is at most the cap (kpidsl/score/ladder.py), a formula's too (it is read on a
    ladder); a milestone's steps, a scale's level and a score given are up to 5 whatever the
    cap. Every node's figure is a weighted mean or sum of its children's with weights of its
    own (kpidsl/score/evaluate/kinds.py), and no two nodes share a result, so the best of each
    is the same mean of its children's bests (_best_score), with the weights an omitted
    indicator passes on (kpidsl/check/redistribute.py) as the compiled plan has them."""
    cap = policy["cap"]
    if cap >= HIGHEST_SCORE:
        return None
    found = None
    for agreement in ck.rs.agreements.values():
        if agreement.framework is None or agreement.framework.id != fw.id:
            continue
        tree = overlay(fw, agreement).roots
        best = _Best(cap, effective_weights(tree, str(policy["redistribute"])), policy)
        roots = {e.id: e for e in tree if not e.omitted}
        if components:
            terms = [(c, best.of(roots[c.id], None) if c.id in roots else HIGHEST_SCORE) for c in components]
            total = exact_sum(c.share * (c.multiplier or ONE) * b for c, b in terms) / HUNDRED
            how = ", ".join(f"{c.id} {num(c.share)}% × {num(c.multiplier or ONE)} × {num(b)}" for c, b in terms)
        else:
            live = list(roots.values())
            weights = [best.weight(e) for e in live]
            if live and None not in weights:  # the scorer's total: Σ weight × score / 100 over them
                total = exact_sum(w * best.of(e, None) for w, e in zip(weights, live)) / HUNDRED
            else:
                total = max((best.of(e, None) for e in live), default=HIGHEST_SCORE)
            how = num(total)
        if found is None or total > found[0]:
            found = (total, how)
    return found


_CAPPED = {"ladder", "formula"}  # the kinds read on a ladder (kpidsl/check/overlay.py scoring_kind)


@attrs.frozen
class _Best:
    """The most a node of one agreement's tree can score under ``cap`` (see _agreements_best),
    each group's the scorer's own mean of its children's (kpidsl/score/evaluate/kinds.py)."""

    cap: Decimal
    weights: dict  # id(effective node) → its weight with what omitted indicators passed on
    policy: dict

    def weight(self, e) -> Decimal | None:
        return self.weights.get(id(e), e.weight)

    def of(self, e, parent) -> Decimal:
        kind = scoring_kind(e, parent)
        if kind in _CAPPED:
            return self.cap
        if kind == "composite":  # Σ share × part's score / 100, rounded as an indicator is
            best = exact_sum((p.share or Decimal(0)) * (self.cap if isinstance(p.scoring, (ast.LadderScoring,
                                                                                          ast.FormulaScoring))
                                                         else HIGHEST_SCORE) for p in e.scoring.parts) / HUNDRED
            if self.policy["round_at"] == "indicator_level":
                best = _published(best, self.policy)
            return best if e.scoring.parts else HIGHEST_SCORE
        live = [c for c in e.children if not c.omitted]
        if kind not in ("weighted_average", "sum", "component") or not live:
            return HIGHEST_SCORE  # milestones, a scale, a score given, or a group the agreement has not filled
        weights = [self.weight(c) for c in live]
        if kind == "sum":  # group_mean: a child of no weight or of 0 is left out
            pairs = [(w, c) for w, c in zip(weights, live) if w is not None and w != 0]
        elif kind == "component" and None in weights:
            return HIGHEST_SCORE  # no score at all (Q022; A-codes at the agreement)
        else:
            pairs = [(w, c) for w, c in zip(weights, live) if w is not None]
        if not pairs or any(w < 0 for w, _ in pairs):
            return max(self.of(c, e) for c in live)  # no mean to take: the old bound, never too low
        num_ = exact_sum(w * self.of(c, e) for w, c in pairs)
        if kind == "component":  # Σ score × weight %, × the multiplier at the total
            return num_ / HUNDRED
        den = exact_sum(w for w, _ in pairs)
        own = self.weight(e)
        if kind == "sum" and own and own > den:  # the weight of omitted children that went nowhere is lost
            den = own
        return num_ / den if den > 0 else max(self.of(c, e) for c in live)


def _published(total: Decimal, policy: dict) -> Decimal:
    """A total as the scorer publishes it and finds its band by: rounded to the policy's
    decimals by the scorer's own rounding (kpidsl/rounding.py). B011's lowest and highest
    total and B012's best are this one figure: × 20.1 gives a best of 100.35, past a 0–100
    range at 4 decimals and 100 at `decimals 0`; × 17 gives 89.5, below ดีเด่น's 90 at 4
    decimals and 90 at `decimals 0`."""
    decimals = policy["decimals"]
    if not isinstance(decimals, int) or total.as_tuple().exponent >= -decimals:
        return total  # nothing past the published decimals: the figure as it is (80, not 80.0000)
    return quantize(total, decimals, str(policy["rounding"]))


def _includes(op: str) -> bool:
    return op in (">=", "<=")


def check(ck: Checker, table: ast.Bands) -> None:
    if table.low is None or table.high is None:
        if table.range_span is None:
            ck.report("K003", ast.header_span(table), context=f"bands `{table.id}`", context_th=f"ระดับผลการประเมิน `{table.id}`",
                      key="range", **hint("bands-range"))
        return
    complete = []
    broken = False
    for band in table.bands:
        if band.lower is None or band.upper is None:
            ck.report("B003", ast.header_span(band), band=band.id)
            broken = True
            continue
        if band.lower.value > band.upper.value or (band.lower.value == band.upper.value
                                                   and not (_includes(band.lower.op) and _includes(band.upper.op))):
            ck.report("B006", band.lower.span, band=band.id, low=num(band.lower.value), high=num(band.upper.value))
            broken = True
            continue
        if band.lower.value < table.low or band.upper.value > table.high:
            # Still counted for coverage: it does cover the part inside the range.
            ck.report("B004", ast.header_span(band), band=band.id, low=num(table.low), high=num(table.high))
        _raise(ck, table, band)
        complete.append(band)
    complete.sort(key=lambda b: (b.lower.value, not _includes(b.lower.op)))
    _ranked_raises(ck, complete)
    if not complete or broken:
        return  # coverage of a table with a broken band would only repeat the mistake
    first = complete[0]
    if first.lower.value > table.low or (first.lower.value == table.low and not _includes(first.lower.op)):
        ck.report("B001", first.lower.span, what=_gap(table.low, first.lower.value),
                  **hint("bands-start-lowest", low=num(table.low)))
    last = max(complete, key=lambda b: (b.upper.value, _includes(b.upper.op)))
    if last.upper.value < table.high or (last.upper.value == table.high and not _includes(last.upper.op)):
        ck.report("B001", last.upper.span, what=_gap(last.upper.value, table.high),
                  **hint("bands-end-highest", high=num(table.high)))
    for below, above in zip(complete, complete[1:]):
        top, bottom = below.upper, above.lower
        if bottom.value > top.value or (bottom.value == top.value and not _includes(top.op) and not _includes(bottom.op)):
            ck.report("B001", bottom.span, what=_gap(top.value, bottom.value),
                      **hint("bands-close-gap", above=above.id, below=below.id,
                             op=">" if _includes(top.op) else ">=", value=num(top.value)))
        elif bottom.value < top.value or (_includes(top.op) and _includes(bottom.op)):
            at = f" at exactly {num(top.value)}" if bottom.value == top.value else f" between {num(bottom.value)} and {num(top.value)}"
            ck.report("B002", bottom.span, first=below.id, second=above.id, at=at,
                      at_th=f" ที่ {num(top.value)}" if bottom.value == top.value else f" ระหว่าง {num(bottom.value)} ถึง {num(top.value)}",
                      **hint("bands-one-side", value=num(top.value)))


def _raise(ck: Checker, table: ast.Bands, band: ast.Band) -> None:
    r = band.raise_
    if r is None:
        return
    if r.low > r.high:
        ck.report("B005", r.span, band=band.id, **{"raise": f"{num(r.low)}–{num(r.high)}"},
                  problem="runs backwards", problem_th="เรียงกลับด้าน")
        return
    users = frameworks_using_bands(ck.rs, table.id)
    for fw in users:
        cap = fw.salary.cap if fw.salary else None
        if cap is not None and r.high > cap:
            ck.report("B005", r.span, band=band.id, **{"raise": f"{num(r.high)}%"},
                      problem=f"exceeds the {num(cap)}% cap of framework `{fw.id}`",
                      problem_th=f"เกินเพดานร้อยละ {num(cap)} ของกรอบ `{fw.id}`")
    # No framework declares a cap for this table: the seeds' cap is in force.
    uncapped = not users or any(fw.salary is None or fw.salary.cap is None for fw in users)
    if uncapped and r.high > RAISE_CAP:
        ck.report("B010", r.span, band=band.id, cap=num(RAISE_CAP), **{"raise": f"{num(r.high)}%"})


def _given(band: ast.Band) -> tuple[Decimal, Decimal, Bi] | None:
    """The least and most raise of ``band`` and how it reads; a band marked `no raise` gives 0, a
    band with no raise written (or one running backwards, B005) none to compare."""
    if band.no_raise:
        return Decimal(0), Decimal(0), phrase("no-raise")
    r = band.raise_
    if r is None or r.low > r.high:
        return None
    text = f"{num(r.low)}%" if r.low == r.high else f"{num(r.low)}–{num(r.high)}%"
    return r.low, r.high, Bi(text, text)


def _ranked_raises(ck: Checker, ranked: list[ast.Band]) -> None:
    """B013: a band's most raise below the least of a band under it (seed 001 ขั้นตอนที่ 9 ranks
    the raises with the bands: ดีเด่น 4.5–5, ดีมาก 3.5–4, ดี 2.5–3, พอใช้ 1.5–2, ต้องปรับปรุง none),
    so everyone rated higher earns less than everyone rated there: ดีมาก 1–1.2% over ดี 2.5–3%.
    Ranges that share an end or overlap are left: who earns what inside them is the head of the
    agency's to announce. ``ranked`` runs from the lowest band up; the band told is the nearest below.
    A raise for the lowest band (ต้องปรับปรุง) is not told: seed 001 gives its "ไม่ได้เลื่อนเงินเดือน" only in
    the table the head of the agency announces (ขั้นตอนที่ 9), with the other bands' figures; the rule
    it states (ว 28/52 ข้อ 2) is 0–6% for everyone (B005, B010)."""
    seen: list[tuple[ast.Band, tuple[Decimal, Decimal, Bi]]] = []
    for band in ranked:
        given = _given(band)
        if given is None:
            continue
        span = band.raise_.span if band.raise_ is not None else band.span
        under = next(((b, g) for b, g in reversed(seen) if given[1] < g[0]), None)
        if under is not None:
            ck.report("B013", span, band=band.id, given=given[2], other=under[0].id, other_given=under[1][2])
        else:
            _crossed_ends(ck, span, band, given, seen)
        seen.append((band, given))


def _crossed_ends(ck: Checker, span, band: ast.Band, given: tuple[Decimal, Decimal, Bi],
                  seen: list[tuple[ast.Band, tuple[Decimal, Decimal, Bi]]]) -> None:
    """B014: ranges that overlap with an end out of order, the better band's least raise below a
    lower band's least (ดีมาก 2–4% against ดี 2.5–3%: a ดีมาก of 2% earns less than every ดี) or
    its most below a lower band's most (ดีมาก 3.5–4% against ดี 2.5–4.5%: a ดี of 4.5% earns more
    than every ดีมาก). Seed 001 (ขั้นตอนที่ 9) ranks both ends with the bands; ranges whose ends
    both rise with them may still share an end or overlap (B013's docstring). Told once, at the
    nearest band below with an end above this band's, where B013 has not told the band."""
    for other, (low, high, shown) in reversed(seen):
        if given[0] < low:
            end, value, other_value = phrase("least-raise"), given[0], low
        elif given[1] < high:
            end, value, other_value = phrase("most-raise"), given[1], high
        else:
            continue
        ck.report("B014", span, band=band.id, given=given[2], other=other.id, other_given=shown, end=end,
                  value=num(value), other_value=num(other_value))
        return
