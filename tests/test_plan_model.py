"""The typed plan: it holds everything the compiler's plan holds (it writes it back byte
for byte), its kinds are types, its look-ups resolve ids, and a bad plan.json gives a
T-code at the line of the offending value, never a traceback."""

from __future__ import annotations

import copy
import datetime
import json
import shutil
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan, dumps
from kpidsl.plan import read as plan_read
from kpidsl.plan.model import (ComponentSum, Composite, Formula, GroupSum, Ladder, Milestones, NotInPlan, OwnerScore,
                               Plan, PlanFormatError, ScaleScoring, WeightedAverage)
from kpidsl.plan.read import PlanFileError, read_plan_file, read_plan_text, typed_plan
from test_plan_schema import BREAKAGES, EVERYTHING, clean_fixtures, plan_of

KIND_CLASSES = {"ladder": Ladder, "formula": Formula, "milestones": Milestones, "weighted_average": WeightedAverage,
                "composite": Composite, "owner_score": OwnerScore, "sum": GroupSum, "component": ComponentSum,
                "scale": ScaleScoring}


# ---- nothing is lost ---------------------------------------------------------------------------------
@pytest.mark.parametrize("year", ["2554", "2555"])
def test_written_back_byte_for_byte(shipped_plan, year):
    plan = shipped_plan(year)
    assert typed_plan(plan).to_json() == dumps(plan)


@pytest.mark.parametrize("year", ["2554", "2555"])
def test_plan_file_read_back_byte_for_byte(shipped_plan, tmp_path, year):
    text = dumps(shipped_plan(year))
    (tmp_path / "plan.json").write_text(text, encoding="utf-8")
    assert read_plan_file(tmp_path / "plan.json").to_json() == text


def test_plan_using_every_construct_written_back(tmp_path):
    folder = tmp_path / "everything"
    folder.mkdir()
    (folder / "rules.kpi").write_text(textwrap.dedent(EVERYTHING), encoding="utf-8")
    plan = plan_of(folder)
    assert typed_plan(plan).to_json() == dumps(plan)


def test_every_clean_fixture_written_back(tmp_path):
    """Every clean checker fixture that checks on its own: its plan, through the model, is the same text."""
    written = 0
    for fixture in clean_fixtures():
        folder = tmp_path / fixture.parent.name / fixture.stem
        folder.mkdir(parents=True)
        shutil.copy(fixture, folder / fixture.name)
        result = check_paths([folder])
        if result.errors or result.io_trouble or len(result.rule_sets) != 1:
            continue
        plan = compile_plan(result.rule_sets[0], Path(result.rule_sets[0].name))
        assert typed_plan(plan).to_json() == dumps(plan), fixture
        written += 1
    assert written > 100


@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_the_built_in_check_refuses_what_the_schema_refuses(shipped_plan, breakage):
    """The schema test's broken plans (tests/test_plan_schema.py), without jsonschema."""
    plan = json.loads(dumps(shipped_plan("2555")))
    BREAKAGES[breakage](plan)
    with pytest.raises(PlanFormatError) as caught:
        typed_plan(plan)
    assert caught.value.code in {f"T00{n}" for n in range(2, 9)}


# ---- kinds are types ---------------------------------------------------------------------------------
def _scorings(node: dict, typed) -> list[tuple[dict, object]]:
    """(scoring dict, typed scoring) of a node and everything under it, parts and ladders included."""
    out = []

    def scoring(d, t):
        if d is None:
            assert t is None
            return
        out.append((d, t))
        if d["kind"] in ("formula", "weighted_average"):
            scoring(d["ladder"], t.ladder)
        if d["kind"] == "composite":
            for pd, pt in zip(d["parts"], t.parts, strict=True):
                scoring(pd["scoring"], pt.scoring)

    scoring(node["scoring"], typed.scoring)
    for cd, ct in zip(node["children"], typed.children, strict=True):
        out += _scorings(cd, ct)
    return out


