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

import unicodedata
from decimal import Decimal

import attrs

from . import cst
from .keywords import canonical, lookup
from .transform import dedent_long

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
        if dedent_long(written) == text.value and written.count('"""') == 2:
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


# ---- layout: lines, tables and comment columns ---------------------------------------------------

# A column of a table is aligned only while its cells differ in width by at
# most this much: aligning a column of long titles would push the rest of the
# row far to the right, which reads worse than no alignment.
MAX_SPREAD = 12
# Nor is a column aligned whose widest cell is wider than this (a column of
# long titles): the cells after it would line up far from where the eye is.
MAX_ALIGNED_CELL = 32
# Trailing comments are aligned in a column unless their line is wider than
# this (a long title): such a line keeps its comment two spaces after it.
COMMENT_COLUMN_LIMIT = 80


def display_width(text: str) -> int:
    """Columns ``text`` takes on screen: Thai vowel and tone marks above and
    below a letter (category Mn) take none, wide East Asian characters two."""
    width = 0
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


@attrs.define
class _Line:
    """One printed line (a long text makes it several physical lines)."""

    indent: str = ""
    text: str = ""  # without indentation or comment; "" for a blank line
    comment: str | None = None
    cells: list[str] | None = None  # a one-line statement's words, for table alignment
    key: tuple | None = None  # rows of one table share a key
    blank: bool = False
    own_comment: bool = False  # a comment on a line of its own

    def code(self) -> str:
        return self.indent + self.text


_KINDS = {cst.Number: "n", cst.Dotted: "n", cst.Percent: "n", cst.Text: "t", cst.Name: "w", cst.DateLit: "d",
          cst.Range: "r", cst.Compare: "c", cst.Arrow: "a", cst.Paren: "p"}


def _row_key(st: cst.Statement, cells: list[str]) -> tuple:
    """What rows of one table have in common: the same keyword (numbered
    heads — milestone steps, scale levels — count as one), as many cells, and
    the same kind of value in every column but the last (which is never
    padded): ``limit share achievement >= 70%`` and ``limit kpis <= 10 warn``
    are not one table."""
    if st.head.written or not lookup(st.head.text):
        kind = "#" if st.head.text[:1].isdigit() else st.head.text
    else:
        kind = canonical(st.head.text)
    kinds = "".join(_KINDS.get(type(a), "?") for a in st.args)
    if st.block is not None:
        kinds += "{"
    return kind, len(cells), kinds[:-1]


def _align_tables(lines: list[_Line]) -> None:
    """Pad the cells of consecutive rows with the same key so that their
    columns line up (the last cell of a row is never padded)."""
    i = 0
    while i < len(lines):
        j = i + 1
        if lines[i].key is not None:
            while (j < len(lines) and lines[j].key == lines[i].key and lines[j].indent == lines[i].indent):
                j += 1
        if j - i > 1:
            _align_rows(lines[i:j])
        i = j


def _align_rows(rows: list[_Line]) -> None:
    ncells = len(rows[0].cells)
    widths: list[int] = []
    for c in range(ncells - 1):
        ws = [display_width(r.cells[c]) for r in rows]
        if max(ws) - min(ws) > MAX_SPREAD or max(ws) > MAX_ALIGNED_CELL:
            break
        widths.append(max(ws))
    for r in rows:
        parts = [cell + " " * (widths[c] - display_width(cell)) if c < len(widths) else cell
                 for c, cell in enumerate(r.cells)]
        r.text = " ".join(parts)


