"""Agreements (คำรับรอง): a framework laid over with agreed weights, omissions and
details, holding its framework object and its nodes with their effective weights."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Iterator, Mapping

import attrs

from .calendar import Round, read_fiscal_year
from .dates import Dates, dates_json, read_dates
from .fields import Field, NotInPlan, dec_text, each_json, resolve
from .source import Source
from .structure import AgreementNode
from .tables import Grade

if TYPE_CHECKING:
    from .frameworks import Framework


@attrs.frozen
class Signatory:
    name: str
    role: str | None

    @classmethod
    def read(cls, f: Field) -> "Signatory":
        o = f.obj("name", "role")
        return cls(o["name"].text(), o["role"].maybe(Field.text))

    def to_json(self) -> dict:
        return {"name": self.name, "role": self.role}


def _grade_id(f: Field, framework: "Framework", salary: Decimal | None) -> str | None:
    """The grade an agreement names, held to what the checker holds a rule file to: one of
    its framework's salary grades (N002, else T007 here), and one given with a salary when the
    salary rules declare grades (A021, else T006 here). The raise is a % of the mid-point of
    the half of the grade the salary is in (seed 001): without one it was left blank without
    a word (kpidsl/score/evaluate/agreement.py)."""
    grade = f.maybe(Field.id)
    grades = {g.id: g for g in framework.salary.grades} if framework.salary is not None else {}
    if grade is not None:
        resolve(f, grades, "grade")
    elif salary is not None and grades:
        raise f.bad_value("grade")
    return grade


@attrs.frozen
class Agreement:
    id: str
    title: str | None
    framework: "Framework"
    fiscal_year: int | None
    organisation: str | None
    person: str | None
    assessor: str | None
    signatories: tuple[Signatory, ...]
    period: Dates | None
    plan: str | None
    round_id: str | None
    omitted: tuple[str, ...]
    salary: Decimal | None
    grade_id: str | None
    source: Source
    citation: str | None
    notes: tuple[str, ...]
    nodes: tuple[AgreementNode, ...]
    population: Decimal | None = None  # N for the framework's survey sample size
    # Every node by its id (the first, in the order written, when two share one).
    nodes_by_id: Mapping[str, AgreementNode] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, AgreementNode] = {}
        for node in self.walk():
            by_id.setdefault(node.id, node)
        object.__setattr__(self, "nodes_by_id", by_id)

    @classmethod
    def read(cls, f: Field, frameworks: Mapping[str, "Framework"]) -> "Agreement":
        o = f.obj("id", "title", "framework", "fiscal_year", "organisation", "person", "assessor", "signatories",
                  "period", "plan", "round", "omitted", "salary", "grade", "population", "source", "citation", "notes",
                  "nodes")
        framework = resolve(o["framework"], frameworks, "framework")
        salary = o["salary"].maybe(Field.decimal)
        return cls(o["id"].id(), o["title"].maybe(Field.text), framework,
                   read_fiscal_year(o["fiscal_year"]), o["organisation"].maybe(Field.text),
                   o["person"].maybe(Field.text), o["assessor"].maybe(Field.text),
                   o["signatories"].each(Signatory.read), read_dates(o["period"]), o["plan"].maybe(Field.text),
                   o["round"].maybe(Field.id), o["omitted"].each(Field.id), salary,
                   _grade_id(o["grade"], framework, salary), Source.read(o["source"]), o["citation"].maybe(Field.text),
                   o["notes"].texts(), o["nodes"].each(AgreementNode.read), o["population"].maybe(Field.decimal))

    def walk(self) -> Iterator[AgreementNode]:
        """Every node, in the order written."""
        for node in self.nodes:
            yield from node.walk()

    def node(self, id: str) -> AgreementNode:
        """The node with this id; ``NotInPlan`` if the agreement has none."""
        try:
            return self.nodes_by_id[id]
        except KeyError:
            raise NotInPlan("node", id) from None

    @property
    def round(self) -> Round | None:
        """The round the agreement names, among its framework's."""
        return self.framework.rounds_by_id.get(self.round_id) if self.round_id else None

    @property
    def grade(self) -> Grade | None:
        """The person's position grade, among the framework's salary grades."""
        salary = self.framework.salary
        return salary.grade(self.grade_id) if salary and self.grade_id else None

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "framework": self.framework.id, "fiscal_year": self.fiscal_year,
                "organisation": self.organisation, "person": self.person, "assessor": self.assessor,
                "signatories": each_json(self.signatories), "period": dates_json(self.period), "plan": self.plan,
                "round": self.round_id, "omitted": list(self.omitted), "salary": dec_text(self.salary),
                "grade": self.grade_id, "population": dec_text(self.population), "source": self.source.to_json(), "citation": self.citation,
                "notes": list(self.notes), "nodes": each_json(self.nodes)}
