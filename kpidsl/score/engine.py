"""The scoring engine: an agreement of the plan and its results → every score,
subtotal, total, penalty, band and raise, each with its explanation.

Semantics (DOMAIN.md): ladders (ladder.py), milestones count the steps done,
weighted averages are Σ(W×SM)/ΣW over their sub-indicators, formulas feed a
ladder (formula.py), composites add their parts by share, an owner's score is
taken as given, and a group's score is the weighted mean of its children.
The total is Σ weight × score / 100; for individuals it is Σ component × share,
a component being Σ score × weight × its multiplier (3.6 × 20 = 72). All
arithmetic is Decimal; rounding happens where the policy says, once.

Every explanation is written in English and in Thai (the Thai in the words of the
evaluation forms: ผลการดำเนินงาน, เกณฑ์, ระดับ, ค่าเฉลี่ยถ่วงน้ำหนัก); the figures and
formulas in both are the same text.
"""

from __future__ import annotations

import decimal

from .evaluate import PlanEvaluator, Run
from .explanations import report_of
from .numbers import CONTEXT
from .scored import Entry, Explanation, Inputs, Lateness, NodeResult, Problem, Report, Said

HUNDRED = decimal.Decimal(100)


def explain(evaluator, inputs: Inputs) -> Report:
    """The Report of one evaluation by an AgreementEvaluator (kpidsl/score/evaluate), every
    figure explained."""
    run = Run(traced=True, entries=inputs.entries)
    fields = {k: e.fields for k, e in inputs.entries.items()}
    evaluation = evaluator.evaluate(fields, inputs.round, inputs.submitted, inputs.raise_percent, run)
    with decimal.localcontext(CONTEXT):
        return report_of(evaluation)


def score_agreement(plan: dict, agreement_id: str, inputs: Inputs) -> Report:
    """Every score, subtotal, total, penalty, band and raise of one agreement of ``plan``
    for ``inputs``, each with its explanation. To score many evaluations of one plan, hold
    a kpidsl.score.evaluate.PlanEvaluator and call explain()."""
    evaluator = PlanEvaluator(plan).get(agreement_id)
    if evaluator is None:
        raise StopIteration(agreement_id)  # as the look-up it replaces: no agreement of that id
    return explain(evaluator, inputs)


__all__ = ["Entry", "Explanation", "Inputs", "Lateness", "NodeResult", "Problem", "Report", "Said", "explain",
           "score_agreement"]
