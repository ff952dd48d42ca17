"""The diff of indicator trees (a framework's, or an agreement's laid over its
framework) and of how each indicator is scored.

Nodes are paired across the whole tree by kind and id, then by title
(match.py), so an indicator moved to another dimension is one `-moved` change
and a re-numbered one is one `-renumbered` change. An added or removed subtree
is one change at its root.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from . import values as v
from .match import match, out_of_order
from .model import NODE_KINDS

# Template fields of an indicator: its description and the reviewer-facing text.
_DETAILS = ("description", "definitions", "formula", "conditions", "baselines", "owners", "supervisors",
            "collectors", "evidence", "reason", "kind", "importance", "task", "key_result")


@attrs.frozen
class _Flat:
    node: dict
    parent: int | None  # index in the flat list
    position: int  # among its siblings
    path: str


def _flatten(nodes: list[dict], base: str) -> list[_Flat]:
    out: list[_Flat] = []

    def visit(children: list[dict], parent: int | None, prefix: str) -> None:
        for pos, n in enumerate(children):
            path = f"{prefix}/{n['kind']}:{n['id']}"
            out.append(_Flat(n, parent, pos, path))
            visit(n["children"], len(out) - 1, path)

    visit(nodes, None, base)
    return out


def _title(f: _Flat) -> str | None:
    return f.node.get("title")


class Nodes:
    """Indicator trees and their scoring, for the differ (whose emit, field and dates it uses)."""

    # ---- indicators and the groups above them --------------------------------------------------------
    def nodes(self, base: str, old_nodes: list[dict], new_nodes: list[dict], agreement: bool) -> None:
        olds, news = _flatten(old_nodes, base), _flatten(new_nodes, base)
        m = match(olds, news, key=lambda f: (f.node["kind"], f.node["id"]), title=lambda f: f.node["title"],
                  same_sort=lambda f: f.node["kind"])
        to_new = {i: j for i, j, _ in m.pairs}
        how = {j: h for _, j, h in m.pairs}
        to_old = {j: i for i, j, _ in m.pairs}

        def own(f: _Flat) -> bool:
            """In an agreement, only the indicators it adds itself are its own to report."""
            return not agreement or bool(f.node.get("added"))

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
            return f"{n['kind']} {n['id']}"

        entries: list[tuple[tuple, Callable[[], None]]] = []
        for j, f in enumerate(news):
            n = f.node
            name = NODE_KINDS.get(n["kind"], "indicator")
            if j not in to_old:
                if (f.parent is None or f.parent in to_old) and own(f):
                    entries.append(((j, 0), lambda f=f, name=name: self.emit(
                        f"{name}-added", f.path, None, _title(f), None, f.node["source"], _title(f))))
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
            name = NODE_KINDS.get(g.node["kind"], "indicator")
            entries.append(((before, 1, i), lambda g=g, name=name: self.emit(
                f"{name}-removed", g.path, _title(g), None, g.node["source"], None, _title(g))))
        for _, run in sorted(entries, key=lambda e: e[0]):
            run()

    def node_pair(self, g: _Flat, f: _Flat, name: str, how: str, agreement: bool, own: bool,
                  moved: tuple[str, str] | None) -> None:
        o, n = g.node, f.node
        os_, ns = o["source"], n["source"]
        title = n["title"]
        path = f.path
        if own:
            if o["id"] != n["id"]:
                self.emit(f"{name}-renumbered", path, o["id"], n["id"], os_, ns, title)
            self.field(f"{name}-renamed", path, o["title"], n["title"], os_, ns, title)
            if moved:
                self.emit(f"{name}-moved", path, moved[0], moved[1], os_, ns, title)
        if agreement:
            self.agreement_weights(path, o, n, title)
        else:
            if (o["weight_kind"], o["optional"]) != (n["weight_kind"], n["optional"]):
                self.emit("weight-kind-changed", path, v.weight(o), v.weight(n), os_, ns, title)
            else:
                self.field("weight-changed", path, o["weight"], n["weight"], os_, ns, title)
        # Headings over its indicators (``group``) are printed on the forms: a change is one to read.
        self.field("details-changed", f"{path}/groups", _headings(o), _headings(n),
                   _heading_line(o) or os_, _heading_line(n) or ns, title)
        if not own:
            return
        self.field("share-changed", path, o["share"], n["share"], os_, ns, title)
        self.field("multiplier-changed", path, o["multiplier"], n["multiplier"], os_, ns, title)
        if not agreement:
            self.field("scale-changed", path, o["scale"], n["scale"], os_, ns, title)
        self.field("unit-changed", path, o["unit"], n["unit"], os_, ns, title)
        self.field("target-changed", path, o["target"], n["target"], os_, ns, title)
        # A scoring an agreement's indicator takes from above (its weighted average's ladder,
        # its component's scale) changes with the framework, where it is listed once.
        inherited = agreement and ((o.get("scoring_inherited") and n.get("scoring_inherited"))
                                   or (o["scoring"] or {}).get("kind") == (n["scoring"] or {}).get("kind") == "scale")
        if not inherited:
            self.scoring(path, o["scoring"], n["scoring"], os_, ns, title)
        ot, nt = o["template"], n["template"]
        # Each field points at its own line (plans compiled before fields had one: the node's).
        olines, nlines = ot.get("sources") or {}, nt.get("sources") or {}
        for key in _DETAILS:
            self.field("details-changed", f"{path}/{key}", ot[key], nt[key], olines.get(key) or os_,
                       nlines.get(key) or ns, title)
        if "notes" in o:
            self.field("details-changed", f"{path}/notes", o["notes"], n["notes"], os_, ns, title)

    def agreement_weights(self, path: str, o: dict, n: dict, title: str | None) -> None:
        # An agreed weight or an omission is written in the agreement: point at that line
        # (plans compiled before nodes had an agreement_source fall back to the node's line).
        def said(x: dict) -> dict | None:
            return x.get("agreement_source") or x["source"]

        if o["omitted"] != n["omitted"]:
            self.emit("omission-changed", path, "omitted" if o["omitted"] else "kept",
                      "omitted" if n["omitted"] else "kept", said(o), said(n), title)
            return
        if "agreement" in (o["weight_source"], n["weight_source"]) and o["declared_weight"] != n["declared_weight"]:
            self.emit("agreed-weight-changed", path, o["declared_weight"], n["declared_weight"], said(o), said(n),
                      title)
        elif o["weight"] != n["weight"] and o["declared_weight"] == n["declared_weight"]:
            # The weight in force moved with another node's omission: point at where this one's is declared.
            os_, ns = (said(x) if x["weight_source"] == "agreement" else x["source"] for x in (o, n))
            self.emit("effective-weight-changed", path, o["weight"], n["weight"], os_, ns, title)

    # ---- scoring ----------------------------------------------------------------------------------------
    def scoring(self, path: str, o: dict | None, n: dict | None, osrc: dict | None, nsrc: dict | None,
                title: str | None) -> None:
        ok, nk = (o or {}).get("kind"), (n or {}).get("kind")
        os_ = (o or {}).get("source") or osrc
        ns = (n or {}).get("source") or nsrc
        if ok != nk:
            self.emit("scoring-kind-changed", path, v.describe_scoring(o), v.describe_scoring(n), os_, ns, title)
            return
        if ok is None:
            return
        if ok == "ladder":
            self.ladder(path, o, n, osrc, nsrc, title)
        elif ok in ("formula", "weighted_average"):
            if ok == "formula":
                inputs = [[" ".join(i["names"]) + (f" ({i['unit']})" if i.get("unit") else "") for i in s["inputs"]]
                          for s in (o, n)]
                self.field("formula-changed", f"{path}/inputs", inputs[0], inputs[1], os_, ns, title)
                self.field("formula-changed", f"{path}/expression", v.formula(o["expr"]), v.formula(n["expr"]),
                           os_, ns, title)
            if o["ladder"] is None or n["ladder"] is None:
                self.field("ladder-changed", path, v.thresholds(o["ladder"]), v.thresholds(n["ladder"]), os_, ns, title)
            else:
                self.ladder(path, o["ladder"], n["ladder"], osrc, nsrc, title)
        elif ok == "milestones":
            self.milestones(path, o["steps"], n["steps"], os_, ns, title)
        elif ok == "composite":
            self.composite(path, o["parts"], n["parts"], os_, ns)
        elif ok == "scale":
            self.field("scale-changed", path, o["scale"], n["scale"], os_, ns, title)

    def ladder(self, path: str, o: dict, n: dict, osrc, nsrc, title) -> None:
        os_, ns = o.get("source") or osrc, n.get("source") or nsrc
        self.field("direction-changed", path, o["direction"], n["direction"], os_, ns, title)
        self.field("ladder-changed", path, v.thresholds(o), v.thresholds(n), os_, ns, title)
        self.field("step-changed", path, o["step"], n["step"], os_, ns, title)

    def milestones(self, path: str, olds: list[dict], news: list[dict], osrc, nsrc, title) -> None:
        # Each step points at its own line; a plan compiled before steps had one falls back
        # to the milestones block.
        m = match(olds, news, key=lambda s: s["number"])
        for i, j, _ in m.pairs:
            s, t = olds[i], news[j]
            ss, ts = s.get("source") or osrc, t.get("source") or nsrc
            step = f"{path}/step:{t['number']}"
            self.field("milestone-changed", step, s["text"], t["text"], ss, ts, title)
            self.dates("milestone-moved", step, s["due"], t["due"], ss, ts, title)
            self.field("milestone-changed", f"{step}/evidence", s["evidence"], t["evidence"], ss, ts, title)
        # The checker holds every milestone ladder to steps 1 to 5 (M001), so steps pair by number.
        for i in m.removed:
            s = olds[i]
            self.emit("milestone-changed", f"{path}/step:{s['number']}", s["text"], None, s.get("source") or osrc,
                      None, title)
        for j in m.added:
            t = news[j]
            self.emit("milestone-changed", f"{path}/step:{t['number']}", None, t["text"], None,
                      t.get("source") or nsrc, title)

    def composite(self, path: str, olds: list[dict], news: list[dict], osrc, nsrc) -> None:
        m = match(olds, news, key=lambda p: p["id"], title=lambda p: p["title"])
        for i, j, _ in m.pairs:
            p, q = olds[i], news[j]
            part = f"{path}/part:{q['id']}"
            ps, qs = p["source"] or osrc, q["source"] or nsrc
            self.field("share-changed", part, p["share"], q["share"], ps, qs, q["title"])
            self.scoring(part, p["scoring"], q["scoring"], ps, qs, q["title"])
        for i in m.removed:
            p = olds[i]
            self.emit("part-removed", f"{path}/part:{p['id']}", p["title"], None, p["source"] or osrc, None, p["title"])
        for j in m.added:
            q = news[j]
            self.emit("part-added", f"{path}/part:{q['id']}", None, q["title"], None, q["source"] or nsrc, q["title"])


def _headings(node: dict) -> list[str]:
    """``heading: 1, 2`` per group of a node (none in a plan compiled before groups)."""
    return [f"{g['title']}: {', '.join(g['kpis'])}" for g in node.get("groups") or []]


def _heading_line(node: dict) -> dict | None:
    """Where a node's first heading is written (an agreement's, under its framework's component)."""
    return ((node.get("groups") or [{}])[0]).get("source")
