"""The late-report penalty's calendar as a table the query looks up.

For each round with a due date and a penalty, the table holds every day from the day
after the due date for DAYS_AHEAD days, with how many days of it count as late: working
days (weekdays that are not public or government holidays, as seed 002 counts them and
kpidsl/days_off.py's rule, the evaluator's) or calendar days (a penalty ``per day``). A report sent
later than the table reaches is left to the Python evaluator.
"""

from __future__ import annotations

import datetime as dt

import attrs
from sqlglot import exp

from ..days_off import holidays_off, is_working_day
from ..plan.model import Framework, Holidays, Plan, Round
from .exact import dtype

DAYS_AHEAD = 730


@attrs.frozen
class LateTable:
    name: str
    cte: exp.Expression  # SELECT round, day, n FROM (VALUES …)


def holiday_days(h: Holidays, years: range) -> frozenset[dt.date]:
    """The days off of the plan's holidays block over ``years`` (kpidsl/days_off.py, the
    evaluator's rule)."""
    def spans(changes) -> list[tuple[dt.date, dt.date]]:
        return [(c.date.start, c.date.end) for c in changes if c.date is not None]

    return holidays_off(h.country, spans(h.add), spans(h.remove), years)


def late_days(plan: Plan, r: Round) -> list[tuple[dt.date, int]]:
    due = r.due.end
    last = due + dt.timedelta(days=DAYS_AHEAD)
    off = holiday_days(plan.holidays, range(due.year, last.year + 1)) if r.late_penalty.per != "day" else frozenset()
    out = []
    n = 0
    for i in range(1, DAYS_AHEAD + 1):
        day = due + dt.timedelta(days=i)
        if r.late_penalty.per == "day" or is_working_day(day, off):
            n += 1
        out.append((day, n))
    return out


def late_days_table(plan: Plan, fw: Framework, rounds: list[Round]) -> LateTable:
    rows = []
    for r in rounds:
        for day, n in late_days(plan, r):
            rows.append(exp.Tuple(expressions=[exp.Literal.string(r.id), exp.Literal.string(day.isoformat()),
                                               exp.Literal.number(n)]))
    values = exp.Values(expressions=rows, alias=exp.TableAlias(this=exp.to_identifier("t"), columns=[
        exp.to_identifier("round"), exp.to_identifier("day"), exp.to_identifier("n")]))
    select = exp.select(exp.column("round"),
                        exp.alias_(exp.Cast(this=exp.column("day"), to=dtype("DATE")), "day"),
                        exp.column("n")).from_(values)
    return LateTable(f"late_days_{fw.id}", select)
