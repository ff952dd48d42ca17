"""The evaluators of one plan: each agreement read into the typed model
(kpidsl/plan/model) and compiled when first needed, only the parts it uses read."""

from __future__ import annotations

from ...plan.model import Agreement, BandsTable, Calendar, Framework
from ...plan.model.fields import Field
from .agreement import AgreementEvaluator


class PlanEvaluator:
    """The agreements of one plan dict (from the compiler or a plan.json), compiled on
    first use. The plan must not change while this is held."""

    def __init__(self, plan: dict):
        self.plan = plan
        self.agreements = {}
        for i, a in enumerate(plan["agreements"]):
            self.agreements.setdefault(a["id"], (i, a))
        self._compiled: dict[str, AgreementEvaluator] = {}
        self._frameworks: dict[str, Framework] = {}

    def get(self, agreement_id: str) -> AgreementEvaluator | None:
        """The evaluator of an agreement, or None when the plan has none of that id."""
        compiled = self._compiled.get(agreement_id)
        if compiled is None and agreement_id in self.agreements:
            i, a = self.agreements[agreement_id]
            framework = self.framework(a["framework"])
            agreement = Agreement.read(Field(a, f"/agreements/{i}"), {framework.id: framework})
            compiled = self._compiled[agreement_id] = AgreementEvaluator(agreement, self.plan["holidays"])
            compiled.plan_agreement = a
            compiled.plan_framework = fw = self.framework_dict(a["framework"])
            table = next((b for b in self.plan["bands"] if b["id"] == fw.get("bands")), None)
            compiled.plan_bands = table["bands"] if table else []
        return compiled

    def framework_dict(self, framework_id: str) -> dict:
        return next(f for f in self.plan["frameworks"] if f["id"] == framework_id)

    def framework(self, framework_id: str) -> Framework:
        found = self._frameworks.get(framework_id)
        if found is None:
            plan = self.plan
            i, f = next((i, f) for i, f in enumerate(plan["frameworks"]) if f["id"] == framework_id)
            bands = {b["id"]: BandsTable.read(Field(b, f"/bands/{k}")) for k, b in enumerate(plan["bands"])
                     if b["id"] == f.get("bands")}
            calendars = {c["id"]: Calendar.read(Field(c, f"/calendar/{k}")) for k, c in enumerate(plan["calendar"])
                         if c["id"] in f.get("calendars", ())}
            found = self._frameworks[framework_id] = Framework.read(Field(f, f"/frameworks/{i}"), bands, calendars)
        return found
