"""A written workbook's sheets kept in memory, not in the system's temporary folder.

openpyxl writes each sheet's XML into a temporary file of its own making
(openpyxl/worksheet/_writer.py, create_temporary_file) before zipping it into the
workbook: a file outside the output the user named. A write-only sheet takes the writer
it is given; this one writes into an anonymous in-memory file (Linux memfd), named by
its descriptor, which openpyxl opens and reads back as any file, and which is gone when
closed. Where there is no memfd, or openpyxl has moved its writer, openpyxl's own
writer is used."""

from __future__ import annotations

import os

try:  # openpyxl's own module (not a public one): without it, openpyxl's writer as it is
    from openpyxl.worksheet._writer import WorksheetWriter
except ImportError:  # pragma: no cover - an openpyxl that moved it
    WorksheetWriter = None


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


def in_memory(ws) -> None:
    """Have the write-only sheet ``ws`` keep its rows in memory: called once its column
    widths and frozen panes are set and before its first row, as openpyxl itself would
    start its writer (the top of the sheet is written then)."""
    if WorksheetWriter is not None and hasattr(os, "memfd_create") and os.path.isdir("/proc/self/fd"):
        ws._writer = InMemorySheetWriter(ws)  # openpyxl's write-only sheet makes one only when it has none
        ws._writer.write_top()
