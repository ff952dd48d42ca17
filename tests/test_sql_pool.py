"""The raise pool (seed 001, kpidsl/score/pool.py) on the SQL engine (kpidsl/sql/run.py):
the sure rows summed by a grouped query per agreement, round and pool group, the rows
the evaluator scores added into the same ledger. Differential: `kpidsl score --engine
sql` against `--engine python` on results files with salary and group columns: the same
CSV bytes, the same pools on standard error, the same diagnostics and exit code (a pool
run over, a group not declared, a salary it cannot read)."""

from __future__ import annotations

import csv
import io
import random
from functools import lru_cache
from pathlib import Path

import pytest

pytest.importorskip("sqlglot", reason="the sql extra is not installed")
pytest.importorskip("duckdb", reason="the sql extra is not installed")

from click.testing import CliRunner  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kpidsl.check import check_paths  # noqa: E402
from kpidsl.cli import main  # noqa: E402
from kpidsl.plan import compile_plan  # noqa: E402
from kpidsl.diagnostics.phrases import phrase  # noqa: E402
from kpidsl.sql.run import Declined, Over, score_csv  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HEADER = ("agreement,round,person,raise,salary,group,j1:score,j2:score,j3:score,j4:score,j5:score,"
          "c1:score,c2:score,c3:score,c4:score,c5:score\n")
SCORES = "3.5,3,4.5,3,4.5,4,3,4,3,3"  # seed 001's form: 70.8, ดี (raise 2.5–3 %)
GROUPS = ("academic_general", "executive", "director")
# read by the query (1,000 separators, blanks around), or left to the evaluator (Thai digits)
SALARIES = ("28,000", "28000", " 36020 ", "40,000.50", "20000", "25190", "52,110.25", "๔๐,๐๐๐", "1,234,567")


@lru_cache(maxsize=None)
def plan_2554(rules: Path = ROOT / "rules" / "2554") -> dict:
    result = check_paths([rules])
    assert not result.errors
    return compile_plan(result.rule_sets[0], rules)


def row(person: str, raise_: str, salary: str, group: str) -> str:
    return f'janya_2554_r1,1,{person},{raise_},"{salary}",{group},{SCORES}\n'


def both(path: Path, rules: Path = ROOT / "rules" / "2554"):
    """(by SQL, by Python, what score_csv gives) for ``path``."""
    runner = CliRunner()
    args = ["score", str(rules), "--results", str(path), "--format", "csv", "--lang", "en"]
    return (runner.invoke(main, args + ["--engine", "sql"]), runner.invoke(main, args + ["--engine", "python"]),
            score_csv(plan_2554(rules), path, None, None))


def same(by_sql, by_python) -> None:
    assert (by_sql.exit_code, by_sql.stdout, by_sql.stderr) == (by_python.exit_code, by_python.stdout,
                                                                by_python.stderr)


def test_sure_rows_summed_by_the_query_alone(tmp_path, monkeypatch):
    """Every row sure: no row goes to the evaluator, yet the pools are its pools."""
    import kpidsl.sql.run as run

    def no_python(*args, **kwargs):
        raise AssertionError("a sure row was handed to the evaluator")

    monkeypatch.setattr(run, "_by_python", no_python)
    path = tmp_path / "r.csv"
    path.write_text(HEADER + row("a", "3", "28,000", "academic_general") + row("b", "2.5", "30,000", "academic_general")
                    + row("c", "", "36,000", "executive") + row("d", "3", "20000", "director"), encoding="utf-8")
    direct = score_csv(plan_2554(), path, None, None)
    assert isinstance(direct, str)
    # 28,000 upper half of ชำนาญการ: 30,600 × 3% = 918 → 920; 30,000 (upper half) × 2.5% → 765 → 770;
    # 20,000 lower half: 20,350 × 3% = 610.5 → 620
    assert [ln.rsplit(",", 1)[1] for ln in direct.splitlines()[1:]] == ["920", "770", "", "620"]
    by_sql, by_python, _ = both(path)
    same(by_sql, by_python)
    assert by_sql.exit_code == 0 and by_sql.stdout == direct
    assert ("group academic_general ประเภทวิชาการ + ทั่วไป: 2 people, salaries on 2011-03-01 58,000 × 3% = "
            "pool 1,740; raises given 1,690; left 50") in by_sql.stderr
    assert "group director ประเภทอำนวยการ: 1 people, salaries on 2011-03-01 20,000 × 3% = pool 600; " \
           "raises given 620; left -20" in by_sql.stderr  # spread: the round's pools cover it


