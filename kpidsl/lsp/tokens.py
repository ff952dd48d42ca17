"""Semantic tokens: keywords, value words, names, numbers, dates, strings and
comments, from the statement tree (so a Thai keyword is coloured as one only
when the language reads it as one: `น้ำหนัก20` is not)."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics.span import Span
from ..syntax import cst
from ..syntax.keywords import lookup
from .positions import Lines

TOKEN_TYPES = ["keyword", "enumMember", "variable", "number", "string", "comment", "function", "operator"]
_INDEX = {name: i for i, name in enumerate(TOKEN_TYPES)}


def _expr(expr: cst.Expr) -> Iterator[tuple[Span | None, str]]:
    for e in cst.subexpressions(expr):
        if isinstance(e, (cst.Num, cst.Pct)):
            yield e.span, "number"
        elif isinstance(e, cst.Var):
            yield e.span, "variable"
        elif isinstance(e, cst.Call) and e.span is not None:
            yield e.name_span(), "function"


def _arg(arg: cst.Arg) -> Iterator[tuple[Span | None, str]]:
    if isinstance(arg, (cst.Number, cst.Percent, cst.Dotted)):
        yield arg.span, "number"
    elif isinstance(arg, cst.DateLit):
        yield arg.span, "number"
    elif isinstance(arg, cst.Text):
        yield arg.span, "string"
    elif isinstance(arg, cst.Name):
        yield arg.span, "enumMember" if lookup(arg.text) else "variable"
    elif isinstance(arg, cst.Range):
        yield from _arg(arg.low)
        yield from _arg(arg.high)
    elif isinstance(arg, cst.Compare):
        yield from _arg(arg.value)
    elif isinstance(arg, cst.Arrow):
        yield from _arg(arg.target)
    elif isinstance(arg, cst.Paren):
        yield from _expr(arg.expr)


def _stmts(stmts) -> Iterator[tuple[Span | None, str]]:
    for st in stmts:
        if isinstance(st, cst.Formula):
            if st.span is not None:
                s = st.span
                yield Span(s.path, s.line, s.column, s.line, s.column + len(st.keyword)), "keyword"
            yield from _expr(st.expr)
            continue
        kind = "keyword" if lookup(st.head.text) else "number" if st.head.text[:1].isdigit() else "variable"
        yield st.head.span, kind
        for arg in st.args:
            yield from _arg(arg)
        if st.block is not None:
            yield from _stmts(st.block.statements)


def semantic_tokens(doc: cst.Document, lines: Lines) -> list[int]:
    """The LSP encoding: five integers per token, each relative to the one before."""
    found: list[tuple[int, int, int, int]] = []
    pieces = list(_stmts(doc.statements)) + [(c.span, "comment") for c in doc.comments]
    for span, kind in pieces:
        if span is None:
            continue
        for line in range(span.line, span.end_line + 1):
            first = span.column if line == span.line else 1
            last = span.end_column if line == span.end_line else len(lines.line(line - 1)) + 1
            start = lines.position(line, first)
            end = lines.position(line, last)
            if end.character > start.character:
                found.append((start.line, start.character, end.character - start.character, _INDEX[kind]))
    found.sort()
    data: list[int] = []
    prev_line = prev_char = 0
    last_end = (-1, -1)
    for line, char, length, kind in found:
        if (line, char) < last_end:
            continue  # overlapping (a comment inside a long string's span): keep the first
        data += [line - prev_line, char - prev_char if line == prev_line else char, length, kind, 0]
        prev_line, prev_char = line, char
        last_end = (line, char + length)
    return data
