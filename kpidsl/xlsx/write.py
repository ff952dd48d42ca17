"""Writing the results-entry workbook with openpyxl (the optional extra `xlsx`).

Each agreement has a sheet: a title block, the reference rows (indicator number, title,
what is typed, unit, the five thresholds or the milestone steps) above each column, a
hidden machine row holding the results-file headers, then one entry row per person and
round. Only entry cells are unlocked; the sheet is protected without a password, so
that a slip of the keyboard cannot change a threshold, yet anyone who needs to can lift
the protection (Review › Unprotect Sheet). The sheet "คำอธิบาย" says how to fill it in.

The workbook is write-only (openpyxl's write-only mode): each row is written as it comes,
each column's data validation is given its entry rows as one range (given cell by cell,
openpyxl looked through every range already given for each: 4,000 people took minutes), and
an entry cell is made once for its column and text: `workbook --people` is linear in time and
flat in memory (benchmarks/bench_workbook_people.py).

openpyxl writes a cell's text, a sheet's name and a prompt as it is given them: each is given
here with ST_Xstring's ``_xHHHH_`` taken literally (kpidsl/xlsx/xstring.py), so that a title
or a name holding ``_x0041_`` shows in Excel as itself, not as "A".
"""

from __future__ import annotations

import io
import warnings
from decimal import Decimal, InvalidOperation

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties

from ..diagnostics.cli_texts import said
from ..outputs.cells import spreadsheet_safe
from ..outputs.terminal import shown
from ..plan.model import ScaleScoring
from ..policy_sentences import late_step_sentence, milestone_count_sentence
from ..scale_scores import scale_range
from . import paper
from .cell_limit import CELL_CHARS, CutCells, code_units, cut_at, fitted
from .layout import LEVEL_LABELS, REFERENCE_LABELS, TITLE_ROWS, Column, Sheet
from .sheet_storage import SheetsFolder, discard_sheets, in_folder, save
from .sheet_xml import DRAFT_COLOUR, ROW_HEIGHT, visible
from .xstring import escaped, stored_within, unescaped

FONT_NAME = "Sarabun"  # shipped in kpidsl/forms/fonts; only its name goes into the file
GUIDE_SHEET = "คำอธิบาย"
MACHINE_MARK = "agreement"  # the machine row is the row whose first cell is this header

_FONT = Font(name=FONT_NAME, size=14)
_BOLD = Font(name=FONT_NAME, size=14, bold=True)
_SMALL = Font(name=FONT_NAME, size=9, color="808080")
_ENTRY_FILL = PatternFill("solid", fgColor="FFF9E5")
_HEAD_FILL = PatternFill("solid", fgColor="E8EEF7")
_THIN = Side(style="thin", color="A0A0A0")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")  # a label beside a text wrapped on more lines
_UNLOCKED = Protection(locked=False)
_DRAFT = Font(name=FONT_NAME, size=14, bold=True, color=DRAFT_COLOUR)
_DATE_FORMAT = "yyyy-mm-dd"
_MONEY_FORMAT = "#,##0.00"

