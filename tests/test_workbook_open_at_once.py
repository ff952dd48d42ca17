"""Two workbooks opened at once, from two threads (a program that uses kpidsl as a library,
a server): each is read as it would be alone, and openpyxl is left as it was. kpidsl once
changed openpyxl's own functions for the whole process while a workbook opened, and put
back what it had found: a second workbook opened meanwhile lost the changes when the first
was done (a sheet whose part is missing passed over, not told), and put the first one's
changes back for good when it was done itself."""

from __future__ import annotations

import threading

import pytest

openpyxl = pytest.importorskip("openpyxl")

from openpyxl.reader import excel  # noqa: E402
from openpyxl.reader.workbook import WorkbookParser  # noqa: E402
from openpyxl.worksheet._read_only import ReadOnlyWorksheet  # noqa: E402

from kpidsl.diagnostics.phrases import phrase  # noqa: E402
from kpidsl.diagnostics.registry import CODES  # noqa: E402
from kpidsl.diagnostics.span import Span  # noqa: E402
from kpidsl.xlsx import read  # noqa: E402

from test_workbook_hostile import SHEET, SHEET_REL, _book  # noqa: E402

WAIT = 20  # seconds: a step that does not come is a failure, never a hang


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# a shared-strings part (openpyxl writes none here): where each opening is made to wait
WITH_STRINGS = {
    "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}"><si><t>a</t></si></sst>'.encode(),
    "[Content_Types].xml": lambda s: s.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType='
                                               '"application/vnd.openxmlformats-officedocument.spreadsheetml.'
                                               'sharedStrings+xml"/></Types>', 1),
}


def _rels(target: str = SHEET_REL):
    return {"xl/_rels/workbook.xml.rels": lambda s: s.replace(SHEET_REL, target, 1).replace(
        "</Relationships>", '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                            'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>', 1)}


def _openpyxl_now() -> tuple:
    return (WorkbookParser.__dict__["find_sheets"], ReadOnlyWorksheet.__dict__["_get_size"],
            excel.read_string_table)


def test_two_workbooks_opened_at_once_are_each_read_as_alone(tmp_path, monkeypatch):
    first = _book(tmp_path / "first.xlsx", {**WITH_STRINGS, **_rels()})
    second = _book(tmp_path / "second.xlsx", {**WITH_STRINGS, **_rels('Target="worksheets/sheet9.xml"')})
    before = _openpyxl_now()
    first_in, second_in, first_done = threading.Event(), threading.Event(), threading.Event()
    read_strings = read.read_strings

    def interleaved(src):
        # the first opening waits, its shared strings being read, until the second has begun;
        # the second waits there until the first is done: the order two threads may take
        if threading.current_thread().name == "first":
            first_in.set()
            assert second_in.wait(WAIT)
        else:
            second_in.set()
            assert first_done.wait(WAIT)
        return read_strings(src)

    monkeypatch.setattr(read, "read_strings", interleaved)
    got: dict[str, tuple] = {}

    def open_first() -> None:
        try:
            wb, tables, diags = read.open_tables(first)
            got["first"] = ([t.sheet for t in tables], diags)
            wb.close()
        finally:
            first_done.set()

    thread = threading.Thread(target=open_first, name="first")
    thread.start()
    assert first_in.wait(WAIT)
    wb, tables, diags = read.open_tables(second)
    thread.join(WAIT)
    assert got["first"] == ([SHEET], [])
    shown = str(second)
    assert tables == [] and diags == [CODES["J003"].at(Span.whole_file(f"{shown} › {SHEET}"), path=shown, reason=phrase(
        "sheet-part-not-in-workbook", sheet=SHEET, part="xl/worksheets/sheet9.xml"))]
    assert _openpyxl_now() == before  # openpyxl as it was found


def test_a_workbook_that_fails_to_open_leaves_openpyxl_as_it_was(tmp_path):
    before = _openpyxl_now()
    book = _book(tmp_path / "book.xlsx", {"xl/workbook.xml": lambda s: s[:50]})
    _, _, diags = read.open_tables(book)
    assert [d.code for d in diags] == ["J003"]
    assert _openpyxl_now() == before
