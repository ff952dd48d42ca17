"""The survey sample size of seed 003 slide 52: Yamane's n = N / (1 + N e²).

``sample_size yamane 5%`` in a framework, with the population N from the agreement
(``population 1,234``) or the results (a ``population`` column, which wins), gives the
number of people to survey: n worked exactly, then rounded to whole people by the rule's
declared ``rounding`` (kpidsl/policies.py SAMPLE_SIZE_ROUNDING when it declares none:
half up, so that N = 500 gives 222.22 → 222 as the seed's table reads). Where the rule
declares a table (``population < 500 -> 222``), the row N falls in gives n instead.
Pure: plan dicts in, a SampleSize out, no other module's state.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from .numbers import CONTEXT, D, quantize, shown


@attrs.frozen
class SampleSize:
    """n for a population N: ``exact`` the formula's value, ``n`` the people to survey, and
    ``row`` the table row that gave n (None when the formula did)."""

    population: Decimal
    error: Decimal
    exact: Decimal
    n: Decimal
    rounding: str
    row: dict | None
    source: dict | None


def yamane(population: Decimal, error: Decimal) -> Decimal:
    """n = N / (1 + N e²), exact to CONTEXT's digits."""
    return CONTEXT.divide(population, CONTEXT.add(Decimal(1), CONTEXT.multiply(population,
                                                                            CONTEXT.multiply(error, error))))


def _holds(value: Decimal, bound: dict | None) -> bool:
    if bound is None:
        return True
    limit = D(bound["value"])
    return {">=": value >= limit, ">": value > limit, "<=": value <= limit, "<": value < limit}[bound["op"]]


def table_row(rule: dict, population: Decimal) -> dict | None:
    """The first declared row whose range holds ``population``."""
    return next((r for r in rule.get("table") or () if _holds(population, r["lower"]) and _holds(population, r["upper"])),
                None)


def sample_size(rule: dict, population: Decimal) -> SampleSize:
    """The sample for ``population`` under a plan's ``sample_size`` rule."""
    error = D(rule["error"])
    exact = yamane(population, error)
    rounding = rule.get("rounding") or "half_up"
    row = table_row(rule, population)
    n = D(row["n"]) if row is not None else quantize(exact, 0, rounding)
    return SampleSize(population, error, exact, n, rounding, row, row["source"] if row else rule.get("source"))


def for_agreement(framework: dict, agreement: dict, population: Decimal | None) -> SampleSize | None:
    """The sample of an agreement: N from the results (``population``) or else the agreement;
    None when the framework has no sample-size rule or N is not known."""
    rule = framework.get("sample_size")
    n = population if population is not None else D(agreement.get("population"))
    if rule is None or n is None or n <= 0:
        return None
    return sample_size(rule, n)


def _bound_text(bound: dict | None) -> str:
    return f"{bound['op']} {shown(D(bound['value']))}" if bound else ""


def explain(s: SampleSize) -> tuple[str, str]:
    """How n was reached, in English and in Thai."""
    e2 = shown(CONTEXT.multiply(s.error, s.error))
    formula = (f"n = N / (1 + N e²) = {shown(s.population)} / (1 + {shown(s.population)} × {e2}) = "
               f"{shown(quantize(s.exact, 2, 'half_up'))}")
    if s.row is not None:
        where = " ".join(filter(None, (_bound_text(s.row["lower"]), _bound_text(s.row["upper"]))))
        return (f"{formula}; the declared table gives N {where}: {shown(s.n)} people",
                f"{formula}; ตารางที่กำหนด N {where}: {shown(s.n)} คน")
    return (f"{formula}, rounded {s.rounding} to whole people: {shown(s.n)}",
            f"{formula} ปัดเป็นจำนวนคน ({s.rounding}): {shown(s.n)} คน")
