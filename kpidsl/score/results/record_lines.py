"""A results row's record as a JSON value and back: what a run keeps of a row on disk
while it waits (`kpidsl render --results`, kpidsl/forms/fills.py), plain values that are
parsed, never run (kpidsl/sorted_spill.py).

Kept: the agreement, person, round, the row's place and its Inputs (every figure as the
text of its Decimal, which gives the same Decimal back, dates as ISO text). Not kept: what
only a problem of the row would need told (its cells' places), since a row waits here only
once every row is read and found free of problems."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ...diagnostics.span import Span
from ..milestone_steps import StepsDone
from ..scored import Entry, Inputs
from .reader import Record


def _number(value: Decimal | None) -> str | None:
    if value is None:
        return None
    if type(value) is not Decimal:
        raise TypeError(f"a results figure that is not a Decimal: {type(value).__name__}")
    return str(value)


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _day(value: dt.date | None) -> str | None:
    if value is None:
        return None
    if type(value) is not dt.date:
        raise TypeError(f"a results date that is not a date: {type(value).__name__}")
    return value.isoformat()


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def inputs_value(inputs: Inputs) -> list:
    return [
        [[e.id, {name: _number(v) for name, v in e.fields.items()}, e.where] for e in inputs.entries.values()],
        _day(inputs.submitted), _number(inputs.raise_percent), inputs.round,
        [[node, list(done.steps), [[s, _day(d)] for s, d in done.dates]] for node, done in inputs.steps_done.items()],
        _number(inputs.population), _number(inputs.salary), inputs.grade, inputs.group,
    ]


def inputs_of(value: list) -> Inputs:
    entries, submitted, raise_percent, rnd, steps, population, salary, grade, group = value
    return Inputs(
        {id_: Entry(id_, {name: Decimal(v) for name, v in fields.items()}, where) for id_, fields, where in entries},
        _date(submitted), _decimal(raise_percent), rnd,
        {node: StepsDone(tuple(done), tuple((s, _date(d)) for s, d in dates)) for node, done, dates in steps},
        _decimal(population), _decimal(salary), grade, group)


def record_value(record: Record) -> list:
    s = record.span
    return [record.agreement, record.person, record.round, [s.path, s.line, s.column, s.end_line, s.end_column],
            inputs_value(record.inputs)]


def record_of(value: list) -> Record:
    agreement, person, rnd, span, inputs = value
    return Record(agreement, person, rnd, inputs_of(inputs), Span(*span))
