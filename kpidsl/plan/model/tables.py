"""The tables a framework refers to: scoring policies, rating bands, salary-raise
rules, limits, competency scales, strategies and the survey sample size."""

from __future__ import annotations

from decimal import Decimal

import attrs

from ... import penalty_floor
from .dates import Dates, dates_json, read_dates
from .fields import Field, dec_text, each_json, maybe_json
from .scoring import COMPARISONS
from .source import Source

POLICY_KEYS = ("cap", "decimals", "floor", "interpolate", "late_step", "milestone_count", "redistribute", "round_at",
               "rounding", "scale_score", "penalty_floor")
ROUNDINGS = ("half_up", "half_even", "up", "down")


@attrs.frozen
class Policies:
    """Scoring policies in force (kpidsl/policies.py): the seeds' defaults, overridden
    by the rule set's policy blocks."""

    cap: Decimal
    decimals: int
    floor: Decimal
    interpolate: str  # linear | whole
    redistribute: str  # proportional | none
    round_at: str  # total | indicator_level
    rounding: str  # half_up | half_even | up | down
    milestone_count: str = "consecutive"  # consecutive | listed
    late_step: str = "not_counted"  # not_counted | counted
    scale_score: str = "whole"  # whole | between (kpidsl/scale_scores.py)
    penalty_floor: Decimal | None = penalty_floor.DEFAULT  # None: `none` (kpidsl/penalty_floor.py)

    @classmethod
    def read(cls, f: Field) -> "Policies":
        o = f.obj(*POLICY_KEYS)
        return cls(o["cap"].number(), o["decimals"].integer(0, 10), o["floor"].number(),
                   o["interpolate"].one_of("linear", "whole"), o["redistribute"].one_of("proportional", "none"),
                   o["round_at"].one_of("total", "indicator_level"), o["rounding"].one_of(*ROUNDINGS),
                   o["milestone_count"].one_of("consecutive", "listed"), o["late_step"].one_of("not_counted", "counted"),
                   o["scale_score"].one_of("whole", "between"),
                   None if o["penalty_floor"].value == "none" else o["penalty_floor"].number())

    def to_json(self) -> dict:
        return {"cap": str(self.cap), "decimals": self.decimals, "floor": str(self.floor),
                "interpolate": self.interpolate, "late_step": self.late_step, "milestone_count": self.milestone_count,
                "penalty_floor": "none" if self.penalty_floor is None else str(self.penalty_floor),
                "redistribute": self.redistribute, "round_at": self.round_at, "rounding": self.rounding,
                "scale_score": self.scale_score}


def read_policy_sources(f: Field) -> tuple[tuple[str, Source], ...]:
    """The line of each policy setting a rule file writes (a default has none)."""
    o = f.obj(optional=POLICY_KEYS)
    return tuple((key, Source.read(o[key])) for key in o.value)


def policy_sources_json(sources: tuple[tuple[str, Source], ...]) -> dict:
    return {key: source.to_json() for key, source in sources}


# ---- rating bands --------------------------------------------------------------------------------
@attrs.frozen
class Bound:
    op: str  # >= > <= <
    value: Decimal

    @classmethod
    def read(cls, f: Field) -> "Bound":
        o = f.obj("op", "value")
        return cls(o["op"].one_of(*COMPARISONS), o["value"].decimal())

    def to_json(self) -> dict:
        return {"op": self.op, "value": dec_text(self.value)}


@attrs.frozen
class RaiseRange:
    """A band's salary raise, in percent: from ``low`` to ``high``."""

    low: Decimal
    high: Decimal

    @classmethod
    def read(cls, f: Field) -> "RaiseRange":
        o = f.obj("low", "high")
        return cls(o["low"].decimal(), o["high"].decimal())

    def to_json(self) -> dict:
        return {"low": dec_text(self.low), "high": dec_text(self.high)}


