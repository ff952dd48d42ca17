"""A Parquet figure column of an integer, DECIMAL (at most 6 decimals) or DOUBLE type is read
by its values, without the text test a CSV cell takes (kpidsl/sql/typed_cells.py,
kpidsl/sql/cells.py typed_number): the number the query reads from a value is the one it
reads from the value's text, which is what a row it is not sure of hands the evaluator;
the output is the evaluator's on the same rows as a CSV of those texts, byte for byte."""

from __future__ import annotations

import csv
import io
import json
import random
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

pytest.importorskip("sqlglot", reason="the sql extra is not installed")
duckdb = pytest.importorskip("duckdb", reason="the sql extra is not installed")

from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from sqlglot import exp  # noqa: E402

from kpidsl.check import check_paths  # noqa: E402
from kpidsl.plan import compile_plan  # noqa: E402
from kpidsl.plan.model import ScaleScoring  # noqa: E402
from kpidsl.plan.read import typed_plan  # noqa: E402
from kpidsl.score.batch import score_records  # noqa: E402
from kpidsl.sql import build_query, canonical_header, cells, query_cache  # noqa: E402
from kpidsl.sql.run import Declined, Over, score_csv  # noqa: E402
from kpidsl.sql.typed_cells import INTEGERS, read_by_value  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
META = ("agreement", "person", "round", "submitted", "raise")


@lru_cache(maxsize=None)
def shipped(year: str) -> tuple[dict, str]:
    (rs,) = check_paths([ROOT / "rules" / year]).rule_sets
    return compile_plan(rs, Path(rs.name)), rs.name


SHIPPED = [(year, a["id"]) for year in ("2554", "2555") for a in shipped(year)[0]["agreements"]]


# ---- one cell: the value's reading against its text's -------------------------------------------------
def _differing(con, type_name: str, table: str) -> list[tuple]:
    """The values of ``table``'s column d (of ``type_name``) whose typed_number() is not
    number() of their text, with both readings; and how many each reads."""
    old = cells.number(exp.Cast(this=cells.col("d"), to=exp.DataType.build("VARCHAR")))
    new = cells.typed_number(cells.col("d"), type_name)
    rows = con.execute(f"SELECT CAST(d AS VARCHAR), {old.sql('duckdb')} AS o, {new.sql('duckdb')} AS n "
                       f"FROM {table}").fetchall()
    return [r for r in rows if r[1] != r[2]], sum(r[1] is not None for r in rows)


def _table(con, type_name: str, texts: list[str | None]) -> str:
    con.execute(f"CREATE OR REPLACE TABLE t (d {type_name})")
    if texts:
        con.executemany(f"INSERT INTO t VALUES (CAST(? AS {type_name}))", [[t] for t in texts])
    return "t"


EDGES = {
    "integer": ["0", "1", "-1", "7", "-7", "85", "999999999", "-999999999", "1000000000", "-1000000000",
                "127", "-128", "255", "32767", "-32768", "65535", "2147483647", "-2147483648", "4294967295",
                "9223372036854775807", "-9223372036854775808", "18446744073709551615",
                "170141183460469231731687303715884105727", "-170141183460469231731687303715884105728",
                "340282366920938463463374607431768211455", None],
    "decimal": ["0", "85.5", "85.50", "-85.5", "-0.5", "0.5", "999999999.999999", "-999999999.999999",
                "1000000000", "-1000000000", "12345678901234.5", "7", "0.000001", "-0.000001", None],
    "double": ["0", "-0.0", "71.4", "1.0", "100", "0.1", "0.30000000000000004", "0.0001", "-0.0001",
               "0.00009", "0.00001", "0.000012", "0.000001", "1e-7", "5e-324", "999999999.999999",
               "999999999.9999995", "1e9", "-1e9", "123456789.123456", "123456789.1234567", "1e15", "1e16",
               "1e300", "inf", "-inf", "nan", "-nan", "3.75", "-3.75", None],
}
INTEGER_TYPES = sorted(INTEGERS)
DECIMAL_TYPES = ["DECIMAL(5,2)", "DECIMAL(4,4)", "DECIMAL(9,0)", "DECIMAL(10,0)", "DECIMAL(15,6)", "DECIMAL(18,3)",
                 "DECIMAL(18,6)", "DECIMAL(38,0)", "DECIMAL(38,6)"]


