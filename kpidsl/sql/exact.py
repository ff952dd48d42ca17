"""Exact decimal arithmetic as SQL expressions.

A figure is held as ``numerator / den``: the numerator a SQL DECIMAL expression, ``den``
a positive whole number fixed when the query is compiled (3 for a ladder step of 7.5,
say). Division by a constant is a multiplication by its exact reciprocal when the
constant has only the prime factors 2 and 5 (÷ 2.5 is × 0.4), and otherwise puts the
rest into ``den``: no SQL division is ever written, since DuckDB divides decimals in
floating point and Spark and Trino round the quotient to a scale of their choosing.

Every numerator carries a bound on its size (``mag``), so its DECIMAL precision is known
and kept to the 38 digits all four dialects hold; an operation that would need more is
refused by name (``NotExact``), never rounded. The precision of a product is counted as
Spark counts it (p1 + p2 + 1), the strictest of the four.

The constants and bounds are computed in EXACT, never in Python's default context, which keeps
28 digits: a rule file's figure may have 30 (15 before the point and 15 after,
kpidsl/syntax/limits.py) and a bound 38, and either rounded to 28 had put another figure into
the query than the evaluator's (123456789012345.123456789012345 written as …345.1234567890123)
and counted a bound of 37 digits as 38.
"""

from __future__ import annotations

from decimal import Context, Decimal
from functools import lru_cache
from math import gcd
from typing import Iterable

import attrs
from sqlglot import exp

from ..bilingual import Bi
from ..diagnostics.phrases import phrase

MAX_PRECISION = 38
# Room for every figure the module computes: a bound of MAX_PRECISION digits plus 1, a constant of 30
# digits times a den, a quotient's factor d / 2^x 5^y (x, y at most 100 for a divisor of 30 digits)
EXACT = Context(prec=3 * MAX_PRECISION)
A_PRODUCT, A_SUM, A_DIFFERENCE, A_QUOTIENT = (phrase(f"sql-a-{what}") for what in ("product", "sum", "difference",
                                                                                    "quotient"))


class NotExact(Exception):
    """A figure the query cannot compute exactly: ``what`` it is and ``why`` (phrases of
    kpidsl/diagnostics/phrases.py, for Z002)."""

    def __init__(self, what: Bi, why: Bi):
        super().__init__(f"{what.en}: {why.en}")
        self.what = what
        self.why = why


def digits(n: Decimal) -> int:
    """Digits before the point of a non-negative bound (at least 1)."""
    return len(str(int(n.copy_abs())))


@lru_cache(maxsize=None)
def _dtype(text: str) -> exp.DataType:
    return exp.DataType.build(text)


def dtype(text: str) -> exp.DataType:
    """A SQL type (built once per text: sqlglot parses the text)."""
    return _dtype(text).copy()


def decimal_type(p: int, s: int) -> exp.DataType:
    return dtype(f"DECIMAL({p}, {s})")


def scale_of(value: Decimal) -> int:
    exponent = value.normalize(EXACT).as_tuple().exponent
    return max(0, -int(exponent))


@attrs.frozen
class Val:
    """``e / den`` with ``|e| <= mag`` and ``e`` a DECIMAL of scale ``s``."""

    e: exp.Expression
    s: int
    mag: Decimal
    den: int = 1

    @property
    def p(self) -> int:
        return digits(self.mag) + self.s

    def typed(self) -> exp.Expression:
        """The numerator cast to its exact type (a cast that cannot round: the scale is its own)."""
        if self.p > MAX_PRECISION:
            raise NotExact(phrase("sql-a-figure"), phrase("sql-digits-sql", digits=self.p, limit=MAX_PRECISION))
        return exp.Cast(this=self.e, to=decimal_type(self.p, self.s))


def const(value: Decimal) -> Val:
    s = scale_of(value)
    mag = value.copy_abs()
    # the size written and negated here: sqlglot's Literal.number takes a negative figure's size
    # with abs() in the default context, -123456789012345.123456789012345 as -…345.1234567890123
    number = exp.Literal.number(f"{mag.normalize(EXACT):f}")
    lit = exp.Cast(this=exp.Neg(this=number) if value < 0 else number, to=decimal_type(digits(value) + s, s))
    return Val(lit, s, mag)


