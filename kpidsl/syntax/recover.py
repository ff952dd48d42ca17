"""A statement tree for the editor's features of a text that does not parse.

While a staff member types a new block its `{` is not closed yet: the parser
(kpidsl/syntax/parser.py) reports it (S004, or S007 for a `(`) and gives no tree, as where
the block ends would be a guess, and the checker stays so. The language server
(kpidsl/lsp/ruleset_state.py) still wants an outline, semantic tokens, hover and go to
definition for the rest of the file: here each unclosed `{` is closed where its indentation
says its block ends (before the next line standing no further in than its header or its
siblings, tabs reaching the next multiple of 4: kpidsl/syntax/indentation.py), in a copy of
the text, and the copy is parsed as the checker would (and lowered, when hover asks). The `}`
is written over blanks at the start of the line after the block, so every character keeps its
line and column and every span of the tree points into the text as the editor holds it. A
block open to the end of the file (one typed top to bottom) is closed on a row added after it,
and the spans that reach that row end at the text's end. Where no blank is free (the next line
starts at its first column), the `{` itself is blanked: the header is read as a line without a
block, the lines under it as lines of the block around it.

The guess is the editor's alone: the diagnostics of the copy are dropped, and the tree never
reaches the checker (kpidsl/lsp/ruleset_state.py keeps it apart from the parsed files).
"""

from __future__ import annotations

import attrs

from ..diagnostics.model import Diagnostic
from . import ast, cst
from .indentation import indentation
from .parser import ParseResult, lexed, parse
from .read import lowered

ROUNDS = 3  # a closing can uncover another unclosed `{` the first parse did not get to


@attrs.frozen
class Recovered:
    parsed: ParseResult  # of the copy, its document not None

    @property
    def document(self) -> cst.Document:
        return self.parsed.document

    def rule_file(self) -> ast.RuleFile | None:
        """The copy's rule AST, lowered now (the outline and the names need the tree alone)."""
        return lowered(self.parsed)[1]


