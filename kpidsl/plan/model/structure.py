"""The trees of the plan: a framework's nodes as declared, and an agreement's nodes
laid over them with their effective weights; each with its indicator details."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

import attrs

from ...vocabulary import NODE_KINDS
from .fields import Field, dec_text, each_json, maybe_json
from .scoring import DeclaredScoring, Scoring, read_declared, read_scoring
from .source import Source, read_source, source_json

TEMPLATE_FIELDS = ("description", "definitions", "formula", "conditions", "baselines", "owners", "supervisors",
                   "collectors", "evidence", "reason", "kind", "importance", "task", "key_result")


@attrs.frozen
class Optional:
    """``ถ้ามี``: an optional node, and where its weight goes when an agreement omits it."""

    to: str | None
    proportional: bool

    @classmethod
    def read(cls, f: Field) -> "Optional":
        o = f.obj("to", "proportional")
        return cls(o["to"].maybe(Field.id), o["proportional"].boolean())

    def to_json(self) -> dict:
        return {"to": self.to, "proportional": self.proportional}


@attrs.frozen
class Definition:
    term: str | None
    meaning: str

    @classmethod
    def read(cls, f: Field) -> "Definition":
        o = f.obj("term", "meaning")
        return cls(o["term"].maybe(Field.text), o["meaning"].text())

    def to_json(self) -> dict:
        return {"term": self.term, "meaning": self.meaning}


@attrs.frozen
class Baseline:
    year: int
    value: Decimal | None
    text: str | None

    @classmethod
    def read(cls, f: Field) -> "Baseline":
        o = f.obj("year", "value", "text")
        return cls(o["year"].integer(), o["value"].maybe(Field.decimal), o["text"].maybe(Field.text))

    def to_json(self) -> dict:
        return {"year": self.year, "value": dec_text(self.value), "text": self.text}


@attrs.frozen
class Template:
    """An indicator's details (the KPI template), with the line each field is written on."""

    description: str | None = None
    definitions: tuple[Definition, ...] = ()
    formula: str | None = None
    conditions: tuple[str, ...] = ()
    baselines: tuple[Baseline, ...] = ()
    owners: tuple[str, ...] = ()
    supervisors: tuple[str, ...] = ()
    collectors: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    reason: str | None = None
    kind: str | None = None  # quantity | quality | timeliness | cost
    importance: str | None = None  # high | medium | low
    task: str | None = None  # งาน/โครงการ
    key_result: str | None = None  # ผลสัมฤทธิ์หลัก (KRA)
    sources: tuple[tuple[str, Source], ...] = ()  # (field, line), in the plan's order

    @classmethod
    def read(cls, f: Field) -> "Template":
        o = f.obj(*TEMPLATE_FIELDS, "sources")
        s = o["sources"].obj(optional=TEMPLATE_FIELDS)
        return cls(
            o["description"].maybe(Field.text), o["definitions"].each(Definition.read), o["formula"].maybe(Field.text),
            o["conditions"].texts(), o["baselines"].each(Baseline.read), o["owners"].texts(),
            o["supervisors"].texts(), o["collectors"].texts(), o["evidence"].texts(), o["reason"].maybe(Field.text),
            o["kind"].one_of("quantity", "quality", "timeliness", "cost", None),
            o["importance"].one_of("high", "medium", "low", None),
            o["task"].maybe(Field.text), o["key_result"].maybe(Field.text),
            tuple((key, Source.read(s[key])) for key in s.value),
        )

    def source(self, field: str) -> Source | None:
        """The line a field is written on, if it is written."""
        return dict(self.sources).get(field)

    def to_json(self) -> dict:
        return {"description": self.description, "definitions": each_json(self.definitions),
                "formula": self.formula, "conditions": list(self.conditions), "baselines": each_json(self.baselines),
                "owners": list(self.owners), "supervisors": list(self.supervisors),
                "collectors": list(self.collectors), "evidence": list(self.evidence), "reason": self.reason,
                "kind": self.kind, "importance": self.importance, "task": self.task, "key_result": self.key_result,
                "sources": {key: source.to_json() for key, source in self.sources}}


@attrs.frozen
class Group:
    """A heading over some of a node's indicators (``group``), for the forms only."""

    title: str
    kpis: tuple[str, ...]
    source: Source

    @classmethod
    def read(cls, f: Field) -> "Group":
        o = f.obj("title", "kpis", "source")
        return cls(o["title"].text(), o["kpis"].each(Field.id), Source.read(o["source"]))

    def to_json(self) -> dict:
        return {"title": self.title, "kpis": list(self.kpis), "source": self.source.to_json()}


def read_groups(o) -> tuple[Group, ...]:
    return o["groups"].each(Group.read, low=1) if o.has("groups") else ()


def groups_json(groups: tuple[Group, ...]) -> dict:
    return {"groups": each_json(groups)} if groups else {}