_GUIDE = (
    "วิธีกรอกสมุดงานผลการดำเนินงาน",
    "",
    "1. แต่ละแผ่นงานคือคำรับรองหนึ่งฉบับ แต่ละแถวในตารางคือผู้รับการประเมินหนึ่งคนในหนึ่งรอบ",
    "2. กรอกเฉพาะช่องสีเหลือง ช่องอื่นถูกล็อกไว้ (ป้องกันแผ่นงานโดยไม่มีรหัสผ่าน)",
    "3. ตัวชี้วัดแบบขั้นบันได: กรอกผลการดำเนินงานจริงเป็นตัวเลข เกณฑ์ระดับ 1–5 แสดงอยู่เหนือช่อง"
    " หรือกรอกคะแนน 0–5 ในช่องถัดไปแทน (ถ้ากรอกทั้งสองช่อง ใช้คะแนนที่ให้โดยตรง)",
    "4. ตัวชี้วัดแบบขั้นความสำเร็จ (milestone): กรอกจำนวนขั้นที่ผ่าน เป็นจำนวนเต็ม ขั้นต่าง ๆ แสดงอยู่เหนือช่อง",
    "5. ตัวชี้วัดแบบสูตร: กรอกค่าตัวแปรแต่ละตัว (เช่น X1, Y1) kpidsl คำนวณร้อยละให้เอง",
    "6. คะแนนที่ผู้ประเมินให้โดยตรง: 0–5 ทศนิยมได้ ระดับสมรรถนะ: {scales}"
    " ถ้ายังไม่มีคะแนนให้เว้นว่าง อย่ากรอก 0",
    "7. วันที่ส่งรายงาน: กรอกเป็นวันที่ (เช่น 2011-11-03) ใช้คิดการหักคะแนนเมื่อส่งช้า เว้นว่างได้",
    "8. ต้องกรอกทุกช่องของตัวชี้วัด ตัวชี้วัดที่คำรับรองไม่เลือกไม่มีช่องให้กรอก วันที่ส่งและร้อยละการเลื่อนเว้นว่างได้",
    "9. ใช้เลขไทยหรือเลขอารบิกก็ได้ ห้ามแก้แถวหัวตารางที่ซ่อนอยู่ (ชื่อคอลัมน์สำหรับโปรแกรม)",
    "10. เมื่อกรอกเสร็จ ให้คิดคะแนนด้วย kpidsl score --results ไฟล์นี้.xlsx (หรือส่งสมุดงานนี้ให้ผู้ดูแลระบบ)",
    f"11. ฟอนต์: สมุดงานใช้ฟอนต์ {FONT_NAME} ถ้าอักษรไทยแสดงเป็นกล่องสี่เหลี่ยม แสดงว่าเครื่องไม่มีฟอนต์ไทย"
    f" ให้ติดตั้ง {FONT_NAME} (Google Fonts) หรือบน Linux ติดตั้งแพ็กเกจ fonts-thai-tlwg",
    "12. ขั้นความสำเร็จทีละขั้น: ในช่อง \"ขั้นที่ 1\" … กรอกวันที่ที่ทำขั้นนั้นเสร็จ หรือ ✓ เมื่อทำแล้ว"
    " เว้นว่างเมื่อยังไม่ทำ หรือกรอกจำนวนขั้นที่ผ่านในช่องถัดไปแทน อย่ากรอกทั้งสองแบบ {milestones}",
    "13. จำนวนประชากร (N): จำนวนบุคลากรที่ใช้คิดขนาดกลุ่มตัวอย่างของการสำรวจ เว้นว่างได้เมื่อคำรับรองระบุไว้แล้ว",
    "14. เงินเดือน ระดับตำแหน่ง กลุ่มวงเงิน: เงินเดือนที่ครองอยู่ ณ วันที่คิดวงเงินของรอบ เลือกระดับตำแหน่ง"
    "และกลุ่มวงเงินจากรายการ เมื่อกรอกเงินเดือนต้องเลือกกลุ่มวงเงินด้วย kpidsl รายงานวงเงินแต่ละกลุ่ม"
    " เงินเลื่อนที่ให้ และคงเหลือ เว้นว่างทั้งสามช่องได้ (ใช้เงินเดือนในคำรับรอง ไม่คิดวงเงิน)",
)


def _text(value: str) -> str:
    # a title may hold a control character (S014 warns of it): an .xlsx (XML) cannot hold most
    # of them at all, so each is shown escaped, as on a terminal (kpidsl/outputs/terminal.py);
    # U+FFFE and U+FFFF too, which openpyxl would write as they are (kpidsl/xlsx/sheet_xml.py)
    return visible(spreadsheet_safe(shown(value)))