def test_rows_the_evaluator_scores_join_the_querys_pools(tmp_path, monkeypatch):
    import kpidsl.sql.run as run

    monkeypatch.setattr(run, "UNSURE", 2)  # several batches of the evaluator's rows
    path = tmp_path / "r.csv"
    rows = [row(f"p{i}", "3" if i % 2 else "2.5", "๓๑,๐๐๐" if i % 3 == 0 else "31,000", GROUPS[i % 3])
            for i in range(12)]
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    by_sql, by_python, direct = both(path)
    assert isinstance(direct, str)
    same(by_sql, by_python)
    assert by_sql.exit_code == 0 and "4 people" in by_sql.stderr


def test_parquet_pools_as_the_csvs(tmp_path):
    """A Parquet file (the SQL engine's alone) gives the pools the evaluator gives for its CSV."""
    import duckdb

    path = tmp_path / "r.csv"
    path.write_text(HEADER + "".join(row(f"p{i}", ["3", "2.5", ""][i % 3], ["31,000", "35000"][i % 2], GROUPS[i % 3])
                                     for i in range(9)), encoding="utf-8")
    parquet = tmp_path / "r.parquet"
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{path}', all_varchar=true)) TO '{parquet}' (FORMAT parquet)")
    by_python = both(path)[1]
    by_sql = CliRunner().invoke(main, ["score", str(ROOT / "rules" / "2554"), "--results", str(parquet),
                                       "--format", "csv", "--lang", "en", "--engine", "sql"])
    same(by_sql, by_python)
    assert by_sql.exit_code == 0 and "3 people" in by_sql.stderr


def _as_parquet(path: Path) -> Path:
    import duckdb

    parquet = path.with_suffix(".parquet")
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{path}', all_varchar=true)) TO '{parquet}' (FORMAT parquet)")
    return parquet


def test_parquet_pool_over_told_at_the_row_as_the_csvs(tmp_path):
    """A Parquet file whose pool runs over: Q042 at the last row that gave a raise, numbered as
    its line in the CSV (row 5 at line 6, before a row with no raise), as the evaluator tells the
    CSV; nothing written."""
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "".join(row(p, "3", "28,000", "academic_general") for p in "abcde")
                    + row("f", "", "12,530", "academic_general"), encoding="utf-8")
    parquet = _as_parquet(path)
    by_python = both(path)[1]
    direct = score_csv(plan_2554(), parquet, None, None)
    assert isinstance(direct, Over)
    assert [(d.code, d.span.path, d.span.line) for d in direct.diagnostics] == [("Q042", str(parquet), 6)]
    for output_format in ("csv", "json"):
        by_sql = CliRunner().invoke(main, ["score", str(ROOT / "rules" / "2554"), "--results", str(parquet),
                                           "--format", output_format, "--lang", "en", "--engine", "sql"])
        assert (by_sql.exit_code, by_sql.stdout) == (by_python.exit_code, "") == (1, "")
        told = by_sql.stderr.splitlines()[0]
        assert told == by_python.stderr.splitlines()[0].replace("r.csv:", "r.parquet:") and ":6:" in told
        assert "Z005" not in by_sql.stderr


