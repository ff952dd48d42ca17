"""Spans (1-based lines, columns counting code points, end exclusive) to LSP
positions (0-based, columns counting UTF-16 code units) and back.

Thai letters are one UTF-16 unit each, but a rule file may hold any text in
its strings and comments (an emoji in a note), so columns are converted
through the line's own text."""

from __future__ import annotations

from lsprotocol import types

from ..diagnostics.span import Span


def utf16_column(line: str, column: int) -> int:
    """The UTF-16 offset of the 0-based code-point ``column`` in ``line``."""
    head = line[:column]
    return column + sum(1 for ch in head if ord(ch) > 0xFFFF)


def code_point_column(line: str, utf16: int) -> int:
    """The 0-based code-point column of a UTF-16 offset in ``line``."""
    units = 0
    for i, ch in enumerate(line):
        if units >= utf16:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(line)


class Lines:
    """A text as kpidsl reads it, split into lines, for converting positions.

    The editor's lines are the same lines: the editor ends a line at \\n, \\r\\n or a
    lone \\r (LSP), and the server reads its text as the checker reads a file, each of
    those a \\n (kpidsl/lsp/ruleset_state.py editor_text). A byte-order mark the editor's
    text begins with (``bom``), which that reading drops, is one UTF-16 unit of the
    editor's first line."""

    def __init__(self, text: str, bom: bool = False):
        self.lines = text.split("\n")
        self._mark = 1 if bom else 0

    def line(self, number0: int) -> str:
        return self.lines[number0] if 0 <= number0 < len(self.lines) else ""

    def position(self, line1: int, column1: int) -> types.Position:
        line0 = max(line1 - 1, 0)
        column0 = max(column1 - 1, 0)
        return types.Position(line0, utf16_column(self.line(line0), column0) + (self._mark if line0 == 0 else 0))

    def range(self, span: Span) -> types.Range:
        return types.Range(self.position(span.line, span.column), self.position(span.end_line, span.end_column))

    def point(self, position: types.Position) -> tuple[int, int]:
        """An LSP position as a 1-based (line, column) in code points."""
        character = max(position.character - (self._mark if position.line == 0 else 0), 0)
        return position.line + 1, code_point_column(self.line(position.line), character) + 1

    def end(self) -> types.Position:
        """The editor's position of the end of the text."""
        last = len(self.lines) - 1
        text = self.lines[last]
        return types.Position(last, utf16_column(text, len(text)) + (self._mark if last == 0 else 0))


def contains(span: Span | None, line: int, column: int) -> bool:
    """Whether the 1-based point lies within the span (its end included, so that a
    cursor just after a word is still on it)."""
    if span is None:
        return False
    if (line, column) < (span.line, span.column):
        return False
    return (line, column) <= (span.end_line, span.end_column)