def _fits(con, type_name: str, texts: list[str | None]) -> list[str | None]:
    return [t for t in texts if t is None or con.execute(f"SELECT TRY_CAST(? AS {type_name}) IS NOT NULL",
                                                         [t]).fetchone()[0]]


@pytest.mark.parametrize("type_name", INTEGER_TYPES + DECIMAL_TYPES + ["DOUBLE"])
def test_a_value_reads_as_its_text_at_the_edges(type_name):
    con = duckdb.connect()
    kind = "double" if type_name == "DOUBLE" else "decimal" if type_name.startswith("DECIMAL") else "integer"
    texts = _fits(con, type_name, EDGES[kind] + (EDGES["integer"] if kind == "decimal" else []))
    differing, read = _differing(con, type_name, _table(con, type_name, texts))
    assert differing == []
    assert read >= 3  # the edges hold values read, besides the unread (a test that reads none proves nothing)


@settings(max_examples=60, deadline=None)
@given(type_name=st.sampled_from(INTEGER_TYPES + DECIMAL_TYPES),
       values=st.lists(st.one_of(st.integers(-2 * 10**9, 2 * 10**9), st.integers(-2**127, 2**128 - 1),
                                 st.decimals(-2 * 10**9, 2 * 10**9, places=6, allow_nan=False),
                                 st.decimals(-10**40, 10**40, allow_nan=False, allow_infinity=False)),
                       min_size=1, max_size=40))
def test_an_integer_or_decimal_reads_as_its_text(type_name, values):
    con = duckdb.connect()
    texts = _fits(con, type_name, [str(v) for v in values])
    assert _differing(con, type_name, _table(con, type_name, texts))[0] == []


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.one_of(st.floats(), st.floats(-2e9, 2e9),
                                 st.decimals(-2 * 10**9, 2 * 10**9, places=7, allow_nan=False).map(float),
                                 st.decimals(-1, 1, places=6, allow_nan=False).map(float)),
                       min_size=1, max_size=40))
def test_a_double_reads_as_its_text(values):
    con = duckdb.connect()
    assert _differing(con, "DOUBLE", _table(con, "DOUBLE", [repr(v) for v in values]))[0] == []


@pytest.mark.parametrize("source, least, most", [
    # every number of 6 decimals about 0, where DuckDB's text turns to an exponent ("1e-05"), and the
    # doubles next to them (whose texts have 17 digits: none read)
    ("SELECT CAST(i AS DOUBLE) / 1e6 FROM range(-20000, 20001) t(i)", 40001 - 2 * 99, 40001 - 2 * 99),
    ("SELECT nextafter(CAST(i AS DOUBLE) / 1e6, 1e300) FROM range(-20000, 20001) t(i)", 0, 0),
    ("SELECT nextafter(CAST(i AS DOUBLE) / 1e6, -1e300) FROM range(-20000, 20001) t(i)", 0, 0),
    # numbers of 6 decimals and fewer up to 10^9 and past it, the doubles next to them, any doubles
    ("SELECT round((random() * 2 - 1) * pow(10, random() * 10), CAST(random() * 8 AS INTEGER)) "
     "FROM range(200000)", 100_000, 200_000),
    ("SELECT nextafter(round((random() * 2 - 1) * pow(10, random() * 10), 6), 1e300) FROM range(100000)", 0, 0),
    ("SELECT (random() * 2 - 1) * pow(10, random() * 10) FROM range(100000)", 0, 10_000),
])
def test_doubles_by_the_hundred_thousand_read_as_their_text(source, least, most):
    con = duckdb.connect()
    con.execute("SELECT setseed(0.2554)")
    con.execute(f"CREATE TABLE t AS SELECT CAST(x AS DOUBLE) AS d FROM ({source}) s(x)")
    differing, found = _differing(con, "DOUBLE", "t")
    assert differing == [] and least <= found <= most


