"""Ladders: five levels, ordered in their declared direction, moving by the
declared step, comparisons that agree with the direction, and the target at
level 3 (L001–L007), an agreement's target too where the ladder is the framework's (L004).

A ladder's level 1 may be written as the far side of level 2, the way the
seeds write lower-is-better ladders: ``lower >35 <=35 <=30 <=25 <=20`` (more
than 35 errors scores 1). That "open" level 1 has no point of its own.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..diagnostics.hints import hint
from ..diagnostics.phrases import phrase
from ..syntax import ast
from ..diagnostics.span import Span
from .context import Checker, num, walk
from .overlay import Effective, inherited_ladder, overlay, walk_effective

_TOWARD = {"higher": (">=", ">"), "lower": ("<=", "<")}
_AWAY = {"higher": ("<=", "<"), "lower": (">=", ">")}
_STRICT_AWAY = {"higher": "<", "lower": ">"}
_DIRECTION_TH = {"higher": "ค่ามากดี (จากน้อยไปมาก)", "lower": "ค่าน้อยดี (จากมากไปน้อย)"}
_DIRECTION_EN = {"higher": "higher-is-better (ascending)", "lower": "lower-is-better (descending)"}


def ladders_of(scoring) -> Iterator[ast.Ladder]:
    if isinstance(scoring, ast.LadderScoring):
        yield scoring.ladder
    elif isinstance(scoring, ast.FormulaScoring) and scoring.ladder:
        yield scoring.ladder
    elif isinstance(scoring, ast.WeightedAverage) and scoring.ladder:
        yield scoring.ladder
    elif isinstance(scoring, ast.Composite):
        for part in scoring.parts:
            yield from ladders_of(part.scoring)


def open_level_1(ladder: ast.Ladder) -> bool:
    """Level 1 written as "worse than level 2" (``> 35`` before ``<= 35``)."""
    t = ladder.thresholds
    return len(t) >= 2 and t[0].op in _AWAY[ladder.direction] and t[0].value == t[1].value


def thresholds(ladder: ast.Ladder) -> list[Decimal]:
    """The five threshold values, generating them from target and step."""
    if ladder.thresholds:
        return [t.value for t in ladder.thresholds]
    sign = 1 if ladder.direction == "higher" else -1
    return [ladder.target + sign * (k - 3) * ladder.step for k in range(1, 6)]


def run(ck: Checker) -> None:
    for decl in list(ck.rs.frameworks.values()) + list(ck.rs.agreements.values()):
        for loc in walk(decl.nodes):
            for ladder in ladders_of(loc.node.scoring):
                check_ladder(ck, ladder)
                _target(ck, loc.node, ladder)
    for agreement in ck.rs.agreements.values():
        fw = ck.rs.frameworks.get(agreement.framework.id) if agreement.framework else None
        if fw is not None:
            for eff, parent in walk_effective(overlay(fw, agreement).roots):
                _agreed_target(ck, eff, parent)


def _agreed_target(ck: Checker, eff: Effective, parent: Effective | None) -> None:
    """L004 for a target an agreement writes on an indicator it scores on a ladder it does not write
    (the framework's, or its weighted average's): ``kpi 5 { target 80 }`` over 65 70 75 80 85 put the
    agreed target at level 4, a result of 80 scored 4, and nothing said so."""
    node = eff.agreement_node
    if node is None or node.target is None or node.scoring is not None or eff.omitted:
        return
    scoring = eff.framework_node.scoring if eff.framework_node is not None else None
    if isinstance(scoring, (ast.LadderScoring, ast.FormulaScoring)) and scoring.ladder is not None:
        ladder = scoring.ladder  # the framework's own (a composite's parts, or a weighted average's for
        # the sub-indicators under it, are not this indicator's ladder)
    elif scoring is None and inherited_ladder(parent) is not None:
        ladder = inherited_ladder(parent).ladder
    else:
        return
    _target(ck, node, ladder, node.id_span or node.span)


def check_ladder(ck: Checker, ladder: ast.Ladder) -> None:
    if ladder.step is not None and ladder.step <= 0:
        ck.report("L007", ladder.span, step=num(ladder.step))
        return
    t = ladder.thresholds
    if not t:
        return  # target and step: ordered by construction
    if len(t) != 5:
        ck.report("L001", ladder.span, count=len(t))
        return
    direction = ladder.direction
    for k, th in enumerate(t, start=1):
        if th.op is None:
            continue
        if k > 1 and th.op in _AWAY[direction]:
            flip = "lower" if direction == "higher" else "higher"
            ck.report("L005", th.span, cmp=th.op, level=k, direction=_DIRECTION_EN[direction],
                      direction_th=_DIRECTION_TH[direction],
                      **hint("ladder-toward" if ladder.direction_written else "ladder-toward-flip",
                             direction=direction, flip=flip, ops=" or ".join(_TOWARD[direction]),
                             ops_th=" หรือ ".join(_TOWARD[direction])))
            return
    if t[0].op == _STRICT_AWAY[direction] and t[0].value != t[1].value:
        ck.report("L006", t[0].span)
        return
    start = 1 if open_level_1(ladder) else 0
    values = [th.value for th in t]
    for k in range(start, 4):
        a, b = values[k], values[k + 1]
        ordered = a < b if direction == "higher" else a > b
        if not ordered:
            ck.report("L002", t[k + 1].span, direction=_DIRECTION_EN[direction], direction_th=_DIRECTION_TH[direction],
                      level=k + 1, value=num(a), next_level=k + 2, next_value=num(b),
                      **_direction_hint(ladder, values[start:]))
            return
    if ladder.step is not None:
        for k in range(start, 4):
            if abs(values[k + 1] - values[k]) != ladder.step:
                ck.report("L003", t[k + 1].span, step=num(ladder.step), level=k + 1, value=num(values[k]),
                          next_level=k + 2, next_value=num(values[k + 1]))
                return


def _direction_hint(ladder: ast.Ladder, values: list[Decimal]) -> dict[str, str]:
    other = "lower" if ladder.direction == "higher" else "higher"
    descending = all(a > b for a, b in zip(values, values[1:]))
    ascending = all(a < b for a, b in zip(values, values[1:]))
    if (other == "lower" and descending) or (other == "higher" and ascending):
        return hint(f"ladder-reversed-{other}")
    return hint()


def _target(ck: Checker, node: ast.Node, ladder: ast.Ladder, span: Span | None = None) -> None:
    if node.target is None or (ladder.thresholds and len(ladder.thresholds) != 5):
        return
    values = thresholds(ladder)
    if values[2] == node.target:
        return
    level = next((k for k, v in enumerate(values, start=1) if v == node.target), None)
    if span is None:
        span = ladder.thresholds[2].span if ladder.thresholds else ladder.span
    ck.report("L004", span, target=num(node.target),
              level=level if level is not None else phrase("between-levels"))
