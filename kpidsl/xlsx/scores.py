"""`score --format xlsx`: the scores as a workbook, written as they are made.

Sheets: one row per evaluation (total, penalty, final, band, raise % and amount); one sheet
per agreement with every indicator's weight, score and weighted score (as the table of `score`
prints them: the weight is the figure the weighted score is weighed by, a component's share
included, kpidsl/score/weighted.py); the explanations (the text
of `score --explain`, a line a row); the raise pools per group when the results give
salaries (kpidsl/score/pool.py: วงเงินเลื่อนเงินเดือน). Figures are numbers (Decimal, written exactly) shown
to 4 decimals by their number format, not text (a weight, declared, as written); header rows
are frozen; a draft's every sheet says so in its first row, frozen too; widths fit Thai
(kpidsl/diagnostics/render.py counts the marks above and below a letter as nothing). Text
copied from rule files and results goes through kpidsl/outputs/cells.py.

Each sheet's rows are written as they come by kpidsl/xlsx/sheet_xml.py (a row one string,
each cell's style an id of the stylesheet it writes too; openpyxl's write-only cells took 3.6
ms an evaluation), so a sheet's columns are set when its first evaluation comes. With a file
to write, the rows wait in a hidden folder beside it (kpidsl/xlsx/sheet_storage.py
SheetSpool) and the workbook is zipped (kpidsl/xlsx/package.py) straight into the file's
hidden stand-in, which takes its place whole or not at all: memory flat in evaluations. For
standard output they wait in a folder made for the run in kpidsl's cache folder
(kpidsl/run_folders.py), where the workbook is zipped too and then copied out (SpooledBook);
with the cache off, in anonymous in-memory files, and the workbook's bytes are made at the
end (``data``).
"""

from __future__ import annotations

import io
from decimal import Decimal

from ..diagnostics.cli_texts import said
from ..diagnostics.render import cell_width
from ..outputs.cells import spreadsheet_safe
from ..outputs.terminal import shown
from ..raise_words import is_none
from . import paper
from .cell_limit import CutCells
from .package import now, write_package
from .sheet_storage import SheetsFolder, SheetSpool, SpooledBook
from .sheet_xml import NUMBER, TEXT, SheetXml, Styles
from .write import FONT_NAME, sheet_name

# The rows a sheet may have (as kpidsl/xlsx/read.py's LAST_ROW): the explanations of a
# big batch (some 20 lines an evaluation) go on in another sheet before it.
SHEET_ROWS = 1_048_576
SCORE_FORMAT = "0.0000"  # the figures of the seeds' tables: 4 decimals
# a figure as written, not computed (a weight of a rule file, the raise % the results decide):
# its own digits, 70, 0.6 or 2.5, as the table, CSV, JSON and the forms write it
DECLARED_FORMAT = "General"
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60

_LABELS = {
    "th": {"summary": "ผลการประเมิน", "explain": "คำอธิบาย", "agreement": "คำรับรอง", "person": "ผู้รับการประเมิน",
           "round": "รอบ", "total": "คะแนนรวม", "penalty": "ปรับลด", "final": "คะแนนรวมสุทธิ", "band": "ระดับผล",
           "band_title": "ชื่อระดับผล", "raise_range": "ช่วงร้อยละการเลื่อน", "raise_percent": "ร้อยละการเลื่อน",
           "amount": "จำนวนเงิน", "weight": "น้ำหนัก", "score": "คะแนน", "weighted": "คะแนนถ่วงน้ำหนัก",
           "pools": "วงเงินเลื่อนเงินเดือน", "framework": "กรอบการประเมิน", "on": "ณ วันที่", "group": "กลุ่มวงเงิน",
           "people": "จำนวนคน", "salaries": "เงินเดือนรวม", "pool": "วงเงิน", "given": "เงินเลื่อนที่ให้",
           "left": "คงเหลือ", "samples": "ขนาดกลุ่มตัวอย่าง", "population": "ประชากร (N)", "error": "ความคลาดเคลื่อน (%)",
           "exact": "n ตามสูตร", "n": "จำนวนตัวอย่าง (คน)", "from_table": "จากตารางที่กำหนด",
           "steps": "ขั้นความสำเร็จ", "indicator": "ตัวชี้วัด", "title": "ชื่อตัวชี้วัด", "done": "ขั้นที่ทำ",
           "counted": "ขั้นที่นับ", "late": "ขั้นที่ทำหลังกำหนด", "dates": "วันที่ทำ", "yes": "ใช่"},
    "en": {"summary": "scores", "explain": "explanations", "agreement": "agreement", "person": "person",
           "round": "round", "total": "total", "penalty": "penalty", "final": "published total", "band": "band",
           "band_title": "band title", "raise_range": "raise range %", "raise_percent": "raise %",
           "amount": "amount", "weight": "weight", "score": "score", "weighted": "weighted",
           "pools": "raise pools", "framework": "framework", "on": "salaries on", "group": "pool group",
           "people": "people", "salaries": "salaries", "pool": "pool", "given": "raises given", "left": "left",
           "samples": "survey samples", "population": "population (N)", "error": "error (%)", "exact": "n by formula",
           "n": "sample (people)", "from_table": "from the declared table", "steps": "milestone steps",
           "indicator": "indicator", "title": "title", "done": "steps done", "counted": "steps counted",
           "late": "done after the due date", "dates": "dates", "yes": "yes"},
}
# The summary's columns: (key of kpidsl/score/report.py's as_dict, number format or None for text).
_SUMMARY = (("agreement", None), ("person", None), ("round", None), ("total", SCORE_FORMAT),
            ("penalty", SCORE_FORMAT), ("final", SCORE_FORMAT), ("band", None), ("band_title", None),
            ("raise_range", None), ("raise_percent", DECLARED_FORMAT), ("amount", MONEY_FORMAT))

