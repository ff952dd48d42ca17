"""Cells of the tables kpidsl writes for spreadsheets (CSV now, XLSX later).

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula (``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``), and some also after a
leading tab or carriage return. OWASP's rule for CSV injection: put ``'`` in
front of such a cell, which the spreadsheet shows as text and does not run.

Only text cells are neutralised — names, ids, titles and anything copied from
the input. A figure kpidsl computed (``-5``, ``-0.25``) is a number the reader
wants to add up, so columns say which kind they are and figures pass as written.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from typing import Iterable, Literal, Sequence, TextIO

ColumnKind = Literal["text", "figure"]
TEXT: ColumnKind = "text"
FIGURE: ColumnKind = "figure"

FORMULA_STARTS = frozenset("=+-@\t\r")


def formula_like(text: str) -> bool:
    """True when a spreadsheet could run ``text`` as a formula."""
    return text[:1] in FORMULA_STARTS


def spreadsheet_safe(text: str) -> str:
    """``text`` as a cell a spreadsheet shows and never runs: ``'`` in front of a
    cell that starts a formula, any other text unchanged."""
    return "'" + text if formula_like(text) else text


def safe_row(cells: Sequence[str], kinds: Sequence[ColumnKind]) -> list[str]:
    """One row: its text cells neutralised, its figures as written."""
    if len(cells) != len(kinds):
        raise ValueError(f"a row of {len(cells)} cells for {len(kinds)} columns")
    row = list(cells)
    for i in _text_columns(tuple(kinds)):  # a batch writes millions of rows: only the text cells are looked at
        cell = row[i]
        if cell[:1] in FORMULA_STARTS:
            row[i] = "'" + cell
    return row


@lru_cache(maxsize=64)
def _text_columns(kinds: tuple[ColumnKind, ...]) -> tuple[int, ...]:
    return tuple(i for i, kind in enumerate(kinds) if kind == TEXT)


class CsvRows:
    """Rows written to ``sink`` as ``csv.writer(sink, lineterminator="\\n")`` writes them
    (QUOTE_MINIMAL, each row ended by a line feed), but a cell holding a carriage return is
    quoted too. csv.writer quotes a cell for the characters of its own line end alone, so it
    left a lone CR bare: every CSV reader (a spreadsheet, Python's universal newlines) then
    read the row as two, the second starting with what followed the CR, where the ``'`` a
    formula gets in front of its cell never reached (a person `x\\r=1+1` from a workbook's
    `_x000D_`). Such a row is written by a writer whose line end holds a CR, which quotes it,
    and its CR LF end made a line feed."""

    def __init__(self, sink: TextIO) -> None:
        self.sink = sink
        self._plain = csv.writer(sink, lineterminator="\n").writerow
        self._buffer = io.StringIO()
        self._quoting = csv.writer(self._buffer, lineterminator="\r\n")

    def writerow(self, row: Sequence) -> None:
        try:
            bare = "\r" not in "".join(row)  # the usual row: csv.writer's as it is (< 1 us a row more)
        except TypeError:  # a cell that is no text (a number): looked at as csv.writer makes it text
            bare = not any("\r" in str(cell) for cell in row)
        if bare:
            self._plain(row)
            return
        self._buffer.seek(0)
        self._buffer.truncate()
        self._quoting.writerow(row)
        self.sink.write(self._buffer.getvalue()[:-2] + "\n")

    def writerows(self, rows: Iterable[Sequence]) -> None:
        for row in rows:
            self.writerow(row)


def csv_row_line(cells: Sequence) -> str:
    """One row as CsvRows writes it, its line feed included."""
    buffer = io.StringIO()
    CsvRows(buffer).writerow(cells)
    return buffer.getvalue()
