"""kpidsl/score/json_text.py: a batch's evaluations written from a template per agreement
and shape are byte for byte json.dumps(evaluation_dict(e), ensure_ascii=False), on the
shipped examples and on random agreements and rows (titles with quotes, backslashes,
control characters, Thai, the template's own mark; None, empty and negative-zero figures,
omitted nodes, every number of decimals, mixed shapes and agreements in one run)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan
from kpidsl.score.batch import score_records
from kpidsl.score.evaluate import Evaluation, PlanEvaluator
from kpidsl.score.json_text import MARK, JsonTexts
from kpidsl.score.numbers import rounder
from kpidsl.score.report import evaluation_dict
from kpidsl.score.results import Scored, read_results

ROOT = Path(__file__).resolve().parent.parent


def dumped(evaluations) -> list[str]:
    return [json.dumps(evaluation_dict(e), ensure_ascii=False) for e in evaluations]


EXAMPLES = [("2554", "janya.csv"), ("2554", "province_late_2554.csv"), ("2555", "results_2555.csv")]


@pytest.mark.parametrize("year, results", EXAMPLES)
def test_the_shipped_examples_are_written_as_json_dumps_writes_them(year, results, tmp_path):
    checked = check_paths([ROOT / "rules" / year])
    (rs,) = checked.rule_sets
    plan = compile_plan(rs, Path(rs.name))
    evaluators = PlanEvaluator(plan)
    runs = [item for item in read_results(ROOT / "examples" / results, plan, None, None, evaluators)
            if type(item) is Scored]
    evaluations = [e for run in runs for e in run]
    assert evaluations, "the example has rows the batch writes from figures"
    texts = JsonTexts()
    for run in runs:
        assert texts.texts(run) == dumped(run)
    assert JsonTexts().texts(evaluations) == dumped(evaluations)  # the runs together: several agreements
    # and `score --format json` writes them so
    out = score_records(plan, rs.name, ROOT / "examples" / results, None, None, "json", False, "en", None)
    if len(evaluations) == out.count:
        assert out.text == "[\n" + ",\n".join(dumped(evaluations)) + "\n]\n"


# ---- random agreements and rows ---------------------------------------------------------------

texts = st.text(alphabet=st.sampled_from(['"', "\\", "\n", "\x00", "\x1f", "%", "s", MARK, "\ue001", "ก", "ั",
                                          "a", " ", "{", "0", "\u2028"]), max_size=6)
maybe_text = st.one_of(st.none(), st.just(""), texts)
figures = st.one_of(
    st.none(),
    st.sampled_from([Decimal("0"), Decimal("-0"), Decimal("-0.00000"), Decimal("0E+3"), Decimal("1E+20"),
                     Decimal("5"), Decimal("5.0"), Decimal("-0.00004"), Decimal("0.00005"), Decimal("99.99995")]),
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**12, max_value=10**12, places=None)
    .filter(lambda d: d.adjusted() < 20 and d.as_tuple().exponent > -30))


class Evaluator(SimpleNamespace):
    """A stand-in of an AgreementEvaluator, one by its identity as theirs are."""

    __eq__, __hash__ = object.__eq__, object.__hash__


@st.composite
def agreements(draw):
    """A stand-in of an AgreementEvaluator: what evaluation_dict reads of it."""
    count = draw(st.integers(0, 6))
    nodes = [SimpleNamespace(id=draw(texts), kind=draw(st.sampled_from(["kpi", "component", "group"])),
                             title=draw(st.one_of(st.none(), texts)),
                             weight=draw(st.one_of(st.none(), figures.filter(lambda d: d is None or abs(d) < 10**6))),
                             # a component's weight in the document (kpidsl/score/weighted.py)
                             share=draw(st.one_of(st.none(), figures.filter(lambda d: d is None or abs(d) < 10**6))),
                             omitted=draw(st.booleans())) for _ in range(count)]
    for n in nodes:  # as written, or worked out by the plan (a redistributed weight: weight_shown)
        n.declared_weight = n.weight if draw(st.booleans()) else None
    parents = [draw(st.integers(-1, i - 1)) for i in range(count)]  # -1: a top node
    children: dict = {}
    for i, p in enumerate(parents):
        if p >= 0:
            children.setdefault(p, []).append(i)
    decimals = draw(st.integers(0, 8))
    rounding = draw(st.sampled_from(["half_up", "half_even", "up", "down"]))
    return Evaluator(id=draw(texts), framework=SimpleNamespace(id=draw(texts)),
                           agreement=SimpleNamespace(round_id=draw(maybe_text)),
                           policies=SimpleNamespace(decimals=decimals, rounding=rounding),
                           rounded=rounder(decimals, rounding),
                           nodes=nodes, children=children, roots=[(i, nodes[i]) for i, p in enumerate(parents) if p < 0])


@st.composite
def evaluations(draw, evaluator):
    band = draw(st.one_of(st.none(), st.builds(SimpleNamespace, id=maybe_text, title=maybe_text)))
    raise_range = draw(st.one_of(st.none(), st.just(()), st.tuples(figures, figures)))
    items = [evaluator, draw(maybe_text), draw(maybe_text),
             [draw(st.tuples(figures, figures, figures)) for _ in evaluator.nodes], None,
             draw(figures), draw(figures), draw(figures), band, raise_range, draw(figures), draw(figures)]
    if draw(st.booleans()):
        items.append(object())  # a sample size: evaluation_dict leaves it out
    return Evaluation(items)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_runs_are_written_as_json_dumps_writes_them(data):
    agreements_ = data.draw(st.lists(agreements(), min_size=1, max_size=2), label="agreements")
    run = data.draw(st.lists(st.sampled_from(agreements_).flatmap(evaluations), max_size=6), label="run")
    texts = JsonTexts()
    assert texts.texts(run) == dumped(run)
    # the templates kept: a run alike once more, and each row on its own
    assert texts.texts(run + run) == dumped(run + run)
    assert [texts.texts([e])[0] for e in run] == dumped(run)


def test_a_run_of_one_shape_is_written_from_one_template():
    node = SimpleNamespace(id="k1", kind="kpi", title='ตัวชี้วัด "1" \\ 100%', weight=Decimal(20),
                           declared_weight=Decimal(20), omitted=False)
    evaluator = Evaluator(id="a", framework=SimpleNamespace(id="f"), agreement=SimpleNamespace(round_id="1"),
                          policies=SimpleNamespace(decimals=4, rounding="half_up"), rounded=rounder(4), nodes=[node],
                          children={},
                          roots=[(0, node)])
    run = [Evaluation([evaluator, f"P{i}", None, [(Decimal(i), Decimal("3.5"), Decimal("0.7"))], None, Decimal(i),
                       None, Decimal(i), None, None, None, None]) for i in range(50)]
    texts = JsonTexts()
    assert texts.texts(run) == dumped(run)
    assert len(texts.templates) == 1


def test_a_figure_whose_truth_the_layout_asks_is_told(monkeypatch):
    """A layout that wrote a row differently by a figure's truth (a zero) could not be
    written from a template of its shape: the template refuses to be made."""
    def asks(evaluation, num, figure, weigh):
        return {"total": num(evaluation.total) if evaluation.total else None}

    monkeypatch.setattr("kpidsl.score.json_text.evaluation_doc", asks)
    evaluator = Evaluator(id="a", framework=SimpleNamespace(id="f"), agreement=SimpleNamespace(round_id="1"),
                                policies=SimpleNamespace(decimals=4), rounded=rounder(4), nodes=[], children={},
                                roots=[])
    evaluation = Evaluation([evaluator, "p", "1", [], None, Decimal(0), None, Decimal(0), None, None, None, None])
    with pytest.raises(TypeError):
        JsonTexts().texts([evaluation])


def test_the_templates_kept_are_bounded(monkeypatch):
    """Rows of ever new shapes (a figure None here, there) keep no more templates than
    TEMPLATES_KEPT: memory stays flat in the number of rows."""
    monkeypatch.setattr("kpidsl.score.json_text.TEMPLATES_KEPT", 2)
    evaluator = Evaluator(id="a", framework=SimpleNamespace(id="f"), agreement=SimpleNamespace(round_id="1"),
                          policies=SimpleNamespace(decimals=2, rounding="half_up"), rounded=rounder(2), nodes=[], children={}, roots=[])
    texts = JsonTexts()
    for shape in range(8):
        figures = [Decimal(shape) if shape >> bit & 1 else None for bit in range(3)]
        run = [Evaluation([evaluator, "p", None, [], None, *figures, None, None, None, None])]
        assert texts.texts(run) == dumped(run)
        assert len(texts.templates) <= 2
