"""kpidsl/plan/compare.py: where two typed plans differ, by walking the model's fields."""

from __future__ import annotations

import copy

from kpidsl.plan.compare import differences
from kpidsl.plan.read import typed_plan


def test_a_plan_does_not_differ_from_itself_read_again(shipped_plan):
    plan = shipped_plan("2555")
    assert differences(typed_plan(plan), typed_plan(copy.deepcopy(plan))) == []


def test_one_changed_value_is_one_path_even_where_it_is_reached_twice(shipped_plan):
    plan = shipped_plan("2555")
    changed = copy.deepcopy(plan)
    # every agreement of this framework holds it too: still one path, under the plan's frameworks
    framework = next(f for f in changed["frameworks"] if f.get("sample_size"))
    framework["sample_size"]["rounding"] = "half_even"
    assert sum(1 for a in plan["agreements"] if a["framework"] == framework["id"]) >= 1
    assert differences(typed_plan(plan), typed_plan(changed)) == [
        ("frameworks_by_id", framework["id"], "sample_size", "rounding")]


def test_a_list_of_another_length_is_one_path(shipped_plan):
    plan = shipped_plan("2555")
    changed = copy.deepcopy(plan)
    node = next(n for n in changed["frameworks"][0]["nodes"] if n["children"])
    node["children"].pop()
    position = str(changed["frameworks"][0]["nodes"].index(node))
    found = differences(typed_plan(plan), typed_plan(changed))
    assert found == [("frameworks_by_id", changed["frameworks"][0]["id"], "nodes", position, "children")]
