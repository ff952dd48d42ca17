"""One reading of a results file (Reader): where it is, what it has told, and a row's
record built from its cells, or what is wrong with it, each problem located (build)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterator

import attrs

from ...diagnostics.hints import few, guess_hint, hint
from ...diagnostics.model import Diagnostic
from ...diagnostics.phrases import phrase
from ...diagnostics.registry import Bi, CODES
from ...diagnostics.span import Span
from ...guesses import Guesses
from ...plan.model import Agreement, Plan
from ...plan.read import plan_of
from ...regular_file import open_results
from ...results_columns import SEED_META
from ...source import display_path
from ...syntax.keywords import spell
from ...written_dates import day_said, days_said
from ..iso_be_dates import be_year_told
from ..number_cells import NUMBERS_READ, NumberProblem, read_number
from ..scored import Entry, Inputs
from ..seen_rows import MaybeSeenRows, PartKeys, SeenRows
from ..step_cells import is_step_cell, StepCells
from .cells import invisible_said, salary_outside_grade
from .one_person import person_key
from .agreement_rows import AgreementRows
from .cells import (accepted_fields, field_check, NodeFields, number_diagnostic, person_given, RANGE_CHECKED,
    round_given, round_said, scale_fault, value_fault)
# A workbook sheet's rows are fewer (kpidsl/xlsx/read.py's LAST_ROW, 2²⁰): the rows seen
# keep a sheet's number above them (Reader.seen_line).
SHEET_ROW_SPAN = 1 << 20


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
class OthersRow:
    """`--person`: a row of another person with ``errors`` problems (kpidsl/score/batch.py
    counts them, says how many in one line, Q062), in place of the problems themselves.
    ``elsewhere``: the agreement such a row names when the reader is held to another
    (--agreement: its Q031, read no further), which `render` passes over in silence when the
    rule set has it (kpidsl/forms/fills.py), as it does a row of the person's. ``person``: the
    row's person cell (person_given), which Q060's hint names among the people found."""

    errors: int
    elsewhere: str | None = None
    person: str | None = None


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
    # A meta column's (cell text, place) and how a place is made a Span (Reader.build):
    # a problem about one of them is told at its cell (cell_span), its Span made only then.
    meta: dict = attrs.field(factory=dict, repr=False, eq=False)
    span_of: Callable[[object], Span] | None = attrs.field(default=None, repr=False, eq=False)
    # The row's value cells as Reader.build took them, (header, node id, field as written,
    # cell, place), and what each (node id, field as written) gives (Reader.column_uses):
    # kept by reference, looked through only when a problem is told (cell_span).
    values: list = attrs.field(factory=list, repr=False, eq=False)
    uses: dict = attrs.field(factory=dict, repr=False, eq=False)

    def cell_span(self, column: str | tuple[str, str] | None) -> Span:
        """Where the cell of meta column ``column`` (`raise`) or of a node's (id, field) is;
        the row's place when the row has no such cell."""
        if isinstance(column, tuple):
            place = next((p for _, node_id, field, cell, p in self.values if node_id == column[0]
                          and cell.strip() and self.uses.get((node_id, field), (None, field))[1] == column[1]),
                         None)
        else:
            place = self.meta.get(column, ("", None))[1] if column else None
        return self.span if place is None or self.span_of is None else self.span_of(place)

    def blank_span(self, columns: list[str]) -> Span:
        """Where the first of ``columns`` (as Q007's hint names them: ``c3:score``, ``8:X1``,
        a bare ``5`` for a result or steps done) is a cell of this row left blank; the row's
        place when the row has none of them (a column the file lacks). A ladder's result lacking
        where the file has only its score column (``j1:score``, left blank): that cell, where the
        score would be given instead."""
        blank = [(given_id, written, place) for _, given_id, written, cell, place in self.values if not cell.strip()]
        nodes = [column.partition(":") for column in columns]
        for node_id, _, field in nodes:
            for given_id, written, place in blank:
                if given_id != node_id:
                    continue
                named = self.uses.get((given_id, written), (None, written))[1]
                if (named == field or written == field) if field else not written or named in ("result", "steps"):
                    return self.span if self.span_of is None else self.span_of(place)
        for node_id, _, _ in nodes:
            place = next((p for given_id, _, p in blank if given_id == node_id), None)
            if place is not None:
                return self.span if self.span_of is None else self.span_of(place)
        return self.span


