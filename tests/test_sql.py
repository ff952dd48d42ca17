"""The plan compiled to SQL (kpidsl/sql) against the Python evaluator.

Differential: every shipped results file, and random results for every shipped
agreement (ladder results at and between thresholds, rounding ties, milestones,
formulas with exact and inexact quotients, composites, competencies, raises, late
reports over holidays), scored by `kpidsl score --engine sql` and by the Python
evaluator: the same CSV bytes. The SQL engine must answer (not hand back to Python) for
the rows it is sure of. Rounding: kpidsl.sql.exact.rounded against Decimal.quantize on
half-way values in every mode. Dialects: the query for each shipped agreement, written
for Spark, Trino and PostgreSQL, parses back with sqlglot.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
import re
import sys
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

import pytest

pytest.importorskip("sqlglot", reason="the sql extra is not installed")
duckdb = pytest.importorskip("duckdb", reason="the sql extra is not installed")

import sqlglot  # noqa: E402
from click.testing import CliRunner  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from sqlglot import exp  # noqa: E402

from kpidsl.check import check_paths  # noqa: E402
from kpidsl.cli import main  # noqa: E402
from kpidsl.diagnostics.phrases import phrase  # noqa: E402
from kpidsl.diagnostics.registry import CODES  # noqa: E402
from kpidsl.plan import compile_plan  # noqa: E402
from kpidsl.plan.model import Composite, Formula, Ladder, Milestones, ScaleScoring  # noqa: E402
from kpidsl.plan.read import typed_plan  # noqa: E402
from kpidsl.score.batch import score_records  # noqa: E402
from kpidsl.sql import DIALECTS, NotExact, agreement_sql, build_query, canonical_header  # noqa: E402
from kpidsl.sql import exact  # noqa: E402
from kpidsl.sql.compiler import node_fields  # noqa: E402
from kpidsl.sql.run import Declined, score_csv  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
D = Decimal


@lru_cache(maxsize=None)
def shipped(year: str) -> tuple[dict, str]:
    result = check_paths([ROOT / "rules" / year])
    assert not result.errors
    (rs,) = result.rule_sets
    return compile_plan(rs, Path(rs.name)), rs.name


SHIPPED = [(year, a["id"]) for year in ("2554", "2555") for a in shipped(year)[0]["agreements"]]
RESULTS_FILES = [("2555", "tests/data/score/dept_example_2555.csv"), ("2555", "examples/results_2555.csv"),
                 ("2554", "tests/data/score/individuals_2554.csv")]


def python_csv(year: str, path: Path, agreement: str | None = None, output_format: str = "csv") -> str:
    plan, root = shipped(year)
    outcome = score_records(plan, root, path, agreement, None, output_format, False, "en", None)
    return outcome.text if not outcome.diagnostics else f"problems: {[d.code for d in outcome.diagnostics]}"


# ---- the shipped results files ----------------------------------------------------------------------
def test_a_penalty_past_the_total_stops_at_the_penalty_floor_by_sql_too(tmp_path, monkeypatch):
    """The province example (p1 3.5, p2 82, p3 80, p4 4: a total of 3.73), sent 3 working days
    late (3.58, seed 002's 0.0500 a day) and 101 (1 Nov 2011 – 27 Mar 2012: 5.05 off): the query
    publishes 0.0000 as the evaluator does (rules/2554's penalty_floor 0), not −1.3200."""
    path = tmp_path / "late.csv"
    path.write_text("agreement,person,round,p1,p2,p3,p4,submitted\n"
                    "province_example_2554,a,sar12,3.5,82,80,4,2011-11-03\n"
                    "province_example_2554,b,sar12,3.5,82,80,4,2012-03-27\n", encoding="utf-8")
    expected = python_csv("2554", path)
    import kpidsl.sql.run as run

    def no_row_left(*args, **kwargs):  # every row the query's own (a negative total had been left)
        raise AssertionError("a row was left to the evaluator")
    monkeypatch.setattr(run, "_by_python", no_row_left)
    out = score_csv(shipped("2554")[0], path, None, None)
    assert not isinstance(out, Declined), out
    assert out == expected
    finals = [(row["penalty"], row["final"]) for row in csv.DictReader(io.StringIO(out))]
    assert finals == [("0.1500", "3.5800"), ("5.0500", "0.0000")]


@pytest.mark.parametrize("year, results", RESULTS_FILES)
def test_shipped_results_same_bytes_and_scored_by_sql(year, results):
    out = score_csv(shipped(year)[0], ROOT / results, None, None)
    assert not isinstance(out, Declined), out
    runner = CliRunner()
    by_sql = runner.invoke(main, ["score", str(ROOT / "rules" / year), "--results", str(ROOT / results),
                                  "--format", "csv", "--engine", "sql"])
    by_python = runner.invoke(main, ["score", str(ROOT / "rules" / year), "--results", str(ROOT / results),
                                     "--format", "csv", "--engine", "python"])
    assert by_sql.exit_code == by_python.exit_code == 0
    assert by_sql.stdout == by_python.stdout == out


# the shipped results files and the examples' (examples/README.md), for `--format json`
JSON_FILES = RESULTS_FILES + [("2554", "examples/janya.csv"), ("2554", "examples/province_late_2554.csv")]


@pytest.mark.parametrize("year, results", JSON_FILES)
def test_shipped_results_same_json_bytes(year, results):
    out = score_csv(shipped(year)[0], ROOT / results, None, None, "json")
    assert not isinstance(out, Declined), out
    runner = CliRunner()
    args = ["score", str(ROOT / "rules" / year), "--results", str(ROOT / results), "--format", "json"]
    by_sql = runner.invoke(main, args + ["--engine", "sql"])
    by_python = runner.invoke(main, args + ["--engine", "python"])
    assert by_sql.exit_code == by_python.exit_code == 0
    assert by_sql.stdout == by_python.stdout == out
    assert out.startswith("[\n{") and out.endswith("}\n]\n")


def test_json_node_figures_are_the_seeds():
    """Janya's forms (seed 001): j1, of weight 15%, scored 3.5: weighted 3.5 × 15% = 0.525 (ค = ก × ข),
    what it adds to its component's sum."""
    import json

    docs = json.loads(score_csv(shipped("2554")[0], ROOT / "examples/janya.csv", None, None, "json"))
    nodes = {n["id"]: n for n in docs[0]["nodes"][0]["children"]}
    assert (nodes["j1"]["score"], nodes["j1"]["weighted"], nodes["j1"]["weight"]) == ("3.5000", "0.5250", "15")
    assert "contribution" not in nodes["j1"]
    # every document says its format's version first (README: `kpidsl score`): 3, a component's `weight`
    # its share (2: a node's share `weighted`)
    assert [list(doc)[0] for doc in docs] == ["version", "version"] and {doc["version"] for doc in docs} == {3}
    # each component's share of the total, by the query's figures too: 72 × 70% = 50.4, 68 × 30% = 20.4
    assert [(n["id"], n["score"], n["weighted"]) for n in docs[0]["nodes"]] == \
        [("achievement", "72.0000", "50.4000"), ("competency", "68.0000", "20.4000")]


def test_dept_example_total_is_the_seed_figure():
    out = score_csv(shipped("2555")[0], ROOT / "tests/data/score/dept_example_2555.csv", None, None)
    assert out.splitlines()[1] == "dept_example_2555,,,3.5282,,3.5282,,,"


# ---- random results for every shipped agreement ------------------------------------------------------
def _ladder_value(rnd: random.Random, lad: Ladder) -> str:
    pts = [t.value for t in lad.thresholds]
    lo, hi = min(pts), max(pts)
    pick = rnd.random()
    if pick < 0.3:
        v = rnd.choice(pts)  # on a threshold
    elif pick < 0.6:
        i = rnd.randrange(4)
        v = (pts[i] + pts[i + 1]) / 2  # half-way between two levels
    elif pick < 0.8:
        v = rnd.choice(pts) + rnd.choice([D("0.001"), D("-0.001"), D("0.0005"), D("-0.0125"), D("0.3")])
    else:
        span = hi - lo or D(1)
        v = lo - span / 2 + span * 2 * D(rnd.randrange(1000)) / 1000
    return f"{v.normalize():f}"


def random_rows(year: str, agreement_id: str, rnd: random.Random, count: int, exact_quotients: bool = False):
    """A header and ``count`` rows of results for one agreement."""
    typed = typed_plan(shipped(year)[0])
    a = typed.agreements_by_id[agreement_id]
    header = canonical_header(a)
    nodes = {n.id: n for n in a.walk()}
    rounds = [r for r in a.framework.rounds if not a.round_id or r.id == a.round_id]
    rows = []
    for i in range(count):
        row = []
        for h in header:
            if h == "agreement":
                row.append(agreement_id)
            elif h == "person":
                row.append(f"person {i}")
            elif h == "round":
                row.append(rnd.choice(rounds).id if rounds and rnd.random() < 0.7 else "")
            elif h == "submitted":
                due = next((r.due.end for r in rounds if r.due), None)
                row.append((due + dt.timedelta(days=rnd.randrange(-3, 40))).isoformat()
                           if due and rnd.random() < 0.7 else "")
            elif h == "raise":
                row.append("" if exact_quotients else rnd.choice(["", "0", "1.5", "2", "2.5", "3", "3%", "4", "6"]))
            else:
                node_id, _, field = h.partition(":")
                n = nodes[node_id]
                _, default, _ = node_fields(n)
                field = field or default
                s = n.scoring
                if isinstance(s, Ladder) and field == "result":
                    row.append(_ladder_value(rnd, s))
                elif isinstance(s, Milestones):
                    row.append(str(rnd.randrange(len(s.steps) + 1)))
                elif isinstance(s, Formula):
                    if exact_quotients:
                        row.append(rnd.choice(["80", "64", "100", "125", "200", "400", "50", "62.5"]))
                    else:
                        row.append(rnd.choice(["1", "3", "7", "90", "100", "270", "300", "0.5", "12.25", "0"]))
                elif isinstance(s, Composite):
                    part = next(p for p in s.parts if p.id == field)
                    row.append(_ladder_value(rnd, part.scoring) if isinstance(part.scoring, Ladder)
                               else f"{D(rnd.randrange(0, 51)) / 10}")
                elif isinstance(s, ScaleScoring):  # a competency's: one of its scale's levels (scale_score whole),
                    # or now and then a figure off them, which the query leaves to the evaluator (Q035)
                    levels = ["1", "2", "3", "4", "5"]
                    row.append(rnd.choice(levels if exact_quotients else levels + ["3.5", "0"]))
                else:  # a score given: owner, or no rule
                    row.append(rnd.choice(["1", "2", "3", "3.5", "4", "4.25", "5", "2.75", "0"]))
        rows.append(row)
    return header, rows


def _write(tmp: Path, header, rows) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path = tmp / "results.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("year, agreement", SHIPPED)
def test_every_shipped_agreement_scored_by_sql_as_by_python(year, agreement, tmp_path):
    """200 rows with exact quotients: the SQL engine answers, with the evaluator's bytes."""
    header, rows = random_rows(year, agreement, random.Random(f"{year}/{agreement}"), 200, exact_quotients=True)
    path = _write(tmp_path, header, rows)
    out = score_csv(shipped(year)[0], path, None, None)
    assert not isinstance(out, Declined), out
    assert out == python_csv(year, path)
    out = score_csv(shipped(year)[0], path, None, None, "json")
    assert not isinstance(out, Declined), out
    assert out == python_csv(year, path, output_format="json")


_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def spoil(rnd: random.Random, header: list[str], rows: list[list[str]], share: float) -> None:
    """Write some figures in Thai digits: the evaluator reads them, the query leaves those
    rows to it (kpidsl/sql/cells.py)."""
    figures = [j for j, h in enumerate(header) if h not in ("agreement", "person", "round", "submitted")]
    for row in rows:
        if figures and rnd.random() < share:
            j = rnd.choice(figures)
            row[j] = row[j].translate(_THAI)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=st.sampled_from(SHIPPED), seed=st.integers(0, 2**32), count=st.integers(1, 12),
       exact_quotients=st.booleans(), thai=st.sampled_from([0, 0.3, 1]))
def test_random_results_same_bytes(case, seed, count, exact_quotients, thai, tmp_path_factory):
    year, agreement = case
    rnd = random.Random(seed)
    header, rows = random_rows(year, agreement, rnd, count, exact_quotients)
    spoil(rnd, header, rows, thai)
    path = _write(tmp_path_factory.mktemp("rows"), header, rows)
    expected = python_csv(year, path)
    out = score_csv(shipped(year)[0], path, None, None)
    if isinstance(out, Declined):
        # only when the evaluator has something to say, which it then says
        assert expected.startswith("problems"), out.reason
        runner = CliRunner()
        by_sql = runner.invoke(main, ["score", str(ROOT / "rules" / year), "--results", str(path), "--format", "csv",
                                      "--engine", "sql"])
        assert by_sql.stdout == ""
    else:
        assert out == expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=st.sampled_from(SHIPPED), seed=st.integers(0, 2**32), count=st.integers(0, 12),
       exact_quotients=st.booleans(), thai=st.sampled_from([0, 0.3, 1]))
