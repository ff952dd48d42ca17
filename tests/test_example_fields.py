"""The fields an example's given line may name (kpidsl/check/examples.py, on the rule file's
tree) are the results reader's (kpidsl/score/results/cells.py node_accepts, on the compiled
plan): one rule, kpidsl/results_fields.py, read from two trees that must agree node by node.
And `kpidsl check` and `kpidsl test` on a shipped rule set an example of which names a field
its indicator does not read (X9 for kpi 8's X1, a misspelt คะแนนน): both exit 1, told at
the fields."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from kpidsl.check import check_paths
from kpidsl.check.examples import taken_by
from kpidsl.check.overlay import overlay, scoring_kind, walk_effective
from kpidsl.cli import main
from kpidsl.plan import compile_plan
from kpidsl.plan.read import typed_plan
from kpidsl.results_fields import fields_taken
from kpidsl.score.engine import Entry, Inputs, score_agreement
from kpidsl.score.milestone_steps import StepsDone
from kpidsl.score.results.cells import node_accepts

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ["rules/2554", "rules/2555"]


def _pairs(folder: str):
    """(overlaid node, its parent, the plan's node) of every agreement of a shipped rule set."""
    (rs,) = check_paths([ROOT / folder]).rule_sets
    plan = typed_plan(compile_plan(rs, Path(rs.name)))
    for agreement in rs.agreements.values():
        fw = rs.frameworks[agreement.framework.id]
        typed = {n.id: n for n in plan.agreement(agreement.id).walk()}
        for node, parent in walk_effective(overlay(fw, agreement).roots):
            yield node, parent, typed[node.id]


def test_the_checker_reads_a_node_as_the_results_reader_does():
    kinds = set()
    for folder in SHIPPED:
        pairs = list(_pairs(folder))
        assert len(pairs) > 40
        for node, parent, planned in pairs:
            kind = planned.scoring.KIND if planned.scoring is not None else None
            assert scoring_kind(node, parent) == kind, (folder, node.id)
            assert taken_by(node, parent) == node_accepts(planned).fields, (folder, node.id)
            kinds.add(kind)
    # the shipped rules exercise every kind the rule reads fields by
    assert kinds >= {"ladder", "formula", "milestones", "weighted_average", "composite", "owner_score", "scale",
                     "sum", "component"}, kinds


def test_a_node_scored_from_others_takes_no_score_by_any_route():
    """One meaning for a weighted average (seed 003: Σ(W × SM) / ΣW of its sub-indicators),
    a group and a component: their score is their children's, whether the figures come from
    a results file (Q009), an example (X002) or straight to the evaluator, which once took a
    score given to a weighted average that no results file could give."""
    for kind in ("weighted_average", "sum", "component"):
        assert fields_taken(kind, False).fields == ()
    assert fields_taken("ladder", True).fields == ("result", "score")
    assert fields_taken("milestones", True, steps=(1, 2)).fields == ("steps", "score", "1", "2")
    assert fields_taken("composite", True, parts=[("survey", True), ("checklist", False)]) \
        .scores == ("checklist",)


@pytest.mark.parametrize("kind, leaf, fields, default", [
    # a bare column (`5`, no `:field`) gives the default field: a ladder's result, steps done, a score
    ("ladder", True, ("result", "score"), "result"),
    ("milestones", True, ("steps", "score", "1", "2"), "steps"),
    ("owner_score", True, ("score",), "score"),
    ("scale", True, ("score",), "score"),
    ("formula", True, ("X1", "Y1", "score"), None),
    # a composite takes its parts and a score, and no bare column
    ("composite", True, ("survey", "checklist", "score"), None),
    # no rule: a leaf is given its score (a bare column gives it); a node with children none
    (None, True, ("score",), "score"),
    (None, False, (), None),
    ("weighted_average", True, (), None), ("sum", False, (), None), ("component", False, (), None)])
def test_the_fields_each_kind_takes_and_what_a_bare_column_gives(kind, leaf, fields, default):
    taken = fields_taken(kind, leaf, inputs=("X1", "Y1"), steps=(1, 2), parts=[("survey", True), ("checklist", False)])
    assert (taken.fields, taken.default) == (fields, default)
    assert taken.scores == (("checklist",) if kind == "composite" else ())


def _nodes(report) -> dict:
    found, stack = {}, list(report.nodes)
    while stack:
        n = stack.pop()
        found[n.id] = n
        stack.extend(n.children)
    return found


def _scores(report) -> dict:
    return {i: n.score for i, n in _nodes(report).items()}


def test_the_evaluator_takes_no_score_given_to_a_weighted_average():
    """rules/2555 dept_no_policy_2555: 1.1 is the weighted average of 1.1.1 alone (1.2 is
    omitted), and carries kpi 1's whole weight 24. A score given to 1.1 itself is not read:
    without 1.1.1's steps 1.1 has no score; with 3 steps it scores 3 (24 × 3 / 100 = 0.72
    weighted), whatever score 1.1 is given."""
    (rs,) = check_paths([ROOT / "rules/2555"]).rule_sets
    plan = typed_plan(compile_plan(rs, Path(rs.name)))
    alone = score_agreement(plan, "dept_no_policy_2555", Inputs(entries={"1.1": Entry("1.1", {"score": Decimal(5)})}))
    assert _scores(alone)["1.1"] is None
    steps = Inputs(entries={"1.1": Entry("1.1", {"score": Decimal(5)})}, steps_done={"1.1.1": StepsDone((1, 2, 3))})
    report = score_agreement(plan, "dept_no_policy_2555", steps)
    assert _scores(report)["1.1.1"] == 3 and _scores(report)["1.1"] == 3
    assert _nodes(report)["1.1"].weighted == Decimal("0.72")


@pytest.fixture()
def misspelt_2555(tmp_path):
    """rules/2555 with dept_disbursement_level5's X1 given as X9 and its คะแนน spelt คะแนนน."""
    shutil.copytree(ROOT / "rules" / "2555", tmp_path / "2555")
    path = tmp_path / "2555" / "agreements" / "department_example.kpi"
    text = path.read_text(encoding="utf-8")
    assert text.count("ตัวชี้วัด 8 X1 95 Y1 100") == 1 and text.count("ตัวชี้วัด 8 คะแนน 5.0000") == 1
    text = text.replace("ตัวชี้วัด 8 X1 95 Y1 100", "ตัวชี้วัด 8 X9 95 Y1 100")
    text = text.replace("ตัวชี้วัด 8 คะแนน 5.0000", "ตัวชี้วัด 8 คะแนนน 5.0000")
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    given = next(i for i, t in enumerate(lines, 1) if "ตัวชี้วัด 8 X9 95" in t)
    expected = next(i for i, t in enumerate(lines, 1) if "ตัวชี้วัด 8 คะแนนน" in t)
    return tmp_path, given, expected


@pytest.mark.parametrize("command", ["check", "test"])
def test_a_shipped_example_naming_fields_not_read_fails(misspelt_2555, monkeypatch, command):
    folder, given, expected = misspelt_2555
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, [command, "2555", "--lang", "en"])
    assert result.exit_code == 1, result.output
    said = result.stdout if command == "check" else result.stderr  # check's report is its output
    told = [line for line in said.splitlines() if " X002 error: " in line]
    # column 21: the field after `ตัวชี้วัด 8 ` (8 spaces of indent)
    assert told == [
        f"2555/agreements/department_example.kpi:{given}:21: X002 error: `X9` is not something kpi `8` takes in "
        "an example's given figures: it takes X1, X2, X3, X4, Y1, Y2, Y3, Y4, score",
        f"2555/agreements/department_example.kpi:{expected}:21: X002 error: `คะแนนน` is not something kpi `8` "
        "takes in an example's expected figures: it takes score, weighted, result",
    ]
    assert "hint: did you mean `คะแนน`?" in said
    assert said.splitlines()[-1] == "checked 7 files: 2 errors, 0 warnings"
    if command == "test":
        assert result.stdout == ""  # no example is run on a rule set with errors


