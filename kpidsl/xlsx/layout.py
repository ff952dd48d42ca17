"""What a results-entry sheet holds for one agreement, worked out from the plan alone
(no spreadsheet library here): its columns, each named by the results-file header the
CSV reader (kpidsl/score/results/) takes, with the Thai reference text a person
needs while typing, and its rows, one per person and round."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Literal

import attrs

from ..plan.model import (Agreement, AgreementNode, Composite, Formula, Framework, Ladder, Milestones, OwnerScore,
                          Plan, ScaleScoring, Step, Threshold)
from ..plan.model.fields import dec_text
from ..plan.model.tables import Bound
from ..plan.read import plan_of
from ..scale_scores import scale_range
from ..score_range import HIGHEST_SCORE, LOWEST_SCORE, SCORE_RANGE
from ..thai import format_date

# What a cell takes, for its data validation and number format: ``step`` a milestone step's
# date done or a mark (kpidsl/score/milestone_steps.py), ``people`` a whole number from 1,
# ``money`` baht from 0, ``choice`` one of ``Column.choices``.
Kind = Literal["text", "decimal", "score", "level", "steps", "date", "percent", "step", "people", "money", "choice"]

# The reference rows above the entry table, in order; the five levels or steps follow.
REFERENCE_LABELS = ("ตัวชี้วัด", "ชื่อตัวชี้วัด", "ช่องที่กรอก", "หน่วย")
LEVEL_LABELS = tuple(f"ระดับ/ขั้นที่ {n}" for n in range(1, 6))
TITLE_ROWS = 4  # title, agreement, salary and position, a blank row (kpidsl/xlsx/write.py)
# The rows above the first entry row: the title block, the reference rows, the machine row.
TOP_ROWS = TITLE_ROWS + len(REFERENCE_LABELS) + len(LEVEL_LABELS) + 1
SHEET_ROWS = 1_048_576  # the rows of an .xlsx sheet (Excel's limit; openpyxl writes past it without a word)
LOW, HIGH = str(LOWEST_SCORE), str(HIGHEST_SCORE)  # a score's bounds as a cell's validation writes them
MAX_STEPS = int(HIGHEST_SCORE)  # the reader takes 0–5 steps done; more steps are listed, the count stays 0–5


@attrs.frozen
class Column:
    header: str  # the results-file column name: `agreement`, `5`, `8:X1`, `11:survey`, `c1:score`
    label: str  # what is typed there, in Thai
    kind: Kind
    node: str = ""  # the indicator id, blank for agreement/person/round/submitted/raise
    title: str = ""
    unit: str = ""
    levels: tuple[str, ...] = ()  # the five thresholds, or each milestone step
    entry: bool = True  # False: filled in by kpidsl and locked
    low: str = ""  # validation bounds, as text
    high: str = ""
    choices: tuple[str, ...] = ()  # a ``choice`` column's values (ids of the rule set)


@attrs.frozen
class Row:
    agreement: str
    person: str  # blank: typed by the person filling in
    round: str  # blank: the agreement has no rounds


@attrs.frozen
class EntryRows(Sequence):
    """The entry rows of a sheet, in order: each round's row (``rounds``) ``people`` times.
    Made as they are written (kpidsl/xlsx/write.py): `workbook --people` takes memory flat
    in the rows, not a Row each."""

    rounds: tuple[Row, ...]
    people: int = 1

    def __len__(self) -> int:
        return len(self.rounds) * self.people

    def __iter__(self) -> Iterator[Row]:
        for row in self.rounds:
            for _ in range(self.people):
                yield row

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self.rounds[(index % len(self)) // self.people]


@attrs.frozen
class Sheet:
    agreement: Agreement
    columns: tuple[Column, ...]
    rows: EntryRows
    salary: str  # the agreement's salary and position, when the rule set has salary rules
    grade: str
    population: str = ""  # the agreement's population N, when its framework has a sample-size rule
    reviews: int = 0  # the rule set's review lines left (Y001): a draft's sheet says so


class TooManyRows(ValueError):
    """The agreement's rows (``people`` a round, for each of its ``rounds``) are more than a
    sheet has below its top rows (MAX_PEOPLE)."""

    def __init__(self, agreement: str, people: int, rounds: int):
        super().__init__(agreement)
        self.agreement, self.people, self.rounds = agreement, people, rounds


class RoundError(ValueError):
    """The round asked for is not one of the agreement's."""

    def __init__(self, agreement: str, round_: str, rounds: list[str]):
        super().__init__(round_)
        self.agreement, self.round, self.rounds = agreement, round_, rounds


