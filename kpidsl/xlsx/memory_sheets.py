"""A written workbook's sheets kept in memory, not in the system's temporary folder.

openpyxl writes each sheet's XML into a temporary file of its own making
(openpyxl/worksheet/_writer.py, create_temporary_file) before zipping it into the
workbook: a file outside the output the user named. A write-only sheet takes the writer
it is given (:func:`in_memory`); an ordinary workbook's sheets are written as it is
saved, so :func:`save` saves it with openpyxl's workbook writer told to use this one.
This one writes into an anonymous in-memory file (Linux memfd), named by its
descriptor, which openpyxl opens and reads back as any file, and which is gone when
closed. Where there is no memfd, or openpyxl has moved its writers, openpyxl's own
writer is used."""

from __future__ import annotations

import os
from typing import BinaryIO

try:  # openpyxl's own modules (not public ones): without them, openpyxl's writer as it is
    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.writer.excel import ExcelWriter
except ImportError:  # pragma: no cover - an openpyxl that moved them
    WorksheetWriter = ExcelWriter = None


class InMemorySheetWriter(WorksheetWriter or object):
    """openpyxl's sheet writer over an anonymous in-memory file."""

    def __init__(self, ws) -> None:
        self.fd: int | None = os.memfd_create("kpidsl-sheet", getattr(os, "MFD_CLOEXEC", 0))
        super().__init__(ws, out=f"/proc/self/fd/{self.fd}")

    def cleanup(self) -> None:
        """The in-memory file closed (openpyxl's removes its temporary file)."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _usable() -> bool:
    return WorksheetWriter is not None and hasattr(os, "memfd_create") and os.path.isdir("/proc/self/fd")


def in_memory(ws) -> None:
    """Have the write-only sheet ``ws`` keep its rows in memory: called once its column
    widths and frozen panes are set and before its first row, as openpyxl itself would
    start its writer (the top of the sheet is written then)."""
    if _usable():
        ws._writer = InMemorySheetWriter(ws)  # openpyxl's write-only sheet makes one only when it has none
        ws._writer.write_top()


class _InMemoryWorkbookWriter(ExcelWriter or object):
    """openpyxl's workbook writer, each sheet of an ordinary workbook written by
    InMemorySheetWriter: ``write_worksheet`` is openpyxl 3.1's (openpyxl/writer/excel.py)
    but for the sheet writer it makes."""

    def write_worksheet(self, ws) -> None:
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = InMemorySheetWriter(ws)
        try:
            writer.write()
            ws._rels = writer._rels
            self._archive.write(writer.out, ws.path[1:])
        finally:
            writer.cleanup()
        self.manifest.append(ws)


def save(wb, stream: BinaryIO) -> None:
    """Save the ordinary workbook ``wb`` into ``stream`` (a file open for writing, or
    BytesIO) as ``wb.save`` would, its sheets made in memory (a write-only workbook's
    sheets are, by :func:`in_memory`, and it is saved by ``wb.save``)."""
    if wb.write_only or wb.read_only or not _usable() or ExcelWriter is None:
        wb.save(stream)
        return
    import datetime
    from zipfile import ZIP_DEFLATED, ZipFile

    # What openpyxl's save_workbook does (openpyxl/writer/excel.py), with the writer above.
    archive = ZipFile(stream, "w", ZIP_DEFLATED, allowZip64=True)
    wb.properties.modified = datetime.datetime.now(tz=datetime.timezone.utc).replace(tzinfo=None)
    _InMemoryWorkbookWriter(wb, archive).save()