def test_float_and_more_than_six_decimals_are_read_as_text():
    """A FLOAT's text is the shortest that reads back as a FLOAT: 123456792 is written
    "123456790.0", which the value's own reading would not give."""
    assert not read_by_value("FLOAT") and not read_by_value("DECIMAL(10,7)") and not read_by_value("VARCHAR")
    assert read_by_value("DOUBLE") and read_by_value("DECIMAL(18,6)") and read_by_value("UBIGINT")
    con = duckdb.connect()
    assert con.execute("SELECT CAST(CAST(123456789.123456 AS FLOAT) AS VARCHAR), "
                       "CAST(CAST(123456789.123456 AS FLOAT) AS DECIMAL(15, 6))").fetchone() == \
        ("123456790.0", Decimal("123456792.000000"))


# ---- whole files: typed Parquet by the SQL engine against its texts as a CSV by the evaluator -----------
TYPES = INTEGER_TYPES + DECIMAL_TYPES + ["DOUBLE", "FLOAT", "DECIMAL(10,7)", "VARCHAR"]


# A competency's score is one of its scale's levels (rules/2554 declares `scale_score whole`;
# any other is Q035, kpidsl/scale_scores.py): written with trailing zeros as a typed column holds them.
LEVELS = [Decimal("1"), Decimal("4.00"), Decimal("5.0"), Decimal("3")]


def _on_scale(year: str, agreement: str, rows: list[list]) -> list[list]:
    """``rows`` (of the agreement's canonical header) with each competency's cell one of its
    scale's levels."""
    a = typed_plan(shipped(year)[0]).agreements_by_id[agreement]
    on_scale = {n.id for n in a.walk() if isinstance(n.scoring, ScaleScoring)}
    header = canonical_header(a)
    assert on_scale and on_scale <= {h.partition(":")[0] for h in header}
    return [[LEVELS[(i + j) % len(LEVELS)] if h.partition(":")[0] in on_scale else cell
             for j, (h, cell) in enumerate(zip(header, row))] for i, row in enumerate(rows)]


def _typed_files(tmp: Path, year: str, agreement: str, type_name: str, rows: list[list]) -> tuple[Path, Path]:
    """The rows as a Parquet file whose figure columns are of ``type_name`` (meta columns text),
    and as a CSV of each cell's text as the SQL engine hands a row to the evaluator (CAST AS
    VARCHAR, NULL as empty)."""
    a = typed_plan(shipped(year)[0]).agreements_by_id[agreement]
    header = canonical_header(a)
    con = duckdb.connect()
    types = ["VARCHAR" if h in META else type_name for h in header]
    con.execute("CREATE TABLE r (" + ", ".join(f'"{h}" {t}' for h, t in zip(header, types)) + ")")
    values = [[agreement if h == "agreement" else f"p{i}" if h == "person" else None if h in META else cell
               for h, cell in zip(header, row)] for i, row in enumerate(rows)]
    # a value the type does not hold: NULL
    con.executemany("INSERT INTO r VALUES (" + ", ".join(f"TRY_CAST(? AS {t})" for t in types) + ")",
                    [[None if v is None else str(v) for v in row] for row in values])
    parquet = tmp / "results.parquet"
    con.execute(f"COPY r TO '{parquet}' (FORMAT parquet)")
    texts = con.execute("SELECT " + ", ".join(f'CAST("{h}" AS VARCHAR)' for h in header) + " FROM r").fetchall()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows([["" if c is None else c for c in row] for row in texts])
    path = tmp / "results.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return parquet, path


def _python(year: str, path: Path, output_format: str = "csv") -> str:
    plan, root = shipped(year)
    outcome = score_records(plan, root, path, None, None, output_format, False, "en", None)
    return outcome.text if not outcome.diagnostics else f"problems: {[d.code for d in outcome.diagnostics]}"


def _figure(type_name: str):
    """A cell's value: mostly one the query reads, sometimes none (NULL), or one it leaves to
    the evaluator (too large, negative, a NaN, more decimals than it reads)."""
    usual = st.decimals(0, 120, places=2, allow_nan=False)
    if type_name in INTEGERS:
        usual = st.integers(0, 120)
    odd = st.one_of(st.integers(-10**12, 10**12), st.decimals(-10**10, 10**10, places=3, allow_nan=False),
                    st.sampled_from([Decimal("85.50"), Decimal("-0.5"), Decimal("0"), Decimal("999999999.5"),
                                     Decimal("1000000000"), Decimal("0.00001"), Decimal("3.1234567")]))
    if type_name in ("DOUBLE", "FLOAT"):
        odd = st.one_of(odd, st.sampled_from(["-0.0", "nan", "inf", "1e-05", "0.30000000000000004", "1e15"]))
    return st.one_of(usual, usual, usual, usual, usual, usual, st.none(), odd)


