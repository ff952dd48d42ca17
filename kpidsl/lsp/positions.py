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
    """A text split into lines, for converting positions.

    kpidsl counts lines by their \\n (a lone \\r is an error it reports, S014); an editor
    also ends a line at a lone \\r (LSP: \\n, \\r\\n or \\r). Where the text holds one, each
    of kpidsl's lines is mapped to the editor's lines it makes, so that a position after it
    is where the editor shows it, not a line above and past that line's end."""

    def __init__(self, text: str):
        self.lines = text.split("\n")
        last = len(self.lines) - 1
        # kpidsl's 0-based line -> the code-point columns of its lone CRs (a CR at the end of
        # a line but the last is the CR of a CRLF)
        self._lone: dict[int, list[int]] = {}
        if "\r" in text:
            for i, line in enumerate(self.lines):
                found = [j for j, ch in enumerate(line) if ch == "\r" and (j < len(line) - 1 or i == last)]
                if found:
                    self._lone[i] = found
        # the editor's line where each of kpidsl's lines starts, and (kpidsl's line, column)
        # where each of the editor's starts: only when they differ
        self._first: list[int] = []
        self._starts: list[tuple[int, int]] = []
        if self._lone:
            for i in range(len(self.lines)):
                self._first.append(len(self._starts))
                self._starts.append((i, 0))
                self._starts.extend((i, j + 1) for j in self._lone.get(i, ()))

    def line(self, number0: int) -> str:
        return self.lines[number0] if 0 <= number0 < len(self.lines) else ""

    def position(self, line1: int, column1: int) -> types.Position:
        line0 = max(line1 - 1, 0)
        column0 = max(column1 - 1, 0)
        text = self.line(line0)
        if not self._lone or line0 >= len(self.lines):
            return types.Position(line0, utf16_column(text, column0))
        before = [j for j in self._lone.get(line0, ()) if j < column0]
        start = before[-1] + 1 if before else 0
        return types.Position(self._first[line0] + len(before), utf16_column(text[start:], column0 - start))

    def range(self, span: Span) -> types.Range:
        return types.Range(self.position(span.line, span.column), self.position(span.end_line, span.end_column))

    def point(self, position: types.Position) -> tuple[int, int]:
        """An LSP position as a 1-based (line, column) in code points."""
        if not self._lone:
            text = self.line(position.line)
            return position.line + 1, code_point_column(text, position.character) + 1
        if position.line >= len(self._starts):
            return len(self.lines) + position.line - len(self._starts) + 1, 1  # past the end, as above
        line0, start = self._starts[position.line]
        text = self.line(line0)
        end = next((j for j in self._lone.get(line0, ()) if j >= start), len(text))
        return line0 + 1, start + code_point_column(text[start:end], position.character) + 1

    def end(self) -> types.Position:
        """The editor's position of the end of the text."""
        last = len(self.lines) - 1
        text = self.line(last)
        start = self._lone[last][-1] + 1 if last in self._lone else 0
        line = len(self._starts) - 1 if self._lone else last
        return types.Position(line, len(text[start:].encode("utf-16-le")) // 2)


def contains(span: Span | None, line: int, column: int) -> bool:
    """Whether the 1-based point lies within the span (its end included, so that a
    cursor just after a word is still on it)."""
    if span is None:
        return False
    if (line, column) < (span.line, span.column):
        return False
    return (line, column) <= (span.end_line, span.end_column)
