"""The one evaluator (kpidsl/score/evaluate), with and without a trace.

Hypothesis properties: for random results on every shipped agreement (rules/2554,
rules/2555) and on random ladders and policies, an evaluation without a trace (the
batch's) gives exactly the figures of the explained one (total, penalty, final, band,
raise, amount, and every node's value, score and weighted score; digits and exponents
alike), is clean exactly when the explained report has something missing or a problem
to report, and is written (CSV row, JSON document) as the report is.
Regular tests: a batch scored straight from its cells and one explained row by row is
byte-identical (CSV and JSON, clean files and files with problems, whose diagnostics
are the same).
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import random
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan
from kpidsl.plan.read import plan_of
from kpidsl.score.numbers import plain
from kpidsl.score import Entry, Inputs, score_agreement
from kpidsl.score.batch import score_records
from kpidsl.score.evaluate import PlanEvaluator, Run
from kpidsl.score.json_text import JsonTexts
from kpidsl.score.report import as_dict, csv_line, csv_row, evaluation_dict, evaluation_row
from kpidsl.score.results import accepted_fields

ROOT = Path(__file__).resolve().parent.parent
D = Decimal


@lru_cache(maxsize=None)
def shipped(year: str) -> tuple[dict, str]:
    """The plan of rules/<year> and its root, as `kpidsl score` compiles it."""
    result = check_paths([ROOT / "rules" / year])
    assert not result.errors, f"rules/{year} does not check clean"
    (rs,) = result.rule_sets
    return compile_plan(rs, Path(rs.name)), rs.name


SHIPPED = [(year, a["id"]) for year in ("2554", "2555") for a in shipped(year)[0]["agreements"]]


def walk(nodes: list[dict]):
    for n in nodes:
        yield n
        yield from walk(n["children"])


def same(a: Decimal | None, b: Decimal | None) -> bool:
    """The same figure: equal, and written alike (70.0 is not 70)."""
    return a is None and b is None or a is not None and b is not None and a == b and str(a) == str(b)


# ---- random results --------------------------------------------------------------------------------------

def numbers(low: int, high: int, places: int) -> st.SearchStrategy[Decimal]:
    return st.integers(low * 10 ** places, high * 10 ** places).map(lambda n: D(n).scaleb(-places))


SCORES = st.sampled_from([D(x) for x in ("0", "1", "1.5", "2", "2.25", "3", "3.5", "4", "4.75", "5")])


def near(ladder: dict | None) -> st.SearchStrategy[Decimal]:
    """A measured value around a ladder: at a threshold, just off one, between, far out."""
    points = [D(t["value"]) for t in (ladder or {}).get("thresholds") or ()] or [D(0), D(100)]
    lo, hi = min(points), max(points)
    span = max(hi - lo, D(1))
    return st.one_of(
        st.sampled_from(points),
        st.tuples(st.sampled_from(points), st.sampled_from([D("0.01"), D("-0.01"), D("0.5"), D("-0.5")]))
        .map(lambda p: p[0] + p[1]),
        numbers(int(lo - span) - 1, int(hi + span) + 1, 2),
        numbers(int(lo) - 1, int(hi) + 1, 3),
    )


@st.composite
def results_for(draw, plan: dict, agreement: dict) -> Inputs:
    """Results for an agreement as the results reader would hand them over (only fields
    it accepts, scores 0–5, steps whole 0–5), with now and then a value left out."""
    accepted = accepted_fields(plan_of(plan).agreement(agreement["id"]))
    entries: dict[str, Entry] = {}
    for n in walk(agreement["nodes"]):
        node = accepted[n["id"]]
        if not node.fields or n["id"] in entries or draw(st.integers(0, 24)) == 0:
            continue
        scoring = n["scoring"] or {}
        kind = scoring.get("kind")
        fields: dict[str, Decimal] = {}
        given_score = draw(st.integers(0, 9)) == 0
        if given_score or kind in ("owner_score", "scale"):
            fields["score"] = draw(SCORES)
        elif kind == "ladder":
            fields["result"] = draw(near(scoring))
        elif kind == "formula":
            for name in node.fields[:-1]:
                if draw(st.integers(0, 30)):
                    fields[name] = draw(st.one_of(numbers(0, 500, 1), st.just(D(0)), near(scoring.get("ladder"))))
        elif kind == "milestones":
            fields["steps"] = D(draw(st.integers(0, 5)))
        elif kind == "composite":
            for part in scoring["parts"]:
                if draw(st.integers(0, 30)):
                    ps = part["scoring"] or {}
                    fields[part["id"]] = draw(near(ps) if ps.get("kind") == "ladder" else SCORES)
        if fields:
            entries[n["id"]] = Entry(n["id"], fields, "results.csv:2")
    framework = next(f for f in plan["frameworks"] if f["id"] == agreement["framework"])
    rounds = [r["id"] for r in framework["rounds"]]
    round_ = None
    if rounds:  # mostly the agreement's own round, as the results reader insists
        round_ = agreement.get("round") if draw(st.integers(0, 3)) else draw(st.sampled_from([None, *rounds]))
    submitted = None
    dues = [r["due"]["end"] for r in framework["rounds"] if r.get("due")]
    if dues and draw(st.integers(0, 3)):
        submitted = dt.date.fromisoformat(draw(st.sampled_from(dues))) + dt.timedelta(days=draw(st.integers(-5, 40)))
    # a raise % inside a band's range (or at its ends) more often than not
    bands = next((b["bands"] for b in plan["bands"] if b["id"] == framework.get("bands")), [])
    edges = [D(b["raise"][k]) for b in bands if b.get("raise") for k in ("low", "high")] or [D(3)]
    raise_percent = draw(st.one_of(st.none(), numbers(0, 7, 2), st.sampled_from([*edges, D("3.0"), D(0)]),
                                   st.tuples(st.sampled_from(edges), st.sampled_from(edges))
                                   .map(lambda e: (e[0] + e[1]) / 2)))
    return Inputs(entries=entries, submitted=submitted, raise_percent=raise_percent, round=round_)


def compare(plan: dict, agreement_id: str, inputs: Inputs) -> None:
    """The property: the evaluation without a trace gives the explained report's figures,
    and is clean exactly when the report has nothing to say."""
    agreement = next(a for a in plan["agreements"] if a["id"] == agreement_id)
    evaluator = PlanEvaluator(plan).get(agreement_id)
    fields = {k: e.fields for k, e in inputs.entries.items()}
    try:
        report = score_agreement(plan, agreement_id, inputs)
    except ArithmeticError:  # the same evaluator stops on it either way
        with pytest.raises(ArithmeticError):
            evaluator.evaluate(fields, inputs.round, inputs.submitted, inputs.raise_percent, Run(), "someone")
        return
    run = Run()
    figures = evaluator.evaluate(fields, inputs.round, inputs.submitted, inputs.raise_percent, run, "someone")
    assert run.clean == (not report.missing and not report.problems), (report.missing, report.problems)
    assert [p.code for p in run.problems] == [p.code for p in report.problems]
    for what in ("total", "penalty", "final", "raise_percent", "amount"):
        assert same(getattr(figures, what), getattr(report, what)), \
            (what, getattr(figures, what), getattr(report, what))
    assert figures.band == report.band
    assert figures.raise_range == report.raise_range
    for n in walk(agreement["nodes"]):
        node = report.find(n["id"])
        value, score, weighted = figures.node(n["id"]) or (None, None, None)
        assert same(value, node.value) and same(score, node.score) and same(weighted, node.weighted), n["id"]
    if not run.clean:
        return
    # and as the batch writes them
    row = evaluation_row(figures)
    assert row == csv_row(report, "someone", inputs.round)
    line = csv_line(list(row))
    if line is not None:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(csv_row(report, "someone", inputs.round))
        assert line == out.getvalue()
    assert evaluation_dict(figures) == as_dict(report, False, "someone", inputs.round)
    # and its text as the batch writes it (kpidsl/score/json_text.py): json.dumps's
    assert JsonTexts().texts([figures]) == [json.dumps(evaluation_dict(figures), ensure_ascii=False)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_untraced_equals_explained_on_shipped_agreements(data):
    year, agreement_id = data.draw(st.sampled_from(SHIPPED), label="agreement")
    plan, _ = shipped(year)
    agreement = next(a for a in plan["agreements"] if a["id"] == agreement_id)
    compare(plan, agreement_id, data.draw(results_for(plan, agreement), label="results"))


# ---- random ladders and policies --------------------------------------------------------------------------

@st.composite
def ladder_dicts(draw) -> dict:
    """A ladder as the plan holds it: five thresholds ordered in its direction, level 1
    plain, written toward the better side, "or worse" (<=65) or open (> 35 before <= 35),
    comparisons strict or not, steps that divide evenly or not (1/3)."""
    direction = draw(st.sampled_from(["higher", "lower"]))
    start = draw(numbers(-50, 500, 1))
    steps = draw(st.lists(st.one_of(numbers(0, 20, 2), st.sampled_from([D(3), D("2.5"), D(7)]))
                          .filter(lambda d: d > 0), min_size=4, max_size=4))
    points = [start]
    for step in steps:
        points.append(points[-1] + step if direction == "higher" else points[-1] - step)
    toward, strict, away = (">=", ">", "<=") if direction == "higher" else ("<=", "<", ">")
    ops = [draw(st.sampled_from([None, None, toward, strict])) for _ in range(5)]
    level1 = draw(st.sampled_from(["plain", "or_worse", "open"]))
    open1 = False
    if level1 == "or_worse":
        ops[0] = away if direction == "lower" else "<="
    elif level1 == "open":
        ops[0] = ">" if direction == "lower" else "<"
        points[0] = points[1]
        open1 = True
    return {"kind": "ladder", "direction": direction,
            "thresholds": [{"value": plain(p), "op": op} for p, op in zip(points, ops)],
            "open_level_1": open1, "target": plain(points[2]), "step": None, "unit": None,
            "source": {"path": "rules.kpi", "line": 1}}


POLICIES = st.fixed_dictionaries({
    "floor": st.sampled_from(["0", "1"]),
    "cap": st.sampled_from(["5", "4.5"]),
    "interpolate": st.sampled_from(["linear", "linear", "whole"]),
    "decimals": st.sampled_from([4, 4, 2, 0, 8]),
    "rounding": st.sampled_from(["half_up", "half_even", "up", "down"]),
    "round_at": st.sampled_from(["total", "indicator_level"]),
    "redistribute": st.just("proportional"),
    "milestone_count": st.sampled_from(["consecutive", "listed"]),
    "late_step": st.sampled_from(["not_counted", "counted"]),
    "scale_score": st.just("between"),  # the rows' competencies are whole: either policy takes them
    "penalty_floor": st.sampled_from(["0", "none"]),
})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_untraced_equals_explained_on_random_ladders(data):
    """somsak_2554_r1 (two indicators on ladders and five competencies) and the department
    example of 2555, with their ladders and their framework's policy drawn at random."""
    year, agreement_id = data.draw(st.sampled_from([("2554", "somsak_2554_r1"), ("2554", "janya_2554_r1"),
                                                    ("2555", "dept_example_2555")]))
    plan = copy.deepcopy(shipped(year)[0])
    agreement = next(a for a in plan["agreements"] if a["id"] == agreement_id)
    for n in walk(agreement["nodes"]):
        scoring = n["scoring"] or {}
        if scoring.get("kind") == "ladder" or scoring.get("kind") == "formula" and scoring.get("ladder"):
            ladder = data.draw(ladder_dicts(), label=f"ladder {n['id']}")
            if scoring["kind"] == "ladder":
                n["scoring"] = {**ladder, "source": scoring.get("source")}
            else:
                scoring["ladder"] = ladder
    framework = next(f for f in plan["frameworks"] if f["id"] == agreement["framework"])
    framework["policies"] = data.draw(POLICIES, label="policy")
    compare(plan, agreement_id, data.draw(results_for(plan, agreement), label="results"))


