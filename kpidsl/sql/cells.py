"""The cells of a results table as the query reads them.

A results table has the columns a results CSV has (kpidsl/score/results/'s header:
``agreement``, ``person``, ``round``, ``submitted``, ``raise`` and one column per
indicator figure, ``5`` or ``8:X1``), every cell text. The query reads a cell only
when it is certain to read it as kpidsl does: a plain number (``82.5``, ``96%``,
``+5``, ``.5``) with at most INT_DIGITS digits before the point and SCALE after it,
a date written ``YYYY-MM-DD`` (its year the Common Era's). Anything else that is not blank (Thai digits, 1,000
separators, a Thai date, a very long number, a word) is left to the Python evaluator,
which reads it or says, at the cell, why it cannot.
"""

from __future__ import annotations

import datetime as dt

from sqlglot import exp

from ..thai import MAX_YEAR, MIN_YEAR
from .exact import Val, column, dtype
from .headers import INT_DIGITS, ODD_SPACE, SCALE
from .typed_cells import DOUBLE, LEAST_PLAIN_DOUBLE, digits

PRECISION = INT_DIGITS + SCALE

ODD_ENDS = f"^[{ODD_SPACE}]|[{ODD_SPACE}]$"
# Regular expressions spelled with backslash escapes, which every dialect's engine reads.
BLANK = r"^[ \t\r\n]*$"
NUMBER = (rf"^[ \t\r\n]*[+-]?([0-9]{{1,{INT_DIGITS}}}([.][0-9]{{0,{SCALE}}})?|[.][0-9]{{1,{SCALE}}})"
          r"[ \t]*%?[ \t\r\n]*$")
# The usual cell, read without the REPLACEs (which cost DuckDB more than the regex).
PLAIN = rf"^[0-9]{{1,{INT_DIGITS}}}([.][0-9]{{1,{SCALE}}})?$"
# A text cell with no comma and no blank at either end that Python's strip() takes off (or empty),
# and nothing csv.writer quotes (a quote, a line's end) nor a first character a spreadsheet runs
# (kpidsl/outputs/cells.py FORMULA_STARTS; the blanks among them are ODD_SPACE): written as it is.
LEAD = rf'([^{ODD_SPACE},"=+@-]([^,"\r\n]*[^{ODD_SPACE},"])?)?'
# A salary as the evaluator reads it too: digits, with or without 1,000 separators.
SALARY = rf"^[ \t]*([0-9]{{1,{INT_DIGITS}}}|[0-9]{{1,3}}(,[0-9]{{3}}){{1,2}})([.][0-9]{{1,{SCALE}}})?[ \t]*$"
DATE = r"^[ \t\r\n]*[0-9]{4}-[0-9]{2}-[0-9]{2}[ \t\r\n]*$"


def col(name: str) -> exp.Column:
    return exp.column(name, quoted=True, copy=False)


def regexp(cell: exp.Expression, pattern: str) -> exp.Expression:
    return exp.RegexpLike(this=cell, expression=exp.Literal.string(pattern))


def is_blank(cell: exp.Expression) -> exp.Expression:
    return exp.or_(exp.Is(this=cell.copy(), expression=exp.Null()), regexp(cell.copy(), BLANK), copy=False)


def stripped(cell: exp.Expression) -> exp.Expression:
    """A text cell without the blanks at its ends; NULL when blank."""
    return exp.Nullif(this=exp.Trim(this=cell.copy()), expression=exp.Literal.string(""))


def number(cell: exp.Expression, plain_row: exp.Expression | None = None) -> exp.Expression:
    """The cell as DECIMAL(PRECISION, SCALE) when it is a plain number, else NULL.
    ``plain_row``: a column of an earlier step (plain_cells) true when this cell and the
    others of its group are all PLAIN: then the cell is cast without a test of its own."""
    text = cell.copy()
    for ch in (" ", "\t", "\r", "\n", "%"):
        text = exp.Anonymous(this="REPLACE", expressions=[text, exp.Literal.string(ch), exp.Literal.string("")])
    typ = f"DECIMAL({PRECISION}, {SCALE})"
    value = exp.Cast(this=text, to=dtype(typ))
    ifs = [exp.If(this=regexp(cell.copy(), PLAIN), true=exp.Cast(this=cell.copy(), to=dtype(typ))),
           exp.If(this=regexp(cell.copy(), NUMBER), true=value)]
    if plain_row is not None:
        ifs.insert(0, exp.If(this=plain_row.copy(), true=exp.Cast(this=cell.copy(), to=dtype(typ))))
    return exp.Case(ifs=ifs)


# At most this many cells are tested by one plain_cells() (a regular expression grows with
# its cells: a row of hundreds would be past what the engines compile).
PLAIN_GROUP = 16