def test_random_results_same_json_bytes(case, seed, count, exact_quotients, thai, tmp_path_factory):
    year, agreement = case
    rnd = random.Random(seed)
    header, rows = random_rows(year, agreement, rnd, count, exact_quotients)
    spoil(rnd, header, rows, thai)
    path = _write(tmp_path_factory.mktemp("rows"), header, rows)
    expected = python_csv(year, path, output_format="json")
    out = score_csv(shipped(year)[0], path, None, None, "json")
    if isinstance(out, Declined):
        assert expected.startswith("problems") or not rows, out.reason
    else:
        assert out == expected


# ---- rounding ----------------------------------------------------------------------------------------
_MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "up": ROUND_CEILING, "down": ROUND_FLOOR}


@pytest.mark.parametrize("mode", sorted(_MODES))
def test_rounding_ties_exact_in_every_mode(mode):
    """Half-way values (…5 at the fifth place, and thirds and sevenths whose quotient is
    half-way) round as Decimal rounds them, both signs."""
    con = duckdb.connect()
    from kpidsl.sql.query import to_sql

    cases = []
    for text in ["2.34565", "2.34575", "0.00005", "3.99995", "1.23444999", "70.8", "0", "5"]:
        for sign in (1, -1):
            cases.append((D(text) * sign, D(1)))
    for num, den in [(D("7.00035"), 7), (D("0.00015"), 3), (D("10.00005") * 3, 3), (D(1), 3), (D(2), 3), (D(22), 7)]:
        for sign in (1, -1):
            cases.append((num * sign, D(den)))
    for num, den in cases:
        value = exact.Val(exact.const(num).e, exact.scale_of(num), abs(num), int(den))
        query = exp.select(exp.alias_(exact.rounded(value, 4, mode).typed(), "r"))
        got = con.execute(to_sql(query, "duckdb")).fetchone()[0]
        want = (num / den).quantize(D("0.0001"), rounding=_MODES[mode])
        assert got == want, (num, den, mode)


@pytest.mark.parametrize("mode, node", [("half_up", exp.Round), ("up", exp.Ceil), ("down", exp.Floor)])
def test_a_whole_figure_rounds_by_the_engine_exactly(mode, node):
    """A figure over den 1 rounds by the dialect's own ROUND / CEIL / FLOOR (no remainder to
    build: the query's costliest figures before), exact in a wide type (30 digits, DuckDB's 128 bits)."""
    con = duckdb.connect()
    from kpidsl.sql.query import to_sql

    for text in ["12345678901234567890.12345", "-12345678901234567890.12345", "0.00004999", "-99.99995"]:
        num = D(text)
        value = exact.column(exp.Cast(this=exp.Literal.string(text), to=exact.decimal_type(30, 10)), 30, 10)
        r = exact.rounded(value, 4, mode)
        assert r.e.find(node) is not None
        got = con.execute(to_sql(exp.select(exp.alias_(r.typed(), "r")), "duckdb")).fetchone()[0]
        assert got == num.quantize(D("0.0001"), rounding=_MODES[mode]), (text, mode)


def test_too_many_digits_is_refused_by_name():
    big = exact.column(exp.column("x"), 30, 10)
    with pytest.raises(NotExact) as e:
        exact.mul(big, big, phrase("sql-the-total"))
    assert e.value.what == phrase("sql-the-total")
    # 30 + 30 + 1 as Spark counts a product (63 while a 30-digit bound was counted in 28 digits, as 31)
    assert e.value.why == phrase("sql-digits-dialects", digits=61, limit=exact.MAX_PRECISION)
    # said in Thai as in English (Z002's fields are phrases of the registry's module)
    z002 = CODES["Z002"].at(None, what=e.value.what, why=e.value.why)
    assert "คะแนนรวม" in z002.message_th and "61" in z002.message_th and "the total" not in z002.message_th


# ---- dialects ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("year, agreement", SHIPPED)
@pytest.mark.parametrize("dialect", DIALECTS)
def test_query_parses_back_in_every_dialect(year, agreement, dialect):
    text = agreement_sql(typed_plan(shipped(year)[0]), agreement, dialect)
    tree = sqlglot.parse_one(text, read=dialect)
    assert tree.find(exp.With) is not None
    # no division but the quotient guesses (checked exactly) of formulas' data ÷ data
    for div in tree.find_all(exp.Div):
        assert "DOUBLE" in div.sql(dialect="duckdb").upper() or dialect != "duckdb"
    names = [s.alias_or_name for s in tree.selects]
    assert names[:9] == ["agreement", "person", "round", "total", "penalty", "final", "band", "raise_percent",
                         "amount"] and names[-1] == "sure"