def test_a_third_is_kept_to_the_evaluator_s_digits():
    """A step of 3 makes thirds: with a trace or without, the same digits."""
    plan = copy.deepcopy(shipped("2554")[0])
    agreement = next(a for a in plan["agreements"] if a["id"] == "somsak_2554_r1")
    s1 = next(n for n in walk(agreement["nodes"]) if n["id"] == "s1")
    s1["scoring"]["thresholds"] = [{"value": v, "op": None} for v in ("60", "63", "66", "69", "72")]
    scores = {f"c{k}": Entry(f"c{k}", {"score": D(3)}) for k in range(1, 6)}
    inputs = Inputs(entries={"s1": Entry("s1", {"result": D(61)}), "s2": Entry("s2", {"result": D("81.7")}),
                             **scores}, raise_percent=None)
    compare(plan, "somsak_2554_r1", inputs)
    report = score_agreement(plan, "somsak_2554_r1", inputs)
    assert len(str(report.find("s1").score)) > 20  # 1.3333…: the case is the one meant


def test_a_traced_node_is_remembered_by_its_results_text():
    """An explaining batch remembers each node's figures and trace by its results' text
    (kpidsl/score/evaluate/agreement.py, AgreementEvaluator._traced): 70 and 70.0 are equal
    numbers, each kept as written (the figures' digits are the unremembered evaluation's); a
    score out of range is reported every time it is met, and a memo filled by one row does
    not change the next row's figures."""
    plan, _ = shipped("2554")
    evaluator = PlanEvaluator(plan).get("somsak_2554_r1")
    scores = {f"c{k}": Entry(f"c{k}", {"score": D(3)}) for k in range(1, 6)}

    def explained(s1: str, c1: str = "3"):
        inputs = Inputs(entries={"s1": Entry("s1", {"result": D(s1)}), "s2": Entry("s2", {"result": D("81.7")}),
                                 **scores, "c1": Entry("c1", {"score": D(c1)})})
        from kpidsl.score.engine import explain
        return explain(evaluator, inputs)

    first, written_otherwise, again = explained("70"), explained("70.0"), explained("70")
    assert str(first.find("s1").value) == "70" and str(written_otherwise.find("s1").value) == "70.0"
    untraced = evaluator.evaluate({"s1": {"result": D("70.0")}, "s2": {"result": D("81.7")},
                                   **{f"c{k}": {"score": D(3)} for k in range(1, 6)}})
    assert str(written_otherwise.find("s1").score) == str(untraced.node("s1")[1])
    assert again.find("s1").explanation == first.find("s1").explanation
    assert first.final == written_otherwise.final == again.final
    for _ in range(2):  # Q035 each time (c1's scale takes 1–5): a row with a problem is never remembered as clean
        bad = explained("70", c1="7")
        assert [p.code for p in bad.problems] == ["Q035"]
        assert bad.find("c1").score == D(7)
    assert explained("70", c1="4").find("c1").score == D(4)


