"""A statement tree for the editor's features of a text that does not parse.

While a staff member types a new block its `{` is not closed yet: the parser
(kpidsl/syntax/parser.py) reports it (S004, or S007 for a `(`) and gives no tree, as where
the block ends would be a guess, and the checker stays so. The language server
(kpidsl/lsp/ruleset_state.py) still wants an outline, semantic tokens, hover and go to
definition for the rest of the file: here each unclosed `{` is closed where its indentation
says its block ends, in a copy of the text, and the copy is parsed as the checker would
(and lowered, when hover asks). The `}` is written over blanks at the start of the line
after the block, so every character keeps its line and column and every span of the tree
points into the text as the editor holds it. Where no blank is free (the block runs to the end of the
file, or the next line starts at its first column), the `{` itself is blanked: the header
is read as a line without a block, the lines under it as lines of the block around it.

The guess is the editor's alone: the diagnostics of the copy are dropped, and the tree never
reaches the checker (kpidsl/lsp/ruleset_state.py keeps it apart from the parsed files).
"""

from __future__ import annotations

import attrs

from ..diagnostics.model import Diagnostic
from . import ast, cst
from .parser import ParseResult, parse
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
            return Recovered(result)
        text, diagnostics = mended, result.diagnostics
    return None


def _indent(row: str) -> int:
    return len(row) - len(row.lstrip(" \t"))


def _closed(text: str, opened: list) -> str:
    rows = text.split("\n")
    ends: dict[int, list[tuple[int, int]]] = {}  # a row → the (row, column) of each `{` it closes
    for span in sorted(opened, key=lambda s: (s.line, s.column), reverse=True):  # the innermost first
        line = span.line - 1
        if not 0 <= line < len(rows):
            continue
        row = rows[line]
        if row[span.column - 1:span.column] == "(":
            rows[line] = row[:span.column - 1] + " " + row[span.column:]
            continue
        depth = _indent(row)
        end = line + 1
        while end < len(rows) and (not rows[end].strip() or _indent(rows[end]) > depth):
            end += 1
        ends.setdefault(end, []).append((line, span.column - 1))
    for end, braces in ends.items():
        after = rows[end] if end < len(rows) else ""
        lead = _indent(after)
        # `;}` rather than `}` first on the row: a `}` that starts its line is matched by its
        # indentation (kpidsl/syntax/parser.py), and this one lines up with no block; the last
        # `;` ends the line before what follows it on the row
        close = ";" + "}" * len(braces) + ("" if after[lead:].startswith("}") else ";")
        if end < len(rows) and len(close) <= lead:
            rows[end] = close + after[len(close):]
            continue
        # no blanks to write it over: each `{` goes (the one at the span, else its row's last)
        for line, column in braces:
            row = rows[line]
            brace = column if row[column:column + 1] == "{" else row.rfind("{")
            if brace >= 0:
                rows[line] = row[:brace] + " " + row[brace + 1:]
    return "\n".join(rows)
