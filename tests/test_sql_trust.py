"""The cells `score --engine sql` trusts are only those it reads as the evaluator does
(kpidsl/sql/cells.py PLAIN, NUMBER, SALARY, DATE; kpidsl/sql/headers.py INT_DIGITS, SCALE):
each cell below is one that a pattern one step wider would trust and the evaluator reads
otherwise, or not at all (benchmarks/mutation_scores.py sql_patterns: the mutants these kill).
Each row is scored by `--engine sql` and by `--engine python`: the same exit code, output and
messages, byte for byte. And the query answers for the file, leaving the row to the evaluator:
a cell is never cast by DuckDB into an error that declines the whole file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("sqlglot", reason="the sql extra is not installed")
duckdb = pytest.importorskip("duckdb", reason="the sql extra is not installed")

from click.testing import CliRunner  # noqa: E402

from kpidsl.check import check_paths  # noqa: E402
from kpidsl.cli import main  # noqa: E402
from kpidsl.diagnostics.phrases import phrase  # noqa: E402
from kpidsl.plan import compile_plan  # noqa: E402
from kpidsl.sql.run import score_csv  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# one ladder by levels: a figure a hair below a threshold (1, 92) is a level below it
STEPS = """กรอบ lad "ขั้นบันได" {
    ระดับ บุคคล
    ปีงบประมาณ 2554
    หลักเกณฑ์ {
        เทียบสัดส่วน เต็มระดับ
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
        ตัวชี้วัด k1 "มากดี" น้ำหนัก 100% { เกณฑ์ 0.5 1 92 96 100 }
    }
}
"""


def _both(rules: Path, path: Path):
    """(by SQL, by Python) on the command line, and what score_csv gives."""
    result = check_paths([rules])
    assert not result.errors
    plan = compile_plan(result.rule_sets[0], rules)
    args = ["score", str(rules), "--results", str(path), "--format", "csv", "--lang", "en", "--engine"]
    by_sql, by_python = (CliRunner().invoke(main, args + [engine]) for engine in ("sql", "python"))
    return by_sql, by_python, score_csv(plan, path, None, None)


def _same_and_answered(by_sql, by_python, direct) -> None:
    assert (by_sql.exit_code, by_sql.stdout, by_sql.stderr) == (by_python.exit_code, by_python.stdout,
                                                                by_python.stderr)
    # the query answered: its rows, and the evaluator's where it was not sure (whose problems,
    # if any, are then the evaluator's to tell), never DuckDB failing on a cell it was told to cast
    assert direct == by_python.stdout if isinstance(direct, str) else \
        direct.reason == phrase("sql-declined-row-problem"), direct


def _told(stderr: str) -> list[tuple[int, str]]:
    """(line, code) of each diagnostic told, in order (a Parquet file's at its row, the CSV's line)."""
    return [(int(n), code) for n, code in re.findall(r"^\S+?:(\d+):\d+: ([A-Z]\d{3}) ", stderr, re.M)]


@pytest.mark.parametrize("cell", [
    # seven decimals: DuckDB's cast to SCALE places rounds 91.9999996 up to 92, a level up (and
    # .9999996 up to 1)
    "91.9999996", " 91.9999996", "91.9999996%", ".9999996", " +.9999996",
    # ten digits before the point: past DECIMAL(INT_DIGITS + SCALE, SCALE), a cast DuckDB refuses
    "1234567890", "1234567890.5", " 1234567890",
    # what the evaluator does not read as a number (Q003) and the query's REPLACEs would make one
    "- 88", "+ 88", "88\n%", "88\r%", "88%%", "88\t\n%", "x88", "88x",
])
def test_a_cell_a_wider_pattern_would_trust_is_read_as_the_evaluator_reads_it(tmp_path, cell):
    """In a CSV file and in a Parquet file of text columns (scored by the SQL engine alone: beside
    the CSV by the evaluator). A CSV cell holding a line's end declines the CSV file to the
    evaluator whole (DuckDB's CSV reader, null_padding with a quoted line end): its Parquet
    file, which DuckDB reads with no such limit, is the one whose cell the query tests."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "lad.kpi").write_text(STEPS, encoding="utf-8")
    path = tmp_path / "results.csv"
    path.write_text(f'agreement,round,person,k1\nlad_a,1,a,90\nlad_a,1,b,"{cell}"\nlad_a,1,c,88\n', encoding="utf-8")
    by_sql, by_python, direct = _both(rules, path)
    if "\n" in cell or "\r" in cell:
        assert (by_sql.exit_code, by_sql.stdout, by_sql.stderr) == (by_python.exit_code, by_python.stdout,
                                                                    by_python.stderr)
    else:
        _same_and_answered(by_sql, by_python, direct)
    parquet = tmp_path / "results.parquet"
    duckdb.connect().execute(f"COPY (FROM read_csv('{path}', all_varchar=true)) TO '{parquet}' (FORMAT parquet)")
    args = ["score", str(rules), "--format", "csv", "--lang", "en", "--engine", "sql", "--results", str(parquet)]
    by_parquet = CliRunner().invoke(main, args)
    assert (by_parquet.exit_code, by_parquet.stdout, _told(by_parquet.stderr)) == (
        by_python.exit_code, by_python.stdout, _told(by_python.stderr))


@pytest.mark.parametrize("day", ["2011-11-3", "2011-1-03", "2011-11-03\u3000", "\u30002011-11-03", "20111103",
                                 "2011-11-03T00:00", "12011-11-03", "2011-11-031"])
def test_a_submitted_date_a_wider_pattern_would_trust_is_read_as_the_evaluator_reads_it(tmp_path, day):
    """A date the evaluator does not read as written ISO (DuckDB's TRY_CAST takes 2011-11-3)."""
    path = tmp_path / "late.csv"
    path.write_text("agreement,person,round,p1,p2,p3,p4,submitted\n"
                    "province_example_2554,a,sar12,3.5,82,80,4,2011-11-03\n"
                    f'province_example_2554,b,sar12,3.5,82,80,4,"{day}"\n', encoding="utf-8")
    _same_and_answered(*_both(ROOT / "rules" / "2554", path))


SALARY_HEADER = ("agreement,round,person,raise,salary,group,j1:score,j2:score,j3:score,j4:score,j5:score,"
                 "c1:score,c2:score,c3:score,c4:score,c5:score\n")


@pytest.mark.parametrize("salary", [
    "36,020.0000001",  # past ชำนาญการ's maximum 36,020 by a hair the query's SCALE would round off (Q047)
    "36020.0000001",
    "1,25,30",  # 1,000 separators the evaluator does not read (Q012): 12,530 to a pattern that took them
    "12,5,30", "1,253,0",
    "1,000,000,000",  # ten digits
])
def test_a_salary_a_wider_pattern_would_trust_is_read_as_the_evaluator_reads_it(tmp_path, salary):
    path = tmp_path / "r.csv"
    scores = "3.5,3,4.5,3,4.5,4,3,4,3,3"
    path.write_text(SALARY_HEADER + f'janya_2554_r1,1,a,3,"28,000",academic_general,{scores}\n'
                    f'janya_2554_r1,1,b,3,"{salary}",academic_general,{scores}\n', encoding="utf-8")
    _same_and_answered(*_both(ROOT / "rules" / "2554", path))


# ---- the other way: cells the query reads are its own ------------------------------------------
# A test too wide the other way (a cell the query reads, or a blank, left to the evaluator) costs no
# figure, the evaluator scoring the row alike, but the engine's speed: the rows below are each the
# query's, none handed to the evaluator, and the output is the evaluator's.
def _the_querys_own(monkeypatch, plan: dict, path: Path, expected: str) -> None:
    import kpidsl.sql.run as run

    def no_python(*args, **kwargs):
        raise AssertionError("a row the query reads was handed to the evaluator")

    monkeypatch.setattr(run, "_by_python", no_python)
    assert score_csv(plan, path, None, None) == expected


def _plan(rules: Path) -> dict:
    result = check_paths([rules])
    assert not result.errors
    return compile_plan(result.rule_sets[0], rules)


def test_the_forms_of_a_number_the_query_reads_are_its_own(tmp_path, monkeypatch):
    """PLAIN and NUMBER's forms (blanks around, a sign, a % with or without a blank before it, a
    point with digits on one side only), at most INT_DIGITS digits before it and SCALE after."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "lad.kpi").write_text(STEPS, encoding="utf-8")
    forms = ["90", " 90 ", "\t90", "90%", "90 %", "+90", "90.", ".5", "-.5", "87.999999", " 87.999999% ",
             "999999999.999999", "000000088", "-0", "+0.0"]
    path = tmp_path / "results.csv"
    path.write_text("agreement,round,person,k1\n" + "".join(f'lad_a,1,p{i},"{f}"\n' for i, f in enumerate(forms)),
                    encoding="utf-8")
    expected = CliRunner().invoke(main, ["score", str(rules), "--results", str(path), "--format", "csv",
                                         "--engine", "python"])
    assert expected.exit_code == 0 and expected.stdout.count("\n") == len(forms) + 1
    _the_querys_own(monkeypatch, _plan(rules), path, expected.stdout)


def test_a_submitted_date_the_query_reads_is_its_own(tmp_path, monkeypatch):
    """A date written YYYY-MM-DD, with blanks around it or not (DATE): the penalty of a late report
    is the query's (seed 002's 0.0500 a working day)."""
    path = tmp_path / "late.csv"
    path.write_text("agreement,person,round,p1,p2,p3,p4,submitted\n"
                    "province_example_2554,a,sar12,3.5,82,80,4,2011-11-03\n"
                    'province_example_2554,b,sar12,3.5,82,80,4," 2011-11-04 "\n'
                    "province_example_2554,c,sar12,3.5,82,80,4,\n", encoding="utf-8")
    rules = ROOT / "rules" / "2554"
    expected = CliRunner().invoke(main, ["score", str(rules), "--results", str(path), "--format", "csv",
                                         "--engine", "python"])
    assert expected.exit_code == 0 and expected.stdout.count("\n") == 4
    _the_querys_own(monkeypatch, _plan(rules), path, expected.stdout)


def _typed_parquet(tmp_path: Path, text: str) -> tuple[Path, Path]:
    """``text`` as a CSV file and as Parquet with the types DuckDB finds for its columns."""
    path = tmp_path / "results.csv"
    path.write_text(text, encoding="utf-8")
    parquet = tmp_path / "results.parquet"
    duckdb.connect().execute(f"COPY (FROM read_csv('{path}')) TO '{parquet}' (FORMAT parquet)")
    return path, parquet


@pytest.mark.parametrize("column", ["BIGINT", "DOUBLE"])
def test_a_typed_value_or_null_the_query_reads_is_its_own(tmp_path, monkeypatch, column):
    """A ladder's result and its score given instead, each a typed column read by its value
    (kpidsl/sql/cells.py typed_number), each NULL in some row: no row is the evaluator's."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "lad.kpi").write_text(STEPS, encoding="utf-8")
    k1 = ["90", "", "84", "100"] if column == "BIGINT" else ["90.5", "", "84.25", "100"]
    path, parquet = _typed_parquet(tmp_path, "agreement,round,person,k1,k1:score\n" + "".join(
        f"lad_a,1,p{i},{v},{'' if v else '3'}\n" for i, v in enumerate(k1)))
    assert duckdb.connect().execute(f"SELECT typeof(k1) FROM '{parquet}' LIMIT 1").fetchone()[0] == column
    expected = CliRunner().invoke(main, ["score", str(rules), "--results", str(path), "--format", "csv",
                                         "--engine", "python"])
    assert expected.exit_code == 0 and expected.stdout.count("\n") == 5
    _the_querys_own(monkeypatch, _plan(rules), parquet, expected.stdout)


