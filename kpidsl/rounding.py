"""The rule set's rounding of a published figure, and the arithmetic context every figure is
computed in: written once, below the scorer and the checker alike (the scorer rounds totals by
it, kpidsl/score/numbers.py; the checker finds the best total a framework can publish by it,
kpidsl/check/bands.py B012)."""

from __future__ import annotations

import decimal
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from itertools import repeat

# Enough digits that dividing (a proportional redistribution, a weighted
# average) never loses anything the published 4 decimals could show.
CONTEXT = decimal.Context(prec=40, rounding=ROUND_HALF_EVEN, traps=[decimal.InvalidOperation, decimal.DivisionByZero])

# Divisions at 40 digits leave noise in the last places (a weight redistributed in
# fifteenths is 1.1333…3). Before a figure is rounded for publication it is cut to
# 32 significant digits, so that a total exactly half-way, computed as 0.78364999…9,
# rounds as the exact 0.78365 does. Eight guard digits are far below anything a
# result with a few decimals can produce, and far above the division noise.
GUARD = decimal.Context(prec=32, rounding=ROUND_HALF_EVEN)

# The rounding a rule set declares (kpidsl/policies.py), as the decimal module names it.
ROUNDING_MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "up": ROUND_CEILING, "down": ROUND_FLOOR}


def rounder(decimals: int, rounding: str = "half_up"):
    """value → value rounded to the published number of decimals (4 → 70.8000), the
    guard digits cut first: quantize() made once for a policy. ``rounded.many(values)``:
    each of ``values`` rounded alike, by the same two C calls mapped over them (a batch's
    run of totals)."""
    quantum = Decimal(1).scaleb(-decimals)
    context = CONTEXT.copy()  # CONTEXT with the policy's rounding: one C call per figure
    context.rounding = ROUNDING_MODES[rounding]
    plus, quantize = GUARD.plus, context.quantize

    def rounded(value: Decimal) -> Decimal:
        return quantize(plus(value), quantum)

    def many(values):
        return map(quantize, map(plus, values), repeat(quantum))
    rounded.many = many
    return rounded


def quantize(value: Decimal, decimals: int, rounding: str = "half_up") -> Decimal:
    """Round to the published number of decimals (4 → 70.8000)."""
    return rounder(decimals, rounding)(value)