def column(e: exp.Expression, p: int, s: int) -> Val:
    """A DECIMAL(p, s) column: at most p nines, s of them after the point."""
    return Val(e, s, Decimal((0, (9,) * p, -s)))


def _check(p: int, what: Bi) -> None:
    if p > MAX_PRECISION:
        raise NotExact(what, phrase("sql-digits-dialects", digits=p, limit=MAX_PRECISION))


def mul(a: Val, b: Val, what: Bi = A_PRODUCT) -> Val:
    _check(a.p + b.p + 1, what)
    return Val(exp.Mul(this=a.typed(), expression=b.typed()), a.s + b.s, EXACT.multiply(a.mag, b.mag), a.den * b.den)


def times_int(a: Val, n: int) -> Val:
    if n == 1:
        return a
    return mul(a, const(Decimal(n)))


def with_den(a: Val, den: int) -> Val:
    """The same figure over ``den`` (a multiple of its own)."""
    assert den % a.den == 0
    return attrs.evolve(times_int(a, den // a.den), den=den)


def lcm(*ns: int) -> int:
    out = 1
    for n in ns:
        out = out * n // gcd(out, n)
    return out


def _add2(a: Val, b: Val, op: type, what: Bi) -> Val:
    den = lcm(a.den, b.den)
    a, b = with_den(a, den), with_den(b, den)
    s = max(a.s, b.s)
    _check(max(a.p - a.s, b.p - b.s) + s + 1, what)
    return Val(op(this=a.typed(), expression=b.typed()), s, EXACT.add(a.mag, b.mag), den)


def add(a: Val, b: Val, what: Bi = A_SUM) -> Val:
    return _add2(a, b, exp.Add, what)


def sub(a: Val, b: Val, what: Bi = A_DIFFERENCE) -> Val:
    return _add2(a, b, exp.Sub, what)


def total(vals: Iterable[Val], what: Bi = A_SUM) -> Val:
    """Σ, added as a balanced tree (the precision grows with the log of the count)."""
    items = list(vals)
    if not items:
        return const(Decimal(0))
    while len(items) > 1:
        items = [add(items[i], items[i + 1], what) if i + 1 < len(items) else items[i]
                 for i in range(0, len(items), 2)]
    return items[0]


def neg(a: Val) -> Val:
    return Val(exp.Neg(this=a.typed()), a.s, a.mag, a.den)


def absolute(a: Val) -> Val:
    return Val(exp.Abs(this=a.typed()), a.s, a.mag, a.den)


def times(a: Val, c: Decimal, what: Bi = A_PRODUCT) -> Val:
    if c == 1:
        return a
    return mul(a, const(c), what)


def divided(a: Val, c: Decimal, what: Bi = A_QUOTIENT) -> Val:
    """``a / c`` for a constant ``c`` ≠ 0: × the exact reciprocal of its 2s and 5s, the rest into den."""
    if c == 0:
        raise NotExact(what, phrase("sql-division-by-zero"))
    sign = -1 if c < 0 else 1
    c = c.copy_abs()
    n, d = c.as_integer_ratio()  # c = n / d
    # a / c = a × d / n; n = 2^x 5^y r with r coprime to 10: × d / (2^x 5^y) is an exact decimal.
    r, x, y = n, 0, 0
    while r % 2 == 0:
        r //= 2
        x += 1
    while r % 5 == 0:
        r //= 5
        y += 1
    factor = EXACT.divide(Decimal(d * sign), Decimal(2 ** x * 5 ** y))  # exact: d·sign / 2^x 5^y terminates
    out = times(a, factor.normalize(EXACT), what)
    return attrs.evolve(out, den=out.den * r)


def times_over(a: Val, c: Decimal, d: Decimal, what: Bi = A_PRODUCT) -> Val:
    """``a × c / d`` for constants c and d ≠ 0: one product by c / d when that is an exact decimal
    (d of only the prime factors 2 and 5, as a weight's or a share's 100), no wider than a product
    by c and another by 1 / d and the same figure; otherwise those two, the rest of d a den
    (:func:`divided`). A weighted term is then one product and one cast a row, not two
    (benchmarks/bench_sql_floor.py: 17 of each a row fewer in bench_sql.py's query)."""
    if d == 0:
        raise NotExact(A_QUOTIENT, phrase("sql-division-by-zero"))
    n, _ = d.copy_abs().as_integer_ratio()
    while n % 2 == 0:
        n //= 2
    while n % 5 == 0:
        n //= 5
    if n != 1:
        return divided(times(a, c, what), d)
    return times(a, EXACT.divide(c, d).normalize(EXACT), what)


def compare(a: Val, op: str, c: Decimal) -> exp.Expression:
    """``a op c`` for a constant c, exactly: a.e op c·den."""
    rhs = const(EXACT.multiply(c, a.den))
    cls = {">=": exp.GTE, ">": exp.GT, "<=": exp.LTE, "<": exp.LT, "=": exp.EQ}[op]
    return cls(this=a.typed(), expression=rhs.typed())


def compare_vals(a: Val, op: str, b: Val) -> exp.Expression:
    den = lcm(a.den, b.den)
    a, b = with_den(a, den), with_den(b, den)
    cls = {">=": exp.GTE, ">": exp.GT, "<=": exp.LTE, "<": exp.LT, "=": exp.EQ}[op]
    return cls(this=a.typed(), expression=b.typed())


def case(branches: list[tuple[exp.Expression, Val]], default: Val) -> Val:
    """CASE WHEN … THEN … ELSE … END over figures: every branch over one den, one type."""
    vals = [v for _, v in branches] + [default]
    den = lcm(*(v.den for v in vals))
    vals = [with_den(v, den) for v in vals]
    s = max(v.s for v in vals)
    mag = max(v.mag for v in vals)
    p = digits(mag) + s
    _check(p, phrase("sql-a-choice"))
    typ = decimal_type(p, s)
    ifs = [exp.If(this=cond, true=exp.Cast(this=v.typed(), to=typ)) for (cond, _), v in zip(branches, vals)]
    return Val(exp.Case(ifs=ifs, default=exp.Cast(this=vals[-1].typed(), to=typ)), s, mag, den)


def at_most(a: Val, cap: Decimal) -> Val:
    """min(a, cap)."""
    return case([(compare(a, ">", cap), const(cap))], a)


def bounded(a: Val, bound: Decimal) -> Val:
    """The same figure, known to be at most ``bound`` in size (a score 0–5): its type narrowed."""
    mag = EXACT.multiply(bound.copy_abs(), a.den)
    return Val(a.e, a.s, min(a.mag, mag), a.den) if mag < a.mag else a


def within(a: Val, bound: Decimal) -> Val:
    """A figure read from a cell that the plan holds to at most ``bound`` in size (a score
    0–5, a milestone's steps): its type narrowed as :func:`bounded` narrows it, and NULL
    where the cell says more. The row is then unsure (the evaluator scores it and tells the
    problem), but its figures are still computed: without this, the narrowing cast of 120
    failed the whole query ("Casting value 120.000000 to DECIMAL(7, 6)")."""
    narrowed = bounded(a, bound)
    if narrowed is a:
        return a
    inside = exp.and_(compare(a, ">=", bound.copy_abs().copy_negate()), compare(a, "<=", bound.copy_abs()), copy=False)
    return Val(exp.Case(ifs=[exp.If(this=inside, true=a.e.copy())]), a.s, narrowed.mag, a.den)


def as_column(a: Val, name: str) -> tuple[exp.Expression, Val]:
    """``a`` computed once as column ``name``: the select item, and the figure reading it."""
    return exp.alias_(a.typed(), name, quoted=True, copy=False), Val(exp.column(name, quoted=True), a.s, a.mag, a.den)


ROUNDINGS = ("half_up", "half_even", "up", "down")


def rounded(a: Val, decimals: int, mode: str) -> Val:
    """``a`` rounded to ``decimals`` places as kpidsl rounds (kpidsl/policies.py's modes:
    half_up away from zero, half_even, up = ceiling, down = floor), exactly:
    q = ⌊a·10^d / den⌋ and the remainder decide, with no division."""
    if mode not in ROUNDINGS:
        raise NotExact(phrase("sql-rounding"), phrase("sql-unknown-rounding", mode=mode))
    if a.den == 1 and mode != "half_even":
        return _rounded_whole(a, decimals, mode)
    scaled = times(attrs.evolve(a, den=1), Decimal(10) ** decimals)  # M = e·10^d, over den
    m = scaled
    if a.den == 1:
        q = Val(exp.Floor(this=m.typed()), 0, EXACT.add(m.mag, 1))
    else:
        n = Val(exp.Floor(this=m.typed()), 0, EXACT.add(m.mag, 1))  # ⌊M / den⌋ = ⌊⌊M⌋ / den⌋
        # An estimate from a reciprocal good to 20 places, then corrected by one either way.
        recip = (Decimal(1) / Decimal(a.den)).quantize(Decimal("1e-20"))
        q0 = Val(exp.Floor(this=mul(n, const(recip)).typed()), 0, EXACT.add(n.mag, 1))
        dd = Decimal(a.den)
        up = compare_vals(times(add(q0, const(Decimal(1))), dd), "<=", n)
        down = compare_vals(times(q0, dd), ">", n)
        q = case([(up, add(q0, const(Decimal(1)))), (down, sub(q0, const(Decimal(1))))], q0)
        q = Val(q.e, 0, EXACT.add(n.mag, 1))
    rem = sub(m, times(q, Decimal(a.den)))  # in [0, den)
    twice = times(rem, Decimal(2))
    den = const(Decimal(a.den))
    one = const(Decimal(1))
    if mode == "down":
        bump = None
    elif mode == "up":
        bump = compare_vals(rem, ">", const(Decimal(0)))
    elif mode == "half_up":
        # past half, up; at half, up unless the figure is negative (away from zero: -2.5 stays ⌊-2.5⌋ = -3)
        negative = compare(a, "<", Decimal(0))
        bump = exp.or_(compare_vals(twice, ">", den),
                       exp.and_(exp.not_(negative), compare_vals(twice, "=", den)), copy=False)
    else:
        half = times(Val(exp.Floor(this=times(q, Decimal("0.5")).typed()), 0, q.mag), Decimal(2))
        odd = exp.not_(compare_vals(half, "=", q), copy=False)
        bump = exp.or_(compare_vals(twice, ">", den), exp.and_(compare_vals(twice, "=", den), odd), copy=False)
    whole = q if bump is None else case([(bump, add(q, one))], q)
    whole = Val(whole.e, 0, EXACT.add(q.mag, 1))
    return times(whole, Decimal(1).scaleb(-decimals))  # × 1 (no decimals) is the figure itself


def _rounded_whole(a: Val, decimals: int, mode: str) -> Val:
    """``a`` (over den 1) rounded by the engine's own exact decimal functions, which every
    dialect has and computes on the DECIMAL without a remainder to build: ROUND is half away
    from zero in DuckDB, Spark, Trino and PostgreSQL (kpidsl's half_up), FLOOR and CEIL of
    a·10^d are down and up. (DuckDB takes them in 64 bits where the type allows.)"""
    step = Decimal(1).scaleb(-decimals)
    mag = EXACT.add(a.mag, step)
    if mode == "half_up":
        whole = exp.Round(this=a.typed(), decimals=exp.Literal.number(decimals))
        return Val(exp.Cast(this=whole, to=decimal_type(digits(mag) + decimals, decimals)), decimals, mag)
    scaled = times(a, Decimal(10) ** decimals)
    node = exp.Floor if mode == "down" else exp.Ceil
    whole = Val(node(this=scaled.typed()), 0, EXACT.add(scaled.mag, 1))
    return times(whole, step)  # × 1 (no decimals) is the figure itself
