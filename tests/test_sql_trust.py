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
from kpidsl.sql.run import Declined, score_csv  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# one ladder by levels: a figure a hair below a threshold is a level below it
STEPS = """กรอบ lad "ขั้นบันได" {
    ระดับ บุคคล
    ปีงบประมาณ 2554
    หลักเกณฑ์ {
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
        ตัวชี้วัด k1 "มากดี" น้ำหนัก 100% { เกณฑ์ 84 88 92 96 100 }
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
    assert isinstance(direct, str) or direct.reason == phrase("sql-declined-row-problem"), direct


def _told(stderr: str) -> list[tuple[int, str]]:
    """(line, code) of each diagnostic told, in order (a Parquet file's at its row, the CSV's line)."""
    return [(int(n), code) for n, code in re.findall(r"^\S+?:(\d+):\d+: ([A-Z]\d{3}) ", stderr, re.M)]


@pytest.mark.parametrize("cell", [
    # seven decimals: DuckDB's cast to SCALE places rounds 87.9999996 up to 88, a level up
    "87.9999996", " 87.9999996", "87.9999996%", "-.9999996",
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
