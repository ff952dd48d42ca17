"""A worksheet's XML (SpreadsheetML) written by kpidsl itself, a row at a time, for the big
sheets of `score --format xlsx` (kpidsl/xlsx/scores.py).

openpyxl's write-only cells cost 2.5 ms of CPU an evaluation of benchmarks/bench_score.py's
rule set (its style resolved, a Font hashed, and an XML element made for every cell of 17
scores and 45 lines of explanation): here a row is one string made from precomputed pieces,
each cell's style an id of the stylesheet kpidsl writes too (:class:`Styles`): 0.15 ms, and
0.08 ms more to zip it. The XML is the one openpyxl 3.1 wrote for the same sheet: inline
strings (``t="inlineStr"``), the same sheet view, columns and page margins; numbers are
written with every digit (openpyxl wrote a Decimal through ``%.16g``).

Text is escaped for XML here (``&``, ``<``, ``>``), and for a spreadsheet: an underscore that
would open one of ST_Xstring's ``_xHHHH_`` escapes is written as ``_x005F_``, in a cell, a
sheet's name and any attribute (kpidsl/xlsx/xstring.py). A character XML 1.0 cannot hold at
all (C0 controls but tab and newline, lone surrogates, U+FFFE, U+FFFF) is written as its
visible escape, as kpidsl/outputs/terminal.py shows it, never as a file no reader can open.
Callers give text already through kpidsl/outputs/cells.py and terminal.py's ``shown``. Text
past a cell's 32,767 characters is cut there (kpidsl/xlsx/cell_limit.py), visible escapes
and all, before ``_x005F_`` is written (Excel counts what it shows), and each cell cut is
told to the sheet's ``told``."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import BinaryIO, Callable, Sequence

from ..outputs.terminal import escape
from .cell_limit import CELL_CHARS, code_units, fitted
from .xstring import escaped

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# Excel's serial day numbers count from 1899-12-30 (its 1900 date system, with the leap day
# 1900 never had: days before 1900-03-01 are one fewer).
_EPOCH = dt.date(1899, 12, 30)

# The characters XML 1.0 cannot hold (its production Char), which ``shown`` leaves alone
# only for U+FFFE and U+FFFF; kept whole here so that no caller's text makes a broken file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A figure as kpidsl/score/report.py writes it: digits, a point, more digits.
_PLAIN = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")

# Text of at most this many code points fits a cell however it is escaped (an escape is six
# characters for one): only longer text is measured.
_SHORT = CELL_CHARS // 6

# A row's height in points: one line of Sarabun 14 with the marks above and below a Thai letter.
# LibreOffice does not fit a row to its font on opening: at Excel's default 15 each row's
# figures overlapped the heading above them, on screen and on paper.
ROW_HEIGHT = 21
DRAFT_COLOUR = "AA0000"  # a draft's mark, in the sheet and in its print header: dark red

TEXT, NUMBER = "text", "number"  # what a column's cells hold: text, or a number (a Decimal, an int, a date)


def visible(text: str) -> str:
    """``text`` with each character XML 1.0 cannot hold written as its visible escape."""
    if _NOT_XML.search(text):
        text = _NOT_XML.sub(lambda m: escape(m.group(0)), text)
    return text


def xml_text(text: str) -> str:
    """``text`` as the content of an XML element that a spreadsheet reads as an ST_Xstring (a
    cell's text, a sheet's name): its ``_xHHHH_`` taken literally."""
    text = visible(text)
    if "_x" in text:  # seldom: the call saved on every other cell (benchmarks/bench_score_xlsx.py)
        text = escaped(text)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _trimmed(digits: str) -> str:
    """``80.0300`` → ``80.03``, ``1150.00`` → ``1150``: the shortest text of the same number."""
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    return digits


def number_text(value) -> str | None:
    """A cell's number as its ``<v>`` text, exactly (a Decimal's every digit, never through a
    float); None for a value that is no finite number (written as an empty cell, as openpyxl did)."""
    if isinstance(value, str):
        if _PLAIN.fullmatch(value):
            return _trimmed(value)
        value = Decimal(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return _trimmed(format(value, "f")) if value.is_finite() else None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        days = (value - _EPOCH).days
        return str(days - 1 if 0 < days <= 60 else days)
    return number_text(Decimal(str(value)))  # any other figure, as its text reads


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _width_text(width: float) -> str:
    return f"{width:g}"


class Styles:
    """The workbook's stylesheet (xl/styles.xml): a cell style for each font (Sarabun 14,
    bold or not, or bold in dark red: a draft's mark), wrapping and number format a sheet
    asks for, its id given once (:meth:`id`) and written into each cell as ``s``."""

    # Excel's built-in number formats kpidsl uses: no numFmt element for these.
    BUILT_IN = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4}

    def __init__(self, font_name: str, size: int = 14) -> None:
        self.font_name, self.size = font_name, size
        self.formats: dict[str, int] = {}  # custom format → numFmtId (164 on, as Excel numbers them)
        self.xfs: dict[tuple[bool, bool, str, bool], int] = {}  # (bold, wrap, format, red) → cell style id (0: the default)

    def id(self, bold: bool = False, wrap: bool = False, number_format: str = "General", red: bool = False) -> int:
        """``red``: bold in dark red, the colour of a draft's print header (kpidsl/xlsx/write.py _DRAFT)."""
        key = (bold, wrap, number_format, red)
        found = self.xfs.get(key)
        if found is None:
            if number_format not in self.BUILT_IN and number_format not in self.formats:
                self.formats[number_format] = 164 + len(self.formats)
            found = self.xfs[key] = len(self.xfs) + 1
        return found

    def xml(self) -> bytes:
        num_fmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{xml_attribute(code)}"/>' for code, i in self.formats.items())
        font = f'<name val="{xml_attribute(self.font_name)}"/>'
        xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
        for (bold, wrap, number_format, red), _ in sorted(self.xfs.items(), key=lambda kv: kv[1]):
            fmt = self.BUILT_IN.get(number_format, self.formats.get(number_format))
            apply = (' applyNumberFormat="1"' if fmt else "") + (' applyAlignment="1"' if wrap else "")
            xfs.append(f'<xf numFmtId="{fmt}" fontId="{3 if red else 2 if bold else 1}" fillId="0" borderId="0" xfId="0"'
                       f' applyFont="1"{apply}' + ('><alignment vertical="top" wrapText="1"/></xf>' if wrap else "/>"))
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{MAIN_NS}">'
            + (f'<numFmts count="{len(self.formats)}">{num_fmts}</numFmts>' if self.formats else "")
            + '<fonts count="4"><font><name val="Calibri"/><family val="2"/><color theme="1"/><sz val="11"/>'
            '<scheme val="minor"/></font>'
            f'<font>{font}<sz val="{self.size}"/></font><font>{font}<b val="1"/><sz val="{self.size}"/></font>'
            f'<font>{font}<b val="1"/><color rgb="FF{DRAFT_COLOUR}"/><sz val="{self.size}"/></font></fonts>'
            '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '</styleSheet>').encode("utf-8")


