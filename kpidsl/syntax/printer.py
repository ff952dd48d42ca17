"""Printing a statement tree (cst.py) back to .kpi text, in one canonical layout.

Four spaces per block level, one statement per line, ``{`` at the end of the
header line and ``}`` on a line of its own, single spaces between arguments.
Words are printed as written (Thai stays Thai), numbers and dates as written
(Thai digits stay Thai), signs as written (``×`` ``÷`` ``−`` ``≥`` ``≤`` ``→``
stay, from the ``written`` fields of the tree; a tree built by hand without them
prints the ASCII sign), texts re-quoted with straight quotes, formulas with only
the brackets precedence needs. Comments
come back where they were: a comment on a line of its own stays before the
statement that followed it, at that statement's indentation; a comment at the
end of a line stays at the end of that line's last statement. One blank line
is kept wherever the source had one or more between two statements.

``parse(print_document(doc))`` gives a tree equal to ``doc`` (tested in
tests/test_syntax_properties.py), except where two arguments only lexed apart
because the source separated them by a no-break space: ``29\u00a0ก.พ.`` is a
number and a month, ``29 ก.พ.`` one date. A formatter should re-parse what it
prints and compare before writing.
"""

from __future__ import annotations

from decimal import Decimal

from . import cst
from .transform import _dedent_long

INDENT = "    "

# Binding strength of each formula form; a child weaker than its place needs brackets.
_SUM, _PRODUCT, _UNARY, _ATOM = 1, 2, 3, 4
_PRECEDENCE = {"+": _SUM, "-": _SUM, "*": _PRODUCT, "/": _PRODUCT}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}

Pos = tuple[int, int]  # (line, column) in the source


def print_document(doc: cst.Document) -> str:
    """The canonical text of a rule file; empty for a file with nothing in it."""
    return _Printer(doc).run()


# ---- arguments and formulas -------------------------------------------------------------


def _decimal(value: Decimal) -> str:
    return format(value, "f")  # never 1E+2


def print_expr(expr: cst.Expr) -> str:
    return _expr(expr)[0]


def _expr(expr: cst.Expr) -> tuple[str, int]:
    """The text of a formula and the binding strength of its outermost form."""
    if isinstance(expr, cst.Num):
        return expr.written or expr.text or _decimal(expr.value), _ATOM
    if isinstance(expr, cst.Pct):
        return f"{expr.written or _decimal(expr.value)}%", _ATOM
    if isinstance(expr, cst.Var):
        return expr.name, _ATOM
    if isinstance(expr, cst.Call):
        return f"{expr.func}({', '.join(print_expr(a) for a in expr.args)})", _ATOM
    if isinstance(expr, cst.Neg):
        return (expr.written or "-") + _operand(expr.operand, _UNARY), _UNARY
    if isinstance(expr, cst.BinOp):
        level = _PRECEDENCE[expr.op]
        # Left-associative: a - (b - c) keeps its brackets, (a - b) - c needs none.
        left = _operand(expr.left, level)
        right = _operand(expr.right, level + 1)
        return f"{left} {expr.written or expr.op} {right}", level
    raise TypeError(f"not a formula: {expr!r}")


def _operand(expr: cst.Expr, at_least: int) -> str:
    text, level = _expr(expr)
    return text if level >= at_least else f"({text})"


def print_arg(arg: cst.Arg, indent: str = "") -> str:
    """One argument as written on a statement's line (``indent`` is the
    statement's, for the lines of a long text)."""
    if isinstance(arg, cst.Number):
        return arg.written or arg.text or _decimal(arg.value)
    if isinstance(arg, cst.Percent):
        return f"{arg.written or _decimal(arg.value)}%"
    if isinstance(arg, cst.Text):
        return _text(arg, indent)
    if isinstance(arg, cst.Dotted):
        return arg.written or arg.text
    if isinstance(arg, (cst.Name, cst.DateLit)):
        return arg.text
    if isinstance(arg, cst.Paren):
        return f"({print_expr(arg.expr)})"
    if isinstance(arg, cst.Range):
        return f"{print_arg(arg.low, indent)} {arg.sep} {print_arg(arg.high, indent)}"
    if isinstance(arg, cst.Compare):
        return f"{arg.written or arg.op} {print_arg(arg.value, indent)}"
    if isinstance(arg, cst.Arrow):
        return f"{arg.written or '->'} {print_arg(arg.target, indent)}"
    raise TypeError(f"not an argument: {arg!r}")


