"""Where a written workbook's sheets wait before they are zipped: never in the system's
temporary folder.

openpyxl writes each sheet's XML into a temporary file of its own making
(openpyxl/worksheet/_writer.py, create_temporary_file) before zipping it into the
workbook: a file outside the output the user named. A write-only sheet takes the writer
it is given, made before its first row:

- :func:`in_folder`: a file in a folder of kpidsl's own (:class:`SheetsFolder`, removed
  after): hidden beside the output file, or for standard output made for the run in
  kpidsl's cache folder. A scores workbook's sheets grow with the evaluations (100,000 of
  them: 1.2 GB of XML), so they wait on disk, never in memory.
- :func:`in_memory`: an anonymous in-memory file (Linux memfd), named by its descriptor,
  which openpyxl opens and reads back as any file, and which is gone when closed: for
  standard output with the cache off, and the small sheets of an ordinary workbook
  (:func:`save` saves one with openpyxl's workbook writer told to use it).

Where there is no memfd, or openpyxl has moved its writers, openpyxl's own writer is used.

A sheet kpidsl writes itself (`score --format xlsx`, kpidsl/xlsx/sheet_xml.py) waits in a
:class:`SheetSpool` the same way: a file of a SheetsFolder, else a memfd; no openpyxl in it."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

COPY_CHUNK = 1 << 20  # bytes of a spooled workbook copied to standard output at a time

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


class InFolderSheetWriter(WorksheetWriter or object):
    """openpyxl's sheet writer over a new file in a folder of kpidsl's own (SheetsFolder)."""

    def __init__(self, ws, path: Path) -> None:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600))
        self.path: Path | None = path  # made here, never one that was there: only it is removed
        super().__init__(ws, out=str(path))

    def cleanup(self) -> None:
        """The sheet's file removed (openpyxl's removes its temporary file)."""
        if self.path is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
            self.path = None


class SheetsFolder:
    """A folder of kpidsl's own, made 0700 for the sheets of one workbook and removed with
    them: hidden beside the output file (:meth:`beside`), or, for standard output, made for
    the run inside kpidsl's cache folder (:meth:`in_cache`, kpidsl/run_folders.py). ``path``
    is None when it cannot be made: then the sheets stay in memory."""

    def __init__(self, path: Path | None, working=None) -> None:
        self.path = path  # where its files are made: a folder in the cache, or ``working``'s
        self._working = working  # made beside the output (kpidsl/working_folders.py), or None
        self.made = path if working is None else working.made  # only a folder made here is removed
        self.count = 0

    @classmethod
    def beside(cls, output) -> "SheetsFolder":
        """A hidden folder beside the output file being written (``output``, a
        kpidsl/working_folders.py Beside), in a folder others may write in: made in that folder
        as its writer holds it open, its sheets in the folder made, never through a link put at
        a name since."""
        from ..left_behind import SHEETS
        from ..working_folders import made_beside

        working = made_beside(output, SHEETS)
        return cls(None) if working is None else cls(working.path, working)

    @classmethod
    def in_cache(cls) -> "SheetsFolder":
        """A folder for this run in kpidsl's cache folder (none with the cache off)."""
        from ..run_folders import XLSX_SHEETS, in_cache

        return cls(in_cache(XLSX_SHEETS))

    def next_file(self, suffix: str = ".xml") -> Path:
        self.count += 1
        return self.path / f"sheet{self.count}{suffix}"

    def remove(self) -> None:
        """The folder, once its sheets' files are gone (each writer removes its own)."""
        if self._working is not None:
            self._working.remove(whole=False)
        elif self.path is not None:
            with contextlib.suppress(OSError):
                os.rmdir(self.path)  # the cache's: only when empty, as beside the output
        self.path = self.made = self._working = None