def xml_attribute(text: str) -> str:
    """``text`` as an XML attribute's value (between double quotes)."""
    return xml_text(text).replace('"', "&quot;")


class SheetXml:
    """One worksheet's XML written into ``out`` (a binary file: kpidsl/xlsx/sheet_storage.py
    SheetSpool) as its rows come: the top (widths, frozen panes) when made, each row at
    :meth:`append`, the end (merged cells) at :meth:`finish`."""

    def __init__(self, out: BinaryIO, widths: Sequence[float], freeze: tuple[int, int] | None = None,
                 told: Callable[[str, int, int], None] | None = None, header: str | None = None,
                 page_breaks: Sequence[int] | None = None) -> None:
        """``freeze``: (row, column) of the first cell that scrolls, as in ``D2`` (2, 4);
        ``told(cell, length, kept)``: a cell's text was cut, ``length`` characters to ``kept``;
        ``header``: a text printed in dark red at the top centre of each page (a draft's mark);
        ``page_breaks``: the columns after which a printed page ends (kpidsl/xlsx/paper.py
        breaks), None for a sheet shrunk to the page's width. Printed A4 landscape."""
        self.out = out
        self.header = header
        self.page_breaks = page_breaks
        self.told = told
        self.rows = 0
        self.letters: list[str] = []
        self.merged: list[str] = []
        cols = "".join(f'<col width="{_width_text(w)}" customWidth="1" min="{i}" max="{i}"/>'
                       for i, w in enumerate(widths, start=1))
        out.write((f'<worksheet xmlns="{MAIN_NS}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/>'
                   + ('<pageSetUpPr fitToPage="1"/>' if page_breaks is None else "<pageSetUpPr/>")
                   + f'</sheetPr><sheetViews><sheetView workbookViewId="0">{_pane(freeze)}</sheetView>'
                   f'</sheetViews><sheetFormatPr baseColWidth="8" defaultRowHeight="{ROW_HEIGHT}" customHeight="1"/>'
                   + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>").encode("utf-8"))

    def _letters(self, count: int) -> list[str]:
        while len(self.letters) < count:
            self.letters.append(column_letter(len(self.letters) + 1))
        return self.letters

    def append(self, values: Sequence, kinds: Sequence[tuple[str, int]], height: int | None = None) -> None:
        """One row: each value (None or "" for an empty cell) with its column's (TEXT or
        NUMBER, cell style id); ``height`` in points, for a text wrapped on more lines than one."""
        self.rows += 1
        r = str(self.rows)
        parts = [f'<row r="{r}" ht="{height}" customHeight="1">' if height else f'<row r="{r}">']
        add = parts.append
        for letter, value, (kind, style) in zip(self._letters(len(values)), values, kinds):
            if value is None or value == "":
                add(f'<c r="{letter}{r}" s="{style}" t="n"/>')
            elif kind is TEXT:
                if len(value) > _SHORT:
                    value = self._fitted(value, f"{letter}{r}")
                text = xml_text(value)
                space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
                add(f'<c r="{letter}{r}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>')
            else:
                figure = number_text(value)
                add(f'<c r="{letter}{r}" s="{style}" t="n"/>' if figure is None
                    else f'<c r="{letter}{r}" s="{style}" t="n"><v>{figure}</v></c>')
        add("</row>")
        self.out.write("".join(parts).encode("utf-8"))

    def lines(self, texts: Sequence[str | None], style: int) -> None:
        """A row for each of ``texts`` (text of cell style ``style``) in column A, then an
        empty row: an evaluation's explanation, some 45 rows, made as one string."""
        r = self.rows
        parts = []
        add = parts.append
        for value in texts:
            r += 1
            if not value:
                add(f'<row r="{r}"><c r="A{r}" s="{style}" t="n"/></row>')
                continue
            if len(value) > _SHORT:
                value = self._fitted(value, f"A{r}")
            space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
            add(f'<row r="{r}"><c r="A{r}" s="{style}" t="inlineStr"><is><t{space}>{xml_text(value)}</t></is></c></row>')
        r += 1
        add(f'<row r="{r}"/>')
        self.rows = r
        self.out.write("".join(parts).encode("utf-8"))

    def _fitted(self, value: str, cell: str) -> str:
        """``value`` as the cell shows it (escapes written), cut at a cell's limit and told."""
        value = visible(value)
        cut = fitted(value)
        if cut is None:
            return value
        kept, length = cut
        if self.told is not None:
            self.told(cell, length, code_units(kept))
        return kept

    def merge(self, first_row: int, first_column: int, last_row: int, last_column: int) -> None:
        self.merged.append(f"{column_letter(first_column)}{first_row}:{column_letter(last_column)}{last_row}")

    def finish(self) -> None:
        merged = "".join(f'<mergeCell ref="{m}"/>' for m in self.merged)
        self.out.write(("</sheetData>" + (f'<mergeCells count="{len(self.merged)}">{merged}</mergeCells>' if merged else "")
                        + '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
                        + _page_setup(self.page_breaks is None) + _header_footer(self.header)
                        + _column_breaks(self.page_breaks or ()) + "</worksheet>").encode("utf-8"))


def _page_setup(fit: bool) -> str:
    """A4 (paperSize 9) landscape; ``fit``: shrunk to one page across, as many down as it takes."""
    return ('<pageSetup paperSize="9" orientation="landscape"'
            + (' fitToWidth="1" fitToHeight="0"/>' if fit else "/>"))


def _column_breaks(after: Sequence[int]) -> str:
    """A page ends after each column of ``after`` (1-based, as a break's id counts)."""
    if not after:
        return ""
    breaks = "".join(f'<brk id="{c}" max="1048575" man="1"/>' for c in after)
    return f'<colBreaks count="{len(after)}" manualBreakCount="{len(after)}">{breaks}</colBreaks>'


def _header_footer(header: str | None) -> str:
    """The print header: &C the centre section, &K its colour; a & of the text itself doubled."""
    if not header:
        return ""
    return f"<headerFooter><oddHeader>{xml_text(f'&C&K{DRAFT_COLOUR}' + header.replace('&', '&&'))}</oddHeader></headerFooter>"


def _pane(freeze: tuple[int, int] | None) -> str:
    """The sheet view's frozen pane, as Excel (and openpyxl's freeze_panes) writes it."""
    if freeze is None or freeze == (1, 1):
        return '<selection activeCell="A1" sqref="A1"/>'
    row, column = freeze
    split = (f' xSplit="{column - 1}"' if column > 1 else "") + (f' ySplit="{row - 1}"' if row > 1 else "")
    top_left = f"{column_letter(column)}{row}"
    if column > 1 and row > 1:
        return (f'<pane{split} topLeftCell="{top_left}" activePane="bottomRight" state="frozen"/>'
                '<selection pane="topRight"/><selection pane="bottomLeft"/>'
                '<selection pane="bottomRight" activeCell="A1" sqref="A1"/>')
    pane = "topRight" if column > 1 else "bottomLeft"
    return (f'<pane{split} topLeftCell="{top_left}" activePane="{pane}" state="frozen"/>'
            f'<selection pane="{pane}" activeCell="A1" sqref="A1"/>')
