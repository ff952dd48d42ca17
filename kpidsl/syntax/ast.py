"""The rule AST: what a rule file means, one frozen attrs class per construct.

Lowering (lower.py) builds it from the statement tree. Nothing here is
resolved across files: references are ids with spans, dates are what the text
says (a missing year is filled in by the checker from the fiscal year in
context). Every node carries its span, excluded from equality.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Union

import attrs

from ..diagnostics.span import Span, span_field
from . import cst
from .dates import DateError, DateParts, resolve_range


@attrs.frozen
class Ref:
    """A reference by id to something declared elsewhere."""

    id: str
    span: Span | None = span_field()


@attrs.frozen
class DateRef:
    """A date or a range of dates as written. ``end`` is None for one date
    (which may itself cover several days: a month, "15-30 พ.ย.", a week)."""

    start: DateParts
    end: DateParts | None = None
    text: str = attrs.field(default="", eq=False)
    valid: bool = attrs.field(default=True, eq=False)  # False: already reported as no date
    # Written ``… outside_year`` (นอกปีงบประมาณ): the date falls outside the fiscal year
    # on purpose (a 12-month report due in October); the checker holds every other date to the year.
    outside_year: bool = False
    span: Span | None = span_field()

    def days(self, fiscal_year: int | None) -> tuple[dt.date, dt.date] | None:
        """The first and last day written, or None where they cannot be read: what is wrong
        with a date is told where it is resolved (the checker's dates pass), not by each reader."""
        if not self.valid:
            return None
        try:
            return resolve_range(self.start, self.end, fiscal_year)
        except DateError:
            return None


@attrs.frozen
class Note:
    text: str
    span: Span | None = span_field()


# ---- weights ---------------------------------------------------------------------


@attrs.frozen
class Weight:
    """``weight 20`` (fixed), ``weight agreed`` (set by each agreement)."""

    value: Decimal | None  # None when agreed
    agreed: bool = False
    span: Span | None = span_field()


@attrs.frozen
class Optional:
    """``optional`` alone, ``optional -> 1.1``, or ``optional proportional``."""

    to: Ref | None = None
    proportional: bool = False
    span: Span | None = span_field()


# ---- scoring -------------------------------------------------------------------------


@attrs.frozen
class Threshold:
    value: Decimal
    op: str | None = None  # an explicit comparison: ">=", "<=", ">", "<"
    span: Span | None = span_field()


@attrs.frozen
class Ladder:
    """Five thresholds for levels 1..5, or a target at level 3 and a step."""

    direction: str = "higher"  # or "lower"
    direction_written: bool = attrs.field(default=False, eq=False)
    thresholds: tuple[Threshold, ...] = ()
    target: Decimal | None = None
    step: Decimal | None = None
    span: Span | None = span_field()


@attrs.frozen
class Milestone:
    number: int
    text: str
    due: DateRef | None = None
    evidence: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    span: Span | None = span_field()


@attrs.frozen
class Milestones:
    steps: tuple[Milestone, ...]
    span: Span | None = span_field()
    head_span: Span | None = span_field()  # its keyword: what is wrong with its steps is told there


@attrs.frozen
class WeightedAverage:
    """Σ(W×SM)/ΣW over sub-indicators each agreement supplies; the ladder, if
    given, is the one every sub-indicator uses unless it has its own."""

    ladder: Ladder | None = None
    unit: str | None = None
    span: Span | None = span_field()
    head_span: Span | None = span_field()  # its keyword, as Milestones'


@attrs.frozen
class Input:
    names: tuple[str, ...]
    label: str | None = None
    unit: str | None = None
    span: Span | None = span_field()
    # Where each of ``names`` is written: one line declares several, and a duplicate is
    # told at its own name (kpidsl/check/names.py). Like ``span``, never compared.
    name_spans: tuple[Span | None, ...] = attrs.field(default=(), eq=False, repr=False, kw_only=True)


@attrs.frozen
class FormulaScoring:
    """Named inputs → a value (own interpreter over ``expr``) → a ladder."""

    inputs: tuple[Input, ...]
    expr: cst.Expr
    ladder: Ladder | None
    span: Span | None = span_field()


@attrs.frozen
class LadderScoring:
    ladder: Ladder
    span: Span | None = span_field()


@attrs.frozen
class MilestoneScoring:
    milestones: Milestones
    span: Span | None = span_field()


@attrs.frozen
class OwnerScore:
    """The score (1..5) is supplied by the indicator's owner."""

    span: Span | None = span_field()


@attrs.frozen
class Part:
    id: str
    title: str | None
    share: Decimal | None
    scoring: "Scoring | None"
    unit: str | None = None
    description: str | None = None
    notes: tuple[Note, ...] = ()
    source: str | None = None
    span: Span | None = span_field()
    id_span: Span | None = span_field()


@attrs.frozen
class Composite:
    parts: tuple[Part, ...]
    span: Span | None = span_field()


Scoring = Union[LadderScoring, MilestoneScoring, WeightedAverage, FormulaScoring, Composite, OwnerScore]


def header_span(thing) -> Span | None:
    """Where a statement that may open a block is told: from its keyword to its id (`band good`,
    `part survey`), or its keyword alone (`milestones`); a scoring by its parts at the first part's.
    An editor underlines a diagnostic's whole span: a block's ran 10-40 lines for a fault of its
    header, where `kpidsl check` shows the first line (tests/test_check_fixtures.py OVER_LINES)."""
    if isinstance(thing, MilestoneScoring):
        thing = thing.milestones
    elif isinstance(thing, Composite) and thing.parts:
        thing = thing.parts[0]
    span = thing.span
    named = getattr(thing, "id_span", None) or getattr(thing, "head_span", None)
    if span is None or named is None or named.line != span.line:
        return named or span
    return span.to(named)


# ---- indicator template -------------------------------------------------------------------


@attrs.frozen
class Definition:
    term: str | None
    meaning: str
    span: Span | None = span_field()


@attrs.frozen
class Baseline:
    year: int
    value: Decimal | None
    text: str | None = None
    span: Span | None = span_field()


@attrs.frozen
class Template:
    """The indicator details (KPI template) as the seeds list them."""

    description: str | None = None
    definitions: tuple[Definition, ...] = ()
    formula_text: str | None = None
    conditions: tuple[str, ...] = ()
    baselines: tuple[Baseline, ...] = ()
    owners: tuple[str, ...] = ()
    supervisors: tuple[str, ...] = ()
    collectors: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    reason: str | None = None
    kind: str | None = None
    importance: str | None = None
    task: str | None = None  # งาน/โครงการ (seed 004)
    key_result: str | None = None  # ผลสัมฤทธิ์หลัก (KRAs, seed 004) / ผลสัมฤทธิ์ที่คาดหวัง (seed 001)
    # Each field's first statement, by attribute name: where a change of it is reported.
    sources: tuple[tuple[str, Span], ...] = attrs.field(default=(), eq=False, repr=False, kw_only=True)


@attrs.frozen
class Cascade:
    mode: str  # direct, split, partial
    agreement: Ref
    kpi: Ref
    span: Span | None = span_field()


@attrs.frozen
class Group:
    """A heading over some of a node's indicators (seed 001 สไลด์ 17: เป้าหมายเชิงยุทธศาสตร์ /
    เป้าหมายงานด้านอื่นๆ): the forms print it above them; scoring never reads it."""

    title: str
    members: tuple[Ref, ...]
    span: Span | None = span_field()
    title_span: Span | None = span_field()  # a heading given twice is told at its title


@attrs.frozen
class Node:
    """A perspective, dimension, indicator, component or competency.

    In a framework it defines; in an agreement a node whose id exists in the
    framework fills it in (agreed weight, sub-indicators, targets), and a new
    id adds an indicator where the framework leaves room for one.
    """

    kind: str
    id: str
    title: str | None = None
    weight: Weight | None = None
    optional: Optional | None = None
    share: Decimal | None = None
    multiplier: Decimal | None = None
    scale: Ref | None = None
    unit: str | None = None
    target: Decimal | None = None
    scoring: Scoring | None = None
    agreed_kpis: bool = False
    template: Template = Template()
    cascade: Cascade | None = None
    children: tuple["Node", ...] = ()
    source: str | None = None
    notes: tuple[Note, ...] = ()
    groups: tuple[Group, ...] = ()
    span: Span | None = span_field()
    id_span: Span | None = span_field()


# ---- policies, rounds, bands, calendars --------------------------------------------------


@attrs.frozen
class Setting:
    key: str
    value: Union[str, Decimal, int]
    span: Span | None = span_field()


@attrs.frozen
class Policy:
    settings: tuple[Setting, ...]
    span: Span | None = span_field()

    def get(self, key: str):
        for s in self.settings:
            if s.key == key:
                return s
        return None


@attrs.frozen
class Penalty:
    amount: Decimal
    per: str = "working_day"  # or "day"
    span: Span | None = span_field()


@attrs.frozen
class Round:
    id: str
    title: str | None = None
    period: DateRef | None = None
    due: DateRef | None = None
    late_penalty: Penalty | None = None
    source: str | None = None
    notes: tuple[Note, ...] = ()
    span: Span | None = span_field()
    id_span: Span | None = span_field()


@attrs.frozen
class Bound:
    op: str
    value: Decimal
    span: Span | None = span_field()


@attrs.frozen
class RaiseRange:
    low: Decimal
    high: Decimal
    span: Span | None = span_field()


@attrs.frozen
class Band:
    id: str
    title: str | None
    lower: Bound | None
    upper: Bound | None
    raise_: RaiseRange | None = None
    no_raise: bool = False
    notes: tuple[Note, ...] = ()
    span: Span | None = span_field()
    id_span: Span | None = span_field()


@attrs.frozen
class Bands:
    id: str
    title: str | None
    low: Decimal | None
    high: Decimal | None
    bands: tuple[Band, ...]
    range_span: Span | None = span_field()
    source: str | None = None
    notes: tuple[Note, ...] = ()
    span: Span | None = span_field()
    id_span: Span | None = span_field()


@attrs.frozen
class Activity:
    id: str
    title: str | None
    when: tuple[DateRef, ...] = ()
    due: DateRef | None = None
    responsible: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    source: str | None = None
    notes: tuple[Note, ...] = ()
    span: Span | None = span_field()
    id_span: Span | None = span_field()


@attrs.frozen
class Calendar:
    id: str
    title: str | None
    fiscal_year: int | None
    activities: tuple[Activity, ...]
    source: str | None = None
    notes: tuple[Note, ...] = ()
    span: Span | None = span_field()
    id_span: Span | None = span_field()
    # The months the plan covers when they are not the fiscal year (seed 000's Rayong plan
    # runs ม.ค.–ต.ค.): the columns of its month chart.
    period: DateRef | None = None


# ---- individuals ---------------------------------------------------------------------------


@attrs.frozen
class Limit:
    """A check the file declares: ``limit kpis <= 10 warning``,
    ``limit share achievement >= 70%``."""

    subject: str  # kpis, share
    of: str | None
    op: str
    value: Decimal
    severity: str = "error"
    message: str | None = None
    span: Span | None = span_field()
    of_span: Span | None = span_field()  # where ``of`` is written: an unknown one is told there


@attrs.frozen
class ScaleLevel:
    number: int
    text: str
    span: Span | None = span_field()


@attrs.frozen
class Scale:
    id: str
    title: str | None
    levels: tuple[ScaleLevel, ...]
    source: str | None = None
    span: Span | None = span_field()
    id_span: Span | None = span_field()


@attrs.frozen
class Pool:
    percent: Decimal
    on: DateRef | None = None
    round: str | None = None
    span: Span | None = span_field()
    round_span: Span | None = span_field()  # an unknown round is told at its id


@attrs.frozen
class Grade:
    id: str
    title: str | None
    min: Decimal | None = None
    lower_mid: Decimal | None = None
    split_at: Decimal | None = None
    upper_mid: Decimal | None = None
    max: Decimal | None = None
    source: str | None = None
    span: Span | None = span_field()
    id_span: Span | None = span_field()


@attrs.frozen
class PoolGroup:
    """A group of positions whose raises come from a pool of their own (seed 001, ว 28/52 ข้อ 3)."""

    id: str
    title: str | None
    span: Span | None = span_field()
    id_span: Span | None = span_field()


@attrs.frozen
class Salary:
    pools: tuple[Pool, ...] = ()
    cap: Decimal | None = None
    base: str | None = None
    rounding: str | None = None
    rounding_unit: Decimal | None = None
    grades: tuple[Grade, ...] = ()
    source: str | None = None
    notes: tuple[Note, ...] = ()
    span: Span | None = span_field()
    groups: tuple[PoolGroup, ...] = ()
    leftover: str | None = None  # spread | keep; kpidsl/policies.py POOL_LEFTOVER when None


@attrs.frozen
class Strategy:
    id: str
    title: str
    span: Span | None = span_field()
    id_span: Span | None = span_field()


@attrs.frozen
class SampleRow:
    """A row of a declared sample-size table (seed 003 slide 52): populations from
    ``lower`` to ``upper`` (each (op, value) or None for open) take ``n`` people."""

    lower: tuple[str, Decimal] | None
    upper: tuple[str, Decimal] | None
    n: Decimal
    span: Span | None = span_field()


@attrs.frozen
class SampleSize:
    method: str
    error: Decimal
    source: str | None = None
    span: Span | None = span_field()
    rounding: str | None = None  # of n to whole people; kpidsl/policies.py SAMPLE_SIZE_ROUNDING when None
    rows: tuple[SampleRow, ...] = ()


# ---- top-level declarations ------------------------------------------------------------------




@attrs.frozen
class Framework:
    id: str
    title: str | None
    level: str | None = None
    fiscal_year: int | None = None
    source: str | None = None
    notes: tuple[Note, ...] = ()
    policy: Policy | None = None
    nodes: tuple[Node, ...] = ()
    rounds: tuple[Round, ...] = ()
    bands: Ref | None = None
    calendars: tuple[Ref, ...] = ()
    limits: tuple[Limit, ...] = ()
    salary: Salary | None = None
    scales: tuple[Scale, ...] = ()
    strategies: tuple[Strategy, ...] = ()
    sample_size: SampleSize | None = None
    evidence: tuple[str, ...] = ()
    agreement_requires: tuple[str, ...] = ()  # entries of kpidsl/vocabulary.py AGREEMENT_REQUIRES
    # A fiscal_year line was written, even if its year could not be read (so
    # the checker does not also say there is none).
    fiscal_year_written: bool = attrs.field(default=False, eq=False)
    span: Span | None = span_field()
    id_span: Span | None = span_field()


@attrs.frozen
class Signatory:
    name: str
    role: str | None = None
    span: Span | None = span_field()


@attrs.frozen
class Agreement:
    id: str
    title: str | None
    framework: Ref | None = None
    fiscal_year: int | None = None
    organisation: str | None = None
    person: str | None = None
    assessor: str | None = None
    signatories: tuple[Signatory, ...] = ()
    period: DateRef | None = None
    plan: str | None = None
    round: str | None = None
    omits: tuple[Ref, ...] = ()
    nodes: tuple[Node, ...] = ()
    salary: Decimal | None = None
    grade: Ref | None = None
    source: str | None = None
    notes: tuple[Note, ...] = ()
    span: Span | None = span_field()
    round_span: Span | None = span_field()
    id_span: Span | None = span_field()
    population: Decimal | None = None  # N for the framework's survey sample size
    salary_span: Span | None = span_field()  # the salary's figure (A021)


@attrs.frozen
class StepDone:
    """A milestone step an example reports done, and the day it was done:
    ``kpi 7 step_done 2 29 ก.พ. 2555`` (``ขั้นที่ 2 29 ก.พ. 2555``). The day against the
    step's due date and the rule set's ``late_step`` policy decide whether the step counts."""

    step: int
    date: DateRef


@attrs.frozen
class Fact:
    """One line of an example's given or expected figures:
    ``kpi 5 result 82.5`` is subject ("kpi", "5"), field "result", value 82.5."""

    subject: str | None
    subject_id: str | None
    field: str
    value: Union[Decimal, str, DateRef, StepDone]
    span: Span | None = span_field()
    # Where the subject's id and the value are written: an unknown indicator, part or band
    # is told at its own name (kpidsl/check/names.py), not at the field word.
    subject_span: Span | None = span_field()
    value_span: Span | None = span_field()
    # Where the field's word is written (``result``, ``X1``): a field its indicator does not
    # take, or given twice, is told there (kpidsl/check/examples.py).
    field_span: Span | None = span_field()


@attrs.frozen
class Example:
    id: str
    title: str | None
    agreement: Ref | None = None
    round: str | None = None
    given: tuple[Fact, ...] = ()
    expect: tuple[Fact, ...] = ()
    source: str | None = None
    notes: tuple[Note, ...] = ()
    span: Span | None = span_field()
    round_span: Span | None = span_field()
    id_span: Span | None = span_field()


@attrs.frozen
class HolidayChange:
    date: DateRef
    name: str | None
    span: Span | None = span_field()


@attrs.frozen
class Holidays:
    country: str | None = None
    add: tuple[HolidayChange, ...] = ()
    remove: tuple[HolidayChange, ...] = ()
    source: str | None = None
    span: Span | None = span_field()
    country_span: Span | None = span_field()  # an unknown country code is told there


Declaration = Union[Framework, Agreement, Bands, Calendar, Example, Policy, Holidays]


@attrs.frozen
class Review:
    """``review "…"``: a figure to confirm for the new year (kpidsl new-year
    writes them; staff delete each once confirmed). ``where`` names the block."""

    text: str | None
    where: tuple[str, str] = attrs.field(eq=False)  # (en, th): the block it is written in (no review is outside one)
    span: Span | None = span_field()


@attrs.frozen
class RuleFile:
    path: str = attrs.field(eq=False)
    declarations: tuple[Declaration, ...]
    reviews: tuple[Review, ...] = ()