def test_every_scoring_kind_in_the_shipped_plans_is_its_class(shipped_plan):
    seen = set()
    for year in ("2554", "2555"):
        plan = shipped_plan(year)
        typed = typed_plan(plan)
        pairs = []
        for fd, ft in zip(plan["frameworks"], typed.frameworks, strict=True):
            for nd, nt in zip(fd["nodes"], ft.nodes, strict=True):
                pairs += _scorings(nd, nt)
        for ad, at in zip(plan["agreements"], typed.agreements, strict=True):
            for nd, nt in zip(ad["nodes"], at.nodes, strict=True):
                pairs += _scorings(nd, nt)
        for d, t in pairs:
            assert type(t) is KIND_CLASSES[d["kind"]]
            assert t.KIND == d["kind"]
            seen.add(d["kind"])
    assert seen == set(KIND_CLASSES)


# ---- figures, dates and ids, converted once --------------------------------------------------------------
def test_figures_dates_and_references(shipped_plan):
    plan = typed_plan(shipped_plan("2554"))
    province = plan.framework("province")
    sar12 = province.rounds_by_id["sar12"]
    assert sar12.due.start == datetime.date(2011, 10, 31)
    assert sar12.late_penalty.amount == Decimal("0.05") and sar12.late_penalty.per == "working_day"
    assert (sar12.late_penalty.source.path, sar12.late_penalty.source.line) == ("province.kpi", 47)
    assert [c.id for c in province.calendars] == ["province_2554"]
    assert province.calendars[0] is plan.calendar("province_2554")

    janya = plan.agreement("janya_2554_r1")
    assert janya.framework is plan.framework("individual")
    assert janya.framework.bands is plan.bands_table("individual_bands")
    assert janya.salary == Decimal(28000)
    assert janya.grade.split_at == Decimal(25190) and janya.grade.upper_mid == Decimal(30600)
    assert janya.round is janya.framework.rounds_by_id["1"]
    salary = janya.framework.salary
    assert [(p.percent, p.on.start, p.round) for p in salary.pools] == [
        (Decimal(3), datetime.date(2011, 3, 1), "1"), (Decimal(3), datetime.date(2011, 9, 1), "2")]
    assert (salary.cap, salary.rounding, salary.rounding_unit) == (Decimal(6), "up", Decimal(10))
    assert plan.example("somsak_achievement").agreement is plan.agreement("somsak_2554_r1")
    assert plan.rounds[0].framework is plan.framework("individual") and plan.rounds[0].round.id == "1"


def test_ladder_of_the_readme(shipped_plan):
    """`เกณฑ์ 65 70 75 80 85 ช่วงปรับ 5` of kpi 5 (rules/2555/department.kpi)."""
    plan = typed_plan(shipped_plan("2555"))
    kpi5 = next(n for n in plan.framework("department").walk() if n.id == "5")
    assert kpi5.weight == Decimal(7) and kpi5.weight_kind == "fixed"
    ladder = kpi5.scoring
    assert isinstance(ladder, Ladder)
    assert [t.value for t in ladder.thresholds] == [Decimal(v) for v in (65, 70, 75, 80, 85)]
    assert (ladder.direction, ladder.target, ladder.step) == ("higher", Decimal(75), Decimal(5))
    assert (ladder.source.path, ladder.source.line) == ("department.kpi", 102)


def test_effective_weights_and_omissions(shipped_plan):
    plan = typed_plan(shipped_plan("2555"))
    agreement = plan.agreement("dept_example_2555")
    omitted = agreement.node("3")
    assert omitted.omitted and omitted.weight == Decimal(0)
    live = [n.weight for n in agreement.nodes if not n.omitted]
    assert sum(live) == Decimal(100)


def test_an_agreed_figure_of_zero_is_the_agreement_s(tmp_path):
    """Target, share and multiplier 0 written in the agreement replace the framework's (0 == False in Python:
    kpidsl/check/overlay.py's Effective.field once passed over it to the framework's figure)."""
    (tmp_path / "rules.kpi").write_text(textwrap.dedent("""\
        framework department "กรอบการประเมินผลของส่วนราชการ" {
            fiscal_year 2555
            dimension quality "การประเมินคุณภาพ" weight 100 {
                kpi 5 "จำนวนเรื่องร้องเรียนของผู้รับบริการ" weight 100 target 2 { ladder lower 4 3 2 1 0 }
            }
        }

        agreement dept_a "คำรับรองการปฏิบัติราชการ กรมตัวอย่าง" {
            framework department 2555
            kpi 5 target 0
        }
        """), encoding="utf-8")
    plan = typed_plan(plan_of(tmp_path))
    (dimension,) = plan.framework("department").nodes
    assert dimension.children[0].target == Decimal(2)
    assert plan.agreement("dept_a").node("5").target == Decimal(0)


