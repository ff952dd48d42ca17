"""Decimal arithmetic under the rule set's rounding policy."""

from __future__ import annotations

import decimal
from itertools import repeat
from typing import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal

# The context and the policy's rounding are kpidsl/rounding.py's (the checker rounds by them
# too); the scorer's modules take them from here with the rest of its arithmetic.
from ..rounding import CONTEXT, GUARD, ROUNDING_MODES, quantize, rounder


def computes_as_context(context: decimal.Context) -> bool:
    """Whether ``context`` gives every result CONTEXT gives, and raises where it raises: the
    same digits, rounding, exponent range, clamping and traps (its flags and the way it
    writes an exponent change no figure). Then ``x * y`` under it is ``CONTEXT.multiply(x,
    y)``: the same operation of the decimal module, finished under equal settings
    (kpidsl/score/evaluate/shapes.py runs a batch's steps so, the operator being the
    cheaper call)."""
    return context is CONTEXT or (context.prec == CONTEXT.prec and context.rounding == CONTEXT.rounding
                                  and context.Emax == CONTEXT.Emax and context.Emin == CONTEXT.Emin
                                  and context.clamp == CONTEXT.clamp and context.traps == CONTEXT.traps)

def D(text: str | int | Decimal | None) -> Decimal | None:
    if text is None:
        return None
    return text if isinstance(text, Decimal) else Decimal(str(text))


def to_unit(value: Decimal, unit: Decimal, rounding: str) -> Decimal:
    """Round to a multiple of ``unit``: 1,127.16 up to 10 baht is 1,130."""
    steps = (value / unit).to_integral_value(rounding=ROUNDING_MODES[rounding], context=CONTEXT)
    return steps * unit


def plain(value: Decimal | None) -> str:
    """A figure without trailing zeros, as people write it."""
    if value is None:
        return "–"
    return format(CONTEXT.normalize(value), "f")


def plains(values) -> Iterator[str]:
    """plain() of each figure (none of them None), its steps mapped over them in C."""
    return map(format, map(CONTEXT.normalize, values), repeat("f"))


def money(value: str | Decimal | None) -> str:
    """Baht as a Thai form writes it, with thousands separators: 28,000; 1,130; and satang, when
    there are any, to two places: 610.50 (seed 001 slide 91 writes 36,020 and 25,190). A salary
    is printed so wherever people read it (forms, the score table, explanations); the CSV and
    JSON outputs keep the plain figure for machines."""
    if value is None or value == "":
        return ""
    d = D(value)
    return f"{d.normalize():,f}" if d == d.to_integral_value() else f"{d:,.2f}"


# The units a rule file writes for baht (seed 003 slide 34: "ผลการเบิกจ่ายเงินงบประมาณ … (บาท)").
BAHT_UNITS = frozenset({"บาท", "baht"})


def baht_names(inputs) -> frozenset[str]:
    """The names of a formula's inputs (kpidsl/plan/model Input) that are baht: printed as money."""
    return frozenset(name for i in inputs if i.unit in BAHT_UNITS for name in i.names)


SHOWN_PLACES = 10


def shown(value: Decimal | None) -> str:
    """A figure in an explanation: as people write it, but a quotient that does not end
    (250.8 / 70) is cut to 10 decimals and marked: 3.5828571429…. The figure itself
    keeps every digit; only the text is shortened. The guard digits are cut first, as before
    any rounding (kpidsl/rounding.py GUARD): 4 computed as 3.99…9 to 40 digits (weights
    redistributed in thirds) is 4, not 4…."""
    if value is None:
        return "–"
    value = GUARD.plus(value)
    text = format(CONTEXT.normalize(value), "f")  # plain(value), a call the less: 257 an explained row
    point = text.find(".")
    if point < 0 or len(text) - point - 1 <= SHOWN_PLACES:
        return text
    cut = value.quantize(Decimal(1).scaleb(-SHOWN_PLACES), rounding=ROUND_HALF_EVEN, context=CONTEXT)
    return f"{cut.normalize(CONTEXT):f}…"


def fixed(value: Decimal | None, decimals: int = 4) -> str:
    if value is None:
        return "–"
    return f"{value:.{decimals}f}"


__all__ = ["CONTEXT", "D", "computes_as_context", "GUARD", "ROUNDING_MODES", "ROUND_DOWN", "BAHT_UNITS", "baht_names", "fixed", "money", "plain", "quantize", "rounder", "shown",
           "to_unit"]
