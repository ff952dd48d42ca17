"""Rows evaluated a run at a time (kpidsl/score/results/fast_rows.py FastRows.rows,
kpidsl/score/evaluate/rows.py RowEvaluator.many) give what the rows taken one by one give:
the same output bytes as the explaining path, the same diagnostics at the same places,
whatever the length of a run and wherever a row the run path cannot take falls in it."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan
from kpidsl.score.batch import score_records
from kpidsl.score.evaluate import rows as row_evaluation
from kpidsl.score.results import collect, csv_input, read_results

ROOT = Path(__file__).resolve().parent.parent
HEADER = ("agreement,person,round,1.1.1,1.1.2,1.2.1,2.1,4.1,4.2,5,6,7,8:X1,8:Y1,8:X2,8:Y2,8:X3,8:Y3,8:X4,8:Y4,"
          "9.1,9.2,10:score,11:survey,11:checklist,12:score")
CELLS = "82.5,125,4,11,96,5,78,88,3,90,100,180,200,270,300,360,400,92,100,4,4,3,3.2"


def line(person: str, six: str = "88", agreement: str = "dept_example_2555", rnd: str = "") -> str:
    return f"{agreement},{person},{rnd},{CELLS.replace(',88,', f',{six},')}"


@pytest.fixture(scope="module")
def plan():
    (rs,) = check_paths([ROOT / "rules" / "2555"]).rule_sets
    return compile_plan(rs, Path(rs.name))


SIXES = ["88", "70", "91.5", "60", "100", "75.25"]
CLEAN = [line(f"P{n}", six=SIXES[n % len(SIXES)]) for n in range(23)]
CASES = {
    "clean": CLEAN,
    # a cell that is not a number in the middle of a run, and at its end
    "bad-cells": CLEAN[:5] + [line("B1", six="abc")] + CLEAN[5:11] + [line("B2", six="-")] + CLEAN[11:],
    # the agreement written otherwise (its rows still scored), unknown, blank rows, a row given twice
    "mixed": CLEAN[:4] + [line("S1", agreement=" dept_example_2555 "), line("U1", agreement="nope"), "", ",,,"]
    + CLEAN[4:9] + [CLEAN[2]] + CLEAN[9:],
    # a round the agreement has not, and short rows (padded with blanks: something missing)
    "rounds-and-short": CLEAN[:3] + [line("R1", rnd="9"), "dept_example_2555,Q1,,82.5"] + CLEAN[3:],
    # quoted cells, one running over three lines (a run of lines may end inside it), then a bad cell
    "quoted": CLEAN[:3] + ['"dept_example_2555",Q1,' + CELLS, line('"Q\n2\nx"')] + CLEAN[3:8]
    + [line("B1", six="abc")] + CLEAN[8:],
    # a NUL stops the reading where it is: the rows before it are scored, the file told of
    "nul": CLEAN[:7] + [line("N\x001")] + CLEAN[7:],
}


def scored(plan, path: Path, fast: bool) -> tuple[str, list[tuple]]:
    outcome = score_records(plan, "2555", path, None, None, "csv", False, "en", None, fast=fast)
    return outcome.text, [(d.code, d.span.line, d.span.column) for d in outcome.diagnostics]


def runs_taken(monkeypatch) -> list:
    """The runs RowEvaluator.many is given from now on: each one's count when it evaluated the
    run whole, None when it left the run to be taken row by row."""
    taken = []
    many = row_evaluation.RowEvaluator.many

    def counted(self, cols, count, *rest):
        found = many(self, cols, count, *rest)
        taken.append(None if found is None else count)
        return found

    monkeypatch.setattr(row_evaluation.RowEvaluator, "many", counted)
    return taken


@pytest.mark.parametrize("run", [1, 3, 4, 1000])
@pytest.mark.parametrize("case", sorted(CASES))
def test_runs_of_rows_give_what_rows_one_by_one_give(plan, tmp_path, monkeypatch, case, run):
    path = tmp_path / "r.csv"
    path.write_text("\n".join([HEADER, *CASES[case]]) + "\n", encoding="utf-8")
    expected_text, expected = scored(plan, path, fast=False)
    _, exact = collect(read_results(path, plan))
    # the reader's problems, and among them (in file order) those of scoring the rows it read:
    # every row is scored for its problems, after a first one too (a short row lacks values, Q007)
    assert [d for d in expected if d[0] != "Q007"] == [(d.code, d.span.line, d.span.column) for d in exact]
    monkeypatch.setattr(csv_input, "SCORED_RUN", run)
    taken = runs_taken(monkeypatch)  # the runs RowEvaluator.many evaluated whole
    assert scored(plan, path, fast=True) == (expected_text, expected)
    if case == "clean":
        assert expected == [] and expected_text.count("\n") == 1 + len(CLEAN)
        assert sum(n for n in taken if n) == len(CLEAN)  # every row evaluated in a run
    if case == "rounds-and-short":  # the short row after the round not the agreement's
        assert expected == [("Q005", 5, 22), ("Q007", 6, 1)]
    if case == "bad-cells":
        assert [code for code, _, _ in expected] == ["Q003", "Q003"]
        assert taken.count(None) == (1 if run == 1000 else 2)  # a run with a bad row is taken row by row


@pytest.mark.parametrize("run", [1, 3, 1000])
def test_a_bad_byte_stops_a_run_where_it_is(plan, tmp_path, monkeypatch, run):
    # past the head read first (csv_input.HEAD_BYTES), so that the streaming finds it
    before = CASES["bad-cells"] + [line(f"M{n}") for n in range(csv_input.HEAD_BYTES // 100)]
    path = tmp_path / "r.csv"
    path.write_bytes(("\n".join([HEADER, *before]) + "\n").encode("utf-8") + b"\xff\xfe,\n"
                     + ("\n".join(CLEAN) + "\n").encode("utf-8"))
    expected = scored(plan, path, fast=False)
    assert [code for code, _, _ in expected[1]] == ["Q003", "Q003", "F008"]
    monkeypatch.setattr(csv_input, "SCORED_RUN", run)
    assert scored(plan, path, fast=True) == expected



# ---- rows whose cells vary: each node's key, each computed node's memo, omitted nodes --------------------

def _varied_2555(count: int) -> list[str]:
    """dept_example_2555's rows, each cell one of three texts picked by the row and the column
    apart: a node's key and the keys below a computed node vary on their own, and repeat
    (memo hits and misses)."""
    base = [Decimal(c) for c in CELLS.split(",")]

    def moved(c: Decimal, d: int) -> str:  # a score or steps done (0–5) down, a measured result up
        return str(c - d if c <= 5 else c + d)

    return [f"dept_example_2555,P{n},,{','.join(moved(c, (n * (k + 3) // (k + 1)) % 3) for k, c in enumerate(base))}"
            for n in range(count)]


def _parity(plan, tmp_path, monkeypatch, header: str, lines: list[str], run: int, window: int | None):
    """The output and diagnostics of the row path, which must be the explaining path's."""
    path = tmp_path / "r.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    expected = scored(plan, path, fast=False)
    monkeypatch.setattr(csv_input, "SCORED_RUN", run)
    if window is not None:  # a memo that stops paying after a few misses (Memo.WINDOW)
        monkeypatch.setattr(row_evaluation.Memo, "WINDOW", window)
    assert scored(plan, path, fast=True) == expected
    return expected


