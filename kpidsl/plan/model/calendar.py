"""Time in the plan: reporting rounds and their late penalties, calendars of
activities, and the holidays that working days are counted against."""

from __future__ import annotations

from decimal import Decimal

import attrs

from .dates import Dates, dates_json, read_dates
from .fields import Field, dec_text, each_json, maybe_json
from .source import Source

ROUND_FIELDS = ("id", "title", "period", "due", "late_penalty", "source")


@attrs.frozen
class LatePenalty:
    amount: Decimal
    per: str  # working_day | day
    source: Source

    @classmethod
    def read(cls, f: Field) -> "LatePenalty":
        o = f.obj("amount", "per", "source")
        return cls(o["amount"].decimal(), o["per"].one_of("working_day", "day"), Source.read(o["source"]))

    def to_json(self) -> dict:
        return {"amount": dec_text(self.amount), "per": self.per, "source": self.source.to_json()}


@attrs.frozen
class Round:
    """A reporting or evaluation round: its period, its due date and the penalty for a late report."""

    id: str
    title: str | None
    period: Dates | None
    due: Dates | None
    late_penalty: LatePenalty | None
    source: Source

    @classmethod
    def read(cls, f: Field, *extra: str) -> "Round":
        o = f.obj(*extra, *ROUND_FIELDS)
        return cls(o["id"].id(), o["title"].maybe(Field.text), read_dates(o["period"]), read_dates(o["due"]),
                   o["late_penalty"].maybe(LatePenalty.read), Source.read(o["source"]))

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "period": dates_json(self.period), "due": dates_json(self.due),
                "late_penalty": maybe_json(self.late_penalty), "source": self.source.to_json()}


@attrs.frozen
class Activity:
    id: str
    title: str | None
    when: tuple[Dates | None, ...]
    due: Dates | None
    responsible: tuple[str, ...]
    related: tuple[str, ...]
    notes: tuple[str, ...]
    source: Source

    @classmethod
    def read(cls, f: Field) -> "Activity":
        o = f.obj("id", "title", "when", "due", "responsible", "related", "notes", "source")
        return cls(o["id"].id(), o["title"].maybe(Field.text), o["when"].each(read_dates), read_dates(o["due"]),
                   o["responsible"].texts(), o["related"].texts(), o["notes"].texts(), Source.read(o["source"]))

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "when": [dates_json(w) for w in self.when],
                "due": dates_json(self.due), "responsible": list(self.responsible), "related": list(self.related),
                "notes": list(self.notes), "source": self.source.to_json()}


@attrs.frozen
class Calendar:
    id: str
    title: str | None
    fiscal_year: int | None
    citation: str | None
    notes: tuple[str, ...]
    period: Dates | None
    source: Source
    activities: tuple[Activity, ...]

    @classmethod
    def read(cls, f: Field) -> "Calendar":
        o = f.obj("id", "title", "fiscal_year", "citation", "notes", "period", "source", "activities")
        return cls(o["id"].id(), o["title"].maybe(Field.text), read_fiscal_year(o["fiscal_year"]),
                   o["citation"].maybe(Field.text), o["notes"].texts(), read_dates(o["period"]),
                   Source.read(o["source"]), o["activities"].each(Activity.read))

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "fiscal_year": self.fiscal_year, "citation": self.citation,
                "notes": list(self.notes), "period": dates_json(self.period), "source": self.source.to_json(),
                "activities": each_json(self.activities)}


@attrs.frozen
class HolidayChange:
    date: Dates | None
    name: str | None

    @classmethod
    def read(cls, f: Field) -> "HolidayChange":
        o = f.obj("date", "name")
        return cls(read_dates(o["date"]), o["name"].maybe(Field.text))

    def to_json(self) -> dict:
        return {"date": dates_json(self.date), "name": self.name}


@attrs.frozen
class Holidays:
    """A country's public holidays (two capital letters), with days the rules add and remove."""

    country: str | None
    add: tuple[HolidayChange, ...]
    remove: tuple[HolidayChange, ...]

    @classmethod
    def read(cls, f: Field) -> "Holidays":
        o = f.obj("country", "add", "remove")
        country = o["country"].maybe(Field.text)
        if country is not None and not (len(country) == 2 and country.isascii() and country.isupper()):
            raise o["country"].bad_value("shape")
        return cls(country, o["add"].each(HolidayChange.read), o["remove"].each(HolidayChange.read))

    def to_json(self) -> dict:
        return {"country": self.country, "add": each_json(self.add), "remove": each_json(self.remove)}


def read_fiscal_year(f: Field) -> int | None:
    """A Buddhist-era fiscal year (พ.ศ. N runs 1 ต.ค. N−1 to 30 ก.ย. N), or null."""
    return f.maybe(lambda x: x.integer(low=2400, high=2800))
