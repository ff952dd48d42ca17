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

from functools import lru_cache
from typing import Literal, Sequence

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