def test_parquet_pool_over_with_the_evaluators_rows_is_z005(tmp_path):
    """The evaluator scores a row of the pool (a salary in Thai digits): where the pool ran
    over is its to tell, and it reads no Parquet."""
    path = tmp_path / "r.csv"
    path.write_text(HEADER + row("a", "3", "๒๘,๐๐๐", "academic_general") + row("b", "3", "28,000", "academic_general"),
                    encoding="utf-8")
    by_sql = CliRunner().invoke(main, ["score", str(ROOT / "rules" / "2554"), "--results", str(_as_parquet(path)),
                                       "--format", "csv", "--lang", "en", "--engine", "sql"])
    assert by_sql.exit_code == 1 and by_sql.stdout == "" and "kpidsl: Z005: " in by_sql.stderr


@pytest.mark.parametrize("rows, code, told_by_sql", [
    # over: told by the SQL engine at the last raise row's line, as the evaluator tells it
    ([row("a", "3", "28,000", "academic_general"), row("b", "3", "28,000", "academic_general")], "Q042", True),
    # line 7 gives no raise: five raises of 920 on 28,000 (840 each in the pool) are 400 over,
    # 12,530 (the grade's minimum: a salary below it is Q047's) adds 375.90
    ([row(p, "3", "28,000", "academic_general") for p in "abcde"] + [row("f", "", "12,530", "academic_general")],
     "Q042", True),
    # a row scored by the evaluator in the pool: its line is the evaluator's to tell
    ([row("a", "3", "๒๘,๐๐๐", "academic_general"), row("b", "3", "28,000", "academic_general")], "Q042", False),
    ([row("a", "3", "", "executive")], "Q042", False),  # no salary: the agreement's, 3% of it under the raise
    ([row("a", "3", "30,000", "teachers")], "Q041", False),  # a group the framework does not declare
    ([row("a", "3", "30,000", "")], "Q054", False),  # a salary without its group
    ([row("a", "3", "4o,000", "executive")], "Q003", False),  # a salary that is no number
    # a salary outside the agreement's grade (ชำนาญการ 12,530–36,020), a raise worked from it
    ([row("a", "3", "36,020.01", "academic_general"), row("b", "", "50,000", "academic_general")], "Q047", False),
    ([row("a", "3", "12,529", "academic_general"), row("b", "", "50,000", "academic_general")], "Q047", False),
    # no raise %: the salary or the grade is wrong all the same, and 50,000 would count in the pool;
    # the query, sure of both rows before, hands the first to the evaluator
    ([row("a", "", "50,000", "academic_general"), row("b", "3", "28,000", "academic_general")], "Q047", False),
])
def test_pool_problems_as_the_evaluators(tmp_path, rows, code, told_by_sql):
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    by_sql, by_python, direct = both(path)
    assert isinstance(direct, Over if told_by_sql else Declined)
    same(by_sql, by_python)
    assert by_sql.exit_code == 1 and code in by_sql.stderr
    if told_by_sql:  # at the last row that gave a raise (its raise %, the fourth cell)
        last = max(i for i, r in enumerate(rows) if r.split(",")[3]) + 2
        assert [(d.code, d.span.line) for d in direct.diagnostics] == [("Q042", last)]


@pytest.mark.parametrize("text", [
    HEADER + row("a", "3", "28,000", "academic_general") + "\n" + row("b", "3", "28,000", "academic_general"),
    HEADER + row("a", "3", "28,000", "academic_general").replace(",a,", ',"a\nb",')
    + row("b", "3", "28,000", "academic_general"),
    (HEADER + row("a", "3", "28,000", "academic_general") + row("b", "3", "28,000", "academic_general")).replace(
        "\n", "\r"),
])
def test_a_row_not_on_its_own_line_leaves_the_over_pool_to_the_evaluator(tmp_path, text):
    """A blank line, a cell over two lines, old Mac line ends: a row's number is not its
    line, so where the pool ran over is the evaluator's to tell."""
    path = tmp_path / "r.csv"
    path.write_bytes(text.encode("utf-8"))
    by_sql, by_python, direct = both(path)
    same(by_sql, by_python)
    assert by_sql.exit_code == 1 and "Q042" in by_sql.stderr
    assert isinstance(direct, Declined), direct


