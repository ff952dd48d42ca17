"""A formula's divisor that is 0 whatever the results (K015); a formula no ladder scores (K016).

``value X1 / 0 * 100`` or ``X1 ÷ (5 − 5)``: a divisor written in figures alone is the same for
every results row, so kpidsl score refuses each one (Q019, kpidsl/score/formula.py) while the
rule set checked clean. A divisor that reads an input is the row's to give: a Y of 0 is Q019 at
that row's cell, not a fault of the rule.

A formula gives a measured value; its ladder turns the value into a score (docs/scoring.md
rule 5). Without one (a framework's `value` with no `ladder`, or an agreement that writes its
own inputs and formula and so replaces the framework's scoring, ladder and all) the indicator
never has a score, and kpidsl score left it and the total without a figure and without a word.
"""

from __future__ import annotations

from decimal import Decimal

from ..diagnostics.hints import hint
from ..syntax import ast, cst
from .context import Checker, node_name, walk


def run(ck: Checker) -> None:
    for fw in ck.rs.frameworks.values():
        for loc in walk(fw.nodes):
            _node(ck, loc.node)
    for agreement in ck.rs.agreements.values():
        for loc in walk(agreement.nodes):
            _node(ck, loc.node)


def _node(ck: Checker, node: ast.Node) -> None:
    scorings = [node.scoring]
    if isinstance(node.scoring, ast.Composite):
        scorings = [p.scoring for p in node.scoring.parts]
    for scoring in scorings:
        if not isinstance(scoring, ast.FormulaScoring):
            continue
        if scoring.ladder is None:
            ck.report("K016", scoring.span or node.span, node=node_name(node), **hint("formula-needs-ladder"))
        for e in cst.subexpressions(scoring.expr):
            if isinstance(e, cst.BinOp) and e.op == "/" and _figure(e.right) == 0:
                ck.report("K015", e.right.span or e.span, node=node_name(node))


def _figure(e: cst.Expr) -> Decimal | None:
    """The value of an expression of figures alone (a number, a percentage, − and + − × ÷ of
    them), None where it reads an input or calls a function, or divides by 0 itself (told there)."""
    if isinstance(e, cst.Num):
        return e.value
    if isinstance(e, cst.Pct):
        return e.fraction
    if isinstance(e, cst.Neg):
        inner = _figure(e.operand)
        return None if inner is None else -inner
    if isinstance(e, cst.BinOp):
        left, right = _figure(e.left), _figure(e.right)
        if left is None or right is None:
            return None
        if e.op == "+":
            return left + right
        if e.op == "-":
            return left - right
        if e.op == "*":
            return left * right
        return None if right == 0 else left / right
    return None
