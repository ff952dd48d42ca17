"""From Lark's parse to the statement tree (cst.py).

The transformer runs inside the LALR parser (Lark's ``transformer=`` option),
so no intermediate parse tree is built. Each node's span is computed from its
first and last token; the grammar keeps braces as named tokens for that.
"""

from __future__ import annotations

from typing import Any

from lark import Token, Transformer

from ..diagnostics.span import Span
from ..thai import parse_decimal, to_arabic
from . import cst
from .dates import DateError, read as read_date

_CMP = {"≥": ">=", "≤": "<=", ">=": ">=", "<=": "<=", ">": ">", "<": "<"}
_OPS = {"+": "+", "-": "-", "−": "-", "*": "*", "×": "*", "/": "/", "÷": "/"}


def _unquote(text: str) -> str:
    if text.startswith("“"):
        return text[1:-1]
    body = text[1:-1]
    if "\\" not in body:
        return body
    out: list[str] = []
    it = iter(body)
    for ch in it:
        if ch == "\\":
            nxt = next(it, "")
            out.append({"n": "\n", "t": "\t"}.get(nxt, nxt))
        else:
            out.append(ch)
    return "".join(out)


def dedent_long(text: str) -> str:
    """The text of a \"\"\" … \"\"\" string: common indentation and the first
    and last line breaks removed, so it can be indented with the file."""
    body = text[3:-3]
    lines = body.split("\n")
    if lines and not lines[0].strip():
        lines = lines[1:]
    if lines and not lines[-1].strip():
        lines = lines[:-1]
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents) if indents else 0
    return "\n".join(line[cut:] for line in lines)


class ToCst(Transformer):
    """Builds cst nodes. ``path`` is set before each parse."""

    def __init__(self) -> None:
        super().__init__(visit_tokens=True)
        self.path = "<text>"

    # ---- spans -----------------------------------------------------------------
    def _tok_span(self, tok: Token) -> Span:
        return Span(self.path, tok.line, tok.column, tok.end_line, tok.end_column)

    def _span(self, first: Any, last: Any) -> Span:
        a = first if isinstance(first, Span) else self._any_span(first)
        b = last if isinstance(last, Span) else self._any_span(last)
        return Span(self.path, a.line, a.column, b.end_line, b.end_column)

    def _any_span(self, node: Any) -> Span:
        if isinstance(node, Token):
            return self._tok_span(node)
        return node.span

    # ---- terminals ----------------------------------------------------------------
    def NUMBER(self, tok: Token) -> cst.Number:
        return cst.Number(parse_decimal(tok.value), to_arabic(tok.value), span=self._tok_span(tok),
                          written=tok.value)

    def PERCENT(self, tok: Token) -> cst.Percent:
        number = tok.value.rstrip().rstrip("%").rstrip(" \t")
        return cst.Percent(parse_decimal(number), span=self._tok_span(tok), written=number)

    def STRING(self, tok: Token) -> cst.Text:
        return cst.Text(_unquote(tok.value), span=self._tok_span(tok))

    def LONG_STRING(self, tok: Token) -> cst.Text:
        return cst.Text(dedent_long(tok.value), long=True, span=self._tok_span(tok))

    def NAME(self, tok: Token) -> cst.Name:
        return cst.Name(tok.value, span=self._tok_span(tok))

    def DOTTED(self, tok: Token) -> cst.Dotted:
        return cst.Dotted(to_arabic(tok.value), span=self._tok_span(tok), written=tok.value)

    def DATE(self, tok: Token) -> cst.DateLit:
        try:
            parts = read_date(tok.value)
            return cst.DateLit(tok.value, parts, span=self._tok_span(tok))
        except DateError as e:
            return cst.DateLit(tok.value, None, error=(e.reason_en, e.reason_th), span=self._tok_span(tok))

    # ---- statements ---------------------------------------------------------------------
    def start(self, children: list) -> tuple:
        return tuple(children)

    def head(self, children: list) -> cst.Head:
        (node,) = children
        text = node.text if isinstance(node, (cst.Name, cst.Number, cst.Dotted)) else str(node)
        written = node.written if isinstance(node, (cst.Number, cst.Dotted)) else ""
        return cst.Head(text, span=node.span, written=written)

    def statement(self, children: list) -> cst.Statement:
        head = children[0]
        rest = children[1:]
        block = rest.pop() if rest and isinstance(rest[-1], cst.Block) else None
        return cst.Statement(head, tuple(rest), block, span=self._span(head, children[-1]))

    def formula(self, children: list) -> cst.Formula:
        kw, expr = children
        return cst.Formula(kw.value, expr, span=self._span(kw, expr))

    def block(self, children: list) -> cst.Block:
        lbrace, *stmts, rbrace = children
        return cst.Block(tuple(stmts), span=self._span(lbrace, rbrace))

    # ---- arguments ------------------------------------------------------------------------
    def range(self, children: list) -> cst.Range:
        low, sep, high = children
        return cst.Range(low, high, sep.value, span=self._span(low, high))

    def compare(self, children: list) -> cst.Compare:
        op, value = children
        return cst.Compare(_CMP[op.value], value, span=self._span(op, value), written=op.value)

    def arrow(self, children: list) -> cst.Arrow:
        tok, value = children
        return cst.Arrow(value, span=self._span(tok, value), written=tok.value)

    def paren(self, children: list) -> cst.Paren:
        (expr,) = children
        return cst.Paren(expr, span=expr.span)

    # ---- formulas ---------------------------------------------------------------------------
    def num(self, children: list) -> cst.Num:
        (n,) = children
        return cst.Num(n.value, n.text, span=n.span, written=n.written)

    def pct(self, children: list) -> cst.Pct:
        (p,) = children
        return cst.Pct(p.value, span=p.span, written=p.written)

    def var(self, children: list) -> cst.Var:
        (name,) = children
        return cst.Var(name.text, span=name.span)

    def call(self, children: list) -> cst.Call:
        name, *args = children
        args = [a for a in args if a is not None]
        last = args[-1] if args else name
        return cst.Call(name.text, tuple(args), span=self._span(name, last))

    def _binop(self, children: list) -> cst.BinOp:
        left, op, right = children
        return cst.BinOp(_OPS[op.value], left, right, span=self._span(left, right), written=op.value)

    add = sub = mul = div = _binop

    def neg(self, children: list) -> cst.Neg:
        op, operand = children
        return cst.Neg(operand, span=self._span(op, operand), written=op.value)