class Reader:
    """A reading of one results file. ``default_agreement`` and ``round_`` (`--agreement`,
    `--round`) are what the results are for: a blank cell takes them, a cell naming another
    is an error (Q031, Q032); with ``defaults_only`` they only fill blank cells (`diff
    --rescore`, `render`, whose --agreement means the files without one)."""

    def __init__(self, plan: dict | Plan, path: Path, default_agreement: str | None, round_: str | None,
                 defaults_only: bool = False):
        self.plan = plan = plan_of(plan)
        self.shown = display_path(path)
        self.path = path
        self.default_agreement = default_agreement
        self.round = round_
        # What a non-blank agreement or round cell is held to (said_otherwise, AgreementRows);
        # None: any.
        self.said_agreement = None if defaults_only else default_agreement or None
        self.said_round = None if defaults_only else round_said(round_)
        self.agreements = plan.agreements_by_id
        self.indexes: dict[str, dict[str, NodeFields]] = {}
        self.checks: dict[str, AgreementRows] = {}
        self.uses: dict[str, dict[tuple[str, str], tuple]] = {}  # column_uses
        self.seen_rows: SeenRows | MaybeSeenRows | PartKeys = SeenRows()
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
        # `--person`: the person's key (one_person.person_key); another's row's problems come as
        # one OthersRow (record_of). None: every row's problems are told.
        self.pick: str | None = None
        # "did you mean" within the file's budget of comparisons (kpidsl/guesses.py); an unknown
        # agreement id given on many rows is guessed once
        self.guesses = Guesses()
        self.agreement_guesses: dict[str, str | None] = {}
        # The results folder named, ``path`` an entry of it: opened beneath it (open)
        self.folder: Path | None = None

    def open(self):
        """The file open for reading as bytes, each time it is read (kpidsl/regular_file.py
        open_results: an entry of a folder, never through a link out of it)."""
        return open_results(self.path, self.folder)

    def also_named(self, renamed: dict[str, str]) -> None:
        """Each agreement of the plan also found by the old id ``renamed`` maps to its id
        (`diff --rescore`: last year's results name an agreement `kpidsl new-year` renamed with
        the year); an old id the plan still has keeps its own agreement."""
        self.agreements = {**{old: self.agreements[new] for old, new in renamed.items() if new in self.agreements},
                           **self.agreements}

    def index_of(self, agreement: Agreement) -> dict[str, NodeFields]:
        """What each node of an agreement takes from the results (accepted_fields)."""
        index = self.indexes.get(agreement.id)
        if index is None:
            index = self.indexes[agreement.id] = accepted_fields(agreement)
        return index

    def rows_of(self, agreement: Agreement) -> "AgreementRows":
        """The checks of a row of ``agreement`` (its rounds, its dates), made once."""
        checks = self.checks.get(agreement.id)
        if checks is None:
            checks = self.checks[agreement.id] = AgreementRows(agreement, self.said_round)
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
            return phrase("line-number", line=seen)
        sheet, row = divmod(seen, SHEET_ROW_SPAN)
        return phrase("as-code", text=f"{self.sheets[sheet]}!A{row}")

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
        what = phrase("row-given", agreement=agreement, person=phrase("row-person", person=person) if person else "",
                      round=phrase("row-round", round=rnd) if rnd else "")
        return CODES["Q006"].at(self.span(line), what=what, first=self.first_at(first))

    def told_late_twice(self, line: int, first: int, identity: tuple) -> Diagnostic | OthersRow:
        """given_twice for a row found given twice at the end of a reading (MaybeSeenRows), or,
        when it is another's than the person picked (`--person`), an OthersRow."""
        if self.pick is not None and person_key(identity[1]) != self.pick:
            return OthersRow(1, person=identity[1])
        return self.given_twice(line, first, identity)

    def names_another_agreement(self, ident: str) -> bool:
        """Whether an agreement cell, stripped (``ident``), names another agreement than
        --agreement: the one rule the readers and the duplicates' pass hold a row to (Q031)."""
        return self.said_agreement is not None and bool(ident) and ident != self.said_agreement

    def said_otherwise(self, text: str, span: Span) -> Diagnostic | None:
        """Q031 when an agreement cell (``text``, at ``span``) names another agreement than
        --agreement; None when it is blank or the same (as agreement_of reads it)."""
        ident = text.strip()
        if not self.names_another_agreement(ident):
            return None
        return CODES["Q031"].at(span, id=ident, given=self.said_agreement)

    def agreement_of(self, ident: str | None, span: Span) -> tuple[Agreement | None, list[Diagnostic]]:
        ident = (ident or "").strip() or self.default_agreement
        if not ident:
            return None, [CODES["Q066"].at(span, rule_set=self.plan.rule_set, known=few(f"`{a}`" for a in sorted(self.plan.agreements_by_id)))]
        agreement = self.agreements.get(ident)
        if agreement is None:
            if ident not in self.agreement_guesses:
                self.agreement_guesses[ident] = self.guesses.closest(ident, self.agreements)
            return None, [CODES["Q001"].at(span, rule_set=self.plan.rule_set, **(
                invisible_said(ident) or {"id": ident, **guess_hint(self.agreement_guesses[ident])}))]
        return agreement, []

    def column_uses(self, agreement: Agreement) -> dict[tuple[str, str], tuple]:
        """The columns' uses for ``agreement`` worked out so far (column_use), by (node id, field)."""
        uses = self.uses.get(agreement.id)
        if uses is None:
            uses = self.uses[agreement.id] = {}
        return uses

    def column_use(self, agreement: Agreement, node_id: str, field: str) -> tuple[NodeFields | None, str, str, bool]:
        """What a column (``node_id``, ``field``) is for ``agreement``: its node (None: no such
        node), the field it gives (its node's usual one when blank), what its numbers are
        checked for (field_check; "" when the field is not one of the node's: a wrong column)
        and whether its cells may be steps (a milestone's, step_cells.py). Worked out once a
        column: a row's cells only look it up (column_uses)."""
        node = self.index_of(agreement).get(node_id)
        given = (field or node.default or "") if node is not None else field
        check = field_check(node, given) if node is not None and given in node.fields else ""
        use = (node, given, check, node is not None and node.scoring == "milestones")
        self.column_uses(agreement)[(node_id, field)] = use
        return use

    def build(self, agreement: Agreement, meta: dict[str, tuple[str, object]],
              values: list[tuple[str, str, str, str, object]], line: int, span_of: Callable[[object], Span]) -> Record | list[Diagnostic]:
        """``values``: (column header, node id, field, cell text, place); ``meta``: a meta
        column's (cell text, place). A place is made a Span by ``span_of`` only when a
        problem is told there (a CSV row's column index: no Span per cell on the happy path)."""
        diags: list[Diagnostic] = []
        checks = self.rows_of(agreement)
        fw = checks.framework
        text, place = meta.get("round", ("", None))
        rnd = round_given(text, self.round)
        # a round cell naming another round than --round: told, and the row is no evaluation
        # (not kept among the rows seen: csv_identities and FastRows leave it out alike)
        otherwise = checks.contradicts(text, rnd)
        if otherwise:
            diags.append(CODES["Q032"].at(self.span(line) if place is None else span_of(place), round=text.strip(),
                                          given=self.round))
        elif not checks.round_known(rnd):
            rounds = [r.id for r in fw.rounds]
            where = phrase("the-agreement", id=agreement.id) if agreement.round_id else \
                phrase("the-framework", id=fw.id)
            allowed = agreement.round_id or ", ".join(rounds)
            diags.append(CODES["Q005"].at(self.span(line) if place is None else span_of(place), round=rnd,
                                          where=where,
                                          **(hint("rounds-allowed", rounds=allowed) if allowed else hint("no-rounds"))))
        inputs = Inputs(round=rnd)
        text, place = meta.get("submitted", ("", None))
        if text.strip():
            day = checks.date(text)
            if day is None:
                span = span_of(place)
                diags.append(be_year_told(text, span) or CODES["Q010"].at(span, text=text.strip()))
            elif rnd is None and checks.penalised:
                diags.append(CODES["Q055"].at(span_of(place), date=text.strip(), agreement=agreement.id,
                                              framework=fw.id, rounds=", ".join(checks.penalised),
                                              all_rounds=", ".join(r.id for r in fw.rounds)))
            elif checks.round_known(rnd):
                early = checks.early(day, rnd)
                if early is not None:
                    diags.append(_before_round(checks.round_of(rnd), day, early, fw.fiscal_year, span_of(place)))
            inputs.submitted = day
        text, place = meta.get("raise", ("", None))
        if text.strip():
            value = read_number(text)
            if isinstance(value, NumberProblem):
                diags.append(number_diagnostic(value, span_of(place), "raise"))
                value = None
            inputs.raise_percent = value
        # ---- seedrules hook: population, salary, grade, group; steps one by one ----
        for name in SEED_META:
            text, place = meta.get(name, ("", None))
            if not text.strip():
                continue
            if name in ("grade", "group"):
                setattr(inputs, name, text.strip())
                grades = [g.id for g in fw.salary.grades] if fw.salary else []
                if name == "grade" and text.strip() not in grades:
                    diags.append(CODES["Q044"].at(span_of(place), grade=text.strip(), framework=fw.id,
                                                  grades=", ".join(grades) or "none"))
                continue
            value = read_number(text)
            if isinstance(value, NumberProblem):
                diags.append(number_diagnostic(value, span_of(place), name))
            elif name == "population" and (value <= 0 or value != value.to_integral_value()):
                diags.append(CODES["Q004"].at(span_of(place), what=phrase("population"), value=text.strip(),
                                              id=agreement.id, range=phrase("whole-people")))
            else:
                setattr(inputs, name, value)
        if inputs.salary is not None or inputs.grade is not None:
            outside = salary_outside_grade(fw, agreement, inputs.salary, inputs.grade)
            if outside is not None:
                # at the salary's cell, or the grade's when the salary is the agreement's; with
                # or without a raise %: a grade's salaries run from its minimum to its maximum
                # (seed 001), so the salary or the grade is wrong, as an agreement's is (A019),
                # and a salary given counts in the raise pool as it is (kpidsl/score/pool.py)
                place = meta["salary" if inputs.salary is not None else "grade"][1]
                diags.append(CODES["Q047"].at(span_of(place), id=agreement.id, **outside))
        if rnd is None and checks.pooled and (inputs.salary is not None or inputs.group):
            # as kpidsl/score/batch.py _pooled counts a row in its pool: a salary or a group given
            place = meta["salary" if inputs.salary is not None else "group"][1]
            diags.append(CODES["Q056"].at(span_of(place), agreement=agreement.id, framework=fw.id,
                                          rounds=", ".join(checks.pooled)))
        step_cells: StepCells | None = None  # made at a row's first step cell
        # ---- end of hook ----
        entries: dict[str, dict[str, Decimal]] = {}
        failed = False  # a wrong column, told at its header already
        uses = self.column_uses(agreement)
        known = NUMBERS_READ.get  # read_number's texts read before: no call for the usual cell
        for header, node_id, field, cell, place in values:
            if not cell.strip():
                continue
            node, field, check, steps = uses.get((node_id, field)) or self.column_use(agreement, node_id, field)
            if node is None:
                failed = True
                where = self.once_at_header(agreement.id, header, span_of(place))
                if where is None:
                    continue
                # among the indicators the header names no column of, first: `1.1.l` beside
                # 1.1.2 is 1.1.1's typo, though both are a letter away
                index = self.index_of(agreement)
                named = {n for _, n, _, _, _ in values}
                guess = self.guesses.closest(node_id, [i for i in index if i not in named]) \
                    or self.guesses.closest(node_id, index)
                diags.append(CODES["Q002"].at(where, agreement=agreement.id,
                                              **(invisible_said(node_id) or {"id": node_id, **guess_hint(guess)})))
                continue
            if not check:
                failed = True
                where = self.once_at_header(agreement.id, header, span_of(place))
                if where is None:
                    continue
                kind = Bi(node.kind, spell(node.kind, "th"))  # kpi / ตัวชี้วัด: a keyword as each language writes it
                diags.append(CODES["Q009"].at(where, field=field or header, kind=kind, id=node_id,
                                              fields=", ".join(node.fields) or "-"))
                continue
            if steps and is_step_cell(node.scoring, field, cell):  # seedrules hook (step_cells.py)
                if step_cells is None:
                    step_cells = StepCells(checks.date)
                problem = step_cells.take(node_id, sum(f.isdigit() for f in node.fields), field, cell,
                                          span_of(place), header)
                if problem is not None:
                    diags.append(problem)
                continue
            value = known(cell)
            if value is None:
                value = read_number(cell)
            if type(value) is NumberProblem:
                diags.append(number_diagnostic(value, span_of(place), header))
                continue
            fault = value_fault(check, value) if check in RANGE_CHECKED else None
            if fault is not None:
                diags.append(CODES["Q004"].at(span_of(place), what=fault[0], value=cell.strip(), id=node_id,
                                              range=fault[1]))
                continue
            if check == "scale":
                off = scale_fault(node, value, span_of(place), cell, node_id)
                if off is not None:
                    diags.append(off)
                    continue
            given = entries.get(node_id)
            if given is None:
                entries[node_id] = {field: value}
            else:
                given[field] = value
        # seedrules hook: a count and a list of the same steps
        for node_id in step_cells.steps if step_cells is not None else ():
            if "steps" in entries.get(node_id, {}):
                diags.append(CODES["Q006"].at(self.span(line), what=phrase("steps-done-of", id=node_id),
                                              first=self.first_at(self.seen_line(line))))
        person = person_given(meta.get("person", ("", None))[0])
        if not otherwise:
            key = self.seen_rows.key(agreement.id, person, rnd)  # as FastRows and csv_identities key it
            first = self.seen_rows.get(key)
            if first is not None:
                diags.append(self.given_twice(line, first, (agreement.id, person, rnd)))
            else:
                self.seen_rows.add(key, self.seen_line(line))
        if diags or failed:
            return diags
        where = f"{self.shown}:{line}"
        inputs.entries = {k: Entry(k, v, where) for k, v in entries.items()}
        inputs.read_fields = entries  # the same dicts (Inputs.fields_by_id)
        if step_cells is not None:
            inputs.steps_done = step_cells.done()  # seedrules hook
        return Record(agreement.id, person, rnd, inputs, self.span(line), meta, span_of, values, uses)