# The pools sheet's columns (kpidsl/score/pool.py's PoolLine), as _SUMMARY.
_POOLS = (("framework", None), ("round", None), ("on", DATE_FORMAT), ("group", None), ("people", "0"),
          ("salaries", MONEY_FORMAT), ("pool", MONEY_FORMAT), ("given", MONEY_FORMAT), ("left", MONEY_FORMAT))

def _width(*texts: str) -> float:
    """A column width that fits the widest text (Sarabun at 14 points is wider than the
    width's unit, Calibri 11: a third more), within MAX_WIDTH."""
    widest = max((cell_width(t) for t in texts if t), default=8)
    return min(MAX_WIDTH, max(10, round(widest * 1.3 + 2)))


# A node's columns on its agreement's sheet, keys of its as_dict node, as the score table's, and
# each one's number format: a weight is declared, shown as written (70, 0.6), as the table
# writes it; the scores beside it are computed, shown at their 4 places.
_NODE_FIGURES = (("weight", DECLARED_FORMAT), ("score", SCORE_FORMAT), ("weighted", SCORE_FORMAT))


def _flat(nodes: list[dict], depth: int = 0) -> list[tuple[dict, int]]:
    out = []
    for n in nodes:
        out.append((n, depth))
        out.extend(_flat(n["children"], depth + 1))
    return out


# The survey samples' columns (kpidsl/score/report.py's sample_size) and the milestone steps'
# (its nodes' ``steps``): shown only when some results give them.
_SAMPLES = (("agreement", None), ("person", None), ("round", None), ("population", "#,##0"), ("error", "0.##"),
            ("exact", "#,##0.00"), ("n", "#,##0"), ("from_table", None))
_STEPS = (("agreement", None), ("person", None), ("round", None), ("indicator", None), ("title", None),
          ("done", None), ("counted", None), ("late", None), ("dates", None), ("score", SCORE_FORMAT))


def _numbers(steps: list) -> str | None:
    return ", ".join(str(s) for s in steps) or None


class _Sheet:
    """A sheet of the workbook: its name, its XML as it is written, and where that waits."""

    def __init__(self, title: str, folder: SheetsFolder | None, widths: list[float],
                 freeze: tuple[int, int] | None, cut: CutCells, header: str | None = None,
                 page_breaks: list[int] | None = None) -> None:
        self.title = title
        self.spool = SheetSpool(folder)
        try:
            self.xml = SheetXml(self.spool.file, widths, freeze,
                                lambda cell, length, kept: cut.add(title, cell, length, kept), header, page_breaks)
        except BaseException:
            self.spool.remove()
            raise


def _cell_text(value: str | None) -> str | None:
    # a person or round from the results file may hold control characters, which an .xlsx
    # (XML) cannot hold at all: shown escaped, as on a terminal (kpidsl/outputs/terminal.py)
    return spreadsheet_safe(shown(value)) if value else None


