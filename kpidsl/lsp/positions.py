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
    """A text split into lines, for converting positions."""

    def __init__(self, text: str):
        self.lines = text.split("\n")

    def line(self, number0: int) -> str:
        return self.lines[number0] if 0 <= number0 < len(self.lines) else ""

    def position(self, line1: int, column1: int) -> types.Position:
        line0 = max(line1 - 1, 0)
        return types.Position(line0, utf16_column(self.line(line0), max(column1 - 1, 0)))

    def range(self, span: Span) -> types.Range:
        return types.Range(self.position(span.line, span.column), self.position(span.end_line, span.end_column))

    def point(self, position: types.Position) -> tuple[int, int]:
        """An LSP position as a 1-based (line, column) in code points."""
        text = self.line(position.line)
        return position.line + 1, code_point_column(text, position.character) + 1


def contains(span: Span | None, line: int, column: int) -> bool:
    """Whether the 1-based point lies within the span (its end included, so that a
    cursor just after a word is still on it)."""
    if span is None:
        return False
    if (line, column) < (span.line, span.column):
        return False
    return (line, column) <= (span.end_line, span.end_column)