def test_an_agreement_s_details_of_an_indicator_add_to_the_framework_s(tmp_path):
    """An agreement that gives kpi 5 its weight and a baseline keeps the framework's description (its empty
    details once hid the framework's whole)."""
    (tmp_path / "rules.kpi").write_text(textwrap.dedent("""\
        framework department "กรอบการประเมินผลของส่วนราชการ" {
            fiscal_year 2555
            dimension quality "การประเมินคุณภาพ" weight 100 {
                kpi 5 "ร้อยละของระดับความพึงพอใจของผู้รับบริการ" weight agreed {
                    description "วัดความพึงพอใจของผู้รับบริการ"
                    baseline 2553 70.2
                    ladder 65 70 75 80 85
                }
                kpi 6 "ร้อยละของผู้รับบริการที่ได้รับบริการตามมาตรฐาน" weight agreed {
                    description "วัดการให้บริการตามมาตรฐาน"
                    ladder 65 70 75 80 85
                }
            }
        }

        agreement dept_a "คำรับรองการปฏิบัติราชการ กรมตัวอย่าง" {
            framework department 2555
            kpi 5 weight 60 { baseline 2554 72.5 }
            kpi 6 weight 40
        }
        """), encoding="utf-8")
    plan = typed_plan(plan_of(tmp_path))
    five, six = (plan.agreement("dept_a").node(n).template for n in ("5", "6"))
    assert five.description == "วัดความพึงพอใจของผู้รับบริการ"
    assert [(b.year, b.value) for b in five.baselines] == [(2554, Decimal("72.5"))]
    assert five.source("description").line == 5 and five.source("baselines").line == 18
    assert six.description == "วัดการให้บริการตามมาตรฐาน"


def test_look_ups_name_what_is_missing(shipped_plan):
    plan = typed_plan(shipped_plan("2555"))
    with pytest.raises(NotInPlan) as caught:
        plan.agreement("nobody")
    assert isinstance(caught.value, KeyError)
    assert (caught.value.kind, caught.value.id) == ("agreement", "nobody")
    with pytest.raises(NotInPlan):
        plan.framework("nowhere")
    with pytest.raises(NotInPlan) as node:
        plan.agreement("dept_example_2555").node("999")
    assert (node.value.kind, node.value.id) == ("node", "999")


def test_plan_is_frozen(shipped_plan):
    plan = typed_plan(shipped_plan("2555"))
    with pytest.raises(AttributeError):
        plan.rule_set = "other"  # type: ignore[misc]


# ---- a bad plan dict: the code and the JSON pointer ------------------------------------------------------
@pytest.mark.parametrize("edit, code, pointer", [
    (lambda p: p["agreements"][0].pop("title"), "T003", "/agreements/0"),
    (lambda p: p["agreements"][0].update(extra=1), "T004", "/agreements/0/extra"),
    (lambda p: p["agreements"][0].update(salary=1.5), "T005", "/agreements/0/salary"),
    (lambda p: p["agreements"][0].update(salary="1.50"), "T006", "/agreements/0/salary"),
    (lambda p: p["rounds"][0]["period"].update(start="2011-02-30"), "T006", "/rounds/0/period/start"),
    (lambda p: p["frameworks"][0]["nodes"][0].update(kind="chapter"), "T006", "/frameworks/0/nodes/0/kind"),
    (lambda p: p["agreements"][0].update(framework="nowhere"), "T007", "/agreements/0/framework"),
    (lambda p: p["agreements"].append(copy.deepcopy(p["agreements"][0])), "T008", "/agreements/3/id"),
    (lambda p: p.update(kpidsl_plan=2), "T002", "/kpidsl_plan"),
    (lambda p: p.update(kpidsl_plan=True), "T002", "/kpidsl_plan"),
    (lambda p: p["calendar"][0].update(fiscal_year=1999), "T006", "/calendar/0/fiscal_year"),
])
def test_bad_plan_dict_gives_code_and_pointer(shipped_plan, edit, code, pointer):
    plan = shipped_plan("2555")
    edit(plan)
    with pytest.raises(PlanFormatError) as caught:
        typed_plan(plan)
    assert (caught.value.code, caught.value.pointer) == (code, pointer)