class ScoresBook:
    """Add each evaluation with ``add``; ``data()`` gives the .xlsx file. Each sheet's rows
    are written by kpidsl/xlsx/sheet_xml.py as they come, into a SheetSpool of ``folder``
    (kpidsl/xlsx/sheet_storage.py), and zipped by kpidsl/xlsx/package.py at :meth:`save`."""

    def __init__(self, lang: str, folder: SheetsFolder | None = None, reviews: int = 0):
        """``reviews``: the rule set's review lines left (Y001): a draft's every sheet prints so."""
        self.labels = _LABELS.get(lang, _LABELS["th"])
        self.lang = lang
        self.header = said("draft-workbook", lang, reviews) if reviews else None
        # a draft says so on screen too, as the entry workbook's A4 (kpidsl/xlsx/write.py): each
        # sheet's first row, frozen with the table's heading, which starts a row lower
        self.top = 1 if self.header else 0
        self.folder = folder  # where the sheets' rows wait (None: in memory)
        self.created = now()
        self.styles = Styles(FONT_NAME)
        self.sheets: list[_Sheet] = []
        self.cut = CutCells()  # the cells cut at a cell's limit, told once the workbook is written (J011)
        self.head = (TEXT, self.styles.id(bold=True, wrap=True))  # a header cell
        self.plain = (TEXT, self.styles.id())  # a text cell
        self.taken: set[str] = {self.labels[k].lower() for k in ("summary", "explain", "pools", "samples", "steps")}
        self.samples = self.steps = None
        self.summary = self._sheet(self.labels["summary"],
                                   [[self.labels[k] for k, _ in _SUMMARY]],
                                   [24, 28, 8, 14, 12, 14, 10, 20, 20, 14, 16], 1, 4)
        self.summary_kinds = self._kinds(_SUMMARY)
        self.explain: SheetXml | None = None
        self.explain_sheets: list[_Sheet] = []
        self.explain_rows = 0
        # agreement → (its sheet, its indicators' ids, its rows' kinds)
        self.agreements: dict[str, tuple[SheetXml, list[str], tuple]] = {}
        self.kinds: dict[tuple, tuple] = {}

    def _kinds(self, columns: tuple) -> tuple:
        """Each column's (TEXT or NUMBER, cell style) of ``columns`` ((key, number format or None), …)."""
        return tuple(self.plain if number_format is None else (NUMBER, self.styles.id(number_format=number_format))
                     for _, number_format in columns)

    def _sheet(self, title: str, header: list[list[str]], widths: list[float], rows: int, freeze_column: int,
               explanations: bool = False, groups: list[tuple[int, int]] = (), heights: list[int | None] = ()
               ) -> SheetXml:
        """A sheet printed whole across its pages (kpidsl/xlsx/paper.py): shrunk to the page's
        width, or, too wide for that, split into pages between ``groups`` of columns (a
        node's three); ``heights``: of the ``header`` rows, for a title wrapped on more lines."""
        rows += self.top
        page_breaks = None if paper.fits(widths) else paper.breaks(widths, groups)
        sheet = _Sheet(title, self.folder, widths, (rows + 1, freeze_column or 1) if freeze_column or rows else None,
                       self.cut, self.header, page_breaks)
        (self.explain_sheets if explanations else self.sheets).append(sheet)
        if self.header:
            # a draft's sentence wrapped over the first page's columns: whole on paper, never
            # spilling into the columns of the page after
            last = paper.first_page(widths, page_breaks or ())
            if last > 1:
                sheet.xml.merge(1, 1, 1, last)
            sheet.xml.append([self.header], ((TEXT, self.styles.id(wrap=True, red=True)),),
                             paper.height(self.header, sum(widths[:last])))
        for i, row in enumerate(header):
            sheet.xml.append([_cell_text(t) for t in row], (self.head,) * len(row),
                             heights[i] if i < len(heights) else None)
        return sheet.xml

    def _agreement_sheet(self, doc: dict):
        known = self.agreements.get(doc["agreement"])
        if known is not None:
            return known
        flat = _flat(doc["nodes"])
        top = [self.labels["agreement"], self.labels["person"], self.labels["round"]]
        under = ["", "", ""]
        widths: list[float] = [24, 28, 8]
        groups = []
        tall = None  # the title row's height: its longest title wrapped over its three columns
        for n, depth in flat:
            title = f"{n['id']} {n['title'] or ''}".strip()
            top += [title, "", ""]
            under += [self.labels[k] for k, _ in _NODE_FIGURES]
            figures = [_width(self.labels[k]) for k, _ in _NODE_FIGURES]
            groups.append((len(widths) + 1, len(widths) + 3))
            widths += figures
            shown_title = _cell_text(title) or ""
            if paper.lines(shown_title, sum(figures)) > 1:
                tall = max(tall or 0, paper.height(shown_title, sum(figures)))
        ws = self._sheet(sheet_name(doc["agreement"], self.taken), [top, under], widths, 2, 4,
                         groups=groups, heights=[tall])
        for k in range(len(flat)):  # the indicator's title over its three columns
            ws.merge(self.top + 1, 4 + 3 * k, self.top + 1, 6 + 3 * k)
        ids = [n["id"] for n, _ in flat]
        figures = tuple((NUMBER, self.styles.id(number_format=f)) for _, f in _NODE_FIGURES)
        known = self.agreements[doc["agreement"]] = (ws, ids, (self.plain,) * 3 + figures * len(ids))
        return known

    def add(self, doc: dict, explanation: str) -> None:
        """One evaluation: ``doc`` as kpidsl/score/report.py's as_dict gives it, and its
        explanation as `score --explain` prints it."""
        row = []
        for key, number_format in _SUMMARY:
            value = doc.get(key)
            if key == "raise_range" and value:
                # a band whose raise is none reads so, never 0–0 (kpidsl/raise_words.py)
                value = said("raise-none", self.lang) if is_none(*map(Decimal, value)) else "–".join(value)
            row.append(value if number_format else _cell_text(value))
        self.summary.append(row, self.summary_kinds)
        ws, ids, kinds = self._agreement_sheet(doc)
        by_id = {n["id"]: n for n, _ in _flat(doc["nodes"])}
        cells = [_cell_text(doc["agreement"]), _cell_text(doc.get("person")), _cell_text(doc.get("round"))]
        for ident in ids:
            n = by_id.get(ident) or {}
            cells += [n.get(k) for k, _ in _NODE_FIGURES]
        ws.append(cells, kinds)
        self._seed_rules(doc)
        # shown() of the whole text, then its lines: a newline stays one, and no escape makes one
        lines = shown(explanation.rstrip("\n")).split("\n")
        if self.explain is None or self.explain_rows + len(lines) + 1 > SHEET_ROWS:
            self._next_explanations()
        self.explain.lines([spreadsheet_safe(line) if line else None for line in lines], self.plain[1])  # and an empty row
        self.explain_rows += len(lines) + 1

    def _row(self, ws: SheetXml, columns: tuple, values: dict) -> None:
        kinds = self.kinds.get(columns)
        if kinds is None:
            kinds = self.kinds[columns] = self._kinds(columns)
        ws.append([_cell_text(values.get(key)) if number_format is None else values.get(key)
                   for key, number_format in columns], kinds)

    def _seed_sheet(self, key: str, columns: tuple, widths: list[float]):
        """A sheet of ``columns``, each at least as wide as its header (a wrapped header would
        overlap the first row: a row is one line of Sarabun 14 high, kpidsl/xlsx/sheet_xml.py ROW_HEIGHT)."""
        labels = [self.labels[k] for k, _ in columns]
        return self._sheet(self.labels[key], [labels], [max(w, _width(t)) for w, t in zip(widths, labels)], 1, 4)

    def _seed_rules(self, doc: dict) -> None:
        """The survey sample (N, e, n) and the milestone steps listed one by one, each on a
        sheet of its own made when the first evaluation gives one."""
        who = {"agreement": doc["agreement"], "person": doc.get("person"), "round": doc.get("round")}
        sample = doc.get("sample_size")
        if sample is not None:
            if self.samples is None:
                self.samples = self._seed_sheet("samples", _SAMPLES, [24, 28, 8, 14, 16, 14, 18, 20])
            self._row(self.samples, _SAMPLES, {
                **who, "population": sample["population"], "error": Decimal(sample["error"]) * 100,
                "exact": sample["exact"], "n": sample["n"],
                "from_table": self.labels["yes"] if sample["from_table"] else None})
        for n, _ in _flat(doc["nodes"]):
            steps = n.get("steps")
            if steps is None:
                continue
            if self.steps is None:
                self.steps = self._seed_sheet("steps", _STEPS, [24, 28, 8, 10, 40, 14, 14, 16, 36, 12])
            dates = "; ".join(f"{k}: {d}" for k, d in steps["dates"].items()) or None
            self._row(self.steps, _STEPS, {
                **who, "indicator": n["id"], "title": n.get("title"), "done": _numbers(steps["done"]),
                "counted": _numbers(steps["counted"]), "late": _numbers(steps["late"]), "dates": dates,
                "score": n.get("score")})

    def add_pools(self, lines: list) -> None:
        """The raise pools of the batch (kpidsl/score/pool.py's PoolLine): per framework,
        round and group, the date the salaries are held on, the people and salaries counted,
        the pool, the raises given and what is left (negative: overspent)."""
        if not lines:
            return
        ws = self._sheet(self.labels["pools"], [[self.labels[k] for k, _ in _POOLS]],
                         [24, 8, 14, 36, 10, 18, 16, 18, 16], 1, 2)
        for ln in lines:
            group = f"{ln.group} {ln.title or ''}".strip() if ln.group else None
            # a date, a count or a Decimal: numbers, not text
            self._row(ws, _POOLS, {"framework": ln.framework, "round": ln.round, "on": ln.on, "group": group,
                                   "people": ln.people, "salaries": ln.salaries, "pool": ln.pool, "given": ln.given,
                                   "left": ln.left})

    def _next_explanations(self) -> None:
        """A sheet for the explanations (คำอธิบาย, then คำอธิบาย 2 … when one is full)."""
        title = self.labels["explain"]
        if self.explain_sheets:
            title = f"{title} {len(self.explain_sheets) + 1}"
        self.explain = self._sheet(title, [], [120], 0, 0, explanations=True)
        self.explain_rows = self.top  # a draft's mark is its first row

    def close(self) -> None:
        """Nothing is made: each sheet's file is closed and removed."""
        for sheet in self.sheets + self.explain_sheets:
            sheet.spool.remove()

    def data(self) -> bytes:
        out = io.BytesIO()
        self.save(out)
        return out.getvalue()

    def save(self, stream) -> None:
        """The workbook zipped into ``stream`` (a file open for writing bytes), each sheet's
        file removed once it is in."""
        if self.explain is None:
            self._next_explanations()
        # the explanations last, after the agreements' sheets made after them
        sheets = self.sheets + self.explain_sheets
        for sheet in sheets:
            sheet.xml.finish()
        write_package(stream, sheets, self.styles, self.created)


