"""Reading a filled results-entry workbook back as the rows a results CSV holds.

Each sheet's entry table starts at its machine row: the first row whose first cell is
``agreement`` (kpidsl/xlsx/write.py hides it under the Thai headers). The rows below
it are read as CSV rows: blank cells as blank, numbers as the shortest text of the
number, dates as 2011-11-03, text as typed (Thai digits stay for the CSV reader to
read). A sheet without a machine row is skipped when it is the guide, reported (J004)
otherwise. openpyxl reads in read-only mode, keeping memory flat in rows; formulas are
read as the values the spreadsheet saved with them. Rows where nothing but the
agreement, person and round is filled are left out: not filled in yet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Iterator, TextIO

import attrs

from ..diagnostics.model import Diagnostic
from ..diagnostics.registry import CODES
from ..diagnostics.span import Span
from ..outputs.cells import formula_like
from ..source import display_path
from .write import GUIDE_SHEET, MACHINE_MARK


@attrs.frozen
class SheetRows:
    sheet: str
    header: tuple[str, ...]
    header_row: int  # the machine row's number on the sheet
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row number on the sheet, its cells as text)

    def where(self, row: int, header: str) -> str:
        """The cell of ``header`` in sheet row ``row``, as a spreadsheet names it: `janya_2554_r1!F15`."""
        from openpyxl.utils import get_column_letter

        return f"{self.sheet}!{get_column_letter(self.header.index(header) + 1)}{row}"

    def dicts(self) -> Iterator[dict[str, str]]:
        """Each entry row as {results-file header: cell text}, as csv.DictReader gives."""
        for _, cells in self.rows:
            yield dict(zip(self.header, cells))


# Filled in by `kpidsl workbook`: a row with nothing but these is not an evaluation yet.
_PREFILLED = frozenset({"agreement", "person", "round", "คำรับรอง", "ผู้รับการประเมิน", "รอบ"})


def cell_text(value: object) -> str:
    """A cell's value as the text a results CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)  # the shortest text that reads back as the same number
        return format(Decimal(text), "f") if "e" in text or "E" in text else text.removesuffix(".0")
    text = str(value)
    if text.startswith("'") and formula_like(text[1:]):
        return text[1:]  # kpidsl wrote it so that the spreadsheet would not run it
    return text


# A workbook unpacks to many times its size: refuse one that would unpack past this
# (a zip bomb) before any of it is read. 100,000 filled rows of 30 columns unpack to
# about 60 MB.
MAX_UNPACKED = 1 << 30
# The machine row is near the top of a sheet kpidsl made: a sheet is not read to its end
# (up to 1,048,576 rows) to find one.
MAX_HEADER_SEARCH = 200


@attrs.frozen
class Table:
    """A sheet's entry table before its rows are read: ``rows()`` streams them."""

    sheet: str
    header: tuple[str, ...]
    header_row: int
    worksheet: object = attrs.field(eq=False, repr=False)

    def rows(self) -> Iterator[tuple[int, tuple[str, ...]]]:
        """(row number, cells as text) of each filled entry row, in order, one at a time."""
        width = len(self.header)
        typed = [i for i, h in enumerate(self.header) if h not in _PREFILLED]
        number = self.header_row
        for values in self.worksheet.iter_rows(min_row=self.header_row + 1, values_only=True):
            number += 1
            cells = tuple(cell_text(v) for v in values[:width])
            if len(cells) < width:
                cells += ("",) * (width - len(cells))
            if any(cells[i].strip() for i in typed):  # a row with nothing typed is not filled in yet
                yield number, cells


def _unreadable(path: Path, shown: str) -> Diagnostic | None:
    """Why ``path`` is not a workbook to open, before openpyxl opens it."""
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(info.file_size for info in z.infolist())
    except zipfile.BadZipFile:
        reason = ("it is not a zip file, as every .xlsx is (a password-protected workbook is not either)",
                  "ไม่ใช่ไฟล์ zip ซึ่งไฟล์ .xlsx ทุกไฟล์เป็น (สมุดงานที่ตั้งรหัสผ่านก็ไม่ใช่)")
    except OSError as e:
        reason = (e.strerror or str(e),) * 2
    else:
        if unpacked <= MAX_UNPACKED:
            return None
        reason = (f"it unpacks to {unpacked:,} bytes, more than the {MAX_UNPACKED:,} allowed",
                  f"แตกไฟล์แล้วมีขนาด {unpacked:,} ไบต์ เกินกว่าที่รับได้ {MAX_UNPACKED:,} ไบต์")
    return CODES["J003"].at(Span.whole_file(shown), path=shown, reason=reason[0], reason_th=reason[1])