def test_keep_each_group_on_its_own(tmp_path):
    """`วงเงินที่เหลือ ไม่เกลี่ย`: a group over its pool is an error though the round's pools hold it."""
    import shutil

    rules = tmp_path / "2554"
    shutil.copytree(ROOT / "rules" / "2554", rules)
    kpi = rules / "individual.kpi"
    kpi.write_text(kpi.read_text(encoding="utf-8").replace("วงเงินที่เหลือ เกลี่ย", "วงเงินที่เหลือ ไม่เกลี่ย"),
                   encoding="utf-8")
    path = tmp_path / "r.csv"
    path.write_text(HEADER + row("a", "3", "28,000", "academic_general") + row("b", "3", "36,000", "executive"),
                    encoding="utf-8")
    by_sql, by_python, direct = both(path, rules)
    same(by_sql, by_python)
    assert isinstance(direct, Over) and by_sql.exit_code == 1 and "Q042" in by_sql.stderr
    spread = both(path)  # the shipped rules spread: 840 + 1,080 hold 920 + 920
    same(*spread[:2])
    assert spread[0].exit_code == 0 and isinstance(spread[2], str)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), count=st.integers(1, 14), grade=st.booleans())
def test_random_pool_files_same_as_python(seed, count, grade, tmp_path_factory):
    rnd = random.Random(seed)
    header = HEADER.replace(",group,", ",group,grade,") if grade else HEADER
    lines = []
    for i in range(count):
        salary = rnd.choice(SALARIES + ("",))
        group = rnd.choice(GROUPS + ("",)) if salary else ""  # no salary, no group: no pool
        cells = ["janya_2554_r1", "1", f"p{i}", rnd.choice(["", "2.5", "3", "2.75"]), f'"{salary}"', group]
        if grade:
            cells.append(rnd.choice(["", "", "k_professional"]))
        lines.append(",".join(cells) + f",{SCORES}\n")
    path = tmp_path_factory.mktemp("pool") / "r.csv"
    path.write_text(header + "".join(lines), encoding="utf-8")
    by_sql, by_python, direct = both(path)
    same(by_sql, by_python)
    if by_python.exit_code == 0:
        # declined only when the rows the evaluator scores, on their own, run a pool over
        # (kpidsl/sql/run.py _by_python): the batch as a whole then goes to the evaluator
        assert direct == by_python.stdout or direct == Declined(phrase("sql-declined-row-problem"))
    else:
        assert isinstance(direct, (Declined, Over))


# ---- every shipped agreement, a salary and a pool group per row --------------------------------
from test_sql import SHIPPED, python_csv, random_rows, shipped, spoil  # noqa: E402
from test_sql import _write as write_rows  # noqa: E402

from kpidsl.plan.read import typed_plan  # noqa: E402


@pytest.mark.parametrize("year, agreement", SHIPPED)
def test_every_shipped_agreement_with_pool_columns_as_python(year, agreement, tmp_path):
    """Random results (some figures in Thai digits, for the evaluator) with a salary and a
    declared pool group: the same bytes, pools and exit code by both engines."""
    rnd = random.Random(f"pool/{year}/{agreement}")
    header, rows = random_rows(year, agreement, rnd, 40, exact_quotients=True)
    spoil(rnd, header, rows, 0.2)
    framework = typed_plan(shipped(year)[0]).agreements_by_id[agreement].framework
    salary = framework.salary
    groups = [g.id for g in salary.groups] if salary is not None else []
    header = header + ["salary", "group"]
    for r in rows:
        pay = rnd.choice(["", "31,000", "45000", "60,250.5", "90,000"])
        r += [pay, rnd.choice(groups) if pay and groups else ""]
    path = write_rows(tmp_path, header, rows)
    # a raise inside the band the evaluator finds (else Q023): the amount from the row's salary
    bands = {b.id: b for b in (framework.bands.bands if framework.bands else ())}
    scored = list(csv.reader(io.StringIO(python_csv(year, path))))[1:]
    if len(scored) == len(rows):
        at = header.index("raise")
        for r, out in zip(rows, scored):
            band = bands.get(out[6])
            if band is not None and band.raise_range and rnd.random() < 0.8:
                r[at] = str(rnd.choice([band.raise_range.low, band.raise_range.high]))
        path = write_rows(tmp_path, header, rows)
    by_sql, by_python, direct = both(path, ROOT / "rules" / year)
    same(by_sql, by_python)
    if by_python.exit_code == 0:
        assert direct == by_python.stdout
        assert ("raise pool" in by_sql.stderr) == bool(groups or salary and salary.pools)


