"""The formula interpreter: a formula is a small tree in the plan (numbers,
input names, + − × / (÷ read as /), mean/sum/min/max); it is walked here, never handed to
Python's eval. Division by zero is a located error."""

from __future__ import annotations

from decimal import Decimal

from typing import Callable

from ..diagnostics.registry import Coded
from ..plan.model import Call, Num, Neg, Var
from ..plan.model.fields import Field
from ..plan.model.scoring import read_expr
from ..syntax.keywords import FUNCTIONS, is_thai
from .numbers import CONTEXT, D, money, plain


class FormulaError(Coded, ValueError):
    """A formula that cannot be computed: a registry code (Q018, Q019) and its fields, at
    the formula's line."""

    def __init__(self, code: str, fields: dict, source: dict | None = None):
        super().__init__(code)
        self.code = code
        self.fields = fields
        self.source = source


_OPS = {"+": CONTEXT.add, "-": CONTEXT.subtract, "*": CONTEXT.multiply}
# "/" for division: the seeds print fractions stacked, and rules/2555/department.kpi writes them
# so (its สูตรการคำนวณ "Σ(W1.1.i × SM1.1.i) / ΣW1.1.i", its คำนวณ "เฉลี่ย(X1 / Y1, …) × 100"), as
# docs/scoring.md does; every equation of a form and explanation prints this one sign.
_SHOW = {"+": "+", "-": "−", "*": "×", "/": "/"}
_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}
# A function as a Thai rule file spells it (เฉลี่ย, ผลรวม, ต่ำสุด, สูงสุด), for Thai explanations.
_THAI_NAME = {name: next(s for s in spellings if is_thai(s)) for name, spellings in FUNCTIONS.items()}


def compile_expr(expr, source: dict | None = None) -> Callable[[dict[str, Decimal]], Decimal]:
    """A typed formula (kpidsl.plan.model Expr) as a function of its inputs: the one place a
    formula is computed. ``source`` is the formula's line, where a problem is reported when
    the part that fails has no line of its own."""
    if isinstance(expr, Num):
        number = expr.value
        return lambda inputs: number
    if isinstance(expr, Var):
        name = expr.name

        def var(inputs: dict) -> Decimal:
            try:
                return inputs[name]
            except KeyError:
                raise FormulaError("Q018", {"name": name}, source) from None
        return var
    if isinstance(expr, Call):
        args = [compile_expr(a, source) for a in expr.args]
        count = Decimal(len(args))
        func = expr.func
        if func == "sum":
            return lambda inputs: sum([a(inputs) for a in args], Decimal(0))
        if func == "mean":
            return lambda inputs: CONTEXT.divide(sum([a(inputs) for a in args], Decimal(0)), count)
        if func == "min":
            return lambda inputs: min([a(inputs) for a in args])
        return lambda inputs: max([a(inputs) for a in args])
    if isinstance(expr, Neg):
        operand = compile_expr(expr.operand, source)
        return lambda inputs: -operand(inputs)
    left, right = compile_expr(expr.left, source), compile_expr(expr.right, source)
    if expr.op == "/":
        where = expr.source.to_json() if expr.source is not None else source

        def divide(inputs: dict) -> Decimal:
            a, b = left(inputs), right(inputs)
            if b == 0:
                tree = expr.to_json()
                raise FormulaError("Q019", {"divisor": render(tree["args"][1]), "formula": render(tree)}, where)
            return CONTEXT.divide(a, b)
        return divide
    op = _OPS[expr.op]
    return lambda inputs: op(left(inputs), right(inputs))


def evaluate(expr: dict, inputs: dict[str, Decimal], source: dict | None = None) -> Decimal:
    """A formula of the plan dict, computed by compile_expr."""
    return compile_expr(read_expr(Field(expr)), source)(inputs)


def render(expr: dict, inputs: dict[str, Decimal] | None = None, parent: int = 0, lang: str = "en",
           baht: frozenset[str] = frozenset()) -> str:
    """The formula as text; with ``inputs``, names are shown with their values, those named in
    ``baht`` as money (X1=1,250,000). In Thai (``lang="th"``) functions take their Thai names."""
    if "num" in expr:
        return plain(D(expr["num"]))
    if "var" in expr:
        name = expr["var"]
        if not inputs or name not in inputs:
            return name
        return f"{name}={money(inputs[name]) if name in baht else plain(inputs[name])}"
    if "call" in expr:
        func = _THAI_NAME.get(expr["call"], expr["call"]) if lang == "th" else expr["call"]
        return f"{func}({', '.join(render(a, inputs, lang=lang, baht=baht) for a in expr['args'])})"
    op = expr["op"]
    if op == "neg":
        return f"−{render(expr['args'][0], inputs, 3, lang, baht)}"
    prec = _PRECEDENCE[op]
    left = render(expr["args"][0], inputs, prec, lang, baht)
    right = render(expr["args"][1], inputs, prec + 1, lang, baht)
    text = f"{left} {_SHOW[op]} {right}"
    return f"({text})" if prec < parent else text
