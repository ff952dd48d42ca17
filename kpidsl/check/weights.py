"""Weights add up at every node; shares add up to 100 (W001–W011).

In a framework, the children's fixed weights must equal the parent's weight
(the whole framework adds to 100). Children whose weight is ``agreed`` are set
in each agreement: the framework then only needs room for them, and every
agreement must make the total come out (checked in agreements.py).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Sequence

from ..bilingual import Bi
from ..diagnostics.hints import few, hint
from ..diagnostics.phrases import phrase
from ..diagnostics.span import Span
from ..syntax import ast
from .context import Checker, exact_sum, named, node_name, num, walk

HUNDRED = Decimal(100)
_WEIGHTED_KINDS = ("perspective", "dimension", "kpi", "competency")


def run(ck: Checker) -> None:
    for fw in ck.rs.frameworks.values():
        _weightless(ck, fw)
        _unweighted_groups(ck, fw)
        _children(ck, named("framework", fw.id), HUNDRED, fw.nodes, fw.id_span or fw.span)
        _shares(ck, named("framework", fw.id), [n for n in fw.nodes if n.kind == "component"], fw.id_span or fw.span)
        for node in fw.nodes:
            _node(ck, node)
    for agreement in ck.rs.agreements.values():
        for loc in walk(agreement.nodes):
            _positive(ck, loc.node)
            if isinstance(loc.node.scoring, ast.Composite):  # an indicator the agreement adds
                _parts(ck, loc.node, loc.node.scoring)
        _sub_weights(ck, agreement)


def _weightless(ck: Checker, fw: ast.Framework) -> None:
    """W009: a framework's total is Σ weight × score / 100 over its top indicators
    (docs/scoring.md; an individual's, Σ component score × share, is its components').
    With no weight on any of them, fixed or agreed, W001/W004 have nothing to add up and
    every agreement under it is scored without a total; an agreement cannot add one.
    Told once an agreement names the framework: that is when a total is asked for."""
    if any(n.kind == "component" for n in fw.nodes):
        return
    tops = [n for n in fw.nodes if n.kind in _WEIGHTED_KINDS]
    if not tops or any(n.weight is not None for n in tops):
        return
    under = _agreements_under(ck, fw)
    if not under:  # nothing is scored under it yet: a framework being drafted
        return
    ck.report("W009", fw.id_span or fw.span, framework=fw.id, agreements=under,
              nodes=Bi(few(node_name(n).en for n in tops), few(node_name(n).th for n in tops)))


def _agreements_under(ck: Checker, fw: ast.Framework) -> str:
    """The agreements that name ``fw``, as W009 and W011 list them ("" when none does)."""
    return few(f"`{a.id}`" for a in ck.rs.agreements.values() if a.framework is not None and a.framework.id == fw.id)


def unweighted_group(kind: str, scoring, weighed: Sequence) -> bool:
    """Whether a node with a weight is a group none of whose indicators ``weighed`` has one
    (W011). With no scoring of its own its score is Σ weight × score over the indicators that
    have a weight (kpidsl/score/evaluate/kinds.py group_mean): with none, it has no score and
    the total over it none either. A component and a weighted average are W008's."""
    return (kind in _WEIGHTED_KINDS and scoring is None and bool(weighed)
            and all(c.weight is None for c in weighed))


def _unweighted_groups(ck: Checker, fw: ast.Framework) -> None:
    """W011 at each weighted group of ``fw`` whose indicators have no weights, once an agreement
    names the framework (as W009: a framework being drafted is weighed top down). A group
    without a weight is W004's (beside weighted siblings), W009's (at the top) or its
    parent's."""
    under = None
    for loc in walk(fw.nodes):
        node = loc.node
        weighed = [c for c in node.children if c.kind in _WEIGHTED_KINDS]
        if node.weight is None or (node.weight.value is None and not node.weight.agreed) \
                or not unweighted_group(node.kind, node.scoring, weighed):
            continue
        under = _agreements_under(ck, fw) if under is None else under
        if not under:
            return
        if node.weight.agreed:
            agreed = phrase("agreed-weight-of-it")
            weight, weight_th = agreed.en, agreed.th
        else:
            weight = weight_th = num(node.weight.value)
        ck.report("W011", node.id_span or node.span, node=node_name(node), agreements=under,
                  **hint("group-needs-weights", children=few(f"`{c.id}`" for c in weighed),
                         weight=weight, weight_th=weight_th))


ONE = Decimal(1)


def _sub_weights(ck: Checker, agreement: ast.Agreement) -> None:
    """An agreement's sub-indicators of a weighted average: their weights add up
    to 1 as seed 003 writes them (slide 10), or to 100 when written as percent."""
    fw = ck.rs.frameworks.get(agreement.framework.id) if agreement.framework else None
    if fw is None:
        return
    averaged = {loc.node.id for loc in walk(fw.nodes) if isinstance(loc.node.scoring, ast.WeightedAverage)}
    for loc in walk(agreement.nodes):
        node = loc.node
        if node.id not in averaged:
            continue
        weights = [c.weight.value for c in node.children if c.weight is not None and c.weight.value is not None]
        if not weights:
            continue
        total = exact_sum(weights)
        if total not in (ONE, HUNDRED):
            parts = " + ".join(f"{c.id} {num(c.weight.value)}" for c in node.children
                               if c.weight is not None and c.weight.value is not None)
            ck.report("W010", node.id_span or node.span, node=node_name(node), agreement=agreement.id,
                      total=num(total), parts=parts)


