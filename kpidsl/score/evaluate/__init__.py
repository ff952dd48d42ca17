"""The one evaluator: an agreement of the typed plan compiled once into a function per
node (kinds.py, one builder per scoring kind), run for a batch without a trace and for
an explanation with one (trace.py; the sentences are kpidsl/score/explanations.py)."""

from .agreement import AgreementEvaluator, Evaluation, between, within
from .plan import PlanEvaluator
from .run import Run

__all__ = ["AgreementEvaluator", "Evaluation", "PlanEvaluator", "Run", "between", "within"]
