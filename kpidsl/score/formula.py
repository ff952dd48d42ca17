"""The formula interpreter: a formula is a small tree in the plan (numbers,
input names, + − × ÷, mean/sum/min/max); it is walked here, never handed to
Python's eval. Division by zero is a located error."""

from __future__ import annotations

from decimal import Decimal

from ..syntax.keywords import FUNCTIONS, is_thai
from .numbers import CONTEXT, D, plain


class FormulaError(ValueError):
    def __init__(self, message_en: str, message_th: str, source: dict | None = None):
        super().__init__(message_en)
        self.message_en = message_en
        self.message_th = message_th
        self.source = source


_OPS = {"+": CONTEXT.add, "-": CONTEXT.subtract, "*": CONTEXT.multiply}
_SHOW = {"+": "+", "-": "−", "*": "×", "/": "÷"}
_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}
# A function as a Thai rule file spells it (เฉลี่ย, ผลรวม, ต่ำสุด, สูงสุด), for Thai explanations.
_THAI_NAME = {name: next(s for s in spellings if is_thai(s)) for name, spellings in FUNCTIONS.items()}


def evaluate(expr: dict, inputs: dict[str, Decimal], source: dict | None = None) -> Decimal:
    if "num" in expr:
        return D(expr["num"])
    if "var" in expr:
        name = expr["var"]
        if name not in inputs:
            raise FormulaError(f"no value for input {name}", f"ไม่มีค่าของข้อมูล {name}", source)
        return inputs[name]
    if "call" in expr:
        args = [evaluate(a, inputs, source) for a in expr["args"]]
        func = expr["call"]
        if func == "sum":
            return sum(args, Decimal(0))
        if func == "mean":
            return CONTEXT.divide(sum(args, Decimal(0)), Decimal(len(args)))
        if func == "min":
            return min(args)
        if func == "max":
            return max(args)
        raise FormulaError(f"unknown function {func}", f"ไม่รู้จักฟังก์ชัน {func}", expr.get("source") or source)
    op = expr["op"]
    args = [evaluate(a, inputs, source) for a in expr["args"]]
    if op == "neg":
        return -args[0]
    if op == "/":
        if args[1] == 0:
            shown = render(expr["args"][1])
            raise FormulaError(f"division by zero: {shown} is 0 in {render(expr)}",
                               f"หารด้วยศูนย์: {shown} เป็น 0 ใน {render(expr)}", expr.get("source") or source)
        return CONTEXT.divide(args[0], args[1])
    return _OPS[op](args[0], args[1])


def render(expr: dict, inputs: dict[str, Decimal] | None = None, parent: int = 0, lang: str = "en") -> str:
    """The formula as text; with ``inputs``, names are shown with their values. In
    Thai (``lang="th"``) functions take their Thai names."""
    if "num" in expr:
        return plain(D(expr["num"]))
    if "var" in expr:
        name = expr["var"]
        return f"{name}={plain(inputs[name])}" if inputs and name in inputs else name
    if "call" in expr:
        func = _THAI_NAME.get(expr["call"], expr["call"]) if lang == "th" else expr["call"]
        return f"{func}({', '.join(render(a, inputs, lang=lang) for a in expr['args'])})"
    op = expr["op"]
    if op == "neg":
        return f"−{render(expr['args'][0], inputs, 3, lang)}"
    prec = _PRECEDENCE[op]
    left = render(expr["args"][0], inputs, prec, lang)
    right = render(expr["args"][1], inputs, prec + 1, lang)
    text = f"{left} {_SHOW[op]} {right}"
    return f"({text})" if prec < parent else text
