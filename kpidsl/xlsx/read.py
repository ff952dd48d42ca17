"""Reading a filled results-entry workbook back as the rows a results CSV holds.

Each sheet's entry table starts at its machine row: the first row whose first cell is
``agreement`` (kpidsl/xlsx/write.py hides it under the Thai headers); a sheet without
one whose header names a column of indicators (a table kept one row per indicator,
kpidsl/results_layout.py) is passed on for the results reader to say which layout it
expects. The rows below are read as CSV rows: blank cells as blank, numbers as the
shortest text of the number, dates as 2011-11-03, text as typed (Thai digits stay for
the CSV reader to read). Formulas are read as the values the spreadsheet saved with
them; one saved without its value, and an error value (#DIV/0!), come as Cell for the
caller to tell (kpidsl/xlsx/results.py). Merged ranges give every cell they cover their
value. A sheet without a table is reported (J004) unless it is the guide, hidden (a
helper sheet) or empty; a workbook whose sheets are all empty is (J008). Rows are
streamed by openpyxl's sheet parser, memory flat in rows. Rows where nothing but the
agreement, person and round is filled are left out: not filled in yet. Text, and a sheet's
name, is read as the spreadsheet shows it: ST_Xstring's ``_xHHHH_`` escapes decoded
(kpidsl/xlsx/xstring.py), which openpyxl leaves in an inline string; the shared strings are
read by kpidsl/xlsx/shared_strings.py, not by openpyxl (:class:`_WorkbookReader`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import warnings
import weakref
import zipfile
import zlib
from xml.etree import ElementTree
from xml.etree.ElementTree import XMLPullParser
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Iterator, TextIO

import attrs
from openpyxl.packaging.relationship import get_dependents, get_rels_path
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.xml.constants import SHARED_STRINGS
from openpyxl.worksheet._reader import FORMULA_TAG, ROW_TAG, VALUE_TAG, WorkSheetParser

from ..diagnostics.model import Diagnostic
from ..bilingual import Bi
from ..diagnostics.phrases import phrase
from ..diagnostics.registry import CODES
from ..diagnostics.span import SHEET_MARK, Span
from ..outputs.cells import CsvRows, formula_like
from ..regular_file import NotRegular, open_results
from ..results_unreadable import cannot_read
from ..results_layout import long_layout_column
from ..source import display_path
from ..source import reason as os_reason
from .shared_strings import read_strings
from .write import GUIDE_SHEET, MACHINE_MARK
from .xml_guard import MAX_DEPTH, MAX_HELD, TOO_DEEP, TOO_MANY, Guarded, Refused, check, refusal
from .xstring import unescaped

# openpyxl warns on stderr, in English, of what it reads in its own way (a cell styled as a
# date whose serial is no date it reads as #VALUE!, told at the cell as J007): what kpidsl
# says of a workbook is its diagnostics, so openpyxl's warnings are not shown.
warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\.")


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
        # as the spreadsheet shows it: not a number (never 1 or 0), but a step's done mark
        return "TRUE" if value else "FALSE"
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
# (a zip bomb) before any of it is read. A sheet is read at some 0.2 s of CPU a MB at most,
# whatever its cells hold (benchmarks/bench_workbook_hostile.py: 100 MB of filled rows 22 s,
# of blank cells 19 s, some 40% less since they are only placed: benchmarks/bench_workbook_blank.py),
# so the limit is what the largest real workbook needs, and a hostile one
# costs no more than it: one row per evaluation, 10,000 filled rows of janya_2554_r1 (15
# columns) unpack to 5.4 MB as openpyxl writes them, 7.0 MB saved by LibreOffice, so 256 MB
# holds 400,000 evaluations (benchmarks/bench_sql.py's size). 1 GB would take some 200 s.
MAX_UNPACKED = 256 << 20
# openpyxl reads every part of a workbook but its sheets whole, into objects many times
# their size (a shared-strings part of 32 MB of one-letter strings takes 230 MB and 12
# seconds): those parts may unpack to this much in all. A workbook of 100,000 filled rows
# typed in Excel holds some 15 MB of them.
MAX_READ_WHOLE = 64 << 20
# The shared strings (every text a workbook saved by Excel or LibreOffice holds, each once)
# may unpack to this much: a workbook is refused past it from the zip's list, before any of
# it is unpacked. 10,000 filled rows saved by LibreOffice hold 905 kB (90 bytes a row, each
# person's name its own string), so the 400,000 evaluations MAX_UNPACKED's sheet holds need
# some 36 MB: the two limits agree. Read, a part of 15 MB of empty strings (the dearest)
# takes 4.2 s of CPU and 55 MB (kpidsl/xlsx/shared_strings.py), so 40 MB some 11 s.
MAX_SHARED_STRINGS = 40 << 20
# The tags (start, end and empty ones) a part read whole other than the shared strings may hold:
# openpyxl makes an object of each, many times its size (a styles part of 121 kB packed,
# a million cell formats, took 736 MB and 48 s). Excel keeps at most 64,000 cell formats; a
# styles part of a workbook typed in Excel holds some thousands of tags, its list of parts
# and relationships one or two for each of its parts.
MAX_TAGS_WHOLE = 500_000
# The parts that are sheets (streamed, so bounded by MAX_UNPACKED alone), as the
# workbook's list of parts names them.
_CONTENT_TYPES = "[Content_Types].xml"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
# How an .xlsx's parts are packed (stored or deflated: the Open Packaging Conventions allow no
# other). Python unpacks a part packed with bzip2 or LZMA a whole block at a time, unbounded
# by what is read (a part of 2 kB in bzip2 took 1.8 GB); such a workbook is refused.
_PACKINGS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
# The flag of a zip entry that is encrypted (a workbook with a password is an OLE file instead).
_ENCRYPTED = 0x1
# A sheet's merged ranges are kept in memory while its rows are read: more than this many
# (a table has a few, a sheet made to exhaust memory millions) are refused.
MAX_MERGES = 100_000
# The columns a spreadsheet has (A to XFD): a merged range is read no further.
LAST_COLUMN = 16_384
# The machine row is near the top of a sheet kpidsl made: a sheet is not read to its end
# (up to 1,048,576 rows) to find one.
MAX_HEADER_SEARCH = 200


# The last row a spreadsheet has: a sheet that reaches it was most likely cut there when
# it was made (an export or a paste of more rows than fit), so it is refused (J009).
LAST_ROW = 1_048_576
# What a cell holds when its text is not the value: a formula saved without its value, or
# an error value the spreadsheet computed (#DIV/0!).
NO_VALUE, ERROR_VALUE = "formula", "e"


@attrs.frozen
class Cell:
    """A cell kpidsl cannot take as a value: ``kind`` is NO_VALUE or ERROR_VALUE."""

    kind: str
    text: str


# What openpyxl's parsers raise on a part that is not what its name says (a broken tag, a
# column past XFD, text in a number cell, a shared string that is not there, a deflate
# stream that is damaged): the workbook is damaged there. An XML parser's error is a
# SyntaxError, the standard library's and lxml's alike.
DAMAGE = (ValueError, TypeError, IndexError, KeyError, OverflowError, SyntaxError, EOFError, zlib.error,
          zipfile.BadZipFile)


class Damaged(Exception):
    """A sheet that cannot be read on from ``row`` (None: its merged ranges cannot be read),
    that has more than MAX_MERGES merged ranges (``too_many_merges``), whose XML is no
    spreadsheet's (``refused``: why, kpidsl/xlsx/xml_guard.py), that gives a cell twice
    (``twice``: the cell), or whose row ``row`` comes after row ``after`` or past LAST_ROW."""

    def __init__(self, row: int | None, too_many_merges: bool = False, refused: str | None = None,
                 twice: str | None = None, after: int | None = None) -> None:
        super().__init__(row)
        self.row = row
        self.too_many_merges = too_many_merges
        self.refused = refused
        self.twice = twice
        self.after = after


def damaged(shown: str, sheet: str, e: Damaged) -> Diagnostic:
    """J003 at the row of sheet ``sheet`` where reading it stopped (at the sheet when that
    is not a row)."""
    where = f"{shown}{SHEET_MARK}{sheet}"
    if e.too_many_merges:
        reason = phrase("sheet-too-many-merges", sheet=sheet, allowed=f"{MAX_MERGES:,}")
    elif e.refused is not None:
        reason = (phrase("sheet-refused", sheet=sheet, why=refusal(e.refused)) if e.row is None else
                  phrase("sheet-refused-at-row", sheet=sheet, row=f"{e.row:,}", why=refusal(e.refused)))
    elif e.twice is not None:
        reason = phrase("sheet-cell-twice", sheet=sheet, cell=e.twice)
    elif e.after is not None and e.row is not None:
        reason = (phrase("sheet-row-past-last", sheet=sheet, row=f"{e.row:,}", last=f"{LAST_ROW:,}")
                  if e.row > LAST_ROW else
                  phrase("sheet-row-out-of-order", sheet=sheet, row=f"{e.row:,}", after=f"{e.after:,}"))
    elif e.row is None:
        reason = phrase("sheet-merges-damaged", sheet=sheet)
    else:
        reason = phrase("sheet-damaged-at-row", sheet=sheet, row=f"{e.row:,}")
    span = Span.whole_file(where) if e.row is None else Span(f"{where}!A{e.row}", e.row, 1, e.row, 2)
    return CODES["J003"].at(span, path=shown, reason=reason)


class SheetParser(WorkSheetParser):
    """openpyxl's streaming sheet parser, telling a formula saved without its value (read
    as blank otherwise) and an error value (read as its text otherwise) from a value, and
    reading text written in the cell itself (an inline string, a formula's text value) as
    the spreadsheet shows it (a shared string is, in the table it is given)."""

    def parse_cell(self, element):
        if element.get("t") == "s" and element.findtext(VALUE_TAG, "").strip().startswith("-"):
            # openpyxl takes shared string -1 as Python does, the last one: a figure silently
            raise IndexError("a negative shared string index")
        cell = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cell["value"] = Cell(NO_VALUE, "")
        elif cell["data_type"] == ERROR_VALUE:
            # an error cell without its error (`<c t="e"/>`) holds nothing: told as such (J007)
            cell["value"] = Cell(ERROR_VALUE, "" if cell["value"] is None else str(cell["value"]))
        elif type(cell["value"]) is str and element.get("t") in _TEXT_IN_CELL:
            cell["value"] = unescaped(cell["value"])
        return cell

    def parse_row(self, row):
        """(row number, the column of each of its cells, (column, value) of each cell that holds
        something): openpyxl's, without keeping each row's height and style (``row_dimensions``,
        never read here: a dict a row, 300 bytes each, for a million rows), and with a cell
        that holds nothing only placed (:meth:`blank_column`)."""
        r = row.get("r")
        if r is None:
            self.row_counter += 1
        else:
            try:
                self.row_counter = int(r)
            except ValueError:
                value = float(r)
                if not value.is_integer():
                    raise ValueError(f"{r} is not a valid row number") from None
                self.row_counter = int(value)
        self.col_counter = 0
        columns: list[int] = []
        cells: list[tuple[int, object]] = []
        for element in row:
            if len(element) or element.get("t") == ERROR_VALUE:
                cell = self.parse_cell(element)
                columns.append(cell["column"])
                cells.append((cell["column"], cell["value"]))
            else:
                columns.append(self.blank_column(element))
        return self.row_counter, columns, cells

    def blank_column(self, element) -> int:
        """The column of a cell without a child (``<c r="F9" s="3"/>``, a cell formatted and left
        empty, as Excel and LibreOffice write every such cell of a sheet filled in part), which
        reads as None whatever its type (but an error's, read by :meth:`parse_cell`): only its
        place and style are read, and refused as openpyxl's ``parse_cell`` refuses them. The
        column of a coordinate such as ``F9`` is looked up by its letters: openpyxl's parsing
        of each took a quarter of the time such a sheet is read in
        (benchmarks/bench_workbook_blank.py)."""
        style = element.get("s")
        if style:
            int(style)  # as openpyxl reads it: a style that is not a number is damage
        coordinate = element.get("r")
        if not coordinate:
            self.col_counter += 1
            return self.col_counter
        letters = coordinate.rstrip(_DIGITS)
        column = _COLUMNS.get(letters)
        if column is None or len(letters) == len(coordinate):
            column = coordinate_to_tuple(coordinate)[1]  # anything else, read (or refused) as openpyxl reads it
            if len(letters) <= 3 and letters.isascii() and letters.isalpha() and letters.isupper():
                _COLUMNS[letters] = column
        self.col_counter = column
        return column

    def parse(self):
        """(row number, cells) of each row, one at a time. Only rows are read."""
        for element in ended(self.source, ROW_TAG):
            yield self.parse_row(element)


_DIGITS = "0123456789"
# The column of each column's letters met in a cell's coordinate (A to ZZZ, as openpyxl reads
# them: 18,278 at most), filled as they are met.
_COLUMNS: dict[str, int] = {}


def ended(source, tag: str | None = None) -> Iterator:
    """Each element of the sheet XML ``source`` as it ends (each of tag ``tag`` alone, when
    given), read through the guard (kpidsl/xlsx/xml_guard.py), memory flat: openpyxl's own
    loop leaves each row read, emptied, in the tree (some 400 bytes a row: 400 MB for a full
    sheet), and whatever else the sheet holds, after its rows or among them, stays there too;
    here an element is dropped from the tree once it has ended and been looked at, if its
    parent is the root or a child of the root (sheetData, mergeCells). Elements nested deeper
    than MAX_DEPTH, or more than MAX_HELD of them held at once, raise Refused.

    ElementTree's iterparse loop, without its generator: it is read in the same chunks, and its
    events taken in the same order, so a part refused or damaged stops at the same row; each
    element of a sheet (a cell, its value) passed through two generators fewer
    (benchmarks/bench_workbook_blank.py)."""
    open_: list = []
    held = 0
    parser = XMLPullParser(events=("start", "end"))
    guarded = Guarded(source)
    data = b"-"
    while data:
        data = guarded.read(_FEED)
        if data:
            parser.feed(data)
        else:
            parser.close()
        for event, element in parser.read_events():
            if event == "start":
                open_.append(element)
                depth = len(open_)
                if depth > 2:
                    held += 1
                    if held > MAX_HELD:
                        raise Refused(TOO_MANY)
                    if depth > MAX_DEPTH:
                        raise Refused(TOO_DEEP)
                continue
            open_.pop()
            if tag is None or element.tag == tag:
                yield element
            if 0 < len(open_) <= 2:
                open_[-1].clear()
                held = 0


# What ElementTree's iterparse reads of a part at a time: a part the guard refuses is read as
# far as iterparse read it.
_FEED = 16 * 1024


# The cell types whose text is in the cell's own XML (``s``: an index of the shared strings).
_TEXT_IN_CELL = frozenset({"inlineStr", "str"})

_MERGE_MARK = b"mergeCell"
_MERGE_TAG = "mergeCell"


def _merges(ws) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of each merged range of a sheet. They are
    written after the cells, so the sheet is read for them first: a covered cell reads as
    blank, and it is given its range's value. Only a sheet whose bytes name a merged cell
    is parsed for them (kpidsl's own workbooks have none): parsed, not searched, so that
    what a comment or a cell's text holds is not taken for a range."""
    from openpyxl.utils.cell import range_boundaries

    found: set[tuple[int, int, int, int]] = set()
    try:
        with ws._get_source() as src:
            tail = b""
            while chunk := src.read(1 << 16):
                if _MERGE_MARK in tail + chunk:
                    break
                tail = chunk[-len(_MERGE_MARK):]  # a mark cut by the chunk's end is found whole next time
            else:
                return []
        with ws._get_source() as src:
            for element in ended(src):
                tag = element.tag
                if tag == _MERGE_TAG or tag.endswith("}" + _MERGE_TAG):
                    found.add(range_boundaries(element.get("ref", "")))
                    if len(found) > MAX_MERGES:
                        raise Damaged(None, too_many_merges=True)
    except Refused as e:
        raise Damaged(None, refused=e.reason) from None
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise Damaged(1) from None  # the part's bytes (a checksum that fails): not its merged cells
    except DAMAGE:
        raise Damaged(None) from None
    return sorted(found, key=lambda b: (b[1], b[0]))


def sheet_values(ws, width: int = LAST_COLUMN) -> Iterator[tuple[int, list]]:
    """(row number, its values from column A on: None for blank, Cell for no value) of each
    row of ``ws`` that has cells, in order, one at a time; merged ranges give every cell
    they cover, up to column ``width``, their first cell's value. A sheet that cannot be read
    raises Damaged (after the rows before its damage)."""
    merges = [b for b in _merges(ws) if b[0] <= width]
    pending = merges[::-1]  # by first row, the next one last
    active: list[tuple[tuple[int, int, int, int], object]] = []
    parent = ws.parent
    number = 0
    with ws._get_source() as src:
        parser = SheetParser(src, ws._shared_strings, data_only=True, epoch=parent.epoch,
                         date_formats=parent._date_formats, timedelta_formats=parent._timedelta_formats)
        rows = parser.parse()
        while True:
            try:
                row = next(rows, None)
            except Refused as e:
                raise Damaged(number + 1, refused=e.reason) from None
            except DAMAGE:
                raise Damaged(number + 1) from None
            if row is None:
                return
            previous, (number, columns, cells) = number, row
            # rows come in order, each once (ECMA-376 Part 1, 18.3.1.73), up to the last: a
            # sheet holds a million of them at most, whatever its size
            if number <= previous or number > LAST_ROW:
                raise Damaged(number, after=previous)
            # cells out of their order are read at their columns; one given twice, no spreadsheet
            # writes (its last value was taken, silently)
            values: list = [None] * (max(columns) if columns else 0)
            if len(set(columns)) < len(columns):
                from openpyxl.utils import get_column_letter

                twice = next(c for i, c in enumerate(columns) if c in columns[:i])
                raise Damaged(number, twice=f"{get_column_letter(twice)}{number}")
            for column, value in cells:
                values[column - 1] = value
            if merges:
                active = [(b, v) for b, v in active if b[3] >= number]
                while pending and pending[-1][1] <= number:
                    b = pending.pop()
                    if b[3] >= number:
                        first = values[b[0] - 1] if b[1] == number and b[0] <= len(values) else None
                        active.append((b, first))
                covered = 0
                for (c0, r0, c1, _), value in active:
                    c1 = min(c1, width)
                    covered += c1 - c0 + 1
                    if covered > width:  # ranges that overlap (no spreadsheet writes them): each row would cost their sum
                        raise Damaged(number)
                    if len(values) < c1:
                        values += [None] * (c1 - len(values))
                    for c in range(c0, c1 + 1):
                        if (number, c) != (r0, c0):
                            values[c - 1] = value
            yield number, values


@attrs.frozen
class Table:
    """A sheet's entry table before its rows are read: ``rows()`` streams them."""

    sheet: str
    header: tuple[str, ...]
    header_row: int
    worksheet: object = attrs.field(eq=False, repr=False)

    def values(self) -> Iterator[tuple[int, list]]:
        """(row number, values) of each row below the header with anything typed in it: a
        row with nothing but the agreement, person and round is not filled in yet. Raises
        Damaged where the sheet cannot be read on."""
        width = len(self.header)
        typed = [i for i, h in enumerate(self.header) if h not in _PREFILLED]
        for number, values in sheet_values(self.worksheet, width):
            if number <= self.header_row or not values:  # a row without cells: not filled
                continue
            if len(values) < width:
                values += [None] * (width - len(values))
            if any(values[i] is not None and (type(values[i]) is not str or values[i].strip()) for i in typed):
                yield number, values[:width] if len(values) > width else values

    def rows(self) -> Iterator[tuple[int, tuple[str, ...]]]:
        """(row number, cells as text) of each filled entry row, in order, one at a time."""
        for number, values in self.values():
            yield number, tuple(v.text if type(v) is Cell else cell_text(v) for v in values)


def _unreadable(f, path: Path, shown: str) -> Diagnostic | None:
    """Why ``path``, open as ``f``, is not a workbook to open, before openpyxl opens it."""
    reason: Bi
    try:
        magic = f.read(8)
        if magic == OLE_MAGIC:
            reason = _OLE_REASONS[path.suffix.lower() == ".xls"]
        else:
            f.seek(0)
            with zipfile.ZipFile(f) as z:
                unpacked = sum(info.file_size for info in z.infolist())
                packed_otherwise = next((i for i in z.infolist() if i.compress_type not in _PACKINGS), None)
                encrypted = next((i for i in z.infolist() if i.flag_bits & _ENCRYPTED), None)
                names: set[str] = set()
                twice = next((i for i in z.infolist() if i.filename in names or names.add(i.filename)), None)
                if packed_otherwise is not None:
                    reason = phrase("part-packed-otherwise", part=packed_otherwise.filename)
                elif encrypted is not None:  # zipfile raised a RuntimeError of its own: an internal error
                    reason = phrase("part-encrypted", part=encrypted.filename)
                elif twice is not None:  # zipfile reads the last of them, a spreadsheet not
                    reason = phrase("part-twice", part=twice.filename)
                elif unpacked > MAX_UNPACKED:
                    reason = phrase("workbook-unpacks-too-large", unpacked=f"{unpacked:,}",
                                    allowed=f"{MAX_UNPACKED:,}")
                else:
                    reason = _read_whole_too_large(z)
            if reason is None:
                return None
    except zipfile.BadZipFile:
        reason = phrase("not-a-zip")
    except OSError as e:
        reason = os_reason(e)
    return CODES["J003"].at(Span.whole_file(shown), path=shown, reason=reason)


def _read_whole_too_large(z: zipfile.ZipFile) -> Bi | None:
    """Why the XML parts of ``z`` that openpyxl reads whole (all but its sheets) would take
    too much memory, or None."""
    infos = z.infolist()
    sheets: set[str] = set()
    root_types = None
    listed = next((i for i in infos if i.filename == _CONTENT_TYPES), None)
    if listed is not None and listed.file_size <= MAX_READ_WHOLE:
        try:
            with z.open(listed) as raw:
                tags = check(raw)
            if tags > MAX_TAGS_WHOLE:  # before it is parsed for the sheets' names
                return phrase("part-too-many-tags", part=listed.filename, tags=f"{tags:,}",
                              allowed=f"{MAX_TAGS_WHOLE:,}")
            root = ElementTree.fromstring(z.read(listed))
        except Refused as e:
            return phrase("part-refused", part=listed.filename, why=refusal(e.reason))
        except DAMAGE:
            return None  # openpyxl says what is wrong with it
        sheets = {e.get("PartName", "").lstrip("/") for e in root if e.get("ContentType") == _SHEET_TYPE}
        root_types = root
    # the shared strings are read by the type the list gives them, whatever their name
    strings = _part_named(root_types, _SHARED_STRINGS_TYPE)
    whole = [i for i in infos if (i.filename.endswith((".xml", ".rels")) or i.filename == strings)
             and i.filename not in sheets]
    total = sum(i.file_size for i in whole)
    if total > MAX_READ_WHOLE:
        largest = max(whole, key=lambda i: i.file_size)
        return phrase("workbook-parts-too-large", part=largest.filename, unpacked=f"{total:,}",
                      allowed=f"{MAX_READ_WHOLE:,}")
    too_large = next((i for i in whole if i.filename == strings and i.file_size > MAX_SHARED_STRINGS), None)
    if too_large is not None:  # told by the zip's list (zipfile unpacks no more than it says)
        return phrase("shared-strings-too-large", part=strings, unpacked=f"{too_large.file_size:,}",
                      allowed=f"{MAX_SHARED_STRINGS:,}")
    # read through the guard before openpyxl parses them (where a long tag costs quadratic
    # time): what no spreadsheet writes is refused
    for info in whole:
        try:
            with z.open(info) as raw:
                tags = check(raw)
        except Refused as e:
            return phrase("part-refused", part=info.filename, why=refusal(e.reason))
        except DAMAGE:
            return None  # openpyxl says what is wrong with it
        if tags > MAX_TAGS_WHOLE and info.filename != strings:
            return phrase("part-too-many-tags", part=info.filename, tags=f"{tags:,}", allowed=f"{MAX_TAGS_WHOLE:,}")
    return None


def _part_named(root, content_type: str) -> str | None:
    """The part the list of parts ``root`` (None: not read) gives ``content_type``."""
    if root is None:
        return None
    return next((e.get("PartName", "").lstrip("/") for e in root if e.get("ContentType") == content_type), None)


_SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
# Both an old .xls and a password-protected (encrypted) .xlsx are OLE compound files.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_REASONS = {True: phrase("old-xls"), False: phrase("encrypted-workbook")}


class _SheetUnsized(ReadOnlyWorksheet):
    """openpyxl's read-only sheet, its size never read (ReadOnlyWorksheet._get_size, called as
    it is made): a sheet without a ``<dimension>`` openpyxl parses to the end of its rows as
    the workbook opens, not through the guard (kpidsl/xlsx/xml_guard.py), every row kept in
    the tree (a 1 MB workbook with a comment of 900 MB among its rows took a day). kpidsl
    never asks a sheet its size."""

    def _get_size(self) -> None:
        return None


class _WorkbookReader(ExcelReader):
    """openpyxl's reader of a workbook (what ``load_workbook(path, read_only=True,
    data_only=True)`` runs), reading neither of two things it would, and telling a third:

    - each sheet's size (:class:`_SheetUnsized`);
    - the shared strings, which it reads four times slower than kpidsl/xlsx/shared_strings.py
      does, and wrongly where an escape is: they are read there instead, once;
    - ``missing``: (sheet, its part) of each sheet whose part the zip does not hold (a target
      out of it, `../../x.xml`, a file outside, a part missing), which openpyxl passes over
      without a word.

    Its own methods, never openpyxl's changed: two workbooks may open at once, from two
    threads (tests/test_workbook_open_at_once.py). ``read_worksheets`` is openpyxl 3.1's
    (openpyxl/reader/excel.py) for a read-only workbook, but for the sheets it tells and the
    sheet it makes."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, read_only=True, data_only=True)
        self.missing: list[tuple[str, str]] = []

    def read_strings(self) -> None:
        listed = self.package.find(SHARED_STRINGS)
        if listed is not None:
            with self.archive.open(listed.PartName[1:]) as src:
                self.shared_strings = read_strings(src)

    def read_worksheets(self) -> None:
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files:
                self.missing.append((sheet.name, rel.target))
                continue
            if "chartsheet" in rel.Type:
                self.read_chartsheet(sheet, rel)
                continue
            rels_path = get_rels_path(rel.target)
            if rels_path in self.valid_files:
                get_dependents(self.archive, rels_path)  # read as openpyxl reads it: a damaged one is damage
            ws = _SheetUnsized(self.wb, sheet.name, rel.target, self.shared_strings)
            ws.sheet_state = sheet.state
            self.wb._sheets.append(ws)


def _opened(f, path: Path) -> tuple[object, list[tuple[str, str]]]:
    """The workbook ``path``, open as ``f``, opened read-only (its values, not formulas), and
    its sheets whose part it does not hold (:class:`_WorkbookReader`). Closing the workbook
    closes ``f``: openpyxl's zip of a file it was handed leaves the file open."""
    from openpyxl.reader.excel import SUPPORTED_FORMATS
    from openpyxl.utils.exceptions import InvalidFileException

    if path.suffix.lower() not in SUPPORTED_FORMATS:  # as openpyxl tells a name it would open itself
        raise InvalidFileException(path.suffix)
    f.seek(0)
    reader = _WorkbookReader(f)
    try:
        reader.read()
    except BaseException:
        with contextlib.suppress(Exception):
            reader.archive.close()
        raise
    wb, close = reader.wb, reader.wb.close

    def closed() -> None:
        try:
            close()
        finally:
            f.close()

    wb.close = closed  # this workbook's alone: openpyxl's Workbook is never changed
    # a workbook let go unclosed closes its file as openpyxl's zip of a name would, quietly
    weakref.finalize(wb, f.close)
    return wb, reader.missing


def open_tables(path: Path, folder: Path | None = None) -> tuple[object | None, list[Table], list[Diagnostic]]:
    """The open workbook (close it when done), the entry table of each sheet, and the
    problems: a file that is not a workbook (J003), a sheet without a table (J004), a
    workbook whose sheets are all empty (J008). A hidden sheet without a table is a
    helper sheet and is passed over, as is an empty sheet when another has a table.
    The file is opened once, and read from that opening alone: ``folder``, the results
    folder named, ``path`` an entry of it, opened beneath it (kpidsl/regular_file.py
    open_results)."""
    from openpyxl.utils.exceptions import InvalidFileException

    shown = display_path(path)
    try:
        f = open_results(path, folder)  # a FIFO is not waited on
    except (OSError, NotRegular) as e:  # trouble with the file, not a workbook's: as a CSV's (exit 2)
        return None, [], [cannot_read(shown, e)]
    found = _unreadable(f, path, shown)
    if found is not None:
        f.close()
        return None, [], [found]
    reason: Bi | None = None
    try:
        wb, missing = _opened(f, path)
    except InvalidFileException:
        reason = phrase("only-xlsx")
    except zipfile.BadZipFile:
        reason = phrase("not-a-zip")
    except KeyError:  # a part the workbook needs is not in the zip ([Content_Types].xml)
        reason = phrase("zip-without-workbook")
    except OSError as e:
        # openpyxl's own OSError (no errno) says, in English, that no part is a workbook
        reason = os_reason(e) if e.errno is not None else phrase("zip-without-workbook")
    except DAMAGE:  # a part that is not what its name says (a dimension of `garbage`)
        reason = phrase("workbook-damaged")
    except BaseException:
        f.close()
        raise
    if reason is not None:
        f.close()
        return None, [], [CODES["J003"].at(Span.whole_file(shown), path=shown, reason=reason)]
    if missing:  # told, not passed over (then told as a workbook of empty sheets, J008)
        sheet, part = unescaped(missing[0][0]), missing[0][1]
        reason = phrase("sheet-part-not-in-workbook", sheet=sheet, part=part)
        return wb, [], [CODES["J003"].at(Span.whole_file(f"{shown}{SHEET_MARK}{sheet}"), path=shown, reason=reason)]
    tables: list[Table] = []
    diags: list[Diagnostic] = []
    empty: list[str] = []
    # the sheet each part of the workbook is read for: no spreadsheet reads two sheets from
    # one part, and a workbook of 15 kB whose 2,000 sheets all name one part was read 2,000 times
    parts: dict[object, str] = {}
    for ws in wb.worksheets:
        title = unescaped(ws.title)  # as the spreadsheet shows it
        part = getattr(ws, "_worksheet_path", ws.title)  # openpyxl's name of the part (a read-only sheet's)
        if part in parts:
            reason = phrase("sheets-share-a-part", sheet=title, first=parts[part])
            return wb, [], [CODES["J003"].at(Span.whole_file(f"{shown}{SHEET_MARK}{title}"), path=shown,
                                             reason=reason)]
        parts[part] = title
        try:
            table, filled = _table(ws, title)
        except Damaged as e:
            diags.append(damaged(shown, title, e))
            continue
        if table is not None:
            tables.append(table)
        elif not filled:
            empty.append(title)
        elif title != GUIDE_SHEET and getattr(ws, "sheet_state", "visible") == "visible":
            diags.append(CODES["J004"].at(Span.whole_file(f"{shown}{SHEET_MARK}{title}"), sheet=title))
    if not tables and not diags:
        sheet = empty[0] if empty else ""
        diags.append(CODES["J008"].at(Span.whole_file(f"{shown}{SHEET_MARK}{sheet}" if sheet else shown),
                                      sheet=sheet))
    return wb, tables, diags


def _table(ws, title: str) -> tuple[Table | None, bool]:
    """The entry table of sheet ``title``, if it has one, and whether it has anything in it at
    all. A row of headers naming a column of indicators (a table kept one row per indicator)
    is taken when there is no machine row, for the reader to say which layout it expects."""
    filled = False
    long_layout: Table | None = None
    for number, values in sheet_values(ws):
        if number > MAX_HEADER_SEARCH:
            filled = True  # rows further down: not an empty sheet
            break
        texts = [v.text if type(v) is Cell else cell_text(v).strip() for v in values]
        filled = filled or any(texts)
        width = len(texts)
        while width and texts[width - 1] == "":
            width -= 1
        # the machine row, its mark holding a NUL too (told at the cell, kpidsl/xlsx/results.py)
        if texts and texts[0].replace("\x00", "") == MACHINE_MARK:
            return Table(title, tuple(texts[:width]), number, ws), True
        if long_layout is None and long_layout_column(texts) is not None:
            long_layout = Table(title, tuple(texts[:width]), number, ws)
    return long_layout, filled


def read_workbook(path: Path) -> tuple[list[SheetRows], list[Diagnostic]]:
    """Every sheet's entry table with its rows, in memory (a workbook a person filled in);
    ``write_csv`` streams a big one."""
    wb, tables, diags = open_tables(path)
    sheets: list[SheetRows] = []
    try:
        for t in tables:
            try:
                sheets.append(SheetRows(t.sheet, t.header, t.header_row, tuple(t.rows())))
            except Damaged as e:
                diags.append(damaged(display_path(path), t.sheet, e))
        return sheets, diags
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
        writer = CsvRows(out)  # a cell holding a CR quoted (kpidsl/outputs/cells.py)
        writer.writerow(header)
        for t in tables:
            where = [header.index(h) for h in t.header]
            blank = [""] * len(header)
            try:
                for _, cells in t.rows():
                    row = blank.copy()
                    for i, cell in zip(where, cells):
                        row[i] = cell
                    writer.writerow(row)
            except Damaged as e:  # the rows before it are written: the caller discards them
                return [damaged(display_path(path), t.sheet, e)]
        return []
    finally:
        wb.close()


def as_csv(sheets: list[SheetRows]) -> str:
    """The entry rows of ``sheets`` as one results CSV: the union of their headers, each
    row with blanks where its sheet has no column."""
    header = union_header(s.header for s in sheets)
    out = io.StringIO()
    writer = CsvRows(out)
    writer.writerow(header)
    for s in sheets:
        for row in s.dicts():
            writer.writerow([row.get(h, "") for h in header])
    return out.getvalue()
