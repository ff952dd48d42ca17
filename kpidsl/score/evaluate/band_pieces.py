"""A rule of a figure that only compares it with constants, made a table once: the band of a
published total (kpidsl/score/evaluate/agreement.py: the first band whose bounds' tests hold).

Such a rule gives the same answer for every figure between two neighbouring constants, so
it is asked once at each constant and once at a point between each two (and below the
first, above the last); a figure is then placed among the constants by two bisections, in
C, with no Decimal hash and no memo that grows with the totals met. The answers are the
rule's own: nothing here knows what a band is (tests/test_band_pieces.py holds the table
to the rule at, between and beside every bound).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from itertools import repeat
from operator import add
from typing import Callable

# exact for the sum and half of any two finite constants (a rule's bounds)
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
_ONE, _TWO = Decimal(1), Decimal(2)


class Pieces:
    """``rule`` (a function of one figure comparing it with ``constants`` alone) as a table:
    ``one(x)`` is ``rule(x)``, ``many(xs)`` the rule of each."""

    __slots__ = ("constants", "answers")

    def __init__(self, constants, rule: Callable[[Decimal], object]):
        self.constants = values = sorted(set(constants))
        # answers[2k + 1]: at values[k]; answers[2k]: below values[k] and above values[k - 1]
        points = [_EXACT.subtract(values[0], _ONE)] if values else [_ONE]
        for k, value in enumerate(values):
            points.append(value)
            points.append(_EXACT.divide(_EXACT.add(value, values[k + 1]), _TWO) if k + 1 < len(values)
                          else _EXACT.add(value, _ONE))
        self.answers = [rule(point) for point in points]

    def one(self, x: Decimal):
        """rule(x): x is at a constant when the two bisections differ (by one)."""
        values = self.constants
        return self.answers[bisect_left(values, x) + bisect_right(values, x)]

    def many(self, xs) -> list:
        """rule() of each of ``xs``, every step mapped over them in C."""
        xs = xs if type(xs) is list else list(xs)
        values = self.constants
        return list(map(self.answers.__getitem__, map(add, map(bisect_left, repeat(values), xs),
                                                         map(bisect_right, repeat(values), xs))))
