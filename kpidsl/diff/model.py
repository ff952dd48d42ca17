"""What a diff is made of: typed changes, each naming where it was and where it is.

Every change has a stable ``kind`` (the table below is the whole list: renderers,
tests and the users' scripts rely on these names), a ``path`` naming the thing
changed (``framework:department/dimension:quality/kpi:5``, or a field of it:
``…/kpi:5/description``), the old and new values as plain text, and the rule file
lines on each side (``rules/2554/individual.kpi:22``).
"""

from __future__ import annotations

import attrs

from ..diagnostics.cli_texts import said

# Every kind of change, in the order reports list them. What each means, in English and
# Thai, is in the catalogue (kpidsl/diagnostics/cli_texts.py SAID, "change-<kind>").
# Node kinds (indicator, dimension, perspective, component, competency) each have
# -added, -removed, -renamed, -renumbered and -moved.
NODE_KIND_NAMES = {"kpi": "indicator", "dimension": "dimension", "perspective": "perspective",
                   "component": "component", "competency": "competency"}

_NODE_CHANGES = ("added", "removed", "renamed", "renumbered", "moved")

_KIND_NAMES = (
    "framework-added", "framework-removed", "framework-renamed", "framework-changed",
    *(f"{name}-{what}" for name in NODE_KIND_NAMES.values() for what in _NODE_CHANGES),
    "weight-changed", "weight-kind-changed", "share-changed", "multiplier-changed", "scale-changed", "unit-changed",
    "target-changed", "scoring-kind-changed", "ladder-changed", "direction-changed", "step-changed",
    "formula-changed", "milestone-changed", "milestone-moved", "part-added", "part-removed", "details-changed",
    "policy-changed", "limit-added", "limit-removed", "salary-changed", "bands-added", "bands-removed",
    "bands-renamed", "bands-range-changed", "band-added", "band-removed", "band-renamed", "band-boundary-changed",
    "band-raise-changed", "round-added", "round-removed", "round-renamed", "round-moved", "penalty-changed",
    "calendar-added", "calendar-removed", "calendar-renamed", "activity-added", "activity-removed",
    "activity-renamed", "activity-moved", "agreement-added", "agreement-removed", "agreement-renamed",
    "agreement-changed", "agreed-weight-changed", "effective-weight-changed", "omission-changed", "holidays-changed",
    "holiday-added", "holiday-removed",
)

KINDS: dict[str, str] = {kind: said(f"change-{kind}", "en") for kind in _KIND_NAMES}
KINDS_TH: dict[str, str] = {kind: said(f"change-{kind}", "th") for kind in _KIND_NAMES}


def describe(kind: str, lang: str = "en") -> str:
    """What a kind of change means, in English or Thai."""
    return said(f"change-{kind}", lang)


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
                "old_location": self.old_location, "new_location": self.new_location, "note": self.note,
                "description": KINDS[self.kind], "description_th": KINDS_TH[self.kind]}


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
