"""Frameworks (กรอบการประเมิน): a tree of weighted nodes with the rounds, bands,
calendars, salary rules, limits and scales that go with it."""

from __future__ import annotations

from typing import Iterator, Mapping

import attrs

from ...vocabulary import AGREEMENT_REQUIRES, LEVELS
from .calendar import Calendar, Round, read_fiscal_year
from .dates import Period
from .fields import Field, each_json, maybe_json, resolve
from .source import Source
from .structure import FrameworkNode
from .tables import (BandsTable, Limit, Policies, Salary, SampleSize, Scale, Strategy, policy_sources_json,
                     read_policy_sources)


@attrs.frozen
class Framework:
    id: str
    level: str | None
    title: str | None
    fiscal_year: int | None
    period: Period | None
    source: Source
    citation: str | None
    notes: tuple[str, ...]
    policies: Policies
    policy_sources: tuple[tuple[str, Source], ...]
    nodes: tuple[FrameworkNode, ...]
    rounds: tuple[Round, ...]
    bands: BandsTable | None
    calendars: tuple[Calendar, ...]
    limits: tuple[Limit, ...]
    salary: Salary | None
    scales: tuple[Scale, ...]
    strategies: tuple[Strategy, ...]
    sample_size: SampleSize | None
    evidence: tuple[str, ...]
    agreement_requires: tuple[str, ...]
    rounds_by_id: Mapping[str, Round] = attrs.field(init=False, eq=False, repr=False)
    scales_by_id: Mapping[str, Scale] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "rounds_by_id", {r.id: r for r in reversed(self.rounds)})
        object.__setattr__(self, "scales_by_id", {s.id: s for s in reversed(self.scales)})

    @classmethod
    def read(cls, f: Field, bands: Mapping[str, BandsTable], calendars: Mapping[str, Calendar]) -> "Framework":
        o = f.obj("id", "level", "title", "fiscal_year", "period", "source", "citation", "notes", "policies",
                  "policy_sources", "nodes", "rounds", "bands", "calendars", "limits", "salary", "scales",
                  "strategies", "sample_size", "evidence", "agreement_requires")
        return cls(
            o["id"].id(), o["level"].one_of(*LEVELS, None), o["title"].maybe(Field.text),
            read_fiscal_year(o["fiscal_year"]), o["period"].maybe(Period.read), Source.read(o["source"]),
            o["citation"].maybe(Field.text), o["notes"].texts(), Policies.read(o["policies"]),
            read_policy_sources(o["policy_sources"]), o["nodes"].each(FrameworkNode.read),
            o["rounds"].each(Round.read), o["bands"].maybe(lambda b: resolve(b, bands, "bands")),
            o["calendars"].each(lambda c: resolve(c, calendars, "calendar")), o["limits"].each(Limit.read),
            o["salary"].maybe(Salary.read), o["scales"].each(Scale.read), o["strategies"].each(Strategy.read),
            o["sample_size"].maybe(SampleSize.read), o["evidence"].texts(),
            o["agreement_requires"].each(lambda r: r.one_of(*AGREEMENT_REQUIRES)))

    def walk(self) -> Iterator[FrameworkNode]:
        for node in self.nodes:
            yield from node.walk()

    def to_json(self) -> dict:
        return {"id": self.id, "level": self.level, "title": self.title, "fiscal_year": self.fiscal_year,
                "period": maybe_json(self.period), "source": self.source.to_json(), "citation": self.citation,
                "notes": list(self.notes), "policies": self.policies.to_json(),
                "policy_sources": policy_sources_json(self.policy_sources), "nodes": each_json(self.nodes),
                "rounds": each_json(self.rounds), "bands": self.bands.id if self.bands else None,
                "calendars": [c.id for c in self.calendars], "limits": each_json(self.limits),
                "salary": maybe_json(self.salary), "scales": each_json(self.scales),
                "strategies": each_json(self.strategies), "sample_size": maybe_json(self.sample_size),
                "evidence": list(self.evidence), "agreement_requires": list(self.agreement_requires)}


@attrs.frozen
class FrameworkRound:
    """A round as the plan lists it at the top, with the framework it belongs to."""

    framework: Framework
    round: Round

    @classmethod
    def read(cls, f: Field, frameworks: Mapping[str, Framework]) -> "FrameworkRound":
        framework = resolve(f.obj("framework", "id", "title", "period", "due", "late_penalty", "source")["framework"],
                            frameworks, "framework")
        return cls(framework, Round.read(f, "framework"))

    def to_json(self) -> dict:
        return {"framework": self.framework.id, **self.round.to_json()}
