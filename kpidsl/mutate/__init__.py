"""Mutation testing of rule sets (`kpidsl mutate`).

Every operator (``operators``) is applied, one place at a time, to the parsed
rule set as a text edit of one file (``apply``); each mutant is re-checked in
memory and classified (``classify``) as caught by `check`, caught by the rule
set's own tests, equivalent, or survived; ``run`` goes through them in one
process or a forked pool, and ``report`` writes the result.
"""

from __future__ import annotations

from .apply import Baseline, load_baseline
from .classify import CLASSES, Outcome, classify, failing_tests
from .operators import OPERATORS, Mutant, mutants
from .run import RunResult, run_mutants

__all__ = ["Baseline", "CLASSES", "Mutant", "OPERATORS", "Outcome", "RunResult", "classify", "failing_tests",
           "load_baseline", "mutants", "run_mutants"]