def test_one_number_met_as_a_score_given_and_as_a_result_is_each():
    """The results reader gives one Decimal per cell text (kpidsl/score/number_cells.py), so
    somsak's s1 given a score of 4 in one file and a result of 4 in another can be handed the
    very same object: remembered by the object and its field's name
    (AgreementEvaluator._run_steps), the score given stays 4 and the result 4 is below his
    ladder's <=70, 1; traced or not, whichever comes first."""
    plan, _ = shipped("2554")
    four = D(4)
    rest = {"s2": {"result": D("81.7")}, **{f"c{k}": {"score": D(3)} for k in range(1, 6)}}
    for order in (("score", "result"), ("result", "score")):
        evaluator = PlanEvaluator(plan).get("somsak_2554_r1")
        for traced in (False, True, False):
            for field in order:
                found = evaluator.evaluate({"s1": {field: four}, **rest}, run=Run(traced))
                assert found.node("s1")[:2] == ((None, D(4)) if field == "score" else (D(4), D(1)))


def test_steps_listed_one_by_one_are_never_taken_for_another_row_s():
    """A milestone's steps listed one by one (kpidsl/score/milestone_steps.py StepsDone) are no
    number: no memo key, so each row's list is scored afresh (AgreementEvaluator._run_steps).
    Seed 003's indicator 7 of the 2555 department: 1, 2, 3, 5 done scores 3 (the steps in a
    row from step 1), 1, 2 scores 2."""
    from kpidsl.score.milestone_steps import StepsDone

    plan, _ = shipped("2555")
    evaluator = PlanEvaluator(plan).get("dept_example_2555")
    for steps, score in (((1, 2, 3, 5), 3), ((1, 2), 2), ((1, 2, 3, 5), 3), ((1, 2), 2)):
        assert evaluator.evaluate({"7": {"steps_done": StepsDone(steps)}}).node("7")[1] == score


