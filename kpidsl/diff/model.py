"""What a diff is made of: typed changes, each naming where it was and where it is.

Every change has a stable ``kind`` (the table below is the whole list: renderers,
tests and the users' scripts rely on these names), a ``path`` naming the thing
changed (``framework:department/dimension:quality/kpi:5``, or a field of it:
``…/kpi:5/description``), the old and new values as plain text, and the rule file
lines on each side (``rules/2554/individual.kpi:22``).
"""

from __future__ import annotations

import attrs

# kind → what it means. Node kinds (indicator, dimension, perspective, component,
# competency) each have -added, -removed, -renamed, -renumbered and -moved.
NODE_KINDS = {"kpi": "indicator", "dimension": "dimension", "perspective": "perspective",
              "component": "component", "competency": "competency"}

_NODE_CHANGES = {
    "added": "new in NEW",
    "removed": "gone from NEW",
    "renamed": "same id, new title",
    "renumbered": "new id, matched by its title",
    "moved": "new parent, or new place among its siblings",
}

KINDS: dict[str, str] = {
    "framework-added": "a framework new in NEW",
    "framework-removed": "a framework gone from NEW",
    "framework-renamed": "a framework's title changed",
    "framework-changed": "a framework's level, fiscal year, calendars or rating bands changed",
    **{f"{name}-{what}": f"{name}: {meaning}" for name in NODE_KINDS.values()
       for what, meaning in _NODE_CHANGES.items()},
    "weight-changed": "a weight's figure changed",
    "weight-kind-changed": "a weight became agreed, optional or fixed (or its optional weight goes elsewhere)",
    "share-changed": "a component's or composite part's share changed",
    "multiplier-changed": "a component's multiplier changed",
    "scale-changed": "the competency scale used changed",
    "unit-changed": "the unit of a measured result changed",
    "target-changed": "a target changed",
    "scoring-kind-changed": "how an indicator is scored changed (ladder, milestones, formula, …)",
    "ladder-changed": "a ladder's five thresholds changed (figures, or open and closed ends)",
    "direction-changed": "a ladder turned from higher-is-better to lower-is-better or back",
    "step-changed": "a ladder's step per level changed",
    "formula-changed": "a formula's inputs or expression changed",
    "milestone-changed": "a milestone step's text or evidence changed",
    "milestone-moved": "a milestone step's due date moved",
    "part-added": "a composite part new in NEW",
    "part-removed": "a composite part gone from NEW",
    "details-changed": "an indicator's description, definitions, formula text, conditions, owners, … changed",
    "policy-changed": "a scoring policy changed (floor, cap, decimals, rounding, redistribution, …)",
    "limit-added": "a framework rule (limit) new in NEW",
    "limit-removed": "a framework rule (limit) gone from NEW",
    "salary-changed": "a salary-raise rule changed (pools, cap, base, rounding, grades)",
    "bands-added": "a rating band table new in NEW",
    "bands-removed": "a rating band table gone from NEW",
    "bands-renamed": "a rating band table's title changed",
    "bands-range-changed": "the score range of a band table changed",
    "band-added": "a rating band new in NEW",
    "band-removed": "a rating band gone from NEW",
    "band-renamed": "a rating band's title changed",
    "band-boundary-changed": "a band's lower or upper bound changed (figure, or open and closed)",
    "band-raise-changed": "a band's raise range changed",
    "round-added": "a reporting round new in NEW",
    "round-removed": "a reporting round gone from NEW",
    "round-renamed": "a round's title changed",
    "round-moved": "a round's period or due date moved",
    "penalty-changed": "a round's late penalty changed",
    "calendar-added": "a calendar new in NEW",
    "calendar-removed": "a calendar gone from NEW",
    "calendar-renamed": "a calendar's title changed",
    "activity-added": "a calendar activity new in NEW",
    "activity-removed": "a calendar activity gone from NEW",
    "activity-renamed": "a calendar activity's title changed",
    "activity-moved": "a calendar activity's dates moved",
    "agreement-added": "an agreement new in NEW",
    "agreement-removed": "an agreement gone from NEW",
    "agreement-renamed": "an agreement's title changed",
    "agreement-changed": "an agreement's framework, person, round, period, salary or grade changed",
    "agreed-weight-changed": "a weight set by an agreement changed",
    "effective-weight-changed": "a weight in force changed because of omissions or redistribution",
    "omission-changed": "an agreement omits an indicator it kept, or keeps one it omitted",
    "holidays-changed": "the holiday country changed",
    "holiday-added": "a holiday added by the rules (or a day taken off the country's list)",
    "holiday-removed": "a holiday no longer added by the rules (or no longer taken off)",
}


@attrs.frozen
class Change:
    kind: str
    path: str
    old: str | None
    new: str | None
    old_location: str | None
    new_location: str | None
    group: str  # what the change is listed under: "framework:department", "bands:…", "rule set"
    title: str | None = None  # the title of the thing changed, for people
    note: str | None = None  # e.g. "+1 year" when a date moved with the fiscal year

    def __attrs_post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"undeclared change kind {self.kind!r}")

    def as_dict(self) -> dict:
        return {"kind": self.kind, "path": self.path, "title": self.title, "old": self.old, "new": self.new,
                "old_location": self.old_location, "new_location": self.new_location, "note": self.note}


@attrs.frozen
class Group:
    """A heading of the report: a framework, a band table, a calendar, an agreement."""

    key: str
    label: str  # e.g. "framework department"
    title: str | None


@attrs.define
class Diff:
    old: str
    new: str
    groups: list[Group] = attrs.Factory(list)
    changes: list[Change] = attrs.Factory(list)

    def summary(self) -> dict:
        counts: dict[str, int] = {}
        for c in self.changes:
            counts[c.kind] = counts.get(c.kind, 0) + 1
        return {"changes": len(self.changes), "by_kind": dict(sorted(counts.items()))}
