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

import re
from typing import Literal, Sequence

ColumnKind = Literal["text", "figure"]
TEXT: ColumnKind = "text"
FIGURE: ColumnKind = "figure"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_START = re.compile(r"[=+\-@\t\r]")


def formula_like(text: str) -> bool:
    """True when a spreadsheet could run ``text`` as a formula."""
    return _FORMULA_START.match(text) is not None


def spreadsheet_safe(text: str) -> str:
    """``text`` as a cell a spreadsheet shows and never runs: ``'`` in front of a
    cell that starts a formula, any other text unchanged."""
    return "'" + text if formula_like(text) else text


def safe_row(cells: Sequence[str], kinds: Sequence[ColumnKind]) -> list[str]:
    """One row: its text cells neutralised, its figures as written."""
    if len(cells) != len(kinds):
        raise ValueError(f"a row of {len(cells)} cells for {len(kinds)} columns")
    return [spreadsheet_safe(c) if k == TEXT else c for c, k in zip(cells, kinds)]