class SpooledBook:
    """A workbook for standard output (a scores workbook, kpidsl/xlsx/scores.py; an entry
    workbook, kpidsl/xlsx/write.py), zipped into a file of its run's folder in kpidsl's cache
    (:meth:`made`): copied out a chunk at a time (:meth:`chunks`), then removed with its
    folder (:meth:`remove`). Memory stays flat in the rows, as with a file to write."""

    def __init__(self, path: Path, folder: SheetsFolder) -> None:
        self.path = path
        self.folder = folder

    @classmethod
    def made(cls, folder: SheetsFolder, save: Callable[[BinaryIO], None]) -> "SpooledBook":
        """The workbook ``save`` zips into the stream it is given, in a new file of ``folder``
        (one of kpidsl's cache, its path not None); a save that fails leaves no file (the
        caller removes the sheets and the folder)."""
        path = folder.next_file(".xlsx")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
            with open(fd, "wb") as stream:
                save(stream)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(path)
            raise
        return cls(path, folder)

    def chunks(self) -> Iterator[bytes]:
        with open(self.path, "rb") as f:
            while chunk := f.read(COPY_CHUNK):
                yield chunk

    def remove(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        self.folder.remove()


class SheetSpool:
    """Where one sheet's XML waits while kpidsl writes it (kpidsl/xlsx/sheet_xml.py): ``file``,
    open for writing and reading back, in a new file of ``folder`` (kpidsl's own, hidden
    beside the output or in its cache), else in an anonymous in-memory file (Linux memfd),
    else in memory. :meth:`remove` closes it and removes its file."""

    def __init__(self, folder: SheetsFolder | None) -> None:
        self.path: Path | None = None
        if folder is not None and folder.path is not None:
            path = folder.next_file()
            self.file: BinaryIO = open(path, "xb+")  # never one that was there: only it is removed
            self.path = path
        elif hasattr(os, "memfd_create"):
            self.file = os.fdopen(os.memfd_create("kpidsl-sheet", getattr(os, "MFD_CLOEXEC", 0)), "wb+")
        else:  # pragma: no cover - no memfd (not Linux): in this process's memory
            self.file = io.BytesIO()

    def remove(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.file.close()
        if self.path is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
            self.path = None


def in_folder(ws, folder: SheetsFolder | None) -> None:
    """Have the write-only sheet ``ws`` keep its rows in a file of ``folder`` (in memory
    when there is none): called as :func:`in_memory` is."""
    if folder is None or folder.path is None or WorksheetWriter is None:
        in_memory(ws)
        return
    ws._writer = InFolderSheetWriter(ws, folder.next_file())
    ws._writer.write_top()


def discard_sheets(wb) -> None:
    """The file each write-only sheet of ``wb`` waits in (:func:`in_folder`, :func:`in_memory`)
    closed and removed: after a write that failed part-way, or left by openpyxl's save. A
    sheet not yet saved has its rows' and its XML's generators open (openpyxl's
    WriteOnlyWorksheet._write_rows, WorksheetWriter.get_stream): they are closed first, while
    their file is open, or Python would close them when collected, writing their end tags to
    a closed file, and print that on standard error."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        for generator in (getattr(ws, "_rows", None), getattr(writer, "xf", None)):
            if generator is not None:
                with contextlib.suppress(Exception):
                    generator.close()
        cleanup = getattr(writer, "cleanup", None)
        if cleanup is not None:
            with contextlib.suppress(Exception):
                cleanup()


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
    """Save the workbook ``wb`` into ``stream`` (a file open for writing, or BytesIO) as
    ``wb.save`` would (openpyxl/writer/excel.py save_workbook), an ordinary workbook's sheets
    made in memory (a write-only workbook's were made as its rows came: :func:`in_memory`,
    :func:`in_folder`). Should a write fail (a full disk), the zip is closed here, its end
    unwritten (the output is discarded): closed when collected instead, it would write to a
    file the caller has closed, and Python would print that on standard error."""
    if wb.read_only or ExcelWriter is None:
        wb.save(stream)
        return
    import datetime
    from zipfile import ZIP_DEFLATED, ZipFile

    writer = ExcelWriter if wb.write_only or not _usable() else _InMemoryWorkbookWriter
    archive = ZipFile(stream, "w", ZIP_DEFLATED, allowZip64=True)
    wb.properties.modified = datetime.datetime.now(tz=datetime.timezone.utc).replace(tzinfo=None)
    try:
        writer(wb, archive).save()
    except BaseException:
        with contextlib.suppress(Exception):
            archive.close()
        raise