@pytest.mark.parametrize("field", ["total", "penalty", "band", "amount", "sample_size"])
def test_each_whole_figure_the_checker_lets_through_is_one_kpidsl_test_compares(field, tmp_path):
    # kpidsl/example_figures.py WHOLE_FIGURES: the checker tells any other (X006); each of these
    # `kpidsl test` holds to a figure, so a wrong one fails with what it got, never "cannot check"
    from kpidsl.example_figures import WHOLE_FIGURES

    assert field in WHOLE_FIGURES and len(WHOLE_FIGURES) == 5
    good = ROOT / "tests" / "fixtures" / "check" / "X006" / "good_example_whole_figures.kpi"
    text = good.read_text(encoding="utf-8").replace("        penalty 0\n", "").replace("total 3.72", f"{field} 9")
    (tmp_path / "rs").mkdir()
    (tmp_path / "rs" / "rules.kpi").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["test", str(tmp_path / "rs"), "--lang", "en"])
    assert result.exit_code == 1, result.output  # 9 is not what the example scores
    assert "1 failed" in result.output and "cannot check" not in result.output


# ---- a negative figure in an example: written in brackets, `(-11)` ------------------------------------------

def test_a_negative_result_in_an_example_is_k005_saying_the_minus_sign_not_a_range(tmp_path):
    """`ผล -3` (a decrease that became an increase: rules/2555 indicator 2.1 is a percentage
    decrease) reads as the range `ผล - 3`; K005 said "found range", which names nothing the
    author wrote. It says the minus sign, and that a negative figure is written in brackets (a `-`
    between two values is a range), which the example then takes."""
    rules = tmp_path / "2555"
    shutil.copytree(ROOT / "rules/2555", rules)
    path = rules / "agreements/department_example.kpi"
    text = path.read_text(encoding="utf-8")
    line = "        ตัวชี้วัด 2.1   ผล     11 "
    assert text.count(line) == 1
    path.write_text(text.replace(line, "        ตัวชี้วัด 2.1   ผล     -11 "), encoding="utf-8")
    number = text[:text.index(line)].count("\n") + 1
    diags = [d for d in check_paths([rules]).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line, d.span.column) for d in diags] == [("K005", number, 25)]
    assert "negative" in diags[0].message_en and "-11" in diags[0].message_en, diags[0].message_en
    assert "ติดลบ" in diags[0].message_th and not diags[0].message_en.endswith("found range")
    assert "(-11)" in diags[0].message_en and "(-11)" in diags[0].message_th
    path.write_text(text.replace(line, "        ตัวชี้วัด 2.1   ผล     (-11) "), encoding="utf-8")
    assert [d for d in check_paths([rules]).diagnostics if d.severity == "error"] == []