@pytest.mark.parametrize("window", [None, 4])
@pytest.mark.parametrize("run", [1, 3, 1000])
def test_rows_whose_every_cell_varies(plan, tmp_path, monkeypatch, run, window):
    text, diagnostics = _parity(plan, tmp_path, monkeypatch, HEADER, _varied_2555(40), run, window)
    assert diagnostics == [] and text.count("dept_example_2555") == 40
    assert len(set(text.splitlines())) == 41  # no two rows alike



@pytest.fixture(scope="module")
def plan_2554():
    (rs,) = check_paths([ROOT / "rules" / "2554"]).rule_sets
    return compile_plan(rs, Path(rs.name))


JANYA = ("agreement,round,person,raise,salary,group,j1:score,j2:score,j3:score,j4:score,j5:score,"
         "c1:score,c2:score,c3:score,c4:score,c5:score")


@pytest.mark.parametrize("run", [1, 3, 1000])
def test_a_raise_outside_its_band_is_told_where_it_is(plan_2554, tmp_path, monkeypatch, run):
    # seed 001's form (70.8, ดี) with a raise of 3%, 6 rows; the fourth asks 5.5%, under the cap (6%) but above ดี's range
    lines = [f"janya_2554_r1,1,P{n},{'5.5' if n == 3 else '3'},,,3.5,3,4.5,3,4.5,4,3,4,3,3" for n in range(6)]
    _, diagnostics = _parity(plan_2554, tmp_path, monkeypatch, JANYA, lines, run, None)
    assert [(code, line) for code, line, _ in diagnostics] == [("Q023", 5)]


