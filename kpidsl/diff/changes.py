"""The semantic diff of two compiled plans: what changed for the people who are
scored, not which lines moved.

Things are paired by id, and indicators, rounds, activities, bands and agreements
left over are paired by title (match.py), so a re-numbered indicator is one
`indicator-renumbered` change, not a removal and an addition. An added or removed
subtree is one change at its root. Agreements report only what they say
themselves (their own indicators, agreed weights, omissions) and weights in force
that moved without a framework change: the framework's own changes are listed once,
under the framework.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs

from ..score.formula import render as render_formula
from .match import match, out_of_order
from .model import NODE_KINDS, Change, Diff, Group

# Template fields of an indicator: its description and the reviewer-facing text.
_DETAILS = ("description", "definitions", "formula", "conditions", "baselines", "owners", "supervisors",
            "collectors", "evidence", "reason", "kind", "importance")


def diff_plans(old: dict, new: dict, old_root: str, new_root: str) -> Diff:
    """Every change from plan ``old`` (of the rule set at ``old_root``) to ``new``."""
    d = _Differ(old_root, new_root)
    d.run(old, new)
    return d.diff


# ---- values as text ---------------------------------------------------------------------------------

def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(t for t in (_text(v) for v in value) if t is not None) if value else None
    if isinstance(value, dict):
        return ", ".join(f"{k} {_text(v)}" for k, v in value.items() if v not in (None, [], ""))
    return str(value)


def _weight(n: dict) -> str:
    kind = n.get("weight_kind")
    if kind == "agreed":
        text = "agreed"
    elif kind == "none" or n.get("weight") is None:
        text = "none"
    else:
        text = n["weight"]
    opt = n.get("optional")
    if opt:
        to = f" → {opt['to']}" if opt.get("to") else (" → proportional" if opt.get("proportional") else "")
        text += f", optional{to}"
    return text


def _thresholds(ladder: dict | None) -> str | None:
    if ladder is None:
        return None
    return " ".join(f"{t['op'] or ''}{t['value']}" for t in ladder["thresholds"])


def _dates(d: dict | None) -> str | None:
    if d is None:
        return None
    return d["start"] if d["start"] == d["end"] else f"{d['start']} – {d['end']}"


def _shift(old: list[dict | None], new: list[dict | None]) -> str | None:
    """'+1 year' when every date moved by the same whole number of years (a new fiscal year)."""
    years = set()
    for a, b in zip(old, new):
        if a is None or b is None:
            return None
        for key in ("start", "end"):
            x, y = dt.date.fromisoformat(a[key]), dt.date.fromisoformat(b[key])
            delta = y.year - x.year
            try:
                if x.replace(year=y.year) != y:
                    return None
            except ValueError:  # 29 February
                return None
            years.add(delta)
    if len(years) != 1 or len(old) != len(new):
        return None
    (n,) = years
    if n == 0:
        return None
    return f"{n:+d} year" + ("s" if abs(n) != 1 else "")


def _bound(b: dict | None) -> str | None:
    return None if b is None else f"{b['op']} {b['value']}"


def _raise(band: dict) -> str | None:
    if band.get("no_raise"):
        return "no raise"
    r = band.get("raise")
    return None if r is None else f"{r['low']}–{r['high']}%"


def _formula(expr: dict | None) -> str | None:
    return None if expr is None else render_formula(expr)


def _describe_scoring(s: dict | None) -> str:
    if not s:
        return "none"
    kind = s["kind"]
    if kind == "ladder":
        return f"ladder {_thresholds(s)}"
    if kind == "formula":
        return f"formula {_formula(s['expr'])}"
    if kind == "milestones":
        return f"milestones ({len(s['steps'])} steps)"
    if kind == "composite":
        return "composite of " + ", ".join(f"{p['id']} {p['share']}%" for p in s["parts"])
    return kind.replace("_", " ")


# ---- the walk -------------------------------------------------------------------------------------------

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


class _Differ:
    def __init__(self, old_root: str, new_root: str):
        self.roots = (old_root.rstrip("/") or old_root, new_root.rstrip("/") or new_root)
        self.diff = Diff(old_root, new_root)
        self.group = ""

    # ---- output ------------------------------------------------------------------------------------
    def where(self, side: int, source: dict | None) -> str | None:
        if not source:
            return None
        return f"{self.roots[side]}/{source['path']}:{source['line']}"

    def open_group(self, key: str, label: str, title: str | None) -> None:
        self.group = key
        self.diff.groups.append(Group(key, label, title))

    def emit(self, kind: str, path: str, old, new, old_src: dict | None, new_src: dict | None,
             title: str | None = None, note: str | None = None) -> None:
        self.diff.changes.append(Change(kind, path, _text(old), _text(new), self.where(0, old_src),
                                        self.where(1, new_src), self.group, title, note))

    def field(self, kind: str, path: str, old, new, old_src, new_src, title=None, note=None) -> None:
        if old != new:
            self.emit(kind, path, old, new, old_src, new_src, title, note)

    def dates(self, kind: str, path: str, old: dict | None, new: dict | None, osrc, nsrc, title=None) -> None:
        if _dates(old) != _dates(new):
            self.emit(kind, path, _dates(old), _dates(new), osrc, nsrc, title, _shift([old], [new]))

    # ---- the plan ------------------------------------------------------------------------------------
    def run(self, old: dict, new: dict) -> None:
        self.frameworks(old, new)
        self.keyed("bands", old["bands"], new["bands"], self.band_table)
        self.keyed("calendar", old["calendar"], new["calendar"], self.calendar)
        self.agreements(old["agreements"], new["agreements"])
        self.open_group("rule set", "rule set", None)
        self.policies("policies", old["policies"], new["policies"], None, None)
        self.holidays(old["holidays"], new["holidays"])

    def keyed(self, sort: str, olds: list[dict], news: list[dict],
              compare: Callable[[str, dict, dict], None]) -> None:
        """Tables matched by id only: a band table or a calendar of another id is another table."""
        by_old = {x["id"]: x for x in olds}
        by_new = {x["id"]: x for x in news}
        for ident in sorted(set(by_old) | set(by_new)):
            o, n = by_old.get(ident), by_new.get(ident)
            x = n or o
            path = f"{sort}:{ident}"
            self.open_group(path, f"{sort} {ident}", x.get("title"))
            if o is None:
                self.emit(f"{sort}-added", path, None, n.get("title"), None, n.get("source"), n.get("title"))
            elif n is None:
                self.emit(f"{sort}-removed", path, o.get("title"), None, o.get("source"), None, o.get("title"))
            else:
                self.field(f"{sort}-renamed", path, o.get("title"), n.get("title"), o["source"], n["source"],
                           n.get("title"))
                compare(path, o, n)

    # ---- frameworks ------------------------------------------------------------------------------------
    def frameworks(self, old: dict, new: dict) -> None:
        by_old = {f["id"]: f for f in old["frameworks"]}
        by_new = {f["id"]: f for f in new["frameworks"]}
        for ident in sorted(set(by_old) | set(by_new)):
            o, n = by_old.get(ident), by_new.get(ident)
            path = f"framework:{ident}"
            self.open_group(path, f"framework {ident}", (n or o)["title"])
            if o is None:
                self.emit("framework-added", path, None, n["title"], None, n["source"], n["title"])
                continue
            if n is None:
                self.emit("framework-removed", path, o["title"], None, o["source"], None, o["title"])
                continue
            os_, ns = o["source"], n["source"]
            self.field("framework-renamed", path, o["title"], n["title"], os_, ns, n["title"])
            for key in ("level", "fiscal_year", "bands", "calendars"):
                self.field("framework-changed", f"{path}/{key}", o[key], n[key], os_, ns, n["title"])
            self.policies(f"{path}/policies", o["policies"], n["policies"], old["policies"], new["policies"],
                          os_, ns)
            self.nodes(path, o["nodes"], n["nodes"], agreement=False)
            self.rounds(path, o["rounds"], n["rounds"])
            self.limits(path, o, n)
            self.salary(path, o["salary"], n["salary"], os_, ns)
            self.scales(path, o["scales"], n["scales"], os_, ns)
            for key in ("notes", "strategies", "sample_size", "evidence", "agreement_requires"):
                self.field("details-changed", f"{path}/{key}", o[key], n[key], os_, ns, n["title"])

    def policies(self, path: str, old: dict, new: dict, old_base: dict | None, new_base: dict | None,
                 osrc: dict | None = None, nsrc: dict | None = None) -> None:
        for key in sorted(set(old) | set(new)):
            o, n = old.get(key), new.get(key)
            if o == n:
                continue
            if old_base is not None and (o, n) == (old_base.get(key), new_base.get(key)):
                continue  # the rule set's policy changed: listed once, under the rule set
            self.emit("policy-changed", f"{path}/{key}", o, n, osrc, nsrc)

    def limits(self, path: str, o: dict, n: dict) -> None:
        def text(lim: dict) -> str:
            of = f" {lim['of']}" if lim.get("of") else ""
            severity = f" ({lim['severity']})" if lim.get("severity") not in (None, "error") else ""
            return f"{lim['subject']}{of} {lim['op']} {lim['value']}{severity}"

        olds, news = [text(x) for x in o["limits"]], [text(x) for x in n["limits"]]
        for t in olds:
            if t not in news:
                self.emit("limit-removed", f"{path}/limits", t, None, o["source"], n["source"])
        for t in news:
            if t not in olds:
                self.emit("limit-added", f"{path}/limits", None, t, o["source"], n["source"])

    def salary(self, path: str, o: dict | None, n: dict | None, osrc, nsrc) -> None:
        if o is None and n is None:
            return
        path = f"{path}/salary"
        if o is None or n is None:
            self.emit("salary-changed", path, "salary rules" if o else None, "salary rules" if n else None,
                      osrc if o else None, nsrc if n else None)
            return
        osrc, nsrc = o["source"] or osrc, n["source"] or nsrc
        for k in range(max(len(o["pools"]), len(n["pools"]))):
            p = o["pools"][k] if k < len(o["pools"]) else None
            q = n["pools"][k] if k < len(n["pools"]) else None
            pool = f"{path}/pool:{k + 1}"
            if p is None or q is None:
                pools = [f"{x['percent']}% on {_dates(x['on'])}" if x else None for x in (p, q)]
                self.emit("salary-changed", pool, pools[0], pools[1], osrc, nsrc)
                continue
            self.field("salary-changed", f"{pool}/percent", p["percent"], q["percent"], osrc, nsrc)
            self.field("salary-changed", f"{pool}/round", p["round"], q["round"], osrc, nsrc)
            self.dates("salary-changed", f"{pool}/on", p["on"], q["on"], osrc, nsrc)
        for key in ("cap", "base", "rounding", "rounding_unit"):
            self.field("salary-changed", f"{path}/{key}", o[key], n[key], osrc, nsrc)
        m = match(o["grades"], n["grades"], lambda g: g["id"])
        for i, j, _ in m.pairs:
            g, h = o["grades"][i], n["grades"][j]
            for key in ("title", "min", "lower_mid", "split_at", "upper_mid", "max"):
                self.field("salary-changed", f"{path}/grade:{h['id']}/{key}", g[key], h[key], osrc, nsrc, h["title"])
        for i in m.removed:
            self.emit("salary-changed", f"{path}/grade:{o['grades'][i]['id']}", o["grades"][i]["title"], None,
                      osrc, None)
        for j in m.added:
            self.emit("salary-changed", f"{path}/grade:{n['grades'][j]['id']}", None, n["grades"][j]["title"],
                      None, nsrc)

    def scales(self, path: str, olds: list[dict], news: list[dict], osrc, nsrc) -> None:
        by_old = {s["id"]: s for s in olds}
        by_new = {s["id"]: s for s in news}
        for ident in sorted(set(by_old) | set(by_new)):
            o, n = by_old.get(ident), by_new.get(ident)
            levels = [[f"{lv['number']} {lv['text']}" for lv in s["levels"]] if s else None for s in (o, n)]
            self.field("details-changed", f"{path}/scale:{ident}", levels[0], levels[1], osrc, nsrc,
                       (n or o)["title"])

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
                        f"{name}-added", f.path, None, n_title(f), None, f.node["source"], n_title(f))))
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
                f"{name}-removed", g.path, n_title(g), None, g.node["source"], None, n_title(g))))
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
                self.emit("weight-kind-changed", path, _weight(o), _weight(n), os_, ns, title)
            else:
                self.field("weight-changed", path, o["weight"], n["weight"], os_, ns, title)
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
        for key in _DETAILS:
            self.field("details-changed", f"{path}/{key}", ot[key], nt[key], os_, ns, title)
        if "notes" in o:
            self.field("details-changed", f"{path}/notes", o["notes"], n["notes"], os_, ns, title)

    def agreement_weights(self, path: str, o: dict, n: dict, title: str | None) -> None:
        os_, ns = o["source"], n["source"]
        if o["omitted"] != n["omitted"]:
            self.emit("omission-changed", path, "omitted" if o["omitted"] else "kept",
                      "omitted" if n["omitted"] else "kept", os_, ns, title)
            return
        if "agreement" in (o["weight_source"], n["weight_source"]) and o["declared_weight"] != n["declared_weight"]:
            self.emit("agreed-weight-changed", path, o["declared_weight"], n["declared_weight"], os_, ns, title)
        elif o["weight"] != n["weight"] and o["declared_weight"] == n["declared_weight"]:
            self.emit("effective-weight-changed", path, o["weight"], n["weight"], os_, ns, title)

    # ---- scoring ----------------------------------------------------------------------------------------
    def scoring(self, path: str, o: dict | None, n: dict | None, osrc: dict | None, nsrc: dict | None,
                title: str | None) -> None:
        ok, nk = (o or {}).get("kind"), (n or {}).get("kind")
        os_ = (o or {}).get("source") or osrc
        ns = (n or {}).get("source") or nsrc
        if ok != nk:
            self.emit("scoring-kind-changed", path, _describe_scoring(o), _describe_scoring(n), os_, ns, title)
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
                self.field("formula-changed", f"{path}/expression", _formula(o["expr"]), _formula(n["expr"]),
                           os_, ns, title)
            if o["ladder"] is None or n["ladder"] is None:
                self.field("ladder-changed", path, _thresholds(o["ladder"]), _thresholds(n["ladder"]), os_, ns, title)
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
        self.field("ladder-changed", path, _thresholds(o), _thresholds(n), os_, ns, title)
        self.field("step-changed", path, o["step"], n["step"], os_, ns, title)

    def milestones(self, path: str, olds: list[dict], news: list[dict], osrc, nsrc, title) -> None:
        m = match(olds, news, key=lambda s: s["number"])
        for i, j, _ in m.pairs:
            s, t = olds[i], news[j]
            step = f"{path}/step:{t['number']}"
            self.field("milestone-changed", step, s["text"], t["text"], osrc, nsrc, title)
            self.dates("milestone-moved", step, s["due"], t["due"], osrc, nsrc, title)
            self.field("milestone-changed", f"{step}/evidence", s["evidence"], t["evidence"], osrc, nsrc, title)
        # The checker holds every milestone ladder to steps 1 to 5 (M001), so steps pair by number.
        for i in m.removed:
            self.emit("milestone-changed", f"{path}/step:{olds[i]['number']}", olds[i]["text"], None, osrc, None, title)
        for j in m.added:
            self.emit("milestone-changed", f"{path}/step:{news[j]['number']}", None, news[j]["text"], None, nsrc, title)

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

    # ---- rounds, bands, calendars ---------------------------------------------------------------------
    def rounds(self, base: str, olds: list[dict], news: list[dict]) -> None:
        m = match(olds, news, key=lambda r: r["id"], title=lambda r: r["title"])
        for i, j, _ in m.pairs:
            r, s = olds[i], news[j]
            path = f"{base}/round:{s['id']}"
            rs, ss = r["source"], s["source"]
            if r["id"] != s["id"]:
                self.emit("round-renamed", f"{path}/id", r["id"], s["id"], rs, ss, s["title"])
            self.field("round-renamed", path, r["title"], s["title"], rs, ss, s["title"])
            self.dates("round-moved", f"{path}/period", r["period"], s["period"], rs, ss, s["title"])
            self.dates("round-moved", f"{path}/due", r["due"], s["due"], rs, ss, s["title"])
            pen = [f"{p['amount']} per {p['per']}" if p else None for p in (r["late_penalty"], s["late_penalty"])]
            self.field("penalty-changed", path, pen[0], pen[1], rs, ss, s["title"])
        for i in m.removed:
            r = olds[i]
            self.emit("round-removed", f"{base}/round:{r['id']}", r["title"], None, r["source"], None, r["title"])
        for j in m.added:
            s = news[j]
            self.emit("round-added", f"{base}/round:{s['id']}", None, s["title"], None, s["source"], s["title"])

    def band_table(self, path: str, o: dict, n: dict) -> None:
        self.field("bands-range-changed", path, f"{o['low']}–{o['high']}", f"{n['low']}–{n['high']}",
                   o["source"], n["source"], n["title"])
        m = match(o["bands"], n["bands"], key=lambda b: b["id"], title=lambda b: b["title"])
        for i, j, _ in m.pairs:
            a, b = o["bands"][i], n["bands"][j]
            band = f"{path}/band:{b['id']}"
            as_, bs = a["source"], b["source"]
            if a["id"] != b["id"]:
                self.emit("band-renamed", f"{band}/id", a["id"], b["id"], as_, bs, b["title"])
            self.field("band-renamed", band, a["title"], b["title"], as_, bs, b["title"])
            self.field("band-boundary-changed", f"{band}/lower", _bound(a["lower"]), _bound(b["lower"]), as_, bs,
                       b["title"])
            self.field("band-boundary-changed", f"{band}/upper", _bound(a["upper"]), _bound(b["upper"]), as_, bs,
                       b["title"])
            self.field("band-raise-changed", band, _raise(a), _raise(b), as_, bs, b["title"])
        for i in m.removed:
            a = o["bands"][i]
            self.emit("band-removed", f"{path}/band:{a['id']}", a["title"], None, a["source"], None, a["title"])
        for j in m.added:
            b = n["bands"][j]
            self.emit("band-added", f"{path}/band:{b['id']}", None, b["title"], None, b["source"], b["title"])

    def calendar(self, path: str, o: dict, n: dict) -> None:
        self.field("details-changed", f"{path}/notes", o["notes"], n["notes"], o["source"], n["source"], n["title"])
        m = match(o["activities"], n["activities"], key=lambda a: a["id"], title=lambda a: a["title"])
        for i, j, _ in m.pairs:
            a, b = o["activities"][i], n["activities"][j]
            act = f"{path}/activity:{b['id']}"
            as_, bs = a["source"], b["source"]
            if a["id"] != b["id"]:
                self.emit("activity-renamed", f"{act}/id", a["id"], b["id"], as_, bs, b["title"])
            self.field("activity-renamed", act, a["title"], b["title"], as_, bs, b["title"])
            when = [[_dates(w) for w in x["when"]] for x in (a, b)]
            if when[0] != when[1]:
                self.emit("activity-moved", f"{act}/when", when[0], when[1], as_, bs, b["title"],
                          _shift(a["when"], b["when"]))
            self.dates("activity-moved", f"{act}/due", a["due"], b["due"], as_, bs, b["title"])
            for key in ("responsible", "related", "notes"):
                self.field("details-changed", f"{act}/{key}", a[key], b[key], as_, bs, b["title"])
        for i in m.removed:
            a = o["activities"][i]
            self.emit("activity-removed", f"{path}/activity:{a['id']}", a["title"], None, a["source"], None,
                      a["title"])
        for j in m.added:
            b = n["activities"][j]
            self.emit("activity-added", f"{path}/activity:{b['id']}", None, b["title"], None, b["source"],
                      b["title"])

    # ---- agreements ---------------------------------------------------------------------------------------
    def agreements(self, olds: list[dict], news: list[dict]) -> None:
        # A title fallback only within one framework: the example agreement of a province and
        # that of a department share most of their words, not their rules.
        m = match(olds, news, key=lambda a: a["id"], title=lambda a: a["title"], same_sort=lambda a: a["framework"])
        rows: list[tuple[str, int | None, int | None]] = [(news[j]["id"], i, j) for i, j, _ in m.pairs]
        rows += [(olds[i]["id"], i, None) for i in m.removed]
        rows += [(news[j]["id"], None, j) for j in m.added]
        for ident, i, j in sorted(rows, key=lambda r: (r[0], r[1] is None, r[2] is None)):
            o = olds[i] if i is not None else None
            n = news[j] if j is not None else None
            path = f"agreement:{ident}"
            self.open_group(path, f"agreement {ident}", (n or o)["title"])
            if o is None:
                self.emit("agreement-added", path, None, n["title"], None, n["source"], n["title"])
                continue
            if n is None:
                self.emit("agreement-removed", path, o["title"], None, o["source"], None, o["title"])
                continue
            os_, ns = o["source"], n["source"]
            if o["id"] != n["id"]:
                self.emit("agreement-renamed", f"{path}/id", o["id"], n["id"], os_, ns, n["title"])
            self.field("agreement-renamed", path, o["title"], n["title"], os_, ns, n["title"])
            for key in ("framework", "fiscal_year", "organisation", "person", "assessor", "plan", "round",
                        "salary", "grade"):
                self.field("agreement-changed", f"{path}/{key}", o[key], n[key], os_, ns, n["title"])
            self.dates("agreement-changed", f"{path}/period", o["period"], n["period"], os_, ns, n["title"])
            signs = [[f"{s['name']} ({s['role']})" if s.get("role") else s["name"] for s in x["signatories"]]
                     for x in (o, n)]
            self.field("agreement-changed", f"{path}/signatories", signs[0], signs[1], os_, ns, n["title"])
            self.field("details-changed", f"{path}/notes", o["notes"], n["notes"], os_, ns, n["title"])
            self.nodes(path, o["nodes"], n["nodes"], agreement=True)

    # ---- holidays ---------------------------------------------------------------------------------------------
    def holidays(self, o: dict, n: dict) -> None:
        self.field("holidays-changed", "holidays/country", o["country"], n["country"], None, None)
        for key, label in (("add", "holidays"), ("remove", "working days")):
            olds = {(_dates(h["date"]), h["name"]) for h in o[key]}
            news = {(_dates(h["date"]), h["name"]) for h in n[key]}
            for day, name in sorted(olds - news, key=str):
                self.emit("holiday-removed", f"holidays/{key}", f"{day} {name or ''}".strip(), None, None, None, label)
            for day, name in sorted(news - olds, key=str):
                self.emit("holiday-added", f"holidays/{key}", None, f"{day} {name or ''}".strip(), None, None, label)


def n_title(f: _Flat) -> str | None:
    return f.node.get("title")