def record_of(reader: Reader, meta: dict, values: list, line: int,
              span_of: Callable[[object], Span] = lambda span: span,
              before: tuple[Diagnostic, ...] = ()) -> Iterator[Record | Diagnostic | OthersRow]:
    """One evaluation's record, once its cells are read: its agreement, then the record
    or what is wrong with it (CSV row and JSON object alike), after ``before`` (what its
    reader found wrong with the row already). ``span_of``: a cell's place (meta, values) as
    a Span (Reader.build); by default the places are Spans already. With Reader.pick
    (`--person`), another person's row's problems come as one OthersRow, but for a wrong
    column told at its header (Q002, Q009), which is the file's: the person's rows lack it too."""
    found = _record_of(reader, meta, values, line, span_of)
    person = person_given(meta.get("person", ("", None))[0]) if reader.pick is not None else None
    if reader.pick is None or person_key(person) == reader.pick:
        yield from before
        yield from found
        return
    errors = len(before)
    at_header = set(reader.header_spans.values())
    for item in found:
        if isinstance(item, Diagnostic) and item.span not in at_header:
            errors += 1
        else:
            yield item
    if errors:
        ident = meta.get("agreement", ("", None))[0].strip()
        held = reader.said_agreement is not None and reader.names_another_agreement(ident)  # as _record_of
        yield OthersRow(errors, ident if held else None, person)