def test_cli_prints_the_query(tmp_path):
    r = CliRunner().invoke(main, ["sql", str(ROOT / "rules/2554"), "--agreement", "janya_2554_r1",
                                  "--dialect", "postgres"])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("WITH") and r.stdout.rstrip().endswith(";")
    sqlglot.parse_one(r.stdout.rstrip().rstrip(";"), read="postgres")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_cli_query_has_no_hidden_character_in_a_literal(dialect):
    """The blanks the cells' tests take off (a tab, a carriage return, U+2028 ...) are written
    as the dialect's CHR(n) (Spark past 255: the bytes decoded), not raw inside a literal:
    the printed SQL is one line per line and parses back."""
    import unicodedata

    r = CliRunner().invoke(main, ["sql", str(ROOT / "rules/2554"), "--agreement", "janya_2554_r1",
                                  "--dialect", dialect])
    assert r.exit_code == 0, r.output
    text = r.stdout
    assert text.splitlines() == text.split("\n")[:-1]
    hidden = {c for c in text if c not in " \n" and unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Zs")}
    assert not hidden, sorted(hex(ord(c)) for c in hidden)
    tree = sqlglot.parse_one(text.rstrip().rstrip(";"), read=dialect)
    # the blanks are still tested for: U+2028 spelled as the dialect reads it
    assert ("DECODE(UNHEX('E280A8'), 'UTF-8')" if dialect == "spark" else "CHR(8232)") in tree.sql(dialect)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_hidden_characters_read_the_same_spelled_out(dialect):
    """What literals.visible() writes for a text of hidden characters is that text, run by DuckDB
    (the three dialects whose CHR is Unicode's share DuckDB's spelling)."""
    import duckdb

    from kpidsl.sql.literals import visible

    text = "a\tb\r\n\u000b\u00a0\u2028\u3000\u0085z"
    tree = visible(exp.select(exp.alias_(exp.Literal.string(text), "t")), dialect)
    assert all(not lit.is_string or lit.this.isprintable() for lit in tree.find_all(exp.Literal))
    if dialect != "spark":
        assert duckdb.connect().execute(tree.sql("duckdb")).fetchone()[0] == text


# ---- rows the query leaves to the evaluator ---------------------------------------------------------
def _both(tmp_path, year: str, text: str):
    path = tmp_path / "results.csv"
    path.write_text(text, encoding="utf-8")
    runner = CliRunner()
    args = ["score", str(ROOT / "rules" / year), "--results", str(path), "--format", "csv"]
    return (runner.invoke(main, args + ["--engine", "sql"]), runner.invoke(main, args + ["--engine", "python"]),
            score_csv(shipped(year)[0], path, None, None))


JANYA = ("agreement,round,person,raise,j1:score,j2:score,j3:score,j4:score,j5:score,"
         "c1:score,c2:score,c3:score,c4:score,c5:score\n")


@pytest.mark.parametrize("row, why", [
    ("janya_2554_r1,1,จรรยา,3,3.5,3,4.5,3,4.5,4,3,4,3,\n", "sql-declined-row-problem"),  # missing: Q007
    ("janya_2554_r1,1,จรรยา,9,3.5,3,4.5,3,4.5,4,3,4,3,3\n", "sql-declined-row-problem"),  # raise outside band
    ("janya_2554_r1,1,จรรยา,3,3.5,3,4.5,3,4.5,4,3,4,3,3\njanya_2554_r1,1,จรรยา,3,3.5,3,4.5,3,4.5,4,3,4,3,3\n",
     "sql-declined-twice"),  # Q006
    ("janya_2554_r1,1,จรรยา,3,3.5,3,4.5,3,4.5,4,3,4,3,3,9\n", "sql-declined-duckdb"),  # a cell more than the header: Q008
])
def test_rows_left_to_python_give_python_output_and_diagnostics(tmp_path, row, why):
    by_sql, by_python, direct = _both(tmp_path, "2554", JANYA + row)
    assert isinstance(direct, Declined)
    if why == "sql-declined-duckdb":  # DuckDB's own words follow
        assert direct.reason.en.startswith(phrase(why, error="").en)
    else:
        assert direct.reason == phrase(why)
    assert by_python.exit_code == 1
    assert (by_sql.exit_code, by_sql.stdout, by_sql.stderr) == (by_python.exit_code, by_python.stdout,
                                                                by_python.stderr)


def _janya(i: int, cells: str = "3,3.5,3,4.5,3,4.5,4,3,4,3,3") -> str:
    return f"janya_2554_r1,1,person {i},{cells}\n"


# rows the query leaves to the evaluator, which reads them without a word
PYTHON_ROWS = ["๓,3.5,3,4.5,3,4.5,4,3,4,3,3",  # Thai digits
               "3,3.5,3,๔.5,3,4.5,4,3,4,3,3",
               '3," 3.50 ",3,4.5,3,4.5,4,3,4,3,3　',  # a blank Python strips, SQL's TRIM does not
               "3,3.5,3,4.5,3,๔.๕,4,3,4,3,๓"]  # a competency's score is one of its scale's levels


def test_sure_rows_by_sql_unsure_rows_by_python_in_file_order(tmp_path, monkeypatch):
    """A file mixing both: each row the query is not sure of is scored by the evaluator and
    put in its place; the same bytes as --engine python, batch after batch."""
    import kpidsl.sql.run as run

    monkeypatch.setattr(run, "UNSURE", 3)  # several batches of unsure rows, and lines held
    monkeypatch.setattr(run, "HELD", 7)
    rnd = random.Random(2554)
    text = JANYA + "".join(_janya(i, rnd.choice(PYTHON_ROWS) if rnd.random() < 0.3 else
                                  f",{rnd.choice(['2', '3.5', '4'])},3,{rnd.choice(['4.5', '2.25'])},3,4.5,4,3,4,3,3")
                           for i in range(60))
    text += ",,,,,,,,,,,,,\n" + _janya(60, PYTHON_ROWS[0])  # a blank row: the evaluator skips it
    by_sql, by_python, direct = _both(tmp_path, "2554", text)
    assert isinstance(direct, str) and direct.count("\n") == 62
    assert by_python.exit_code == by_sql.exit_code == 0
    assert by_sql.stdout == by_python.stdout == direct
    assert sum(r.startswith("janya_2554_r1,person") for r in direct.splitlines()) == 61


# how the lines reach the output (kpidsl/sql/run.py): written by DuckDB into the run's own
# folder and copied (_copied), or, with no folder to write in (standard output, the cache off),
# fetched a batch at a time (_score)
LINES_PATHS = ["written by DuckDB", "fetched"]


def _lines_path(monkeypatch, how: str) -> None:
    if how == "fetched":
        monkeypatch.setenv("KPIDSL_NO_CACHE", "1")


@pytest.mark.parametrize("how", LINES_PATHS)
def test_lines_quoted_neutralised_or_left_to_python_in_place_either_way(tmp_path, monkeypatch, how):
    """Sure rows whose person csv.writer quotes or kpidsl/outputs/cells.py neutralises (their
    cells handed to Python in a MARK line, each in hex), rows left to the evaluator (their
    input cells so), a blank row, a blank raise (NULL figures, not zeros), between plain
    lines, in batches: the same bytes as --engine python, by both ways the lines go."""
    import kpidsl.sql.run as run

    _lines_path(monkeypatch, how)
    monkeypatch.setattr(run, "UNSURE", 2)
    monkeypatch.setattr(run, "HELD", 5)
    monkeypatch.setattr(run, "FETCH", 7)
    monkeypatch.setattr(run, "COPY_CHUNK", 50)  # chunks that end mid-line
    people = ["Smith, J", "=1+2", "-3", "@x", 'say "hi"', "ก, ข", "+66", "tab\there", "person "]
    rnd = random.Random(17)
    rows = []
    for i in range(80):
        cells = rnd.choice(PYTHON_ROWS) if rnd.random() < 0.2 else "3,3.5,3,4.5,3,4.5,4,3,4,3,3"
        person = io.StringIO()
        csv.writer(person, lineterminator="").writerow([(rnd.choice(people) if rnd.random() < 0.4 else "p") + str(i)])
        rows.append(f"janya_2554_r1,1,{person.getvalue()},{cells}\n")
    rows.insert(30, ",,,,,,,,,,,,,\n")
    rows.insert(31, "janya_2554_r1,1,blank raise,,3.5,3,4.5,3,4.5,4,3,4,3,3\n")
    by_sql, by_python, direct = _both(tmp_path, "2554", JANYA + "".join(rows))
    assert isinstance(direct, str), direct
    assert by_python.exit_code == by_sql.exit_code == 0
    assert by_sql.stdout == by_python.stdout == direct
    assert direct.count("\n") == 1 + 80 + 1 and '"Smith, J' in direct and "'=1+2" in direct


def test_duckdb_writes_the_lines_and_python_fetches_none(tmp_path, monkeypatch):
    """With a folder of the run's own (beside the output, or in the cache), the lines query is
    COPY'd by DuckDB to a file there, copied to the output and removed: no row of it is
    fetched into Python (400 k rows, bench_sql.py: -0.15-0.25 s CPU)."""
    import kpidsl.sql.run as run

    real = duckdb.connect
    said: list[str] = []
    fetched: list[int] = []

    class Watched:
        def __init__(self, con):
            self.con = con

        def execute(self, query, *args):
            # a folder beside the output is told by its descriptor's path (kpidsl/working_folders.py): where it is
            said.append(re.sub(r"/proc/self/fd/[0-9]+", lambda m: os.path.realpath(m[0]), query))
            cursor = self.con.execute(query, *args)
            return Cursor(cursor) if " AS line " in query else cursor

        def __getattr__(self, name):
            return getattr(self.con, name)

    class Cursor:
        def __init__(self, cursor):
            self.cursor = cursor

        def fetchmany(self, n):
            batch = self.cursor.fetchmany(n)
            fetched.append(len(batch))
            return batch

    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: Watched(real(*a, **k)))
    path = tmp_path / "results.csv"
    path.write_text(JANYA + "".join(_janya(i) for i in range(20)), encoding="utf-8")
    out = io.StringIO()
    from kpidsl.working_folders import Beside

    held = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)  # as the output's writer holds it (kpidsl/files.py)
    try:
        assert run.score_into(shipped("2554")[0], path, None, None, out, beside=Beside(tmp_path / "out.csv", held)) == 20
    finally:
        os.close(held)
    (copy,) = [q for q in said if q.startswith("COPY")]
    written = Path(copy.split(" TO '")[1].split("'")[0])
    assert written.parent.parent == tmp_path and not written.parent.exists()  # the run's folder, gone
    assert fetched == [] and out.getvalue() == python_csv("2554", path)
    monkeypatch.setenv("KPIDSL_NO_CACHE", "1")  # standard output, nowhere to write: fetched
    said.clear()
    out = io.StringIO()
    assert run.score_into(shipped("2554")[0], path, None, None, out) == 20
    assert not [q for q in said if q.startswith("COPY")] and sum(fetched) == 20
    assert out.getvalue() == python_csv("2554", path)


