"""A formula's divisor that is 0 whatever the results (K015); a formula no ladder scores (K016);
a fraction read on a ladder in percent (L008).

``value X1 / 0 * 100`` or ``X1 ÷ (5 − 5)``: a divisor written in figures alone is the same for
every results row, so kpidsl score refuses each one (Q019, kpidsl/score/formula.py) while the
rule set checked clean. A divisor that reads an input is the row's to give: a Y of 0 is Q019 at
that row's cell, not a fault of the rule.

A formula gives a measured value; its ladder turns the value into a score (docs/scoring.md
rule 5). Without one (a framework's `value` with no `ladder`, or an agreement that writes its
own inputs and formula and so replaces the framework's scoring, ladder and all) the indicator
never has a score, and kpidsl score left it and the total without a figure and without a word.

A percentage indicator whose formula divides inputs of one unit by each other and leaves out
the `× 100` (``X1 / Y1``) gives 0.9 for 90%: on a ladder of 85 … 95 no level is ever reached
(higher is better) or every level always is (lower is better). What check proves is the
formula's form: a constant × a quotient of inputs whose units cancel (_form); the figures a
row gives could still make a part 85 times its whole, so it is a warning.
"""

from __future__ import annotations

from decimal import Decimal

from collections import Counter

from ..diagnostics.hints import hint
from ..diagnostics.phrases import phrase
from ..syntax import ast, cst
from ..syntax.keywords import FUNCTION_BY_SPELLING
from .context import Checker, node_name, num, walk
from .ladders import thresholds
from .percentages import percentage


def run(ck: Checker) -> None:
    for fw in ck.rs.frameworks.values():
        for loc in walk(fw.nodes):
            _node(ck, loc.node)
    for agreement in ck.rs.agreements.values():
        for loc in walk(agreement.nodes):
            _node(ck, loc.node)


def _node(ck: Checker, node: ast.Node) -> None:
    scorings = [(node.scoring, percentage(node.unit, node.title))]
    if isinstance(node.scoring, ast.Composite):
        scorings = [(p.scoring, percentage(p.unit, p.title)) for p in node.scoring.parts]
    for scoring, percent in scorings:
        if not isinstance(scoring, ast.FormulaScoring):
            continue
        if scoring.ladder is None:
            ck.report("K016", scoring.span or node.span, node=node_name(node), **hint("formula-needs-ladder"))
        elif percent is not None:
            _fraction(ck, node, scoring, percent)
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


def _fraction(ck: Checker, node: ast.Node, scoring: ast.FormulaScoring, unit: str) -> None:
    """L008: a percentage's formula of the form 1 × a quotient of inputs whose units cancel (a
    fraction) read on a ladder whose every level is past 1."""
    units = {name: (i.unit or "").strip() for i in scoring.inputs for name in i.names}
    form = _form(scoring.expr, units)
    if form is None or form[0] != 1 or form[1] or not _reads_input(scoring.expr):
        return
    levels = thresholds(scoring.ladder)
    if not levels or min(levels) <= 1:
        return
    lower = scoring.ladder.direction == "lower"
    ck.report("L008", scoring.span or node.span, node=node_name(node), unit=unit,
              inputs=", ".join(dict.fromkeys(v.name for v in cst.subexpressions(scoring.expr) if isinstance(v, cst.Var))),
              low=num(min(levels)), high=num(max(levels)),
              outcome=phrase("fraction-always-meets" if lower else "fraction-never-reaches"))


def _reads_input(e: cst.Expr) -> bool:
    return any(isinstance(s, cst.Var) for s in cst.subexpressions(e))


def _form(e: cst.Expr, units: dict) -> tuple[Decimal, Counter] | None:
    """``e`` as (a constant, the units it is in: unit → power, none when they cancel), where it
    is a constant × a product and quotient of inputs; None where it is not (a sum of things in
    other units or other constants, an input the formula does not declare). An input with no
    unit is in the one unnamed unit: X / Y of two such is a fraction."""
    if isinstance(e, cst.Num):
        return e.value, Counter()
    if isinstance(e, cst.Pct):
        return e.fraction, Counter()
    if isinstance(e, cst.Var):
        if e.name not in units:
            return None
        return Decimal(1), Counter({units[e.name]: 1})
    if isinstance(e, cst.Neg):
        return _form(e.operand, units)  # the sign does not make a fraction a percentage
    if isinstance(e, cst.Call):
        forms = [_form(a, units) for a in e.args]
        # a mean, a minimum, a maximum of forms alike is that form; a sum of them too (n fractions)
        # (kpidsl/syntax/keywords.py keys every spelling, the English names too: one not there is N002's)
        if not forms or None in forms or FUNCTION_BY_SPELLING.get(e.func) not in ("mean", "min", "max", "sum"):
            return None
        return forms[0] if all(f == forms[0] for f in forms) else None
    if isinstance(e, cst.BinOp):
        left, right = _form(e.left, units), _form(e.right, units)
        if left is None or right is None:
            return None
        if e.op in ("+", "-"):
            return left if left == right else None
        dims = Counter(left[1])
        if e.op == "*":
            dims.update(right[1])
            factor = left[0] * right[0]
        elif right[0] == 0:
            return None  # K015's
        else:
            dims.subtract(right[1])
            factor = left[0] / right[0]
        return factor, Counter({u: p for u, p in dims.items() if p})
    return None
