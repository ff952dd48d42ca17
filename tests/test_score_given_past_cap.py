"""A score given for an indicator on a ladder stands for the ladder's, and the `cap` policy is
the most a ladder gives (docs/scoring.md rule 1): past a cap below 5 it is refused at its cell
(Q057) by the Python evaluator and the SQL engine alike. Before, 5 under a cap of 4 was taken,
so a row that gave the score outright published a total no results could reach."""

from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main

# the SQL engine where its extra is installed, skipped with the reason where it is not
ENGINES = ["python", pytest.param("sql", marks=pytest.mark.skipif(
    find_spec("duckdb") is None or find_spec("sqlglot") is None,
    reason="the SQL engine needs the extra `sql`: pip install 'kpidsl[sql]'"))]

RULES = """\
framework four "F" {
    fiscal_year 2555
    policy { cap 4 }
    dimension d "D" weight 100 {
        kpi 5 "Satisfaction" weight 50 { ladder 65 70 75 80 85 }
        kpi 11 "Information systems" weight 50 { owner_score }
    }
}
agreement a "A" {
    framework four 2555
}
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cap")
    (folder / "rules.kpi").write_text(RULES, encoding="utf-8")
    return folder


def _score(rules: Path, text: str, tmp_path: Path, engine: str):
    path = tmp_path / "r.csv"
    path.write_text(text, encoding="utf-8")
    return CliRunner().invoke(main, ["score", str(rules), "--results", str(path), "--format", "csv",
                                     "--lang", "en", "--engine", engine])


@pytest.mark.parametrize("engine", ENGINES)
def test_a_score_past_the_cap_of_a_ladder_is_told_at_its_cell(rules, tmp_path, engine):
    result = _score(rules, "agreement,person,5:score,11\na,p,4,5\na,q,4.5,5\n", tmp_path, engine)
    assert result.exit_code == 1
    assert re.findall(r":(\d+):(\d+): (Q\d{3})", result.stderr) == [("3", "5", "Q057")]
    assert "score 4.5 of 5 is past the cap 4" in result.stderr


@pytest.mark.parametrize("engine", ENGINES)
def test_a_score_at_the_cap_and_an_owners_score_of_5_are_taken(rules, tmp_path, engine):
    # the cap holds ladders only (kpidsl/check/caps.py P014): the owner's 5 stands; 4 × 50% + 5 × 50%
    result = _score(rules, "agreement,person,5:score,5:result,11\na,p,4,,5\na,q,,90,5\n", tmp_path, engine)
    assert result.exit_code == 0, result.stderr
    assert [line.split(",")[3] for line in result.stdout.splitlines()[1:]] == ["4.5000", "4.5000"]
