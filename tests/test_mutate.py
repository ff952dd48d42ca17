"""`kpidsl mutate` on a small rule set (tests/fixtures/mutate/small) whose
mutants are known: which operator applies where, and what becomes of each
(caught by `check`, by the rule set's example, or survived); the JSON shape;
exit codes; the same bytes whatever the number of jobs. This is also the CI
run of mutate."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.cli import main
from kpidsl.mutate import mutants
from kpidsl.check.in_memory import check_parsed, parse_text

HERE = Path(__file__).parent / "fixtures" / "mutate"


def run(*args: str):
    return CliRunner().invoke(main, ["mutate", *args])


@pytest.fixture
def in_fixtures(monkeypatch):
    monkeypatch.chdir(HERE)


@pytest.fixture(scope="module")
def report():
    """The JSON report of the small rule set (run once for the module)."""
    cwd = Path.cwd()
    try:
        import os

        os.chdir(HERE)
        result = run("small", "--format", "json")
    finally:
        os.chdir(cwd)
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def _find(report, path: str, line: int, column: int, operator: str, after: str | None = None) -> dict:
    found = [m for m in report["mutants_list"]
             if (m["path"], m["line"], m["column"], m["operator"]) == (path, line, column, operator)
             and (after is None or m["after"] == after)]
    assert len(found) == 1, found
    return found[0]


# ---- what becomes of known mutants ----------------------------------------------------------------------


@pytest.mark.parametrize("where, operator, after, kind, codes", [
    # Weights no longer add up: W001, once, at the framework (the agreement, which weighs
    # nothing there itself, adds up the framework's own figures: no W003 again).
    (("small/framework.kpi", 12, 65), "weight-plus-one", "29", "error", ["W001"]),
    (("small/framework.kpi", 16, 50), "weight-div-ten", "6", "error", ["W001"]),
    # A ladder out of order.
    (("small/framework.kpi", 12, 77), "ladder-swap", "70 65", "error", ["L002"]),
    (("small/framework.kpi", 16, 74), "ladder-past", "90", "error", ["L002"]),
    # A band boundary moved opens a gap (B001) or an overlap (B002); past the range, B004.
    (("small/bands.kpi", 3, 24), "band-plus", "4.01", "error", ["B001"]),
    (("small/bands.kpi", 3, 24), "band-minus", "3.99", "error", ["B002"]),
    (("small/bands.kpi", 3, 29), "band-plus", "5.01", "error", ["B004"]),
    (("small/bands.kpi", 4, 29), "band-side", "<=", "error", ["B002"]),
    # The period's end after its due date; the due a year away from the fiscal year.
    (("small/framework.kpi", 10, 51), "round-swap", "31 ต.ค. 2555 due 30 ก.ย. 2555", "error", ["D003", "D004"]),
    (("small/framework.kpi", 10, 68), "date-year", "2013-10-31", "error", ["D002"]),
    # The round no longer starts on the year's first day: a gap before it (D012).
    (("small/framework.kpi", 10, 37), "date-day", "2011-10-02", "warning", ["D012"]),
    # The only round ending a day early survives: one round may be all a seed gives.
    (("small/framework.kpi", 10, 51), "date-day", "2012-09-29", "survived", []),
    # The due date marked outside the year moved inside it: a warning.
    (("small/framework.kpi", 10, 68), "date-month", "2012-09-30", "warning", ["D011"]),
    # A round named for 12 months that lasts 11, or ends mid-month (D016, D015).
    (("small/framework.kpi", 10, 37), "date-month", "2011-11-01", "warning", ["D012", "D016"]),
    (("small/framework.kpi", 10, 51), "date-month", "2012-08-30", "warning", ["D015"]),
    (("small/framework.kpi", 12, 1), "indicator-duplicated", None, "error", ["N001", "W001"]),
    # Caught by the example: kpi 6 scores 3 at its target 75, not at 76.
    (("small/framework.kpi", 13, 90), "ladder-target", "76", "test", ["example dept_a_r12"]),
    (("small/framework.kpi", 12, 77), "ladder-direction", "lower 85 80 75 70 65", "test", ["example dept_a_r12"]),
    # Whole levels never score the example's 3.6: the checker tells it at the figure (X008).
    (("small/framework.kpi", 7, 21), "policy-value", "whole", "error", ["X008"]),
    # Two decimals cannot publish the expected total 3.7680 (kpidsl test compares at the written precision):
    # the checker tells it at the figure (X008) before any example runs.
    (("small/framework.kpi", 8, 18), "policy-value", "2", "error", ["X008"]),
    # Survivors: the example's result sits exactly at the target, so the step is never used;
    # its total 3.7680 is 3.768 at 3 decimals; the due date moves nothing.
    (("small/framework.kpi", 13, 98), "ladder-step", "10", "survived", []),
    (("small/framework.kpi", 8, 18), "policy-value", "3", "survived", []),
    (("small/framework.kpi", 10, 68), "date-day", "2012-11-01", "survived", []),
])
def test_known_mutants(report, where, operator, after, kind, codes):
    m = _find(report, *where, operator, after)
    assert m["class"] == kind
    assert m["codes"] == codes


def test_counts_and_score(report):
    assert report["kpidsl_mutate"] == 1
    assert report["rule_set"] == "small"
    assert report["mutants"] == len(report["mutants_list"]) == 88
    assert report["classes"] == {"error": 75, "warning": 4, "test": 3, "equivalent": 0, "survived": 6, "crash": 0}
    assert (report["caught"], report["non_equivalent"], report["score"]) == (82, 88, "0.9318")
    assert report["by_file"]["small/bands.kpi"] == {"error": 18, "warning": 0, "test": 0, "equivalent": 0,
                                                    "survived": 0, "crash": 0}
    assert sum(sum(c.values()) for c in report["by_operator"].values()) == 88
    assert report["by_operator"]["ladder-step"]["survived"] == 1


def test_json_shape(report):
    assert set(report) == {"kpidsl_mutate", "rule_set", "mutants", "score", "caught", "non_equivalent", "classes",
                           "by_operator", "by_file", "mutants_list"}
    for m in report["mutants_list"]:
        assert set(m) == {"path", "line", "column", "operator", "class", "before", "after", "codes"}
        assert m["before"] != m["after"]
    # In file and position order.
    keys = [(m["path"], m["line"], m["column"]) for m in report["mutants_list"]]
    assert keys == sorted(keys)


# ---- text, exit codes, jobs -------------------------------------------------------------------------------


def test_text_names_each_survivor_where_it_is(in_fixtures):
    result = run("small", "--lang", "en")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    survivors = [line for line in lines if " U001 " in line]
    assert len(survivors) == 6
    assert ("small/framework.kpi:13:98: U001 error: mutant `ladder-step` survived: `5` → `10` passes `check` "
            "and the rule set's examples") in survivors
    assert lines[-1] == ("small: mutation score 93.18% (82 caught of 88 non-equivalent; 88 mutants: "
                         "check error 75, check warning 4, tests 3, survived 6)")
    thai = run("small", "--lang", "th").stdout.splitlines()
    assert thai[-1].startswith("small: คะแนนการกลายพันธุ์ 93.18% (จับได้ 82 จาก 88")


def test_all_caught_exits_0(in_fixtures):
    result = run("small", "--only", "weight-plus-one", "--only", "band-side", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {m["operator"] for m in data["mutants_list"]} == {"weight-plus-one", "band-side"}
    assert data["score"] == "1.0000"


def test_same_bytes_with_two_jobs(in_fixtures):
    for fmt in ("text", "json"):
        one = run("small", "--format", fmt, "--jobs", "1")
        two = run("small", "--format", fmt, "--jobs", "2")
        assert one.exit_code == two.exit_code == 1
        assert one.stdout_bytes == two.stdout_bytes


def test_trouble_exits_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("missing").exit_code == 2
    assert run("small", "--only", "no-such-operator").exit_code == 2
    # A rule set with errors is not mutated (U003) …
    shutil.copytree(HERE / "small", tmp_path / "broken")
    text = (tmp_path / "broken" / "framework.kpi").read_text(encoding="utf-8")
    (tmp_path / "broken" / "framework.kpi").write_text(text.replace("weight 28", "weight 29"), encoding="utf-8")
    result = run("broken", "--lang", "en")
    assert result.exit_code == 2
    assert "U003" in result.stderr and "W001" in result.stderr
    # … nor one whose own example fails (U004).
    shutil.copytree(HERE / "small", tmp_path / "failing")
    text = (tmp_path / "failing" / "framework.kpi").read_text(encoding="utf-8")
    (tmp_path / "failing" / "framework.kpi").write_text(text.replace("total 3.7680", "total 3.7000"),
                                                        encoding="utf-8")
    result = run("failing", "--lang", "en")
    assert result.exit_code == 2
    assert "U004" in result.stderr and "example dept_a_r12" in result.stderr


# ---- operators on text ------------------------------------------------------------------------------------


def test_operators_keep_the_way_figures_are_written():
    text = ('framework f "ก" {\n    fiscal_year 2555\n    dimension a "ข" weight ๔๐ {\n'
            '        kpi 8 "ค" weight 40 {\n            input X Y "x"\n            value X / Y * 100\n'
            '            ladder 1 2 3 4 5\n        }\n    }\n}\n')
    parsed = parse_text("f.kpi", text)
    found = mutants({"f.kpi": parsed.document}, {"f.kpi": text})
    by = {(m.operator, m.before, m.after) for m in found}
    assert ("weight-plus-one", "๔๐", "๔๑") in by  # Thai digits stay Thai
    assert ("weight-div-ten", "๔๐", "๔") in by
    assert ("formula-operator", "/", "*") in by
    assert ("formula-operator", "*", "/") in by
    assert ("ladder-direction", "1 2 3 4 5", "lower 5 4 3 2 1") in by
    edited = next(m for m in found if m.operator == "formula-operator" and m.before == "/").applied(text)
    assert "value X * Y * 100" in edited


@pytest.mark.parametrize("value, want", [
    # the seeds' and the shipped rule files' signs (rules/2555/department.kpi: เฉลี่ย(X1 / Y1, …) × 100):
    # × turned to a division is written /, as every output shows a division, never ÷ (an ÷ mutant
    # was reported `×` → `÷` while its explanation printed `/`); a division turned to a product is
    # written × in a formula that writes × (or ÷), else *
    ("X / Y × 100", {("/", "×"), ("×", "/")}),
    ("X / Y * 100", {("/", "*"), ("*", "/")}),
    # ÷ is read (grammar/kpi.lark DIVIDE) and kept where written; its product is ×
    ("X ÷ Y × 100", {("÷", "×"), ("×", "/")}),
    # a minus written as the formula writes one
    ("X × Y − X + 1", {("×", "/"), ("−", "+"), ("+", "−")}),
    ("X * Y - X + 1", {("*", "/"), ("-", "+"), ("+", "-")}),
])
def test_a_formula_s_operator_is_turned_into_the_sign_the_formula_and_the_outputs_write(value, want):
    text = ('framework f "ก" {\n    fiscal_year 2555\n    dimension a "ข" weight 40 {\n'
            f'        kpi 8 "ค" weight 40 {{\n            input X Y "x"\n            value {value}\n'
            '            ladder 1 2 3 4 5\n        }\n    }\n}\n')
    parsed = parse_text("f.kpi", text)
    found = [m for m in mutants({"f.kpi": parsed.document}, {"f.kpi": text}) if m.operator == "formula-operator"]
    assert {(m.before, m.after) for m in found} == want
    for m in found:  # each mutant parses, and its formula is the one the report says
        edited = m.applied(text)
        assert not parse_text("f.kpi", edited).diagnostics
        line = edited.splitlines()[5]
        assert line[:m.column - 1] + m.before + line[m.column:] == text.splitlines()[5]


def test_kpidsl_test_fails_a_figure_the_plan_cannot_publish(tmp_path, monkeypatch):
    """What the `policy-value` 4 → 2 mutant taught: the example expects total 3.7680, which
    2 decimals cannot publish; both sides used to be rounded to 3.77 and agreed. The checker now
    tells it at the figure (X008), so kpidsl test stops before running the example."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(HERE / "small", tmp_path / "small")
    path = tmp_path / "small" / "framework.kpi"
    path.write_text(path.read_text(encoding="utf-8").replace("decimals 4", "decimals 2"), encoding="utf-8")
    result = CliRunner().invoke(main, ["test", "small", "--lang", "en"])
    assert result.exit_code == 1
    assert any(line.startswith("small/framework.kpi:29:52: X008 error: example `dept_a_r12` expects total 3.7680")
               for line in result.stderr.splitlines())
    # Three decimals publish 3.768, which is the figure written.
    path.write_text(path.read_text(encoding="utf-8").replace("decimals 2", "decimals 3"), encoding="utf-8")
    assert CliRunner().invoke(main, ["test", "small", "--lang", "en"]).exit_code == 0


def test_a_rule_set_checked_from_texts_in_memory_holds_them_and_counts_warnings_by_file():
    # what each mutant is re-checked with (kpidsl/check/in_memory.py): its warning D012, a gap
    # between two rounds, counted once under the file it is in; the texts the checker reads kept
    path = HERE.parent / "check" / "D012" / "bad_gap_between_rounds.kpi"
    text = path.read_text(encoding="utf-8")
    checked = check_parsed("d012", [parse_text("d012/rounds.kpi", text)])
    assert checked.errors == []
    assert checked.warnings() == Counter({("D012", "d012/rounds.kpi"): 1})
    assert checked.rule_set.texts == {"d012/rounds.kpi": text}
