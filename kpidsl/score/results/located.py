"""Rows whose cells are read already, each with its place (a workbook's sheets,
kpidsl/xlsx/results.py)."""

from __future__ import annotations

from collections import deque
from typing import Callable, Iterable, Iterator

from ...diagnostics.model import Diagnostic
from ...diagnostics.span import SHEET_MARK, Span
from ...results_columns import split_header
from .header import header_problems, NO_ROWS_READ
from .reader import OthersRow, Reader, Record, record_of, SHEET_ROW_SPAN


def read_located(reader: Reader, items: Iterable) -> Iterator[Record | Diagnostic]:
    """Records and diagnostics from a table whose cells are read already, each with its
    place (a workbook's sheets, kpidsl/xlsx/results.py): a header (``cells``, ``spans``)
    starts each sheet, then its rows (``line``, ``cells``, ``span_of(i)``, ``span``)."""
    header: list[str] = []
    parsed: list[tuple[str | None, str, str]] = []
    skip = False
    for item in items:
        if isinstance(item, Diagnostic):
            yield item
            continue
        if not hasattr(item, "line"):  # a sheet's header
            reader.header_spans = {}
            reader.sheets.append(item.sheet)
            header, parsed = list(item.cells), [split_header(h) for h in item.cells]
            problems = header_problems(reader, header, list(item.spans))
            yield from problems
            skip = any(d.code in NO_ROWS_READ for d in problems)
            continue
        if skip:
            continue
        meta: dict[str, tuple[str, int]] = {}  # a cell's place: its index (item.span_of)
        values = []
        for i, cell in enumerate(item.cells):
            name, node_id, field = parsed[i]
            # a blank cell is kept for its place, as a CSV row's are: a value lacking (Q007)
            # or a pool group left blank (Q054) is told at its cell; the reader reads no value
            # from it, and a column of a name given twice keeps its last filled cell
            if name:
                if cell.strip() or name not in meta:
                    meta[name] = (cell, i)
            else:
                values.append((header[i].strip(), node_id, field, cell, i))
        reader.row_span = item.span
        # the row as the rows seen keep it (its sheet's number above it): the batch puts a row
        # given twice, told at the end (read_located_twice), back among a later sheet's rows
        reader.at.line = reader.seen_line(item.line)
        told = {item.span_of(i) for i in item.told} if item.spoiled else ()
        try:
            for found in record_of(reader, meta, values, item.line, item.span_of):
                if type(found) is OthersRow:  # `--person`: another's row's problems, counted
                    yield found
                elif not isinstance(found, Diagnostic):
                    if not item.spoiled:  # a spoiled row: its problems only
                        yield found
                elif found.span not in told:  # a told cell read as empty (a missing agreement): told already
                    yield found
        finally:
            reader.row_span = None


class _Keyed:
    """In the rows seen's place, in a second reading: each row's (key, line as seen_line
    keeps it, identity) as Reader.build keys it (``key_of``: MaybeSeenRows.key), so the rows
    read again are keyed as the first reading keyed them, by the same code."""

    __slots__ = ("key_of", "rows", "identity")

    def __init__(self, key_of: Callable) -> None:
        self.key_of, self.rows, self.identity = key_of, deque(), None

    def key(self, agreement: str, person: str | None, round_: str | None) -> int:
        self.identity = (agreement, person, round_)
        return self.key_of(agreement, person, round_)

    def get(self, key: int) -> None:
        return None

    def add(self, key: int, line: int) -> None:
        self.rows.append((key, line, self.identity))


def located_identities(again: Reader, items: Iterable, key_of: Callable) -> Iterator[tuple[int, int, tuple]]:
    """(key, line, identity) of every row a workbook's reading keys, read again by ``again``
    (a Reader made as the first was) from ``items`` (its located rows read again): the
    second pass of MaybeSeenRows (seen_rows.confirmed), as csv_identities is a CSV's."""
    keyed = _Keyed(key_of)
    again.seen_rows = keyed
    for _ in read_located(again, items):
        while keyed.rows:
            yield keyed.rows.popleft()
    yield from keyed.rows


def told_twice(reader: Reader, twice: list[tuple[int, int, tuple]]) -> Iterator[Diagnostic]:
    """Q006 at each row of MaybeSeenRows.confirm's (line, first line, identity), a workbook's
    (lines as seen_line keeps them): at the row's first cell, as the first reading tells it
    (kpidsl/xlsx/results.py SheetRow.span), marked late (ReadingAt)."""
    reader.at.late = True
    for line, first, identity in twice:
        sheet, row = divmod(line, SHEET_ROW_SPAN)
        reader.at.line = line
        reader.row_span = Span(f"{reader.shown}{SHEET_MARK}{reader.sheets[sheet]}!A{row}", row, 1, row, 2)
        try:
            yield reader.told_late_twice(row, first, identity)
        finally:
            reader.row_span = None
