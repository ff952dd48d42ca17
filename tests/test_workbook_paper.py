"""The workbooks kpidsl writes, on paper: staff print them and sign them.

Session 34 printed them (LibreOffice, A4) and saw a node's title merged over its three columns
cut at the merged width (a row one line high) or at the page's edge (a page that ended inside
the node's columns), and a draft's sentence in the first row cut at the page's columns, its
end on another page. What decides the printed page is read here through openpyxl: the page's
orientation and fit, the column breaks, the merged ranges, wrapping and row heights against the
lines the text will take (Sarabun 14 at a third wider than a column's unit, as
kpidsl/xlsx/scores.py ``_width`` measures a column), not pixels."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from click.testing import CliRunner

openpyxl = pytest.importorskip("openpyxl")

from kpidsl.cli import main  # noqa: E402
from kpidsl.diagnostics.render import cell_width  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LINE = 21  # points: a line of Sarabun 14 (kpidsl/xlsx/sheet_xml.py ROW_HEIGHT)
# A4 landscape within 0.75-inch side margins, at 96 dots an inch; a column of width w (in
# digit widths of the default font, Calibri 11: 7 dots in Excel, 9.3 in LibreOffice without
# Calibri or Carlito, measured on its PDF) takes at most 9.5w + 5 dots.
PAGE_DOTS = round((297 / 25.4 - 1.5) * 96)


def _dots(width: float) -> int:
    return math.ceil(width * 9.5 + 5)


def _lines(text: str, width: float) -> int:
    """The lines ``text`` takes wrapped in a cell ``width`` wide, at the least."""
    return math.ceil((cell_width(text) * 1.3 + 2) / width)


def run(*args) -> None:
    result = CliRunner().invoke(main, [*map(str, args)])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> Path:
    """rules/2555 taken to 2556 by `kpidsl new-year`: a draft (its review lines left)."""
    out = tmp_path_factory.mktemp("draft") / "2556"
    run("new-year", ROOT / "rules" / "2555", "2556", "-o", out)
    return out


@pytest.fixture(scope="module")
def scores(draft, tmp_path_factory):
    """The draft's scores workbook, in Thai, and that of rules/2554 (a final rule set)."""
    folder = tmp_path_factory.mktemp("scores")
    results = folder / "results_2556.csv"
    results.write_text((ROOT / "examples" / "results_2555.csv").read_text(encoding="utf-8").replace("_2555", "_2556"),
                       encoding="utf-8")
    run("score", draft, "--results", results, "--format", "xlsx", "-o", folder / "draft.xlsx", "--lang", "th")
    run("score", ROOT / "rules" / "2554", "--results", ROOT / "tests" / "data" / "score" / "individuals_2554.csv",
        "--format", "xlsx", "-o", folder / "final.xlsx")
    return openpyxl.load_workbook(folder / "draft.xlsx"), openpyxl.load_workbook(folder / "final.xlsx")


def _widths(ws) -> list[float]:
    out = []
    for col in range(1, ws.max_column + 1):
        letter = openpyxl.utils.get_column_letter(col)
        dim = ws.column_dimensions.get(letter)
        out.append(dim.width if dim is not None and dim.width else 8.43)
    return out


def _pages(ws) -> list[tuple[int, int]]:
    """The printed pages' columns, (first, last), across the sheet: one page when it is fitted
    to the page's width, else split at its column breaks."""
    last = ws.max_column
    if ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage:
        assert ws.page_setup.fitToWidth in (1, "1") and ws.page_setup.fitToHeight in (0, "0")
        return [(1, last)]
    starts = [1] + sorted(b.id + 1 for b in ws.col_breaks.brk)  # a break's id: the column before it
    return [(a, b - 1) for a, b in zip(starts, starts[1:] + [last + 1])]


def _printed_whole_across(ws) -> list[tuple[int, int]]:
    """Each sheet is printed landscape, each of its pages no wider than the page (a sheet fitted
    to the width shrunk to half at the most: still legible)."""
    assert ws.page_setup.orientation == "landscape", ws.title
    widths = _widths(ws)
    pages = _pages(ws)
    for first, last in pages:
        wide = sum(_dots(w) for w in widths[first - 1:last])
        assert wide <= PAGE_DOTS * (2 if len(pages) == 1 else 1), (ws.title, first, last, wide)
    return pages


def test_each_sheet_of_the_scores_workbook_prints_whole_across_its_pages(scores):
    for book in scores:
        for ws in book.worksheets:
            _printed_whole_across(ws)


def test_a_node_title_over_its_three_columns_is_whole_on_paper(scores):
    seen = 0
    for book in scores:
        for ws in book.worksheets[1:]:
            titles = [r for r in ws.merged_cells.ranges if r.min_row == r.max_row and r.max_col - r.min_col == 2]
            if not titles:
                continue
            pages = _printed_whole_across(ws)
            widths = _widths(ws)
            for r in titles:
                # the node's three columns on one page, never split by a break
                assert any(a <= r.min_col and r.max_col <= b for a, b in pages), (ws.title, r.coord)
                cell = ws.cell(r.min_row, r.min_col)
                assert cell.alignment.wrap_text, (ws.title, r.coord)
                lines = _lines(cell.value, sum(widths[r.min_col - 1:r.max_col]))
                assert (ws.row_dimensions[r.min_row].height or 0) >= LINE * lines, (ws.title, cell.value, lines)
                seen += 1
    assert seen >= 20  # dept_example_2556's nodes and janya's and somsak's


