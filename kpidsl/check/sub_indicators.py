"""A node scored by a rule of its own has no sub-indicators (K014).

The scorer takes a node's own rule (a ladder, a formula, milestones, parts, an owner's
score) when it has one, and reads its sub-indicators' results only to show them
(kpidsl/score/evaluate/agreement.py ``_is_own``): the node's score, and the total above it,
never use theirs. Whether the rule or the sub-indicators were meant is unknowable, so the
checker asks. A weighted average is the rule made of sub-indicators (seed 003 indicator 9
carries the ladder they share in its block), and a group with no rule of its own is their
weighted mean: neither is this.
"""

from __future__ import annotations

from ..diagnostics.hints import few
from ..diagnostics.phrases import phrase
from ..syntax import ast
from .context import Checker, node_name, walk
from .overlay import Effective, overlay, walk_effective

# How each rule of a node's own is named in K014 and A022 (the phrases K012 names them by).
METHOD = {ast.LadderScoring: "method-ladder", ast.FormulaScoring: "method-formula",
           ast.MilestoneScoring: "method-milestones", ast.OwnerScore: "method-owner-score",
           ast.Composite: "method-parts"}


def run(ck: Checker) -> None:
    for fw in ck.rs.frameworks.values():
        for loc in walk(fw.nodes):
            node = loc.node
            if _own(node.scoring) and node.children:
                _report(ck, node, node.scoring, ast.header_span(node.scoring), node.children)
    for agreement in ck.rs.agreements.values():
        fw = ck.rs.frameworks.get(agreement.framework.id) if agreement.framework else None
        if fw is None:
            continue  # N002's: no framework of that name
        for eff, _ in walk_effective(overlay(fw, agreement).roots):
            _agreed(ck, eff)


def _own(scoring) -> bool:
    return type(scoring) in METHOD


def _agreed(ck: Checker, eff: Effective) -> None:
    """K014 at a node of an agreement laid over its framework: a rule the agreement writes over
    sub-indicators, or sub-indicators it adds under a rule (the framework's own node with both
    is told once, in the framework)."""
    if eff.omitted:
        return
    kept = [c for c in eff.children if not c.omitted]
    if not kept or not _own(eff.scoring):
        return
    fw_node, ag_node = eff.framework_node, eff.agreement_node
    if fw_node is not None and _own(fw_node.scoring) and fw_node.children:
        return  # told in the framework
    if ag_node is not None and ag_node.scoring is not None:
        span = ast.header_span(ag_node.scoring)
    else:
        first = next(c for c in kept if c.added)  # the framework's rule, sub-indicators the agreement adds
        span = first.node.id_span or first.node.span
    _report(ck, eff.node, eff.scoring, span, [c.node for c in kept])


def _report(ck: Checker, node: ast.Node, scoring, span, children) -> None:
    # span is a rule's or an added sub-indicator's, each read from the source with its place
    ck.report("K014", span, node=node_name(node), method=phrase(METHOD[type(scoring)]),
              children=few(f"`{c.id}`" for c in children))