def test_a_score_given_is_held_to_0_5_at_its_node():
    """Seed 003's sub-indicator 1.1.1 of the 2555 department (a ladder, weight 0.6 under the
    weighted average 1.1) given a score of its own: 4.5, its W × SM 0.6 × 4.5 = 2.7; 0 and 5,
    the ends of 0–5, are scores like any other; 5.5 is outside 0–5 (Q017), at 1.1.1's score,
    citing its rule line. A weighted average (1.1 itself) takes no score given: its score is
    its sub-indicators' (kpidsl/results_fields.py), so one given to it is not read."""
    plan, _ = shipped("2555")
    evaluator = PlanEvaluator(plan).get("dept_example_2555")
    given = evaluator.evaluate({"1.1.1": {"score": D("4.5")}})
    assert given.node("1.1.1") == (None, D("4.5"), D("2.7")) and not given.run.problems
    ends = [evaluator.evaluate({"1.1.1": {"score": D(end)}}) for end in ("0", "5")]
    assert [(e.node("1.1.1"), e.run.problems) for e in ends] == [((None, 0, 0), []), ((None, 5, D("3.0")), [])]
    (problem,) = evaluator.evaluate({"1.1.1": {"score": D("5.5")}}).run.problems
    assert (problem.code, problem.fields, problem.column) == ("Q017", {"score": "5.5", "id": "1.1.1"}, ("1.1.1", "score"))
    # and cites the rule line of 1.1.1, the agreement's (the command line prints it after the cell)
    lines = (ROOT / "rules" / "2555" / "agreements" / "department_example.kpi").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if 'ตัวชี้วัด 1.1.1 "' in text)
    assert problem.source == {"path": "agreements/department_example.kpi", "line": line}
    assert evaluator.evaluate({"1.1": {"score": D("4.5")}}).node("1.1") == (None, None, None)


