"""The scoring front: an agreement of the plan and its results → every score,
subtotal, total, penalty, band and raise, each with its explanation (a Report).

The figures come from the one evaluator (kpidsl/score/evaluate: the typed plan
compiled into a function per node, one builder per scoring kind), asked for a trace;
the sentences, in English and in Thai, are written from that trace by
kpidsl/score/explanations.py. Semantics (docs/scoring.md): ladders (ladder.py), milestones
count the steps done, weighted averages are Σ(W×SM)/ΣW over their sub-indicators,
formulas feed a ladder (formula.py), composites add their parts by share, an owner's
score is taken as given, and a group's score is the weighted mean of its children.
The total is Σ weight × score / 100; for individuals it is Σ component × share, a
component being Σ score × weight × its multiplier (3.6 × 20 = 72). All arithmetic is
Decimal; rounding happens where the policy says, once.
"""

from __future__ import annotations

import decimal

from ..plan.model import Plan
from ..recent import Recent
from .evaluate import PlanEvaluator, Run
from .explanations import report_of
from .scored import Entry, Explanation, Inputs, Lateness, NodeResult, Problem, Report, Said

HUNDRED = decimal.Decimal(100)


def explain(evaluator, inputs: Inputs) -> Report:
    """The Report of one evaluation by an AgreementEvaluator (kpidsl/score/evaluate), every
    figure explained."""
    run = Run(traced=True)
    pay = (inputs.salary, inputs.grade) if inputs.salary is not None or inputs.grade else None
    evaluation = evaluator.evaluate(inputs.fields_by_id(), inputs.round, inputs.submitted, inputs.raise_percent, run,
                                    pay=pay, population=inputs.population)
    # evaluate() computed every figure under CONTEXT; report_of computes none (it files them with
    # their explanations, written when read), so it needs no context of its own
    return report_of(evaluation)


# The evaluators of the last few plans scored (kpidsl/recent.py): reading an agreement into
# the typed model and compiling it costs ten explanations, and forms, examples, the editor
# and diff --rescore score one plan again and again.
_EVALUATORS: Recent[object, PlanEvaluator] = Recent(4)


def evaluators_of(plan: "Plan | dict") -> PlanEvaluator:
    """The PlanEvaluator of ``plan``, made once while the plan is among the last few scored."""
    return _EVALUATORS.of(plan, PlanEvaluator)


def score_agreement(plan: "Plan | dict", agreement_id: str, inputs: Inputs) -> Report:
    """Every score, subtotal, total, penalty, band and raise of one agreement of ``plan``
    (the typed plan, or the compiler's dict, read typed once) for ``inputs``, each with its
    explanation."""
    evaluator = evaluators_of(plan).get(agreement_id)
    if evaluator is None:
        raise StopIteration(agreement_id)  # as the look-up it replaces: no agreement of that id
    return explain(evaluator, inputs)


__all__ = ["Entry", "Explanation", "Inputs", "Lateness", "NodeResult", "Problem", "Report", "Said", "evaluators_of",
           "explain", "score_agreement"]
