"""The plan as one typed value: every framework, agreement, table and example, with
look-ups by id (``plan.agreement("x")``) that raise ``NotInPlan`` for an unknown id."""

from __future__ import annotations

import json
from typing import Callable, Mapping, TypeVar

import attrs

from .agreements import Agreement
from .calendar import Calendar, Holidays, read_fiscal_year
from .examples import Example
from .fields import Field, NotInPlan, each_json
from .frameworks import Framework, FrameworkRound
from .source import Source
from .tables import BandsTable, Policies, policy_sources_json, read_policy_sources

PLAN_FIELDS = ("kpidsl_plan", "rule_set", "fiscal_year", "policies", "policy_sources", "frameworks", "agreements",
               "bands", "calendar", "rounds", "examples", "holidays")
T = TypeVar("T")


@attrs.frozen
class ReviewLine:
    """A ``review "…"`` line left in the rule set (Y001): a figure staff have yet to confirm
    (kpidsl new-year writes them). A plan with any is a draft, and its forms say so."""

    text: str | None
    source: Source

    @classmethod
    def read(cls, f: Field) -> "ReviewLine":
        o = f.obj("text", "source")
        return cls(o["text"].maybe(lambda x: x.text()), Source.read(o["source"]))

    def to_json(self) -> dict:
        return {"text": self.text, "source": self.source.to_json()}


def _by_id(f: Field, read: Callable[[Field], T], kind: str) -> dict[str, T]:
    """A list of things with ids, by id: an id listed twice is T008."""
    out: dict[str, T] = {}
    for item in f.items():
        thing = read(item)
        if thing.id in out:
            raise item.child("id").fail("T008", kind=kind, id=thing.id)
        out[thing.id] = thing
    return out


@attrs.frozen
class Plan:
    version: int
    rule_set: str
    fiscal_year: int | None
    policies: Policies
    policy_sources: tuple[tuple[str, Source], ...]
    frameworks_by_id: Mapping[str, Framework]
    agreements_by_id: Mapping[str, Agreement]
    bands_by_id: Mapping[str, BandsTable]
    calendars_by_id: Mapping[str, Calendar]
    rounds: tuple[FrameworkRound, ...]
    examples_by_id: Mapping[str, Example]
    holidays: Holidays
    reviews: tuple[ReviewLine, ...] = ()  # written only when there are some: a final rule set's plan is as before

    @classmethod
    def read(cls, f: Field, version: int) -> "Plan":
        o = f.obj(*PLAN_FIELDS, optional=("reviews",))
        found = o["kpidsl_plan"].value
        if found != version or isinstance(found, bool):  # JSON true is not version 1
            raise o["kpidsl_plan"].fail("T002", found=_version_text(o["kpidsl_plan"].value), supported=version)
        rule_set = o["rule_set"].id()
        bands = _by_id(o["bands"], BandsTable.read, "bands")
        calendars = _by_id(o["calendar"], Calendar.read, "calendar")
        frameworks = _by_id(o["frameworks"], lambda x: Framework.read(x, bands, calendars), "framework")
        agreements = _by_id(o["agreements"], lambda x: Agreement.read(x, frameworks), "agreement")
        return cls(version, rule_set, read_fiscal_year(o["fiscal_year"]), Policies.read(o["policies"]),
                   read_policy_sources(o["policy_sources"]), frameworks, agreements, bands, calendars,
                   o["rounds"].each(lambda x: FrameworkRound.read(x, frameworks)),
                   _by_id(o["examples"], lambda x: Example.read(x, agreements), "example"),
                   Holidays.read(o["holidays"]),
                   o["reviews"].each(ReviewLine.read, low=1) if o.has("reviews") else ())

    # ---- the lists, in the plan's order -----------------------------------------------------------
    @property
    def frameworks(self) -> tuple[Framework, ...]:
        return tuple(self.frameworks_by_id.values())

    @property
    def agreements(self) -> tuple[Agreement, ...]:
        return tuple(self.agreements_by_id.values())

    @property
    def bands(self) -> tuple[BandsTable, ...]:
        return tuple(self.bands_by_id.values())

    @property
    def calendars(self) -> tuple[Calendar, ...]:
        return tuple(self.calendars_by_id.values())

    @property
    def examples(self) -> tuple[Example, ...]:
        return tuple(self.examples_by_id.values())

    # ---- look-ups ------------------------------------------------------------------------------------
    def framework(self, id: str) -> Framework:
        return _lookup(self.frameworks_by_id, "framework", id)

    def agreement(self, id: str) -> Agreement:
        return _lookup(self.agreements_by_id, "agreement", id)

    def bands_table(self, id: str) -> BandsTable:
        return _lookup(self.bands_by_id, "bands", id)

    def calendar(self, id: str) -> Calendar:
        return _lookup(self.calendars_by_id, "calendar", id)

    def example(self, id: str) -> Example:
        return _lookup(self.examples_by_id, "example", id)

    # ---- writing back --------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        """The plan dict the compiler gives for the same rule set."""
        return {"kpidsl_plan": self.version, "rule_set": self.rule_set, "fiscal_year": self.fiscal_year,
                "policies": self.policies.to_json(), "policy_sources": policy_sources_json(self.policy_sources),
                "frameworks": each_json(self.frameworks), "agreements": each_json(self.agreements),
                "bands": each_json(self.bands), "calendar": each_json(self.calendars),
                "rounds": each_json(self.rounds), "examples": each_json(self.examples),
                "holidays": self.holidays.to_json(),
                **({"reviews": each_json(self.reviews)} if self.reviews else {})}

    def to_json(self) -> str:
        """The plan as text, byte for byte what ``kpidsl.plan.dumps`` writes of the compiler's plan."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _lookup(table: Mapping[str, T], kind: str, id: str) -> T:
    try:
        return table[id]
    except KeyError:
        raise NotInPlan(kind, id) from None


def _version_text(value: object) -> str:
    return "null" if value is None else json.dumps(value, ensure_ascii=False)[:40]