@pytest.mark.parametrize("bad, code", [
    (lambda rows: rows.insert(40, rows[12]), "Q006"),  # a duplicate row
    (lambda rows: rows.__setitem__(33, _janya(33, "3,3.5,3,abc,3,4.5,4,3,4,3,3")), "Q003"),  # a bad cell
    # the same evaluation written two ways the reader takes as one: a sure row and one left to Python
    (lambda rows: rows.insert(40, rows[12].replace(",1,", ",๑,", 1)), "Q006"),
    (lambda rows: rows.insert(40, rows[12].replace("person 12", "person 12\u3000")), "Q006"),
])
def test_mixed_file_with_a_problem_gives_pythons_diagnostics(tmp_path, bad, code):
    rows = [_janya(i, PYTHON_ROWS[i % 4] if i % 5 == 0 else "3,3.5,3,4.5,3,4.5,4,3,4,3,3") for i in range(50)]
    bad(rows)
    by_sql, by_python, direct = _both(tmp_path, "2554", JANYA + "".join(rows))
    assert isinstance(direct, Declined)
    assert by_python.exit_code == 1 and f": {code} " in by_python.stderr
    assert (by_sql.exit_code, by_sql.stdout, by_sql.stderr) == (by_python.exit_code, by_python.stdout,
                                                                by_python.stderr)


def test_output_file_written_whole_by_sql(tmp_path):
    rows = [_janya(i, PYTHON_ROWS[i % 4] if i % 3 == 0 else "3,3.5,3,4.5,3,4.5,4,3,4,3,3") for i in range(20)]
    path = tmp_path / "results.csv"
    path.write_text(JANYA + "".join(rows), encoding="utf-8")
    outs = []
    for engine in ("sql", "python"):
        out = tmp_path / f"{engine}.csv"
        r = CliRunner().invoke(main, ["score", str(ROOT / "rules/2554"), "--results", str(path), "--format", "csv",
                                      "--engine", engine, "-o", str(out), "--lang", "en"])
        assert r.exit_code == 0, r.output
        outs.append((out.read_bytes(), r.stderr.replace(f"{engine}.csv", "OUT")))
    assert outs[0] == outs[1] and outs[0][0].startswith(b"\xef\xbb\xbf") and outs[0][0].count(b"\n") == 21
    assert sorted(p.name for p in tmp_path.iterdir()) == ["python.csv", "results.csv", "sql.csv"]


def test_text_cells_neutralised_as_python_does(tmp_path):
    by_sql, by_python, direct = _both(tmp_path, "2554", JANYA + 'janya_2554_r1,1,"=cmd, ""x""",,3.5,3,4.5,3,4.5,4,3,4,3,3\n')
    assert isinstance(direct, str)
    assert by_sql.stdout == by_python.stdout == direct


# ---- Parquet input --------------------------------------------------------------------------------------
def _parquet(csv_path: Path, out: Path, typed: bool) -> Path:
    """``csv_path`` as Parquet: every column text, or typed as DuckDB detects them (numbers as
    DOUBLE or BIGINT, which the SQL engine reads as their text)."""
    reader = f"read_csv('{csv_path}', all_varchar=true)" if not typed else f"read_csv('{csv_path}')"
    duckdb.connect().execute(f"COPY (FROM {reader}) TO '{out}' (FORMAT parquet)")
    return out


@pytest.mark.parametrize("typed", [False, True])
@pytest.mark.parametrize("year, results", RESULTS_FILES)
def test_parquet_results_scored_as_the_csv(year, results, typed, tmp_path):
    path = _parquet(ROOT / results, tmp_path / "results.parquet", typed)
    runner = CliRunner()
    args = ["score", str(ROOT / "rules" / year), "--format", "csv"]
    by_csv = runner.invoke(main, args + ["--results", str(ROOT / results), "--engine", "python"])
    for engine in ("sql", "auto"):  # auto: a Parquet file is the SQL engine's however small
        r = runner.invoke(main, args + ["--results", str(path), "--engine", engine])
        assert (r.exit_code, r.stdout) == (0, by_csv.stdout)


