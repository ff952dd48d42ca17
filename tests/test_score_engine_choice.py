"""An explicit `--engine sql` is honoured or refused, never dropped without a word.

The SQL engine writes CSV and JSON (no explanations), from one CSV, Parquet or .xlsx file,
on DuckDB's own threads. Asked for what it cannot give — `--format text` or `xlsx`,
`--explain`, `--jobs N`, a JSON file or a folder of results — `score --engine sql` says so in
one line and exits 2 (a usage error, as a Parquet file given to the Python evaluator is,
Z004), writing nothing. `--engine auto` chooses for itself and stays quiet; rows the SQL
engine leaves to the Python evaluator inside a file it reads give the same bytes and are
not told (README, "Scoring in SQL").
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

pytest.importorskip("duckdb")
pytest.importorskip("sqlglot")

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = ROOT / "tests/data/score/individuals_2554.csv"
DEPT_JSON = ROOT / "tests/data/score/dept_example_2555.json"


def score(*args) -> object:
    return CliRunner().invoke(main, ["score", *map(str, args), "--lang", "en"])


def refused(result, code: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"kpidsl: {code}: "), result.stderr


@pytest.mark.parametrize("extra", [["--format", "text"], [], ["--format", "json", "--explain"],
                                   ["--format", "csv", "--jobs", "2"]],
                         ids=["text", "default-text", "explain", "jobs"])
def test_what_the_sql_engine_cannot_write_is_refused(extra):
    refused(score(ROOT / "rules/2554", "--results", PEOPLE, "--engine", "sql", *extra), "Z006")


def test_a_workbook_is_refused_and_not_written(tmp_path):
    pytest.importorskip("openpyxl")
    out = tmp_path / "s.xlsx"
    refused(score(ROOT / "rules/2554", "--results", PEOPLE, "--engine", "sql", "-o", out), "Z006")
    assert not out.exists()


def test_thai_says_it_too():
    r = CliRunner().invoke(main, ["score", str(ROOT / "rules/2554"), "--results", str(PEOPLE), "--engine", "sql",
                                  "--lang", "th"])
    assert r.exit_code == 2 and r.stderr.startswith("kpidsl: Z006: ") and "เอนจิน SQL" in r.stderr


def test_a_json_file_or_a_folder_is_refused(tmp_path):
    refused(score(ROOT / "rules/2555", "--results", DEPT_JSON, "--engine", "sql", "--format", "csv"), "Z007")
    folder = tmp_path / "results"
    folder.mkdir()
    shutil.copy(PEOPLE, folder / "a.csv")
    refused(score(ROOT / "rules/2554", "--results", folder, "--engine", "sql", "--format", "csv"), "Z007")


@pytest.mark.parametrize("extra", [["--format", "text"], ["--format", "json", "--explain"],
                                   ["--format", "csv", "--jobs", "2"]])
def test_auto_chooses_without_a_word(extra):
    by_auto = score(ROOT / "rules/2554", "--results", PEOPLE, "--engine", "auto", *extra)
    by_python = score(ROOT / "rules/2554", "--results", PEOPLE, *extra)
    assert by_auto.exit_code == by_python.exit_code == 0
    assert (by_auto.stdout, by_auto.stderr) == (by_python.stdout, by_python.stderr)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_what_it_writes_it_writes(fmt):
    by_sql = score(ROOT / "rules/2554", "--results", PEOPLE, "--engine", "sql", "--format", fmt)
    by_python = score(ROOT / "rules/2554", "--results", PEOPLE, "--format", fmt)
    assert by_sql.exit_code == 0 and by_sql.stdout == by_python.stdout and by_sql.stderr == ""


def test_auto_keeps_json_out_of_a_csv_for_the_evaluator(monkeypatch):
    # The SQL engine's JSON is made from the query's figures a row at a time in Python, slower
    # than the evaluator's (20,000 rows: 2.8 s CPU against 1.0 s); CSV still goes to the query.
    import kpidsl.sql.run as run

    monkeypatch.setattr("kpidsl.cli.sql.AUTO_BYTES", 0)  # every file is big enough
    asked = []
    real = run.score_into
    monkeypatch.setattr(run, "score_into", lambda *a, **k: asked.append(a) or real(*a, **k))
    out = score(ROOT / "rules/2554", "--results", PEOPLE, "--engine", "auto", "--format", "json")
    assert out.exit_code == 0, out.output
    assert asked == []
    out = score(ROOT / "rules/2554", "--results", PEOPLE, "--engine", "auto", "--format", "csv")
    assert out.exit_code == 0, out.output
    assert len(asked) == 1


CAPPED_WHOLE = """\
framework f "F" {
    fiscal_year 2555
    policy { decimals 4; rounding half_up; round_at total; interpolate whole; cap 3 }
    dimension d "D" weight 100 {
        kpi k "K" weight 100 { ladder 65 70 75 80 85 }
    }
}
agreement a "A" { framework f }
"""


def test_both_engines_hold_the_cap_on_a_whole_level(tmp_path):
    # Under cap 3 with whole levels, level 4 (80) scored 4 by both engines while level 5 scored 3.
    (tmp_path / "rs").mkdir()
    (tmp_path / "rs" / "rules.kpi").write_text(CAPPED_WHOLE, encoding="utf-8")
    values = ["69", "70", "78", "80", "84.9999", "85", "95"]
    results = tmp_path / "results.csv"
    results.write_text("agreement,person,k\n" + "".join(f"a,p{v},{v}\n" for v in values), encoding="utf-8")
    for engine in ("python", "sql"):
        out = score(tmp_path / "rs", "--results", results, "--engine", engine, "--format", "csv")
        assert out.exit_code == 0, out.output
        totals = [line.split(",")[3] for line in out.stdout.splitlines()[1:]]
        assert totals == ["1.0000", "2.0000", "3.0000", "3.0000", "3.0000", "3.0000", "3.0000"], engine
