"""The diff reads the typed plan: a field the differ does not name is still compared (its
``rest``), as a detail at the field's path, so a field the model gains is never silently
left out of `kpidsl diff`."""

from __future__ import annotations

import copy

import attrs

from kpidsl.diff import diff_plans
from kpidsl.diff.changes import AGREEMENT_SEEN, FRAMEWORK_SEEN
from kpidsl.diff.nodes import AGREEMENT_NODE_SEEN, FRAMEWORK_NODE_SEEN
from kpidsl.diff.tables import ACTIVITY_SEEN, BAND_SEEN, BANDS_TABLE_SEEN, CALENDAR_SEEN, ROUND_SEEN
from kpidsl.plan.model import (Activity, Agreement, AgreementNode, Band, BandsTable, Calendar, Framework, FrameworkNode,
                               Round)


def _changes(old: dict, new: dict) -> list[tuple[str, str, str | None, str | None]]:
    return [(c.kind, c.path, c.old, c.new) for c in diff_plans(old, new, "a", "b").changes]


def test_a_plan_against_itself_has_no_changes(shipped_plan):
    assert _changes(shipped_plan("2555"), shipped_plan("2555")) == []


def test_a_field_the_differ_does_not_name_is_compared(shipped_plan):
    # (and one the model gains: rest walks attrs.fields, so it needs no edit)
    old = shipped_plan("2555")
    new = copy.deepcopy(old)
    agreement = new["agreements"][0]
    agreement["population"] = "500"  # N of the survey sample size: no comparison names it
    node = new["frameworks"][0]["nodes"][0]
    node["agreed_kpis"] = not node["agreed_kpis"]
    assert _changes(old, new) == [
        ("details-changed", f"framework:{new['frameworks'][0]['id']}/{node['kind']}:{node['id']}/agreed_kpis",
         "yes" if not node["agreed_kpis"] else "no", "yes" if node["agreed_kpis"] else "no"),
        ("details-changed", f"agreement:{agreement['id']}/population", None, "500"),
    ]


def test_every_field_left_out_is_one_of_the_models():
    # a name in a SEEN set that the model no longer has would hide nothing, but says something false
    for cls, seen in ((Framework, FRAMEWORK_SEEN), (Agreement, AGREEMENT_SEEN), (FrameworkNode, FRAMEWORK_NODE_SEEN),
                      (AgreementNode, AGREEMENT_NODE_SEEN), (Round, ROUND_SEEN), (Band, BAND_SEEN),
                      (BandsTable, BANDS_TABLE_SEEN), (Activity, ACTIVITY_SEEN), (Calendar, CALENDAR_SEEN)):
        assert seen <= {a.name for a in attrs.fields(cls)}, cls.__name__
