"""The survey sample size of seed 003 slide 52: Yamane's n = N / (1 + N e²).

``sample_size yamane 5%`` in a framework, with the population N from the agreement
(``population 1,234``) or the results (a ``population`` column, which wins), gives the
number of people to survey: n worked exactly, then rounded to whole people by the rule's
declared ``rounding`` (kpidsl/policies.py SAMPLE_SIZE_ROUNDING when it declares none:
half up, so that N = 500 gives 222.22 → 222 as the seed's table reads). Where the rule
declares a table (``population < 500 -> 222``), the row N falls in gives n instead.
Pure: the typed plan's rule in, a SampleSize out, no other module's state.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ..bilingual import Bi
from ..plan.model import Agreement, Bound, Framework, Source
from ..plan.model import SampleSize as SampleSizeRule
from ..plan.model.tables import SampleRow
from .numbers import CONTEXT, quantize, shown


@attrs.frozen
class SampleSize:
    """n for a population N: ``exact`` the formula's value, ``n`` the people to survey, and
    ``row`` the table row that gave n (None when the formula did)."""

    population: Decimal
    error: Decimal
    exact: Decimal
    n: Decimal
    rounding: str
    row: SampleRow | None
    source: Source | None


def yamane(population: Decimal, error: Decimal) -> Decimal:
    """n = N / (1 + N e²), exact to CONTEXT's digits."""
    return CONTEXT.divide(population, CONTEXT.add(Decimal(1), CONTEXT.multiply(population,
                                                                            CONTEXT.multiply(error, error))))


def _holds(value: Decimal, bound: Bound | None) -> bool:
    if bound is None:
        return True
    limit = bound.value
    return {">=": value >= limit, ">": value > limit, "<=": value <= limit, "<": value < limit}[bound.op]


def table_row(rule: SampleSizeRule, population: Decimal) -> SampleRow | None:
    """The first declared row whose range holds ``population``."""
    return next((r for r in rule.table if _holds(population, r.lower) and _holds(population, r.upper)), None)


def sample_size(rule: SampleSizeRule, population: Decimal) -> SampleSize:
    """The sample for ``population`` under a plan's ``sample_size`` rule."""
    error = rule.error
    exact = yamane(population, error)
    rounding = rule.rounding or "half_up"
    row = table_row(rule, population)
    n = row.n if row is not None else quantize(exact, 0, rounding)
    return SampleSize(population, error, exact, n, rounding, row, row.source if row else rule.source)


def for_agreement(framework: Framework, agreement: Agreement, population: Decimal | None) -> SampleSize | None:
    """The sample of an agreement: N from the results (``population``) or else the agreement;
    None when the framework has no sample-size rule or N is not known."""
    rule = framework.sample_size
    n = population if population is not None else agreement.population
    if rule is None or n is None or n <= 0:
        return None
    return sample_size(rule, n)


def _bound_text(bound: Bound | None) -> str:
    return f"{bound.op} {shown(bound.value)}" if bound else ""


def explain(s: SampleSize) -> Bi:
    """How n was reached, in English and in Thai."""
    e2 = shown(CONTEXT.multiply(s.error, s.error))
    formula = (f"n = N / (1 + N e²) = {shown(s.population)} / (1 + {shown(s.population)} × {e2}) = "
               f"{shown(quantize(s.exact, 2, 'half_up'))}")
    if s.row is not None:
        where = " ".join(filter(None, (_bound_text(s.row.lower), _bound_text(s.row.upper))))
        return Bi(f"{formula}; the declared table gives N {where}: {shown(s.n)} people",
                  f"{formula}; ตารางที่กำหนด N {where}: {shown(s.n)} คน")
    return Bi(f"{formula}, rounded {s.rounding} to whole people: {shown(s.n)}",
              f"{formula} ปัดเป็นจำนวนคน ({s.rounding}): {shown(s.n)} คน")
