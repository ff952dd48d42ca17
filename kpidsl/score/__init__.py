"""Scoring: an agreement of the plan plus results → scores with explanations."""

from .engine import Entry, Inputs, Lateness, NodeResult, Report, score_agreement
from .examples import ExampleResult, run_example

__all__ = ["Entry", "ExampleResult", "Inputs", "Lateness", "NodeResult", "Report", "run_example", "score_agreement"]
