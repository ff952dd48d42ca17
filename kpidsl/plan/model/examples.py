"""Worked examples (ตัวอย่าง): given figures and the figures expected of them."""

from __future__ import annotations

from decimal import Decimal
from typing import Mapping, Union

import attrs

from .agreements import Agreement
from .dates import Dates, dates_json, read_dates
from .fields import Field, PlanFormatError, dec_text, each_json, resolve
from .source import Source

FACT_SUBJECTS = ("perspective", "dimension", "kpi", "component", "competency", "part", None)
FACT_VALUES = ("number", "date", "text")


@attrs.frozen
class Fact:
    """One given or expected figure: a number (as written), a date or a word. ``step``: the
    milestone step a ``step_done`` fact reports done on its date (None for every other fact)."""

    subject: str | None
    id: str | None
    field: str
    value: Union[Decimal, Dates, None, str]
    value_kind: str  # number | date | text
    source: Source
    step: int | None = None

    @classmethod
    def read(cls, f: Field) -> "Fact":
        o = f.obj("subject", "id", "field", "source", optional=FACT_VALUES + ("step",))
        kinds = [k for k in FACT_VALUES if o.has(k)]
        if not kinds:
            raise f.fail("T003", field=" | ".join(FACT_VALUES))
        if len(kinds) > 1:  # a fact is one of the three
            raise PlanFormatError("T004", o[kinds[1]].pointer, {"pointer": f.pointer, "field": kinds[1]})
        kind = kinds[0]
        value = o[kind].number() if kind == "number" else read_dates(o[kind]) if kind == "date" else o[kind].text()
        step = o["step"].integer(1) if o.has("step") else None
        return cls(o["subject"].one_of(*FACT_SUBJECTS), o["id"].maybe(Field.id), o["field"].id(), value, kind,
                   Source.read(o["source"]), step)

    def to_json(self) -> dict:
        value = dec_text(self.value) if self.value_kind == "number" else \
            dates_json(self.value) if self.value_kind == "date" else self.value
        step = {"step": self.step} if self.step is not None else {}
        return {"subject": self.subject, "id": self.id, "field": self.field, **step, self.value_kind: value,
                "source": self.source.to_json()}


@attrs.frozen
class Example:
    id: str
    title: str | None
    agreement: Agreement | None
    round_id: str | None
    citation: str | None
    source: Source
    given: tuple[Fact, ...]
    expect: tuple[Fact, ...]

    @classmethod
    def read(cls, f: Field, agreements: Mapping[str, Agreement]) -> "Example":
        o = f.obj("id", "title", "agreement", "round", "citation", "source", "given", "expect")
        return cls(o["id"].id(), o["title"].maybe(Field.text),
                   o["agreement"].maybe(lambda a: resolve(a, agreements, "agreement")), o["round"].maybe(Field.id),
                   o["citation"].maybe(Field.text), Source.read(o["source"]), o["given"].each(Fact.read),
                   o["expect"].each(Fact.read))

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "agreement": self.agreement.id if self.agreement else None,
                "round": self.round_id, "citation": self.citation, "source": self.source.to_json(),
                "given": each_json(self.given), "expect": each_json(self.expect)}