def test_parquet_with_rows_for_python_and_a_problem(tmp_path):
    rows = [_janya(i, PYTHON_ROWS[i % 4] if i % 3 == 0 else "3,3.5,3,4.5,3,4.5,4,3,4,3,3") for i in range(20)]
    good = tmp_path / "good.csv"
    good.write_text(JANYA + "".join(rows), encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(JANYA + "".join(rows[:5]) + _janya(5, "3,3.5,3,abc,3,4.5,4,3,4,3,3"), encoding="utf-8")
    runner = CliRunner()
    args = ["score", str(ROOT / "rules/2554"), "--format", "csv", "--lang", "en"]
    by_csv = runner.invoke(main, args + ["--results", str(good)])
    r = runner.invoke(main, args + ["--results", str(_parquet(good, tmp_path / "good.parquet", False)),
                                    "--engine", "sql"])
    assert (r.exit_code, r.stdout) == (0, by_csv.stdout) and by_csv.stdout.count("\n") == 21
    r = runner.invoke(main, args + ["--results", str(_parquet(bad, tmp_path / "bad.parquet", False)),
                                    "--engine", "sql"])
    # told at its row (row 6: line 7, as in the CSV), not Z005's "convert it to CSV to see where"
    assert r.exit_code == 1 and r.stdout == "" and "Z005" not in r.stderr
    assert _told(r.stderr) == [("bad.parquet", 7, "Q003")]
    assert _told(runner.invoke(main, args + ["--results", str(bad)]).stderr) == [("bad.csv", 7, "Q003")]


def _told(stderr: str) -> list[tuple[str, int, str]]:
    """(file name, line, code) of each diagnostic told, in order."""
    found = re.findall(r"^(\S+?):(\d+):\d+: ([A-Z]\d{3}) ", stderr, re.M)
    return [(Path(f).name, int(n), c) for f, n, c in found]


@pytest.mark.parametrize("output_format", ["csv", "json"])
@pytest.mark.parametrize("typed", [False, True])
def test_a_parquet_files_rows_with_problems_are_each_told_at_their_row(tmp_path, typed, output_format):
    # The evaluator reads no Parquet: a row it had a problem with made Z005 ("the SQL engine does not
    # score every row … convert it to CSV and score that"), and a score past its range (120 of a
    # 0–5 score) failed the whole query on DuckDB's cast to the score's narrowed type. Now each
    # such row is told at its row (row n at line n + 1, the CSV's line when each row is one).
    rows = [_janya(i) for i in range(12)]
    rows[1] = _janya(1, "3,3.5,3,abc,3,4.5,4,3,4,3,3")  # unreadable: Q003
    rows[4] = _janya(4, "3,3.5,3,4.5,3,4.5,4,3,4,3,120")  # a competency's score past its scale: Q035
    rows[5] = _janya(5, PYTHON_ROWS[0])  # Thai digits: the evaluator's, without a word
    rows[9] = _janya(9, "3,3.5,3,4.5,3,4.5,4,3,4,3,7")  # Q035, typed as an integer column beside 120
    source = tmp_path / "results.csv"
    source.write_text(JANYA + "".join(rows), encoding="utf-8")
    path = _parquet(source, tmp_path / "results.parquet", typed)
    args = ["score", str(ROOT / "rules/2554"), "--format", output_format, "--lang", "en"]
    r = CliRunner().invoke(main, args + ["--results", str(path), "--engine", "sql"])
    by_csv = CliRunner().invoke(main, args + ["--results", str(source)])
    assert (r.exit_code, r.stdout, by_csv.exit_code) == (1, "", 1) and "Z005" not in r.stderr
    assert _told(r.stderr) == [("results.parquet", n, c) for _, n, c in _told(by_csv.stderr)]
    assert [c for _, _, c in _told(r.stderr)] == ["Q003", "Q035", "Q035"]
    assert r.stderr.splitlines()[-1] == by_csv.stderr.splitlines()[-1]  # the summary: 3 errors


def test_a_parquet_rows_problem_is_told_at_its_row_when_a_cell_before_spans_lines(tmp_path):
    """The rows the evaluator is handed are a CSV of their own, where a cell holding a line feed
    makes its row two lines: the problem of the row after it is still told at its own row."""
    rows = [_janya(i) for i in range(4)]
    rows[1] = 'janya_2554_r1,1,"person\n1",3,3.5,3,๔.5,3,4.5,4,3,4,3,3\n'  # the evaluator's, two lines
    rows[2] = _janya(2, "3,3.5,3,abc,3,4.5,4,3,4,3,3")
    source = tmp_path / "results.csv"
    source.write_text(JANYA + "".join(rows), encoding="utf-8")
    path = _parquet(source, tmp_path / "results.parquet", False)
    r = CliRunner().invoke(main, ["score", str(ROOT / "rules/2554"), "--format", "csv", "--lang", "en",
                                  "--results", str(path), "--engine", "sql"])
    assert r.exit_code == 1 and _told(r.stderr) == [("results.parquet", 4, "Q003")]  # row 3


@pytest.mark.parametrize("output_format", ["csv", "json"])
@pytest.mark.parametrize("cache", ["on", "off"])
def test_rows_are_numbered_as_they_come_across_batches_threads_and_chunks(tmp_path, output_format, cache,
                                                                          monkeypatch):
    """The query numbers no row (row_number() runs on one thread): each row of the evaluator
    is numbered by its place among the query's lines. A Parquet file of small row groups, read
    by all of DuckDB's threads, its lines written by COPY (cache on: in the run's folder, read
    back a chunk at a time) or fetched (off), the JSON's fetched: rows with a problem far apart,
    after a blank row, are told at the rows the evaluator gives on the same cells as CSV."""
    import kpidsl.sql.run as run

    if cache == "off":
        monkeypatch.setenv("KPIDSL_NO_CACHE", "1")
    monkeypatch.setattr(run, "COPY_CHUNK", 4096)  # a line cut between chunks, many times
    monkeypatch.setattr(run, "HELD", 500)  # the evaluator's rows scored, then chunks of sure lines again
    n = 20_000
    rows = [_janya(i) for i in range(n)]
    rows[4_321] = _janya(4_321, "3,3.5,3,abc,3,4.5,4,3,4,3,3")  # Q003 at row 4,322
    rows[7_000] = "," * 13 + "\n"  # a blank row: no evaluation, still a row
    rows[12_345] = _janya(12_345, "3,3.5,3,4.5,3,4.5,4,3,4,3,120")  # Q035 (c5 past its scale)
    rows[n - 1] = _janya(n - 1, "3,3.5,3,4.5,3,xyz,4,3,4,3,3")  # Q003 at the last row
    source = tmp_path / "results.csv"
    source.write_text(JANYA + "".join(rows), encoding="utf-8")
    path = tmp_path / "results.parquet"
    duckdb.connect().execute(f"COPY (FROM read_csv('{source}', all_varchar=true)) TO '{path}' "
                             "(FORMAT parquet, ROW_GROUP_SIZE 2048)")
    args = ["score", str(ROOT / "rules/2554"), "--format", output_format, "--lang", "en"]
    r = CliRunner().invoke(main, args + ["--results", str(path), "--engine", "sql"])
    by_csv = CliRunner().invoke(main, args + ["--results", str(source)])
    assert _told(r.stderr) == [("results.parquet", line, c) for _, line, c in _told(by_csv.stderr)]
    assert [(line, c) for _, line, c in _told(r.stderr)] == [(4_323, "Q003"), (12_347, "Q035"), (n + 1, "Q003")]


def test_a_score_past_its_range_leaves_the_query_whole(tmp_path):
    """A CSV's row with a score of 120 was declined by DuckDB's error (the cast of 120 to the
    0–5 score's narrowed type), not by the evaluator's problem at its row."""
    from kpidsl.sql import run

    source = tmp_path / "results.csv"
    source.write_text(JANYA + _janya(1) + _janya(2, "3,3.5,3,4.5,3,4.5,4,3,4,3,120"), encoding="utf-8")
    plan = compile_plan(check_paths([ROOT / "rules" / "2554"]).rule_sets[0], ROOT / "rules" / "2554")
    assert run.score_csv(plan, source, None, None) == run.Declined(phrase("sql-declined-row-problem"))


def _told_z005(result, path: Path, lang: str, reason) -> None:
    """``result`` is Z005 at ``path`` with ``reason`` (a phrase), in ``lang``, exit 1, nothing printed."""
    told = CODES["Z005"].at(None, path=str(path), reason=reason)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"kpidsl: Z005: {told.message(lang)} ({told.hint(lang)})\n"


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("why", ["sql-declined-twice", "sql-declined-other-agreement", "sql-declined-no-agreement",
                                 "sql-declined-columns"])
def test_a_parquet_file_the_sql_engine_leaves_is_told_why(tmp_path, why, lang):
    # Z005 said only that the SQL engine does not score every row: the reason it had (English,
    # kpidsl/sql/run.py Declined) was never shown, and a Parquet user could not find the row.
    extra = ["--agreement", "somchai_2554_r1"] if why == "sql-declined-other-agreement" else []
    source = tmp_path / "results.csv"
    if why == "sql-declined-columns":
        from kpidsl.sql import run

        source = _widened_copy(tmp_path, run.MOST_COLUMNS)
        reason = phrase(why, limit=run.MOST_COLUMNS)
    else:
        rows = {"sql-declined-twice": _janya(1) + _janya(1),
                "sql-declined-other-agreement": _janya(1),
                "sql-declined-no-agreement": _janya(1).replace("janya_2554_r1", "nobody_2554")}[why]
        source.write_text(JANYA + rows, encoding="utf-8")
        reason = phrase(why)
    path = _parquet(source, tmp_path / "results.parquet", False)
    result = CliRunner().invoke(main, ["score", str(ROOT / "rules/2554"), "--results", str(path), "--engine", "sql",
                                       "--format", "csv", "--lang", lang, *extra])
    _told_z005(result, path, lang, reason)


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_parquet_file_duckdb_cannot_read_is_told_duckdbs_words(tmp_path, lang):
    path = tmp_path / "results.parquet"
    path.write_bytes(b"agreement,round\njanya_2554_r1,1\n")  # CSV text under a Parquet name
    result = CliRunner().invoke(main, ["score", str(ROOT / "rules/2554"), "--results", str(path), "--engine", "sql",
                                       "--format", "csv", "--lang", lang])
    assert (result.exit_code, result.stdout) == (1, "") and result.stderr.startswith("kpidsl: Z005: ")
    shown = phrase("sql-declined-duckdb", error="").in_lang(lang)
    assert f"({shown}" in result.stderr and "parquet" in result.stderr.split(shown, 1)[1].lower()


@pytest.mark.parametrize("year, results", RESULTS_FILES)
def test_parquet_results_as_json(year, results, tmp_path):
    path = _parquet(ROOT / results, tmp_path / "results.parquet", True)
    runner = CliRunner()
    args = ["score", str(ROOT / "rules" / year), "--format", "json"]
    by_csv = runner.invoke(main, args + ["--results", str(ROOT / results), "--engine", "python"])
    r = runner.invoke(main, args + ["--results", str(path), "--engine", "sql"])
    assert (r.exit_code, r.stdout) == (0, by_csv.stdout) and by_csv.exit_code == 0


@pytest.mark.parametrize("extra", [["--engine", "python"], ["--engine", "sql", "--format", "text"],
                                   ["--engine", "sql", "--format", "json", "--explain"]])
def test_parquet_is_the_sql_engines_alone(tmp_path, extra):
    path = _parquet(ROOT / "tests/data/score/individuals_2554.csv", tmp_path / "r.parquet", False)
    args = ["score", str(ROOT / "rules/2554"), "--results", str(path), "--format", "csv", "--lang", "en"]
    r = CliRunner().invoke(main, args + extra)
    assert r.exit_code == 2 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kpidsl: Z004: ")


# ---- workbook input (issue J) -----------------------------------------------------------------------------
def _book(path: Path, text: str, sheets: int = 1) -> Path:
    """A workbook holding the rows of a results CSV text, split over ``sheets`` sheets (each
    with the header), numbers typed as numbers where they are plain."""
    openpyxl = pytest.importorskip("openpyxl")
    header, *rows = list(csv.reader(io.StringIO(text)))
    wb = openpyxl.Workbook()
    for k in range(sheets):
        ws = wb.active if k == 0 else wb.create_sheet()
        ws.title = f"ผลการประเมิน{k or ''}"
        ws.append(header)
        for row in rows[k::sheets]:
            ws.append([float(c) if c.replace(".", "", 1).isdigit() and k % 2 == 0 else c for c in row])
    wb.save(path)
    return path


@pytest.mark.parametrize("sheets", [1, 2])
def test_workbook_results_scored_by_sql_as_by_python(tmp_path, sheets):
    rows = [_janya(i, PYTHON_ROWS[i % 4] if i % 3 == 0 else "3,3.5,3,4.5,3,4.5,4,3,4,3,3") for i in range(30)]
    book = _book(tmp_path / "results.xlsx", JANYA + "".join(rows), sheets)
    assert isinstance(score_csv(shipped("2554")[0], book, None, None), str)
    runner = CliRunner()
    args = ["score", str(ROOT / "rules/2554"), "--results", str(book), "--format", "csv"]
    by_sql, by_python = (runner.invoke(main, args + ["--engine", e]) for e in ("sql", "python"))
    assert by_python.exit_code == by_sql.exit_code == 0
    assert by_sql.stdout == by_python.stdout and by_sql.stdout.count("\n") == 31


@pytest.mark.parametrize("bad", [_janya(7, "3,3.5,3,abc,3,4.5,4,3,4,3,3"), _janya(3)])  # a bad cell; a duplicate
def test_workbook_with_a_problem_gives_pythons_diagnostics(tmp_path, bad):
    rows = [_janya(i) for i in range(10)] + [bad]
    book = _book(tmp_path / "results.xlsx", JANYA + "".join(rows), 2)
    assert isinstance(score_csv(shipped("2554")[0], book, None, None), Declined)
    runner = CliRunner()
    args = ["score", str(ROOT / "rules/2554"), "--results", str(book), "--format", "csv", "--lang", "en"]
    by_sql, by_python = (runner.invoke(main, args + ["--engine", e]) for e in ("sql", "python"))
    assert by_python.exit_code == 1 and "results.xlsx" in by_python.stderr
    assert (by_sql.exit_code, by_sql.stdout, by_sql.stderr) == (by_python.exit_code, by_python.stdout,
                                                                by_python.stderr)


# ---- Spark SQL in local mode ---------------------------------------------------------------------------
@pytest.mark.slow
def test_spark_local_mode_gives_the_evaluators_figures():
    """The Spark SQL of the shipped results files' agreements, run by pyspark in local mode."""
    import shutil

    if shutil.which("java") is None:
        pytest.skip("no Java runtime for Spark")
    pyspark_sql = pytest.importorskip("pyspark.sql", reason="pyspark is not installed")
    from kpidsl.sql import build_query
    from kpidsl.sql.query import to_sql
    from kpidsl.sql.run import CSV_HEADER, _plain

    spark = (pyspark_sql.SparkSession.builder.master("local[1]").appName("kpidsl-sql")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate())
    try:
        for year, results in RESULTS_FILES:
            path = ROOT / results
            header = next(csv.reader(path.open(encoding="utf-8-sig")))
            frame = spark.read.option("header", True).option("encoding", "UTF-8").csv(str(path))
            frame.toDF(*header).createOrReplaceTempView("results")
            typed = typed_plan(shipped(year)[0])
            ids = sorted({r[0] for r in csv.reader(path.open(encoding="utf-8-sig")) if r and r[0]
                          in typed.agreements_by_id})
            query = build_query(typed, ids, header, duplicates=True)
            rows = spark.sql(to_sql(query, "spark")).collect()
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(CSV_HEADER)
            for r in rows:
                assert r["sure"] is True
                w.writerow([r["agreement"] or "", r["person"] or "", r["round"] or "",
                            *("" if r[k] is None else f"{r[k]:f}" for k in ("total", "penalty", "final")),
                            r["band"] or "", *(_plain(None if r[k] is None else f"{r[k]:f}")
                                               for k in ("raise_percent", "amount"))])
            assert buf.getvalue() == python_csv(year, path), results
        # the hidden blanks as the query spells them (kpidsl/sql/literals.py): Spark's CHR is
        # modulo 256, past it the UTF-8 bytes decoded; a pattern spelled so still matches them
        from kpidsl.sql.literals import visible

        text = "a\tb\r\n\u000b\u00a0\u0085\u2028\u3000\u1680z"
        spelled = visible(exp.select(exp.alias_(exp.Literal.string(text), "t")), "spark").sql("spark")
        assert spark.sql(spelled).collect()[0][0] == text
        matches = exp.RegexpLike(this=exp.Literal.string("x\u2028"), expression=exp.Literal.string("^x[\u2028\u00a0]$"))
        assert spark.sql(visible(exp.select(exp.alias_(matches, "m")), "spark").sql("spark")).collect()[0][0] is True
    finally:
        spark.stop()


# ---- PostgreSQL ------------------------------------------------------------------------------------------
def _postgres_tools():
    import os
    import shutil

    # Debian keeps the server's programs off PATH, in one folder a major version
    server = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda b: int(b.parent.name)
                    if b.parent.name.isdigit() else 0)
    where = os.pathsep.join([os.environ.get("PATH", ""), *map(str, reversed(server))])
    tools = [shutil.which(t, path=where) for t in ("initdb", "pg_ctl", "psql")]
    if None in tools:
        pytest.skip("no PostgreSQL server programs (initdb, pg_ctl, psql)")
    if os.geteuid() == 0:  # the server refuses to run as root: run it as the postgres user
        import pwd

        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root without a postgres user")
        runuser = shutil.which("runuser")
        if runuser is None:
            pytest.skip("running as root without runuser")
        return tools, [runuser, "-u", "postgres", "--"]
    return tools, []


