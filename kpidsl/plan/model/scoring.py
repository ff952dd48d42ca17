"""How an indicator is scored, one class per kind: the kind is the type.

Declared kinds (a rule file writes them): :class:`Ladder`, :class:`Formula`,
:class:`Milestones`, :class:`WeightedAverage`, :class:`Composite`,
:class:`OwnerScore`. Derived kinds (an agreement's node gets them from its
place): :class:`GroupSum`, :class:`ComponentSum`, :class:`ScaleScoring`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Union

import attrs

from .dates import Dates, dates_json, read_dates
from .fields import Field, dec_text, each_json, maybe_json
from .source import Source

COMPARISONS = (">=", "<=", ">", "<")


@attrs.frozen
class Threshold:
    value: Decimal
    op: str | None  # as written (>=, <=, >, <), or None for a plain figure

    @classmethod
    def read(cls, f: Field) -> "Threshold":
        o = f.obj("value", "op")
        return cls(o["value"].decimal(), o["op"].one_of(*COMPARISONS, None))

    def to_json(self) -> dict:
        return {"value": dec_text(self.value), "op": self.op}


@attrs.frozen
class Ladder:
    """Five thresholds for levels 1..5 in the declared direction (docs/scoring.md, rules 1 and 2)."""

    KIND: ClassVar[str] = "ladder"
    direction: str  # higher | lower
    thresholds: tuple[Threshold, ...]
    open_level_1: bool
    target: Decimal | None
    step: Decimal | None
    unit: str | None
    source: Source

    @classmethod
    def read(cls, f: Field) -> "Ladder":
        o = f.obj("kind", "direction", "thresholds", "open_level_1", "target", "step", "unit", "source")
        o["kind"].one_of(cls.KIND)
        return cls(o["direction"].one_of("higher", "lower"), o["thresholds"].each(Threshold.read, 5, 5),
                   o["open_level_1"].boolean(), o["target"].maybe(Field.decimal), o["step"].maybe(Field.decimal),
                   o["unit"].maybe(Field.text), Source.read(o["source"]))

    def to_json(self) -> dict:
        return {"kind": self.KIND, "direction": self.direction, "thresholds": each_json(self.thresholds),
                "open_level_1": self.open_level_1, "target": dec_text(self.target), "step": dec_text(self.step),
                "unit": self.unit, "source": self.source.to_json()}


# ---- formulas ------------------------------------------------------------------------------------
@attrs.frozen
class Num:
    value: Decimal  # as the rule file wrote it (a percentage already divided by 100)

    def to_json(self) -> dict:
        return {"num": dec_text(self.value)}


@attrs.frozen
class Var:
    name: str

    def to_json(self) -> dict:
        return {"var": self.name}


@attrs.frozen
class Neg:
    operand: "Expr"

    def to_json(self) -> dict:
        return {"op": "neg", "args": [self.operand.to_json()]}


@attrs.frozen
class BinOp:
    op: str  # + - * /
    left: "Expr"
    right: "Expr"
    source: Source | None = None  # a division's line: a division by zero is reported there

    def to_json(self) -> dict:
        out = {"op": self.op, "args": [self.left.to_json(), self.right.to_json()]}
        if self.op == "/":
            out["source"] = maybe_json(self.source)
        return out


@attrs.frozen
class Call:
    func: str  # mean | sum | min | max
    args: tuple["Expr", ...]
    source: Source

    def to_json(self) -> dict:
        return {"call": self.func, "args": each_json(self.args), "source": self.source.to_json()}


Expr = Union[Num, Var, Neg, BinOp, Call]
FUNCTIONS = ("mean", "sum", "min", "max")


def read_expr(f: Field) -> Expr:
    if isinstance(f.value, dict) and "num" in f.value:
        return Num(f.obj("num")["num"].number())
    if isinstance(f.value, dict) and "var" in f.value:
        return Var(f.obj("var")["var"].id())
    if isinstance(f.value, dict) and "call" in f.value:
        o = f.obj("call", "args", "source")
        return Call(o["call"].one_of(*FUNCTIONS), o["args"].each(read_expr, 1), Source.read(o["source"]))
    if isinstance(f.value, dict) and f.value.get("op") == "neg":
        (operand,) = f.obj("op", "args")["args"].each(read_expr, 1, 1)
        return Neg(operand)
    if isinstance(f.value, dict) and f.value.get("op") == "/":
        o = f.obj("op", "args", "source")
        left, right = o["args"].each(read_expr, 2, 2)
        return BinOp("/", left, right, Source.read(o["source"]))
    if isinstance(f.value, dict) and "op" in f.value:
        o = f.obj("op", "args")
        op = o["op"].one_of("+", "-", "*", "/", "neg")
        left, right = o["args"].each(read_expr, 2, 2)
        return BinOp(op, left, right)
    if not isinstance(f.value, dict):
        raise f.wrong_type("object")
    raise f.bad_value("shape")


@attrs.frozen
class Input:
    names: tuple[str, ...]
    label: str | None
    unit: str | None

    @classmethod
    def read(cls, f: Field) -> "Input":
        o = f.obj("names", "label", "unit")
        return cls(o["names"].each(Field.id, 1), o["label"].maybe(Field.text), o["unit"].maybe(Field.text))

    def to_json(self) -> dict:
        return {"names": list(self.names), "label": self.label, "unit": self.unit}


@attrs.frozen
class Formula:
    KIND: ClassVar[str] = "formula"
    inputs: tuple[Input, ...]
    expr: Expr
    ladder: Ladder | None
    source: Source

    @classmethod
    def read(cls, f: Field) -> "Formula":
        o = f.obj("kind", "inputs", "expr", "ladder", "source")
        return cls(o["inputs"].each(Input.read), read_expr(o["expr"]), o["ladder"].maybe(Ladder.read),
                   Source.read(o["source"]))

    def to_json(self) -> dict:
        return {"kind": self.KIND, "inputs": each_json(self.inputs), "expr": self.expr.to_json(),
                "ladder": maybe_json(self.ladder), "source": self.source.to_json()}


# ---- milestones ----------------------------------------------------------------------------------
@attrs.frozen
class Step:
    number: int
    text: str
    due: Dates | None
    evidence: tuple[str, ...]
    source: Source

    @classmethod
    def read(cls, f: Field) -> "Step":
        o = f.obj("number", "text", "due", "evidence", "source")
        return cls(o["number"].integer(low=1), o["text"].text(), read_dates(o["due"]), o["evidence"].texts(),
                   Source.read(o["source"]))

    def to_json(self) -> dict:
        return {"number": self.number, "text": self.text, "due": dates_json(self.due),
                "evidence": list(self.evidence), "source": self.source.to_json()}


@attrs.frozen
class Milestones:
    KIND: ClassVar[str] = "milestones"
    steps: tuple[Step, ...]
    source: Source

    @classmethod
    def read(cls, f: Field) -> "Milestones":
        o = f.obj("kind", "steps", "source")
        return cls(o["steps"].each(Step.read, 1), Source.read(o["source"]))

    def to_json(self) -> dict:
        return {"kind": self.KIND, "steps": each_json(self.steps), "source": self.source.to_json()}


# ---- averages and parts --------------------------------------------------------------------------
@attrs.frozen
class WeightedAverage:
    """Sub-indicators (from each agreement) averaged by their relative weights, then laddered."""

    KIND: ClassVar[str] = "weighted_average"
    ladder: Ladder | None
    source: Source

    @classmethod
    def read(cls, f: Field) -> "WeightedAverage":
        o = f.obj("kind", "ladder", "source")
        return cls(o["ladder"].maybe(Ladder.read), Source.read(o["source"]))

    def to_json(self) -> dict:
        return {"kind": self.KIND, "ladder": maybe_json(self.ladder), "source": self.source.to_json()}


@attrs.frozen
class Part:
    id: str
    title: str | None
    share: Decimal | None
    scoring: "DeclaredScoring | None"
    source: Source

    @classmethod
    def read(cls, f: Field) -> "Part":
        o = f.obj("id", "title", "share", "scoring", "source")
        return cls(o["id"].id(), o["title"].maybe(Field.text), o["share"].maybe(Field.decimal),
                   o["scoring"].maybe(read_declared), Source.read(o["source"]))

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "share": dec_text(self.share),
                "scoring": maybe_json(self.scoring), "source": self.source.to_json()}


@attrs.frozen
class Composite:
    KIND: ClassVar[str] = "composite"
    parts: tuple[Part, ...]
    source: Source

    @classmethod
    def read(cls, f: Field) -> "Composite":
        o = f.obj("kind", "parts", "source")
        return cls(o["parts"].each(Part.read, 1), Source.read(o["source"]))

    def to_json(self) -> dict:
        return {"kind": self.KIND, "parts": each_json(self.parts), "source": self.source.to_json()}


@attrs.frozen
class OwnerScore:
    """Scored by the indicator's owner (เจ้าภาพให้คะแนน): the result is the score."""

    KIND: ClassVar[str] = "owner_score"
    source: Source

    @classmethod
    def read(cls, f: Field) -> "OwnerScore":
        return cls(Source.read(f.obj("kind", "source")["source"]))

    def to_json(self) -> dict:
        return {"kind": self.KIND, "source": self.source.to_json()}