def test_a_node_of_an_evaluation_by_its_id():
    """Evaluation.node: (value, score, weighted) of a node of the agreement (somsak's s2,
    seed 001: 81.7 on its ladder <=70 75 80 85 >=90 scores 3.34, weighted 50% × 3.34 = 1.67),
    None for an id it has not."""
    plan, _ = shipped("2554")
    evaluator = PlanEvaluator(plan).get("somsak_2554_r1")
    evaluation = evaluator.evaluate({"s1": {"result": D("70")}, "s2": {"result": D("81.7")},
                                     **{f"c{k}": {"score": D(3)} for k in range(1, 6)}})
    assert evaluation.node("s2") == (D("81.7"), D("3.34"), D("1.67"))
    assert evaluation.node("no_such_node") is None


# ---- batches: byte-identical with and without the fast path -------------------------------------------------

def sample_rows(plan: dict, count: int, seed: int) -> tuple[list[str], list[list[str]]]:
    """A CSV for every agreement of a plan: valid results, now a score given directly, the
    raise % inside the band the engine gives (so that the rows score cleanly), people whose
    names need quoting, Thai digits, late reports."""
    rng = random.Random(seed)
    columns: list[str] = ["agreement", "person", "round", "submitted", "raise"]
    rows = []
    for i in range(count):
        agreement = plan["agreements"][i % len(plan["agreements"])]
        framework = next(f for f in plan["frameworks"] if f["id"] == agreement["framework"])
        cells = {"agreement": agreement["id"],
                 "person": rng.choice([f"P{i:05d}", f"นาย ก, {i}", f'"{i}" ข', f"คน {i}"]),
                 "round": agreement.get("round") or (framework["rounds"][-1]["id"] if framework["rounds"] else "")}
        due = next((r["due"]["end"] for r in framework["rounds"] if r["id"] == cells["round"] and r.get("due")), None)
        if due and rng.random() < 0.5:
            cells["submitted"] = (dt.date.fromisoformat(due) + dt.timedelta(days=rng.randint(-3, 20))).isoformat()
        entries = {}
        for n in walk(agreement["nodes"]):
            scoring = n["scoring"] or {}
            kind = scoring.get("kind")
            values: dict[str, str] = {}
            if kind == "scale":  # one of the scale's levels (the shipped rule sets' scale_score whole)
                values["score"] = rng.choice(["1", "2", "3", "4", "๕"])
            elif kind == "owner_score" or kind == "ladder" and rng.random() < 0.1:
                values["score"] = rng.choice(["1", "2", "3", "3.5", "4", "๕"])
            elif kind == "ladder":
                points = [D(t["value"]) for t in scoring["thresholds"]]
                lo, hi = min(points), max(points)
                values[""] = str((lo - 5 + (hi - lo + 10) * D(rng.randint(0, 1000)) / 1000).quantize(D("0.1")))
            elif kind == "milestones":
                values["steps"] = str(rng.randint(0, len(scoring["steps"])))
            elif kind == "formula":
                for inp in scoring["inputs"]:
                    for name in inp["names"]:
                        values[name] = str(rng.randint(50, 500))
            elif kind == "composite":
                for part in scoring["parts"]:
                    laddered = (part["scoring"] or {}).get("kind") == "ladder"
                    values[part["id"]] = rng.choice(["70", "80.5", "90"] if laddered else ["3", "4", "4.5"])
            for field, text in values.items():
                column = f"{n['id']}:{field}" if field else n["id"]
                if column not in columns:
                    columns.append(column)
                cells[column] = text
                entries.setdefault(n["id"], {})[field or ("result" if kind == "ladder" else field)] = \
                    D(text.replace("๕", "5"))
        report = score_agreement(plan, agreement["id"], Inputs(
            entries={k: Entry(k, v) for k, v in entries.items()}, round=cells["round"] or None,
            submitted=dt.date.fromisoformat(cells["submitted"]) if cells.get("submitted") else None))
        if report.raise_range and framework.get("salary") and rng.random() < 0.8:
            lo, hi = report.raise_range
            cells["raise"] = rng.choice([str(lo), str(hi), str((lo + hi) / 2)])
        rows.append(cells)
    return columns, [[row.get(c, "") for c in columns] for row in rows]