# ---- a grade column (ระดับตำแหน่ง): read by the query -------------------------------------------------
# a second grade beside ชำนาญการ, its mid-points made up for the test: lower 30,000, split 40,000, upper 50,000
SENIOR = """        ระดับตำแหน่ง k_senior "ประเภทวิชาการ ระดับชำนาญการพิเศษ" {
            ขั้นต่ำ 20,000
            ค่ากลางล่าง 30,000
            แบ่งช่วงที่ 40,000
            ค่ากลางบน 50,000
            ขั้นสูง 60,000
        }
        # 001 ว 28/52 ข้อ 3"""


def two_grades(tmp_path: Path) -> Path:
    import shutil

    rules = tmp_path / "2554"
    shutil.copytree(ROOT / "rules" / "2554", rules)
    kpi = rules / "individual.kpi"
    text = kpi.read_text(encoding="utf-8")
    assert text.count("        # 001 ว 28/52 ข้อ 3") == 1
    kpi.write_text(text.replace("        # 001 ว 28/52 ข้อ 3", SENIOR), encoding="utf-8")
    return rules


def graded(person: str, raise_: str, salary: str, group: str, grade: str) -> str:
    return f'janya_2554_r1,1,{person},{raise_},"{salary}",{group},{grade},{SCORES}\n'


GRADED = HEADER.replace(",group,", ",group,grade,")


def test_grade_column_read_by_the_query(tmp_path, monkeypatch):
    """Each row's grade and salary pick the mid-point: no row goes to the evaluator, and the
    amounts, pools and bytes are its."""
    import kpidsl.sql.run as run

    def no_python(*args, **kwargs):
        raise AssertionError("a sure row was handed to the evaluator")

    rules = two_grades(tmp_path)
    path = tmp_path / "r.csv"
    path.write_text(GRADED + graded("a", "3", "28,000", "academic_general", "k_professional")
                    + graded("b", "3", "28,000", "academic_general", "k_senior")
                    + graded("c", "3", "45,000", "executive", "k_senior")
                    + graded("d", "3", "", "", "k_senior")  # the agreement's 28,000: the lower half
                    + graded("e", "2.5", "36,000", "executive", ""), encoding="utf-8")  # the agreement's grade
    by_python = both(path, rules)[1]
    monkeypatch.setattr(run, "_by_python", no_python)
    by_sql = CliRunner().invoke(main, ["score", str(rules), "--results", str(path), "--format", "csv", "--lang", "en",
                                       "--engine", "sql"])
    direct = score_csv(plan_2554(rules), path, None, None)
    assert isinstance(direct, str)
    # 30,600 × 3% = 918 → 920; 30,000 × 3% = 900; 50,000 × 3% = 1,500; 30,600 × 2.5% = 765 → 770
    assert [ln.rsplit(",", 1)[1] for ln in direct.splitlines()[1:]] == ["920", "900", "1500", "900", "770"]
    same(by_sql, by_python)
    assert by_sql.exit_code == 0 and by_sql.stdout == direct


@pytest.mark.parametrize("grade, code", [("k_nowhere", "Q044"), ("", None), (" k_senior\u3000", None)])
def test_grade_the_query_is_not_sure_of_is_the_evaluators(tmp_path, grade, code):
    rules = two_grades(tmp_path)
    path = tmp_path / "r.csv"
    path.write_text(GRADED + graded("a", "3", "45,000", "executive", "k_senior")
                    + graded("b", "3", "36,000", "executive", grade), encoding="utf-8")
    by_sql, by_python, direct = both(path, rules)
    same(by_sql, by_python)
    assert by_sql.exit_code == (1 if code else 0)
    if code:
        assert f": {code} " in by_sql.stderr
        assert isinstance(direct, Declined)
    else:
        assert direct == by_python.stdout


