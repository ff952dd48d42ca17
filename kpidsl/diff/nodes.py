"""The diff of indicator trees (a framework's, or an agreement's laid over its
framework) and of how each indicator is scored.

Nodes are paired across the whole tree by kind and id, then by title
(match.py), so an indicator moved to another dimension is one `-moved` change
and a re-numbered one is one `-renumbered` change. An added or removed subtree
is one change at its root.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from ..plan.model import (AgreementNode, Composite, Formula, Ladder, Milestones, Part, ScaleScoring, Scoring, Source,
                          Step, WeightedAverage)
from . import values as v
from .match import match, out_of_order
from .model import NODE_KIND_NAMES

# Template fields of an indicator: its description and the reviewer-facing text.
_DETAILS = ("description", "definitions", "formula", "conditions", "baselines", "owners", "supervisors",
            "collectors", "evidence", "reason", "kind", "importance", "task", "key_result")


# The fields of an indicator (or a group above indicators) compared by name here, and those
# left out on purpose; the differ's ``rest`` compares any other (a framework's
# ``agreed_kpis``, an agreement's ``cascade``), and any the model gains.
_NODE_SEEN = frozenset({
    "id", "title", "share", "multiplier", "unit", "target", "scoring", "template",
    "kind",  # pairs the nodes: another kind is another node
    "children",  # each compared as a node of its own
    "groups",  # headings over indicators: compared as one text, at the first heading's line
    "source", "citation",  # where it is written and which seed it cites: not what it says
})
FRAMEWORK_NODE_SEEN = _NODE_SEEN | {"weight", "weight_kind", "optional", "scale", "notes"}
AGREEMENT_NODE_SEEN = _NODE_SEEN | {
    "weight", "declared_weight", "weight_source", "omitted", "scoring_inherited",
    "added",  # whether the node is the agreement's own to report (``own``)
    "optional",  # the framework's: listed under the framework
    "framework_source", "agreement_source",  # lines
}


@attrs.frozen
class _Flat:
    node: Any  # a FrameworkNode or an AgreementNode
    parent: int | None  # index in the flat list
    position: int  # among its siblings
    path: str


def _flatten(nodes: tuple, base: str) -> list[_Flat]:
    out: list[_Flat] = []

    def visit(children: tuple, parent: int | None, prefix: str) -> None:
        for pos, n in enumerate(children):
            path = f"{prefix}/{n.kind}:{n.id}"
            out.append(_Flat(n, parent, pos, path))
            visit(n.children, len(out) - 1, path)

    visit(nodes, None, base)
    return out


def _title(f: _Flat) -> str | None:
    return f.node.title


class Nodes:
    """Indicator trees and their scoring, for the differ (whose emit, field and dates it uses)."""

    # ---- indicators and the groups above them --------------------------------------------------------
    def nodes(self, base: str, old_nodes: tuple, new_nodes: tuple, agreement: bool) -> None:
        olds, news = _flatten(old_nodes, base), _flatten(new_nodes, base)
        m = match(olds, news, key=lambda f: (f.node.kind, f.node.id), title=lambda f: f.node.title,
                  same_sort=lambda f: f.node.kind)
        to_new = {i: j for i, j, _ in m.pairs}
        how = {j: h for _, j, h in m.pairs}
        to_old = {j: i for i, j, _ in m.pairs}

        def own(f: _Flat) -> bool:
            """In an agreement, only the indicators it adds itself are its own to report."""
            return not agreement or f.node.added

        # Which matched nodes moved: to another parent, or out of order among their siblings.
        moved_parent: set[int] = set()
        siblings: dict[int | None, list[tuple[int, int]]] = {}
        for i, j, _ in m.pairs:
            op, np_ = olds[i].parent, news[j].parent
            if (op is None) != (np_ is None) or (op is not None and to_new.get(op) != np_):
                moved_parent.add(j)
            else:
                siblings.setdefault(np_, []).append((olds[i].position, news[j].position))
        moved_place: set[int] = set()
        for parent, pairs in siblings.items():
            placed = out_of_order(pairs)
            moved_place |= {j for j in (k for k, f in enumerate(news) if f.parent == parent)
                            if news[j].position in placed and j in to_old}

        def label(flat: list[_Flat], k: int | None) -> str:
            if k is None:
                return "top level"
            n = flat[k].node
            return f"{n.kind} {n.id}"

        entries: list[tuple[tuple, Callable[[], None]]] = []
        for j, f in enumerate(news):
            n = f.node
            name = NODE_KIND_NAMES.get(n.kind, "indicator")
            if j not in to_old:
                if (f.parent is None or f.parent in to_old) and own(f):
                    entries.append(((j, 0), lambda f=f, name=name: self.emit(
                        f"{name}-added", f.path, None, _title(f), None, f.node.source, _title(f))))
                continue
            i = to_old[j]
            g = olds[i]
            entries.append(((j, 0), lambda g=g, f=f, i=i, j=j, name=name: self.node_pair(
                g, f, name, how[j], agreement, own(g) and own(f),
                (label(olds, g.parent), label(news, f.parent)) if j in moved_parent else
                (f"{label(olds, g.parent)}, place {g.position + 1}", f"{label(news, f.parent)}, place {f.position + 1}")
                if j in moved_place else None)))
        before = -1  # a removed node is listed after the last kept node that preceded it
        for i, g in enumerate(olds):
            if i in to_new:
                before = max(before, to_new[i])
                continue
            if not (g.parent is None or g.parent in to_new) or not own(g):
                continue
            name = NODE_KIND_NAMES.get(g.node.kind, "indicator")
            entries.append(((before, 1, i), lambda g=g, name=name: self.emit(
                f"{name}-removed", g.path, _title(g), None, g.node.source, None, _title(g))))
        for _, run in sorted(entries, key=lambda e: e[0]):
            run()

    def node_pair(self, g: _Flat, f: _Flat, name: str, how: str, agreement: bool, own: bool,
                  moved: tuple[str, str] | None) -> None:
        o, n = g.node, f.node
        os_, ns = o.source, n.source
        title = n.title
        path = f.path
        if own:
            if o.id != n.id:
                self.emit(f"{name}-renumbered", path, o.id, n.id, os_, ns, title)
            self.field(f"{name}-renamed", path, o.title, n.title, os_, ns, title)
            if moved:
                self.emit(f"{name}-moved", path, moved[0], moved[1], os_, ns, title)
        if agreement:
            self.agreement_weights(path, o, n, title)
        else:
            if (o.weight_kind, o.optional) != (n.weight_kind, n.optional):
                self.emit("weight-kind-changed", path, v.weight(o), v.weight(n), os_, ns, title)
            else:
                self.field("weight-changed", path, o.weight, n.weight, os_, ns, title)
        # Headings over its indicators (``group``) are printed on the forms: a change is one to read.
        self.field("details-changed", f"{path}/groups", _headings(o), _headings(n),
                   _heading_line(o) or os_, _heading_line(n) or ns, title)
        if not own:
            return
        self.field("share-changed", path, o.share, n.share, os_, ns, title)
        self.field("multiplier-changed", path, o.multiplier, n.multiplier, os_, ns, title)
        if not agreement:
            self.field("scale-changed", path, o.scale, n.scale, os_, ns, title)
        self.field("unit-changed", path, o.unit, n.unit, os_, ns, title)
        self.field("target-changed", path, o.target, n.target, os_, ns, title)
        # A scoring an agreement's indicator takes from above (its weighted average's ladder,
        # its component's scale) changes with the framework, where it is listed once.
        inherited = agreement and ((o.scoring_inherited and n.scoring_inherited)
                                   or v.kind(o.scoring) == v.kind(n.scoring) == ScaleScoring.KIND)
        if not inherited:
            self.scoring(path, o.scoring, n.scoring, os_, ns, title)
        ot, nt = o.template, n.template
        # Each field points at its own line (a field without one: the node's).
        for key in _DETAILS:
            self.field("details-changed", f"{path}/{key}", getattr(ot, key), getattr(nt, key),
                       ot.source(key) or os_, nt.source(key) or ns, title)
        if not agreement:  # an agreement's node has no notes of its own
            self.field("details-changed", f"{path}/notes", o.notes, n.notes, os_, ns, title)
        self.rest(path, o, n, AGREEMENT_NODE_SEEN if agreement else FRAMEWORK_NODE_SEEN, os_, ns, title)

    def agreement_weights(self, path: str, o: AgreementNode, n: AgreementNode, title: str | None) -> None:
        # An agreed weight or an omission is written in the agreement: point at that line
        # (a node the agreement does not mention: the node's own line).
        def said(x: AgreementNode) -> Source | None:
            return x.agreement_source or x.source

        if o.omitted != n.omitted:
            self.emit("omission-changed", path, "omitted" if o.omitted else "kept",
                      "omitted" if n.omitted else "kept", said(o), said(n), title)
            return
        if "agreement" in (o.weight_source, n.weight_source) and o.declared_weight != n.declared_weight:
            self.emit("agreed-weight-changed", path, o.declared_weight, n.declared_weight, said(o), said(n),
                      title)
        elif o.weight != n.weight and o.declared_weight == n.declared_weight:
            # The weight in force moved with another node's omission: point at where this one's is declared.
            os_, ns = (said(x) if x.weight_source == "agreement" else x.source for x in (o, n))
            self.emit("effective-weight-changed", path, o.weight, n.weight, os_, ns, title)

    # ---- scoring ----------------------------------------------------------------------------------------
    def scoring(self, path: str, o: Scoring | None, n: Scoring | None, osrc: Source | None, nsrc: Source | None,
                title: str | None) -> None:
        ok, nk = v.kind(o), v.kind(n)
        os_ = getattr(o, "source", None) or osrc
        ns = getattr(n, "source", None) or nsrc
        if ok != nk:
            self.emit("scoring-kind-changed", path, v.describe_scoring(o), v.describe_scoring(n), os_, ns, title)
            return
        if isinstance(o, Ladder):
            self.ladder(path, o, n, osrc, nsrc, title)
        elif isinstance(o, (Formula, WeightedAverage)):
            if isinstance(o, Formula):
                inputs = [[" ".join(i.names) + (f" ({i.unit})" if i.unit else "") for i in s.inputs] for s in (o, n)]
                self.field("formula-changed", f"{path}/inputs", inputs[0], inputs[1], os_, ns, title)
                self.field("formula-changed", f"{path}/expression", v.formula(o.expr), v.formula(n.expr),
                           os_, ns, title)
            if o.ladder is None or n.ladder is None:
                self.field("ladder-changed", path, v.thresholds(o.ladder), v.thresholds(n.ladder), os_, ns, title)
            else:
                self.ladder(path, o.ladder, n.ladder, osrc, nsrc, title)
        elif isinstance(o, Milestones):
            self.milestones(path, o.steps, n.steps, os_, ns, title)
        elif isinstance(o, Composite):
            self.composite(path, o.parts, n.parts, os_, ns)
        elif isinstance(o, ScaleScoring):
            self.field("scale-changed", path, o.scale, n.scale, os_, ns, title)

    def ladder(self, path: str, o: Ladder, n: Ladder, osrc, nsrc, title) -> None:
        os_, ns = o.source or osrc, n.source or nsrc
        self.field("direction-changed", path, o.direction, n.direction, os_, ns, title)
        self.field("ladder-changed", path, v.thresholds(o), v.thresholds(n), os_, ns, title)
        self.field("step-changed", path, o.step, n.step, os_, ns, title)

    def milestones(self, path: str, olds: tuple[Step, ...], news: tuple[Step, ...], osrc, nsrc, title) -> None:
        # Each step points at its own line (else the milestones block's).
        m = match(olds, news, key=lambda s: s.number)
        for i, j, _ in m.pairs:
            s, t = olds[i], news[j]
            ss, ts = s.source or osrc, t.source or nsrc
            step = f"{path}/step:{t.number}"
            self.field("milestone-changed", step, s.text, t.text, ss, ts, title)
            self.dates("milestone-moved", step, s.due, t.due, ss, ts, title)
            self.field("milestone-changed", f"{step}/evidence", s.evidence, t.evidence, ss, ts, title)
        # The checker holds every milestone ladder to steps 1 to 5 (M001), so steps pair by number.
        for i in m.removed:
            s = olds[i]
            self.emit("milestone-changed", f"{path}/step:{s.number}", s.text, None, s.source or osrc, None, title)
        for j in m.added:
            t = news[j]
            self.emit("milestone-changed", f"{path}/step:{t.number}", None, t.text, None, t.source or nsrc, title)

    def composite(self, path: str, olds: tuple[Part, ...], news: tuple[Part, ...], osrc, nsrc) -> None:
        m = match(olds, news, key=lambda p: p.id, title=lambda p: p.title)
        for i, j, _ in m.pairs:
            p, q = olds[i], news[j]
            part = f"{path}/part:{q.id}"
            ps, qs = p.source or osrc, q.source or nsrc
            self.field("share-changed", part, p.share, q.share, ps, qs, q.title)
            self.scoring(part, p.scoring, q.scoring, ps, qs, q.title)
        for i in m.removed:
            p = olds[i]
            self.emit("part-removed", f"{path}/part:{p.id}", p.title, None, p.source or osrc, None, p.title)
        for j in m.added:
            q = news[j]
            self.emit("part-added", f"{path}/part:{q.id}", None, q.title, None, q.source or nsrc, q.title)


def _headings(node) -> list[str]:
    """``heading: 1, 2`` per group of a node."""
    return [f"{g.title}: {', '.join(g.kpis)}" for g in node.groups]


def _heading_line(node) -> Source | None:
    """Where a node's first heading is written (an agreement's, under its framework's component)."""
    return node.groups[0].source if node.groups else None