@pytest.mark.slow
def test_postgres_server_gives_the_evaluators_figures():
    """The PostgreSQL query on a throwaway server: the shipped results files, and random rows
    of every shipped agreement (penalties over holidays, formulas, composites, raises)."""
    import os
    import shutil
    import subprocess
    import tempfile

    from kpidsl.sql import build_query
    from kpidsl.sql.query import to_sql
    from kpidsl.sql.run import CSV_HEADER, _plain

    (initdb, pg_ctl, psql), as_server = _postgres_tools()
    home = Path(tempfile.mkdtemp(prefix="kpidsl-pg-", dir="/tmp"))
    os.chmod(home, 0o777)
    data, port = home / "data", str(54000 + os.getpid() % 1000)
    subprocess.run([*as_server, initdb, "-D", str(data), "-A", "trust", "-U", "kpidsl", "-E", "UTF8", "--no-locale",
                    "--no-sync"], check=True, capture_output=True)
    subprocess.run([*as_server, pg_ctl, "-D", str(data), "-w", "-l", str(home / "log"), "-o",
                    f"-k {home} -p {port} -c listen_addresses=''", "start"], check=True, capture_output=True)
    try:
        def run(sql: str, *extra: str) -> str:
            out = subprocess.run([psql, "-h", str(home), "-p", port, "-U", "kpidsl", "-d", "postgres", "-X", "-q",
                                  "-v", "ON_ERROR_STOP=1", *extra], input=sql, check=True, capture_output=True,
                                 text=True)
            return out.stdout

        files = [(year, ROOT / results) for year, results in RESULTS_FILES]
        for year, agreement in SHIPPED:  # 50 random rows of each shipped agreement (as above)
            header, rows = random_rows(year, agreement, random.Random(f"pg/{agreement}"), 50, exact_quotients=True)
            folder = home / agreement
            folder.mkdir()
            os.chmod(folder, 0o755)
            files.append((year, _write(folder, header, rows)))
        for year, path in files:
            header = next(csv.reader(path.open(encoding="utf-8-sig")))
            columns = ", ".join('"' + h.replace('"', '""') + '" text' for h in header)
            run(f"DROP TABLE IF EXISTS results; CREATE TABLE results ({columns});\n"
                f"\\copy results FROM '{path}' WITH (FORMAT csv, HEADER true)\n")
            typed = typed_plan(shipped(year)[0])
            ids = sorted({r[0] for r in csv.reader(path.open(encoding="utf-8-sig")) if r and r[0]
                          in typed.agreements_by_id})
            query = to_sql(build_query(typed, ids, header), "postgres")
            rows = list(csv.DictReader(io.StringIO(run(query + ";", "--csv"))))
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(CSV_HEADER)
            for r in rows:
                assert r["sure"] == "t"
                w.writerow([*(r[k] for k in CSV_HEADER[:7]), *(_plain(r[k] or None) for k in CSV_HEADER[7:])])
            # a warehouse gives rows in an order of its own (the duplicate check groups them)
            assert sorted(buf.getvalue().splitlines()) == sorted(python_csv(year, path).splitlines()), path
    finally:
        subprocess.run([*as_server, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(home, ignore_errors=True)  # 39 MB a run: the server's files and the rows written


# ---- without the extra -----------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ["sql", str(ROOT / "rules/2554"), "--agreement", "janya_2554_r1"],
    ["score", str(ROOT / "rules/2554"), "--results", str(ROOT / "tests/data/score/individuals_2554.csv"),
     "--format", "csv", "--engine", "sql"],
])
def test_missing_extra_is_one_line(monkeypatch, args):
    monkeypatch.setitem(sys.modules, "sqlglot", None)  # import sqlglot raises ImportError
    monkeypatch.setitem(sys.modules, "duckdb", None)
    r = CliRunner().invoke(main, args + ["--lang", "en"])
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    # the shape of every other missing extra's line (J001, O013: kpidsl/cli/common.py say_trouble),
    # not `error[Z001]:`
    assert len(lines) == 1 and lines[0].startswith("kpidsl: Z001: ") and "kpidsl[sql]" in lines[0]
    assert r.stdout == ""


