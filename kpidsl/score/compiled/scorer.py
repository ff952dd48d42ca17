"""The compiled agreements of a plan, and one evaluation scored the compiled way."""

from __future__ import annotations

from ..engine import Inputs
from .agreement import CompiledAgreement
from .parts import Figures, Slow
from .rows import RowScorer


class Compiled:
    """The compiled agreements of one plan, each compiled when first needed. The results
    reader takes its row scorer and its Slow from here, so that it needs no import of this
    module (which reads what the reader accepts)."""

    RowScorer = RowScorer
    Slow = Slow

    def __init__(self, plan: dict):
        self.plan = plan
        self.agreements = {a["id"]: a for a in plan["agreements"]}
        self._compiled: dict[str, CompiledAgreement] = {}

    def get(self, agreement_id: str) -> CompiledAgreement | None:
        compiled = self._compiled.get(agreement_id)
        if compiled is None and agreement_id in self.agreements:
            compiled = self._compiled[agreement_id] = CompiledAgreement(self.plan, self.agreements[agreement_id])
        return compiled


def score_inputs(plan: dict, agreement_id: str, inputs: Inputs, person: str | None = None) -> Figures:
    """The compiled counterpart of engine.score_agreement: the same figures, or Slow
    where the engine would report a missing value or a problem."""
    agreement = next(a for a in plan["agreements"] if a["id"] == agreement_id)
    return CompiledAgreement(plan, agreement).score(inputs, person)