@pytest.mark.parametrize("run", [1, 3, 1000])
def test_a_late_report_is_penalised_on_the_row_path(plan_2554, tmp_path, monkeypatch, run):
    # seed 002: sar12 due 31 ต.ค. 2554; 3 พ.ย. is 3 working days late, 0.05 a day
    days = ["31 ต.ค. 2554", "3 พ.ย. 2554", "1 พ.ย. 2554", "", "3 พ.ย. 2554", "31 ต.ค. 2554"]
    lines = [f"province_example_2554,sar12,S{n},3.5,{80 + n % 3},80,4,{day}" for n, day in enumerate(days)]
    text, diagnostics = _parity(plan_2554, tmp_path, monkeypatch, "agreement,round,person,p1,p2,p3,p4,submitted",
                                lines, run, None)
    assert diagnostics == [] and len(text.splitlines()) == 1 + 6
    assert text.count(",0.1500,") == 2 and text.count(",0.0500,") == 1  # 3 days late, 1 day late


def _kept(memo, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        memo.keep((str(n),), (None, Decimal(n), None))


@pytest.mark.parametrize("hits, on", [(255, False), (256, True)])
def test_a_memo_stops_below_one_hit_in_sixteen(hits, on):
    memo = row_evaluation.Memo()
    assert (memo.on, memo.hits, memo.misses) == (True, 0, 0)
    memo.hits = hits
    _kept(memo, memo.WINDOW - 1)
    assert memo.on is True and len(memo) == memo.WINDOW - 1 and memo[("7",)] == (None, Decimal(7), None)
    _kept(memo, 1, memo.WINDOW - 1)  # the window's last miss: 256 × 16 = 4,096 pays, 255 × 16 does not
    assert memo.on is on and len(memo) == (memo.WINDOW if on else 0)
    if on:  # counted afresh: another window without a hit stops it, not one miss sooner
        assert (memo.hits, memo.misses) == (0, 0)
        _kept(memo, memo.WINDOW - 1, memo.WINDOW)
        assert memo.on is True
        _kept(memo, 1, 2 * memo.WINDOW - 1)
        assert memo.on is False and len(memo) == 0


def test_a_memo_keeps_at_most_its_limit():
    memo = row_evaluation.Memo()
    for window in range(memo.LIMIT // memo.WINDOW + 1):
        memo.hits = memo.WINDOW
        _kept(memo, memo.WINDOW, window * memo.WINDOW)
    assert memo.on is True and len(memo) == memo.LIMIT and ("0",) in memo and (str(memo.LIMIT),) not in memo


def test_a_component_of_a_run_of_rows_is_computed_at_once(plan_2554):
    # janya (seed 001): achievement 72, competency 68 from her form's scores; a second row
    # with every score 5 gives 100 and 100. The run-shaped rule gives what row by row gives.
    from kpidsl.score.evaluate import PlanEvaluator, Run

    evaluator = PlanEvaluator(plan_2554).get("janya_2554_r1")
    forms = [dict(zip(["j1", "j2", "j3", "j4", "j5", "c1", "c2", "c3", "c4", "c5"], map(Decimal, scores)))
             for scores in ("3.5,3,4.5,3,4.5,4,3,4,3,3".split(","), ["5"] * 10)]
    rows = [evaluator.evaluate({node: {"score": score} for node, score in form.items()}).results for form in forms]
    (i_a, _), (i_c, _) = evaluator.components
    for index, scores in ((i_a, [Decimal(72), Decimal(100)]), (i_c, [Decimal(68), Decimal(100)])):
        columns = [[row[j] for row in rows] for j in range(index)]
        at_once = evaluator.computed_many(index)(columns)
        assert at_once == [evaluator.computed(index)(row[:index], Run()) for row in rows]
        assert [score for _, score, _ in at_once] == scores
    columns = [[row[j] for row in rows] for j in range(i_a)]
    columns[0][1] = (None, None, None)  # j1 of the second row: no score (then row by row, which tells it)
    assert evaluator.computed_many(i_a)(columns) is None


UNWEIGHTED = """framework f "F" {
    fiscal_year 2555
    dimension d "D" {
        kpi k "K" { ladder 65 70 75 80 85 }
    }
}
agreement a "A" { framework f }
"""


@pytest.mark.parametrize("run", [1, 3, 1000])
def test_a_framework_without_weights_has_no_total_on_the_row_path(tmp_path, monkeypatch, run):
    # an indicator scored on seed 003's ladder (78 → 3.6) that no weight carries into the total: a
    # clean row without a total, each row of a run finished on its own (AgreementEvaluator._finish).
    # The checker stops such a rule set (W009); a plan compiled past it still scores each row.
    (tmp_path / "rs").mkdir()
    (tmp_path / "rs" / "rules.kpi").write_text(UNWEIGHTED, encoding="utf-8")
    result = check_paths([tmp_path / "rs"])
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("W009", 1)]
    (rs,) = result.rule_sets
    plan = compile_plan(rs, Path(rs.name))
    taken = runs_taken(monkeypatch)  # the runs RowEvaluator.many evaluated whole
    values = ["78", "90", "60", "78", "72.5", "85"]
    text, diagnostics = _parity(plan, tmp_path, monkeypatch, "agreement,person,k",
                                [f"a,P{n},{v}" for n, v in enumerate(values)], run, None)
    assert diagnostics == []
    assert text.splitlines()[1:] == [f"a,P{n},,,,,,," for n in range(len(values))]
    assert sum(n for n in taken if n) == len(values)  # every row evaluated in a run
    # each row's indicator scored all the same (JSON gives the nodes): 3.6, 5, 1, 3.6, 2.5, 5
    path = tmp_path / "r.csv"
    documents = json.loads(score_records(plan, "rs", path, None, None, "json", False, "en", None).text)
    assert [d["nodes"][0]["children"][0]["score"] for d in documents] == [
        "3.6000", "5.0000", "1.0000", "3.6000", "2.5000", "5.0000"]


@pytest.mark.parametrize("run", [1, 3, 1000])
def test_a_framework_with_bands_and_no_salary_on_the_row_path(plan_2554, tmp_path, monkeypatch, run):
    # seed 004's it_network_admin (individual_2553: bands, no salary rules): a band and no raise
    # for each row of a run, as row by row gives them
    competencies = ["5", "4", "3", "5", "1"]
    lines = [f"it_network_admin,1,N{n},95,{c1},3,4,3,3" for n, c1 in enumerate(competencies)]
    text, diagnostics = _parity(plan_2554, tmp_path, monkeypatch, "agreement,round,person,it2,c1,c2,c3,c4,c5",
                                lines, run, None)
    assert diagnostics == []
    # c1 is 20% of the competencies' 30% share × 20: a step of 1 is 1.2 of the total; ต้องปรับปรุง (< 60)
    assert [line.split(",")[3:] for line in text.splitlines()[1:]] == [
        [total, "", total, "improve", "", ""] for total in ("35.6000", "34.4000", "33.2000", "35.6000", "30.8000")]


@pytest.mark.parametrize("run", [2, 3])
def test_a_run_whose_every_raise_was_met_before_takes_their_amounts(plan_2554, tmp_path, monkeypatch, run):
    # seed 001's form (70.8, ดี) at 3% six times: the first run works the amount out (her
    # 28,000 is in the upper half, 30,600 × 3% = 918 → 920), the later runs find every row's
    # % fitted in its band already
    lines = [f"janya_2554_r1,1,P{n},3,3.5,3,4.5,3,4.5,4,3,4,3,3" for n in range(6)]
    taken = runs_taken(monkeypatch)  # the runs RowEvaluator.many evaluated whole
    text, diagnostics = _parity(plan_2554, tmp_path, monkeypatch, JANYA.replace(",salary,group", ""), lines, run,
                                None)
    assert sum(n for n in taken if n) == 6  # every row evaluated in a run
    assert diagnostics == []
    assert [line.split(",")[3:] for line in text.splitlines()[1:]] == [
        ["70.8000", "", "70.8000", "good", "3", "920"]] * 6