def adds_up_by_weight(kind: str, scoring) -> dict[str, str] | None:
    """Why a node's score needs the weight of every indicator under it, as the
    hint of W008; None when its indicators may go unweighted.

    A component is Σ score × weight (seed 001: the weights (ข) add to 100%) and a
    weighted average Σ(W × SM) / ΣW (seed 003 slide 10), each told at every indicator. A plain
    group with none weighed is told once, at its name (W011, unweighted_group); W004 covers some
    left out."""
    if kind == "component":
        return hint("component-needs-weights")
    if isinstance(scoring, ast.WeightedAverage):
        return hint("average-needs-weights")
    return None


def _unweighted(ck: Checker, node: ast.Node) -> None:
    """W008: a component or weighted average none of whose indicators has a
    weight passes W001/W004 (nothing to add up) but cannot be scored."""
    why = adds_up_by_weight(node.kind, node.scoring)
    weighed = [c for c in node.children if c.kind in _WEIGHTED_KINDS]
    if why is None or not weighed or any(c.weight is not None for c in weighed):
        return
    for c in weighed:
        ck.report("W008", c.id_span or c.span, node=node_name(c), parent=node_name(node), **why)


def _node(ck: Checker, node: ast.Node) -> None:
    _positive(ck, node)
    _unweighted(ck, node)
    weight = node.weight.value if node.weight and not node.weight.agreed else None
    if node.children:
        # Under an agreed weight the children's sum is each agreement's (agreements.py, W003);
        # their own weights and `optional ->` names are the framework's, checked here.
        _children(ck, node_name(node), weight, node.children, node.id_span or node.span)
        _shares(ck, node_name(node), [c for c in node.children if c.kind == "component"], node.id_span or node.span)
    if isinstance(node.scoring, ast.Composite):
        _parts(ck, node, node.scoring)
    for child in node.children:
        _node(ck, child)


def _parts(ck: Checker, node: ast.Node, composite: ast.Composite) -> None:
    """A composite indicator's score is Σ share × part score (seed 003 slide 46): every
    part needs its share (K003; the scorer has nothing to multiply without it), and the
    shares written add up to 100% (W005)."""
    for part in composite.parts:
        if part.share is None:
            ck.report("K003", ast.header_span(part), context=f"part `{part.id}`", context_th=f"ส่วน `{part.id}`", key="share",
                      **hint("part-needs-share"))
    shares = [p.share for p in composite.parts if p.share is not None]
    if shares and exact_sum(shares) != HUNDRED:
        ck.report("W005", ast.header_span(composite), node=node_name(node), total=num(exact_sum(shares)))


def _positive(ck: Checker, node: ast.Node) -> None:
    if node.weight and node.weight.value is not None and node.weight.value <= 0:
        ck.report("W006", node.weight.span, weight=num(node.weight.value))


def _children(ck: Checker, parent, expected: Decimal | None, children: Sequence[ast.Node],
              span: Span | None) -> None:
    weighed = [c for c in children if c.kind in _WEIGHTED_KINDS]
    # An `optional ->` names a sibling whether or not any sibling is weighed yet.
    _optional_targets(ck, weighed)
    with_weight = [c for c in weighed if c.weight is not None]
    if not with_weight:
        return
    for c in weighed:
        if c.weight is None:
            ck.report("W004", c.id_span or c.span, node=node_name(c))
    fixed = exact_sum(c.weight.value for c in with_weight if c.weight.value is not None)
    agreed = [c for c in with_weight if c.weight.agreed]
    if expected is None:
        return
    if agreed:
        if fixed > expected:
            ck.report("W001", span, node=parent, total=num(fixed), expected=num(expected),
                      **hint("fixed-weights-exceed"))
        elif fixed == expected:
            ck.report("W002", agreed[0].weight.span, node=parent, total=num(fixed), expected=num(expected),
                      agreed=", ".join(f"`{c.id}`" for c in agreed))
        return
    if fixed != expected:
        ck.report("W001", span, node=parent, total=num(fixed), expected=num(expected),
                  **_which_hint(weighed, fixed, expected))


def _which_hint(children: Sequence[ast.Node], total: Decimal, expected: Decimal) -> dict[str, str]:
    parts = ", ".join(f"{c.id} = {num(c.weight.value)}" for c in children if c.weight and c.weight.value is not None)
    diff = expected - total
    return hint("weights-missing" if diff > 0 else "weights-too-much", parts=parts, total=num(total),
                diff=num(abs(diff)))


def _optional_targets(ck: Checker, siblings: Sequence[ast.Node]) -> None:
    ids = [c.id for c in siblings]
    for c in siblings:
        if c.optional and c.optional.to and (c.optional.to.id not in ids or c.optional.to.id == c.id):
            others = [i for i in ids if i != c.id]
            ck.report("W007", c.optional.to.span, node=node_name(c), target=c.optional.to.id,
                      siblings=few(others) or "none")


def _shares(ck: Checker, parent, components: Sequence[ast.Node], span: Span | None) -> None:
    shared = [c for c in components if c.share is not None]
    if not shared:
        return
    total = exact_sum(c.share for c in shared)
    if total != HUNDRED:
        ck.report("W005", span, node=parent, total=num(total))