class PendingScores:
    """The scores workbook as kpidsl/score/batch.py writes output: ``file`` takes each
    evaluation, ``commit()`` writes the file whole (kpidsl/files.py StreamingWriter, bytes),
    or, for standard output (``path`` None), gives the workbook to copy out: a SpooledBook
    in kpidsl's cache folder, or its bytes when there is no cache folder to use;
    ``discard()`` leaves nothing. A write that fails (a full disk, a quota passed) is told
    as O001 at ``path`` (``-`` for standard output)."""

    def __init__(self, path, lang: str, reviews: int = 0):
        from ..files import StreamingWriter

        self.path = path
        self.out = StreamingWriter(path, binary=True) if path is not None else None
        beside = self.out.beside if self.out is not None else None
        # standard output, or a device: the run's folder in kpidsl's cache (none: in memory)
        self.folder = SheetsFolder.beside(beside) if beside is not None else SheetsFolder.in_cache()
        self.book: ScoresBook | None = ScoresBook(lang, self.folder, reviews)
        self.cut = self.book.cut
        self.file = self  # what the batch writes to: add, add_pools

    def add(self, doc: dict, explanation: str) -> None:
        self._told(self.book.add, doc, explanation)

    def add_pools(self, lines: list) -> None:
        self._told(self.book.add_pools, lines)

    def cut_cells(self) -> tuple[list, int]:
        """The cells of the workbook cut at a cell's limit: J011 at each of the first MAX_TOLD
        (kpidsl/xlsx/cell_limit.py), and how many there were."""
        from ..source import display_path

        return self.cut.diagnostics("-" if self.path is None else display_path(self.path)), self.cut.count

    def _told(self, call, *args):
        from ..files import told_at

        # a sheet's rows waiting beside the output: its disk is the output's
        return told_at(self.path or "-", call, *args)

    def commit(self) -> "bytes | SpooledBook | None":
        if self.out is None:
            if self.folder.path is None:
                return self._told(self.book.data)
            return self._spooled()
        try:
            self._told(self.book.save, self.out.stream)
        except BaseException:
            self.discard()
            raise
        try:
            self.out.commit()
        finally:  # refused too (O026: its folder swapped), the sheets' folder goes from where it was made
            self._remove_folder()
        return None

    def _spooled(self) -> SpooledBook:
        """The workbook zipped into a new file of the run's folder, each sheet's file removed once in."""
        try:
            return SpooledBook.made(self.folder, lambda stream: self._told(self.book.save, stream))
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        """Close each sheet's rows and remove the file they wait in; the output left as it was."""
        if self.book is not None:
            self.book.close()
        self.book = None
        if self.out is not None:
            self.out.discard()
        self._remove_folder()

    def _remove_folder(self) -> None:
        self.folder.remove()