def test_a_typed_column_of_another_agreements_indicator_filled_is_no_row_of_the_querys(tmp_path):
    """A typed column (read by its value) of an indicator janya's agreement lacks (somsak's s1),
    filled in a janya row: the evaluator's Q002, not a row the query scores past the cell (the
    evaluator reads no Parquet: the SQL engine says it does not score every row, Z005)."""
    lines = (ROOT / "tests/data/score/individuals_2554.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",")[9] == "s1" and lines[1].split(",")[9] == ""
    filled = lines[1].split(",")
    filled[2], filled[9] = "b", "5"
    path, parquet = _typed_parquet(tmp_path, "\n".join(lines + [",".join(filled)]) + "\n")
    assert duckdb.connect().execute(f"SELECT typeof(s1) FROM '{parquet}' LIMIT 1").fetchone()[0] == "BIGINT"
    args = ["score", str(ROOT / "rules" / "2554"), "--format", "csv", "--lang", "en", "--results"]
    by_csv = CliRunner().invoke(main, args + [str(path), "--engine", "python"])
    by_parquet = CliRunner().invoke(main, args + [str(parquet), "--engine", "sql"])
    assert (by_csv.exit_code, by_csv.stdout, _told(by_csv.stderr)) == (1, "", [(1, "Q002")])
    assert (by_parquet.exit_code, by_parquet.stdout) == (1, "") and "Z005" in by_parquet.stderr
    assert phrase("sql-declined-row-problem").en in by_parquet.stderr  # a row's problem, not DuckDB's


def test_a_blank_cell_the_query_reads_is_its_own(tmp_path, monkeypatch):
    """Blanks (BLANK: spaces and tabs, or nothing) where a figure may be left out: a ladder's result
    beside its score given, the score beside the result, a raise, a report's date."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "lad.kpi").write_text(STEPS, encoding="utf-8")
    path = tmp_path / "results.csv"
    path.write_text('agreement,round,person,k1,k1:score\nlad_a,1,a," ",3\nlad_a,1,b,"\t",4\nlad_a,1,c,"",2\n'
                    'lad_a,1,d,90," "\nlad_a,1,e,91,\n', encoding="utf-8")
    expected = CliRunner().invoke(main, ["score", str(rules), "--results", str(path), "--format", "csv",
                                         "--engine", "python"])
    assert expected.exit_code == 0 and expected.stdout.count("\n") == 6
    _the_querys_own(monkeypatch, _plan(rules), path, expected.stdout)
    path.write_text("agreement,person,round,p1,p2,p3,p4,submitted,raise\n"
                    'province_example_2554,a,sar12,3.5,82,80,4," "," "\n'
                    'province_example_2554,b,sar12,3.5,82,80,4,"\t",\n', encoding="utf-8")
    rules = ROOT / "rules" / "2554"
    expected = CliRunner().invoke(main, ["score", str(rules), "--results", str(path), "--format", "csv",
                                         "--engine", "python"])
    assert expected.exit_code == 0 and expected.stdout.count("\n") == 3
    _the_querys_own(monkeypatch, _plan(rules), path, expected.stdout)


def test_a_row_of_plain_cells_passes_its_one_joined_test(tmp_path):
    """The usual row's figure cells, joined by commas, are tested as PLAIN by one regular expression
    (kpidsl/sql/cells.py plain_cells, the person's cell leading): true for a row of PLAIN cells and
    a person with no comma or blank at an end, false for one of NUMBER's other forms or such a
    person, whose cells are then tested one by one (the same figures either way: above)."""
    from kpidsl.plan.read import typed_plan
    from kpidsl.sql import build_query
    from kpidsl.sql.query import to_sql

    header = ("agreement,round,person,raise,j1:score,j2:score,j3:score,j4:score,j5:score,"
              "c1:score,c2:score,c3:score,c4:score,c5:score")
    rows = {"a,3,3.5,3,4.5,3,4.5,4,3,4,3,3": True, "b,3,3.5,3,4.5,3,4.5,4,3,4,3,3.000001": True,
            "c,3,3.5,3,4.5,3,4.5,4,3,4,3, 3": False, "d,3,3.5,3,4.5,3,4.5,4,3,4,3,3%": False,
            '"d, e",3,3.5,3,4.5,3,4.5,4,3,4,3,3': False, "f ,3,3.5,3,4.5,3,4.5,4,3,4,3,3": False,
            # two cells holding a comma each, so two parts more than the cells: not PLAIN cells
            'g,3,"3,5",3,4.5,3,4.5,4,3,4,3,"3,0"': False}
    path = tmp_path / "results.csv"
    path.write_text(header + "\n" + "".join(f"janya_2554_r1,1,{r}\n" for r in rows), encoding="utf-8")
    plan = typed_plan(_plan(ROOT / "rules" / "2554"))
    query = to_sql(build_query(plan, ["janya_2554_r1"], header.split(","), lead_plain=True), "duckdb")
    con = duckdb.connect()
    con.execute(f"CREATE TABLE results AS SELECT * FROM read_csv('{path}', all_varchar=true, header=true)")
    assert [p for (p,) in con.execute(f"SELECT lead_plain FROM ({query})").fetchall()] == list(rows.values())
    # no raise, and every figure read by its value (a typed Parquet file's): the person's cell is the
    # test's alone
    figures = {h: "DOUBLE" for h in header.split(",")[4:]}
    query = to_sql(build_query(plan, ["janya_2554_r1"], ["agreement", "round", "person", *figures], lead_plain=True,
                               by_value=figures), "duckdb")
    con.execute("CREATE OR REPLACE TABLE results AS SELECT agreement, round, person, "
                + ", ".join(f'3.5::DOUBLE AS "{h}"' for h in figures) + " FROM (VALUES ('janya_2554_r1', '1', 'a'),"
                " ('janya_2554_r1', '1', 'b '), ('janya_2554_r1', '1', 'c,d')) t(agreement, round, person)")
    assert [p for (p,) in con.execute(f"SELECT lead_plain FROM ({query})").fetchall()] == [True, False, False]


def test_a_file_without_a_person_column_is_the_querys(monkeypatch):
    """No person's cell to lead the row's PLAIN test (a department's results: rules/2555)."""
    path = ROOT / "tests/data/score/dept_example_2555.csv"
    rules = ROOT / "rules" / "2555"
    expected = CliRunner().invoke(main, ["score", str(rules), "--results", str(path), "--format", "csv",
                                         "--engine", "python"])
    assert expected.exit_code == 0 and "person" not in path.read_text(encoding="utf-8").splitlines()[0]
    _the_querys_own(monkeypatch, _plan(rules), path, expected.stdout)


@pytest.mark.parametrize("output_format", ["csv", "json"])
def test_any_persons_name_is_the_persons(tmp_path, output_format):
    """A person's cell is written as given, whatever its text: no word stands for none."""
    path = tmp_path / "results.csv"
    path.write_text(("agreement,round,person,raise,j1:score,j2:score,j3:score,j4:score,j5:score,"
                     "c1:score,c2:score,c3:score,c4:score,c5:score\n") + "".join(
        f"janya_2554_r1,1,{p},3,3.5,3,4.5,3,4.5,4,3,4,3,3\n" for p in ("None", "XXXX", "NULL", "null", "0", "")),
        encoding="utf-8")
    rules = ROOT / "rules" / "2554"
    args = ["score", str(rules), "--results", str(path), "--format", output_format, "--engine"]
    by_sql, by_python = (CliRunner().invoke(main, args + [engine]) for engine in ("sql", "python"))
    assert (by_sql.exit_code, by_sql.stdout, by_sql.stderr) == (0, by_python.stdout, by_python.stderr)
    assert score_csv(_plan(rules), path, None, None, output_format) == by_python.stdout


@pytest.mark.parametrize("type_name, tried", [("SMALLINT", False), ("UTINYINT", False), ("DECIMAL(9,2)", False),
                                              ("INTEGER", True), ("UBIGINT", True), ("DECIMAL(12,2)", True)])
def test_a_typed_column_is_tried_only_when_a_value_may_not_fit(type_name, tried):
    """A typed figure column whose every value has at most INT_DIGITS digits before the point
    (kpidsl/sql/typed_cells.py SMALL_INTEGERS, a DECIMAL's precision less its scale) is cast as it
    is; one that may hold more is TRY_CAST, past INT_DIGITS NULL: the evaluator's row."""
    from sqlglot import exp

    from kpidsl.plan.read import typed_plan
    from kpidsl.sql import build_query

    header = ("agreement,round,person,raise,j1:score,j2:score,j3:score,j4:score,j5:score,"
              "c1:score,c2:score,c3:score,c4:score,c5:score").split(",")
    figures = {h: type_name for h in header[4:]}
    query = build_query(typed_plan(_plan(ROOT / "rules" / "2554")), ["janya_2554_r1"], header, by_value=figures)
    cast = {c.name for t in query.find_all(exp.TryCast) for c in t.find_all(exp.Column)}
    assert (cast == set(figures)) is tried and (not cast & set(figures)) is not tried