@attrs.frozen
class FrameworkNode:
    """A perspective, dimension, indicator, component or competency as a framework declares it."""

    id: str
    kind: str
    title: str | None
    weight: Decimal | None
    weight_kind: str  # fixed | agreed | none
    optional: Optional | None
    share: Decimal | None
    multiplier: Decimal | None
    scale: str | None
    unit: str | None
    target: Decimal | None
    agreed_kpis: bool
    source: Source
    citation: str | None
    scoring: DeclaredScoring | None
    template: Template
    notes: tuple[str, ...]
    children: tuple["FrameworkNode", ...]
    groups: tuple[Group, ...] = ()

    @classmethod
    def read(cls, f: Field) -> "FrameworkNode":
        o = f.obj("id", "kind", "title", "weight", "weight_kind", "optional", "share", "multiplier", "scale", "unit",
                  "target", "agreed_kpis", "source", "citation", "scoring", "template", "notes", "children",
                  optional=("groups",))
        weight_kind = o["weight_kind"].one_of("fixed", "agreed", "none")
        weight = o["weight"].decimal() if weight_kind == "fixed" else o["weight"].maybe(Field.decimal)
        if weight_kind != "fixed" and weight is not None:
            raise o["weight"].bad_value("shape")
        return cls(o["id"].id(), o["kind"].one_of(*NODE_KINDS), o["title"].maybe(Field.text), weight, weight_kind,
                   o["optional"].maybe(Optional.read), o["share"].maybe(Field.decimal),
                   o["multiplier"].maybe(Field.decimal), o["scale"].maybe(Field.id), o["unit"].maybe(Field.text),
                   o["target"].maybe(Field.decimal), o["agreed_kpis"].boolean(), Source.read(o["source"]),
                   o["citation"].maybe(Field.text), o["scoring"].maybe(read_declared), Template.read(o["template"]),
                   o["notes"].texts(), o["children"].each(FrameworkNode.read), read_groups(o))

    def walk(self) -> Iterator["FrameworkNode"]:
        """This node and every node under it, in the order written."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "title": self.title, "weight": dec_text(self.weight),
                "weight_kind": self.weight_kind, "optional": maybe_json(self.optional),
                "share": dec_text(self.share), "multiplier": dec_text(self.multiplier), "scale": self.scale,
                "unit": self.unit, "target": dec_text(self.target), "agreed_kpis": self.agreed_kpis,
                "source": self.source.to_json(), "citation": self.citation, "scoring": maybe_json(self.scoring),
                "template": self.template.to_json(), "notes": list(self.notes),
                "children": each_json(self.children), **groups_json(self.groups)}


@attrs.frozen
class Cascade:
    """An indicator passed down from another agreement's indicator."""

    mode: str  # direct | split | partial
    agreement: str
    kpi: str

    @classmethod
    def read(cls, f: Field) -> "Cascade":
        o = f.obj("mode", "agreement", "kpi")
        return cls(o["mode"].one_of("direct", "split", "partial"), o["agreement"].id(), o["kpi"].id())

    def to_json(self) -> dict:
        return {"mode": self.mode, "agreement": self.agreement, "kpi": self.kpi}


@attrs.frozen
class AgreementNode:
    """A node of an agreement laid over its framework, with its effective weight (after any
    redistribution of omitted optional weights) and the lines on each side."""

    id: str
    kind: str
    title: str | None
    weight: Decimal | None  # in force
    declared_weight: Decimal | None
    weight_source: str  # framework | agreement | missing | none
    omitted: bool
    added: bool
    optional: Optional | None
    share: Decimal | None
    multiplier: Decimal | None
    unit: str | None
    target: Decimal | None
    source: Source
    framework_source: Source | None
    agreement_source: Source | None
    citation: str | None
    scoring: Scoring | None
    scoring_inherited: bool
    template: Template
    cascade: Cascade | None
    children: tuple["AgreementNode", ...]
    groups: tuple[Group, ...] = ()

    @classmethod
    def read(cls, f: Field) -> "AgreementNode":
        o = f.obj("id", "kind", "title", "weight", "declared_weight", "weight_source", "omitted", "added",
                  "optional", "share", "multiplier", "unit", "target", "source", "framework_source",
                  "agreement_source", "citation", "scoring", "scoring_inherited", "template", "cascade", "children",
                  optional=("groups",))
        omitted = o["omitted"].boolean()
        weight = o["weight"].maybe(Field.decimal)
        if omitted and weight not in (None, Decimal(0)):
            raise o["weight"].bad_value("shape")  # an omitted node weighs nothing
        scoring = o["scoring"].maybe(read_scoring)
        children = o["children"].each(AgreementNode.read)
        if scoring is None and children and not omitted:
            # The compiler gives a node with children their sum, weighted average or component
            # total; without one, no route could score it (a results column names no score of a
            # node with children: kpidsl/results_fields.py), so the plan file is refused here
            # rather than scored with a node that can never have a score.
            raise o["scoring"].bad_value("shape")
        return cls(o["id"].id(), o["kind"].one_of(*NODE_KINDS), o["title"].maybe(Field.text), weight,
                   o["declared_weight"].maybe(Field.decimal),
                   o["weight_source"].one_of("framework", "agreement", "missing", "none"), omitted,
                   o["added"].boolean(), o["optional"].maybe(Optional.read), o["share"].maybe(Field.decimal),
                   o["multiplier"].maybe(Field.decimal), o["unit"].maybe(Field.text), o["target"].maybe(Field.decimal),
                   Source.read(o["source"]), read_source(o["framework_source"]), read_source(o["agreement_source"]),
                   o["citation"].maybe(Field.text), scoring, o["scoring_inherited"].boolean(),
                   Template.read(o["template"]), o["cascade"].maybe(Cascade.read), children, read_groups(o))

    def walk(self) -> Iterator["AgreementNode"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "title": self.title, "weight": dec_text(self.weight),
                "declared_weight": dec_text(self.declared_weight), "weight_source": self.weight_source,
                "omitted": self.omitted, "added": self.added, "optional": maybe_json(self.optional),
                "share": dec_text(self.share), "multiplier": dec_text(self.multiplier), "unit": self.unit,
                "target": dec_text(self.target), "source": self.source.to_json(),
                "framework_source": source_json(self.framework_source),
                "agreement_source": source_json(self.agreement_source), "citation": self.citation,
                "scoring": maybe_json(self.scoring), "scoring_inherited": self.scoring_inherited,
                "template": self.template.to_json(), "cascade": maybe_json(self.cascade),
                "children": each_json(self.children), **groups_json(self.groups)}