# ---- a bad plan.json: the code and its line ------------------------------------------------------------------
def _where(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def _problem(text: str) -> tuple[str, int, int]:
    with pytest.raises(PlanFileError) as caught:
        read_plan_text(text, "plan.json")
    (diag,) = caught.value.diagnostics
    assert diag.span.path == "plan.json"
    return diag.code, diag.span.line, diag.span.column


@pytest.fixture(params=["with jsonschema", "built-in check"])
def checker(request, monkeypatch):
    if request.param == "built-in check":
        monkeypatch.setattr(plan_read, "schema_validator", lambda: None)
    return request.param


def test_bad_value_is_reported_at_its_line(shipped_plan, checker):
    plan = shipped_plan("2555")
    plan["agreements"][0]["framework"] = "nowhere"
    text = dumps(plan)
    assert _problem(text) == ("T007", *_where(text, '"nowhere"'))


def test_wrong_type_is_reported_at_its_line(shipped_plan, checker):
    plan = shipped_plan("2555")
    plan["rounds"][0]["title"] = 12345
    text = dumps(plan)
    assert _problem(text) == ("T005", *_where(text, "12345"))


def test_unknown_field_is_reported_at_its_value(shipped_plan, checker):
    plan = shipped_plan("2555")
    plan["holidays"]["surprise"] = "yes"
    text = dumps(plan)
    assert _problem(text) == ("T004", *_where(text, '"yes"'))


def test_missing_field_is_reported_at_its_object(shipped_plan, checker):
    plan = shipped_plan("2555")
    del plan["holidays"]["country"]
    text = dumps(plan)
    line, _ = _where(text, '"holidays"')
    assert _problem(text) == ("T003", line, len('  "holidays": ') + 1)


def test_not_json_is_reported_where_it_breaks():
    assert _problem('{\n  "kpidsl_plan": 1,\n  "rule_set": \n}') == ("T001", 4, 1)


def test_an_integer_too_long_to_convert_is_not_json():
    assert _problem('{"kpidsl_plan": ' + "1" * 5000 + "}")[0] == "T001"


def test_too_deep_is_a_located_diagnostic():
    text = "[" * 5000 + "]" * 5000
    code, line, column = _problem(text)
    assert (code, line, column) == ("T009", 1, plan_read.MAX_PLAN_DEPTH + 2)


def test_too_large_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(plan_read, "MAX_PLAN_BYTES", 100)
    path = tmp_path / "plan.json"
    path.write_text("{" + " " * 200 + "}", encoding="utf-8")
    with pytest.raises(PlanFileError) as caught:
        read_plan_file(path)
    assert [d.code for d in caught.value.diagnostics] == ["T009"]


def test_missing_file_is_trouble_with_the_path(tmp_path):
    with pytest.raises(PlanFileError) as caught:
        read_plan_file(tmp_path / "absent.json")
    assert [d.code for d in caught.value.diagnostics] == ["F001"] and caught.value.io


def test_not_utf8_is_located(tmp_path):
    path = tmp_path / "plan.json"
    path.write_bytes(b'{\n  "rule_set": "\xff"\n}')
    with pytest.raises(PlanFileError) as caught:
        read_plan_file(path)
    (diag,) = caught.value.diagnostics
    assert (diag.code, diag.span.line, diag.span.column) == ("F008", 2, 16)


# ---- random edits: a plan or a T-code, never a crash -------------------------------------------------------
@pytest.fixture(scope="module")
def small_plan() -> dict:
    """The 2555 plan cut down to the department framework and its agreement (every
    scoring kind but scale): small enough to check many times."""
    (rs,) = check_paths([Path(__file__).parent.parent / "rules" / "2555"]).rule_sets
    plan = compile_plan(rs, Path(rs.name))
    plan["examples"] = []
    plan["frameworks"] = [f for f in plan["frameworks"] if f["id"] == "department"]
    plan["rounds"] = [r for r in plan["rounds"] if r["framework"] == "department"]
    plan["agreements"] = [a for a in plan["agreements"] if a["framework"] == "department"]
    plan["bands"] = [b for b in plan["bands"] if b["id"] == plan["frameworks"][0]["bands"]]
    typed_plan(plan)  # still a plan
    return plan


def _paths(value, here=()):
    yield here
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, here + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, here + (index,))