def has_salary_rules(agreement: Agreement) -> bool:
    """An agreement whose framework has salary rules: its evaluations carry the raise %
    decided, worked into an amount from the salary (kpidsl/score/engine.py)."""
    return agreement.framework.salary is not None


def _threshold(t: Threshold) -> str:
    return f"{t.op} {dec_text(t.value)}" if t.op else dec_text(t.value)


def _ladder_levels(ladder: Ladder | None) -> tuple[str, ...]:
    if not isinstance(ladder, Ladder):
        return ()
    return tuple(_threshold(t) for t in ladder.thresholds)


def _step_columns(nid: str, title: str, steps: tuple[Step, ...]) -> list[Column]:
    """A column per milestone step (``7:1`` …): the date the step was done, or a mark (✓).
    Each shows its own step in the row of its level, and its due date as its unit."""
    out = []
    for k, step in enumerate(steps, start=1):
        unit = f"ภายใน {format_date(step.due.end)}" if step.due else ""
        levels = ("",) * (min(k, MAX_STEPS) - 1) + (f"{step.number}. {step.text}",)
        out.append(Column(f"{nid}:{step.number}", f"ขั้นที่ {step.number}: วันที่ทำเสร็จ หรือ ✓", "step",
                          node=nid, title=title, unit=unit, levels=levels))
    return out


def _node_columns(n: AgreementNode, framework: Framework) -> list[Column]:
    """The columns of one indicator. A milestone indicator has a column per step as well as
    the count: the rule set's milestone_count policy (in every typed plan, by default
    consecutive steps from step 1) scores the steps done listed one by one."""
    scoring = n.scoring
    nid, title, unit = n.id, n.title or "", n.unit or ""
    common = {"node": nid, "title": title}
    if isinstance(scoring, Ladder):
        # The individual forms have the assessor give the score itself (seed 001): the results
        # file takes either, and a score given wins over the result.
        return [Column(nid, "ผลการดำเนินงาน", "decimal", unit=scoring.unit or unit,
                       levels=_ladder_levels(scoring), **common),
                Column(f"{nid}:score", f"หรือคะแนนที่ให้โดยตรง ({SCORE_RANGE})", "score", low=LOW, high=HIGH, **common)]
    if isinstance(scoring, Milestones):
        steps = scoring.steps
        levels = tuple(f"{s.number}. {s.text}" for s in steps)
        count = Column(nid, "จำนวนขั้นที่ผ่าน", "steps", unit="ขั้น", levels=levels, low="0",
                       high=str(min(len(steps), MAX_STEPS)), **common)
        return [*_step_columns(nid, title, steps), attrs.evolve(count, label="หรือจำนวนขั้นที่ผ่าน")]
    if isinstance(scoring, Formula):
        levels = _ladder_levels(scoring.ladder)
        return [Column(f"{nid}:{name}", f"{name}: {inp.label or ''}".rstrip(": "), "decimal",
                       unit=inp.unit or "", levels=levels, **common)
                for inp in scoring.inputs for name in inp.names]
    if isinstance(scoring, Composite):
        out = []
        for part in scoring.parts:
            ps = part.scoring
            if isinstance(ps, Ladder):
                out.append(Column(f"{nid}:{part.id}", f"{part.id}: ผลการดำเนินงาน", "decimal",
                                  unit=ps.unit or "", levels=_ladder_levels(ps), **common))
            else:
                out.append(Column(f"{nid}:{part.id}", f"{part.id}: คะแนน ({SCORE_RANGE})", "score", low=LOW,
                                  high=HIGH, **common))
        return out
    if isinstance(scoring, ScaleScoring):
        scale = _scale_column(n, framework, scoring.scale)
        if scale is not None:
            return [scale]
    if isinstance(scoring, (OwnerScore, ScaleScoring)) or (scoring is None and not n.children):
        return [Column(f"{nid}:score", f"คะแนน ({SCORE_RANGE})", "score", low=LOW, high=HIGH, **common)]
    return []  # sums and weighted averages are computed from their children