def _fit(value: str) -> tuple[str, tuple[int, int] | None]:
    """``value`` as :func:`_text` shows it, as a cell stores it (kpidsl/xlsx/xstring.py), cut
    at a cell's limit (openpyxl would cut it without a word): the text, and when cut its
    length and the length kept, to be told (J011)."""
    text = _text(value)
    text, length = fitted(text) or (text, None)
    stored = escaped(text)
    if len(stored) > CELL_CHARS:
        # openpyxl keeps the first 32,767 characters of what it stores, the ``_x005F_`` of
        # each literal escape counted: cut so that none of them is split or lost
        length = length or code_units(text)
        text = cut_at(text, stored_within(text, CELL_CHARS))
        stored = escaped(text)
    return stored, None if length is None else (length, code_units(text))


def _put(ws, row: int, column: int, value: str | None, cut: CutCells, **style) -> WriteOnlyCell:
    """A cell of the write-only sheet ``ws`` to write at (``row``, ``column``), holding
    ``value`` as :func:`_fit` stores it (a cut told to ``cut``), styled with ``style``
    (font, fill, border, alignment, protection, number_format)."""
    cell = WriteOnlyCell(ws)
    if value:
        cell.value, lengths = _fit(value)
        if lengths is not None:
            cut.add(unescaped(ws.title), f"{get_column_letter(column)}{row}", *lengths)
    for name, given in style.items():
        setattr(cell, name, given)
    return cell


def _grouped(figure: str) -> str:
    """28000 → 28,000: a salary as people write it."""
    try:
        return format(Decimal(figure), ",")
    except InvalidOperation:
        return figure


def sheet_name(ident: str, taken: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique."""
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in ident)[:31] or "sheet"
    name, n = base, 2
    while name.lower() in taken or name == GUIDE_SHEET:
        suffix = f"~{n}"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


# The marks a step cell's rule lets through without a warning (kpidsl/score/milestone_steps.py
# DONE_MARKS reads these and more).
STEP_MARKS = ("✓", "/", "ใช่")
# Excel's limit on a list written into the rule itself; a longer one is kept on a hidden sheet.
_LIST_LIMIT = 255
_TITLE_CHARS = 32  # Excel's limit on a validation's prompt title
LISTS_SHEET = "รายการ"


class ChoiceLists:
    """The choice lists too long to write into their rule, kept for the hidden sheet
    LISTS_SHEET (a column each), which :meth:`write` makes after the others: a write-only
    workbook writes each sheet's rows as they come."""

    def __init__(self) -> None:
        self.columns: list[tuple[str, ...]] = []

    def range(self, choices: tuple[str, ...]) -> str:
        """The range of the hidden sheet that will hold ``choices``, as a rule's formula."""
        self.columns.append(choices)
        letter = get_column_letter(len(self.columns))
        return f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(choices)}"

    def write(self, wb, cut: CutCells, folder: SheetsFolder | None = None) -> None:
        """The hidden sheet, when a list was kept (the reader passes over a hidden sheet
        without an entry table); last, so that the visible sheets keep their order."""
        if not self.columns:
            return
        ws = wb.create_sheet(LISTS_SHEET)
        ws.sheet_state = "hidden"
        ws.protection.sheet = True
        in_folder(ws, folder)
        for r in range(1, max(map(len, self.columns)) + 1):
            ws.append([_put(ws, r, j, c[r - 1], cut) if r <= len(c) else None
                       for j, c in enumerate(self.columns, start=1)])


def _choice_list(choices: tuple[str, ...], lists: ChoiceLists | None) -> str:
    """The ``formula1`` of a list rule: the choices themselves, or a range of the hidden
    sheet that ``lists`` keeps when they are too long or hold a comma or quote."""
    inline = ",".join(choices)
    if len(inline) + 2 <= _LIST_LIMIT and '"' not in inline and all("," not in c for c in choices):
        return escaped(f'"{inline}"')  # a formula: an ST_Xstring too
    return (lists or ChoiceLists()).range(choices)


