"""A row naming no round, of an agreement naming none, under a framework whose late penalty or
raise pools are per round: what needs the round is told at its cell (Q055, Q056), by the
Python evaluator and the SQL engine alike. Before, the date was read by nothing (no penalty)
and the raise held to no pool, without a word (kpidsl/score/results/agreement_rows.py)."""

from __future__ import annotations

import re
import shutil
from importlib.util import find_spec
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

ROOT = Path(__file__).resolve().parent.parent
# the SQL engine where its extra is installed, skipped with the reason where it is not
ENGINES = ["python", pytest.param("sql", marks=pytest.mark.skipif(
    find_spec("duckdb") is None or find_spec("sqlglot") is None,
    reason="the SQL engine needs the extra `sql`: pip install 'kpidsl[sql]'"))]

PROVINCE = "agreement,round,p1,p2,p3,p4,submitted\n"
SCORES = "3.5,3,4.5,3,4.5,4,3,4,3,3"  # seed 001's form: 70.8, ดี
INDIVIDUAL = ("agreement,round,person,raise,salary,group,j1:score,j2:score,j3:score,j4:score,j5:score,"
              "c1:score,c2:score,c3:score,c4:score,c5:score\n")


def _without_round(tmp_path: Path, file: str, agreement: str) -> Path:
    """rules/2554 with ``agreement`` (in agreements/``file``) naming no round."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules" / "2554", rules)
    path = rules / "agreements" / file
    text = path.read_text(encoding="utf-8")
    start = text.index(f" {agreement} ")
    cut = re.compile(r"\n    (รอบ|round) \S+\n").search(text, start)
    assert cut is not None
    path.write_text(text[:cut.start()] + "\n" + text[cut.end():], encoding="utf-8")
    return rules


def _score(rules: Path, results: Path, engine: str):
    return CliRunner().invoke(main, ["score", str(rules), "--results", str(results), "--format", "csv",
                                     "--lang", "en", "--engine", engine])


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    return _without_round(tmp_path_factory.mktemp("province"), "province_example.kpi", "province_example_2554")


@pytest.fixture(scope="module")
def individual(tmp_path_factory):
    return _without_round(tmp_path_factory.mktemp("individual"), "individual_001.kpi", "janya_2554_r1")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_report_date_with_no_round_is_told_at_its_cell(province, tmp_path, engine):
    path = tmp_path / "r.csv"
    path.write_text(PROVINCE + "province_example_2554,sar12,3.5,82,80,4,3 พ.ย. 2554\n"
                    + "province_example_2554,,3.5,82,80,4,3 พ.ย. 2554\n", encoding="utf-8")
    result = _score(province, path, engine)
    assert result.exit_code == 1
    # line 3, at the date's cell (column 36): seed 002 penalises the 12-month report's lateness only
    assert re.findall(r":(\d+):(\d+): (Q\d{3})", result.stderr) == [("3", "36", "Q055")]
    assert "round sar12" in result.stderr and "(sar6, sar9, sar12)" in result.stderr


@pytest.mark.parametrize("engine", ENGINES)
def test_a_row_naming_its_round_is_penalised_by_it_and_a_blank_date_needs_none(province, tmp_path, engine):
    path = tmp_path / "r.csv"
    path.write_text(PROVINCE + "province_example_2554,sar12,3.5,82,80,4,3 พ.ย. 2554\n"  # 3 working days late
                    + "province_example_2554,sar6,3.5,82,80,4,3 พ.ย. 2554\n"  # the 6-month report: no penalty
                    + "province_example_2554,,3.5,82,80,4,\n", encoding="utf-8")  # no date: nothing per round read
    result = _score(province, path, engine)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "province_example_2554,,sar12,3.7300,0.1500,3.5800,,,",
        "province_example_2554,,sar6,3.7300,,3.7300,,,",
        "province_example_2554,,,3.7300,,3.7300,,,",
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_salary_with_no_round_under_pools_per_round_is_told_at_its_cell(individual, tmp_path, engine):
    path = tmp_path / "r.csv"
    path.write_text(INDIVIDUAL + f'janya_2554_r1,1,a,,"28,000",academic_general,{SCORES}\n'
                    + f'janya_2554_r1,,b,,"28,000",academic_general,{SCORES}\n', encoding="utf-8")
    result = _score(individual, path, engine)
    assert result.exit_code == 1
    # line 3, at the salary's cell (column 19): seed 001's pools are 3% on 1 มี.ค. (round 1), 1 ก.ย. (round 2)
    assert re.findall(r":(\d+):(\d+): (Q\d{3})", result.stderr) == [("3", "19", "Q056")]
    assert "for round 1, 2 only" in result.stderr


@pytest.mark.parametrize("engine", ENGINES)
def test_an_agreement_naming_its_round_needs_no_round_in_the_row(tmp_path, engine):
    path = tmp_path / "r.csv"
    path.write_text(INDIVIDUAL + f'janya_2554_r1,,b,,"28,000",academic_general,{SCORES}\n', encoding="utf-8")
    result = _score(ROOT / "rules" / "2554", path, engine)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("janya_2554_r1,b,1,70.8")
