"""The seeds' declared rules that need more than a well-formed line: a survey sample size's
error and table (seed 003 slide 52; P010, P011, P013) and a salary block's pool groups (seed 001,
ว 28/52 ข้อ 3; P012) and a pool for every round (ว 28/52 ข้อ 1; P015)."""

from __future__ import annotations

from decimal import Decimal

from ..syntax import ast
from .context import Checker, num


def run(ck: Checker) -> None:
    for fw in ck.rs.frameworks.values():
        if fw.sample_size is not None:
            _sample_size(ck, fw.sample_size)
        if fw.salary is not None:
            _pool_groups(ck, fw.salary)
            _pool_rounds(ck, fw)


def _sample_size(ck: Checker, rule: ast.SampleSize) -> None:
    if not Decimal(0) < rule.error < Decimal(1):
        ck.report("P010", rule.span, value=num(rule.error))
    for i, row in enumerate(rule.rows):
        if _low(row) > _high(row):
            # no whole population lies from its lowest to its highest: the scorer never finds the row
            # (kpidsl/score/sample_size.py table_row) and gives Yamane's figure instead (N = 50,000:
            # 397 where 10,001 – 100,000 -> 400 was written backwards)
            ck.report("P013", row.span, low=num(_low(row)), high=num(_high(row)), n=num(row.n))
            continue
        for earlier in rule.rows[:i]:
            shared = _shared(row, earlier)
            if shared is not None:
                ck.report("P011", row.span, value=num(shared), line=earlier.span.line)
                break


def _shared(a: ast.SampleRow, b: ast.SampleRow) -> Decimal | None:
    """A population both rows hold (populations are whole people), or None."""
    low = max(_low(a), _low(b))
    high = min(_high(a), _high(b))
    return low if low <= high else None


def _low(row: ast.SampleRow) -> Decimal:
    if row.lower is None:
        return Decimal(0)
    op, value = row.lower
    return value.to_integral_value(rounding="ROUND_CEILING") + (1 if op == ">" and value == value.to_integral_value()
                                                               else 0)


def _high(row: ast.SampleRow) -> Decimal:
    if row.upper is None:
        return Decimal("Infinity")
    op, value = row.upper
    return value.to_integral_value(rounding="ROUND_FLOOR") - (1 if op == "<" and value == value.to_integral_value()
                                                             else 0)


def _pool_groups(ck: Checker, salary: ast.Salary) -> None:
    seen: dict[str, ast.PoolGroup] = {}
    for group in salary.groups:
        first = seen.setdefault(group.id, group)
        if first is not group:
            ck.report("P012", group.id_span or group.span, id=group.id, line=first.span.line)


def _pool_rounds(ck: Checker, fw: ast.Framework) -> None:
    """P015: pools that name rounds leave none for a round they do not name. The scorer holds a round's
    raises to the pool naming it, else to one naming no round (kpidsl/score/pool.py pool_rule); with
    neither it holds them to nothing: round 2's raises were paid past any 3% without a word."""
    pools = fw.salary.pools
    if not pools or any(p.round is None for p in pools):
        return
    named = sorted({p.round for p in pools})
    if not set(named) <= {r.id for r in fw.rounds}:
        return  # a pool naming a round the framework lacks is N002's, most likely the missing round's pool
    for rnd in fw.rounds:
        if rnd.id not in named:
            ck.report("P015", rnd.id_span or rnd.span, round=rnd.id, rounds=", ".join(f"`{r}`" for r in named))
