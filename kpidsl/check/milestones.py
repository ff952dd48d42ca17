"""Milestone ladders: five steps numbered 1 to 5, due dates in order (M001, M002)."""

from __future__ import annotations

from ..syntax import ast
from ..thai import format_date
from ..diagnostics.phrases import phrase
from .context import Checker, walk


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
