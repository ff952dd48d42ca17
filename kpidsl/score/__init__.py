"""Scoring: an agreement of the plan plus results → scores with explanations."""

from .engine import Entry, Inputs, NodeResult, Report, score_agreement
from .examples import ExampleResult, run_example

__all__ = ["Entry", "ExampleResult", "Inputs", "NodeResult", "Report", "run_example", "score_agreement"]