def write_csv(path: Path, columns: list[str], rows: list[list[str]]) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def both(plan: dict, root: str, results: Path, tmp_path: Path, fmt: str, agreement: str | None = None,
         round_: str | None = None):
    """score_records with the fast path and without: the two outcomes and outputs."""
    out = []
    for fast in (True, False):
        target = tmp_path / f"out_{fmt}_{fast}.{fmt}"
        outcome = score_records(plan, root, results, agreement, round_, fmt, False, "en", target, fast=fast)
        diags = [(d.code, str(d.span), d.span.end_column if d.span else None, d.message_en, d.message_th,
                  d.hint_en, d.hint_th) for d in outcome.diagnostics]
        out.append((outcome.count, diags, target.read_bytes() if target.exists() else None))
        stdout = score_records(plan, root, results, agreement, round_, fmt, False, "en", None, fast=fast)
        out.append((stdout.count, stdout.text))
    return out


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("year", ["2554", "2555"])
def test_batch_is_byte_identical_with_and_without_the_fast_path(tmp_path, year, fmt):
    plan, root = shipped(year)
    columns, rows = sample_rows(plan, 120, seed=int(year))
    results = write_csv(tmp_path / "results.csv", columns, rows)
    fast, fast_stdout, slow, slow_stdout = both(plan, root, results, tmp_path, fmt)
    assert fast == slow and fast_stdout == slow_stdout
    count, diags, output = fast
    assert not diags and count == 120 and output


