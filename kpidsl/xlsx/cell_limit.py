"""A spreadsheet cell's limit, and the cells cut at it, told.

Excel holds at most 32,767 characters in a cell, counted as UTF-16 code units (its LEN of
an emoji is 2); a workbook with a longer cell is one Excel repairs. kpidsl's workbooks
(`score --format xlsx`, kpidsl/xlsx/sheet_xml.py; `kpidsl workbook`, kpidsl/xlsx/write.py)
cut longer text there, as they must to open, and tell each cell cut: J011, a warning at the
sheet and cell, with how many characters were kept of how many (:class:`CutCells`). The
cut is made in the text as the cell shows it, the visible escapes of control characters
(kpidsl/outputs/terminal.py: ``\\x01``, ``\\u202e``) included, and never splits one of
them nor a character outside the BMP (two code units). The ``_x005F_`` that makes a literal
``_x0041_`` show as itself (kpidsl/xlsx/xstring.py) is written after the cut, never counted:
Excel counts what it shows."""

from __future__ import annotations

import re

from ..diagnostics.model import Diagnostic
from ..diagnostics.registry import CODES
from ..diagnostics.span import SHEET_MARK, Span

CELL_CHARS = 32_767
# A visible escape as kpidsl/outputs/terminal.py's ``escape`` writes one: kept whole or not at all.
_ESCAPE = re.compile(r"\\(?:x[0-9a-f]{2}|u[0-9a-f]{4}|[tr])")
_LONGEST_ESCAPE = 6
# The cut cells of one workbook told at most (as many as a batch's problems, kpidsl/score/batch.py
# MAX_DIAGNOSTICS); the summary line counts every one.
MAX_TOLD = 200


def code_units(text: str) -> int:
    """The length of ``text`` as Excel counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def fitted(text: str, limit: int = CELL_CHARS) -> tuple[str, int] | None:
    """None when ``text`` (a cell's text as it will show) fits in ``limit`` code units (a
    cell's); else its longest start that fits, never ending inside an escape or a surrogate
    pair, and its whole length (code units)."""
    if len(text) <= limit // 2:  # each code point is two code units at most
        return None
    length = code_units(text)
    if length <= limit:
        return None
    end = limit
    over = code_units(text[:end]) - limit
    while over > 0:
        # each code point is one or two units: fewer than half the excess would not be enough
        end -= (over + 1) // 2
        over = code_units(text[:end]) - limit
    return cut_at(text, end), length


def cut_at(text: str, end: int) -> str:
    """``text`` up to code point ``end``, or before it when a visible escape would be split."""
    for start in range(max(0, end - _LONGEST_ESCAPE + 1), end):
        found = _ESCAPE.match(text, start)
        if found is not None and found.end() > end:
            return text[:start]
    return text[:end]


class CutCells:
    """The cells of one workbook cut at CELL_CHARS (:meth:`add`): the first MAX_TOLD kept
    to be told, every one counted (``count``)."""

    def __init__(self) -> None:
        self.cells: list[tuple[str, str, int, int]] = []  # (sheet, cell, length, kept)
        self.count = 0

    def add(self, sheet: str, cell: str, length: int, kept: int) -> None:
        self.count += 1
        if len(self.cells) < MAX_TOLD:
            self.cells.append((sheet, cell, length, kept))

    def diagnostics(self, path: str) -> list[Diagnostic]:
        """J011 for each cell kept, at ``path › sheet!cell`` (``path``: the workbook as shown, ``-``
        for standard output)."""
        told = []
        for sheet, cell, length, kept in self.cells:
            letters = cell.rstrip("0123456789")
            row, column = int(cell[len(letters):]), _column_number(letters)
            span = Span(f"{path}{SHEET_MARK}{sheet}!{cell}", row, column, row, column + 1)
            told.append(CODES["J011"].at(span, length=f"{length:,}", limit=f"{CELL_CHARS:,}", kept=f"{kept:,}"))
        return told


def _column_number(letters: str) -> int:
    """A → 1, AA → 27."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