def _scale_column(n: AgreementNode, framework: Framework, scale_id: str) -> Column | None:
    """A score on a scale, validated as the evaluator holds it (kpidsl/scale_scores.py): one
    of the scale's levels under ``scale_score whole`` (a whole number when every one between
    the lowest and the highest is a level, else a list of them), any figure from the lowest
    level to the highest under ``between``."""
    within = scale_range(framework, scale_id, framework.policies.scale_score)
    if within is None:
        return None
    low, high = _figure(within.low), _figure(within.high)
    what = "ระดับสมรรถนะ" if n.kind == "competency" else "คะแนนตามมาตรวัด"
    common = {"node": n.id, "title": n.title or ""}
    if within.between:
        return Column(f"{n.id}:score", f"{what} ({low}–{high} ทศนิยมได้)", "score", low=low, high=high, **common)
    if within.whole:
        return Column(f"{n.id}:score", f"{what} ({low}–{high})", "level", low=low, high=high, **common)
    levels = tuple(_figure(v) for v in within.levels)
    return Column(f"{n.id}:score", f"{what} ({', '.join(levels)})", "choice", choices=levels, **common)


def _figure(value: Decimal) -> str:
    """12345.60 → 12,345.6: a figure of the rule set as people write it."""
    return format(value.normalize() if value == value.to_integral_value() else value, ",f")


def _listed(pairs: list[tuple[str, str | None]]) -> tuple[str, ...]:
    """``id title`` of each choice, one a level row; past the rows, the last lists the rest."""
    texts = [f"{i} {t or ''}".strip() for i, t in pairs]
    if len(texts) > MAX_STEPS:
        texts = texts[:MAX_STEPS - 1] + [" / ".join(texts[MAX_STEPS - 1:])]
    return tuple(texts)


def _pool_columns(framework: Framework) -> list[Column]:
    """salary, grade and group (kpidsl/score/pool.py) when the salary block declares pool
    groups: the pool of each round is its share of the salaries, kept per group."""
    salary = framework.salary
    if salary is None or not salary.groups:
        return []
    pools = []
    for p in salary.pools:
        when = f" ณ {format_date(p.on.end)}" if p.on else ""
        pools.append((f"รอบ {p.round}: " if p.round else "") + f"{_figure(p.percent)}% ของเงินเดือน{when}")
    out = [Column("salary", "เงินเดือน (ฐานวงเงิน)", "money", unit="บาท", title="วงเงินเลื่อนเงินเดือน",
                  levels=tuple(pools[:MAX_STEPS]), low="0")]
    if salary.grades:
        out.append(Column("grade", "ระดับตำแหน่ง", "choice", title="ระดับตำแหน่ง (เลือกจากรายการ)",
                          levels=_listed([(g.id, g.title) for g in salary.grades]),
                          choices=tuple(g.id for g in salary.grades)))
    out.append(Column("group", "กลุ่มวงเงิน", "choice", title="กลุ่มวงเงิน (เลือกจากรายการ)",
                      levels=_listed([(g.id, g.title) for g in salary.groups]),
                      choices=tuple(g.id for g in salary.groups)))
    return out