def test_blank_short_and_odd_rows_and_defaults(tmp_path):
    """Blank rows, rows shorter than the header, no agreement column (--agreement), a
    round given by --round, a score column and a result column for one indicator."""
    plan, root = shipped("2554")
    text = "\n".join([
        "person,s1,s2,s1:score,c1:score,c2:score,c3:score,c4:score,c5:score,raise",
        "a,90,80,,3,3,3,3,3,",
        ",,,,,,,,,",
        "",
        "b,๙๐,80,,4,4,4,4,4,,1",  # one cell too many: the reader says so
        "c,70,75,4.5,5,5,5,5,5,",
        "d,91.25,88",
        '"e, f",95,95,,5,5,5,5,5,4.5',
    ]) + "\n"
    results = tmp_path / "r.csv"
    results.write_text(text, encoding="utf-8")
    for fmt in ("csv", "json"):
        fast, fast_stdout, slow, slow_stdout = both(plan, root, results, tmp_path, fmt, "somsak_2554_r1", "1")
        assert fast == slow and fast_stdout == slow_stdout
        assert fast[1] and fast[2] is None  # a row too long and a row missing its scores: reported
    good = "\n".join(line for line in text.split("\n") if not line.startswith(("b,", "d,"))) + "\n"
    results.write_text(good, encoding="utf-8")
    fast, fast_stdout, slow, slow_stdout = both(plan, root, results, tmp_path, "csv", "somsak_2554_r1", "1")
    assert fast == slow and fast_stdout == slow_stdout
    assert fast[0] == 3 and not fast[1]
    assert '"e, f"' in fast_stdout[1]


BAD_ROWS = [
    "janya_2554_r1,x1,1,,abc,3,4.5,3,4.5,4,3,4,3,3",  # not a number
    "janya_2554_r1,x2,1,,3.5,3,4.5,3,7,4,3,4,3,3",  # a score above 5
    "janya_2554_r1,x3,1,,3.5,3,4.5,3,4.5,4,3,4,3,",  # a missing competency
    "janya_2554_r1,x4,1,9,3.5,3,4.5,3,4.5,4,3,4,3,3",  # a raise outside its band
    "janya_2554_r1,x5,3,,3.5,3,4.5,3,4.5,4,3,4,3,3",  # no round 3
    "janya_2554_r1,p3,1,,3.5,3,4.5,3,4.5,4,3,4,3,3",  # p3 again
    "janya_2554_r9,x6,1,,3.5,3,4.5,3,4.5,4,3,4,3,3",  # no such agreement
    "janya_2554_r1,x7,1,3%,3.5,3,4.5,3,4.5,4,3,4,3,3",  # fine
]


@pytest.mark.parametrize("bad", range(len(BAD_ROWS)))
def test_problems_are_reported_alike(tmp_path, bad):
    """A clean file with one bad row among good ones: the same diagnostics, the same
    (absent) output, with and without the fast path."""
    plan, root = shipped("2554")
    header = "agreement,person,round,raise,j1:score,j2:score,j3:score,j4:score,j5:score," \
             "c1:score,c2:score,c3:score,c4:score,c5:score"
    good = [f"janya_2554_r1,p{i},1,,{3 + i % 3},3,4.5,3,4.5,4,3,4,3,{1 + i % 5}" for i in range(30)]
    text = "\n".join([header, *good[:10], BAD_ROWS[bad], *good[10:]]) + "\n"
    results = tmp_path / "r.csv"
    results.write_text(text, encoding="utf-8")
    for fmt in ("csv", "json"):
        fast, fast_stdout, slow, slow_stdout = both(plan, root, results, tmp_path, fmt)
        assert fast == slow and fast_stdout == slow_stdout
    assert bool(fast[1]) == (bad != len(BAD_ROWS) - 1)