def _record_of(reader: Reader, meta: dict, values: list, line: int,
               span_of: Callable[[object], Span]) -> Iterator[Record | Diagnostic]:
    text, place = meta.get("agreement", ("", None))
    if reader.said_agreement is not None and text.strip():  # a row for another agreement is not read on
        otherwise = reader.said_otherwise(text, reader.span(line) if place is None else span_of(place))
        if otherwise is not None:
            yield otherwise
            return
    agreement = reader.agreements.get(text.strip()) if text.strip() else None
    if agreement is None:  # the usual row names a known agreement: no Span made for it
        agreement, diags = reader.agreement_of(text, reader.span(line) if place is None else span_of(place))
        yield from diags
        if agreement is None:
            return
    result = reader.build(agreement, meta, values, line, span_of)
    if isinstance(result, list):
        yield from result
    else:
        yield result


def _before_round(rnd, day, early: tuple, fiscal_year, span: Span) -> Diagnostic:
    """Q058: a report dated before its round starts, or, for a round with a due date, ends
    (kpidsl/early_reports.py), with why that is no report of the round and what to check."""
    limit, before_start = early
    # English the ISO days, Thai the Thai ones (kpidsl/written_dates.py), the period as the rule file writes it
    iso = days_said((rnd.period.start, rnd.period.end)).en
    period = Bi(iso, rnd.period.text or iso)
    why = phrase("report-after-period", period=period, due=day_said(rnd.due.end)) if rnd.due is not None \
        else phrase("report-in-period", period=period)
    return CODES["Q058"].at(span, round=rnd.id, day=day_said(day), limit=day_said(limit),
                            when=phrase("round-starts" if before_start else "round-ends"), why=why,
                            fiscal_year=fiscal_year if fiscal_year is not None else "–")