def _range(lower: Bound | None, upper: Bound | None) -> str:
    """A table row's range of N as the seed writes it: `< 500`, `10,001 – 100,000`."""
    if lower and upper and (lower.op, upper.op) == (">=", "<="):
        return f"{_figure(lower.value)} – {_figure(upper.value)}"
    return " และ ".join(f"{b.op} {_figure(b.value)}" for b in (lower, upper) if b)


def _population_columns(framework: Framework) -> list[Column]:
    """population (kpidsl/score/sample_size.py) when the framework has a sample-size rule:
    N, from which n = N / (1 + N e²) people are surveyed (or the declared table's n)."""
    rule = framework.sample_size
    if rule is None:
        return []
    error = _figure(rule.error * 100)
    rows = tuple(f"N {_range(r.lower, r.upper)} → {_figure(r.n)} คน" for r in rule.table)
    return [Column("population", "จำนวนประชากร (N)", "people", unit="คน",
                   title=f"ขนาดกลุ่มตัวอย่าง n = N / (1 + N e²), e = {error}%", levels=rows[:MAX_STEPS], low="1")]


def _columns(agreement: Agreement) -> list[Column]:
    out = [Column("agreement", "คำรับรอง", "text", entry=False),
           Column("person", "ผู้รับการประเมิน", "text", entry=not agreement.person),
           Column("round", "รอบ", "text", entry=False),
           Column("submitted", "วันที่ส่งรายงาน", "date")]
    if has_salary_rules(agreement):
        out.append(Column("raise", "ร้อยละการเลื่อนเงินเดือน", "percent", unit="ร้อยละ", low="0", high="100"))
    framework = agreement.framework
    out.extend(_pool_columns(framework))
    out.extend(_population_columns(framework))
    omitted = set(agreement.omitted)

    def visit(nodes: tuple[AgreementNode, ...]) -> None:
        for n in nodes:
            if n.id in omitted or n.omitted:
                continue
            out.extend(_node_columns(n, framework))
            visit(n.children)

    visit(agreement.nodes)
    return out


def _rounds(agreement: Agreement, round_: str | None) -> list[str]:
    rounds = [agreement.round_id] if agreement.round_id else [r.id for r in agreement.framework.rounds]
    if round_ is None:
        return rounds or [""]
    if round_ not in rounds:
        raise RoundError(agreement.id, round_, rounds)
    return [round_]


# `kpidsl workbook --people`: a unit's staff on one agreement, a row each, as many as a sheet
# has below its top rows; an agreement of several rounds has that many rows in all (TooManyRows).
# The workbook is written row by row, its memory flat in the rows (benchmarks/bench_workbook_people.py).
MAX_PEOPLE = SHEET_ROWS - TOP_ROWS


def sheet_of(plan: Plan | dict, agreement_id: str, round_: str | None = None, people: int = 1) -> Sheet:
    """The entry sheet of one agreement of ``plan`` (typed, or the compiler's dict): one row
    for each of its rounds (or ``round_``); ``people`` rows a round when the agreement names
    no person (one agreement for a whole unit, each person's name typed in their row).
    TooManyRows when they are more than a sheet holds."""
    typed = plan_of(plan)
    agreement = typed.agreement(agreement_id)
    person = agreement.person or ""
    each = 1 if person else people
    rows = EntryRows(tuple(Row(agreement_id, person, r) for r in _rounds(agreement, round_)), each)
    if len(rows) > MAX_PEOPLE:
        raise TooManyRows(agreement_id, each, len(rows.rounds))
    salary = grade = ""
    if has_salary_rules(agreement):
        salary, grade = dec_text(agreement.salary) or "", agreement.grade_id or ""
    population = agreement.population if agreement.framework.sample_size else None
    return Sheet(agreement, tuple(_columns(agreement)), rows, salary, grade,
                 _figure(population) if population is not None else "", len(typed.reviews))
