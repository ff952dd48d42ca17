"""Reading results files: what each organisation or person achieved.

CSV — one row per evaluation, a header naming the columns:

    agreement,person,round,submitted,raise,5,7,8:X1,8:Y1,11:survey,10:score

``agreement`` names the agreement (it may be left out when ``--agreement`` is
given); ``person``, ``round``, ``submitted`` (the date the report was sent),
``raise`` (the raise % decided) are optional. Every other column is an
indicator id, alone for its usual figure (a ladder's result, a milestone's
steps done, an owner's score) or ``id:field`` for a formula input, a part's
score, or ``id:score`` to give a score directly. Field names may be Thai
(ผล, ขั้นที่ผ่าน, คะแนน). Numbers may use Thai digits, 1,000 separators and %.
For the seeds' rules (issue 12 item 6): a milestone's steps listed (``7:steps`` = ``1 2 3 5``)
or one column per step (``7:1`` … with a date or a mark, step_cells.py); ``population``
(ประชากร, sample_size.py); ``salary``, ``grade``, ``group`` (เงินเดือน, ระดับตำแหน่ง,
กลุ่มวงเงิน: the raise base and the raise pool, pool.py).

JSON — one object, or a list of them:

    {"agreement": "dept_example_2555", "round": "1", "submitted": "2011-11-03",
     "results": {"5": 78, "7": {"steps": 3}, "8": {"X1": 90, "Y1": 100}}}

Every problem is a located diagnostic (file, line, column); nothing is scored
from a file that has one. A CSV file is read line by line (memory flat in its rows);
a JSON file is read whole, so it is held to a smaller size (MAX_JSON_BYTES) and its
nesting depth is looked at before it is parsed (MAX_JSON_DEPTH); a key written twice
in one object is an error, since which one is meant cannot be known.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import difflib
import io
import json
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Iterator

import attrs

from ..diagnostics.model import Diagnostic
from ..diagnostics.registry import CODES, Bi
from ..diagnostics.span import SHEET_MARK, Span
from ..plan.model import Agreement, Composite, Formula, Ladder, Milestones, OwnerScore, Plan, ScaleScoring
from ..plan.read import plan_of
from ..results_layout import long_layout_column
from ..source import decode, display_path
from ..syntax.dates import DateError, read as read_date, resolve
from ..syntax.keywords import canonical
from ..thai import to_arabic
from .evaluate import PlanEvaluator
from .evaluate.rows import RowEvaluator, Unclear
from .scored import Entry, Inputs
from .number_cells import NumberProblem, parse_number, read_number
from .seen_rows import MaybeSeenRows, NoRows, SeenRows, identity_key
from .step_cells import StepCells, is_step_cell

# A workbook sheet's rows are fewer (kpidsl/xlsx/read.py's LAST_ROW, 2²⁰): the rows seen
# keep a sheet's number above them (_Reader.seen_line).
SHEET_ROW_SPAN = 1 << 20
# A CSV streams, so its limit only bounds the time a run takes; a JSON file is parsed whole.
MAX_CSV_BYTES = 1024 * 1024 * 1024
MAX_JSON_BYTES = 32 * 1024 * 1024
# A record nests 4 levels (list, record, results, an indicator's fields).
MAX_JSON_DEPTH = 32
# Bytes read to tell the encoding and the format before the rest is streamed.
_HEAD_BYTES = 64 * 1024

_META = ("agreement", "person", "round", "submitted", "raise")
_META_TH = {"คำรับรอง": "agreement", "ผู้รับการประเมิน": "person", "รอบ": "round", "วันที่ส่ง": "submitted",
            "ร้อยละการเลื่อน": "raise"}
# ---- seedrules hook: columns for the seeds' rules (issue 12 item 6) ----
# population: N of the survey sample size (sample_size.py); salary, grade, group: a person's
# salary on the pool's date, salary grade and pool group (pool.py). A file with any of them,
# or with milestone steps one by one, is read by the reader and scored by the engine.
SEED_META = ("population", "salary", "grade", "group")
_META = _META + SEED_META
_META_TH.update({"ประชากร": "population", "จำนวนประชากร": "population", "เงินเดือน": "salary",
                 "ระดับตำแหน่ง": "grade", "กลุ่มวงเงิน": "group"})
_DEFAULT_FIELD = {"ladder": "result", "milestones": "steps", "owner_score": "score", "scale": "score"}
_FIELD_TH = {"result": "ผล", "steps": "ขั้นที่ผ่าน", "score": "คะแนน"}


@attrs.define
class ReadingAt:
    """Where a reading of results is: ``line``, the line (CSV, JSON) or row (workbook) of
    the row whose items come now (1 for the header's); ``late``, the rows given twice that a
    CSV read with MaybeSeenRows finds at its end (each at its ``line``), which come after
    the rows that follow them (kpidsl/score/batch.py puts them back in place); ``stopped``,
    the file's text could not be read on (told as for the whole file)."""

    line: int = 1
    late: bool = False
    stopped: bool = False


@attrs.frozen
class Part:
    """Some rows of a CSV file (`score --jobs`, kpidsl/score/parts.py): its header is bytes
    [0, header_end), its rows bytes [start, end), the first of them on line ``first_line``."""

    start: int
    end: int
    header_end: int
    first_line: int


@attrs.frozen
class Record:
    agreement: str
    person: str | None
    round: str | None
    inputs: Inputs
    span: Span


@attrs.frozen
class _Node:
    kind: str
    scoring: str | None
    fields: tuple[str, ...]
    default: str | None
    scores: tuple[str, ...] = ()  # fields that are themselves scores 0–5: a composite's non-ladder parts


def value_fault(check: str, value: Decimal) -> tuple[str, str, str] | None:
    """Why a number cannot stand for a field (what, in Thai, the range allowed), or None.
    ``check``: "score" for a field that is a score 0–5, "steps" for milestone steps done."""
    if check == "score" and not 0 <= value <= 5:
        return "score", "คะแนน", "0–5"
    if check == "steps" and (value != value.to_integral_value() or not 0 <= value <= 5):
        return "steps done", "จำนวนขั้นที่ผ่าน", "0–5 (whole steps)"
    return None


def field_check(node: "_Node", field: str) -> str:
    """What a number given for ``field`` of ``node`` is checked for (value_fault)."""
    return "score" if field == "score" or field in node.scores else field


def accepted_fields(agreement: Agreement) -> dict[str, _Node]:
    """What each node of a typed agreement takes from a results file (its fields, the one
    a bare column gives, those that are scores 0–5), by node id."""
    out: dict[str, _Node] = {}
    for n in agreement.walk():
        scoring = n.scoring
        kind = scoring.KIND if scoring is not None else None
        fields: list[str] = []
        scores: list[str] = []
        if isinstance(scoring, Ladder):
            fields = ["result", "score"]
        elif isinstance(scoring, Formula):
            fields = [name for inp in scoring.inputs for name in inp.names] + ["score"]
        elif isinstance(scoring, Milestones):
            # seedrules hook: a column per step (``7:1`` … ``7:5``), kpidsl/score/step_cells.py
            fields = ["steps", "score"] + [str(s.number) for s in scoring.steps]
        elif isinstance(scoring, (OwnerScore, ScaleScoring)):
            fields = ["score"]
        elif isinstance(scoring, Composite):
            fields = [p.id for p in scoring.parts] + ["score"]
            scores = [p.id for p in scoring.parts if not isinstance(p.scoring, Ladder)]
        elif scoring is None and not n.children:
            fields = ["score"]  # no scoring rule: the score is given directly
        default = _DEFAULT_FIELD.get(kind) or ("score" if scoring is None and not n.children else None)
        out[n.id] = _Node(n.kind, kind, tuple(fields), default, tuple(scores))
    return out


def number_diagnostic(problem: NumberProblem, span: Span, column: str) -> Diagnostic:
    """Why a cell of ``column`` is not a number, at the cell."""
    return CODES[problem.code].at(span, column=column, **problem.fields)


def round_given(text: str, default: str | None) -> str | None:
    """The round a row names (Thai digits read as Arabic), else --round's: what build(),
    _FastRows and csv_identities key a row by."""
    return to_arabic(text.strip()) or default or None


def person_given(text: str) -> str | None:
    """The person a row names (blank: none)."""
    return text.strip() or None


def parse_date(text: str, fiscal_year: int | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        pass
    try:
        days = resolve(read_date(text.strip()), fiscal_year)
    except (DateError, ValueError):
        return None
    return days[1] if days else None


class _Reader:
    def __init__(self, plan: dict | Plan, path: Path, default_agreement: str | None, round_: str | None):
        self.plan = plan = plan_of(plan)
        self.shown = display_path(path)
        self.path = path
        self.default_agreement = default_agreement
        self.round = round_
        self.agreements = plan.agreements_by_id
        self.indexes: dict[str, dict[str, _Node]] = {}
        self.checks: dict[str, AgreementRows] = {}
        self.seen_rows: SeenRows | MaybeSeenRows | NoRows = SeenRows()
        self.at = ReadingAt()
        self.shift = 0  # a Part's rows: added to the line its text puts them on
        self.part: Part | None = None
        # Where each column's header is: a wrong header is told once, there (not once a row).
        self.header_spans: dict[str, Span] = {}
        self.told: set[tuple[str, str]] = set()
        self.row_span: Span | None = None  # a workbook row's place (kpidsl/xlsx/results.py)
        # A workbook's sheets, in the order read: the rows seen are kept as
        # sheet number × SHEET_ROW_SPAN + row, so a row given twice names its first sheet row.
        self.sheets: list[str] = []
        self.per_row = False

    def index_of(self, agreement: Agreement) -> dict[str, _Node]:
        """What each node of an agreement takes from the results (accepted_fields)."""
        index = self.indexes.get(agreement.id)
        if index is None:
            index = self.indexes[agreement.id] = accepted_fields(agreement)
        return index

    def rows_of(self, agreement: Agreement) -> "AgreementRows":
        """The checks of a row of ``agreement`` (its rounds, its dates), made once."""
        checks = self.checks.get(agreement.id)
        if checks is None:
            checks = self.checks[agreement.id] = AgreementRows(agreement)
        return checks

    def span(self, line: int, column: int = 1, width: int = 1) -> Span:
        if self.row_span is not None:
            return self.row_span
        return Span(self.shown, line, column, line, column + max(1, width))

    def seen_line(self, line: int) -> int:
        """``line`` as the rows seen keep it: a workbook's with its sheet's number."""
        return line + (len(self.sheets) - 1) * SHEET_ROW_SPAN if self.sheets else line

    def first_at(self, seen: int) -> Bi:
        """Where a row kept as ``seen`` (seen_line) is, for Q006's hint: `line 12`, or a
        workbook's sheet row by its first cell (`ผลการประเมิน!A15`)."""
        if not self.sheets:
            return Bi(f"line {seen}", f"บรรทัด {seen}")
        sheet, row = divmod(seen, SHEET_ROW_SPAN)
        return Bi(f"`{self.sheets[sheet]}!A{row}`", f"`{self.sheets[sheet]}!A{row}`")

    def once_at_header(self, agreement: str, header: str, span: Span) -> Span | None:
        """Where to tell that column ``header`` is wrong for ``agreement``: at its header the
        first time, None after that (the row is still not scored)."""
        where = self.header_spans.get(header)
        if where is None or self.per_row:
            return span
        if (agreement, header) in self.told:
            return None
        self.told.add((agreement, header))
        return where

    def given_twice(self, line: int, first: int, identity: tuple) -> Diagnostic:
        """Q006 at the row on ``line``: its (agreement, person, round) was given at ``first``
        (as seen_line keeps it) already."""
        agreement, person, rnd = identity
        what = f"agreement `{agreement}`" + (f", person {person}" if person else "") + (f", round {rnd}" if rnd else "")
        return CODES["Q006"].at(self.span(line), what=what, what_th=what, first=self.first_at(first))

    def agreement_of(self, ident: str | None, span: Span) -> tuple[Agreement | None, list[Diagnostic]]:
        ident = (ident or "").strip() or self.default_agreement
        if not ident:
            return None, [CODES["Q001"].at(span, id="", rule_set=self.plan.rule_set,
                                           hint="add an `agreement` column or give --agreement",
                                           hint_th="เพิ่มคอลัมน์ `agreement` หรือระบุ --agreement")]
        agreement = self.agreements.get(ident)
        if agreement is None:
            match = difflib.get_close_matches(ident, self.agreements, n=1, cutoff=0.5)
            hint = (f"did you mean `{match[0]}`?", f"หมายถึง `{match[0]}` หรือไม่") if match else ("", "")
            return None, [CODES["Q001"].at(span, id=ident, rule_set=self.plan.rule_set, hint=hint[0],
                                           hint_th=hint[1])]
        return agreement, []

    def build(self, agreement: Agreement, meta: dict[str, tuple[str, Span]], values: list[tuple[str, str, str, Span]],
              line: int) -> Record | list[Diagnostic]:
        """``values``: (column header, node id, field, cell text, span)."""
        diags: list[Diagnostic] = []
        index = self.index_of(agreement)
        checks = self.rows_of(agreement)
        fw = checks.framework
        rounds = [r.id for r in fw.rounds]
        rnd = round_given(meta.get("round", ("", None))[0], self.round)
        if not checks.round_known(rnd):
            where = Bi(f"agreement `{agreement.id}`" if agreement.round_id else f"framework `{fw.id}`",
                       f"คำรับรอง `{agreement.id}`" if agreement.round_id else f"กรอบ `{fw.id}`")
            allowed = agreement.round_id or ", ".join(rounds)
            diags.append(CODES["Q005"].at(meta.get("round", ("", self.span(line)))[1] or self.span(line), round=rnd,
                                          where=where,
                                          hint=f"rounds: {allowed or 'none (this framework has no rounds)'}",
                                          hint_th=f"รอบ: {allowed or 'ไม่มี (กรอบนี้ไม่มีรอบ)'}"))
        inputs = Inputs(round=rnd)
        text, span = meta.get("submitted", ("", None))
        if text.strip():
            day = checks.date(text)
            if day is None:
                diags.append(CODES["Q010"].at(span, text=text.strip()))
            inputs.submitted = day
        text, span = meta.get("raise", ("", None))
        if text.strip():
            value = read_number(text)
            if isinstance(value, NumberProblem):
                diags.append(number_diagnostic(value, span, "raise"))
                value = None
            inputs.raise_percent = value
        # ---- seedrules hook: population, salary, grade, group; steps one by one ----
        for name in SEED_META:
            text, span = meta.get(name, ("", None))
            if not text.strip():
                continue
            if name in ("grade", "group"):
                setattr(inputs, name, text.strip())
                grades = [g.id for g in fw.salary.grades] if fw.salary else []
                if name == "grade" and text.strip() not in grades:
                    diags.append(CODES["Q044"].at(span, grade=text.strip(), framework=fw.id,
                                                  grades=", ".join(grades) or "none"))
                continue
            value = read_number(text)
            if isinstance(value, NumberProblem):
                diags.append(number_diagnostic(value, span, name))
            elif name == "population" and (value <= 0 or value != value.to_integral_value()):
                diags.append(CODES["Q004"].at(span, what="population", what_th="จำนวนประชากร", value=text.strip(),
                                              id=agreement.id, range="whole people from 1"))
            else:
                setattr(inputs, name, value)
        step_cells = StepCells(checks.date)
        # ---- end of hook ----
        entries: dict[str, dict[str, Decimal]] = {}
        failed = False  # a wrong column, told at its header already
        for header, node_id, field, cell, span in values:
            if not cell.strip():
                continue
            node = index.get(node_id)
            if node is None:
                failed = True
                where = self.once_at_header(agreement.id, header, span)
                if where is None:
                    continue
                match = difflib.get_close_matches(node_id, index, n=1, cutoff=0.5)
                hint = (f"did you mean `{match[0]}`?", f"หมายถึง `{match[0]}` หรือไม่") if match else (
                    "", "")
                diags.append(CODES["Q002"].at(where, agreement=agreement.id, id=node_id, hint=hint[0],
                                              hint_th=hint[1]))
                continue
            field = field or node.default or ""
            if field not in node.fields:
                failed = True
                where = self.once_at_header(agreement.id, header, span)
                if where is None:
                    continue
                kind = Bi(node.kind, node.kind)
                diags.append(CODES["Q009"].at(where, field=field or header, kind=kind, id=node_id,
                                              fields=", ".join(node.fields) or "-"))
                continue
            if is_step_cell(node.scoring, field, cell):  # seedrules hook (step_cells.py)
                problem = step_cells.take(node_id, sum(f.isdigit() for f in node.fields), field, cell, span, header)
                if problem is not None:
                    diags.append(problem)
                continue
            value = read_number(cell)
            if isinstance(value, NumberProblem):
                diags.append(number_diagnostic(value, span, header))
                continue
            fault = value_fault(field_check(node, field), value)
            if fault is not None:
                diags.append(CODES["Q004"].at(span, what=fault[0], what_th=fault[1], value=cell.strip(), id=node_id,
                                              range=fault[2]))
                continue
            entries.setdefault(node_id, {})[field] = value
        for node_id in step_cells.steps:  # seedrules hook: a count and a list of the same steps
            if "steps" in entries.get(node_id, {}):
                diags.append(CODES["Q006"].at(self.span(line), what=f"the steps done of `{node_id}`",
                                              what_th=f"ขั้นที่ผ่านของ `{node_id}`",
                                              first=self.first_at(self.seen_line(line))))
        person = person_given(meta.get("person", ("", None))[0])
        key = self.seen_rows.key(agreement.id, person, rnd)  # as _FastRows and csv_identities key it
        first = self.seen_rows.get(key)
        if first is not None:
            diags.append(self.given_twice(line, first, (agreement.id, person, rnd)))
        else:
            self.seen_rows.add(key, self.seen_line(line))
        if diags or failed:
            return diags
        inputs.entries = {k: Entry(k, v, f"{self.shown}:{line}") for k, v in entries.items()}
        inputs.steps_done = step_cells.done()  # seedrules hook
        return Record(agreement.id, person, rnd, inputs, self.span(line))


def _split_header(header: str) -> tuple[str | None, str, str]:
    """(meta name or None, node id, field) of a column header."""
    text = header.strip()
    meta = _META_TH.get(text) or (text if text in _META else None)
    if meta:
        return meta, "", ""
    node_id, _, field = text.partition(":")
    field = to_arabic(field.strip())  # X๑ is X1, as ๘ is 8
    field = canonical(field) if canonical(field) in ("result", "steps", "score") else field
    return None, to_arabic(node_id.strip()), field


def _field_columns(line: str) -> list[int]:
    """1-based start column of each CSV field in a raw line."""
    starts = [1]
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            starts.append(i + 2)
    return starts


class _Lines:
    """The lines of a text, one at a time, remembering the last one given (the raw line of
    the CSV row just read, for its cells' columns). A line with a NUL stops the reading
    (_NotText): the csv module would take it for a character."""

    __slots__ = ("lines", "last")

    def __init__(self, lines: Iterable[str]):
        self.lines = iter(lines)
        self.last = ""

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.last = next(self.lines)
        if "\x00" in line:
            raise _NotText("NUL")
        return line


def read_csv(reader: _Reader, text: str | Iterable[str], evaluators: PlanEvaluator | None = None) -> Iterator:
    """Records and diagnostics, row by row, from a text or its lines. With ``evaluators`` (a
    kpidsl.score.evaluate.PlanEvaluator of the plan), the rows that need no word are
    evaluated on the spot and come out, a run of them at a time, as a ``Scored`` list of
    Evaluations; any other row is read as always. The order is kept."""
    lines = _Lines(io.StringIO(text) if isinstance(text, str) else text)
    rows = csv.reader(lines)
    # A cell is held to the digits a number may have and the file to MAX_CSV_BYTES, not to
    # the csv module's own field limit (which would stop the reading without a location).
    if csv.field_size_limit() < MAX_CSV_BYTES:
        csv.field_size_limit(MAX_CSV_BYTES)
    try:
        header = next(rows)
    except StopIteration:
        yield CODES["Q025"].at(reader.span(1))
        return
    reader.at.line = 1
    columns = _field_columns(lines.last.rstrip("\n"))
    parsed = [_split_header(h) for h in header]
    problems = header_problems(reader, header, [reader.span(1, columns[i] if i < len(columns) else 1, len(h))
                                                for i, h in enumerate(header)])
    if reader.part is None or reader.part.start == reader.part.header_end:
        yield from problems  # told once, by the part that starts the file
    if any(d.code == "Q050" for d in problems):
        return
    clean = not problems
    yield from _read_rows(reader, header, parsed, rows, lines, evaluators, clean)
    seen = reader.seen_rows
    if isinstance(seen, MaybeSeenRows) and seen.suspects:
        # The keys the filter may have met before: a second pass over the file says which
        # were, and where first. They come last, marked late, in the order of their lines.
        reader.at.late = True
        with reader.path.open("rb") as f:
            twice = seen.confirm(csv_identities(reader, f, seen.key))
        for line, first, identity in twice:
            reader.at.line = line
            yield reader.given_twice(line, first, identity)


def _read_rows(reader: _Reader, header: list[str], parsed: list, rows, lines: "_Lines",
               evaluators: PlanEvaluator | None, clean: bool) -> Iterator:
    at, shift = reader.at, reader.shift
    # The seeds' columns (SEED_META, a step per column) are read by the reader and evaluated
    # with a trace (kpidsl/score/batch.py), not by the row path.
    if any(name in SEED_META or (field.isdigit() and not name) for name, _, field in parsed):
        evaluators = None
    if evaluators is None or not clean:
        for row in rows:
            at.line = line = rows.line_num + shift
            yield from _read_row(reader, header, parsed, row, line, lines.last)
        return
    fast = _FastRows(reader, parsed, evaluators).row
    scored = Scored()
    for row in rows:
        line = rows.line_num + shift
        figures = fast(row, line)
        if figures is not None:
            scored.append(figures)
            if len(scored) >= SCORED_RUN:
                yield scored
                scored = Scored()
            continue
        if scored:
            yield scored
            scored = Scored()
        at.line = line
        yield from _read_row(reader, header, parsed, row, line, lines.last)
    if scored:
        yield scored


def csv_identities(reader: _Reader, f, key_of) -> Iterator[tuple[int, int, tuple]]:
    """(key, line, (agreement, person, round)) of each row of a CSV file (binary ``f``) that
    the reader keys (``_Reader.build``: a known agreement, given or by --agreement; the
    last column of a name; --round by default), read again on its own for MaybeSeenRows
    (``key_of``: its key, MaybeSeenRows.key)."""
    text = io.TextIOWrapper(f, encoding="utf-8-sig", newline=None)
    try:
        rows = csv.reader(text)
        header = next(rows, None)
        if header is None or long_layout_column(header) is not None:
            return  # no row is read under a header of a row per indicator (Q050)
        names = {name: i for i, (name, _, _) in enumerate(_split_header(h) for h in header) if name}
        agreement_col, person_col, round_col = names.get("agreement"), names.get("person"), names.get("round")
        agreements, default_agreement, default_round = reader.agreements, reader.default_agreement, reader.round

        def cell(row: list[str], col: int | None) -> str:
            return row[col] if col is not None and col < len(row) else ""

        for row in rows:
            if not any(c.strip() for c in row):
                continue
            ident = cell(row, agreement_col).strip() or default_agreement
            if not ident or ident not in agreements:
                continue
            person = person_given(cell(row, person_col))
            rnd = round_given(cell(row, round_col), default_round)
            yield key_of(ident, person, rnd), rows.line_num, (ident, person, rnd)
    finally:
        text.detach()


def header_problems(reader: _Reader, header: list[str], spans: list[Span]) -> list[Diagnostic]:
    """What is wrong with a header as a whole: a column named twice (Q006), a table with a
    row per indicator (Q050, which shows the header expected). Each column's place is kept
    in ``reader`` for the problems its cells may have."""
    layout = long_layout_column(header)
    if layout is not None:
        ident = reader.default_agreement or next(iter(reader.agreements), "")
        return [CODES["Q050"].at(spans[layout], column=header[layout].strip(),
                                 expected=expected_header(reader.plan, ident))]
    diags = []
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        key = h.strip()
        if key in seen:
            first = spans[seen[key]]
            cell = first.path.rpartition(SHEET_MARK)[2] if SHEET_MARK in first.path else None
            diags.append(CODES["Q006"].at(spans[i], what=f"column `{key}`", what_th=f"คอลัมน์ `{key}`",
                                          first=Bi(f"`{cell}`", f"`{cell}`") if cell else reader.first_at(first.line)))
        seen.setdefault(key, i)
        reader.header_spans.setdefault(key, spans[i])
    return diags


def expected_header(plan: Plan, agreement: str, most: int = 8) -> str:
    """The results-file header of ``agreement``, as `kpidsl workbook` writes it: `agreement`,
    the round, then its indicators' columns (the first ``most`` of them)."""
    if not agreement:
        return "`agreement,round,…`"
    columns: list[str] = []
    for node_id, node in accepted_fields(plan.agreement(agreement)).items():
        if node.scoring == "formula":
            columns += [f"{node_id}:{f}" for f in node.fields if f != "score"]
        elif node.scoring == "composite":
            columns += [f"{node_id}:{f}" for f in node.fields if f != "score"]
        elif node.default:
            columns.append(node_id)
    more = ",…" if len(columns) > most else ""
    return f"`agreement,round,{','.join(columns[:most])}{more}` ({agreement})"


def read_located(reader: _Reader, items: Iterable) -> Iterator[Record | Diagnostic]:
    """Records and diagnostics from a table whose cells are read already, each with its
    place (a workbook's sheets, kpidsl/xlsx/results.py): a header (``cells``, ``spans``)
    starts each sheet, then its rows (``line``, ``cells``, ``span_of(i)``, ``span``)."""
    header: list[str] = []
    parsed: list[tuple[str | None, str, str]] = []
    skip = False
    for item in items:
        if isinstance(item, Diagnostic):
            yield item
            continue
        if not hasattr(item, "line"):  # a sheet's header
            reader.header_spans = {}
            reader.sheets.append(item.sheet)
            header, parsed = list(item.cells), [_split_header(h) for h in item.cells]
            problems = header_problems(reader, header, list(item.spans))
            yield from problems
            skip = any(d.code == "Q050" for d in problems)
            continue
        if skip:
            continue
        meta: dict[str, tuple[str, Span]] = {}
        values = []
        for i, cell in enumerate(item.cells):
            if not cell.strip():
                continue
            name, node_id, field = parsed[i]
            if name:
                meta[name] = (cell, item.span_of(i))
            else:
                values.append((header[i].strip(), node_id, field, cell, item.span_of(i)))
        reader.row_span = item.span
        reader.at.line = item.line
        try:
            for found in _record(reader, meta, values, item.line):
                if isinstance(found, Diagnostic) or not item.spoiled:  # a spoiled row: its problems only
                    yield found
        finally:
            reader.row_span = None


def _read_row(reader: _Reader, header: list[str], parsed: list[tuple[str | None, str, str]], row: list[str],
              line: int, raw: str) -> Iterator[Record | Diagnostic]:
    """One CSV row (``raw``: the last line of its text): its record, or what is wrong with it."""
    if not any(cell.strip() for cell in row):
        return
    cols = _field_columns(raw.rstrip("\n"))
    meta: dict[str, tuple[str, Span]] = {}
    values = []
    for i, cell in enumerate(row):
        if i >= len(parsed):
            yield CODES["Q026"].at(reader.span(line, cols[i] if i < len(cols) else 1), cells=len(row),
                                   columns=len(parsed))
            break
        span = reader.span(line, cols[i] if i < len(cols) else 1, len(cell))
        name, node_id, field = parsed[i]
        if name:
            meta[name] = (cell, span)
        else:
            values.append((header[i].strip(), node_id, field, cell, span))
    yield from _record(reader, meta, values, line)


def _record(reader: _Reader, meta: dict, values: list, line: int) -> Iterator[Record | Diagnostic]:
    """One evaluation's record, once its cells are read: its agreement, then the record
    or what is wrong with it (CSV row and JSON object alike)."""
    agreement, diags = reader.agreement_of(meta.get("agreement", ("", None))[0],
                                            meta.get("agreement", ("", reader.span(line)))[1])
    yield from diags
    if agreement is None:
        return
    result = reader.build(agreement, meta, values, line)
    if isinstance(result, list):
        yield from result
    else:
        yield result


SCORED_RUN = 1000  # rows scored on the spot, handed on together


class Scored(list):
    """Consecutive CSV rows evaluated on the spot (kpidsl/score/evaluate/rows.py): their
    Evaluations, in file order. Each holds the figures the reader's record would have
    given for that row, without the explanations."""

    __slots__ = ()


class AgreementRows:
    """The checks of a row that depend on its agreement alone, written once for every
    reader of rows (build(), the row path _FastRows, a workbook's, a JSON record's): the
    rounds it may be scored in, the dates of its fiscal year. Each distinct text is read
    once (a batch's cells repeat), up to TEXTS_KEPT texts."""

    __slots__ = ("id", "agreement", "framework", "rounds", "fiscal_year", "dates", "round_texts")

    TEXTS_KEPT = 10_000

    def __init__(self, agreement: Agreement):
        self.id = agreement.id
        self.agreement = agreement
        self.framework = framework = agreement.framework
        fixed = agreement.round_id
        self.rounds = frozenset(r.id for r in framework.rounds if not fixed or r.id == fixed)
        self.fiscal_year = agreement.fiscal_year
        self.dates: dict[str, dt.date | None] = {}
        self.round_texts: dict[str, str | None] = {}

    def round_known(self, rnd: str | None) -> bool:
        """Whether a row may name ``rnd`` (None, no round: always)."""
        return rnd is None or rnd in self.rounds

    def date(self, text: str) -> dt.date | None:
        """A non-blank cell as a date (parse_date in the agreement's fiscal year), or None."""
        day = self.dates.get(text, _UNREAD)
        if day is _UNREAD:
            day = parse_date(text, self.fiscal_year)
            if len(self.dates) < self.TEXTS_KEPT:
                self.dates[text] = day
        return day

    def known_round(self, text: str, default: str | None) -> str | None | bool:
        """The round a cell names (round_given) when the agreement may be scored in it, else
        False."""
        rnd = self.round_texts.get(text, _UNREAD)
        if rnd is _UNREAD:
            rnd = round_given(text, default)
            if not self.round_known(rnd):
                rnd = False
            if len(self.round_texts) < self.TEXTS_KEPT:
                self.round_texts[text] = rnd
        return rnd


_UNREAD = object()  # a text not read yet (None is a reading: blank, or not a date)


class _Bound:
    """One agreement as the rows of one CSV header use it: its checks, and its rows'
    evaluator (kpidsl/score/evaluate/rows.py)."""

    __slots__ = ("id", "checks", "score")

    def __init__(self, checks: AgreementRows, score):
        self.id = checks.id
        self.checks = checks
        self.score = score


def _read_cell(check: str, text: str) -> Decimal | None:
    """A cell as build() reads it, for the row path: None when blank; Unclear for whatever
    build() would report (a column it rejects, not a number, out of range)."""
    if not text.strip():
        return None
    if check == "rejected":
        raise Unclear("a column the reader rejects")
    value = parse_number(text)
    if value is None or value_fault(check, value) is not None:
        raise Unclear("a cell the reader reports")
    return value


class _FastRows:
    """The CSV rows that need no word from the reader: each evaluated from its cells
    (kpidsl/score/evaluate/rows.py: no spans, no per-row dictionaries, each distinct cell
    text read once). ``row(cells, line)`` gives the row's Evaluation, or None for any row
    it is not sure of (a blank row, a cell too many, an unknown agreement or round, a date
    or number it cannot read, a duplicate, a missing value, a problem): build() and the
    explaining path then take that row and say what is wrong. Its checks are build()'s
    own (AgreementRows, value_fault, field_check, the seen rows' key): the last column of
    a name, blank cells as absent, `--agreement` and `--round` as defaults. Nothing is
    made per cell, and a row's place is only its line: build() makes the spans of a row
    that has something to say."""

    def __init__(self, reader: _Reader, parsed: list[tuple[str | None, str, str]], evaluators: PlanEvaluator):
        self.reader = reader
        self.evaluators = evaluators
        meta: dict[str, int] = {}
        self.values: list[tuple[int, str, str]] = []
        for i, (name, node_id, field) in enumerate(parsed):
            if name:
                meta[name] = i  # the last column of a name is the one the reader keeps
            else:
                self.values.append((i, node_id, field))
        self.bound: dict[str, _Bound | None] = {}
        self.raises: dict[str, Decimal | None] = {}
        self.row = self._row(len(parsed), meta)

    def bind(self, ident: str) -> _Bound | None:
        """The agreement ``ident`` for this header's rows, once; None when its rows are not
        for this path."""
        bound = self.bound.get(ident, False)
        if bound is False:
            bound = self.bound[ident] = self._bind(ident)
        return bound

    def _bind(self, ident: str) -> _Bound | None:
        agreement = self.reader.agreements.get(ident)
        if agreement is not None and agreement.population is not None:
            return None  # the survey sample size (sample_size.py) is reported with the figures
        evaluator = self.evaluators.get(ident) if agreement is not None else None
        if evaluator is None:
            return None
        index = self.reader.index_of(agreement)
        cells: dict[str, list[tuple[int, str, str]]] = {}
        other: list[tuple[int, str]] = []
        for col, node_id, field in self.values:
            node = index.get(node_id)
            field = field or (node.default if node else "") or ""
            if node is None or field not in node.fields:
                other.append((col, "rejected"))
            else:
                cells.setdefault(node_id, []).append((col, field, field_check(node, field)))
        return _Bound(self.reader.rows_of(agreement), RowEvaluator(evaluator, cells, other, _read_cell))

    def _row(self, width: int, meta: dict[str, int]):
        reader, bind, raises = self.reader, self.bind, self.raises
        seen = reader.seen_rows
        exact = isinstance(seen, SeenRows)  # else never "in" (MaybeSeenRows, NoRows): not asked
        assert exact or seen.key is identity_key
        track = not isinstance(seen, NoRows)
        key_of, seen_add = seen.key, seen.adder()
        default_agreement, default_round = reader.default_agreement, reader.round or None
        agreement_col, person_col = meta.get("agreement"), meta.get("person")
        round_col, submitted_col, raise_col = meta.get("round"), meta.get("submitted"), meta.get("raise")
        by_text: dict[str, _Bound | None | bool] = {}  # an agreement cell's text: its _Bound; True: blank

        def of_text(text: str) -> _Bound | None | bool:
            found = by_text.get(text, False)
            if found is False:
                ident = text.strip()
                found = bind(ident) if ident else True
                if len(by_text) < AgreementRows.TEXTS_KEPT:
                    by_text[text] = found
            return found

        def row(cells: list[str], line: int):
            if len(cells) != width:
                if len(cells) > width:
                    return None
                cells = cells + [""] * (width - len(cells))
            if agreement_col is not None:
                bound = by_text.get(cells[agreement_col], False)
                if bound is False:
                    bound = of_text(cells[agreement_col])
            else:
                bound = True
            if bound is True:  # no agreement named: --agreement's, unless the row is blank
                if not any(cell.strip() for cell in cells) or not default_agreement:
                    return None
                bound = bind(default_agreement)
            if bound is None:
                return None
            checks = bound.checks
            if round_col is not None:
                rnd = checks.round_texts.get(cells[round_col], _UNREAD)
                if rnd is _UNREAD:
                    rnd = checks.known_round(cells[round_col], default_round)
                if rnd is False:
                    return None
            else:
                rnd = default_round
                if not checks.round_known(rnd):
                    return None
            submitted = None
            if submitted_col is not None:
                text = cells[submitted_col]
                if text.strip():
                    submitted = checks.date(text)
                    if submitted is None:
                        return None
            pct = None
            if raise_col is not None:
                text = cells[raise_col]
                if text.strip():
                    pct = raises.get(text)
                    if pct is None:
                        pct = parse_number(text)
                        if pct is None:
                            return None
                        if len(raises) < AgreementRows.TEXTS_KEPT:
                            raises[text] = pct
            person = (cells[person_col].strip() or None) if person_col is not None else None  # person_given
            if track:
                # identity_key, written out: a call a row costs more than the hash
                key = key_of(bound.id, person, rnd) if exact else hash((bound.id, person, rnd))
                if exact and key in seen:
                    return None
            evaluation = bound.score(cells, person, rnd, submitted, pct)
            if evaluation is None:
                return None
            if track:
                seen_add(key, line)
            return evaluation

        return row


# A JSON string (a key when a colon follows it) or a bracket: what the shape scan looks at.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"(?:\s*:)?|[\[\]{}]')


def json_shape(reader: _Reader, text: str) -> list[Diagnostic]:
    """What json.loads cannot be trusted with, in one pass over the text before it is
    parsed: nesting deeper than MAX_JSON_DEPTH (Q015, at the first bracket too many; the
    parser would recurse that deep), and a key written twice in one object (Q006, at the
    second; the parser would keep the last without a word)."""
    stack: list[dict[str, int] | None] = []  # per open bracket: an object's keys and where they are
    found: list[tuple[int, str, dict]] = []
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first == "[" or first == "{":
            if len(stack) >= MAX_JSON_DEPTH:
                found.append((match.start(), "Q015", {"limit": MAX_JSON_DEPTH}))
                break
            stack.append({} if first == "{" else None)
        elif first == "]" or first == "}":
            if stack:
                stack.pop()
        elif token[-1] == ":" and stack and stack[-1] is not None:
            literal = token[: token.rindex('"') + 1]
            try:
                key = json.loads(literal) if "\\" in literal else literal[1:-1]
            except json.JSONDecodeError:
                continue  # json.loads reports it
            keys = stack[-1]
            if key in keys:
                found.append((match.start(), "Q006", {"key": key, "first": keys[key]}))
            else:
                keys[key] = match.start()
    if not found:
        return []
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def place(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    diags = []
    for offset, code, fields in found:
        line, column = place(offset)
        if code == "Q015":
            diags.append(CODES[code].at(reader.span(line, column), **fields))
        else:
            key = fields["key"]
            shown = json.dumps(key, ensure_ascii=False)
            diags.append(CODES[code].at(reader.span(line, column, len(shown)), what=f"key {shown}",
                                        what_th=f"คีย์ {shown}", first=reader.first_at(place(fields["first"])[0])))
    return diags


def read_json(reader: _Reader, text: str) -> Iterator[Record | Diagnostic]:
    shape = json_shape(reader, text)
    if shape:
        yield from shape  # a record is not read when it is not known which value is meant
        return
    try:
        doc = json.loads(text, parse_float=str, parse_int=str)
    except json.JSONDecodeError as e:
        yield CODES["Q027"].at(reader.span(e.lineno, e.colno), error=e.msg)
        return
    records = doc if isinstance(doc, list) else [doc]
    lines = text.split("\n")
    cursor = 0
    for number, rec in enumerate(records, start=1):
        found = _find_key(lines, "agreement", cursor) or _find_key(lines, "results", cursor)
        line = found[0] if found else 1
        cursor = line
        reader.at.line = line
        if not isinstance(rec, dict) or not isinstance(rec.get("results", {}), dict):
            yield CODES["Q028"].at(reader.span(line), number=number)
            continue

        def at(key: str, after: int) -> Span:
            """Where ``"key":`` is written, from line ``after`` on (the record's line if nowhere)."""
            found = _find_key(lines, key, after - 1)
            if found is None:
                return reader.span(after)
            return reader.span(found[0], found[1], len(json.dumps(key, ensure_ascii=False)))

        meta = {k: (str(rec[k]) if rec[k] is not None else "", at(k, line)) for k in _META if k in rec}
        values = []
        results_line = at("results", line).line
        for node_id, given in rec.get("results", {}).items():
            where = at(node_id, results_line)
            if isinstance(given, dict):
                for field, cell in given.items():  # a field's key is looked for from its indicator's on
                    _, _, f = _split_header(f"x:{field}")
                    if isinstance(cell, list):  # seedrules hook: "steps": [1, 2, 3, 5]; [3] is step 3 alone
                        cell = ", ".join(str(c) for c in cell) + ("," if len(cell) == 1 else "") if cell else "0"
                    values.append((f"{node_id}:{field}", to_arabic(node_id), f, str(cell), at(field, where.line)))
            else:
                values.append((node_id, to_arabic(node_id), "", str(given), where))
        yield from _record(reader, meta, values, line)


def _find_key(lines: list[str], key: str, after: int) -> tuple[int, int] | None:
    """(line, column) of the first ``"key":`` at or after 0-based line ``after``: a key, not a
    value that happens to be spelled the same (``"round": "1"`` is not indicator 1)."""
    pattern = re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:")
    for i in range(max(after, 0), len(lines)):
        match = pattern.search(lines[i])
        if match:
            return i + 1, match.start() + 1
    return None


def read_results(path: Path, plan: "dict | Plan", agreement: str | None = None, round_: str | None = None,
                 evaluators: PlanEvaluator | None = None, *, per_row: bool = False, seen: str = "exact",
                 at: ReadingAt | None = None, part: Part | None = None) -> Iterator:
    """Records and diagnostics, in file order; with ``evaluators`` (a PlanEvaluator of
    ``plan``), the CSV rows that need no word are evaluated as they are read: their
    Evaluations come instead of their records. A wrong column is told once, at its header;
    with ``per_row``, in every row it spoils (`diff --rescore` tells each row's fate).
    ``seen``: how a CSV's rows given twice are told — "exact" (SeenRows: at the row),
    "maybe" (MaybeSeenRows: memory flat in the rows; told at the end, ``at.late``), "none"
    (a Part: the whole file is checked elsewhere). ``at`` follows the reading (ReadingAt).
    ``part``: only those rows of a CSV file, whose head kpidsl/score/parts.py has read."""
    reader = _Reader(plan, path, agreement, round_)
    reader.per_row = per_row
    if at is not None:
        reader.at = at
    if part is not None:
        yield from _read_part(reader, part, evaluators)
        return
    if seen == "none":
        reader.seen_rows = NoRows()
    elif seen == "maybe" and path.suffix.lower() not in WORKBOOK_SUFFIXES:
        reader.seen_rows = MaybeSeenRows()  # a JSON file is read whole: it is made exact there
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from ..xlsx.results import located_rows  # the optional extra `xlsx`: score checks it is there

        yield from read_located(reader, located_rows(path))
        return
    try:
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            head = f.read(_HEAD_BYTES)
            text, diags = _decode_head(reader, head, size)
            if text is None:
                yield from diags
                return
            if not text.strip() and len(head) == size:
                yield CODES["Q025"].at(Span.whole_file(reader.shown))
                return
            kind = "JSON" if path.suffix.lower() == ".json" or text.lstrip().startswith(("{", "[")) else "CSV"
            limit = MAX_JSON_BYTES if kind == "JSON" else MAX_CSV_BYTES
            if size > limit:
                yield CODES["Q016"].at(reader.span(1), size=f"{size / 1048576:.1f}", kind=kind,
                                       limit=f"{limit / 1048576:g}")
                return
            f.seek(0)
            if kind == "JSON":
                if isinstance(reader.seen_rows, MaybeSeenRows):
                    reader.seen_rows = SeenRows()
                text, diags = decode(f.read(limit + 1), reader.shown)
                if text is None:
                    yield from diags
                    return
                yield from read_json(reader, text)
                return
            yield from _read_csv_file(reader, f, evaluators)
    except OSError as e:
        yield CODES["Q008"].at(Span.whole_file(reader.shown), reason=e.strerror or str(e),
                               reason_th=e.strerror or str(e), hint="", hint_th="")


def rows_given_twice(path: Path, plan: "dict | Plan", agreement: str | None = None,
                     round_: str | None = None) -> list[tuple[int, Diagnostic]]:
    """The rows of a CSV file given twice (Q006, with the line of each), found on their own
    with MaybeSeenRows and a second pass, as read_results(seen="maybe") finds them: for the
    parts of a file read apart (kpidsl/score/parts.py). A file that cannot be read to its
    end gives none (its reader tells why and stops there)."""
    reader = _Reader(plan, path, agreement, round_)
    maybe = MaybeSeenRows()
    try:
        with path.open("rb") as f:
            for key, line, _ in csv_identities(reader, f, maybe.key):
                maybe.add(key, line)
        if not maybe.suspects:
            return []
        with path.open("rb") as f:
            twice = maybe.confirm(csv_identities(reader, f, maybe.key))
    except (OSError, UnicodeDecodeError, csv.Error):
        return []
    return [(line, reader.given_twice(line, first, identity)) for line, first, identity in twice]


def _read_part(reader: _Reader, part: Part, evaluators: PlanEvaluator | None) -> Iterator:
    """The rows of one Part, under the file's header; every row given twice is found by the
    process that made the parts (NoRows here). A text problem is told as for the whole file,
    and ``reader.at.stopped`` is then set: the rows after it are not read (as with one part)."""
    reader.part = part
    reader.seen_rows = NoRows()
    reader.shift = part.first_line - _lines_in(reader.path, 0, part.header_end) - 1
    try:
        with reader.path.open("rb") as f:
            ranged = io.BufferedReader(_Ranges(f, [(0, part.header_end), (part.start, part.end)]))
            yield from _read_csv_file(reader, ranged, evaluators, whole=reader.path)
    except OSError as e:
        yield CODES["Q008"].at(Span.whole_file(reader.shown), reason=e.strerror or str(e),
                               reason_th=e.strerror or str(e), hint="", hint_th="")


def _lines_in(path: Path, start: int, end: int) -> int:
    with path.open("rb") as f:
        f.seek(start)
        return f.read(end - start).count(b"\n")  # a header: one line, or a few


class _Ranges(io.RawIOBase):
    """Byte ranges of a file read one after the other, as one stream."""

    def __init__(self, f, ranges: list[tuple[int, int]]):
        self.f = f
        self.ranges = [r for r in ranges if r[1] > r[0]]

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self.ranges:
            start, end = self.ranges[0]
            if start >= end:
                self.ranges.pop(0)
                continue
            self.f.seek(start)
            data = self.f.read(min(len(buffer), end - start))
            if not data:
                self.ranges.pop(0)
                continue
            self.ranges[0] = (start + len(data), end)
            buffer[: len(data)] = data
            return len(data)
        return 0


def _decode_head(reader: _Reader, head: bytes, size: int) -> tuple[str | None, list[Diagnostic]]:
    """The first bytes of a file as kpidsl.source.decode reads them (UTF-16, binary, the old
    Thai encoding …), cut at a line end when the file goes on (a character is never cut
    there), or the reason it cannot be read."""
    if len(head) < size:
        end = head.rfind(b"\n")
        head = head[: end + 1] if end > 0 else head[: len(head) - 4]  # a line longer than the head
        head = head.decode("utf-8", errors="ignore").encode("utf-8") if end <= 0 else head
    return decode(head, reader.shown)


class _NotText(Exception):
    """A NUL in a line: the file is not text (the csv module would read it as a character)."""


def _read_csv_file(reader: _Reader, f, evaluators: PlanEvaluator | None, whole: Path | None = None) -> Iterator:
    """A CSV file read line by line (UTF-8, a byte-order mark dropped, any line ends as LF).
    A problem the head did not show (a bad byte, a NUL further on) is told as
    kpidsl.source.decode tells it, from the whole file (``f``, or the file ``whole``), which
    is only read then."""
    text = io.TextIOWrapper(f, encoding="utf-8-sig", newline=None)
    try:
        yield from read_csv(reader, text, evaluators)
    except (UnicodeDecodeError, csv.Error, _NotText) as e:
        reader.at.stopped = True  # nothing more is read: a part says so to the others
        if whole is not None:
            data = whole.read_bytes()
        else:
            f.seek(0)
            data = f.read()
        _, diags = decode(data, reader.shown)
        errors = [d for d in diags if d.is_error]
        if errors:
            yield from errors
        else:
            yield CODES["Q008"].at(reader.span(1), reason=str(e), reason_th=str(e), hint="", hint_th="")
    finally:
        text.detach()


# Read by kpidsl/xlsx (an .xls is told to be saved as .xlsx there).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def results_files(path: Path) -> list[Path]:
    """The results files of a folder (CSV, JSON, workbooks), or the one file named. The
    lock file Excel keeps beside an open workbook (`~$name.xlsx`) is not one."""
    if path.is_dir():
        return sorted(p for p in path.iterdir()
                      if p.suffix.lower() in (".csv", ".json") + WORKBOOK_SUFFIXES and p.is_file()
                      and not p.name.startswith("~$"))
    return [path]


def collect(items: Iterable[Record | Diagnostic]) -> tuple[list[Record], list[Diagnostic]]:
    records, diags = [], []
    for item in items:
        (diags if isinstance(item, Diagnostic) else records).append(item)
    return records, diags
