"""Dates as the plan holds them: resolved ranges with the text the rule file wrote."""

from __future__ import annotations

import datetime

import attrs

from .fields import Field
from .source import Source, read_source, source_json


@attrs.frozen
class Dates:
    """A date or range as written (``text``), resolved against its fiscal year."""

    start: datetime.date
    end: datetime.date
    text: str
    source: Source | None

    @classmethod
    def read(cls, f: Field) -> "Dates":
        o = f.obj("start", "end", "text", "source")
        return cls(o["start"].date(), o["end"].date(), o["text"].text(), read_source(o["source"]))

    def to_json(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "text": self.text,
                "source": source_json(self.source)}


@attrs.frozen
class Period:
    """A fiscal year's first and last day."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def read(cls, f: Field) -> "Period":
        o = f.obj("start", "end")
        return cls(o["start"].date(), o["end"].date())

    def to_json(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


def read_dates(f: Field) -> Dates | None:
    return f.maybe(Dates.read)


def dates_json(d: Dates | None) -> dict | None:
    return None if d is None else d.to_json()
