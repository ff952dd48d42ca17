"""Milestone ladders: five steps numbered 1 to 5, due dates in order (M001, M002), none due after
the report of the round an agreement is evaluated in (M003)."""

from __future__ import annotations

import datetime as dt

from ..syntax import ast
from ..thai import format_date
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
    for fw in ck.rs.frameworks.values():
        _nodes(ck, fw.nodes, fw.fiscal_year)
    for agreement in ck.rs.agreements.values():
        fw = ck.rs.frameworks.get(agreement.framework.id) if agreement.framework else None
        _nodes(ck, agreement.nodes, agreement.fiscal_year or (fw.fiscal_year if fw else None))
        if fw is not None:
            _after_round(ck, fw, agreement)


def _nodes(ck: Checker, nodes, fiscal_year: int | None) -> None:
    for loc in walk(nodes):
        for ms in milestones_of(loc.node.scoring):
            check(ck, ms, fiscal_year)


def check(ck: Checker, ms: ast.Milestones, fiscal_year: int | None) -> None:
    numbers = [s.number for s in ms.steps]
    if numbers != [1, 2, 3, 4, 5]:
        ck.report("M001", ms.span, found=" ".join(map(str, numbers)) if numbers else phrase("no-steps"))
    dues = [(s, ck.within_reach(s.due, fiscal_year)) for s in ms.steps if s.due is not None]
    dues = [(s, d) for s, d in dues if d is not None]
    for (a, da), (b, db) in zip(dues, dues[1:]):
        if da[1] > db[1]:
            ck.report("M002", a.due.span, step=a.number, due=format_date(da[1]), next_step=b.number,
                      next_due=format_date(db[1]))


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


def _after_round(ck: Checker, fw: ast.Framework, agreement: ast.Agreement) -> None:
    """M003: a step of the agreement's tree (its own or its framework's) due after the report of
    the agreement's round is due. The round's results are reported by then, so the step's date is
    never the one that decides: a step done after the report went in still counts as on time by
    it (kpidsl/score/milestone_steps.py score_steps). Seed 002's 12-month report is due 31 ต.ค. 2554:
    a step due 30 พ.ย. 2554 is past it."""
    rnd = next((r for r in fw.rounds if r.id == agreement.round), None) if agreement.round else None
    round_due = _day(rnd.due, fw.fiscal_year) if rnd is not None else None
    if round_due is None:
        return
    year = agreement.fiscal_year or fw.fiscal_year
    for e in _effective(overlay(fw, agreement).roots):
        for ms in milestones_of(e.scoring):
            for step in ms.steps:
                due = _day(step.due, year)
                if due is not None and due > round_due:
                    ck.report("M003", step.due.span, step=step.number, due=format_date(due), round=rnd.id,
                              round_due=format_date(round_due))