JSON_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-3, 3000), st.sampled_from(
    ["", "0", "1.5", "1.50", "-0", "2011-10-31", "2011-13-01", "ladder", "sum", "scale", "fixed", "higher", "x"]),
    st.just([]), st.just({}), st.just({"kind": "ladder"}), st.just([{"id": "x"}]))


def _edited(plan: dict, data) -> dict:
    """The plan with one to three random edits: a value replaced, a key or item deleted, a key added."""
    plan = copy.deepcopy(plan)
    paths = [p for p in _paths(plan) if p]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        parent = plan
        try:
            for key in path[:-1]:
                parent = parent[key]
            what = data.draw(st.sampled_from(["replace", "delete", "add"]))
            if what == "replace":
                parent[path[-1]] = data.draw(JSON_VALUES)
            elif what == "delete":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[data.draw(st.sampled_from(["zz", "kind", "source"]))] = data.draw(JSON_VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit took the path away
    return plan


def _loads_or_t_code(plan: dict) -> Plan | None:
    text = json.dumps(plan, ensure_ascii=False, indent=1)
    try:
        typed = read_plan_text(text, "plan.json")
    except PlanFileError as e:
        (diag,) = e.diagnostics
        assert diag.code.startswith("T") and 1 <= diag.span.line <= text.count("\n") + 1
        return None
    assert json.loads(typed.to_json()) == plan  # what it loads, it writes back
    return typed


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_edits_load_or_give_a_t_code(small_plan, data, monkeypatch):
    monkeypatch.setattr(plan_read, "schema_validator", lambda: None)  # the built-in check alone
    _loads_or_t_code(_edited(small_plan, data))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_what_the_reader_accepts_the_schema_accepts(small_plan, data):
    """The built-in check is at least as strict as plan.schema.json (each check is ~0.5 s)."""
    plan = _edited(small_plan, data)
    if _loads_or_t_code(plan) is not None:
        assert plan_read.schema_validator().is_valid(plan)


# ---- an agreement's salary and grade ----------------------------------------------------------------------
# The checker refuses a salary without a grade under salary rules that declare grades (A021)
# and a grade the rules do not declare (N002): the raise is a % of the mid-point of the half of
# the grade the salary is in (seed 001), and with no grade it was left blank without a word.
# A hand-written plan is held to the same as it is read.

def _janya(plan: dict) -> int:
    return next(i for i, a in enumerate(plan["agreements"]) if a["id"] == "janya_2554_r1")


@pytest.mark.parametrize("grade, code", [(None, "T006"), ("nowhere", "T007")])
def test_a_salary_without_a_grade_of_its_rules_is_refused_at_the_grade(shipped_plan, grade, code):
    plan = shipped_plan("2554")
    i = _janya(plan)
    assert (plan["agreements"][i]["salary"], plan["agreements"][i]["grade"]) == ("28000", "k_professional")
    plan["agreements"][i]["grade"] = grade
    with pytest.raises(PlanFormatError) as caught:
        typed_plan(plan)
    assert (caught.value.code, caught.value.pointer) == (code, f"/agreements/{i}/grade")


def test_a_salary_without_a_grade_is_told_at_its_line(shipped_plan, checker):
    plan = shipped_plan("2554")
    plan["agreements"][_janya(plan)]["grade"] = None
    text = dumps(plan)
    at = text.index('"grade": null', text.index('"id": "janya_2554_r1"'))
    with pytest.raises(PlanFileError) as caught:
        read_plan_text(text, "plan.json")
    (diag,) = caught.value.diagnostics
    assert (diag.code, diag.span.line, diag.span.column) == (
        "T006", text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at) + len('"grade": '))


def test_no_salary_or_rules_without_grades_need_no_grade(shipped_plan):
    plan = shipped_plan("2554")
    somsak = next(a for a in plan["agreements"] if a["id"] == "somsak_2554_r1")
    assert (somsak["salary"], somsak["grade"]) == (None, None)  # under the same rules: read
    typed_plan(plan)
    for a in plan["agreements"]:
        a["grade"] = None
    for fw in plan["frameworks"]:
        if fw["salary"] is not None:
            fw["salary"]["grades"] = []
    assert typed_plan(plan).agreement("janya_2554_r1").salary == Decimal("28000")