def _align_comments(lines: list[_Line]) -> list[str]:
    """The final text lines. Trailing comments start in one column within a
    run of lines at one indentation (a blank line, a comment line or a change
    of indentation ends the run), two spaces after the widest code among the
    lines that have a comment."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i + 1
        if not lines[i].blank and not lines[i].own_comment:
            while (j < len(lines) and not lines[j].blank and not lines[j].own_comment
                   and lines[j].indent == lines[i].indent):
                j += 1
        run = lines[i:j]
        last = [display_width(r.code().rsplit("\n", 1)[-1]) for r in run]
        widest = _comment_column([w for r, w in zip(run, last) if r.comment is not None])
        for r, w in zip(run, last):
            if r.blank:
                out.append("")
            elif r.comment is None:
                out.append(r.code())
            else:
                pad = widest + 2 - w if w <= widest else 2
                out.append(r.code() + " " * pad + r.comment)
        i = j
    return out


def _comment_column(widths: list[int]) -> int:
    """The code width the comments of a run are aligned after. A line much
    wider than the rest (more than MAX_SPREAD past the next widest, while two
    lines are left to align, or past COMMENT_COLUMN_LIMIT) does not drag the
    column out: its comment follows it two spaces on."""
    fitting = sorted((w for w in widths if w <= COMMENT_COLUMN_LIMIT), reverse=True)
    while len(fitting) > 2 and fitting[0] - fitting[1] > MAX_SPREAD:
        fitting.pop(0)
    return fitting[0] if fitting else 0


class _Printer:
    def __init__(self, doc: cst.Document):
        self.doc = doc
        self.lines: list[_Line] = []
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
        self.comment_lines = {c.span.line for c in doc.comments if c.span}
        self.last_line: int | None = None  # source line of the last thing printed
        self.block_start = True  # no blank line right after `{`

    def run(self) -> str:
        self.block(self.doc.statements, "")
        self.comments_before(None, "")
        _align_tables(self.lines)
        return "".join(line + "\n" for line in _align_comments(self.lines))

    def block(self, stmts, indent: str) -> None:
        for st in stmts:
            if isinstance(st, cst.Formula):
                self.emit(indent, f"{st.keyword} {print_expr(st.expr)}", _start(st), _end(st))
                continue
            cells = self.cells(st, indent)
            if st.block is None:
                self.emit(indent, " ".join(cells), _start(st), _end(st), cells=cells, key=_row_key(st, cells))
                continue
            inline = self.one_line_block(st, indent)
            if inline is not None:
                cells.append(inline)
                self.emit(indent, " ".join(cells), _start(st), _end(st.block), cells=cells,
                          key=_row_key(st, cells))
                continue
            self.emit(indent, " ".join(cells) + " {", _start(st), _header_end(st), opens=True)
            self.block(st.block.statements, indent + INDENT)
            self.comments_before(_end(st.block), indent + INDENT)
            self.emit(indent, "}", None, _end(st.block))

    def cells(self, st: cst.Statement, indent: str) -> list[str]:
        """The head and each argument as printed. In a ladder a comparison is
        one threshold, so its sign is written against its number (``>35``):
        the row then shows its five thresholds as five words."""
        tight = not st.head.written and canonical(st.head.text) == "ladder"
        words = [st.head.written or st.head.text]
        for a in st.args:
            if tight and isinstance(a, cst.Compare):
                words.append(f"{a.written or a.op}{print_arg(a.value, indent)}")
            else:
                words.append(print_arg(a, indent))
        return words

    def one_line_block(self, st: cst.Statement, indent: str) -> str | None:
        """``{ a; b }`` when the author wrote the block on one line and it
        holds only one-line statements: a row of a table (five indicators with
        their ladders, one per line) reads better kept whole. None otherwise."""
        block = st.block
        if block.span is None or block.span.line != block.span.end_line or not block.statements:
            return None
        inner = []
        for s in block.statements:
            if isinstance(s, cst.Formula):
                inner.append(f"{s.keyword} {print_expr(s.expr)}")
            elif s.block is None:
                inner.append(" ".join(self.cells(s, indent + INDENT)))
            else:
                return None
        if any("\n" in text for text in inner):
            return None
        return "{ " + "; ".join(inner) + " }"

    def emit(self, indent: str, text: str, start: Pos | None, end: Pos | None, opens: bool = False,
             cells: list[str] | None = None, key: tuple | None = None) -> None:
        line = _Line(indent, text, cells=cells if cells and "\n" not in text else None)
        line.key = key if line.cells is not None else None
        if end is not None:
            self.comments_before(end, indent)
            self.blank_line_before(start)
            if end in self.trailing:
                line.comment = _comment(self.trailing[end])
            self.last_line = end[0]
        self.lines.append(line)
        self.block_start = opens

    def comments_before(self, pos: Pos | None, indent: str) -> None:
        """Print the comments on lines of their own that come before ``pos``
        (all that are left when ``pos`` is None)."""
        while self.own_line and (pos is None or _start(self.own_line[0]) < pos):
            c = self.own_line.pop(0)
            self.blank_line_before(_start(c))
            self.lines.append(_Line(indent, _comment(c), own_comment=True))
            self.last_line = c.span.line
            self.block_start = False

    def blank_line_before(self, start: Pos | None) -> None:
        if (start is not None and self.last_line is not None and not self.block_start
                and start[0] > self.last_line + 1):
            self.lines.append(_Line(blank=True))


def _comment(c: cst.Comment) -> str:
    return "#" + c.text.rstrip()
