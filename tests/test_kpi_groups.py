"""``group "heading" kpi 1 2`` (หมวด): a heading over some indicators of a component, as seed 001
สไลด์ 17 heads its ข้อตกลง rows เป้าหมายเชิงยุทธศาสตร์ / เป้าหมายงานด้านอื่นๆ. The plan carries it for
the forms; scoring never reads it (the checker's codes A013–A016 are in tests/fixtures/check)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from kpidsl.check import check_paths
from kpidsl.plan import compile_plan
from kpidsl.plan.read import plan_of
from kpidsl.score.engine import Entry, Inputs, score_agreement

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "check" / "A013" / "good_groups_name_each_indicator_once.kpi"


def compiled(folder: Path, text: str) -> dict:
    folder.mkdir(parents=True)
    (folder / "rules.kpi").write_text(text, encoding="utf-8")
    result = check_paths([folder])
    assert not result.errors and not result.io_trouble
    (rs,) = result.rule_sets
    return compile_plan(rs, folder)


def without_groups(value):
    if isinstance(value, dict):
        return {k: without_groups(v) for k, v in value.items() if k != "groups"}
    if isinstance(value, list):
        return [without_groups(v) for v in value]
    return value


def test_groups_reach_the_plan_and_its_typed_reading(tmp_path):
    plan = compiled(tmp_path / "a", FIXTURE.read_text(encoding="utf-8"))
    (component,) = plan["agreements"][0]["nodes"]
    assert [(g["title"], g["kpis"], g["source"]["line"]) for g in component["groups"]] == [
        ("เป้าหมายเชิงยุทธศาสตร์", ["1"], 13), ("เป้าหมายงานด้านอื่นๆ", ["2", "3"], 14)]
    assert "groups" not in component["children"][0]  # written only where a rule file has them
    typed = plan_of(plan).agreement("p").nodes[0]
    assert [(g.title, g.kpis) for g in typed.groups] == [("เป้าหมายเชิงยุทธศาสตร์", ("1",)),
                                                         ("เป้าหมายงานด้านอื่นๆ", ("2", "3"))]
    assert plan_of(plan).agreement("p").nodes[0].to_json() == component


def test_groups_change_no_score(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    # the same file with each heading line made a comment: every other line stays where it was
    plain = "\n".join("# " + line if line.strip().startswith("group ") else line for line in text.splitlines())
    grouped, ungrouped = compiled(tmp_path / "a" / "rules", text), compiled(tmp_path / "b" / "rules", plain)
    assert "groups" in grouped["agreements"][0]["nodes"][0]
    assert without_groups(grouped) == ungrouped
    inputs = Inputs({k: Entry(k, {"result": Decimal(v)}) for k, v in (("1", "357.5"), ("2", "6"), ("3", "75"))})
    scores = [score_agreement(p, "p", inputs) for p in (grouped, ungrouped)]
    assert scores[0].total == scores[1].total == Decimal("2.95")  # 2.5 × 50% + 5 × 30% + 1 × 20%


def test_a_changed_heading_is_a_change_to_read_in_diff(tmp_path):
    """No score moves, but the form does: ``kpidsl diff`` lists it as details-changed at the heading's line."""
    from kpidsl.diff import diff_plans

    text = FIXTURE.read_text(encoding="utf-8")
    moved = text.replace('kpi 2 3', 'kpi 2').replace('kpi 1\n', 'kpi 1 3\n')
    assert moved != text
    old, new = compiled(tmp_path / "a" / "rules", text), compiled(tmp_path / "b" / "rules", moved)
    (change,) = diff_plans(old, new, "a", "b").changes
    assert (change.kind, change.path.rsplit("/", 1)[-1]) == ("details-changed", "groups")
    assert change.old == "เป้าหมายเชิงยุทธศาสตร์: 1; เป้าหมายงานด้านอื่นๆ: 2, 3"
    assert change.new == "เป้าหมายเชิงยุทธศาสตร์: 1, 3; เป้าหมายงานด้านอื่นๆ: 2"
    assert change.old_location.endswith("rules.kpi:13")
    assert diff_plans(old, old, "a", "a").changes == []