def _validation(column: Column, at: str = "A1", lists: ChoiceLists | None = None) -> DataValidation | None:
    """The rule of an entry column; ``at`` is its top entry cell (a custom rule's formula
    refers to it), ``lists`` keeps the long lists for the hidden sheet."""
    if column.kind in ("decimal",):
        dv = DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15")
        dv.error, dv.prompt = "กรอกเป็นตัวเลข", "ตัวเลข ทศนิยมได้"
    elif column.kind in ("score", "percent"):
        dv = DataValidation(type="decimal", operator="between", formula1=column.low, formula2=column.high)
        dv.error = dv.prompt = f"ตัวเลข {column.low}–{column.high} ทศนิยมได้"
    elif column.kind in ("level", "steps"):
        dv = DataValidation(type="whole", operator="between", formula1=column.low, formula2=column.high)
        dv.error = dv.prompt = f"จำนวนเต็ม {column.low}–{column.high}"
    elif column.kind == "people":
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1=column.low)
        dv.error = dv.prompt = f"จำนวนเต็ม ตั้งแต่ {column.low} คนขึ้นไป"
    elif column.kind == "money":
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1=column.low)
        dv.error = dv.prompt = "จำนวนเงิน (บาท) ตัวเลข ทศนิยมได้"
    elif column.kind == "choice":
        dv = DataValidation(type="list", formula1=_choice_list(column.choices, lists))
        dv.error = dv.prompt = "เลือกจากรายการ"
    elif column.kind == "step":
        # A date (Excel keeps it as a number) or a mark: one rule cannot offer both a date and
        # a list, so a formula on the entry column's top cell, which Excel moves down the column.
        marks = ",".join(f'{at}="{m}"' for m in STEP_MARKS)
        dv = DataValidation(type="custom", formula1=f"OR(ISNUMBER({at}),{marks})")
        dv.error = dv.prompt = f"วันที่ที่ทำขั้นนี้เสร็จ (เช่น 2012-02-15) หรือ {' '.join(STEP_MARKS)} เว้นว่างถ้ายังไม่ทำ"
    elif column.kind == "date":
        dv = DataValidation(type="date", operator="between", formula1="DATE(1990,1,1)", formula2="DATE(2200,12,31)")
        dv.error = dv.prompt = "วันที่ เช่น 2011-11-03"
    else:
        return None
    # A warning, not a stop: Excel does not take Thai digits (๘๒.๕) or a Thai date (3 พ.ย. 2554)
    # as a number or a date, yet kpidsl reads both; the person confirms them with "Yes".
    dv.errorStyle = "warning"
    dv.error += " (พิมพ์เป็นเลขไทยหรือวันที่แบบไทย: กด ใช่ เพื่อยืนยัน)"
    # an attribute of the sheet's XML, which cannot hold a control character; Excel takes 32 at most
    # (the label is whole in the reference rows above the column: not told), an escape kept whole
    title = visible(shown(column.label))
    dv.errorTitle, dv.promptTitle = "ค่าไม่ถูกต้อง", escaped((fitted(title, _TITLE_CHARS) or (title,))[0])
    dv.showErrorMessage = dv.showInputMessage = True
    dv.allow_blank = True
    return dv


def _node_columns(cols) -> list[tuple[int, int]]:
    """The runs of ``cols`` (1-based, first and last) of one indicator each: its result and its
    score, or its steps, printed on one page."""
    runs: list[tuple[int, int]] = []
    for j, col in enumerate(cols, start=1):
        if col.node and runs and cols[runs[-1][0] - 1].node == col.node:
            runs[-1] = (runs[-1][0], j)
        elif col.node:
            runs.append((j, j))
    return runs


