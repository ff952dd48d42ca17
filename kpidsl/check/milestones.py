"""Milestone ladders: five steps numbered 1 to 5, due dates in order (M001, M002), none due after
the report of the round an agreement is evaluated in, or of the framework's last round (M003)."""

from __future__ import annotations

import datetime as dt

from ..syntax import ast
from ..written_dates import day_said
from ..diagnostics.phrases import phrase
from .context import Checker, walk
from .overlay import overlay


def milestones_of(scoring):
    if isinstance(scoring, ast.MilestoneScoring):
        yield scoring.milestones
    elif isinstance(scoring, ast.Composite):
        for part in scoring.parts:
            yield from milestones_of(part.scoring)


def run(ck: Checker) -> None:
    told: set = set()  # the steps told M003, each told once (_late)
    for fw in ck.rs.frameworks.values():
        _nodes(ck, fw.nodes, fw.fiscal_year)
        _after_last_round(ck, fw, told)
    for agreement in ck.rs.agreements.values():
        fw = ck.rs.frameworks.get(agreement.framework.id) if agreement.framework else None
        _nodes(ck, agreement.nodes, agreement.fiscal_year or (fw.fiscal_year if fw else None))
        if fw is not None:
            _after_round(ck, fw, agreement, told)


def _nodes(ck: Checker, nodes, fiscal_year: int | None) -> None:
    for loc in walk(nodes):
        for ms in milestones_of(loc.node.scoring):
            check(ck, ms, fiscal_year)


def check(ck: Checker, ms: ast.Milestones, fiscal_year: int | None) -> None:
    numbers = [s.number for s in ms.steps]
    if numbers != [1, 2, 3, 4, 5]:
        ck.report("M001", ast.header_span(ms), found=" ".join(map(str, numbers)) if numbers else phrase("no-steps"))
    dues = [(s, ck.within_reach(s.due, fiscal_year)) for s in ms.steps if s.due is not None]
    dues = [(s, d) for s, d in dues if d is not None]
    for (a, da), (b, db) in zip(dues, dues[1:]):
        if da[1] > db[1]:
            ck.report("M002", a.due.span, step=a.number, due=day_said(da[1]), next_step=b.number,
                      next_due=day_said(db[1]))


def _day(ref: ast.DateRef | None, fiscal_year: int | None) -> dt.date | None:
    """The last day ``ref`` covers, as the scorer takes a step's due date (kpidsl/score/evaluate/kinds.py
    milestones); None where it cannot be read: what is wrong with it is told where it is resolved."""
    days = ref.days(fiscal_year) if ref is not None else None
    return days[1] if days is not None and days[0] <= days[1] else None


def _effective(entries):
    for e in entries:
        if not e.omitted:
            yield e
            yield from _effective(e.children)


def _last_round(fw: ast.Framework) -> tuple[ast.Round, dt.date] | None:
    """The framework's round whose report is due last, and that day; None without a round whose
    due date can be read."""
    dues = [(r, d) for r in fw.rounds if (d := _day(r.due, fw.fiscal_year)) is not None]
    return max(dues, key=lambda rd: rd[1]) if dues else None


def _after_last_round(ck: Checker, fw: ast.Framework, told: set) -> None:
    """M003 at a framework's own step due after the report of its last round: whatever round an
    agreement is evaluated in, and with no agreement at all, the report goes in before the step
    falls due. Told here, before any agreement's round (_after_round), so that the step is told
    once, with the round it can never meet."""
    last = _last_round(fw)
    if last is None:
        return
    for loc in walk(fw.nodes):
        for ms in milestones_of(loc.node.scoring):
            _late(ck, ms, fw.fiscal_year, last, told)


def _late(ck: Checker, ms: ast.Milestones, year: int | None, rnd: tuple[ast.Round, dt.date], told: set) -> None:
    """M003 at each step of ``ms`` due after the report of round ``rnd`` (the round, its due day),
    but not at a step told already: a framework's step is laid over every agreement of it."""
    for step in ms.steps:
        due = _day(step.due, year)
        if due is None or due <= rnd[1] or id(step) in told:
            continue
        told.add(id(step))
        ck.report("M003", step.due.span, step=step.number, due=day_said(due), round=rnd[0].id,
                  round_due=day_said(rnd[1]))


def _after_round(ck: Checker, fw: ast.Framework, agreement: ast.Agreement, told: set) -> None:
    """M003: a step of the agreement's tree (its own or its framework's) due after the report of
    the agreement's round is due, or of the framework's last round where the agreement names none
    (it may be evaluated in any, and a step past the last round's report is past every round's: the
    one reading of "no round", which the results readers share, a row naming its round where a
    penalty or a pool is per round, Q055 and Q056, kpidsl/score/results/agreement_rows.py). The round's results are reported by then, so the step's date is
    never the one that decides: a step done after the report went in still counts as on time by
    it (kpidsl/score/milestone_steps.py score_steps). Seed 002's 12-month report is due 31 ต.ค. 2554:
    a step due 30 พ.ย. 2554 is past it."""
    if agreement.round:
        rnd = next((r for r in fw.rounds if r.id == agreement.round), None)
        round_due = _day(rnd.due, fw.fiscal_year) if rnd is not None else None
        picked = (rnd, round_due) if round_due is not None else None
    else:
        picked = _last_round(fw)
    if picked is None:
        return
    year = agreement.fiscal_year or fw.fiscal_year
    for e in _effective(overlay(fw, agreement).roots):
        for ms in milestones_of(e.scoring):
            _late(ck, ms, year, picked, told)