def open_tables(path: Path) -> tuple[object | None, list[Table], list[Diagnostic]]:
    """The open workbook (close it when done), the entry table of each sheet, and the
    problems: a file that is not a workbook (J003), a sheet without a table (J004)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    shown = display_path(path)
    if path.suffix.lower() not in (".xls",):
        found = _unreadable(path, shown)
        if found is not None:
            return None, [], [found]
    reason: tuple[str, str] | None = None
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except InvalidFileException:
        reason = ("only .xlsx and .xlsm workbooks are read (an old .xls: save it as .xlsx)",
                  "อ่านได้เฉพาะสมุดงาน .xlsx และ .xlsm (ไฟล์ .xls แบบเก่า: บันทึกเป็น .xlsx ก่อน)")
    except zipfile.BadZipFile:
        reason = ("it is not a zip file, as every .xlsx is", "ไม่ใช่ไฟล์ zip ซึ่งไฟล์ .xlsx ทุกไฟล์เป็น")
    except (KeyError, ValueError, TypeError):
        reason = ("a zip file without a workbook inside", "ไฟล์ zip ที่ไม่มีสมุดงานอยู่ข้างใน")
    except OSError as e:
        reason = (e.strerror or str(e),) * 2
    if reason is not None:
        return None, [], [CODES["J003"].at(Span.whole_file(shown), path=shown, reason=reason[0],
                                           reason_th=reason[1])]
    tables: list[Table] = []
    diags: list[Diagnostic] = []
    for ws in wb.worksheets:
        table = _table(ws)
        if table is not None:
            tables.append(table)
        elif ws.title != GUIDE_SHEET:
            diags.append(CODES["J004"].at(Span.whole_file(f"{shown} › {ws.title}"), sheet=ws.title))
    return wb, tables, diags


def _table(ws) -> Table | None:
    for number, values in enumerate(ws.iter_rows(max_row=MAX_HEADER_SEARCH, values_only=True), start=1):
        if values and cell_text(values[0]).strip() == MACHINE_MARK:
            width = len(values)
            while width and cell_text(values[width - 1]).strip() == "":
                width -= 1
            return Table(ws.title, tuple(cell_text(v).strip() for v in values[:width]), number, ws)
    return None


def read_workbook(path: Path) -> tuple[list[SheetRows], list[Diagnostic]]:
    """Every sheet's entry table with its rows, in memory (a workbook a person filled in);
    ``write_csv`` streams a big one."""
    wb, tables, diags = open_tables(path)
    try:
        return [SheetRows(t.sheet, t.header, t.header_row, tuple(t.rows())) for t in tables], diags
    finally:
        if wb is not None:
            wb.close()


def union_header(headers: Iterable[tuple[str, ...]]) -> list[str]:
    """Every column of the sheets, in order of first appearance."""
    out: dict[str, None] = {}
    for header in headers:
        out.update(dict.fromkeys(header))
    return list(out)


def write_csv(path: Path, out: TextIO) -> list[Diagnostic]:
    """The entry rows of every sheet of ``path`` as one results CSV written to ``out`` as
    they are read (memory flat in rows), or the problems, with nothing written."""
    wb, tables, diags = open_tables(path)
    if wb is None:
        return diags
    try:
        if diags:
            return diags
        header = union_header(t.header for t in tables)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for t in tables:
            where = [header.index(h) for h in t.header]
            blank = [""] * len(header)
            for _, cells in t.rows():
                row = blank.copy()
                for i, cell in zip(where, cells):
                    row[i] = cell
                writer.writerow(row)
        return []
    finally:
        wb.close()


def as_csv(sheets: list[SheetRows]) -> str:
    """The entry rows of ``sheets`` as one results CSV: the union of their headers, each
    row with blanks where its sheet has no column."""
    header = union_header(s.header for s in sheets)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for s in sheets:
        for row in s.dicts():
            writer.writerow([row.get(h, "") for h in header])
    return out.getvalue()
