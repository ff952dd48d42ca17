"""A scored agreement: the results given (Inputs, Entry) and the Report made from them —
every figure with its explanation in English and in Thai, what is missing and what is
wrong (Problem: a registry code and its fields, kpidsl/score/evaluate/trace.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from typing import Callable

import attrs

from ..bilingual import Bi
from ..plan.model import Agreement, Band, Framework, Policies
from .evaluate.trace import Amount, Problem
from .numbers import rounder

# A sentence in both languages (kpidsl/bilingual.py).
Said = Bi


# Not frozen: the results reader makes one per indicator of every row, and a frozen class's
# __init__ costs over twice as much (nothing changes an Entry once read).
@attrs.define
class Entry:
    """The results given for one indicator (or competency): ``result`` (a
    measured value), ``steps`` (milestone steps done), ``score`` (a score given
    directly), or named formula inputs and part scores."""

    id: str
    fields: dict[str, Decimal]
    where: str | None = None


@attrs.define
class Inputs:
    entries: dict[str, Entry] = attrs.Factory(dict)
    submitted: dt.date | None = None
    raise_percent: Decimal | None = None
    round: str | None = None
    # What a results row may carry for the seeds' rules of milestone steps, sample size and raise pool:
    steps_done: dict = attrs.Factory(dict)  # node id → kpidsl.score.milestone_steps.StepsDone
    population: Decimal | None = None  # N for the survey sample size (kpidsl/score/sample_size.py)
    salary: Decimal | None = None  # the person's salary on the pool's date (kpidsl/score/pool.py)
    grade: str | None = None  # the person's salary grade (else the agreement's)
    group: str | None = None  # the person's pool group (kpidsl/score/pool.py)
    # node id → its entry's fields, as the results reader made them beside ``entries``
    # (kpidsl/score/results/reader.py): fields_by_id's answer without making it again for
    # every explained row. Set only by whoever set ``entries`` with it; None: made from them.
    read_fields: dict | None = attrs.field(default=None, eq=False, repr=False)

    def fields_by_id(self) -> dict:
        """Each node's results as the evaluator takes them (field → value), a milestone's
        steps listed one by one under ``steps_done``."""
        if self.read_fields is not None and not self.steps_done:
            return self.read_fields
        fields = {k: e.fields for k, e in self.entries.items()}
        for node_id, done in self.steps_done.items():
            fields[node_id] = {**fields.get(node_id, {}), "steps_done": done}
        return fields


class Explanation:
    """How a number was reached — the rule applied, in English and in Thai — with the
    rule file line and the seed it comes from, and the results it was given.

    Made from the evaluator's trace, the sentences are written when first read
    (``Explanation.later``): a report whose figures alone are wanted (a CSV row) costs no
    text."""

    __slots__ = ("_said", "_inputs", "source", "citation")

    def __init__(self, rule_en: str, rule_th: str, source: dict | None = None, citation: str | None = None,
                 inputs: tuple[tuple[str, str], ...] = ()):
        self._said: Said | Callable[[], Said] = Bi(rule_en, rule_th)
        self._inputs: tuple | Callable[[], tuple] = inputs
        self.source = source
        self.citation = citation

    @classmethod
    def later(cls, said: Callable[[], Said], source: dict | None, citation: str | None,
              inputs: Callable[[], tuple] | tuple = ()) -> "Explanation":
        """An explanation whose sentences (and inputs) are written when first read."""
        e = object.__new__(cls)  # __init__'s work, without the sentences it would set first
        e._said = said
        e._inputs = inputs
        e.source = source
        e.citation = citation
        return e

    @property
    def said(self) -> Said:
        if callable(self._said):
            self._said = self._said()
        return self._said

    @property
    def rule_en(self) -> str:
        return self.said.en

    @property
    def rule_th(self) -> str:
        return self.said.th

    @property
    def inputs(self) -> tuple[tuple[str, str], ...]:
        if callable(self._inputs):
            self._inputs = self._inputs()
        return self._inputs

    def rule(self, lang: str) -> str:
        """The rule in ``lang`` ("th" or "en")."""
        return self.rule_th if lang == "th" else self.rule_en

    def _key(self) -> tuple:
        return (self.rule_en, self.rule_th, self.source, self.citation, self.inputs)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Explanation) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"Explanation(rule_en={self.rule_en!r}, rule_th={self.rule_th!r}, source={self.source!r}, "
                f"citation={self.citation!r}, inputs={self.inputs!r})")


@attrs.define
class NodeResult:
    id: str
    kind: str
    title: str | None
    weight: Decimal | None  # the figure its weighted score is weighed by: a component's share (weighted.py)
    score: Decimal | None
    weighted: Decimal | None
    explanation: Explanation
    value: Decimal | None = None
    children: list["NodeResult"] = attrs.Factory(list)
    omitted: bool = False
    # The evaluator's working (kpidsl/score/evaluate/trace.py: a ComponentTotal gives the
    # component's Σ score × weight % before its multiplier), for forms that print it.
    working: object | None = None


@attrs.frozen
class Lateness:
    """How late a round's report was, for forms that print it (the SAR's penalty line)."""

    due: dt.date
    submitted: dt.date
    days: tuple[dt.date, ...]  # the days counted, after ``due`` up to ``submitted``
    per: str  # "working_day" or "day"
    amount: Decimal  # the penalty per day counted


def _made(nodes):
    """The nodes of a Report, made now if they were left for later."""
    return nodes() if callable(nodes) else nodes


@attrs.define
class Report:
    agreement: Agreement
    framework: Framework
    policy: Policies
    # The NodeResults, or a function that makes them when first read: a report whose figures
    # alone are wanted (a CSV row of the explaining path) makes none (kpidsl/score/explanations.py).
    _nodes: list[NodeResult] | Callable[[], list[NodeResult]] = attrs.field(
        alias="nodes", eq=_made, repr=lambda nodes: repr(_made(nodes)))
    total: Decimal | None = None
    total_explanation: Explanation | None = None
    penalty: Decimal | None = None
    penalty_explanation: Explanation | None = None
    lateness: Lateness | None = None
    final: Decimal | None = None
    band: Band | None = None
    band_explanation: Explanation | None = None
    raise_range: tuple[Decimal, Decimal] | None = None
    raise_percent: Decimal | None = None
    amount: Decimal | None = None
    amount_explanation: Explanation | None = None
    # How the amount was worked out (the grade, the half, the base, the unrounded figure):
    # kpidsl.score.evaluate.trace.Amount, for forms that print the working.
    amount_working: Amount | None = None
    missing: list[str] = attrs.Factory(list)  # "kpi 5: result"
    problems: list[Problem] = attrs.Factory(list)
    missing_th: list[str] = attrs.Factory(list)  # the same in Thai: "ตัวชี้วัด 5: ผล"
    # The same for a form staff read: by title, no ids ("สมรรถนะหลักที่ 1: คะแนน").
    missing_titled: list[str] = attrs.Factory(list)
    # The results columns that would give them: "5", "8:X1", "11:survey" (Q007's hint).
    missing_columns: list[str] = attrs.Factory(list)
    # The survey sample size (kpidsl/score/sample_size.py), when N is known.
    sample_size: object | None = None
    sample_size_explanation: Explanation | None = None

    @property
    def nodes(self) -> list[NodeResult]:
        if callable(self._nodes):
            self._nodes = self._nodes()
        return self._nodes

    def missing_in(self, lang: str) -> list[str]:
        """What the results lack, in ``lang`` ("th" or "en")."""
        return self.missing_th if lang == "th" else self.missing

    @property
    def decimals(self) -> int:
        return self.policy.decimals

    @property
    def rounder(self):
        """numbers.rounder of the policy: a figure (not None) rounded for publication."""
        policy = (self.policy.decimals, self.policy.rounding)
        rounded = _ROUNDERS.get(policy)
        if rounded is None:  # made once per policy: a batch rounds three figures a row
            rounded = _ROUNDERS[policy] = rounder(*policy)
        return rounded

    def rounded(self, value: Decimal | None) -> Decimal | None:
        return None if value is None else self.rounder(value)

    def find(self, node_id: str) -> NodeResult | None:
        stack = list(self.nodes)
        while stack:
            n = stack.pop()
            if n.id == node_id:
                return n
            stack.extend(n.children)
        return None


_ROUNDERS: dict[tuple[int, str], Callable[[Decimal], Decimal]] = {}  # per (decimals, rounding)

__all__ = ["Entry", "Explanation", "Inputs", "Lateness", "NodeResult", "Problem", "Report", "Said"]
