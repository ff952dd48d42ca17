"""Exact decimal arithmetic written as SQL (kpidsl/sql/exact.py), each figure computed by DuckDB
and compared with Decimal's: its value (numerator / den), the DECIMAL type it is cast to, the
bound on its size, and the figures refused by name (NotExact) rather than rounded.
tests/test_sql.py scores whole rule sets through it and holds its rounding to Decimal's."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction as F

import pytest

pytest.importorskip("sqlglot", reason="the sql extra is not installed")
duckdb = pytest.importorskip("duckdb", reason="the sql extra is not installed")

from sqlglot import exp  # noqa: E402

from kpidsl.diagnostics.phrases import phrase  # noqa: E402
from kpidsl.sql import NotExact, exact  # noqa: E402
from kpidsl.sql.query import to_sql  # noqa: E402

D = Decimal
CON = duckdb.connect()


def sql(e: exp.Expression):
    return CON.execute(to_sql(exp.select(exp.alias_(e, "r")), "duckdb")).fetchone()[0]


def value(v: exact.Val) -> F:
    """The figure ``v`` holds, its numerator computed by DuckDB in the type it is cast to."""
    numerator = sql(v.typed())
    assert isinstance(numerator, Decimal) and -v.mag <= numerator <= v.mag, (numerator, v.mag)
    assert numerator.as_tuple().exponent == -v.s  # the numerator's scale is its type's
    return F(numerator) / v.den  # a fraction: 7/3 whole, where a Decimal keeps 28 digits


def type_of(v: exact.Val) -> str:
    return v.typed().args["to"].sql()


def over(text: str, den: int) -> exact.Val:
    """The figure ``text / den``, a constant numerator over ``den``."""
    num = D(text)
    return exact.Val(exact.const(num).e, exact.scale_of(num), abs(num), den)


def test_digits_before_the_point_and_the_scale_of_a_figure():
    assert [exact.digits(D(t)) for t in ("0.5", "9.99", "10", "-123.4", "100000")] == [1, 1, 2, 3, 6]
    # the scale of the figure itself, not of how it is written: 2.50 has one place, 100 none
    assert [exact.scale_of(D(t)) for t in ("2.50", "100", "1E+2", "0.0001", "-7.125")] == [1, 0, 0, 4, 3]


@pytest.mark.parametrize("text, typ, mag", [("7.5", "DECIMAL(2, 1)", "7.5"), ("-0.250", "DECIMAL(3, 2)", "0.25"),
                                            ("100", "DECIMAL(3, 0)", "100"), ("1E+2", "DECIMAL(3, 0)", "100"),
                                            ("0", "DECIMAL(1, 0)", "0"), ("-20350", "DECIMAL(5, 0)", "20350")])
def test_a_constant_is_its_figure_in_the_narrowest_type(text, typ, mag):
    v = exact.const(D(text))
    assert (v.mag, v.den, type_of(v)) == (D(mag), 1, typ)
    assert value(v) == D(text)


def test_a_column_is_bounded_by_its_type():
    v = exact.column(exp.column("x"), 7, 4)
    assert (v.s, v.mag, v.den, v.p) == (4, D("999.9999"), 1, 7) and type_of(v) == "DECIMAL(7, 4)"
    whole = exact.column(exp.column("x"), 5, 0)
    assert (whole.mag, whole.p) == (D(99999), 5)


def test_a_figure_of_more_than_38_digits_is_refused_by_name():
    v = exact.Val(exp.column("x"), 10, D(10 ** 28), 1)  # 29 digits before the point and 10 after: 39
    with pytest.raises(NotExact) as e:
        v.typed()
    assert e.value.what == phrase("sql-a-figure")
    assert e.value.why == phrase("sql-digits-sql", digits=39, limit=38)
    assert type_of(exact.Val(exp.column("x"), 10, D(10 ** 28 - 1), 1)) == "DECIMAL(38, 10)"  # 38 digits: held


def test_products_sums_and_differences_are_exact_over_any_den():
    a, b = over("7", 3), over("2.5", 2)  # 7/3 and 1.25
    product = exact.mul(a, b)
    assert (product.den, product.s, product.mag) == (6, 1, D("17.5")) and value(product) == F("17.5") / 6
    total = exact.add(a, b)
    assert (total.den, total.s) == (6, 1) and value(total) == F(7, 3) + F("1.25")
    diff = exact.sub(a, b)
    assert diff.den == 6 and value(diff) == F(7, 3) - F("1.25")
    assert value(exact.sub(b, a)) == F("1.25") - F(7, 3)
    # seed 003 slide 24: 3 + (78 − 75) / (80 − 75) = 3.6, a step of 5 over den 1
    assert value(exact.add(exact.const(D(3)), exact.divided(exact.sub(exact.const(D(78)), exact.const(D(75))),
                                                            D(5)))) == D("3.6")
    # the same den on both sides is kept, not squared
    assert exact.add(over("1", 3), over("2", 3)).den == 3 and value(exact.add(over("1", 3), over("2", 3))) == 1


def test_the_size_of_a_sum_is_bounded_by_its_terms():
    a, b = exact.const(D("99.5")), exact.const(D("-0.75"))
    s = exact.add(a, b)
    assert (s.mag, s.s, type_of(s)) == (D("100.25"), 2, "DECIMAL(5, 2)") and value(s) == D("98.75")


def test_a_product_or_sum_past_38_digits_is_refused_as_spark_counts_it():
    big = exact.column(exp.column("x"), 19, 0)
    with pytest.raises(NotExact) as e:
        exact.mul(big, big)  # 19 + 19 + 1 = 39
    assert (e.value.what, e.value.why) == (exact.A_PRODUCT, phrase("sql-digits-dialects", digits=39, limit=38))
    assert exact.mul(big, exact.column(exp.column("y"), 18, 0)).p == 37  # 19 + 18 + 1 = 38: held
    wide = exact.Val(exp.column("x"), 0, D(10 ** 38 - 1))  # DECIMAL(38, 0)
    with pytest.raises(NotExact) as e:
        exact.add(wide, exact.const(D(1)))  # 38 + 1
    assert (e.value.what, e.value.why) == (exact.A_SUM, phrase("sql-digits-dialects", digits=39, limit=38))
    with pytest.raises(NotExact) as e:
        exact.sub(wide, exact.const(D(1)))
    assert e.value.what == exact.A_DIFFERENCE
    assert exact.add(exact.Val(exp.column("x"), 0, D(10 ** 37 - 1)), exact.const(D(1))).p == 38


@pytest.mark.parametrize("count", [0, 1, 2, 3, 5, 8])
def test_a_total_adds_every_figure_in_a_balanced_tree(count):
    figures = [D("0.63"), D("2.1"), D("-1.25"), D("4"), D("0.005"), D("3.5"), D("70.8"), D("-3")][:count]
    t = exact.total(exact.const(f) for f in figures)
    assert value(t) == sum(figures, D(0))
    assert t.mag == sum(map(abs, figures), D(0))


def test_a_total_refused_names_what_it_adds():
    wide = exact.Val(exp.column("x"), 0, D(10 ** 38 - 1))
    with pytest.raises(NotExact) as e:
        exact.total([wide, wide], phrase("sql-the-total"))
    assert e.value.what == phrase("sql-the-total")


def test_negation_and_absolute_value_keep_the_den_and_the_bound():
    a = over("-7", 3)
    for v, want in ((exact.neg(a), F(7, 3)), (exact.absolute(a), F(7, 3)), (exact.absolute(over("7", 3)), F(7, 3))):
        assert (v.den, v.mag, v.s) == (3, D(7), 0) and value(v) == want


def test_times_one_is_the_figure_itself_and_times_a_constant_exact():
    a = over("7", 3)
    assert exact.times(a, D(1)) is a and exact.times_int(a, 1) is a
    assert value(exact.times(a, D("2.5"))) == F("17.5") / 3 and value(exact.times_int(a, 4)) == F(28, 3)
    with pytest.raises(NotExact) as e:
        exact.times(exact.column(exp.column("x"), 30, 0), D("1234567890"), phrase("sql-the-total"))
    assert e.value.what == phrase("sql-the-total")


def test_a_figure_put_over_a_multiple_of_its_den():
    a = exact.with_den(over("7", 3), 12)
    assert a.den == 12 and value(a) == F(7, 3) and exact.with_den(exact.const(D(2)), 1).den == 1
    with pytest.raises(AssertionError):
        exact.with_den(over("7", 3), 4)


def test_least_common_multiple():
    assert [exact.lcm(), exact.lcm(3), exact.lcm(4, 6), exact.lcm(2, 3, 5), exact.lcm(6, 3)] == [1, 3, 12, 30, 6]


@pytest.mark.parametrize("c, factor, den", [("2.5", "0.4", 1), ("3", "1", 3), ("7.5", "0.4", 3), ("-0.75", "-4", 3),
                                            ("100", "0.01", 1), ("0.125", "8", 1), ("-8", "-0.125", 1),
                                            ("12", "0.25", 3), ("7", "1", 7), ("350", "0.02", 7)])
def test_division_by_a_constant_is_an_exact_product_and_the_rest_a_den(c, factor, den):
    # ÷ 2.5 is × 0.4; ÷ 7.5 (a ladder step) is × 0.4 over den 3; ÷ 12 is × 0.25 over den 3
    a = exact.const(D("70.8"))
    q = exact.divided(a, D(c))
    assert q.den == den and value(q) == F("70.8") / F(c)
    assert exact.divided(exact.const(D(1)), D(c)).mag == abs(D(factor))  # 1 × the factor, over den
    assert exp.Div not in {type(n) for n in q.e.walk()}  # no SQL division is written


def test_division_by_zero_is_refused_by_name():
    with pytest.raises(NotExact) as e:
        exact.divided(exact.const(D(1)), D(0), phrase("sql-the-total"))
    assert (e.value.what, e.value.why) == (phrase("sql-the-total"), phrase("sql-division-by-zero"))
    with pytest.raises(NotExact) as e:
        exact.divided(exact.const(D(1)), D("0.00"))
    assert e.value.what == exact.A_QUOTIENT


@pytest.mark.parametrize("op", [">=", ">", "<=", "<", "="])
def test_a_figure_over_a_den_compares_with_a_constant_exactly(op):
    a = over("10", 3)  # 3.333…: between 3.3333 and 3.3334, never equal to either
    truth = {">=": lambda x, y: x >= y, ">": lambda x, y: x > y, "<=": lambda x, y: x <= y,
             "<": lambda x, y: x < y, "=": lambda x, y: x == y}[op]
    for c in ("3.3333", "3.3334", "-4", "5"):
        assert sql(exact.compare(a, op, D(c))) is truth(F(10, 3), D(c)), (op, c)
    assert sql(exact.compare(over("7.5", 3), op, D("2.5"))) is truth(D("2.5"), D("2.5"))
    for b, want in ((over("20", 6), F(10, 3)), (over("7", 2), D("3.5")), (exact.const(D("3.3")), D("3.3"))):
        assert sql(exact.compare_vals(a, op, b)) is truth(F(10, 3), want), (op, b)


def test_a_choice_is_of_one_den_and_one_type():
    x = exact.column(exp.column("x"), 3, 0)
    cond = exp.GT(this=exp.column("x"), expression=exp.Literal.number(50))
    chosen = exact.case([(cond, over("7", 3))], exact.const(D("2.25")))
    assert (chosen.den, chosen.s, chosen.mag) == (3, 2, D("7.00"))
    query = exp.select(exp.alias_(chosen.typed(), "r")).from_("(SELECT 60 AS x UNION ALL SELECT 40) t")
    rows = {F(r[0]) / 3 for r in CON.execute(to_sql(query, "duckdb")).fetchall()}
    assert rows == {F(7, 3), D("2.25")}
    assert x.p == 3
    wide = exact.Val(exp.column("x"), 0, D(10 ** 38 - 1))
    with pytest.raises(NotExact) as e:
        exact.case([(cond, wide)], exact.const(D("0.5")))  # 38 digits before the point and 1 after
    assert e.value.what == phrase("sql-a-choice")


def test_at_most_caps_a_figure():
    assert value(exact.at_most(exact.const(D("5.2")), D(5))) == 5
    assert value(exact.at_most(exact.const(D("4.98")), D(5))) == D("4.98")
    assert value(exact.at_most(over("16", 3), D(5))) == D(5) and value(exact.at_most(over("14", 3), D(5))) == F(14, 3)


def test_a_bound_narrows_a_figure_s_type_only_when_it_is_tighter():
    a = exact.column(exp.column("x"), 10, 6)  # at most 9,999.999999
    narrowed = exact.bounded(a, D(5))
    assert (narrowed.mag, narrowed.p) == (D(5), 7) and narrowed.e is a.e
    assert exact.bounded(a, D(-5)).mag == D(5)  # the bound's size
    over3 = exact.Val(exp.column("x"), 6, D(100), 3)
    assert (exact.bounded(over3, D(5)).mag, exact.bounded(over3, D(5)).den) == (D(15), 3)  # 5 over den 3: 15
    assert exact.bounded(over3, D(50)) is over3  # 150 > 100: no tighter
    five = exact.const(D(5))
    assert exact.bounded(five, D(5)) is five  # as tight already: the same figure, so within adds no CASE
    assert exact.within(five, D(5)) is five


def test_a_cell_past_its_bound_is_null_and_one_within_it_kept():
    # a score cell of 120 where a score is 0–5: NULL (the row unsure), not a failed cast
    cell = exact.column(exp.column("x"), 10, 6)
    bounded = exact.within(cell, D(5))
    assert bounded.mag == D(5) and type_of(bounded) == "DECIMAL(7, 6)"
    query = exp.select(exp.alias_(bounded.typed(), "r")).from_(
        "(SELECT CAST(x AS DECIMAL(10, 6)) AS x FROM (VALUES (120), (5), (-5), (4.5), (-5.000001), (5.000001)) v(x)) t")
    got = [r[0] for r in CON.execute(to_sql(query, "duckdb")).fetchall()]
    assert got == [None, D(5), D(-5), D("4.5"), None, None]
    assert exact.within(exact.const(D(3)), D(5)) == exact.const(D(3))  # already within: unchanged


def test_a_figure_computed_once_as_a_column():
    a = exact.add(over("7", 3), exact.const(D("0.5")))
    item, read = exact.as_column(a, "score 1")
    assert (read.s, read.mag, read.den) == (a.s, a.mag, a.den)
    query = exp.select(exp.alias_(read.typed(), "r")).from_(exp.select(item).subquery("t"))
    assert F(CON.execute(to_sql(query, "duckdb")).fetchone()[0]) / read.den == F(7, 3) + F("0.5")


def test_an_unknown_rounding_is_refused_by_name():
    with pytest.raises(NotExact) as e:
        exact.rounded(exact.const(D(1)), 2, "half_down")
    assert (e.value.what, e.value.why) == (phrase("sql-rounding"), phrase("sql-unknown-rounding", mode="half_down"))


@pytest.mark.parametrize("mode, want", [("half_up", ["4", "3", "-4", "3", "3"]), ("half_even", ["4", "3", "-4", "2", "2"]),
                                        ("up", ["4", "4", "-3", "3", "3"]), ("down", ["3", "3", "-4", "2", "2"])])
def test_rounded_to_whole_numbers(mode, want):
    # 3.6 (seed 003's 78), 10/3, −3.6, 5/2 and 2.5 to 0 places, over den 1 and over a den
    figures = [exact.const(D("3.6")), over("10", 3), exact.const(D("-3.6")), over("5", 2), exact.const(D("2.5"))]
    rounded = [exact.rounded(f, 0, mode) for f in figures]
    assert [value(r) for r in rounded] == [D(w) for w in want]
    assert all(r.s == 0 and r.den == 1 for r in rounded)


# ---- figures of more digits than Python's default 28 -------------------------------------------------
# A rule file's figure may have 15 digits before its point and 15 after (kpidsl/syntax/limits.py), and a
# bound 38: each is carried whole, never rounded to the default context's 28 digits.
THIRTY = "123456789012345.123456789012345"


def test_a_constant_of_thirty_digits_keeps_every_digit():
    v = exact.const(D(THIRTY))
    assert (v.mag, v.s, type_of(v)) == (D(THIRTY), 15, "DECIMAL(30, 15)")
    assert value(v) == D(THIRTY) and value(exact.const(-D(THIRTY))) == -D(THIRTY)
    assert exact.scale_of(D("123456789012345.123456789012340")) == 14


def test_a_wide_column_s_bound_is_its_type_s_largest_figure():
    v = exact.column(exp.column("x"), 30, 10)
    assert (v.mag, v.p) == (D("99999999999999999999.9999999999"), 30) and type_of(v) == "DECIMAL(30, 10)"
    assert exact.column(exp.column("x"), 38, 0).p == 38


def test_the_digits_of_a_bound_past_28_are_counted_exactly():
    assert exact.digits(D(10 ** 37 - 1)) == 37 and exact.digits(D(-(10 ** 37 - 1))) == 37
    # 37 digits and a constant: 38, held (39, refused, had a constant of 37 digits been counted 38)
    s = exact.add(exact.Val(exp.column("x"), 0, D(10 ** 37 - 1)), exact.const(D(1)))
    assert (s.mag, s.p) == (D(10 ** 37), 38)


def test_a_thirty_digit_constant_compares_divides_and_bounds_exactly():
    a = over("1", 3)
    c = D(THIRTY)
    assert sql(exact.compare(exact.const(c), "=", c)) is True
    assert exact.compare(a, "<", c).args["expression"].find(exp.Literal).this == "370370367037035.370370367037035"  # c × 3
    q = exact.divided(exact.const(D(1)), D("0.000000000000004"))  # ÷ 4e-15: × 2.5e14
    assert value(q) == D("250000000000000")
    assert exact.bounded(exact.Val(exp.column("x"), 15, D(10 ** 38 - 1), 3), c).mag == D("370370367037035.370370367037035")
    big = exact.Val(exp.column("x"), 15, D(10 ** 23 - 1), 1)  # DECIMAL(38, 15)
    assert f"CAST(-{THIRTY} AS DECIMAL(30, 15))" in exact.within(big, c).e.find(exp.GTE).sql("duckdb")


def test_a_cell_over_a_den_is_bounded_by_the_bound_times_its_den():
    # a ladder's step of 7.5 puts a score over den 3: 5 is a numerator of 15
    cell = exact.Val(exp.column("x"), 6, D(1000), 3)
    bounded = exact.within(cell, D(5))
    assert (bounded.den, bounded.mag) == (3, D(15))
    query = exp.select(exp.alias_(bounded.typed(), "r")).from_(
        "(SELECT CAST(x AS DECIMAL(10, 6)) AS x FROM (VALUES (12), (15), (16), (-15), (-16)) v(x)) t")
    got = [r[0] for r in CON.execute(to_sql(query, "duckdb")).fetchall()]
    assert [F(g) / bounded.den if g is not None else None for g in got] == [4, 5, None, -5, None]


@pytest.mark.parametrize("dialect", ["postgres", "trino", "spark", "duckdb"])
def test_a_column_s_name_is_quoted_where_it_is_made_and_where_it_is_read(dialect):
    # PostgreSQL and Trino fold a name not quoted to lower case: `Total` made quoted and read unquoted
    # (or the other way round) would name two columns
    item, read = exact.as_column(exact.const(D("3.5")), "Total")
    quote = "`" if dialect == "spark" else '"'
    assert item.sql(dialect).endswith(f"AS {quote}Total{quote}")
    assert f"{quote}Total{quote}" in read.typed().sql(dialect)


def test_a_sum_s_digits_count_its_places_on_either_side():
    # 28 digits before the point and 10 after, plus 1: 28 + 10 + 1 = 39, refused as a sum
    with pytest.raises(NotExact) as e:
        exact.add(exact.Val(exp.column("x"), 10, D((0, (9,) * 38, -10))), exact.const(D(1)))
    assert (e.value.what, e.value.why) == (exact.A_SUM, phrase("sql-digits-dialects", digits=39, limit=38))
    # 27 and 10, plus 1, either way round: 38, held
    scaled = exact.Val(exp.column("x"), 10, D((0, (9,) * 37, -10)))
    assert exact.add(scaled, exact.const(D(1))).s == 10 and exact.add(exact.const(D(1)), scaled).s == 10


def test_a_quotient_too_wide_is_refused_as_a_quotient():
    with pytest.raises(NotExact) as e:
        exact.divided(exact.column(exp.column("x"), 36, 0), D("0.001"))  # × 1000: 36 + 4 + 1 digits
    assert e.value.what == exact.A_QUOTIENT
    with pytest.raises(NotExact) as e:
        exact.divided(exact.column(exp.column("x"), 36, 0), D("0.001"), phrase("sql-the-total"))
    assert e.value.what == phrase("sql-the-total")


def test_a_reciprocal_of_more_than_28_digits_is_exact():
    # ÷ 2^44 / 10^12 is × 5^44 / 10^32: 31 significant digits, over den 1
    c = D(2 ** 44) / D(10 ** 12)
    q = exact.divided(exact.const(D(1)), c)
    assert q.den == 1 and value(q) == 1 / F(c)


@pytest.mark.parametrize("mode, widest", [("half_up", 38), ("up", 38), ("down", 38), ("half_even", 35)])
def test_rounding_to_whole_numbers_is_held_to_the_widest_figure_it_can_hold(mode, widest):
    # the bound grows by the one a rounding can add, no more: 10^38 − 2 rounds to at most 10^38 − 1, 38
    # digits, where 10^38 − 1 may become 10^38; half_even builds its remainder, 3 digits wider
    held = exact.rounded(exact.Val(exp.column("x"), 0, D(10 ** widest - 2)), 0, mode)
    # half_even's whole is its quotient's bound and the bump's 1: 10^35 + 1, a digit more
    assert type_of(held) == f"DECIMAL({widest + (mode == 'half_even')}, 0)"
    with pytest.raises(NotExact):
        exact.rounded(exact.Val(exp.column("x"), 0, D(10 ** widest - 1)), 0, mode).typed()


@pytest.mark.parametrize("mode", ["half_up", "half_even", "up", "down"])
def test_rounding_over_a_den_is_held_to_16_digits(mode):
    # ⌊M / den⌋ estimated with a reciprocal of 20 places (M × 0.33333333333333333333): 16 digits and
    # its 21 and the product's 1 make 38; 10^16 − 1 may be 10^16 once floored, and is refused
    held = exact.rounded(exact.Val(exp.column("x"), 0, D(10 ** 16 - 2), 3), 0, mode)
    assert held.typed() is not None and held.den == 1
    with pytest.raises(NotExact):
        exact.rounded(exact.Val(exp.column("x"), 0, D(10 ** 16 - 1), 3), 0, mode).typed()


@pytest.mark.parametrize("mode", ["half_up", "half_even", "up", "down"])
def test_a_whole_quotient_over_a_den_is_not_taken_one_short(mode):
    # 3 / 3 and 21 / 7 are whole: the reciprocal, rounded down (0.333…3, 0.142…714), puts the estimate
    # just under 1 and 3, floored to 0 and 2; the correction takes it back up
    for num, den, whole in (("3", 3, 1), ("21", 7, 3), ("7.5", 3, "2.5")):
        r = exact.rounded(over(num, den), 1, mode)
        assert value(r) == F(str(whole)), (num, den, mode)


def _products(e: exp.Expression) -> int:
    return len(list(e.find_all(exp.Mul)))


@pytest.mark.parametrize("c, d, products, den", [("5", "100", 1, 1), ("70", "100", 1, 1), ("30600", "100", 1, 1),
                                                  ("2.5", "-4", 1, 1), ("7", "3", 1, 3), ("10", "30", 2, 3)])
def test_a_figure_times_a_constant_over_a_constant_is_one_product_when_exact(c, d, products, den):
    """a × c / d (a weight over 100, a share over 100) is one product by c / d when that is an
    exact decimal, not a product by c and another by 1 / d (bench_sql_floor.py: 17 products and
    their casts a row in bench_sql.py's query); otherwise the two, the rest of d a den."""
    a = over("3.25", 7)
    v = exact.times_over(a, D(c), D(d))
    assert value(v) == F(D("3.25")) / 7 * F(D(c)) / F(D(d))
    assert (_products(v.e), v.den) == (products, 7 * den)
    two = exact.divided(exact.times(a, D(c)), D(d))  # the same figure, never a wider type
    assert value(two) == value(v) and v.p <= two.p and v.s <= two.s and v.mag == two.mag
    with pytest.raises(NotExact):
        exact.times_over(a, D(c), D(0))