def test_a_salary_outside_its_grade_is_the_evaluators(tmp_path):
    """A row with a raise % whose salary is outside its grade (the row's, else the agreement's
    k_professional, 12,530–36,020; k_senior made to start at 29,000) is Q047 at its salary's
    cell, or at the grade's when the salary is the agreement's 28,000: never scored by the
    query from a mid-point it is in neither half of. Without a raise % too (the salary or the
    grade is wrong, and the salary would count in the pool as given): at row d's salary."""
    rules = two_grades(tmp_path)
    kpi = rules / "individual.kpi"
    kpi.write_text(kpi.read_text(encoding="utf-8").replace("ขั้นต่ำ 20,000", "ขั้นต่ำ 29,000"), encoding="utf-8")
    path = tmp_path / "r.csv"
    lines = [graded("a", "3", "45,000", "executive", ""), graded("b", "3", "60,000.01", "executive", "k_senior"),
             graded("c", "3", "", "", "k_senior"), graded("d", "", "45,000", "executive", ""),
             graded("e", "3", "30,000", "executive", "k_senior")]
    path.write_text(GRADED + "".join(lines), encoding="utf-8")
    by_sql, by_python, direct = both(path, rules)
    same(by_sql, by_python)
    assert by_sql.exit_code == 1 and isinstance(direct, Declined)
    columns = [lines[0].index('"45,000"') + 1, lines[1].index('"60,000.01"') + 1, lines[2].index("k_senior") + 1,
               lines[3].index('"45,000"') + 1]
    told = [ln.split(": Q047")[0].rsplit(":", 2)[1:] for ln in by_sql.stderr.splitlines() if ": Q047 " in ln]
    assert told == [[str(n), str(c)] for n, c in zip((2, 3, 4, 5), columns)]
    assert "k_professional` runs from 12530 to 36020" in by_sql.stderr
    assert "k_senior` runs from 29000 to 60000" in by_sql.stderr


@pytest.mark.parametrize("grade", [None, "", "k_professional"])
def test_a_salary_at_its_grade_s_bounds_is_sure(tmp_path, monkeypatch, grade):
    """ชำนาญการ's minimum 12,530 and maximum 36,020 are inside it (seed 001): no row goes to the
    evaluator, with or without a grade column; 20,350 × 3% = 610.5 → 620, 30,600 × 3% = 918 → 920."""
    import kpidsl.sql.run as run

    def no_python(*args, **kwargs):
        raise AssertionError("a sure row was handed to the evaluator")

    path = tmp_path / "r.csv"
    salaries = ("12,530", "36,020", "36,020")  # the last with no raise: its salary keeps the pool above the raises
    if grade is None:
        text = HEADER + "".join(row(p, r, s, "academic_general") for p, r, s in zip("abc", ("3", "3", ""), salaries))
    else:
        text = GRADED + "".join(graded(p, r, s, "academic_general", grade)
                                for p, r, s in zip("abc", ("3", "3", ""), salaries))
    path.write_text(text, encoding="utf-8")
    by_python = both(path)[1]
    monkeypatch.setattr(run, "_by_python", no_python)
    by_sql = both(path)[0]
    same(by_sql, by_python)
    assert by_sql.exit_code == 0
    assert [ln.rsplit(",", 1)[1] for ln in by_sql.stdout.splitlines()[1:]] == ["620", "920", ""]