def _print_setup(ws, widths: list[float], groups: list[tuple[int, int]]) -> int:
    """``ws`` printed A4 landscape, shrunk to the page's width, or too wide for that split
    into pages between ``groups`` of columns (kpidsl/xlsx/paper.py); the last column of the
    first page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    # a row a line of Sarabun 14 high: LibreOffice does not fit a row to its font on opening,
    # and at its default (15) each line overlapped the one above it, on screen and on paper
    ws.sheet_format.defaultRowHeight, ws.sheet_format.customHeight = ROW_HEIGHT, True
    if paper.fits(widths):
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        return len(widths)
    page_breaks = paper.breaks(widths, groups)
    for after in page_breaks:
        ws.col_breaks.append(Break(id=after))
    return paper.first_page(widths, page_breaks)


def _wrapped(ws, row: int, column: int, last: int, widths: list[float], text: str | None) -> None:
    """The cell of ``ws`` at (``row``, ``column``) holding ``text``, merged to the column
    ``last`` (the first page's), its row as high as the text's lines there (its cell wraps)."""
    if not text:
        return
    if last > column:
        ws.merged_cells.add(f"{get_column_letter(column)}{row}:{get_column_letter(last)}{row}")
    width = sum(widths[column - 1:max(last, column)])
    if paper.lines(_text(text), width) > 1:
        ws.row_dimensions[row].height = paper.height(_text(text), width)


def _agreement_sheet(ws, sheet: Sheet, lists: ChoiceLists, cut: CutCells, folder: SheetsFolder | None) -> None:
    """The rows of ``sheet`` into the write-only sheet ``ws``, top to bottom, waiting in a file
    of ``folder`` (kpidsl/xlsx/sheet_storage.py in_folder); ``cut``: told of each cell cut at a
    cell's limit (kpidsl/xlsx/cell_limit.py). Linear in the entry rows
    (`workbook --people`): each column's rule is given its rows as one range, and each entry
    cell is one made for its column and text once (openpyxl writes a write-only row as it
    comes, so the one cell serves every row)."""
    a = sheet.agreement
    cols = sheet.columns
    first_ref = TITLE_ROWS + 1
    labels = REFERENCE_LABELS + LEVEL_LABELS
    machine = first_ref + len(labels)
    first, last = machine + 1, machine + len(sheet.rows)
    # what a write-only sheet writes before its first row: widths, panes, the page; each row's height
    # (a column of the agreement (population, salary, grade, group) lists its rule in the level rows)
    widths = [18 if col.node else 30 if col.levels else 22 for col in cols]
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    page = _print_setup(ws, widths, _node_columns(cols))
    ws.row_dimensions[machine].hidden = True
    ws.row_dimensions[first_ref + 1].height = 90
    ws.row_dimensions[first_ref + 2].height = 42  # what is typed: two lines (`ขั้นที่ 1: วันที่ทำเสร็จ หรือ ✓`)
    ws.freeze_panes = f"D{first}"
    if sheet.reviews:
        draft_header(ws, sheet.reviews)
    label = text = None
    if sheet.salary or sheet.grade:
        parts = [f"{_grouped(sheet.salary)} บาท" if sheet.salary else "",
                 f"ระดับตำแหน่ง {sheet.grade}" if sheet.grade else ""]
        label, text = "เงินเดือน", " · ".join(p for p in parts if p)
    elif sheet.population:
        label, text = "ประชากร", f"{sheet.population} คน (ตามคำรับรอง ช่องจำนวนประชากรเว้นว่างได้)"
    block = [("แบบกรอกผลการดำเนินงาน", a.title, _BOLD),
             ("คำรับรอง", f"{a.id} · กรอบ {a.framework.id}" + (f" · ปีงบประมาณ {a.fiscal_year}" if a.fiscal_year else ""),
              _FONT),
             (label, text, _FONT)]
    # each text of the title block wrapped over the first page's columns, its row as high as its
    # lines: whole on paper (a long title ran past the page's edge); a draft's sentence too
    for r, (_, value, _) in enumerate(block, start=1):
        _wrapped(ws, r, 3, page, widths, value)
    draft = said("draft-workbook", "th", sheet.reviews) if sheet.reviews else None
    _wrapped(ws, 4, 1, page, widths, draft)
    in_folder(ws, folder)
    for r, (name, value, font) in enumerate(block, start=1):
        ws.append([_put(ws, r, 1, name, cut, font=_FONT if r > 1 else font, alignment=_TOP), None,
                   _put(ws, r, 3, value, cut, font=font, alignment=_WRAP)])
    # the title block's blank row: a draft's sentence there, seen by whoever fills the sheet
    ws.append([_put(ws, 4, 1, draft, cut, font=_DRAFT, alignment=_WRAP)] if draft else [])
    refs = []
    for col in cols:
        ref = [col.node, col.title, col.label, col.unit]
        ref += list(col.levels[:5]) + [""] * (5 - min(len(col.levels), 5))
        if len(col.levels) > 5:  # more milestone steps than rows: the last row lists the rest
            ref[-1] = " / ".join(col.levels[4:])
        refs.append(ref)
    for i, label in enumerate(labels):
        r = first_ref + i
        row = [_put(ws, r, 1, label, cut, font=_BOLD, fill=_HEAD_FILL, border=_BOX)]
        for j, ref in enumerate(refs[1:], start=2):  # column A carries the row labels
            row.append(_put(ws, r, j, ref[i], cut, font=_BOLD if i == 2 else _FONT, alignment=_WRAP, border=_BOX,
                            **({"fill": _HEAD_FILL} if i < 4 else {})))
        ws.append(row)
    head = []
    for col in cols:
        cell = WriteOnlyCell(ws, escaped(col.header))
        cell.font = _SMALL
        head.append(cell)
    ws.append(head)
    for j, col in enumerate(cols, start=1):
        if col.entry:
            letter = get_column_letter(j)
            dv = _validation(col, f"{letter}{first}", lists)
            if dv is not None:
                dv.sqref = MultiCellRange(f"{letter}{first}:{letter}{last}")
                ws.data_validations.append(dv)
    made: dict[tuple[int, str], tuple[WriteOnlyCell, tuple[int, int] | None]] = {}
    title = unescaped(ws.title)
    for r, row in enumerate(sheet.rows, start=first):
        typed = {"agreement": row.agreement, "person": row.person, "round": row.round}
        cells = []
        for j, col in enumerate(cols, start=1):
            value = typed.get(col.header) or ""
            if (j, value) not in made:
                style = {"font": _FONT, "border": _BOX}
                if col.entry:
                    style.update(protection=_UNLOCKED, fill=_ENTRY_FILL)
                    if col.kind in ("date", "step"):
                        style["number_format"] = _DATE_FORMAT
                    elif col.kind == "money":
                        style["number_format"] = _MONEY_FORMAT
                cell = _put(ws, r, j, None, cut, **style)
                lengths = None
                if value:
                    cell.value, lengths = _fit(value)
                made[j, value] = cell, lengths
            cell, lengths = made[j, value]
            if lengths is not None:  # each cell cut is told (J011), the first few of them whole
                cut.add(title, f"{get_column_letter(j)}{r}", *lengths)
            cells.append(cell)
        ws.append(cells)
    ws.protection.sheet = True  # no password: see the module's note
    ws.protection.formatColumns = False  # a person may widen a column to read a long title


# Item 12 of the guide when the workbook's frameworks count milestone steps differently: each
# sheet's framework's own policies hold (the scorer reads them from the plan).
_MILESTONES_EACH = ("การนับขั้นและขั้นที่ทำหลังวันที่กำหนด เป็นไปตามหลักเกณฑ์ “นับขั้น” และ “ขั้นที่ล่าช้า”"
                    " ของกรอบของแต่ละแผ่นงาน")


def _milestone_policies(sheets: list[Sheet]) -> str:
    """The milestone policies of the frameworks of ``sheets`` that have milestone steps to fill
    in (kpidsl/policy_sentences.py), said once when they agree."""
    said = {(milestone_count_sentence(p, example=True), late_step_sentence(p))
            for p in (s.agreement.framework.policies for s in sheets if any(c.kind == "step" for c in s.columns))}
    if len(said) == 1:
        return "; ".join(said.pop())
    return _MILESTONES_EACH if said else ""


# Item 6 of the guide when the workbook's scales take different scores, or it has none.
_SCALES_EACH = "ตามมาตรวัดที่หัวช่องระบุ"


def _scale_scores(sheets: list[Sheet]) -> str:
    """What a score on the scales of ``sheets`` may be, under each framework's ``scale_score``
    policy (kpidsl/scale_scores.py, as the column's validation holds it), said once when the
    same for all."""
    said = set()
    for sheet in sheets:
        framework = sheet.agreement.framework
        for scale_id in _scales_used(sheet.agreement.nodes):
            within = scale_range(framework, scale_id, framework.policies.scale_score)
            if within is not None:
                said.add(f"{within.allowed().th} ตามหลักเกณฑ์ “{within.policy_words().th}”")
    return said.pop() if len(said) == 1 else _SCALES_EACH


def _scales_used(nodes) -> set[str]:
    out: set[str] = set()
    for node in nodes:
        if isinstance(node.scoring, ScaleScoring) and not node.omitted:
            out.add(node.scoring.scale)
        out |= _scales_used(node.children)
    return out


def _guide(sheets: list[Sheet]) -> tuple[str, ...]:
    """The guide's lines, the policies the workbook's frameworks declare filled in."""
    fills = {"{milestones}": _milestone_policies(sheets), "{scales}": _scale_scores(sheets)}
    out = []
    for line in _GUIDE:
        for key, text in fills.items():
            line = line.replace(key, text)
        out.append(line.rstrip())
    return tuple(out)


def draft_header(ws, reviews: int) -> None:
    """A draft's mark at the top of each printed page of ``ws`` (the sheet is Thai, as the forms are)."""
    ws.oddHeader.center.text = said("draft-workbook", "th", reviews).replace("&", "&&")  # & starts a header code
    ws.oddHeader.center.color = DRAFT_COLOUR


_GUIDE_WIDTH = 110


def _guide_sheet(ws, sheets: list[Sheet], folder: SheetsFolder | None) -> None:
    reviews = max((s.reviews for s in sheets), default=0)
    if reviews:
        draft_header(ws, reviews)
    ws.column_dimensions["A"].width = _GUIDE_WIDTH
    _print_setup(ws, [_GUIDE_WIDTH], [])
    ws.protection.sheet = True
    lines = _guide(sheets)
    for i, line in enumerate(lines, start=1):  # a line wrapped in its column, whole on paper
        if line and paper.lines(line, _GUIDE_WIDTH) > 1:
            ws.row_dimensions[i].height = paper.height(line, _GUIDE_WIDTH)
    in_folder(ws, folder)
    for i, line in enumerate(lines, start=1):
        cell = WriteOnlyCell(ws, line)
        cell.font = _BOLD if i == 1 else _FONT
        cell.alignment = _WRAP
        ws.append([cell])


def workbook_bytes(sheets: list[Sheet], cut: CutCells | None = None) -> bytes:
    """The .xlsx file of ``sheets`` (:func:`write_workbook`), made in memory."""
    out = io.BytesIO()
    write_workbook(sheets, out, cut)
    return out.getvalue()


def write_workbook(sheets: list[Sheet], stream, cut: CutCells | None = None,
                   folder: SheetsFolder | None = None) -> None:
    """The .xlsx file of ``sheets`` zipped into ``stream`` (a file open for writing bytes): one
    entry sheet per agreement, then the guide. ``cut`` is told of each cell cut at a cell's
    limit (kpidsl/xlsx/cell_limit.py: J011). Each sheet's rows wait in a file of ``folder``
    (hidden beside the output: memory flat in the rows), else in memory; a write that fails
    leaves none of them."""
    cut = CutCells() if cut is None else cut
    wb = Workbook(write_only=True)
    try:
        taken: set[str] = {LISTS_SHEET}
        lists = ChoiceLists()
        for sheet in sheets:
            with warnings.catch_warnings():
                # a name of 31 characters is longer written with ``_x005F_``: Excel counts what it shows
                warnings.simplefilter("ignore")
                ws = wb.create_sheet(escaped(sheet_name(sheet.agreement.id, taken)))
            _agreement_sheet(ws, sheet, lists, cut, folder)
        _guide_sheet(wb.create_sheet(GUIDE_SHEET), sheets, folder)
        lists.write(wb, cut, folder)  # after the guide: the visible sheets keep their order
        save(wb, stream)  # not wb.save: it writes each sheet into a file of the system's temporary folder
    finally:
        discard_sheets(wb)  # those the save did not take (it removes each it zips)