def recovered(text: str, path: str, diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> Recovered | None:
    """The tree of ``text`` with its unclosed brackets closed, from the parser's
    ``diagnostics`` of it (S004, S007 at each bracket left open); None when nothing
    was left open, or the copy does not parse either."""
    written = text
    for _ in range(ROUNDS):
        opened = [d.span for d in diagnostics
                  if d.code in ("S004", "S007") and d.span is not None and d.span.path == path]
        if not opened:
            return None
        mended = _closed(text, opened)
        if mended == text:
            return None
        result = parse(mended, path)
        if result.document is not None:
            return Recovered(_within(result, written))
        text, diagnostics = mended, result.diagnostics
    return None


def _within(result: ParseResult, text: str) -> ParseResult:
    """The parse of the copy with every block's span that ends past the row of ``text`` it ends
    on (closed on a blank row, or on the row added after the text) ending at that row's end,
    or the text's."""
    widths = [len(row) for row in text.split("\n")]
    doc = result.document
    return attrs.evolve(result, document=attrs.evolve(doc, statements=_clipped(doc.statements, widths)))


def _clipped(stmts: tuple, widths: list[int]) -> tuple:
    def cut(span):
        line = min(span.end_line, len(widths))
        column = min(span.end_column, widths[line - 1] + 1) if line == span.end_line else widths[-1] + 1
        return span if (line, column) == (span.end_line, span.end_column) else attrs.evolve(
            span, end_line=line, end_column=column)

    out = []
    for st in stmts:
        if isinstance(st, cst.Statement) and st.block is not None and st.span is not None:
            block = st.block
            if block.span is not None:
                block = attrs.evolve(block, statements=_clipped(block.statements, widths), span=cut(block.span))
            st = attrs.evolve(st, block=block, span=cut(st.span))
        out.append(st)
    return tuple(out)


def _blanks(row: str) -> int:
    """The blank characters a row starts with (each one a place a `;}` may be written over)."""
    return len(row) - len(row.lstrip(" \t"))


@attrs.frozen
class _Layout:
    """Where the words of the text stand, from its tokens."""

    starts: tuple[int, ...]  # the rows (0-based) a word begins: no blank row, comment or text's line
    free: frozenset[int]  # the blank rows outside any text: a `}` written there closes a block
    # each `{` left open, by its (line, column) → (the row of the header of the block around
    # it, the row of that block's first line), None for the file's top level
    around: dict[tuple[int, int], tuple[int | None, int | None]]


def _layout(text: str, rows: list[str], opened: set[tuple[int, int]]) -> _Layout:
    tokens = lexed(text)
    blank = {i for i, row in enumerate(rows) if not row.strip()}
    if tokens is None:  # past a limit: every row with a word on it, the margin around each `{`
        return _Layout(tuple(i for i, row in enumerate(rows) if row.strip()), frozenset(blank), {})
    starts: list[int] = []
    blocks: list[list[int | None]] = []  # [header row, first row] of each block closed later
    top_first: int | None = None
    around: dict[tuple[int, int], tuple[int | None, int | None]] = {}
    last = -1
    for tok in tokens:
        if tok.type == "_NL":
            continue
        row = tok.line - 1
        if tok.end_line > tok.line:  # a text over several rows: its blank rows are its own
            blank.difference_update(range(tok.line, tok.end_line))
        if row != last:
            last = row
            if tok.column - 1 == _blanks(rows[row]):  # not the rest of a text begun above
                starts.append(row)
                if tok.type != "RBRACE":
                    if blocks and blocks[-1][1] is None:
                        blocks[-1][1] = row
                    elif not blocks and top_first is None:
                        top_first = row
        if tok.type == "LBRACE":
            header = starts[-1] if starts else row
            if (tok.line, tok.column) in opened:  # not a block: its lines are read as its siblings'
                around[(tok.line, tok.column)] = (blocks[-1][0], blocks[-1][1]) if blocks else (None, top_first)
            else:
                blocks.append([header, None])
        elif tok.type == "RBRACE" and blocks:
            blocks.pop()
    return _Layout(tuple(starts), frozenset(blank), around)


def _closed(text: str, opened: list) -> str:
    """The text with each `{` at ``opened`` closed where a reader of its indentation sees its
    block end: before the first line after it that stands no further in than the header, or
    than the first line of the block around it (the header's siblings), whichever is further
    in, so that a header one or more columns off its siblings' still ends at the next sibling.
    Rows that begin no word (blank, a comment, a line inside a text) end nothing."""
    rows = text.split("\n")
    places = {(s.line, s.column) for s in opened}
    layout = _layout(text, rows, places)
    ends: dict[int, list[tuple[int, int, int]]] = {}  # a row → (row, column, its block's margin) of each `{` it closes
    for span in opened:
        line = span.line - 1
        if not 0 <= line < len(rows):
            continue
        row = rows[line]
        if row[span.column - 1:span.column] == "(":
            rows[line] = row[:span.column - 1] + " " + row[span.column:]
            continue
        header, first = layout.around.get((span.line, span.column), (None, None))
        depth = indentation(row)
        if first is not None and first < line:
            depth = max(depth, indentation(rows[first]))
        # the block around: a `}` standing further in than its header is this block's own
        margin = indentation(rows[header]) if header is not None else -1
        end = next((r for r in layout.starts if r > line and indentation(rows[r]) <= depth), len(rows))
        ends.setdefault(end, []).append((line, span.column - 1, margin))
    tail = sorted(ends.pop(len(rows), []))
    for end, braces in ends.items():
        braces.sort()  # the outermost first
        after = rows[end]  # a row of the text: those past its end are the tail's
        lead = _blanks(after)
        closing = after[lead:].startswith("}")
        # a `}` starting the row, standing further in than the header of the block around the
        # outermost `{` closed here: it is that `{`'s, only short of its header
        own = closing and indentation(after) > braces[0][2]
        # `;}` rather than `}` first on the row: a `}` that starts its line is matched by its
        # indentation (kpidsl/syntax/parser.py), and this one lines up with no block; the last
        # `;` ends the line before what follows it on the row. The row's own `}` then stands
        # after a `;`: it closes the innermost block open, not one its indentation names.
        close = ";" + "}" * (len(braces) - own) + ("" if closing else ";")
        if len(close) <= lead:
            rows[end] = close + after[len(close):]
            continue
        # no blanks to write it over (the row starts at the margin): a blank row between the
        # block's last line and it, written on past its end (those spans are cut back: _within)
        last = max((r for r in layout.starts if r < end), default=braces[0][0])
        free = [r for r in range(max(last, braces[-1][0]) + 1, end) if r in layout.free]
        if free:
            rows[free[-1]] = ";" + "}" * len(braces)
            continue
        # nor a blank row: each `{` goes (the one at the span, else its row's last)
        for line, column, _margin in braces:
            row = rows[line]
            brace = column if row[column:column + 1] == "{" else row.rfind("{")
            if brace >= 0:
                rows[line] = row[:brace] + " " + row[brace + 1:]
    if tail:
        # blocks open to the end of the file: closed on a row of their own after it (its
        # spans are ended at the text's end: _within), `;` first so that no indentation
        # matches the `}` to a header
        rows.append(";" + "}" * len(tail))
    return "\n".join(rows)