@st.composite
def typed_results(draw):
    year, agreement = draw(st.sampled_from(SHIPPED))
    type_name = draw(st.sampled_from(TYPES))
    width = len(canonical_header(typed_plan(shipped(year)[0]).agreements_by_id[agreement]))
    rows = draw(st.lists(st.lists(_figure(type_name), min_size=width, max_size=width), min_size=1, max_size=8))
    return year, agreement, type_name, rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(case=typed_results())
@example(case=("2554", "janya_2554_r1", "DECIMAL(5,2)", [[None] * 16, [Decimal("85.50")] * 16]))
def test_typed_parquet_by_sql_is_its_csv_by_python(case, tmp_path_factory):
    year, agreement, type_name, rows = case
    parquet, path = _typed_files(tmp_path_factory.mktemp("typed"), year, agreement, type_name, rows)
    for output_format in ("csv", "json"):
        expected = _python(year, path, output_format)
        out = score_csv(shipped(year)[0], parquet, None, None, output_format)
        if isinstance(out, Declined):  # only when the evaluator has something to say, which it then says
            assert expected.startswith("problems"), out.reason
        elif isinstance(out, Over):  # the evaluator's problems, each told at its row (row n: line n + 1)
            assert expected == f"problems: {[d.code for d in out.diagnostics]}"
            assert [d.span.line for d in out.diagnostics] == _python_lines(year, path, output_format)
        else:
            assert out == expected


def _python_lines(year: str, path: Path, output_format: str) -> list[int]:
    plan, root = shipped(year)
    return [d.span.line for d in score_records(plan, root, path, None, None, output_format, False, "en", None).diagnostics]


@pytest.mark.parametrize("type_name", ["INTEGER", "UBIGINT", "DECIMAL(5,2)", "DECIMAL(38,6)", "DOUBLE"])
def test_typed_cells_read_are_the_querys_own(type_name, tmp_path, monkeypatch):
    """Every figure readable (trailing zeros among them): the evaluator is asked of no
    row, and the output is its own on the CSV of the texts (a value left to it: one row of it)."""
    import kpidsl.sql.run as run

    year, agreement = "2554", "janya_2554_r1"
    rnd = random.Random(type_name)
    width = len(canonical_header(typed_plan(shipped(year)[0]).agreements_by_id[agreement]))
    # figures of janya's ladders (j1-j5) and competency scores (c1-c5, 1 to 5)
    pick = [1, 3, 4, 5] if type_name in INTEGERS else \
        [Decimal("3.50"), Decimal("1"), Decimal("3.75"), Decimal("4.00"), Decimal("5.0")]
    rows = _on_scale(year, agreement, [[rnd.choice(pick) for _ in range(width)] for _ in range(40)])
    parquet, path = _typed_files(tmp_path, year, agreement, type_name, rows)
    asked = []
    real = run._by_python
    monkeypatch.setattr(run, "_by_python", lambda plan, header, rows, *a: asked.append(len(rows)) or
                        real(plan, header, rows, *a))
    out = score_csv(shipped(year)[0], parquet, None, None)
    assert out == _python(year, path) and out.count("\n") == 41 and asked == []
    if type_name == "DECIMAL(5,2)":
        return  # each of its values is one the query reads
    # one value too large for the query, j1's: that row, and it alone, is the evaluator's
    rows[7][5] = 2 * 10**9
    parquet, path = _typed_files(tmp_path, year, agreement, type_name, rows)
    assert score_csv(shipped(year)[0], parquet, None, None) == _python(year, path) and asked == [1]


# ---- the query: no text test of a column read by value ---------------------------------------------
def _tested_columns(query: exp.Expression) -> set[str]:
    """The columns some regular expression of the query tests."""
    return {c.name for r in query.find_all(exp.RegexpLike) for c in r.find_all(exp.Column)}