def plain_cells(group: list[exp.Expression], lead: exp.Expression | None = None) -> exp.Expression:
    """True when every cell of ``group`` is PLAIN, by one regular expression over the cells
    joined by commas instead of one a cell (the usual row's figures: 0.25-0.3 s less CPU
    at 400 k rows of 16 figures, one thread). No PLAIN cell holds a comma nor is empty, and
    CONCAT puts the len(group) - 1 commas between the cells whatever they hold (a NULL cell
    as '', or the whole text NULL in a dialect whose CONCAT makes it so): the text matches
    only when it is exactly len(group) PLAIN parts, each a cell. Otherwise (NULL: not true)
    the cells are tested one by one (number()), and a row is read alike either way.
    (CONCAT_WS would not do: it leaves a NULL cell out, and a cell "1,000" beside a blank
    one would pass for two.)

    ``lead``, a text cell put before the others, makes the test also true only when that cell
    holds no comma and has no blank at either end (ODD_SPACE; empty or NULL will do): then
    its own odd-blank test is not needed for the row (lead_odd_ends), one regular expression
    fewer a row (the person's: -15 M of bench_sql.py's ~1,400 M per-row instructions at 40 k
    rows). Without commas it is one part of the text, so the cells' parts stay the cells.
    Nor does it then hold a quote or a line's end, nor begin with a formula's character
    (LEAD): `score --engine sql` writes its line with no test of its own either
    (kpidsl/sql/run.py _lines, ``lead_plain``)."""
    part = PLAIN.removeprefix("^").removesuffix("$")
    pattern = f"^{part}(,{part}){{{len(group) - 1}}}$" if len(group) > 1 else PLAIN
    if lead is not None:
        # no cell besides the lead (every figure cell read by its value: typed_number): the lead alone
        pattern = f"^{LEAD}," + pattern.removeprefix("^") if group else f"^{LEAD}$"
    joined: list[exp.Expression] = [lead.copy()] + ([exp.Literal.string(",")] if group else []) \
        if lead is not None else []
    for i, c in enumerate(group):
        joined += [exp.Literal.string(","), c.copy()] if i else [c.copy()]
    # CONCAT as every dialect spells it (sqlglot's own may add a test of each part for NULL)
    return regexp(exp.Anonymous(this="CONCAT", expressions=joined), pattern)


def odd_ends(cell: exp.Expression) -> exp.Expression:
    """True (never NULL) when the cell begins or ends with a blank Python's strip() takes off
    (ODD_SPACE: the query's TRIM would not)."""
    return exp.Coalesce(this=regexp(cell.copy(), ODD_ENDS), expressions=[exp.false()])


def lead_odd_ends(cell: exp.Expression, plain_row: exp.Expression) -> exp.Expression:
    """odd_ends() of the cell given as ``lead`` to the plain_cells() whose column is
    ``plain_row``: FALSE at once when that test is true (the usual row), else the cell's own."""
    return exp.Case(ifs=[exp.If(this=plain_row.copy(), true=exp.false())], default=odd_ends(cell))


def other_than(cell: exp.Expression, names: list[str]) -> exp.Expression:
    """True (never NULL) when the cell is neither empty (NULL or '') nor exactly one of
    ``names``. For a cell the query reads stripped and then tests against these names (an
    agreement's, a round's), this stands for odd_ends(): a cell with a blank at an end is
    none of the names, so it is unsure either way, and a name with none is sure either way;
    a name with one (none is: they are the language's identifiers) is left out, its rows the
    evaluator's. An equality costs a fraction of a regular expression (bench_sql.py, session
    21: agreement, person and round joined and matched, ~1,900 instructions a row)."""
    kept = [exp.Literal.string(n) for n in dict.fromkeys(names) if n and n == n.strip()]
    given = exp.Coalesce(this=cell.copy(), expressions=[exp.Literal.string("")])
    return exp.not_(exp.In(this=given, expressions=[exp.Literal.string(""), *kept]), copy=False)


def unreadable(cell: exp.Expression, value: exp.Expression) -> exp.Expression:
    """Not blank and not a number the query reads, ``value`` being the cell's number() (a
    column of an earlier step): number() is NULL exactly when neither PLAIN nor NUMBER
    matches, so only a cell that is no number is tested again (for blanks), and the usual
    cell costs no regular expression of its own (two fewer a cell: 0.13 s CPU at 400 k rows
    of 15 figures)."""
    return exp.Case(ifs=[exp.If(this=exp.not_(exp.Is(this=value.copy(), expression=exp.Null()), copy=False),
                                true=exp.false())],
                    default=exp.not_(is_blank(cell), copy=False))


