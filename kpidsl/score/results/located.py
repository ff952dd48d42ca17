"""Rows whose cells are read already, each with its place (a workbook's sheets,
kpidsl/xlsx/results.py)."""

from __future__ import annotations

from typing import Iterable, Iterator

from ...diagnostics.model import Diagnostic
from ...results_columns import split_header
from .header import header_problems
from .reader import Reader, Record, record_of


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
            skip = any(d.code == "Q050" for d in problems)
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
        reader.at.line = item.line
        told = {item.span_of(i) for i in item.told} if item.spoiled else ()
        try:
            for found in record_of(reader, meta, values, item.line, item.span_of):
                if not isinstance(found, Diagnostic):
                    if not item.spoiled:  # a spoiled row: its problems only
                        yield found
                elif found.span not in told:  # a told cell read as empty (a missing agreement): told already
                    yield found
        finally:
            reader.row_span = None