def test_pool_and_grade_columns_as_json(tmp_path, monkeypatch):
    """`--format json` of rows with a salary, a pool group and a grade: the evaluator's
    documents (its explaining path writes these rows) and pools, no row handed to it:
    45,000 in the upper half of k_senior, 50,000 × 2.5% = 1,250."""
    import kpidsl.sql.run as run

    def no_python(*args, **kwargs):
        raise AssertionError("a sure row was handed to the evaluator")

    rules = two_grades(tmp_path)
    path = tmp_path / "r.csv"
    path.write_text(GRADED + graded("a", "3", "28,000", "academic_general", "k_professional")
                    + graded("b", "2.5", "45,000", "executive", "k_senior") + graded("", "2.5", "", "", ""),
                    encoding="utf-8")
    args = ["score", str(rules), "--results", str(path), "--format", "json", "--lang", "en"]
    by_python = CliRunner().invoke(main, args + ["--engine", "python"])
    monkeypatch.setattr(run, "_by_python", no_python)
    by_sql = CliRunner().invoke(main, args + ["--engine", "sql"])
    same(by_sql, by_python)
    assert by_sql.exit_code == 0 and '"amount": "1250"' in by_sql.stdout and "raise pool" in by_sql.stderr


def test_a_raise_within_the_cap_is_typed_by_the_cap(tmp_path):
    """The amount of a raise within the salary cap (6 %) is figured in a type as wide as the
    cap, a 64-bit product in DuckDB; any other raise in the cell's 9 digits, taken in 128 bits
    (kpidsl/sql/compiler.py band): the same amounts as the evaluator's either way, a raise past
    the cap the evaluator's to tell."""
    from sqlglot import exp

    from kpidsl.plan.read import typed_plan
    from kpidsl.sql import build_query, canonical_header
    from kpidsl.sql.query import to_sql

    plan = typed_plan(plan_2554())
    header = canonical_header(plan.agreements_by_id["janya_2554_r1"])
    query = build_query(plan, ["janya_2554_r1"], header, default_agreement="janya_2554_r1")
    (amount,) = [s for s in query.selects if s.alias_or_name == "amount"]
    to_sql(query, "duckdb")  # widens the products that may need more than 18 digits, in place
    cases = list(amount.find_all(exp.Case))
    assert cases and "DECIMAL(38" not in cases[0].args["ifs"][0].args["true"].sql("duckdb")
    assert "DECIMAL(38" in cases[0].args["default"].sql("duckdb")  # past the cap: the cell's own width
    path = tmp_path / "r.csv"
    raises = ("2.5", "2.75", "3", "2.999999", "3.000000", " 3 ")
    path.write_text(HEADER + "".join(row(f"p{i}-{j}", r, s, "academic_general") for i, r in enumerate(raises)
                                     for j, s in enumerate(("20000", "28,000", "36020"))), encoding="utf-8")
    by_sql, by_python, direct = both(path)
    assert isinstance(direct, str), direct
    same(by_sql, by_python)
    assert by_sql.stdout == direct and direct.count("\n") == 1 + 3 * len(raises)
    for past in ("6.000001", "999999999.999999", "7"):
        path.write_text(HEADER + row("a", "3", "28,000", "academic_general") + row("b", past, "28,000", "executive"),
                        encoding="utf-8")
        same(*both(path)[:2])


def test_a_whole_amount_is_written_without_plain(tmp_path):
    """The amount, typed DECIMAL(p, 0) (a raise rounded to 10 baht), is written as DuckDB
    writes it, with no plain() to compute (kpidsl/sql/run.py _lines): no point to take off.
    The raise percent, of scale 6, still goes through plain(); the bytes are the evaluator's."""
    from kpidsl.plan.read import typed_plan
    from kpidsl.sql import run

    header = HEADER.strip().split(",")
    (lines,) = run._csv_queries(typed_plan(plan_2554()), ["janya_2554_r1"], header, None, None, False)
    assert "contains(CAST(q.amount" not in lines and "contains(CAST(q.raise_percent" in lines
    path = tmp_path / "r.csv"
    path.write_text(HEADER + row("a", "3", "28,000", "academic_general") + row("b", "2.5", "30,000", "academic_general")
                    + row("c", "", "36,000", "executive") + row("d", "3", "20000", "director"), encoding="utf-8")
    by_sql, by_python, direct = both(path)
    assert isinstance(direct, str), direct
    same(by_sql, by_python)
    assert [ln.rsplit(",", 1)[1] for ln in direct.splitlines()[1:]] == ["920", "770", "", "620"]
