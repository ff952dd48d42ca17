"""What the evaluator records when a trace is asked for: structured entries, no text.

One entry per rule applied: the node it was applied to (which carries its rule-file
source and seed citation), the figures it took and the figures it gave. The sentences
people read are written from these by kpidsl/score/explanations.py; a batch asks for
no trace and the evaluator records nothing but what is missing or wrong.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial
from typing import Any, NamedTuple

import attrs

from ...diagnostics.registry import Coded
from ..ladder import Climb


# ---- one node -----------------------------------------------------------------------------------------
@attrs.frozen(slots=True)
class Omitted:
    """Omitted in the agreement; ``passed_on``: its weight went to its siblings."""

    passed_on: bool


class Given(NamedTuple):  # a tuple: an explaining batch makes one per competency per row
    """A score given directly (by the indicator's owner when ``owner``)."""

    score: Decimal
    owner: bool


@attrs.frozen(slots=True)
class Needs:
    """The node waits for something: ``what`` is "owner_score", "scale" (``detail`` the scale),
    "score" (no scoring rule), "result", "inputs" (``detail`` the names), "steps", "part"
    (``detail`` the part), "sub_indicators" (none), "sub_scores", "indicator_scores" (``detail``
    the children, members_of),
    "weights" (``detail`` the children without one)."""

    what: str
    detail: Any = None


class Measured(NamedTuple):  # a tuple: an explaining batch makes one per indicator per row
    """A measured value (``formula``: computed from ``given`` by a formula) and, when the
    node has a ladder, how it climbed it."""

    value: Decimal
    formula: Any = None  # kpidsl.plan.model.Formula
    given: dict | None = None
    ladder: Any = None  # kpidsl.plan.model.Ladder
    climb: Climb | None = None
    score: Decimal | None = None  # the ladder's score: the climb's figure, or the cap below it


@attrs.frozen(slots=True)
class Failed:
    """A formula that cannot be computed; ``problem`` says why."""

    problem: "Problem"


@attrs.frozen(slots=True)
class StepsOutOfRange:
    steps: Decimal


@attrs.frozen(slots=True)
class StepsListed:
    """Steps reported one by one: the score they make under the two policies
    (kpidsl/score/milestone_steps.py)."""
    result: object  # milestone_steps.StepsScore
    done: object  # milestone_steps.StepsDone
    count: int


@attrs.frozen(slots=True)
class StepsDone:
    done: int
    count: int
    last: str | None  # the text of the last step done


@attrs.frozen(slots=True)
class Average:
    """Σ(W × SM) / ΣW over ``terms`` (weight, score) of sub-indicators."""

    terms: tuple[tuple[Decimal, Decimal], ...]
    weights: Decimal
    score: Decimal


@attrs.frozen(slots=True)
class GroupMean:
    """The weighted mean of a group's children, ``sum`` × 100 / ``weights``: ``sum`` is Σ of
    the children's weighted scores (weight × score / 100 each); ``members`` are (what they
    are, how many) in the order they come (members_of); ``lost``: weight that went with
    omitted ones, which are ``lost_members``."""

    members: tuple[tuple[str, int], ...]
    sum: Decimal
    weights: Decimal
    lost: Decimal | None
    score: Decimal
    lost_members: tuple[tuple[str, int], ...] = ()


def members_of(parent_kind: str, children) -> tuple[tuple[str, int], ...]:
    """What a group's children are, as (the plan's node kind, how many), in the order the
    kinds first come: an indicator's own children are its sub-indicators (``sub_kpi``), as the
    seeds call 1.1 and 1.2 of indicator 1 (seed 003 slide 4)."""
    counts: dict[str, int] = {}
    for child in children:
        kind = "sub_kpi" if child.kind == "kpi" and parent_kind == "kpi" else child.kind
        counts[kind] = counts.get(kind, 0) + 1
    return tuple(counts.items())


@attrs.frozen(slots=True)
class Shares:
    """Parts added by share: ``terms`` (share %, part score)."""

    terms: tuple[tuple[Decimal, Decimal], ...]
    score: Decimal


@attrs.frozen(slots=True)
class PartOutOfRange:
    part: str
    score: Decimal


class ComponentTotal(NamedTuple):  # a tuple: one per row of an explaining batch
    """Σ score × weight % of a component's indicators (``terms``: score, weight), × multiplier."""

    terms: tuple[tuple[Decimal, Decimal], ...]
    sum: Decimal
    multiplier: Decimal
    score: Decimal


class NodeTrace(NamedTuple):  # a tuple: an explaining batch makes one per node per row
    """The rule applied at one node, with the results it was given (which node: its index in
    the trace, AgreementEvaluator.nodes)."""

    rule: Any
    fields: dict


# ---- the whole agreement -----------------------------------------------------------------------------
class Total(NamedTuple):  # a tuple: one per row of an explaining batch
    """Σ of the live top nodes' weighted scores (``shares``: weight × score / 100 of each)."""

    shares: tuple[Decimal | None, ...]
    total: Decimal


class IndividualTotal(NamedTuple):  # a tuple: one per row of an explaining batch
    """Σ component × share (``terms``: component score, share %)."""

    terms: tuple[tuple[Decimal, Decimal], ...]
    total: Decimal


@attrs.frozen(slots=True)
class Penalty:
    round: Any  # kpidsl.plan.model.Round
    due: dt.date
    submitted: dt.date
    days: int
    dates: tuple[dt.date, ...]
    per: str  # "day" or "working_day"
    amount: Decimal  # per day counted
    penalty: Decimal


class BandFound(NamedTuple):  # a tuple: one per row of an explaining batch
    value: Decimal
    band: Any  # kpidsl.plan.model.Band
    table: Any  # kpidsl.plan.model.BandsTable


@attrs.frozen(slots=True)
class Amount:
    """The raise amount: ``base`` (the mid-point of the half ``salary`` is in) × ``percent``."""

    salary: Decimal
    upper: bool
    grade: Any  # kpidsl.plan.model.Grade
    split: Decimal | None
    base: Decimal
    percent: Decimal
    raw: Decimal
    rounding: str | None
    unit: Decimal
    amount: Decimal
    rules: Any  # kpidsl.plan.model.Salary


def maker(cls):
    """A NamedTuple's constructor from one tuple of its fields, made in C (the class's own
    __new__ is Python): for the entries an explaining batch makes every row."""
    return partial(tuple.__new__, cls)


# ---- what is missing or wrong -------------------------------------------------------------------------
@attrs.frozen(slots=True)
class Lacking:
    """A value the results lack: ``what`` as in Needs, for ``node``."""

    node: Any
    what: str
    detail: Any = None


@attrs.frozen(slots=True)
class Problem(Coded):
    """Something wrong with the results or the rules: a registry code, its fields, the
    rule-file line (``source``) and the results cell it is about (``column``: a meta
    column's name, `raise`, or a node's (id, field); told at that cell, kpidsl/score/batch.py)."""

    code: str
    fields: dict
    source: dict | None = None
    column: str | tuple[str, str] | None = None
