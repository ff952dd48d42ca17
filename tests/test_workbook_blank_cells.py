"""Cells that hold nothing, as Excel and LibreOffice write a cell formatted and left empty
(``<c r="F9" s="3"/>``): read only for their place (kpidsl/xlsx/read.py SheetParser
blank_column), so each must read, and be refused, exactly as openpyxl's parse of the cell
read and refused it. An error cell without its error (``<c t="e"/>``) is told as holding
nothing (J007), never as the Python word "None"."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

openpyxl = pytest.importorskip("openpyxl")

from kpidsl.cli import main  # noqa: E402
from kpidsl.diagnostics.phrases import phrase  # noqa: E402
from kpidsl.xlsx import read  # noqa: E402
from kpidsl.xlsx.results import SheetRow, located_rows  # noqa: E402

from test_workbook_hostile import E2, RULES_2554, SHEET, _book, _cell, _score  # noqa: E402

JANYA = "janya_2554_r1,จรรยา เรียบร้อย,1,70.8000,,70.8000,good,3,920"


def _rows(book: Path) -> list[tuple[int, tuple[str, ...]]]:
    got = list(located_rows(book))
    assert [type(r).__name__ for r in got if type(r) is not SheetRow][:1] == ["SheetHeader"], got
    return [(r.line, r.cells) for r in got if type(r) is SheetRow]


def _janya_row(book: Path) -> tuple[str, ...]:
    return dict(_rows(book))[2]


@pytest.fixture
def plain(tmp_path) -> tuple[str, ...]:
    return _janya_row(_book(tmp_path / "plain.xlsx", {}))


# Janya's row 2 with blank cells put after its last cell, each as a spreadsheet may write one:
# every one reads as blank (openpyxl read None), so the row is as it was.
BLANKS = {
    "styled": '<c r="Z2" s="0"/>',
    "a number's": '<c r="Z2" t="n"/>',
    "a shared string's": '<c r="Z2" t="s"/>',
    "an inline string's": '<c r="Z2" t="inlineStr"/>',
    "a formula's text": '<c r="Z2" t="str"/>',
    "a boolean's": '<c r="Z2" t="b"/>',
    "a date's": '<c r="Z2" t="d"/>',
    "lower-case letters": '<c r="z2"/>',
    "a row number of leading zeros": '<c r="Z002"/>',
    "text with no element": '<c r="Z2">5</c>',
}


@pytest.mark.parametrize("blank", BLANKS.values(), ids=BLANKS.keys())
def test_a_cell_without_a_child_reads_as_blank(tmp_path, plain, blank):
    book = _book(tmp_path / "book.xlsx", _cell(E2 + blank))
    assert _janya_row(book) == plain


def test_a_blank_cell_among_filled_ones_reads_as_no_cell(tmp_path):
    # E2 (Janya's first score, 3.5) formatted and left blank: told as when it is not there at all
    def told(book: Path) -> str:
        got = CliRunner().invoke(main, ["score", RULES_2554, "--results", str(book), "--format", "csv", "--lang", "en"])
        return got.output.replace(str(book), "book.xlsx")

    blank = told(_book(tmp_path / "blank.xlsx", _cell('<c r="E2" s="0" t="n"/>')))
    assert blank == told(_book(tmp_path / "none.xlsx", _cell("")))
    # at the blank cell to fill (E2, j1's score: the file has no column for its result), not A2
    assert f"book.xlsx › {SHEET}!E2: Q007 error: " in blank, blank


SHEET_DAMAGE_BLANK = {
    "a column past ZZZ": '<c r="AAAA2"/>',
    "a place that is no coordinate": '<c r="$Z$2"/>',
    "a place with no row": '<c r="Z"/>',
    "a style that is no number": '<c r="Z2" s="x"/>',
}


@pytest.mark.parametrize("blank", SHEET_DAMAGE_BLANK.values(), ids=SHEET_DAMAGE_BLANK.keys())
def test_a_blank_cell_no_spreadsheet_writes_is_damage_at_its_row(tmp_path, blank):
    got = _score(tmp_path, _book(tmp_path / "book.xlsx", _cell(E2 + blank)))
    lines = [line for line in got.output.splitlines() if " error: " in line]
    assert got.exit_code == 1 and len(lines) == 1, got.output
    assert lines[0].startswith(f"{tmp_path / 'book.xlsx'} › {SHEET}!A2: J003 error: "), got.output
    assert phrase("sheet-damaged-at-row", sheet=SHEET, row="2").en in lines[0]


@pytest.mark.parametrize("twice", ['<c r="E2" s="0"/>', '<c r="e2"/>'], ids=["blank", "lower-case"])
def test_a_blank_cell_given_twice_is_damage(tmp_path, twice):
    got = _score(tmp_path, _book(tmp_path / "book.xlsx", _cell(E2 + twice)))
    lines = [line for line in got.output.splitlines() if " error: " in line]
    assert got.exit_code == 1 and len(lines) == 1, got.output
    assert phrase("sheet-cell-twice", sheet=SHEET, cell="E2").en in lines[0]


def test_a_blank_cell_past_the_last_widens_nothing(tmp_path):
    # a blank cell far to the right of the header is read and dropped: the row is as it was
    book = _book(tmp_path / "book.xlsx", _cell(E2 + '<c r="XFD2" s="0"/>'))
    with (Path(__file__).parent / "data" / "score" / "individuals_2554.csv").open(encoding="utf-8") as f:
        width = len(next(csv.reader(f)))
    assert len(_janya_row(book)) == width


def test_an_error_cell_without_its_error_says_it_holds_nothing(tmp_path):
    # `<c t="e"/>`, as a damaged or hand-made sheet may hold: told J007 with the value "None"
    book = _book(tmp_path / "book.xlsx", _cell('<c r="E2" t="e"/>'))
    for lang in ("en", "th"):
        got = CliRunner().invoke(main, ["score", RULES_2554, "--results", str(book), "--lang", lang])
        lines = [line for line in got.output.splitlines() if " error: " in line]
        assert got.exit_code == 1 and len(lines) == 1 and f"{SHEET}!E2: J007 error: " in lines[0], got.output
        assert "None" not in lines[0] and "``" not in lines[0], lines[0]
        assert phrase("spreadsheet-error-empty").en in lines[0] if lang == "en" else \
            phrase("spreadsheet-error-empty").th in lines[0]
    # an error's value is still told as it is
    book = _book(tmp_path / "error.xlsx", _cell('<c r="E2" t="e"><v>#DIV/0!</v></c>'))
    got = CliRunner().invoke(main, ["score", RULES_2554, "--results", str(book), "--lang", "en"])
    assert "E2: J007 error: " in got.output and "`#DIV/0!`" in got.output, got.output


def test_blank_cells_leave_nothing_to_read_in_the_row_they_end():
    # the parser gives each cell's column, and a value only for a cell that holds one
    import io

    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    xml = (f'<worksheet xmlns="{main_ns}"><sheetData><row r="3"><c r="B3" s="2"/><c r="C3"><v>7</v></c>'
           '<c r="D3" t="s"/></row><row r="4"><c r="B4"/><c s="1"/><c><v>8</v></c></row></sheetData></worksheet>')
    parser = read.SheetParser(io.BytesIO(xml.encode()), [], data_only=True)
    # a cell without its place is the one after the last (openpyxl's count), blank or not
    assert list(parser.parse()) == [(3, [2, 3, 4], [(3, 7)]), (4, [2, 3, 4], [(4, 8)])]
