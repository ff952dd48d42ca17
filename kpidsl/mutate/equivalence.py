"""Mutants shown equivalent by an argument, not by identical bytes.

A plan that differs from the rule set's may still give every figure the same. One
such change is decided here, by enumeration rather than by sampling:

* a survey sample size's ``rounding`` moved between the half-way modes (half up,
  half even): Yamane's n = N / (1 + N e²) is rounded to whole people, and two
  half-way modes differ only where n is exactly k + ½. With n = p/2 (p odd),
  N = p / (2 − p e²), and n < 1/e², so the populations where they can differ are
  finitely many: every odd p below 2/e² whose N is a whole number of people. Each
  is scored under both modes (a table row that holds N gives its own n under
  either); when every one agrees, no population gives another n.

Seed 003 slide 52's e = 5 % has five such populations (N = 112, 2,160, 12,400,
63,600, 319,600; n = 87.5, 337.5, 387.5, 397.5, 399.5): every k there is odd, so
half even rounds up as half up does.
"""

from __future__ import annotations

from fractions import Fraction

from ..plan.compare import differences
from ..plan.model import Plan
from ..plan.read import plan_of
from ..score.numbers import D
from ..score.sample_size import sample_size

# The modes that differ from each other only on an exact half.
HALF_WAY = frozenset({"half_up", "half_even"})


def tie_populations(error: Fraction) -> list[int]:
    """Every whole population N whose Yamane n is exactly k + ½ at this error."""
    e2 = error * error
    out = []
    p = 1
    while p * e2 < 2:
        n = Fraction(p) / (2 - p * e2)
        if n.denominator == 1:
            out.append(n.numerator)
        p += 2
    return out


def sample_rounding_equivalent(base: "dict | Plan", mutant: "dict | Plan") -> tuple[str, ...] | None:
    """Why ``mutant`` gives the figures ``base`` gives, when the two plans differ only in one
    sample-size rule's half-way rounding mode: ``("sample-size-ties", "N=… n=…", …)``; else None."""
    base, mutant = plan_of(base), plan_of(mutant)
    found = differences(base, mutant)
    if len(found) != 1 or found[0][0] != "frameworks_by_id" or found[0][2:] != ("sample_size", "rounding"):
        return None  # not one rounding mode, or something else changed as well
    was = base.framework(found[0][1]).sample_size
    rule = mutant.framework(found[0][1]).sample_size
    if {rule.rounding, was.rounding} - HALF_WAY:
        return None
    checked = []
    for population in tie_populations(Fraction(str(rule.error))):
        n_base = sample_size(was, D(population)).n
        if sample_size(rule, D(population)).n != n_base:
            return None
        checked.append(f"N={population} n={n_base}")
    return ("sample-size-ties", *checked)
