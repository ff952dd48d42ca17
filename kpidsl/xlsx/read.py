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
from typing import Iterator

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


def read_workbook(path: Path) -> tuple[list[SheetRows], list[Diagnostic]]:
    """The entry tables of every sheet, or why the file cannot be read."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    shown = display_path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except InvalidFileException:
        reason = ("only .xlsx and .xlsm workbooks are read (an old .xls: save it as .xlsx)",
                  "อ่านได้เฉพาะสมุดงาน .xlsx และ .xlsm (ไฟล์ .xls แบบเก่า: บันทึกเป็น .xlsx ก่อน)")
    except zipfile.BadZipFile:
        reason = ("it is not a zip file, as every .xlsx is (a password-protected workbook is not either)",
                  "ไม่ใช่ไฟล์ zip ซึ่งไฟล์ .xlsx ทุกไฟล์เป็น (สมุดงานที่ตั้งรหัสผ่านก็ไม่ใช่)")
    except (KeyError, ValueError, TypeError):
        reason = ("a zip file without a workbook inside", "ไฟล์ zip ที่ไม่มีสมุดงานอยู่ข้างใน")
    except OSError as e:
        reason = (e.strerror or str(e),) * 2
    else:
        reason = None
    if reason is not None:
        return [], [CODES["J003"].at(Span.whole_file(shown), path=shown, reason=reason[0], reason_th=reason[1])]
    sheets: list[SheetRows] = []
    diags: list[Diagnostic] = []
    try:
        for ws in wb.worksheets:
            found = _sheet(ws)
            if found is not None:
                sheets.append(found)
            elif ws.title != GUIDE_SHEET:
                diags.append(CODES["J004"].at(Span.whole_file(f"{shown} › {ws.title}"), sheet=ws.title))
    finally:
        wb.close()
    return sheets, diags


def _sheet(ws) -> SheetRows | None:
    header: tuple[str, ...] | None = None
    header_row = 0
    rows: list[tuple[int, tuple[str, ...]]] = []
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if header is None:
            if values and cell_text(values[0]).strip() == MACHINE_MARK:
                width = len(values)
                while width and cell_text(values[width - 1]).strip() == "":
                    width -= 1
                header = tuple(cell_text(v).strip() for v in values[:width])
                header_row = number
            continue
        cells = tuple(cell_text(v) for v in values[:len(header)])
        cells += ("",) * (len(header) - len(cells))
        if any(c.strip() for h, c in zip(header, cells) if h not in _PREFILLED):
            rows.append((number, cells))  # a row with nothing typed is a row not filled in yet
    if header is None:
        return None
    return SheetRows(ws.title, header, header_row, tuple(rows))


def as_csv(sheets: list[SheetRows]) -> str:
    """The entry rows of every sheet as one results CSV: the union of the headers, in
    order of first appearance, each row with blanks where its sheet has no column."""
    header: dict[str, None] = {}
    for s in sheets:
        header.update(dict.fromkeys(s.header))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for s in sheets:
        for row in s.dicts():
            writer.writerow([row.get(h, "") for h in header])
    return out.getvalue()
