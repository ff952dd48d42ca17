"""Compiling a checked rule set into the plan: plain JSON data that the scorer,
the forms and the diff read, with nothing left to resolve.

Every date is resolved against its fiscal year, every ladder has its five
thresholds, every agreement is laid over its framework with its effective
weights (omitted optional indicators redistributed by the declared policy), and
every node remembers the rule file line and the seed citation it came from.
Decimals are written as strings so that no figure passes through a float.
"""

from __future__ import annotations

import decimal

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..check.ladders import open_level_1, thresholds
from ..check.overlay import Effective, inherited_ladder, overlay, scale_of, scoring_kind
from ..check.ruleset import RuleSet
from ..diagnostics.span import Span
from ..syntax import ast, cst
from ..syntax.keywords import FUNCTION_BY_SPELLING, normalize_thai

_EXACT = decimal.Context(prec=100)
from ..thai import fiscal_year_bounds
from .. import policies
from ..check.redistribute import effective_weights
from .version import PLAN_VERSION

# Template attributes whose plan key differs.
_TEMPLATE_KEYS = {"formula_text": "formula"}


class _Compiler:
    def __init__(self, rs: RuleSet, root: Path | None):
        self.rs = rs
        self.root = root
        # Each file's path relative to the root, worked out once per file: resolving
        # a path reads the disk, and a plan has a source on almost every node.
        self._shown: dict[str, str] = {}
        self._root = root.resolve() if root is not None else None

    # ---- small values --------------------------------------------------------------------
    def reviews(self, rs: RuleSet) -> list[dict]:
        """The review lines left (Y001), in file and line order: a plan with any is a draft."""
        found = [self.source(r.span) | {"text": r.text} for f in rs.files for r in f.reviews if r.span is not None]
        found.sort(key=lambda r: (r["path"], r["line"]))
        return [{"text": r["text"], "source": {"path": r["path"], "line": r["line"]}} for r in found]

    def source(self, span: Span | None) -> dict | None:
        if span is None:
            return None
        path = self._shown.get(span.path)
        if path is None:
            path = span.path
            if self._root is not None:
                try:
                    path = Path(span.path).resolve().relative_to(self._root).as_posix()
                except ValueError:
                    pass
            self._shown[span.path] = path
        return {"path": path, "line": span.line}

    @staticmethod
    def dec(value: Decimal | None) -> str | None:
        """A decimal as plain text without trailing zeros: 18, 87.5, 0.05."""
        if value is None:
            return None
        # normalize() rounds to its context's precision: give it one that keeps every
        # digit (a redistributed 17/15 is worked to 40 digits, the thread default is 28).
        text = f"{value.normalize(_EXACT):f}"
        return text

    def dates(self, ref: ast.DateRef | None, fiscal_year: int | None) -> dict | None:
        days = ref.days(fiscal_year) if ref is not None else None
        if days is None:
            return None
        # The date's own line: a due date written on its own line inside a block is reported there.
        return {"start": days[0].isoformat(), "end": days[1].isoformat(), "text": ref.text,
                "source": self.source(ref.span)}

    def policy_sources(self, *layers: ast.Policy | None) -> dict[str, dict | None]:
        """The line of each setting in force (the last layer that sets it); defaults have none."""
        out: dict[str, dict | None] = {}
        for layer in layers:
            for setting in layer.settings if layer is not None else ():
                if setting.key not in policies.CHECK_ONLY:  # not in the plan (kpidsl/policies.py)
                    out[setting.key] = self.source(setting.span)
        return dict(sorted(out.items()))

    # ---- scoring -----------------------------------------------------------------------------
    def ladder(self, ladder: ast.Ladder | None, unit: str | None = None) -> dict | None:
        if ladder is None:
            return None
        values = thresholds(ladder)
        ops = [t.op for t in ladder.thresholds] if ladder.thresholds else [None] * 5
        return {
            "kind": "ladder",
            "direction": ladder.direction,
            "thresholds": [{"value": self.dec(v), "op": op} for v, op in zip(values, ops)],
            "open_level_1": open_level_1(ladder) if ladder.thresholds else False,
            "target": self.dec(ladder.target) if ladder.target is not None else self.dec(values[2]) if len(values) == 5 else None,
            "step": self.dec(ladder.step),
            "unit": unit,
            "source": self.source(ladder.span),
        }

    def expr(self, e: cst.Expr) -> dict:
        if isinstance(e, cst.Num):
            return {"num": str(e.value)}
        if isinstance(e, cst.Pct):
            return {"num": str(e.fraction)}
        if isinstance(e, cst.Var):
            return {"var": e.name}
        if isinstance(e, cst.Neg):
            return {"op": "neg", "args": [self.expr(e.operand)]}
        if isinstance(e, cst.BinOp):
            node = {"op": e.op, "args": [self.expr(e.left), self.expr(e.right)]}
            if e.op == "/":
                node["source"] = self.source(e.span)  # where a division by zero is reported
            return node
        if isinstance(e, cst.Call):
            return {"call": FUNCTION_BY_SPELLING.get(normalize_thai(e.func), e.func),
                    "args": [self.expr(a) for a in e.args], "source": self.source(e.span)}
        raise TypeError(e)

    def scoring(self, scoring: ast.Scoring | None, unit: str | None, fiscal_year: int | None) -> dict | None:
        if scoring is None:
            return None
        if isinstance(scoring, ast.LadderScoring):
            return self.ladder(scoring.ladder, unit)
        if isinstance(scoring, ast.FormulaScoring):
            return {
                "kind": "formula",
                "inputs": [{"names": list(i.names), "label": i.label, "unit": i.unit} for i in scoring.inputs],
                "expr": self.expr(scoring.expr),
                "ladder": self.ladder(scoring.ladder, unit),
                "source": self.source(scoring.span),
            }
        if isinstance(scoring, ast.MilestoneScoring):
            return {
                "kind": "milestones",
                "steps": [{"number": s.number, "text": s.text, "due": self.dates(s.due, fiscal_year),
                           "evidence": list(s.evidence), "source": self.source(s.span)}
                          for s in scoring.milestones.steps],
                "source": self.source(scoring.span),
            }
        if isinstance(scoring, ast.WeightedAverage):
            return {"kind": "weighted_average", "ladder": self.ladder(scoring.ladder, scoring.unit),
                    "source": self.source(scoring.span)}
        if isinstance(scoring, ast.Composite):
            return {
                "kind": "composite",
                "parts": [{"id": p.id, "title": p.title, "share": self.dec(p.share),
                           "scoring": self.scoring(p.scoring, p.unit, fiscal_year), "source": self.source(p.span)}
                          for p in scoring.parts],
                "source": self.source(scoring.span),
            }
        if isinstance(scoring, ast.OwnerScore):
            return {"kind": "owner_score", "source": self.source(scoring.span)}
        raise TypeError(scoring)

    def template(self, t: ast.Template) -> dict:
        return {
            "description": t.description,
            "definitions": [{"term": d.term, "meaning": d.meaning} for d in t.definitions],
            "formula": t.formula_text,
            "conditions": list(t.conditions),
            "baselines": [{"year": b.year, "value": self.dec(b.value), "text": b.text} for b in t.baselines],
            "owners": list(t.owners),
            "supervisors": list(t.supervisors),
            "collectors": list(t.collectors),
            "evidence": list(t.evidence),
            "reason": t.reason,
            "kind": t.kind,
            "importance": t.importance,
            "task": t.task,
            "key_result": t.key_result,
            "sources": {_TEMPLATE_KEYS.get(attr, attr): self.source(span) for attr, span in sorted(t.sources)},
        }

    # ---- frameworks -----------------------------------------------------------------------------
    def node(self, n: ast.Node, fiscal_year: int | None) -> dict:
        weight_kind = "none" if n.weight is None else ("agreed" if n.weight.agreed else "fixed")
        return {
            "id": n.id,
            "kind": n.kind,
            "title": n.title,
            "weight": self.dec(n.weight.value) if n.weight else None,
            "weight_kind": weight_kind,
            "optional": self.optional(n.optional),
            "share": self.dec(n.share),
            "multiplier": self.dec(n.multiplier),
            "scale": n.scale.id if n.scale else None,
            "unit": n.unit,
            "target": self.dec(n.target),
            "agreed_kpis": n.agreed_kpis,
            "source": self.source(n.span),
            "citation": n.source,
            "scoring": self.scoring(n.scoring, n.unit, fiscal_year),
            "template": self.template(n.template),
            "notes": [note.text for note in n.notes],
            "children": [self.node(c, fiscal_year) for c in n.children],
            **self.groups(n.groups),
        }

    def groups(self, groups) -> dict:
        """Headings over some indicators (``group``), only where a rule file writes them: the
        forms print them; scoring never reads them."""
        if not groups:
            return {}
        return {"groups": [{"title": g.title, "kpis": [m.id for m in g.members], "source": self.source(g.span)}
                           for g in groups]}

    @staticmethod
    def optional(opt: ast.Optional | None) -> dict | None:
        if opt is None:
            return None
        return {"to": opt.to.id if opt.to else None, "proportional": opt.proportional}

    def framework(self, fw: ast.Framework, base_policy: ast.Policy | None) -> dict:
        fy = fw.fiscal_year
        start, end = fiscal_year_bounds(fy) if fy is not None else (None, None)
        return {
            "id": fw.id,
            "level": fw.level,
            "title": fw.title,
            "fiscal_year": fy,
            "period": {"start": start.isoformat(), "end": end.isoformat()} if start else None,
            "source": self.source(fw.span),
            "citation": fw.source,
            "notes": [n.text for n in fw.notes],
            "policies": policies.to_json(policies.resolve(base_policy, fw.policy)),
            "policy_sources": self.policy_sources(base_policy, fw.policy),
            "nodes": [self.node(n, fy) for n in fw.nodes],
            "rounds": [self.round(r, fy) for r in fw.rounds],
            "bands": fw.bands.id if fw.bands else None,
            "calendars": [c.id for c in fw.calendars],
            "limits": [{"subject": lim.subject, "of": lim.of, "op": lim.op, "value": self.dec(lim.value),
                        "severity": lim.severity, "message": lim.message, "source": self.source(lim.span)}
                       for lim in fw.limits],
            "salary": self.salary(fw.salary, fy),
            "scales": [{"id": s.id, "title": s.title, "levels": [{"number": lv.number, "text": lv.text}
                                                                   for lv in s.levels]} for s in fw.scales],
            "strategies": [{"id": s.id, "title": s.title} for s in fw.strategies],
            "sample_size": self.sample_size(fw.sample_size),
            "evidence": list(fw.evidence),
            "agreement_requires": list(fw.agreement_requires),
        }

    def round(self, r: ast.Round, fy: int | None) -> dict:
        return {
            "id": r.id,
            "title": r.title,
            "period": self.dates(r.period, fy),
            "due": self.dates(r.due, fy),
            "late_penalty": {"amount": self.dec(r.late_penalty.amount), "per": r.late_penalty.per,
                             "source": self.source(r.late_penalty.span)} if r.late_penalty else None,
            "source": self.source(r.span),
        }

    def sample_size(self, s: ast.SampleSize | None) -> dict | None:
        if s is None:
            return None

        def side(b: tuple[str, Decimal] | None) -> dict | None:
            return {"op": b[0], "value": self.dec(b[1])} if b else None
        return {"method": s.method, "error": self.dec(s.error),
                "rounding": s.rounding or policies.SAMPLE_SIZE_ROUNDING,
                "table": [{"lower": side(r.lower), "upper": side(r.upper), "n": self.dec(r.n),
                           "source": self.source(r.span)} for r in s.rows],
                "citation": s.source, "source": self.source(s.span)}

    def salary(self, s: ast.Salary | None, fy: int | None) -> dict | None:
        if s is None:
            return None
        return {
            "pools": [{"percent": self.dec(p.percent), "on": self.dates(p.on, fy), "round": p.round} for p in s.pools],
            "cap": self.dec(s.cap),
            "base": s.base,
            "rounding": s.rounding,
            "rounding_unit": self.dec(s.rounding_unit),
            "grades": [{"id": g.id, "title": g.title, "min": self.dec(g.min), "lower_mid": self.dec(g.lower_mid),
                        "split_at": self.dec(g.split_at), "upper_mid": self.dec(g.upper_mid), "max": self.dec(g.max)}
                       for g in s.grades],
            "groups": [{"id": g.id, "title": g.title, "source": self.source(g.span)} for g in s.groups],
            "leftover": s.leftover or policies.POOL_LEFTOVER,
            "citation": s.source,
            "source": self.source(s.span),
        }

    # ---- agreements ---------------------------------------------------------------------------------
    def agreement(self, a: ast.Agreement) -> dict | None:
        fw = self.rs.frameworks.get(a.framework.id) if a.framework else None
        if fw is None:
            return None
        fy = a.fiscal_year or fw.fiscal_year
        policy = policies.resolve(policies.rule_set_policy(self.rs.policies), fw.policy)
        ov = overlay(fw, a)
        weights = effective_weights(ov.roots, str(policy["redistribute"]))
        return {
            "id": a.id,
            "title": a.title,
            "framework": fw.id,
            "fiscal_year": fy,
            "organisation": a.organisation,
            "person": a.person,
            "assessor": a.assessor,
            "signatories": [{"name": s.name, "role": s.role} for s in a.signatories],
            "period": self.dates(a.period, fy),
            "plan": a.plan,
            "round": a.round,
            "omitted": [r.id for r in a.omits],
            "salary": self.dec(a.salary),
            "grade": a.grade.id if a.grade else None,
            "population": self.dec(a.population),
            "source": self.source(a.span),
            "citation": a.source,
            "notes": [n.text for n in a.notes],
            "nodes": [self.effective(e, weights, fy, None, {r.id: r.span for r in a.omits}) for e in ov.roots],
        }

    def effective(self, e: Effective, weights: dict[int, Decimal | None], fy: int | None,
                  parent: Effective | None, omits: dict[str, Span | None]) -> dict:
        node = e.node
        scoring = e.scoring
        unit = e.field("unit")
        compiled = self.scoring(scoring, unit, fy)
        inherited = False
        kind = scoring_kind(e, parent)  # the kind the checker of examples reads its fields by
        if compiled is None:
            if kind == "ladder":
                average = inherited_ladder(parent)
                compiled = self.ladder(average.ladder, average.unit)
                inherited = True
            elif kind in ("component", "sum"):
                compiled = {"kind": kind}
            elif kind == "scale":
                compiled = {"kind": "scale", "scale": scale_of(e, parent).id}
        template = e.template
        declared = e.weight
        cascade = e.field("cascade")
        return {
            "id": e.id,
            "kind": e.kind,
            "title": e.title,
            "weight": self.dec(weights.get(id(e))),
            "declared_weight": self.dec(declared),
            "weight_source": e.weight_source,
            "omitted": e.omitted,
            "added": e.added,
            "optional": self.optional(e.framework_node.optional) if e.framework_node else None,
            "share": self.dec(e.field("share")),
            "multiplier": self.dec(e.field("multiplier")),
            "unit": unit,
            "target": self.dec(e.field("target")),
            "source": self.source(node.span),
            "framework_source": self.source(e.framework_node.span) if e.framework_node else None,
            # The agreement's own line about this node (its entry, or the omission), so a change
            # of an agreed weight or of what is omitted points there and not at the framework.
            "agreement_source": self.source(e.agreement_node.span) if e.agreement_node
            else self.source(omits.get(e.id)) if e.omitted else None,
            "citation": e.field("source"),
            "scoring": compiled,
            "scoring_inherited": inherited,
            "template": self.template(template),
            "cascade": {"mode": cascade.mode, "agreement": cascade.agreement.id, "kpi": cascade.kpi.id}
            if cascade else None,
            "children": [self.effective(c, weights, fy, e, omits) for c in e.children],
            **self.groups(e.field("groups")),
        }

    # ---- tables -------------------------------------------------------------------------------------
    def bands(self, b: ast.Bands) -> dict:
        def bound(x: ast.Bound | None):
            return {"op": x.op, "value": self.dec(x.value)} if x else None

        return {
            "id": b.id,
            "title": b.title,
            "low": self.dec(b.low),
            "high": self.dec(b.high),
            "citation": b.source,
            "source": self.source(b.span),
            "bands": [{"id": x.id, "title": x.title, "lower": bound(x.lower), "upper": bound(x.upper),
                       "raise": {"low": self.dec(x.raise_.low), "high": self.dec(x.raise_.high)} if x.raise_ else None,
                       "no_raise": x.no_raise, "source": self.source(x.span)} for x in b.bands],
        }

    def calendar(self, c: ast.Calendar) -> dict:
        fy = c.fiscal_year
        if fy is None:
            years = {f.fiscal_year for f in self.rs.frameworks.values() if any(r.id == c.id for r in f.calendars)}
            fy = years.pop() if len(years) == 1 else None
        return {
            "id": c.id,
            "title": c.title,
            "fiscal_year": fy,
            "citation": c.source,
            "notes": [n.text for n in c.notes],
            "period": self.dates(c.period, fy),
            "source": self.source(c.span),
            "activities": [{"id": a.id, "title": a.title, "when": [self.dates(w, fy) for w in a.when],
                            "due": self.dates(a.due, fy), "responsible": list(a.responsible),
                            "related": list(a.related), "notes": [n.text for n in a.notes],
                            "source": self.source(a.span)} for a in c.activities],
        }

    def example(self, x: ast.Example) -> dict:
        agreement = self.rs.agreements.get(x.agreement.id) if x.agreement else None
        fw = self.rs.frameworks.get(agreement.framework.id) if agreement and agreement.framework else None
        fy = (agreement.fiscal_year if agreement else None) or (fw.fiscal_year if fw else None)

        def fact(f: ast.Fact) -> dict:
            value: Any = f.value
            if isinstance(value, Decimal):
                value = {"number": str(value)}
            elif isinstance(value, ast.DateRef):
                value = {"date": self.dates(value, fy)}
            elif isinstance(value, ast.StepDone):
                value = {"step": value.step, "date": self.dates(value.date, fy)}
            else:
                value = {"text": value}
            return {"subject": f.subject, "id": f.subject_id, "field": f.field, **value,
                    "source": self.source(f.span)}

        return {
            "id": x.id,
            "title": x.title,
            "agreement": x.agreement.id if x.agreement else None,
            "round": x.round,
            "citation": x.source,
            "source": self.source(x.span),
            "given": [fact(f) for f in x.given],
            "expect": [fact(f) for f in x.expect],
        }

    def holidays(self) -> dict:
        country = None
        add: list[dict] = []
        remove: list[dict] = []
        for h in self.rs.holidays:
            country = h.country or country
            add += [{"date": self.dates(c.date, None), "name": c.name} for c in h.add]
            remove += [{"date": self.dates(c.date, None), "name": c.name} for c in h.remove]
        return {"country": country, "add": add, "remove": remove}


