"""A negative figure in a rule file, end to end.

None of the seeds' figures is below 0, but a rate of change is (-2 % .. +2 %), and the language
has taken a negative threshold in brackets, `(-2)`, since its first grammar (a `-` between two
figures is a range: `65 - 70`, seed 001's `4.5 - 5`). A threshold, a ladder's target, an
indicator's target and a baseline so written check clean, compile to the same Decimal, score
the same by Python and by SQL, print in the forms, and `fmt` keeps them as written.
"""

from __future__ import annotations

import json
import textwrap
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner

from kpidsl.cli import main

RULES = """\
framework department "Department 2555" {
    fiscal_year 2555
    dimension q "Quality" weight 100 {
        kpi 5 "Change in complaints" weight 50 {
            target (-1)
            ladder lower 1 0 (-1) (-2) (-3)
            baseline 2554 (-0.5)
        }
        kpi 6 "Growth of users" weight 50 {
            input X "users this year"
            input Y "users last year"
            value (X - Y) / Y * 100 - 1.5
            ladder target (-1) step 1.25
        }
    }
}

agreement dept "Example" {
    framework department 2555
}
"""


def _rule_set(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "rules.kpi").write_text(RULES, encoding="utf-8")
    return folder


def _run(*args: str):
    return CliRunner().invoke(main, [*args])


def test_negative_figures_compile_to_their_decimals(tmp_path):
    result = _run("compile", str(_rule_set(tmp_path)), "-o", str(tmp_path / "plan.json"))
    assert result.exit_code == 0, result.output
    plan = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in plan["frameworks"][0]["nodes"][0]["children"]}
    five, six = nodes["5"], nodes["6"]
    assert five["target"] == "-1"
    assert [t["value"] for t in five["scoring"]["thresholds"]] == ["1", "0", "-1", "-2", "-3"]
    assert five["template"]["baselines"][0]["value"] == "-0.5"
    # target -1 at level 3, 1.25 a level: -3.5 -2.25 -1 0.25 1.5
    assert [t["value"] for t in six["scoring"]["ladder"]["thresholds"]] == ["-3.5", "-2.25", "-1", "0.25", "1.5"]


def test_negative_figures_score_the_same_by_python_and_sql(tmp_path):
    rules = _rule_set(tmp_path)
    results = tmp_path / "results.csv"
    # 5: -1.5 lies halfway from -1 (level 3) to -2 (level 4): 3.5.
    # 6: (99 - 100) / 100 × 100 - 1.5 = -2.5, past level 1 (-3.5) by 1 of the 1.25 to level 2
    #    (-2.25): 1 + 1 / 1.25 = 1.8.
    # total 50 × 3.5 / 100 + 50 × 1.8 / 100 = 1.75 + 0.9 = 2.65
    results.write_text("agreement,5,6:X,6:Y\ndept,-1.5,99,100\n", encoding="utf-8")
    by_python = _run("score", str(rules), "--results", str(results), "--format", "csv")
    by_sql = _run("score", str(rules), "--results", str(results), "--format", "csv", "--engine", "sql")
    assert by_python.exit_code == 0, by_python.output
    assert by_sql.output == by_python.output
    row = by_python.output.splitlines()[1].split(",")
    assert Decimal(row[3]) == Decimal("2.6500")


def test_fmt_keeps_negative_figures_in_brackets(tmp_path):
    rules = _rule_set(tmp_path)
    result = _run("fmt", "--check", str(rules))
    assert result.exit_code == 0, result.output
    assert (rules / "rules.kpi").read_text(encoding="utf-8") == textwrap.dedent(RULES)


def test_forms_print_negative_figures(tmp_path):
    rules = _rule_set(tmp_path)
    out = tmp_path / "template.md"
    result = _run("render", str(rules), "--format", "md", "--agreement", "dept", "--form", "indicator-template",
                  "-o", str(out))
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "| 1 | 0 | -1 | -2 | -3 |" in lines  # kpi 5's ladder, lower is better
    assert "| -3.5 | -2.25 | -1 | 0.25 | 1.5 |" in lines  # kpi 6's, from its target and step
    assert "| ข้อมูลพื้นฐาน | พ.ศ. 2554: -0.5 |" in lines
