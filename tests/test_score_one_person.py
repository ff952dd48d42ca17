"""`--person` picks one person's rows, by the person column a workbook carries: `kpidsl score
--explain --person ID` explains that person alone, and `kpidsl render --results … --person ID`
fills that person's forms alone. An id no row carries is an error at the results file (Q060,
exit 1); an id two rows of the same agreement and round carry is an error at the second row,
naming the first (Q061, exit 1): which of them to explain or sign is not kpidsl's to guess.

The rows: rules/2555's unit agreement (individual_example.kpi naming no one). ข's row is that
of individual_example.kpi's somchai_raise: (3.5 × 50% + 4 × 50%) × 20 = 75, competencies
4 3 4 3 4 → 72, 75 × 70% + 72 × 30% = 74.1, ดี (seed 001's forms, rules/2555/bands.kpi)."""

from __future__ import annotations


import pytest
from click.testing import CliRunner

from kpidsl.cli import main

from unnamed_person import unit_rules

HEAD = "agreement,person,round,raise,i1:score,i2:score,c1,c2,c3,c4,c5\n"
ROWS = ("somchai_2555_r1,ก,1,0,1,1,1,1,1,1,1\n"
        "somchai_2555_r1,ข,1,3,3.5,4,4,3,4,3,4\n"
        "somchai_2555_r1,ค,1,2.5,3,3,3,3,3,3,3\n")


@pytest.fixture
def unit(tmp_path):
    rules = unit_rules(tmp_path)
    results = tmp_path / "unit.csv"
    results.write_text(HEAD + ROWS, encoding="utf-8")
    return rules, results


def _run(*args):
    return CliRunner().invoke(main, [*map(str, args)])


@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_score_explains_one_person(unit, fmt):
    rules, results = unit
    args = ("--explain",) if fmt != "csv" else ()
    out = _run("score", rules, "--results", results, "--person", "ข", "--format", fmt, *args, "--lang", "en")
    assert out.exit_code == 0, out.output
    assert "74.1000" in out.stdout
    assert all(other not in out.stdout for other in (",ก,", ",ค,", "person: ก", "person: ค", '"ก"', '"ค"'))
    assert "60.0000" not in out.stdout  # ค's: 3s throughout, 60 × 70% + 60 × 30%
    if fmt == "csv":
        assert out.stdout.splitlines()[1:] == ["somchai_2555_r1,ข,1,74.1000,,74.1000,good,3,620"]


def test_the_sql_engine_picks_the_same_person(unit):
    rules, results = unit
    python = _run("score", rules, "--results", results, "--person", "ข", "--format", "csv")
    sql = _run("score", rules, "--results", results, "--person", "ข", "--format", "csv", "--engine", "sql")
    assert python.exit_code == sql.exit_code == 0, sql.output
    assert python.stdout_bytes == sql.stdout_bytes


@pytest.mark.parametrize("lang", ["en", "th"])
def test_an_unknown_person_is_an_error_at_the_results(unit, lang):
    rules, results = unit
    out = _run("score", rules, "--results", results, "--person", "ง", "--explain", "--lang", lang)
    assert out.exit_code == 1, out.output
    assert f"{results}:1:1: Q060 error: " in out.output and "`ง`" in out.output
    assert "`ก`" in out.output  # the hint names people the file does hold
    assert "Traceback" not in out.output and out.stdout == ""


def test_a_person_twice_in_a_round_is_an_error_at_the_second_row(unit):
    # written alike but for a doubled space (the reader's own Q006 takes rows written alike):
    # the same person to whoever reads the form
    rules, results = unit
    results.write_text(HEAD + ROWS.replace(",ข,", ",ข ข,") + "somchai_2555_r1,ข  ข,1,3,3,3,3,3,3,3,3\n",
                       encoding="utf-8")
    out = _run("score", rules, "--results", results, "--person", "ข ข", "--explain", "--lang", "en")
    assert out.exit_code == 1, out.output
    assert f"{results}:5:17: Q061 error: " in out.output and f"{results}:3" in out.output
    assert out.stdout == ""
    out = _run("render", rules, "--results", results, "--person", "ข ข", "--form", "individual", "--format", "md",
               "-o", results.parent / "forms", "--lang", "en")
    assert out.exit_code == 1 and f"{results}:5:17: Q061 error: " in out.output, out.output
    assert not (results.parent / "forms").exists()


def test_render_fills_one_persons_forms(unit, tmp_path):
    rules, results = unit
    out = _run("render", rules, "--results", results, "--person", "ข", "--form", "individual", "--format", "md",
               "-o", tmp_path / "forms")
    assert out.exit_code == 0, out.output
    names = sorted(p.name for p in (tmp_path / "forms" / "somchai_2555_r1").iterdir())
    assert names == ["individual-ข.md"]
    assert "74.1" in (tmp_path / "forms" / "somchai_2555_r1" / "individual-ข.md").read_text(encoding="utf-8")


def test_render_of_an_unknown_person_writes_nothing(unit, tmp_path):
    rules, results = unit
    out = _run("render", rules, "--results", results, "--person", "ง", "--form", "individual", "--format", "md",
               "-o", tmp_path / "forms", "--lang", "en")
    assert out.exit_code == 1 and "Q060" in out.output, out.output
    assert not (tmp_path / "forms").exists()


def test_person_without_results_is_a_usage_error(unit, tmp_path):
    rules, _ = unit
    out = _run("render", rules, "--person", "ข", "-o", tmp_path / "forms", "--lang", "en")
    assert out.exit_code == 2, out.output