@attrs.frozen
class Band:
    id: str
    title: str | None
    lower: Bound | None
    upper: Bound | None
    raise_range: RaiseRange | None
    no_raise: bool
    source: Source

    @classmethod
    def read(cls, f: Field) -> "Band":
        o = f.obj("id", "title", "lower", "upper", "raise", "no_raise", "source")
        return cls(o["id"].id(), o["title"].maybe(Field.text), o["lower"].maybe(Bound.read),
                   o["upper"].maybe(Bound.read), o["raise"].maybe(RaiseRange.read), o["no_raise"].boolean(),
                   Source.read(o["source"]))

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "lower": maybe_json(self.lower), "upper": maybe_json(self.upper),
                "raise": maybe_json(self.raise_range), "no_raise": self.no_raise, "source": self.source.to_json()}


@attrs.frozen
class BandsTable:
    id: str
    title: str | None
    low: Decimal | None
    high: Decimal | None
    citation: str | None
    source: Source
    bands: tuple[Band, ...]

    @classmethod
    def read(cls, f: Field) -> "BandsTable":
        o = f.obj("id", "title", "low", "high", "citation", "source", "bands")
        return cls(o["id"].id(), o["title"].maybe(Field.text), o["low"].maybe(Field.decimal),
                   o["high"].maybe(Field.decimal), o["citation"].maybe(Field.text), Source.read(o["source"]),
                   o["bands"].each(Band.read))

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "low": dec_text(self.low), "high": dec_text(self.high),
                "citation": self.citation, "source": self.source.to_json(), "bands": each_json(self.bands)}


# ---- salary raises -------------------------------------------------------------------------------
@attrs.frozen
class Pool:
    """The raise pool: a share (percent) of the salaries held on a date, for a round."""

    percent: Decimal
    on: Dates | None
    round: str | None

    @classmethod
    def read(cls, f: Field) -> "Pool":
        o = f.obj("percent", "on", "round")
        return cls(o["percent"].decimal(), read_dates(o["on"]), o["round"].maybe(Field.id))

    def to_json(self) -> dict:
        return {"percent": dec_text(self.percent), "on": dates_json(self.on), "round": self.round}


@attrs.frozen
class Grade:
    """A position grade's salary figures: the raise base is the midpoint of the half a salary is in."""

    id: str
    title: str | None
    min: Decimal | None
    lower_mid: Decimal | None
    split_at: Decimal | None
    upper_mid: Decimal | None
    max: Decimal | None

    @classmethod
    def read(cls, f: Field) -> "Grade":
        o = f.obj("id", "title", "min", "lower_mid", "split_at", "upper_mid", "max")
        return cls(o["id"].id(), o["title"].maybe(Field.text),
                   *(o[k].maybe(Field.decimal) for k in ("min", "lower_mid", "split_at", "upper_mid", "max")))

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "min": dec_text(self.min), "lower_mid": dec_text(self.lower_mid),
                "split_at": dec_text(self.split_at), "upper_mid": dec_text(self.upper_mid),
                "max": dec_text(self.max)}


@attrs.frozen
class PoolGroup:
    """A group of positions with a raise pool of its own (seed 001, ว 28/52 ข้อ 3)."""

    id: str
    title: str | None
    source: Source

    @classmethod
    def read(cls, f: Field) -> "PoolGroup":
        o = f.obj("id", "title", "source")
        return cls(o["id"].id(), o["title"].maybe(Field.text), Source.read(o["source"]))

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "source": self.source.to_json()}


@attrs.frozen
class Salary:
    pools: tuple[Pool, ...]
    cap: Decimal | None
    base: str | None  # midpoint
    rounding: str | None
    rounding_unit: Decimal | None
    grades: tuple[Grade, ...]
    citation: str | None
    source: Source
    groups: tuple[PoolGroup, ...] = ()
    leftover: str = "spread"  # spread | keep

    @classmethod
    def read(cls, f: Field) -> "Salary":
        o = f.obj("pools", "cap", "base", "rounding", "rounding_unit", "grades", "groups", "leftover", "citation",
                  "source")
        return cls(o["pools"].each(Pool.read), o["cap"].maybe(Field.decimal), o["base"].one_of("midpoint", None),
                   o["rounding"].one_of(*ROUNDINGS, None), o["rounding_unit"].maybe(Field.decimal),
                   o["grades"].each(Grade.read), o["citation"].maybe(Field.text), Source.read(o["source"]),
                   o["groups"].each(PoolGroup.read), o["leftover"].one_of("spread", "keep"))

    def grade(self, id: str) -> Grade | None:
        return next((g for g in self.grades if g.id == id), None)

    def to_json(self) -> dict:
        return {"pools": each_json(self.pools), "cap": dec_text(self.cap), "base": self.base,
                "rounding": self.rounding, "rounding_unit": dec_text(self.rounding_unit),
                "grades": each_json(self.grades), "groups": each_json(self.groups), "leftover": self.leftover,
                "citation": self.citation, "source": self.source.to_json()}


