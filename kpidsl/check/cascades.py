"""Cascading by split target: subordinates' targets add up to at least the
superior's (seed 004, slide 14) (C001, C002); where less is better, to at most (C003); a
percentage is never split (C005). A direct
cascade keeps the superior's target or a harder one (seed 004, slides 13, 24, 27) (C004)."""

from __future__ import annotations

from decimal import Decimal

from ..syntax import ast
from ..diagnostics.phrases import phrase
from ..diagnostics.registry import Bi
from .context import Checker, node_name, num, walk
from .ladders import ladders_of, thresholds
from .percentages import percentage


def target_of(node: ast.Node) -> Decimal | None:
    """An indicator's target: written, or its ladder's level 3."""
    if node.target is not None:
        return node.target
    for ladder in ladders_of(node.scoring):
        values = thresholds(ladder)
        if len(values) == 5:
            return values[2]
    return None


def _find(rs, agreement_id: str, kpi_id: str) -> ast.Node | None:
    agreement = rs.agreements.get(agreement_id)
    if agreement is None:
        return None
    for loc in walk(agreement.nodes):
        if loc.node.id == kpi_id:
            return loc.node
    fw = rs.frameworks.get(agreement.framework.id) if agreement.framework else None
    for loc in walk(fw.nodes if fw else ()):
        if loc.node.id == kpi_id:
            return loc.node
    return None


def _of(node: ast.Node, agreement_id: str) -> Bi:
    name = node_name(node)
    return phrase("of-agreement", node=name, id=agreement_id)


def run(ck: Checker) -> None:
    groups: dict[tuple[str, str], list[ast.Node]] = {}
    for agreement in ck.rs.agreements.values():
        for loc in walk(agreement.nodes):
            c = loc.node.cascade
            if c is not None and c.mode == "direct":
                _direct(ck, loc.node, c)
            if c is not None and c.mode == "split":
                groups.setdefault((c.agreement.id, c.kpi.id), []).append(loc.node)
    for (agreement_id, kpi_id), parts in groups.items():
        superior = _find(ck.rs, agreement_id, kpi_id)
        if superior is None:
            continue  # reported by the names pass
        percentage = next((n for n in (superior, *parts) if _percentage(n) is not None), None)
        if percentage is not None:
            for part in parts:
                ck.report("C005", part.cascade.span, node=node_name(part), superior=_of(superior, agreement_id),
                          unit=_percentage(percentage))
            continue  # a sum of percentages is no figure to hold against the superior's (C001, C003)
        target = target_of(superior)
        if target is None:
            ck.report("C002", parts[0].cascade.kpi.span, node=_of(superior, agreement_id))
            continue
        targets = []
        for part in parts:
            t = target_of(part)
            if t is None:
                ck.report("C002", part.cascade.span, node=node_name(part))
            else:
                targets.append(t)
        if len(targets) != len(parts):
            continue
        if _lower_is_better(superior):
            # a count to keep low (seed 004's complaints, outages 4 3 2 1 0): the parts may not allow more than
            # the whole; "at least the superior's" there let 5 + 5 complaints stand for 6, and refused 3 + 2
            if sum(targets) > target:
                ck.report("C003", parts[-1].cascade.span, node=_of(superior, agreement_id),
                          total=num(sum(targets)), target=num(target))
        elif sum(targets) < target:
            ck.report("C001", parts[-1].cascade.span, node=_of(superior, agreement_id),
                      total=num(sum(targets)), target=num(target))


def _direct(ck: Checker, node: ast.Node, c: ast.Cascade) -> None:
    """C004: a direct cascade hands the indicator and its target down (seed 004 slide 13), the same
    target or a harder one (slides 24, 27: the group's 70 75 80 85 90, the officer's 75 80 85 90 95).
    An easier one let the deputy reach level 3 at 1.5 where the chief's level 3 is 3."""
    superior = _find(ck.rs, c.agreement.id, c.kpi.id)
    if superior is None:
        return  # reported by the names pass
    mine, theirs = target_of(node), target_of(superior)
    lower = _lower_is_better(superior)
    if mine is None or theirs is None or lower != _lower_is_better(node):
        return  # no target to compare (C002's for a split), or ladders that disagree on which way is better
    if (mine > theirs) if lower else (mine < theirs):
        ck.report("C004", c.span, node=node_name(node), superior=_of(superior, c.agreement.id), target=num(mine),
                  superior_target=num(theirs), easier=phrase("target-more" if lower else "target-less"),
                  harder=phrase("target-less-ish" if lower else "target-more-ish"))


def _percentage(node: ast.Node) -> str | None:
    return percentage(node.unit, node.title)


def _lower_is_better(node: ast.Node) -> bool:
    """Whether the indicator's target sits on a lower-is-better ladder (its own, the one its target is read from)."""
    return any(ladder.direction == "lower" for ladder in ladders_of(node.scoring))