@pytest.mark.parametrize("type_name", ["BIGINT", "DECIMAL(5,2)", "DOUBLE"])
def test_a_column_read_by_value_has_no_regular_expression(type_name):
    plan = typed_plan(shipped("2554")[0])
    header = canonical_header(plan.agreements_by_id["janya_2554_r1"])
    figures = [h for h in header if h not in META]
    as_text = build_query(plan, ["janya_2554_r1"], header, lead_plain=True)
    assert set(figures) <= _tested_columns(as_text)
    by_value = build_query(plan, ["janya_2554_r1"], header, lead_plain=True, by_value={h: type_name for h in figures})
    tested = _tested_columns(by_value)
    assert not tested & set(figures) and {"person", "raise"} <= tested  # the person still leads a PLAIN test
    assert "lead_plain" in by_value.named_selects


def test_a_parquet_files_kept_query_tests_no_typed_cell(tmp_path, monkeypatch):
    """The query `score --engine sql` runs for a typed Parquet file (as kept in the cache): its
    DOUBLE figure columns appear in no regular expression."""
    import sqlglot

    monkeypatch.setenv("KPIDSL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("KPIDSL_NO_CACHE", raising=False)
    year, agreement = "2554", "janya_2554_r1"
    width = len(canonical_header(typed_plan(shipped(year)[0]).agreements_by_id[agreement]))
    parquet, path = _typed_files(tmp_path, year, agreement, "DOUBLE",
                                 _on_scale(year, agreement, [[Decimal("3.5")] * width] * 3))
    assert score_csv(shipped(year)[0], parquet, None, None) == _python(year, path)
    texts = [t for e in _entries(tmp_path / "cache") for t in json.loads(e.read_bytes().partition(b"\n")[2])]
    lines = [t for t in texts if "concat(" in t]
    assert len(lines) == 1
    tested = _tested_columns(sqlglot.parse_one(lines[0], read="duckdb"))
    header = canonical_header(typed_plan(shipped(year)[0]).agreements_by_id[agreement])
    assert "raise" in tested and not tested & {h for h in header if h not in META}


def _entries(folder: Path) -> list[Path]:
    def ours(path: Path) -> bool:
        head = path.read_bytes().partition(b"\n")[0]
        return head.startswith(b"{") and json.loads(head).get("format") == query_cache.ENTRY_FORMAT

    return sorted(p for p in folder.rglob("*.json") if len(p.stem) == 64 and ours(p))


def test_the_kept_query_is_the_columns_types_as_well_as_their_names(tmp_path, monkeypatch):
    """Three Parquet files of the same header, their figure columns text, DOUBLE and DECIMAL(5,2):
    three queries kept, each file scored by its own. (Keyed by the header alone, the text query
    kept first would be run on the DOUBLE file, whose cells no regular expression reads.)"""
    monkeypatch.setenv("KPIDSL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("KPIDSL_NO_CACHE", raising=False)
    year, agreement = "2554", "janya_2554_r1"
    width = len(canonical_header(typed_plan(shipped(year)[0]).agreements_by_id[agreement]))
    ladders = [Decimal("85.50"), Decimal("72.755"), Decimal("0.0001"), Decimal("4")]  # j1-j5
    # c1-c5: levels of their scale (_on_scale); j1-j5's 72.755, between two levels, DECIMAL(5,2) holds as 72.76
    rows = _on_scale(year, agreement, [[ladders[(i + j) % 4] for j in range(width)] for i in range(3)])
    outs = []
    for n, type_name in enumerate(["VARCHAR", "DOUBLE", "DECIMAL(5,2)"]):
        folder = tmp_path / type_name
        folder.mkdir()
        parquet, path = _typed_files(folder, year, agreement, type_name, rows)
        out = score_csv(shipped(year)[0], parquet, None, None)
        assert out == _python(year, path), type_name
        assert len([e for e in _entries(tmp_path / "cache") if b"concat(" in e.read_bytes()]) == n + 1
        outs.append(out)
    assert outs[0] == outs[1] != outs[2]  # DECIMAL(5,2) holds 72.755 as 72.76: its own figures, read right