def test_unknown_and_duplicate_columns(tmp_path):
    plan, root = shipped("2554")
    for header, row in [
        ("agreement,round,s1,s2,c1:score,c2:score,c3:score,c4:score,c5:score,s9", "somsak_2554_r1,1,90,80,3,3,3,3,3,5"),
        ("agreement,round,s1,s2,c1:score,c2:score,c3:score,c4:score,c5:score,s9", "somsak_2554_r1,1,90,80,3,3,3,3,3,"),
        ("agreement,round,s1,s2,c1:score,c2:score,c3:score,c4:score,c5:score,s1", "somsak_2554_r1,1,90,80,3,3,3,3,3,85"),
        ("agreement,round,s1,s2,c1:score,c2:score,c3:score,c4:score,c5:score,s1:result",
         "somsak_2554_r1,1,90,80,3,3,3,3,3,70"),
        ("agreement,round,s1,s2,c1:score,c2:score,c3:score,c4:score,c5:score,s1:steps",
         "somsak_2554_r1,1,90,80,3,3,3,3,3,2"),
        ("agreement,round,s1,s2,c1:score,c2:score,c3:score,c4:score,c5:score,achievement:score",
         "somsak_2554_r1,1,90,80,3,3,3,3,3,"),
    ]:
        results = tmp_path / "r.csv"
        results.write_text(f"{header}\n{row}\n", encoding="utf-8")
        fast, fast_stdout, slow, slow_stdout = both(plan, root, results, tmp_path, "csv")
        assert fast == slow and fast_stdout == slow_stdout, header


def test_json_results_and_folders(tmp_path):
    """JSON results are evaluated record by record without a trace; a folder of CSV and
    JSON files is one batch."""
    plan, root = shipped("2555")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.json").write_text((ROOT / "tests/data/score/dept_example_2555.json").read_text(encoding="utf-8"),
                                   encoding="utf-8")
    columns, rows = sample_rows(plan, 10, seed=7)
    write_csv(folder / "b.csv", columns, rows)
    for fmt in ("csv", "json"):
        fast, fast_stdout, slow, slow_stdout = both(plan, root, folder, tmp_path, fmt)
        assert fast == slow and fast_stdout == slow_stdout
        assert fast[0] == 11 and not fast[1]


def test_the_fast_path_takes_clean_rows(tmp_path, monkeypatch):
    """Clean rows are never explained (else the fast path would be slow for nothing)."""
    plan, root = shipped("2554")
    columns, rows = sample_rows(plan, 60, seed=11)
    results = write_csv(tmp_path / "results.csv", columns, rows)
    import kpidsl.score.batch as batch

    def engine(*args, **kwargs):
        raise AssertionError("the engine was asked")

    monkeypatch.setattr(batch, "explain_evaluation", engine)
    outcome = score_records(plan, root, results, None, None, "csv", False, "en", None)
    assert outcome.count == 60 and not outcome.diagnostics
    with pytest.raises(AssertionError, match="the engine was asked"):
        score_records(plan, root, results, None, None, "text", False, "en", None)


def test_forget_all_makes_evaluators_and_typed_plans_again(shipped_plan):
    # benchmarks/mutation_scores.py empties these before each test, so that a mutant is never
    # handed an evaluator the unmutated code made for an earlier test.
    from kpidsl.recent import forget_all
    from kpidsl.score.engine import evaluators_of

    plan = shipped_plan("2555")
    evaluators, typed = evaluators_of(plan), plan_of(plan)
    assert evaluators_of(plan) is evaluators and plan_of(plan) is typed
    forget_all()
    assert evaluators_of(plan) is not evaluators and plan_of(plan) is not typed


@pytest.mark.parametrize("policy, problems", [("whole", ["Q035"]), ("between", [])])
def test_the_evaluator_holds_a_score_on_a_scale_to_the_framework_s_policy(shipped_plan, policy, problems):
    # janya's form (seed 001) with c1 given 2.5, between the competency scale's levels 2 and 3:
    # a slip under `scale_score whole`, the default; under `between`, competencies 68 → 69 and
    # her total 70.8 → 69 (tests/test_scale_scores.py scores the same through a results file)
    plan = shipped_plan("2554")
    (framework,) = [f for f in plan["frameworks"] if f["id"] == "individual"]
    framework["policies"]["scale_score"] = policy
    given = {"j1": "3.5", "j2": "3", "j3": "4.5", "j4": "3", "j5": "4.5", "c1": "2.5", "c2": "3", "c3": "4",
             "c4": "3", "c5": "3"}
    inputs = Inputs(round="1", entries={k: Entry(k, {"score": Decimal(v)}) for k, v in given.items()})
    report = score_agreement(plan, "janya_2554_r1", inputs)
    assert [p.code for p in report.problems] == problems
    if policy == "between":
        assert report.total == Decimal("69")
