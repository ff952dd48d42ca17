"""The types of a Parquet column whose cells `score --engine sql` reads by their values.

A Parquet file's cells are read as their text (CAST AS VARCHAR, the text a row the query
is not sure of hands the evaluator), each tested as a CSV cell is (kpidsl/sql/cells.py
PLAIN, NUMBER): that test was most of the query's own work. For the types here every
value's text is canonical, and whether PLAIN or NUMBER takes it, and as what number,
follows from the value (kpidsl/sql/cells.py typed_number): such a figure column is kept in
its type and read with no text made or tested. FLOAT is not among them: its text is the
shortest that reads back as a FLOAT ("123456790.0" for 123456792), many numbers of six
decimals to one value. Any other type (VARCHAR, BOOLEAN, DATE, ...) is read as its text.

Apart from sqlglot: kpidsl/sql/run.py asks which columns these are before it knows whether
its query is kept (kpidsl/sql/query_cache.py).
"""

from __future__ import annotations

import re

from .headers import INT_DIGITS, SCALE

INTEGERS = frozenset({"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
                      "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"})
# the digits these hold at most: every value of them has at most INT_DIGITS
SMALL_INTEGERS = {"TINYINT": 3, "UTINYINT": 3, "SMALLINT": 5, "USMALLINT": 5}
DOUBLE = "DOUBLE"
DECIMAL_TYPE = re.compile(r"DECIMAL\(([0-9]+), ?([0-9]+)\)")
# The least magnitude DuckDB writes a DOUBLE without an exponent ("0.0001", but "1e-05"),
# which PLAIN and NUMBER do not take.
LEAST_PLAIN_DOUBLE = "0.0001"


def digits(type_name: str) -> tuple[int, int] | None:
    """An integer or DECIMAL type's (precision, scale), an integer's precision being its digits
    (INT_DIGITS + 1 for one that may hold more than INT_DIGITS); None for any other type."""
    m = DECIMAL_TYPE.fullmatch(type_name)
    if m is not None:
        return int(m[1]), int(m[2])
    if type_name in INTEGERS:
        return SMALL_INTEGERS.get(type_name, INT_DIGITS + 1), 0
    return None


def read_by_value(type_name: str) -> bool:
    """Whether a cell of a column of this DuckDB type is read by its value: an integer, a
    DECIMAL of at most SCALE decimals (one of more is never a number the query reads: its
    text has all its decimals, "7.0000000"), or a DOUBLE."""
    if type_name == DOUBLE:
        return True
    found = digits(type_name)
    return found is not None and found[1] <= SCALE
