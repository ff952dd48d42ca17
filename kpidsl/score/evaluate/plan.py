"""The evaluators of one plan: each agreement of the typed plan (kpidsl/plan/model)
compiled when first needed."""

from __future__ import annotations

from ...plan.model import Plan
from ...plan.read import plan_of
from .agreement import AgreementEvaluator


class PlanEvaluator:
    """The agreements of one plan (typed, or a plan dict from the compiler, read typed once),
    compiled on first use. The plan must not change while this is held."""

    def __init__(self, plan: "Plan | dict"):
        self.plan = plan_of(plan)
        self.agreements = self.plan.agreements_by_id
        self._compiled: dict[str, AgreementEvaluator] = {}

    def get(self, agreement_id: str) -> AgreementEvaluator | None:
        """The evaluator of an agreement, or None when the plan has none of that id."""
        compiled = self._compiled.get(agreement_id)
        if compiled is None and agreement_id in self.agreements:
            compiled = self._compiled[agreement_id] = AgreementEvaluator(self.agreements[agreement_id],
                                                                         self.plan.holidays)
        return compiled