# ---- derived kinds -------------------------------------------------------------------------------
@attrs.frozen
class GroupSum:
    """A group: the weighted mean of its children."""

    KIND: ClassVar[str] = "sum"

    def to_json(self) -> dict:
        return {"kind": self.KIND}


@attrs.frozen
class ComponentSum:
    """A component: its indicators added up."""

    KIND: ClassVar[str] = "component"

    def to_json(self) -> dict:
        return {"kind": self.KIND}


@attrs.frozen
class ScaleScoring:
    """A competency scored on a framework scale (by its id)."""

    KIND: ClassVar[str] = "scale"
    scale: str

    def to_json(self) -> dict:
        return {"kind": self.KIND, "scale": self.scale}


DeclaredScoring = Union[Ladder, Formula, Milestones, WeightedAverage, Composite, OwnerScore]
DerivedScoring = Union[GroupSum, ComponentSum, ScaleScoring]
Scoring = Union[DeclaredScoring, DerivedScoring]

DECLARED: dict[str, type] = {c.KIND: c for c in (Ladder, Formula, Milestones, WeightedAverage, Composite, OwnerScore)}
DERIVED_KINDS = (GroupSum.KIND, ComponentSum.KIND, ScaleScoring.KIND)


def _kind(f: Field) -> str:
    if not isinstance(f.value, dict):
        raise f.wrong_type("object")
    if "kind" not in f.value:
        raise f.fail("T003", field="kind")
    return f.child("kind").one_of(*DECLARED, *DERIVED_KINDS)


def read_declared(f: Field) -> DeclaredScoring:
    """Scoring as a rule file declares it."""
    kind = _kind(f)
    if kind not in DECLARED:
        raise f.child("kind").fail("T006", value=kind, expected=" | ".join(DECLARED))
    return DECLARED[kind].read(f)


def read_scoring(f: Field) -> Scoring:
    """Scoring of an agreement's node: declared, or derived from its place."""
    kind = _kind(f)
    if kind in DECLARED:
        return DECLARED[kind].read(f)
    if kind == ScaleScoring.KIND:
        return ScaleScoring(f.obj("kind", "scale")["scale"].id())
    f.obj("kind")
    return GroupSum() if kind == GroupSum.KIND else ComponentSum()