def date(cell: exp.Expression) -> exp.Expression:
    """The cell's ISO date; NULL for none, and for one whose year is a Buddhist-era one (MIN_YEAR
    to MAX_YEAR: 2554-11-03), which the evaluator tells (Q063, kpidsl/score/iso_be_dates.py):
    a cell not blank whose date is NULL leaves its row to it."""
    day = exp.TryCast(this=exp.Trim(this=cell.copy()), to=dtype("DATE"))
    common_era = exp.or_(exp.LT(this=day.copy(), expression=_day(dt.date(MIN_YEAR, 1, 1))),
                         exp.GT(this=day.copy(), expression=_day(dt.date(MAX_YEAR, 12, 31))), copy=False)
    # a CASE in a CASE: no dialect casts a cell the pattern has not passed (an AND may be taken in any order)
    in_common_era = exp.Case(ifs=[exp.If(this=common_era, true=day.copy())])
    return exp.Case(ifs=[exp.If(this=regexp(cell.copy(), DATE), true=in_common_era)])


def _day(day: dt.date) -> exp.Expression:
    return exp.Cast(this=exp.Literal.string(day.isoformat()), to=dtype("DATE"))


def typed_number(cell: exp.Expression, type_name: str) -> exp.Expression:
    """number() of the cell's text, CAST(cell AS VARCHAR), from its value (a type of
    kpidsl/sql/typed_cells.py read_by_value), with no text made or tested; NULL for NULL, as
    for a blank text.
    - An integer's text is -?[0-9]+ with no leading zero, a DECIMAL(p, s)'s -?[0-9]+[.][0-9]{s}
      ([.] only when s > 0): NUMBER takes it, as the value, exactly when it has at most
      INT_DIGITS digits before the point (|value| < 10^9; s <= SCALE always): TRY_CAST to
      DECIMAL(INT_DIGITS + s, s) is NULL past that, and exact within it.
    - A DOUBLE's text is the shortest that reads back as it ("71.4", "1e-05", "inf", "nan",
      "-0.0"). Below 10^9 one double holds at most one number of SCALE decimals (its spacing
      there is at most 2^-23 < 10^-6), so the text has at most SCALE decimals exactly when the
      value rounded to SCALE decimals reads back as the double; it is then that number (no
      shorter text but the number's own digits reads back, and a longer one is not the
      shortest), written without an exponent when it is 0 or at least LEAST_PLAIN_DOUBLE.
      -0.0 reads as 0, as its text "-0.0" does. A rounding of the TRY_CAST's own never gives
      a wrong number: the test that it reads back would fail, and the row go to the evaluator.
    tests/test_sql_typed.py holds both expressions to the same value over each type."""
    target = dtype(f"DECIMAL({PRECISION}, {SCALE})")
    if type_name == DOUBLE:
        value = exp.TryCast(this=cell.copy(), to=target)
        back = exp.EQ(this=exp.Cast(this=value.copy(), to=dtype("DOUBLE")), expression=cell.copy())
        shown = exp.or_(exp.EQ(this=cell.copy(), expression=exp.Literal.number(0)),
                        exp.GTE(this=exp.Abs(this=cell.copy()),
                                expression=exp.Cast(this=exp.Literal.string(LEAST_PLAIN_DOUBLE), to=dtype("DOUBLE"))),
                        copy=False)
        return exp.Case(ifs=[exp.If(this=exp.and_(back, shown, copy=False), true=value)])
    p, s = digits(type_name)
    if p - s <= INT_DIGITS:  # every value fits: no test at all
        return exp.Cast(this=cell.copy(), to=target)
    return exp.Cast(this=exp.TryCast(this=cell.copy(), to=dtype(f"DECIMAL({INT_DIGITS + s}, {s})")), to=target)


def typed_unreadable(cell: exp.Expression, value: exp.Expression) -> exp.Expression:
    """unreadable() of a cell read by typed_number(): the text of a value is never blank, so
    a cell is unreadable when it holds a value and its number is NULL."""
    return exp.and_(exp.Is(this=value.copy(), expression=exp.Null()),
                    exp.not_(exp.Is(this=cell.copy(), expression=exp.Null()), copy=False), copy=False)


def filled(cell: exp.Expression, by_value: bool) -> exp.Expression:
    """NOT is_blank() of a cell; of one read by value (read_by_value), NOT NULL."""
    if by_value:
        return exp.not_(exp.Is(this=cell.copy(), expression=exp.Null()), copy=False)
    return exp.not_(is_blank(cell), copy=False)


def number_val(name: str) -> Val:
    return column(col(name), PRECISION, SCALE)



def salary(cell: exp.Expression) -> exp.Expression:
    """The cell as DECIMAL(PRECISION, SCALE) when it is a salary the query reads (SALARY), else NULL."""
    text = exp.Trim(this=exp.Anonymous(this="REPLACE", expressions=[cell.copy(), exp.Literal.string(","),
                                                                   exp.Literal.string("")]))
    return exp.Case(ifs=[exp.If(this=regexp(cell.copy(), SALARY),
                                true=exp.Cast(this=text, to=dtype(f"DECIMAL({PRECISION}, {SCALE})")))])