# ---- framework rules and lists -------------------------------------------------------------------
@attrs.frozen
class Limit:
    """A framework rule: how many indicators, what share, which bands (I001)."""

    subject: str  # kpis | share | bands | band
    of: str | None
    op: str
    value: Decimal
    severity: str  # warning | error
    message: str | None
    source: Source

    @classmethod
    def read(cls, f: Field) -> "Limit":
        o = f.obj("subject", "of", "op", "value", "severity", "message", "source")
        return cls(o["subject"].one_of("kpis", "share", "bands", "band"), o["of"].maybe(Field.id),
                   o["op"].one_of(*COMPARISONS), o["value"].decimal(), o["severity"].one_of("warning", "error"),
                   o["message"].maybe(Field.text), Source.read(o["source"]))

    def to_json(self) -> dict:
        return {"subject": self.subject, "of": self.of, "op": self.op, "value": dec_text(self.value),
                "severity": self.severity, "message": self.message, "source": self.source.to_json()}


@attrs.frozen
class ScaleLevel:
    number: int
    text: str

    @classmethod
    def read(cls, f: Field) -> "ScaleLevel":
        o = f.obj("number", "text")
        return cls(o["number"].integer(1, 5), o["text"].text())

    def to_json(self) -> dict:
        return {"number": self.number, "text": self.text}


@attrs.frozen
class Scale:
    """A competency scale: what each level 1..5 means."""

    id: str
    title: str | None
    levels: tuple[ScaleLevel, ...]

    @classmethod
    def read(cls, f: Field) -> "Scale":
        o = f.obj("id", "title", "levels")
        return cls(o["id"].id(), o["title"].maybe(Field.text), o["levels"].each(ScaleLevel.read))

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "levels": each_json(self.levels)}


@attrs.frozen
class Strategy:
    id: str
    title: str

    @classmethod
    def read(cls, f: Field) -> "Strategy":
        o = f.obj("id", "title")
        return cls(o["id"].id(), o["title"].text())

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title}


@attrs.frozen
class SampleRow:
    """A row of a declared sample-size table: populations within ``lower`` and ``upper``
    (None: open) take ``n`` people."""

    lower: Bound | None
    upper: Bound | None
    n: Decimal
    source: Source

    @classmethod
    def read(cls, f: Field) -> "SampleRow":
        o = f.obj("lower", "upper", "n", "source")
        return cls(o["lower"].maybe(Bound.read), o["upper"].maybe(Bound.read), o["n"].decimal(),
                   Source.read(o["source"]))

    def to_json(self) -> dict:
        return {"lower": maybe_json(self.lower), "upper": maybe_json(self.upper), "n": dec_text(self.n),
                "source": self.source.to_json()}


@attrs.frozen
class SampleSize:
    """A survey's sample size rule (seed 003 slide 52): Yamane's n = N / (1 + N e²), n
    rounded to whole people as declared, or the declared table's row for N."""

    method: str  # yamane
    error: Decimal
    rounding: str = "half_up"
    table: tuple[SampleRow, ...] = ()
    citation: str | None = None
    source: Source | None = None

    @classmethod
    def read(cls, f: Field) -> "SampleSize":
        o = f.obj("method", "error", "rounding", "table", "citation", "source")
        return cls(o["method"].one_of("yamane"), o["error"].decimal(), o["rounding"].one_of(*ROUNDINGS),
                   o["table"].each(SampleRow.read), o["citation"].maybe(Field.text), Source.read(o["source"]))

    def to_json(self) -> dict:
        return {"method": self.method, "error": dec_text(self.error), "rounding": self.rounding,
                "table": each_json(self.table), "citation": self.citation,
                "source": self.source.to_json() if self.source else None}
