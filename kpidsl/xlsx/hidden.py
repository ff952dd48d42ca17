"""The hidden parts of a filled workbook that are scored all the same: a hidden sheet with an
entry table and filled rows (J012), a hidden filled row of a table (J013), a hidden column of
a table with a value typed in it (J014). An officer may have hidden a row to drop a person:
they are scored, and the warning says so at the place. The machine row kpidsl hides itself
(kpidsl/xlsx/write.py) is above every entry row, and is not one.

A pass of its own, before the scoring, so that every engine and every reader of results
(score, render, diff --rescore) tells the same: each sheet's XML is first searched as bytes for
rows and columns marked hidden (no XML is parsed, no value read); only a sheet that has any
below its header, or is hidden itself, is read again for which of them hold values."""

from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics.model import Diagnostic
from ..diagnostics.registry import CODES
from ..diagnostics.span import SHEET_MARK, Span
from ..source import display_path
from .read import Damaged, Table, open_tables
from .xml_guard import Refused

MAX_TOLD = 50  # hidden rows told one by one per workbook; the summary counts them all

_CHUNK = 64 * 1024
_CARRY = 64 * 1024  # a start tag longer than this is no spreadsheet's: not searched
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|col)\b([^>]*)>")
_HIDDEN = re.compile(rb"""\bhidden\s*=\s*["'](?:1|true)["']""")
_ROW_NUMBER = re.compile(rb"""\br\s*=\s*["'](\d+)["']""")
_MIN = re.compile(rb"""\bmin\s*=\s*["'](\d+)["']""")
_MAX = re.compile(rb"""\bmax\s*=\s*["'](\d+)["']""")


def _marked(source, below: int, width: int) -> tuple[set[int], set[int]]:
    """The rows below row ``below`` and the columns up to ``width`` that a sheet's XML marks
    hidden: their numbers alone (a sheet has a million rows at most, kpidsl/xlsx/read.py
    LAST_ROW), from start tags found as bytes, chunk by chunk."""
    rows: set[int] = set()
    columns: set[int] = set()
    number = 0
    carry = b""
    while True:
        chunk = source.read(_CHUNK)
        data = carry + chunk
        carry = b""
        if chunk:
            cut = data.rfind(b"<")
            if cut != -1 and data.find(b">", cut) == -1:
                data, carry = data[:cut], data[cut:]
                if len(carry) > _CARRY:
                    carry = b""
        for m in _TAG.finditer(data):
            kind, attrs = m.group(1), m.group(2)
            if kind == b"row":
                r = _ROW_NUMBER.search(attrs)
                number = int(r.group(1)) if r else number + 1
                if number > below and _HIDDEN.search(attrs):
                    rows.add(number)
            elif _HIDDEN.search(attrs):
                lo, hi = _MIN.search(attrs), _MAX.search(attrs)
                if lo:
                    first = int(lo.group(1))
                    last = int(hi.group(1)) if hi else first
                    columns.update(range(first, min(last, width) + 1))
        if not chunk:
            return rows, columns


def _sheet_warnings(shown: str, table: Table) -> tuple[list[Diagnostic], int]:
    ws = table.worksheet
    width = len(table.header)
    sheet_hidden = getattr(ws, "sheet_state", "visible") != "visible"
    with ws._get_source() as src:  # openpyxl's own opening of the sheet's part, as sheet_values reads it
        rows, columns = _marked(src, table.header_row, width)
    columns = {c for c in columns if table.header[c - 1].strip()}
    if not (sheet_hidden or rows or columns):
        return [], 0
    prefix = f"{shown}{SHEET_MARK}{table.sheet}!"
    told: list[Diagnostic] = []
    count = filled = 0
    first_in: dict[int, int] = {}  # a hidden column → the first filled row with a value in it
    for number, values in table.values():
        filled += 1
        if sheet_hidden:
            continue
        if number in rows:
            count += 1
            if len(told) < MAX_TOLD:
                told.append(CODES["J013"].at(Span(f"{prefix}A{number}", number, 1, number, 2), row=number))
        for c in columns:
            if c not in first_in and c <= len(values) and values[c - 1] not in (None, "") and \
                    (type(values[c - 1]) is not str or values[c - 1].strip()):
                first_in[c] = number
    if sheet_hidden:
        if not filled:
            return [], 0
        return [CODES["J012"].at(Span.whole_file(f"{shown}{SHEET_MARK}{table.sheet}"), sheet=table.sheet,
                                 rows=filled)], 1
    from openpyxl.utils import get_column_letter

    for c, number in sorted(first_in.items()):
        count += 1
        told.append(CODES["J014"].at(Span(f"{prefix}{get_column_letter(c)}{number}", number, c, number, c + 1),
                                     column=table.header[c - 1]))
    return told, count


def hidden_parts(path: Path, folder: Path | None = None) -> tuple[list[Diagnostic], int]:
    """The warnings of the workbook ``path`` (the first MAX_TOLD hidden rows, every hidden
    sheet and column) and how many there are. A workbook the reader cannot read gives none:
    the scoring tells why. ``folder``: the results folder named, ``path`` an entry of it."""
    wb, tables, _ = open_tables(path, folder)
    if wb is None:
        return [], 0
    shown = display_path(path)
    told: list[Diagnostic] = []
    count = 0
    try:
        for table in tables:
            try:
                found, n = _sheet_warnings(shown, table)
            except (Damaged, Refused, OSError, ValueError, KeyError):
                continue  # told by the scoring's own reading, at its place
            told += found
            count += n
    finally:
        wb.close()
    return told, count
