"""Where a diagnostic or a rule comes from: a file and a range in it."""

from __future__ import annotations

import attrs

# Between a workbook and a sheet, and a sheet and a cell, in a span's path:
# `results.xlsx › ผลการประเมิน!F12` names the cell as the spreadsheet does. Such a span
# is shown by its path alone (kpidsl/diagnostics/render.py): it has no text lines.
SHEET_MARK = " › "


@attrs.frozen(order=True)
class Span:
    """A range in a source file.

    Lines and columns are 1-based and count code points (not bytes, not
    display cells). ``end_column`` is exclusive: the column just after the last
    character, as SARIF and editors expect.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, path: str, line: int, column: int) -> "Span":
        return cls(path, line, column, line, column + 1)

    @classmethod
    def whole_file(cls, path: str) -> "Span":
        return cls(path, 1, 1, 1, 1)

    def to(self, other: "Span") -> "Span":
        """The span from the start of this one to the end of ``other``."""
        return Span(self.path, self.line, self.column, other.end_line, other.end_column)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


def span_field():
    """An attrs field for a node's span: kept, shown nowhere, never compared."""
    return attrs.field(default=None, eq=False, repr=False, kw_only=True)