def test_engine_auto_and_python_give_python_output_on_a_small_file():
    path = ROOT / "tests/data/score/individuals_2554.csv"
    outs = [CliRunner().invoke(main, ["score", str(ROOT / "rules/2554"), "--results", str(path), "--format", "csv",
                                      "--engine", engine]).stdout for engine in ("auto", "python", "sql")]
    assert outs[0] == outs[1] == outs[2] and outs[0].count("\n") == 3


@pytest.mark.parametrize("first, second, twice", [
    (("a", "P1", "1"), ("a", "P1\u00a0", "1"), True),  # a blank Python strips at the end
    (("a", "P1", "111"), ("a", "P1", "1๑1"), True),  # a Thai digit inside a round, its ends ASCII
    (("a", "P1", "1"), (" a", "P1", "1"), True),  # a space before the agreement
    (("a", "P1", "1"), ("a", "P1", None), True),  # a blank round: --round's
    (("a", "P1", "1"), ("a", "P2", "1"), False),
    (("a", "P1", "1"), ("a", "P1", "2"), False),
])
def test_the_duplicates_pass_keys_as_the_reader_does(first, second, twice):
    """The pass before the query (kpidsl/sql/run.py _agreements) keys a usual cell as it is
    and any other as the results reader does: both ways give one key for one evaluation."""
    from kpidsl.sql.run import _agreements

    con = duckdb.connect()
    con.execute("CREATE TABLE given (agreement VARCHAR, person VARCHAR, round VARCHAR)")
    con.executemany("INSERT INTO given VALUES (?, ?, ?)", [first, second, ("a", "P3", "1")])
    found = dict(con.execute(_agreements(["agreement", "person", "round"], None, "1")).fetchall())
    assert found == {"a": twice}


# ---- a wide file ------------------------------------------------------------------------------------
def _widened_copy(tmp_path: Path, extra: int) -> Path:
    """individuals_2554.csv with ``extra`` blank columns no agreement knows (x1, x2, ...)."""
    rows = list(csv.reader(io.StringIO((ROOT / "tests/data/score/individuals_2554.csv").read_text(encoding="utf-8"))))
    path = tmp_path / f"wide_{extra}.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(rows[0] + [f"x{i}" for i in range(1, extra + 1)])
        w.writerows(row + [""] * extra for row in rows[1:])
    return path


def test_a_wide_file_reads_only_the_columns_an_agreement_reads(tmp_path):
    """Columns no agreement knows are tested for blanks only (no number read from them), and
    past run.WIDE columns DuckDB plans without its common-subexpression pass: the same bytes."""
    from kpidsl.plan.read import plan_of
    from kpidsl.sql import run

    path = _widened_copy(tmp_path, run.WIDE + 100)
    header, *rows = csv.reader(path.open(encoding="utf-8"))
    plan = shipped("2554")[0]
    known = sorted({row[0] for row in rows})  # the agreements the file names, as score_csv's query
    (query,) = run._scoring_query(plan_of(plan), known, header, None, None)
    read = {j for j, h in enumerate(header) if f'"v#{j}"' in query}
    assert read and max(read) < header.index("x1")  # the known columns' numbers only
    out = score_csv(plan, path, None, None)
    assert not isinstance(out, Declined), out
    assert out == python_csv("2554", path) and out.count("\n") == 3


def test_past_most_columns_the_evaluator_scores(tmp_path):
    from kpidsl.sql import run

    path = _widened_copy(tmp_path, run.MOST_COLUMNS)
    assert score_csv(shipped("2554")[0], path, None, None) == Declined(phrase("sql-declined-columns", limit=run.MOST_COLUMNS))
    args = ["score", str(ROOT / "rules/2554"), "--results", str(path), "--format", "csv", "--engine"]
    by_sql, by_python = (CliRunner().invoke(main, args + [engine]) for engine in ("sql", "python"))
    assert by_sql.exit_code == by_python.exit_code == 0
    assert by_sql.stdout == by_python.stdout == python_csv("2554", path)



def test_a_rows_cells_joined_are_tested_as_plain_only_when_each_is(tmp_path):
    """The query tests a row's figure cells as PLAIN by one regular expression over them
    joined by commas (kpidsl/sql/cells.py plain_cells): a cell holding commas must not pass
    for several cells, nor a blank one be left out of the count (CONCAT_WS leaves it out:
    below, 13 cells of which 5 blank and two holding 5 commas made 13 parts, and DuckDB was
    told to cast "1,000,000", declining the file). Such a row is the evaluator's, in its place."""
    given = (ROOT / "tests/data/score/individuals_2554.csv").read_text(encoding="utf-8").splitlines()[:3]
    text = "\n".join(given + ['somsak_2554_r1,1,คนที่ 2,3.5,,,,,,"1,000,000","1,000,000,000",3,3,3,3,3',
                              'somsak_2554_r1,1,คนที่ 3,,,,,,,"1,000",80,3,3,3,3,3',
                              "somsak_2554_r1,1,คนที่ 4,,,,,,,90,80,3,3,3,3,3"]) + "\n"
    by_sql, by_python, direct = _both(tmp_path, "2554", text)
    assert isinstance(direct, str), direct
    assert by_sql.stdout == by_python.stdout == direct
    assert direct.count("\n") == 6


# ---- decimal widths ---------------------------------------------------------------------------------
STEPS_RULES = """กรอบ lad "ขั้นบันได" {
    ระดับ บุคคล
    ปีงบประมาณ 2554
    หลักเกณฑ์ {
        เทียบสัดส่วน เชิงเส้น
        คะแนนต่ำสุด 1
        เพดาน 5
        ทศนิยม 4
        การปัดเศษ ปัดครึ่งขึ้น
        ปัดที่ คะแนนรวม
    }
    รอบ 1 "รอบที่ 1" ระยะเวลา 1 ต.ค. ถึง 31 มี.ค.
    องค์ประกอบ achievement "ผลสัมฤทธิ์ของงาน" สัดส่วน 100% {
        ตัวคูณ 20
        ตัวชี้วัดตามคำรับรอง
    }
}
คำรับรอง lad_a "ขั้นละ 4" {
    กรอบ lad 2554
    ผู้ประเมิน "ผู้บังคับบัญชา"
    องค์ประกอบ achievement {
        ตัวชี้วัด k1 "มากดี" น้ำหนัก 40% { เกณฑ์ 84 88 92 96 100 }
        ตัวชี้วัด k2 "น้อยดี" น้ำหนัก 30% { เกณฑ์ น้อยดี 10 8 6 4 2 }
        ตัวชี้วัด k3 "ต่ำกว่าขั้น 1" น้ำหนัก 30% { เกณฑ์ <=60 64 68 72 76 }
    }
}
"""


def test_a_ladder_step_is_typed_as_wide_as_the_step(tmp_path):
    """A ladder's step from its threshold, |v - lo|, is computed only in the branch of its
    level, where v lies between lo and the next threshold (kpidsl/sql/compiler.py ladder):
    typed by the step (4), not by the cell's 9 digits, a step of 0.25 is a 64-bit product in
    DuckDB (the cell's type made it 19 digits, cast to 38 and taken in 128 bits). The figures
    stay the evaluator's at, between and past the thresholds, and for cells far out of range."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "lad.kpi").write_text(STEPS_RULES, encoding="utf-8")
    result = check_paths([rules])
    assert not result.errors
    plan = compile_plan(result.rule_sets[0], rules)
    text = agreement_sql(typed_plan(plan), "lad_a", "duckdb", pretty=False)
    from kpidsl.sql.query import to_sql

    query = build_query(typed_plan(plan), ["lad_a"], canonical_header(typed_plan(plan).agreements_by_id["lad_a"]),
                        default_agreement="lad_a")
    assert "DECIMAL(38" not in to_sql(query, "duckdb"), text
    values = ["0", "2", "3.999999", "4", "5.25", "8", "60", "62.5", "75.999999", "84", "85.000001", "87.75", "96",
              "99.999999", "100", "100.000001", "999999999.999999", "123456789", "0.000001"]
    rows = [f"lad_a,1,p{i}-{j},{a},{b},{c}" for i, a in enumerate(values) for j, (b, c) in
            enumerate(zip(values, reversed(values)))]
    path = tmp_path / "results.csv"
    path.write_text("agreement,round,person,k1,k2,k3\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = score_csv(plan, path, None, None)
    assert isinstance(out, str), out
    by_python = score_records(plan, "", path, None, None, "csv", False, "en", None)
    assert not by_python.diagnostics
    assert out == by_python.text and out.count("\n") == len(rows) + 1


def test_a_value_cell_is_tested_once_for_the_evaluator(tmp_path):
    """A ladder's value cell makes the row unsure when its number is NULL, blank or unreadable
    alike: its unreadable test (x#j) is not asked for besides (kpidsl/sql/compiler.py
    unsure_any), and an unreadable, blank or odd cell is still the evaluator's, as it says."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "lad.kpi").write_text(STEPS_RULES, encoding="utf-8")
    result = check_paths([rules])
    plan = compile_plan(result.rule_sets[0], rules)
    typed = typed_plan(plan)
    query = build_query(typed, ["lad_a"], canonical_header(typed.agreements_by_id["lad_a"]), default_agreement="lad_a")
    (sure,) = [s for s in query.selects if s.alias_or_name == "sure"]
    assert not [c.name for c in sure.find_all(exp.Column) if c.name.startswith("x#")]
    path = tmp_path / "results.csv"
    for cell in ("abc", "", " ", "1e5", "๙๐", "-3", " 90 ", "90%", "1,000"):
        path.write_text(f'agreement,round,person,k1,k2,k3\nlad_a,1,a,90,5,70\nlad_a,1,b,"{cell}",5,70\n',
                        encoding="utf-8")
        runner = CliRunner()
        args = ["score", str(rules), "--results", str(path), "--format", "csv", "--lang", "en", "--engine"]
        by_sql, by_python = (runner.invoke(main, args + [engine]) for engine in ("sql", "python"))
        assert (by_sql.exit_code, by_sql.stdout, by_sql.stderr) == (by_python.exit_code, by_python.stdout,
                                                                   by_python.stderr), cell