# ---- where an example's line is told, and what it guesses ------------------------------------------------------

FIXTURES = ROOT / "tests" / "fixtures" / "check"


def _told(path: Path, code: str) -> list:
    from kpidsl.check import check_rule_set
    from kpidsl.check.ruleset import RuleSetSource
    _, diags = check_rule_set(RuleSetSource(path.parent, (path,)))
    return sorted((d for d in diags if d.code == code), key=lambda d: (d.span.line, d.span.column))


def test_a_field_as_near_two_spellings_is_guessed_as_neither():
    """`X9` is as near X1 as X2 (kpi 8 of the fixture takes X1, X2, Y1, Y2): X002 lists them and
    guesses none of them, where `ผลล` and `คะแนนน` are each nearest one."""
    told = _told(FIXTURES / "X002" / "bad_example_misspelt_field_thai.kpi", "X002")
    assert [(d.span.line, d.span.column) for d in told] == [(20, 21), (21, 21), (24, 21)]
    assert "X1, X2, Y1, Y2" in told[1].message_en
    assert (told[1].hint_en, told[1].hint_th) == ("", "")
    assert "`ผล`" in told[0].hint_th and "`คะแนน`" in told[2].hint_th


def test_an_example_line_is_told_at_its_field_word_alone():
    """X002, X003 and X006 underline the field (`X9`, `result`, `score`), not the figure after it:
    the editor's squiggle is under the word to change."""
    x002 = _told(FIXTURES / "X002" / "bad_example_fields_not_taken.kpi", "X002")
    assert [(d.span.line, d.span.column, d.span.end_column) for d in x002][:3] == [(34, 15, 20), (35, 15, 21),
                                                                                  (36, 15, 17)]
    x003 = _told(FIXTURES / "X003" / "bad_example_figure_twice.kpi", "X003")
    assert [(d.span.line, d.span.column, d.span.end_column) for d in x003][:1] == [(24, 15, 21)]
    x006 = _told(FIXTURES / "X006" / "bad_example_whole_figures.kpi", "X006")
    assert [(d.span.line, d.span.column, d.span.end_column) for d in x006] == [(43, 9, 14), (44, 9, 14)]