def _rule_set_name(name: str) -> str:
    """The rule-set folder's own name, however its path was spelled (``.``, ``..``, ``rules/2555/``)."""
    return Path(os.path.abspath(name)).name or name


def compile_plan(rs: RuleSet, root: Path | None = None) -> dict:
    """The plan of a rule set that checked without errors."""
    c = _Compiler(rs, root)
    base = policies.rule_set_policy(rs.policies)
    frameworks = sorted(rs.frameworks.values(), key=lambda f: f.id)
    years = {f.fiscal_year for f in frameworks if f.fiscal_year}
    agreements = [c.agreement(a) for a in sorted(rs.agreements.values(), key=lambda a: a.id)]
    return {
        "kpidsl_plan": PLAN_VERSION,
        "rule_set": _rule_set_name(rs.name),
        "fiscal_year": max(years) if years else None,
        "policies": policies.to_json(policies.resolve(base)),
        "policy_sources": c.policy_sources(base),
        "frameworks": [c.framework(f, base) for f in frameworks],
        "agreements": [a for a in agreements if a is not None],
        "bands": [c.bands(b) for b in sorted(rs.bands.values(), key=lambda b: b.id)],
        "calendar": [c.calendar(x) for x in sorted(rs.calendars.values(), key=lambda x: x.id)],
        "rounds": [{"framework": f.id, **c.round(r, f.fiscal_year)} for f in frameworks for r in f.rounds],
        "examples": [c.example(x) for x in sorted(rs.examples.values(), key=lambda x: x.id)],
        "holidays": c.holidays(),
        **({"reviews": reviews} if (reviews := c.reviews(rs)) else {}),
    }
