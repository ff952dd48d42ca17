"""A filled workbook as the results reader (kpidsl/score/results/) takes it: each
sheet's header, then its filled rows, every cell with its place on the sheet
(`results.xlsx › ผลการประเมิน!F12`), so that a problem is told where the person typed it.
A cell the reader cannot take as a value (a formula saved without its value, an error
value such as #DIV/0!, text holding a NUL) is told here, at the cell; the rest of its row is still looked at
for problems, and the row is not scored. A header cell holding a NUL is told at it (Q053), and
its sheet's rows are not read: no column can be known by that name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import attrs
from openpyxl.utils import get_column_letter

from ..bilingual import Bi
from ..diagnostics.model import Diagnostic
from ..diagnostics.phrases import phrase
from ..diagnostics.registry import CODES
from ..diagnostics.span import SHEET_MARK, Span
from ..source import display_path
from .read import ERROR_VALUE, LAST_ROW, Cell, Damaged, cell_text, damaged, open_tables

NUL = "\x00"  # what `_x0000_` reads as (kpidsl/xlsx/xstring.py)


@attrs.frozen
class SheetHeader:
    """A sheet's header row: the results-file column names, and the cell of each."""

    sheet: str
    cells: tuple[str, ...]
    spans: tuple[Span, ...]


@attrs.frozen
class SheetRow:
    """A filled row: its cells as a results CSV holds them; ``span_of(i)`` is the place of
    cell ``i``, ``span`` the row's (its first cell)."""

    line: int
    cells: tuple[str, ...]
    prefix: str  # `results.xlsx › sheet!`
    letters: tuple[str, ...] = attrs.field(repr=False)
    spoiled: bool = False  # a cell of it was told already (J006, J007, Q053): its other problems are told, it is not scored
    told: frozenset[int] = frozenset()  # the cells told: what the reader finds at them follows from it, and is not told

    def span_of(self, i: int) -> Span:
        return _cell(self.prefix, self.letters[i], self.line, i + 1)

    @property
    def span(self) -> Span:
        return self.span_of(0)


def _error_held(text: str) -> Bi:
    """What an error cell holds, as J007 says it: its error (``#DIV/0!``), or nothing but the
    mark of one (``<c t="e"/>``)."""
    return phrase("spreadsheet-error", value=text) if text else phrase("spreadsheet-error-empty")


def _cell(prefix: str, letter: str, row: int, column: int) -> Span:
    return Span(f"{prefix}{letter}{row}", row, column, row, column + 1)


def located_rows(path: Path, folder: Path | None = None) -> Iterator[Diagnostic | SheetHeader | SheetRow]:
    """The problems of the workbook as a whole, then for each sheet with an entry table its
    header and its rows (or what is wrong with a row), one at a time (memory flat in rows).
    ``folder``: the results folder named, ``path`` an entry of it (open_tables)."""
    wb, tables, diags = open_tables(path, folder)
    yield from diags
    if wb is None:
        return
    shown = display_path(path)
    try:
        for table in tables:
            prefix = f"{shown}{SHEET_MARK}{table.sheet}!"
            letters = tuple(get_column_letter(i + 1) for i in range(len(table.header)))
            nul = [i for i, h in enumerate(table.header) if NUL in h]
            if nul:  # a header cell holding a NUL names no column: the sheet is refused there, its rows unread
                yield from (CODES["Q053"].at(_cell(prefix, letters[i], table.header_row, i + 1), column=letters[i])
                            for i in nul)
                continue
            yield SheetHeader(table.sheet, table.header,
                              tuple(_cell(prefix, letters[i], table.header_row, i + 1)
                                    for i in range(len(table.header))))
            try:
                for number, values in table.values():
                    if number >= LAST_ROW:
                        yield CODES["J009"].at(_cell(prefix, "A", number, 1), sheet=table.sheet,
                                               row=f"{LAST_ROW:,}")
                        break
                    bad = [(i, v) for i, v in enumerate(values) if type(v) is Cell or type(v) is str and NUL in v]
                    for i, v in bad:
                        span = _cell(prefix, letters[i], number, i + 1)
                        if type(v) is str:  # a NUL: refused at its cell, as a CSV holding one is refused (F005)
                            yield CODES["Q053"].at(span, column=table.header[i] if i < len(table.header) else letters[i])
                        else:
                            yield CODES["J007"].at(span, holds=_error_held(v.text)) if v.kind == ERROR_VALUE \
                                else CODES["J006"].at(span)
                    told = frozenset(i for i, _ in bad)
                    if told:
                        values = ["" if i in told else v for i, v in enumerate(values)]
                    yield SheetRow(number, tuple("" if type(v) is Cell else cell_text(v) for v in values), prefix,
                                   letters, bool(bad), told)
            except Damaged as e:
                yield damaged(shown, table.sheet, e)
    finally:
        wb.close()
