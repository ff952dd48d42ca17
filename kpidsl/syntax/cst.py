"""The statement tree: what a .kpi file says, before any meaning is given.

Every node is a frozen attrs class whose span is excluded from equality, so
two trees of the same text written with different spacing compare equal. This
is the tree the formatter prints and the lowering pass (lower.py) reads.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Union

import attrs

from ..bilingual import Bi
from ..diagnostics.phrases import phrase
from ..diagnostics.span import Span, span_field
from .dates import DateParts

# ---- formula expressions ------------------------------------------------------------


@attrs.frozen
class Num:
    value: Decimal
    text: str = attrs.field(eq=False, default="")
    written: str = attrs.field(default="", eq=False, kw_only=True)  # as written: Thai digits kept
    span: Span | None = span_field()


@attrs.frozen
class Pct:
    value: Decimal  # 50% is 50
    written: str = attrs.field(default="", eq=False, kw_only=True)  # the number as written, before the sign
    span: Span | None = span_field()

    @property
    def fraction(self) -> Decimal:
        """What the percentage is in a formula: 50% is 0.5 (the plan's figure and the
        checker's folding read it here)."""
        return self.value / 100


@attrs.frozen
class Var:
    name: str
    span: Span | None = span_field()


@attrs.frozen
class Call:
    func: str
    args: tuple["Expr", ...]
    span: Span | None = span_field()  # from the name to the end of the last argument

    def name_span(self) -> Span | None:
        """Where the function's name is written: an unknown name is told, underlined and
        replaced there, not over the arguments (kpidsl/check/names.py, kpidsl/lsp)."""
        if self.span is None:
            return None
        return Span(self.span.path, self.span.line, self.span.column, self.span.line, self.span.column + len(self.func))


@attrs.frozen
class BinOp:
    op: str  # one of + - * /
    left: "Expr"
    right: "Expr"
    written: str = attrs.field(default="", eq=False, kw_only=True)  # the sign as written: × ÷ −
    span: Span | None = span_field()


@attrs.frozen
class Neg:
    operand: "Expr"
    written: str = attrs.field(default="", eq=False, kw_only=True)  # the sign as written: −
    span: Span | None = span_field()


Expr = Union[Num, Pct, Var, Call, BinOp, Neg]


def subexpressions(e: Expr):
    """``e`` and every expression inside it, each before its operands, left to right."""
    yield e
    if isinstance(e, Call):
        for a in e.args:
            yield from subexpressions(a)
    elif isinstance(e, BinOp):
        yield from subexpressions(e.left)
        yield from subexpressions(e.right)
    elif isinstance(e, Neg):
        yield from subexpressions(e.operand)

# ---- statement arguments -------------------------------------------------------------


@attrs.frozen
class Number:
    value: Decimal
    text: str  # as written, Thai digits turned Arabic: ids like "1.10" keep their form
    written: str = attrs.field(default="", eq=False, kw_only=True)  # the token as written: Thai digits kept
    span: Span | None = span_field()


@attrs.frozen
class Percent:
    value: Decimal  # the number before the sign: 50% is 50
    written: str = attrs.field(default="", eq=False, kw_only=True)  # the number as written, before the sign
    span: Span | None = span_field()


@attrs.frozen
class Text:
    value: str
    long: bool = attrs.field(default=False, eq=False)  # written with """ … """
    span: Span | None = span_field()


@attrs.frozen
class Name:
    text: str
    span: Span | None = span_field()


@attrs.frozen
class Dotted:
    """An id of three or more numbered parts, like 1.1.2."""

    text: str
    written: str = attrs.field(default="", eq=False, kw_only=True)  # as written: Thai digits kept
    span: Span | None = span_field()


@attrs.frozen
class DateLit:
    text: str = attrs.field(eq=False)
    parts: DateParts | None  # None when the text is not a date
    error: tuple[str, str] | None = attrs.field(default=None, eq=False)  # (en, th)
    span: Span | None = span_field()


@attrs.frozen
class Paren:
    expr: Expr
    span: Span | None = span_field()


@attrs.frozen
class Range:
    low: "Value"
    high: "Value"
    sep: str = attrs.field(default="-", eq=False)
    span: Span | None = span_field()


@attrs.frozen
class Compare:
    op: str  # normalised: >=, <=, >, <
    value: "Value"
    written: str = attrs.field(default="", eq=False, kw_only=True)  # the sign as written: ≥ ≤
    span: Span | None = span_field()


@attrs.frozen
class Arrow:
    target: "Value"
    written: str = attrs.field(default="", eq=False, kw_only=True)  # the sign as written: →
    span: Span | None = span_field()


Value = Union[Number, Percent, Text, Name, Dotted, DateLit, Paren]
Arg = Union[Value, Range, Compare, Arrow]

# ---- statements -------------------------------------------------------------------------


@attrs.frozen
class Head:
    text: str
    written: str = attrs.field(default="", eq=False, kw_only=True)  # a numbered head as written: Thai digits kept
    span: Span | None = span_field()


@attrs.frozen
class Block:
    statements: tuple["Stmt", ...]
    span: Span | None = span_field()


@attrs.frozen
class Statement:
    head: Head
    args: tuple[Arg, ...] = ()
    block: Block | None = None
    span: Span | None = span_field()


@attrs.frozen
class Formula:
    keyword: str
    expr: Expr
    span: Span | None = span_field()


Stmt = Union[Statement, Formula]


@attrs.frozen
class Comment:
    text: str  # without the leading "#"
    span: Span | None = span_field()


@attrs.frozen
class Document:
    path: str = attrs.field(eq=False)
    statements: tuple[Stmt, ...]
    comments: tuple[Comment, ...] = attrs.field(default=(), eq=False)


def figure(arg: Arg) -> Decimal | None:
    """The figure an argument writes: a number, a percentage's number (50% → 50), or a negative
    number in brackets, `(-2)` → -2; None for any other argument. A `-` between two figures is a
    range (`65 - 70`, seed 001's `4.5 - 5`), so a negative figure is bracketed, where a rule takes
    one: a ladder's thresholds and target, a target, a baseline, an example's fact."""
    if isinstance(arg, (Number, Percent)):
        return arg.value
    if isinstance(arg, Paren) and isinstance(arg.expr, Neg) and isinstance(arg.expr.operand, Num):
        return -arg.expr.operand.value
    return None


def describe(arg: Arg) -> Bi:
    """How an argument is named in messages, in English and in Thai."""
    if isinstance(arg, Number):
        return phrase("found-number", text=arg.text)
    if isinstance(arg, Percent):
        return phrase("found-percentage", value=arg.value)
    if isinstance(arg, Text):
        return phrase("found-text", text=arg.value if len(arg.value) <= 30 else arg.value[:29] + "…")
    if isinstance(arg, Name):
        return phrase("found-word", text=arg.text)
    if isinstance(arg, Dotted):
        return phrase("found-id", text=arg.text)
    if isinstance(arg, DateLit):
        return phrase("found-date", text=arg.text)
    if isinstance(arg, Paren):
        return phrase("found-bracketed")
    if isinstance(arg, Range):
        # `ผล -3`: a word, then a minus sign before a figure; the grammar has no negative figure
        if isinstance(arg.low, Name) and isinstance(arg.high, Number) and arg.sep in ("-", "−"):
            return phrase("found-negative", word=arg.low.text, number=arg.high.written or arg.high.text)
        return phrase("found-range")
    if isinstance(arg, Compare):
        return phrase("found-comparison", op=arg.op)
    if isinstance(arg, Arrow):
        return phrase("found-arrow")
    return phrase("found-argument")