def _text(text: cst.Text, indent: str) -> str:
    if text.long:
        inner = indent + INDENT
        lines = [inner + line if line.strip() else line for line in text.value.split("\n")]
        written = '"""\n' + "\n".join(lines) + "\n" + indent + '"""'
        # Kept as a block only when it reads back the same (no """ inside, no
        # indentation common to every line that the reader would take off).
        if _dedent_long(written) == text.value and written.count('"""') == 2:
            return written
    return '"' + "".join(_ESCAPES.get(ch, ch) for ch in text.value) + '"'


# ---- statements and comments -----------------------------------------------------------------


def _start(node) -> Pos | None:
    return (node.span.line, node.span.column) if node.span else None


def _end(node) -> Pos | None:
    return (node.span.end_line, node.span.end_column) if node.span else None


def _header_end(st: cst.Statement) -> Pos | None:
    """Where a statement's first printed line ends: at its `{` if it has a block."""
    return _start(st.block) if st.block is not None else _end(st)


def _line_ends(stmts, ends: dict[int, Pos]) -> None:
    """For each source line, the end of the last printed line that ends on it."""
    for st in stmts:
        block = st.block if isinstance(st, cst.Statement) else None
        _note_end(ends, _header_end(st) if block is not None else _end(st))
        if block is not None:
            _line_ends(block.statements, ends)
            _note_end(ends, _end(block))


def _note_end(ends: dict[int, Pos], pos: Pos | None) -> None:
    if pos is not None:
        ends[pos[0]] = max(ends.get(pos[0], pos), pos)


class _Printer:
    def __init__(self, doc: cst.Document):
        self.doc = doc
        self.lines: list[str] = []
        ends: dict[int, Pos] = {}
        _line_ends(doc.statements, ends)
        self.trailing: dict[Pos, cst.Comment] = {}
        self.own_line: list[cst.Comment] = []  # in source order, not yet printed
        for c in sorted((c for c in doc.comments if c.span), key=_start):
            end = ends.get(c.span.line)
            if end is not None and end[1] <= c.span.column:
                self.trailing[end] = c
            else:
                self.own_line.append(c)
        self.last_line: int | None = None  # source line of the last thing printed
        self.block_start = True  # no blank line right after `{`

    def run(self) -> str:
        self.block(self.doc.statements, "")
        self.comments_before(None, "")
        return "".join(line + "\n" for line in self.lines)

    def block(self, stmts, indent: str) -> None:
        for st in stmts:
            if isinstance(st, cst.Formula):
                self.emit(indent, f"{st.keyword} {print_expr(st.expr)}", _start(st), _end(st))
                continue
            head = " ".join([st.head.written or st.head.text, *(print_arg(a, indent) for a in st.args)])
            if st.block is None:
                self.emit(indent, head, _start(st), _end(st))
                continue
            self.emit(indent, head + " {", _start(st), _header_end(st), opens=True)
            self.block(st.block.statements, indent + INDENT)
            self.comments_before(_end(st.block), indent + INDENT)
            self.emit(indent, "}", None, _end(st.block))

    def emit(self, indent: str, text: str, start: Pos | None, end: Pos | None, opens: bool = False) -> None:
        if end is not None:
            self.comments_before(end, indent)
            self.blank_line_before(start)
            if end in self.trailing:
                text += "  " + _comment(self.trailing[end])
            self.last_line = end[0]
        self.lines.append(indent + text)
        self.block_start = opens

    def comments_before(self, pos: Pos | None, indent: str) -> None:
        """Print the comments on lines of their own that come before ``pos``
        (all that are left when ``pos`` is None)."""
        while self.own_line and (pos is None or _start(self.own_line[0]) < pos):
            c = self.own_line.pop(0)
            self.blank_line_before(_start(c))
            self.lines.append(indent + _comment(c))
            self.last_line = c.span.line
            self.block_start = False

    def blank_line_before(self, start: Pos | None) -> None:
        if start is not None and self.last_line is not None and not self.block_start:
            if start[0] > self.last_line + 1:
                self.lines.append("")


def _comment(c: cst.Comment) -> str:
    return "#" + c.text.rstrip()