def test_a_long_node_title_is_given_the_lines_it_takes(scores):
    """dept_example_2556's node titles (session 34: `effectiveness การประเ…` on paper): the
    longest, indicator 4's, takes five lines of its three columns (39 wide), the row 5 × 21 points."""
    ws = scores[0]["dept_example_2556"]
    longest = max((ws.cell(r.min_row, r.min_col).value for r in ws.merged_cells.ranges if r.min_row == 2), key=cell_width)
    assert longest.startswith("4 ระดับความสำเร็จของร้อยละเฉลี่ยถ่วงน้ำหนัก") and _lines(longest, 39) == 5
    assert ws.row_dimensions[2].height == LINE * 5


def test_a_drafts_sentence_is_whole_on_the_first_page_of_each_sheet(scores):
    for ws in scores[0].worksheets:
        pages = _printed_whole_across(ws)
        cell = ws["A1"]
        assert cell.value.startswith("ร่าง — ") and cell.alignment.wrap_text, ws.title
        merged = [r for r in ws.merged_cells.ranges if r.min_row == r.max_row == 1]
        last = merged[0].max_col if merged else 1
        assert last <= pages[0][1], ws.title  # on the first page, not on the one after it
        width = sum(_widths(ws)[:last])
        assert ws.row_dimensions[1].height >= LINE * _lines(cell.value, width), (ws.title, width)
    for ws in scores[1].worksheets:  # a final rule set's first row is its heading, as before
        assert not str(ws["A1"].value).startswith("ร่าง"), ws.title
        assert not any(r.min_row == 1 and r.min_col == 1 for r in ws.merged_cells.ranges), ws.title


@pytest.fixture(scope="module")
def entry(draft, tmp_path_factory):
    """The entry workbooks of the draft's department and of rules/2554's two people."""
    folder = tmp_path_factory.mktemp("entry")
    run("workbook", draft, "--agreement", "dept_example_2556", "-o", folder / "draft.xlsx")
    run("workbook", ROOT / "rules" / "2554", "--agreement", "janya_2554_r1", "--agreement", "somsak_2554_r1",
        "-o", folder / "final.xlsx")
    return openpyxl.load_workbook(folder / "draft.xlsx"), openpyxl.load_workbook(folder / "final.xlsx")


def test_each_sheet_of_the_entry_workbook_prints_whole_across_its_pages(entry):
    for book in entry:
        for ws in book.worksheets:
            if ws.sheet_state == "visible":
                _printed_whole_across(ws)


def test_the_entry_sheets_title_and_a_drafts_sentence_are_whole_on_the_first_page(entry):
    for book, rows in ((entry[0], (1, 4)), (entry[1], (1,))):
        for ws in book.worksheets[:-1]:
            pages = _printed_whole_across(ws)
            widths = _widths(ws)
            for row in rows:
                (merged,) = [r for r in ws.merged_cells.ranges if r.min_row == r.max_row == row]
                cell = ws.cell(row, merged.min_col)
                assert cell.value and cell.alignment.wrap_text, (ws.title, row)
                assert merged.max_col <= pages[0][1], (ws.title, row)
                width = sum(widths[merged.min_col - 1:merged.max_col])
                assert (ws.row_dimensions[row].height or 0) >= LINE * _lines(cell.value, width), (ws.title, row)


def test_the_guide_sheets_lines_wrap_in_its_column_each_row_as_high_as_its_lines(entry):
    ws = entry[1]["คำอธิบาย"]
    tall = 0
    for row in ws.iter_rows(min_col=1, max_col=1):
        cell = row[0]
        if cell.value:
            assert cell.alignment.wrap_text, cell.coordinate
            lines = _lines(cell.value, ws.column_dimensions["A"].width)
            assert (ws.row_dimensions[cell.row].height or LINE) >= LINE * lines, cell.coordinate
            tall += lines > 1
    assert tall >= 3  # the guide's long items (salary, milestone steps, fonts): cut at the page's edge before


def test_page_breaks_keep_a_group_on_one_page_and_split_one_wider_than_a_page():
    from kpidsl.xlsx import paper

    assert paper.PAGE_DOTS == PAGE_DOTS == 979
    assert paper.fits([50] * 4) and not paper.fits([50] * 5)  # 4 × 480 dots: two pages shrunk to one
    # who (24 + 28 + 8: 585 dots) and five nodes of 10 + 10 + 19 (386 dots): a page holds who and
    # one node (971 dots), then two nodes a page
    widths = [24, 28, 8] + [10, 10, 19] * 5
    groups = [(4 + 3 * k, 6 + 3 * k) for k in range(5)]
    assert paper.breaks(widths, groups) == [6, 12]
    assert paper.breaks(widths) == [6, 14]  # without groups: as full as it goes, the fourth node split
    # a group wider than a page (six steps of 18: 1,056 dots): its columns split as they come
    assert paper.breaks([22, 22, 22] + [18] * 6, [(4, 9)]) == [4]
    assert paper.first_page(widths, [6, 12]) == 6 and paper.first_page(widths, []) == len(widths)


def test_an_entry_sheets_rows_are_a_line_of_its_font_high(entry):
    """LibreOffice does not fit a row to its font: at its default 15 points the reference rows'
    labels (ระดับ/ขั้นที่ 1 …) overlapped each other on paper."""
    for book in entry:
        for ws in book.worksheets:
            if ws.sheet_state == "visible":
                assert (ws.sheet_format.defaultRowHeight, ws.sheet_format.customHeight) == (LINE, True), ws.title
