"""The semantic diff of two compiled plans: what changed for the people who are
scored, not which lines moved.

Things are paired by id, and indicators, rounds, activities, bands and agreements
left over are paired by title (match.py), so a re-numbered indicator is one
`indicator-renumbered` change, not a removal and an addition. An added or removed
subtree is one change at its root. Agreements report only what they say
themselves (their own indicators, agreed weights, omissions) and weights in force
that moved without a framework change: the framework's own changes are listed once,
under the framework.
Trees and scoring are compared in nodes.py; rounds, bands, calendars and holidays
in tables.py; values are shown as values.py writes them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from ..plan.model import Agreement, Dates, Framework, Limit, Plan, Policies, Salary, Scale, Source
from ..plan.read import plan_of
from . import values as v
from .match import by_id_then_year, id_without_years, match
from .model import Change, Diff, Group
from .nodes import Nodes
from .tables import Tables


def diff_plans(old: "dict | Plan", new: "dict | Plan", old_root: str, new_root: str) -> Diff:
    """Every change from plan ``old`` (of the rule set at ``old_root``) to ``new``."""
    d = _Differ(old_root, new_root)
    d.run(plan_of(old), plan_of(new))
    return d.diff


class _Differ(Nodes, Tables):
    def __init__(self, old_root: str, new_root: str):
        self.roots = (old_root.rstrip("/") or old_root, new_root.rstrip("/") or new_root)
        self.diff = Diff(old_root, new_root)
        self.group = ""

    # ---- output ------------------------------------------------------------------------------------
    def where(self, side: int, source: Source | None) -> str | None:
        if not source:
            return None
        return f"{self.roots[side]}/{source.path}:{source.line}"

    def open_group(self, key: str, label: str, title: str | None) -> None:
        self.group = key
        self.diff.groups.append(Group(key, label, title))

    def emit(self, kind: str, path: str, old, new, old_src: Source | None, new_src: Source | None,
             title: str | None = None, note: str | None = None) -> None:
        self.diff.changes.append(Change(kind, path, v.text(old), v.text(new), self.where(0, old_src),
                                        self.where(1, new_src), self.group, title, note))

    def field(self, kind: str, path: str, old, new, old_src, new_src, title=None, note=None) -> None:
        if old != new:
            self.emit(kind, path, old, new, old_src, new_src, title, note)

    def rest(self, path: str, o, n, seen: frozenset[str], osrc, nsrc, title=None) -> None:
        """Every field of the model's class not in ``seen`` (compared above, or left out on
        purpose): a field the model gains is compared here, as a detail, without an edit."""
        for a in attrs.fields(type(n)):
            if a.eq and a.name not in seen:
                self.field("details-changed", f"{path}/{a.name}", getattr(o, a.name), getattr(n, a.name), osrc,
                           nsrc, title)

    def dates(self, kind: str, path: str, old: Dates | None, new: Dates | None, osrc, nsrc, title=None) -> None:
        # A date points at its own line (it may sit on a line of its own inside a block).
        if v.dates(old) != v.dates(new):
            self.emit(kind, path, v.dates(old), v.dates(new), v.source(old, osrc), v.source(new, nsrc), title,
                      v.shift([old], [new]))

    # ---- the plan ------------------------------------------------------------------------------------
    def run(self, old: Plan, new: Plan) -> None:
        self.frameworks(old, new)
        self.keyed("bands", old.bands, new.bands, self.band_table)
        self.keyed("calendar", old.calendars, new.calendars, self.calendar)
        self.agreements(old.agreements, new.agreements)
        self.open_group("rule set", "rule set", None)
        self.policies("policies", old.policies, new.policies, None, None,
                      sources=(dict(old.policy_sources), dict(new.policy_sources)))
        self.holidays(old.holidays, new.holidays)

    def keyed(self, sort: str, olds, news, compare: Callable[[str, Any, Any], None]) -> None:
        """Tables matched by id, or by id but its year (an id `kpidsl new-year` renamed with the
        year, match.by_id_then_year): a band table or a calendar of another id is another table."""
        for o, n in _paired(olds, news):
            path = f"{sort}:{(n or o).id}"
            if self.matched(sort, path, o, n):
                compare(path, o, n)

    def matched(self, sort: str, path: str, o, n) -> bool:
        """Open the group of a table, framework or agreement matched by id; tell it added,
        removed or renamed (its id, its title): whether it is in both plans, to compare further."""
        self.open_group(path, f"{sort} {path.split(':', 1)[1]}", (n or o).title)
        if o is None:
            self.emit(f"{sort}-added", path, None, n.title, None, n.source, n.title)
            return False
        if n is None:
            self.emit(f"{sort}-removed", path, o.title, None, o.source, None, o.title)
            return False
        if o.id != n.id:
            self.emit(f"{sort}-renamed", f"{path}/id", o.id, n.id, o.source, n.source, n.title)
        self.field(f"{sort}-renamed", path, o.title, n.title, o.source, n.source, n.title)
        return True

    # ---- frameworks ------------------------------------------------------------------------------------
    def frameworks(self, old: Plan, new: Plan) -> None:
        for o, n in _paired(list(old.frameworks_by_id.values()), list(new.frameworks_by_id.values())):
            ident = (n or o).id
            path = f"framework:{ident}"
            if not self.matched("framework", path, o, n):
                continue
            os_, ns = o.source, n.source
            for key, ov, nv in (("level", o.level, n.level), ("fiscal_year", o.fiscal_year, n.fiscal_year),
                                ("bands", _id(o.bands), _id(n.bands)),
                                ("calendars", [c.id for c in o.calendars], [c.id for c in n.calendars])):
                self.field("framework-changed", f"{path}/{key}", ov, nv, os_, ns, n.title)
            self.policies(f"{path}/policies", o.policies, n.policies, old.policies, new.policies,
                          os_, ns, sources=(dict(o.policy_sources), dict(n.policy_sources)))
            self.nodes(path, o.nodes, n.nodes, agreement=False)
            self.rounds(path, o.rounds, n.rounds)
            self.limits(path, o, n)
            self.salary(path, o.salary, n.salary, os_, ns)
            self.scales(path, o.scales, n.scales, os_, ns)
            for key in ("notes", "strategies", "sample_size", "evidence", "agreement_requires"):
                # a sample size's lines (its own and its table rows') are where it is, not what it says
                ov, nv = getattr(o, key), getattr(n, key)
                if key == "sample_size":
                    ov, nv = without_sources(ov), without_sources(nv)
                self.field("details-changed", f"{path}/{key}", ov, nv, os_, ns, n.title)
            self.rest(path, o, n, FRAMEWORK_SEEN, os_, ns, n.title)

    def policies(self, path: str, old: Policies, new: Policies, old_base: Policies | None,
                 new_base: Policies | None, osrc: Source | None = None, nsrc: Source | None = None,
                 sources: tuple[dict, dict] = ({}, {})) -> None:
        # Each setting points at its own line; a default (no line) at the block's owner, if any.
        # Every setting the model has is compared: a new policy needs no edit here.
        for key in sorted(a.name for a in attrs.fields(Policies)):
            o, n = getattr(old, key), getattr(new, key)
            if o == n:
                continue
            if old_base is not None and (o, n) == (getattr(old_base, key), getattr(new_base, key)):
                continue  # the rule set's policy changed: listed once, under the rule set
            self.emit("policy-changed", f"{path}/{key}", o, n, sources[0].get(key) or osrc,
                      sources[1].get(key) or nsrc)

    def limits(self, path: str, o: Framework, n: Framework) -> None:
        def text(lim: Limit) -> str:
            of = f" {lim.of}" if lim.of else ""
            severity = f" ({lim.severity})" if lim.severity not in (None, "error") else ""
            return f"{lim.subject}{of} {lim.op} {v.text(lim.value)}{severity}"

        olds = {text(x): x.source or o.source for x in o.limits}
        news = {text(x): x.source or n.source for x in n.limits}
        for t, src in olds.items():
            if t not in news:
                self.emit("limit-removed", f"{path}/limits", t, None, src, None)
        for t, src in news.items():
            if t not in olds:
                self.emit("limit-added", f"{path}/limits", None, t, None, src)

    def salary(self, path: str, o: Salary | None, n: Salary | None, osrc, nsrc) -> None:
        if o is None and n is None:
            return
        path = f"{path}/salary"
        if o is None or n is None:
            self.emit("salary-changed", path, "salary rules" if o else None, "salary rules" if n else None,
                      osrc if o else None, nsrc if n else None)
            return
        osrc, nsrc = o.source or osrc, n.source or nsrc
        for k in range(max(len(o.pools), len(n.pools))):
            p = o.pools[k] if k < len(o.pools) else None
            q = n.pools[k] if k < len(n.pools) else None
            pool = f"{path}/pool:{k + 1}"
            if p is None or q is None:
                pools = [f"{v.text(x.percent)}% on {v.dates(x.on)}" if x else None for x in (p, q)]
                self.emit("salary-changed", pool, pools[0], pools[1], osrc, nsrc)
                continue
            self.field("salary-changed", f"{pool}/percent", p.percent, q.percent, osrc, nsrc)
            self.field("salary-changed", f"{pool}/round", p.round, q.round, osrc, nsrc)
            self.dates("salary-changed", f"{pool}/on", p.on, q.on, osrc, nsrc)
        for key in ("cap", "base", "rounding", "rounding_unit", "leftover"):
            self.field("salary-changed", f"{path}/{key}", getattr(o, key), getattr(n, key), osrc, nsrc)
        groups = match(o.groups, n.groups, lambda g: g.id)  # pool groups
        for i, j, _ in groups.pairs:
            self.field("salary-changed", f"{path}/pool_group:{n.groups[j].id}/title", o.groups[i].title,
                       n.groups[j].title, osrc, nsrc)
        for i in groups.removed:
            self.emit("salary-changed", f"{path}/pool_group:{o.groups[i].id}", o.groups[i].title or
                      o.groups[i].id, None, osrc, None)
        for j in groups.added:
            self.emit("salary-changed", f"{path}/pool_group:{n.groups[j].id}", None, n.groups[j].title or
                      n.groups[j].id, None, nsrc)
        m = match(o.grades, n.grades, lambda g: g.id)
        for i, j, _ in m.pairs:
            g, h = o.grades[i], n.grades[j]
            for key in ("title", "min", "lower_mid", "split_at", "upper_mid", "max"):
                self.field("salary-changed", f"{path}/grade:{h.id}/{key}", getattr(g, key), getattr(h, key),
                           osrc, nsrc, h.title)
        for i in m.removed:
            self.emit("salary-changed", f"{path}/grade:{o.grades[i].id}", o.grades[i].title, None, osrc, None)
        for j in m.added:
            self.emit("salary-changed", f"{path}/grade:{n.grades[j].id}", None, n.grades[j].title, None, nsrc)

    def scales(self, path: str, olds: tuple[Scale, ...], news: tuple[Scale, ...], osrc, nsrc) -> None:
        by_old = {s.id: s for s in olds}
        by_new = {s.id: s for s in news}
        for ident in sorted(set(by_old) | set(by_new)):
            o, n = by_old.get(ident), by_new.get(ident)
            levels = [[f"{lv.number} {lv.text}" for lv in s.levels] if s else None for s in (o, n)]
            self.field("details-changed", f"{path}/scale:{ident}", levels[0], levels[1], osrc, nsrc,
                       (n or o).title)

    # ---- agreements ---------------------------------------------------------------------------------------
    def agreements(self, olds: tuple[Agreement, ...], news: tuple[Agreement, ...]) -> None:
        # A title fallback only within one framework (or its id renamed with the year): the example
        # agreement of a province and that of a department share most of their words, not their rules.
        m = match(olds, news, key=lambda a: a.id, title=lambda a: a.title,
                  same_sort=lambda a: id_without_years(a.framework.id))
        rows: list[tuple[str, int | None, int | None]] = [(news[j].id, i, j) for i, j, _ in m.pairs]
        rows += [(olds[i].id, i, None) for i in m.removed]
        rows += [(news[j].id, None, j) for j in m.added]
        for ident, i, j in sorted(rows, key=lambda r: (r[0], r[1] is None, r[2] is None)):
            o = olds[i] if i is not None else None
            n = news[j] if j is not None else None
            path = f"agreement:{ident}"
            if not self.matched("agreement", path, o, n):
                continue
            os_, ns = o.source, n.source
            for key, ov, nv in (("framework", o.framework.id, n.framework.id),
                                ("fiscal_year", o.fiscal_year, n.fiscal_year),
                                ("organisation", o.organisation, n.organisation), ("person", o.person, n.person),
                                ("assessor", o.assessor, n.assessor), ("plan", o.plan, n.plan),
                                ("round", o.round_id, n.round_id), ("salary", o.salary, n.salary),
                                ("grade", o.grade_id, n.grade_id)):
                self.field("agreement-changed", f"{path}/{key}", ov, nv, os_, ns, n.title)
            self.dates("agreement-changed", f"{path}/period", o.period, n.period, os_, ns, n.title)
            signs = [[f"{s.name} ({s.role})" if s.role else s.name for s in x.signatories] for x in (o, n)]
            self.field("agreement-changed", f"{path}/signatories", signs[0], signs[1], os_, ns, n.title)
            self.field("details-changed", f"{path}/notes", o.notes, n.notes, os_, ns, n.title)
            self.rest(path, o, n, AGREEMENT_SEEN, os_, ns, n.title)
            self.nodes(path, o.nodes, n.nodes, agreement=True)


# The fields of a framework and of an agreement the differ compares by name above, and
# those it leaves out on purpose; ``rest`` compares any other.
FRAMEWORK_SEEN = frozenset({
    "id", "title", "level", "fiscal_year", "bands", "calendars", "policies", "policy_sources", "nodes", "rounds",
    "limits", "salary", "scales", "notes", "strategies", "sample_size", "evidence", "agreement_requires",
    "source", "citation",  # where the framework is written and which seed it cites: not what it says
    "period",  # the fiscal year's first and last day: follows fiscal_year, listed there
})
AGREEMENT_SEEN = frozenset({
    "id", "title", "framework", "fiscal_year", "organisation", "person", "assessor", "plan", "round_id", "salary",
    "grade_id", "period", "signatories", "notes", "nodes",
    "omitted",  # listed per indicator (omission-changed), in nodes.py
    "source", "citation",  # where the agreement is written and which seed it cites: not what it says
})


def _paired(olds, news) -> list:
    """(old, new) of each thing, None on the side it is missing from, in the order of their
    ids (the new one's when both): paired by id, then by id but its year."""
    m = by_id_then_year(olds, news, lambda x: x.id)
    rows = [(olds[i], news[j]) for i, j, _ in m.pairs]
    rows += [(olds[i], None) for i in m.removed] + [(None, news[j]) for j in m.added]
    return sorted(rows, key=lambda r: ((r[1] or r[0]).id, r[1] is None))


def _id(thing) -> str | None:
    return None if thing is None else thing.id


def without_sources(value):
    """``value`` (a part of the typed plan) as its plan JSON holds it, without its rule-file
    locations (``source`` keys): what it says, not where."""
    return _unsourced(value.to_json() if value is not None else None)


def _unsourced(value):
    if isinstance(value, dict):
        return {k: _unsourced(x) for k, x in value.items() if k != "source"}
    if isinstance(value, list):
        return [_unsourced(x) for x in value]
    return value
