"""What became of one mutant: caught by `check`, caught by the rule set's own
tests, equivalent, or survived.

In this order:

1. ``check``: the edited rule set has an error (``error``), or a warning the
   rule set as written does not have (``warning``, counted apart: a warning is
   a catch, but a weaker one).
2. ``equivalent``: the compiled plan is byte-identical to the plan of the rule
   set as written (codes ``plan-identical``). The plan holds every figure, date,
   policy and rule line the scorer and the forms read, so no score, form or diff
   can tell the mutant from the original.
3. ``test``: what `kpidsl test` runs — each ``example``'s expected figures and
   every ladder and band table scored on both sides of each boundary — fails
   on the mutant (the rule set as written passes them all).
4. ``equivalent`` by argument: a change kpidsl/mutate/equivalence.py shows gives
   every figure the same, by enumerating every input where it could differ
   (codes ``sample-size-ties`` and the populations checked).
5. ``survived``: none of these.

``crash`` is a mutant on which kpidsl itself failed (an exception past a
clean check): a fault of kpidsl, reported with the survivors.
"""

from __future__ import annotations

import attrs

from ..plan import dumps
from ..plan.read import typed_plan
from ..score import properties
from ..score.examples import run_example
from ..check.in_memory import check_parsed
from .apply import Baseline
from .equivalence import sample_rounding_equivalent
from .operators import Mutant

CLASSES = ("error", "warning", "test", "equivalent", "survived", "crash")
CAUGHT = ("error", "warning", "test")


@attrs.frozen
class Outcome:
    mutant: Mutant
    kind: str  # one of CLASSES
    # the diagnostics' codes (error, warning), the failed tests' names, or how equivalence was decided
    codes: tuple[str, ...] = ()

    @property
    def caught(self) -> bool:
        return self.kind in CAUGHT


def classify(base: Baseline, mutant: Mutant) -> Outcome:
    try:
        return _classify(base, mutant)
    except Exception as e:  # noqa: BLE001 — a fault of kpidsl on this mutant, reported, not raised
        return Outcome(mutant, "crash", (" ".join(f"{type(e).__name__}: {e}".split()),))


def _classify(base: Baseline, mutant: Mutant) -> Outcome:
    checked = check_parsed(base.name, base.with_mutant(mutant))
    errors = checked.errors
    if errors:
        return Outcome(mutant, "error", tuple(sorted({d.code for d in errors})))
    before = base.checked.warnings()
    new = checked.warnings() - before
    if new:
        return Outcome(mutant, "warning", tuple(sorted({code for code, _ in new})))
    plan = base.compile(checked.rule_set)
    # Equal data first (cheap); the bytes decide (a dict's order is part of them).
    if plan == base.plan and dumps(plan) == base.plan_text:
        return Outcome(mutant, "equivalent", ("plan-identical",))
    failed = failing_tests(plan)
    if failed:
        return Outcome(mutant, "test", failed)
    argued = sample_rounding_equivalent(base.plan, plan)
    if argued:
        return Outcome(mutant, "equivalent", argued)
    return Outcome(mutant, "survived")


def failing_tests(plan: dict) -> tuple[str, ...]:
    """The names of the examples and of the ladder and band tables that fail."""
    plan = typed_plan(plan)
    failed = [f"example {ex.id}" for ex in plan.examples if not run_example(plan, ex).passed]
    failed.extend(p.what for p in properties.run(plan) if not p.passed)
    return tuple(failed)