# ---- the `sure` test's own costs ----------------------------------------------------------------------
def _janya_query():
    plan = compile_plan(check_paths([ROOT / "rules" / "2554"]).rule_sets[0], ROOT / "rules" / "2554")
    typed = typed_plan(plan)
    return build_query(typed, ["janya_2554_r1"], JANYA.strip().split(","))


def test_agreement_and_round_cells_are_tested_by_name_not_by_a_regular_expression():
    """An agreement or round cell is sure only when it is empty or exactly a name the query
    knows (kpidsl/sql/cells.py other_than): a cell with a blank at an end names none, so the
    odd-blank expression is asked of the person's cell alone (one regular expression over
    the three cells joined cost ~1,900 instructions a row). The rows below are the evaluator's
    or the query's as before: the same bytes either way."""
    (sure,) = [s for s in _janya_query().selects if s.alias_or_name == "sure"]
    tested = {c.name for r in sure.find_all(exp.RegexpLike) for c in r.find_all(exp.Column)}
    assert tested & {"agreement", "round"} == set() and "person" in tested


@pytest.mark.parametrize("agreement, rnd, person", [
    ("janya_2554_r1", "1", "จรรยา"), (" janya_2554_r1", "1", "a"), ("janya_2554_r1\u00a0", "1", "a"),
    ("janya_2554_r1", " 1", "a"), ("janya_2554_r1", "1\u3000", "a"), ("janya_2554_r1", "๑", "a"),
    ("janya_2554_r1", "1", " a"), ("janya_2554_r1", "1", "a\u2028"), ("janya_2554_r1", "", "a"),
    ("janya_2554_r1", "   ", "a"), ("janya_2554_r1", "3", "a"), ("janya_2554_r1", "1", "Smith, Jo"),
    ("janya_2554_r1", "1", ""), ("janya_2554_r2", "1", "a"), ("janya_2554_r1", "1", "3,5"),
    ("janya_2554_r1", "1", ","), ("janya_2554_r1", "1", "x"), ("janya_2554_r1", "1", "\u3000"),
])
def test_odd_blanks_at_the_ends_of_agreement_person_and_round(tmp_path, agreement, rnd, person):
    row = f'"{agreement}","{rnd}","{person}",3,3.5,3,4.5,3,4.5,4,3,4,3,3\n'
    by_sql, by_python, _ = _both(tmp_path, "2554", JANYA + row)
    assert (by_sql.exit_code, by_sql.stdout, by_sql.stderr) == (by_python.exit_code, by_python.stdout,
                                                                by_python.stderr)


def test_the_raise_range_reads_the_band_the_band_output_found():
    """The raise's band-range test in `sure` reads the band column (kpidsl/sql/compiler.py
    band), not each band's range of the final figure again: the final figure is compared with
    the bands' bounds in one place only (`sure` reads it only to tell a figure in no band from
    none at all)."""
    query = _janya_query()
    (sure,) = [s for s in query.selects if s.alias_or_name == "sure"]
    assert not [c for c in sure.find_all(exp.GTE, exp.GT, exp.LTE, exp.LT)
                if any("final" in col.name for col in c.find_all(exp.Column))]
    (band,) = [s for s in query.selects if s.alias_or_name == "band"]
    assert isinstance(band.this, exp.Column)


def test_the_persons_odd_blank_test_rides_on_the_figures_plain_test():
    """The person's cell is put before the row's figure cells in their PLAIN test (kpidsl/sql/
    cells.py plain_cells, ``lead``): when that test passes, the person has no comma and no odd
    blank at an end, and its own expression is not asked (the usual row: one regular
    expression a row fewer). A person with a comma or a blank at an end fails it: the figure
    cells are then read one by one, the person tested alone (the rows above: the same bytes)."""
    query = _janya_query()
    (plain,) = [cte.this for cte in query.ctes if cte.alias == "plain"]
    (test,) = [s for s in plain.selects if s.alias_or_name == "p#0"]
    (joined,) = [a for a in test.find_all(exp.Anonymous) if a.name.upper() == "CONCAT"]
    assert joined.expressions[0].name == "person"
    (sure,) = [s for s in query.selects if s.alias_or_name == "sure"]
    (person,) = [r for r in sure.find_all(exp.RegexpLike) if r.this.name == "person"]
    assert isinstance(person.find_ancestor(exp.Case), exp.Case)


def test_a_person_that_led_the_plain_test_is_not_tested_again_for_quoting():
    """The person's cell that passed the row's PLAIN test as its lead (kpidsl/sql/cells.py LEAD)
    holds no comma, quote or line's end and begins with no formula's character: its line needs
    no quoting nor neutralising, and the `care` test's regular expression is asked only of the
    other rows (kpidsl/sql/run.py _lines; the rows themselves: the differential test above)."""
    from kpidsl.sql import cells, run

    header = JANYA.strip().split(",")
    (lines,) = run._csv_queries(typed_plan(shipped("2554")[0]), ["janya_2554_r1"], header, None, None, False)
    assert "CASE WHEN q0.lead_plain THEN false ELSE coalesce(regexp_matches(q0.person" in lines
    con = duckdb.connect()
    for person, led in [("=1", False), ("+1", False), ("-1", False), ("@1", False), ('a"b', False),
                        ("a\nb", False), ("a\rb", False), ("a,b", False), (" a", False), ("a ", False),
                        ("P0001", True), ("ก ข", True), ("a-b", True), ("a=b", True), ("a\tb", True), ("", True)]:
        assert con.execute(f"SELECT regexp_full_match(?, '{cells.LEAD}')", [person]).fetchone()[0] is led, person


def test_a_header_is_read_by_the_query_as_the_evaluator_reads_it(tmp_path):
    """What a results header means is written once (kpidsl/results_columns.py split_header), for
    the evaluator and the query alike: `8:X๑` is the input X1 of indicator 8 for both, so the
    query scores the row itself (sure), with the evaluator's figures. The query read the field
    as `X๑` before, an unknown column, and left every row with it to the evaluator."""
    import duckdb

    from kpidsl.sql.query import to_sql

    thai = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    text = (ROOT / "examples" / "results_2555.csv").read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    header = [h if ":" not in h else h.split(":")[0] + ":" + h.split(":")[1].translate(thai)
              for h in first.split(",")]
    assert "8:X๑" in header
    path = tmp_path / "results.csv"
    path.write_text(",".join(header) + "\n" + rest, encoding="utf-8")
    typed = typed_plan(shipped("2555")[0])
    query = to_sql(build_query(typed, ["dept_example_2555"], header), "duckdb")
    con = duckdb.connect()
    con.execute(f"CREATE TABLE results AS SELECT * FROM read_csv('{path}', all_varchar=true, header=true)")
    ((total, sure),) = con.execute(f"SELECT total, sure FROM ({query})").fetchall()
    assert sure is True and str(total) == "3.5282"  # the seed's figure (test_dept_example_total_is_the_seed_figure)
    assert score_csv(shipped("2555")[0], path, None, None) == python_csv("2555", path)


def test_the_blanks_the_query_knows_are_the_ones_python_strips():
    """A cell's blanks at its ends are what str.strip() takes off (the evaluator's reader);
    the query spells them out (kpidsl/sql/headers.py ODD_SPACE: DuckDB's \\s is ASCII only),
    leaves a text cell with one at an end to the evaluator and strips them from the keys of
    the duplicates' pass. Every character Python calls a blank, and no other, must be in it:
    a Python whose Unicode adds one would otherwise key a row otherwise than its reader."""
    import duckdb

    from kpidsl.sql.headers import ODD_SPACE

    con = duckdb.connect()
    # every character but the surrogates, which DuckDB's text (UTF-8) cannot hold
    text = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)
    found = con.execute("SELECT regexp_extract_all(?, ?)", [text, f"[{ODD_SPACE}]"]).fetchone()[0]
    assert sorted(found) == [c for c in text if c.isspace()]
