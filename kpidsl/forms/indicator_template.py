"""Indicator details (รายละเอียดตัวชี้วัด, KPI template), one page per indicator:
definition, formula, conditions, baselines, ladder or milestones, owner,
supervisor, data collector and evidence — whatever the plan carries.

In an agreement, an indicator shows what the agreement says and, for each
field the agreement leaves empty, what its framework says."""

from __future__ import annotations

import attrs

from ..plan.model import Agreement, Bound, Framework, Milestones, Template
from ..score.numbers import D, money
from ..score.sample_size import for_agreement
from . import Document, Request
from .figures import ROUNDING_TH, figure, kpi_number, percent
from .policy_marks import redistributed_note
from .view import LEVEL_TH, rows, where

KIND_TH = {"quantity": "เชิงปริมาณ", "quality": "เชิงคุณภาพ", "timeliness": "เชิงเวลา",
           "cost": "เชิงความคุ้มค่า (ต้นทุน)"}
IMPORTANCE_TH = {"high": "สูง", "medium": "ปานกลาง", "low": "ต่ำ"}

_OP_TH = {"<": "น้อยกว่า", "<=": "ไม่เกิน", ">": "มากกว่า", ">=": "ตั้งแต่"}
# A count of people is written with thousands separators, as amounts are (10,001 – 100,000).
_people = money


def sample_view(framework: Framework, agreement: Agreement | None) -> dict | None:
    """The survey sample size the framework declares (seed 003 สไลด์ 52: Yamane n = N / (1 + N e²)),
    its declared table, and in an agreement that states its population N the n it gives
    (kpidsl/score/sample_size.py works it out)."""
    rule = framework.sample_size
    if rule is None:
        return None

    def bound(b: Bound | None) -> str:
        return f"{_OP_TH.get(b.op, b.op)} {_people(b.value)}" if b else ""

    view = {"error": percent(rule.error * 100), "error_fraction": figure(rule.error),
            "rounding": ROUNDING_TH.get(rule.rounding or "half_up", ""),
            "rows": [{"range": " ถึง ".join(filter(None, (bound(r.lower), bound(r.upper)))), "n": _people(r.n)}
                     for r in rule.table],
            "citation": rule.citation or "", "population": "", "exact": "", "n": ""}
    sample = for_agreement(framework, agreement, None) if agreement is not None else None
    if sample is not None:
        view.update(population=_people(sample.population), exact=figure(sample.exact.quantize(D("0.01"))),
                    n=_people(sample.n))
    return view


def _merged(own: Template, inherited: Template | None) -> dict:
    """An agreement's indicator details, each field it leaves empty taken from its framework."""
    fields = attrs.asdict(own, recurse=False)
    if inherited is None:
        return fields
    return {k: (v if v not in (None, (), "") else getattr(inherited, k)) for k, v in fields.items()}


def build(request: Request) -> list[Document]:
    plan = request.plan
    fw = request.framework
    assert fw is not None
    if request.scope == "agreement":
        owner = request.agreement
        assert owner is not None
        nodes, in_agreement = owner.nodes, True
    else:
        owner, nodes, in_agreement = fw, fw.nodes, False
    declared = {n.id: n.template for n in fw.walk()}
    indicators = []
    for r in rows(nodes, fw.policies):
        if r["group"] or r["omitted"]:
            continue
        t = _merged(r["template"], declared.get(r["id"]) if in_agreement else None)
        scoring = r["node"].scoring
        steps = scoring.steps if isinstance(scoring, Milestones) else ()
        r["t"] = dict(t, kind_th=KIND_TH.get(t["kind"], ""),
                      importance_th=IMPORTANCE_TH.get(t["importance"], ""),
                      step_evidence=[(s.number, e) for s in steps for e in s.evidence])
        r["where"] = where(r["source"], request.root)
        r["number"] = kpi_number(r["id"])
        r["footnotes"] = [redistributed_note(fw)] if r["weight"]["mark"] else []
        if r["cascade"]:
            # The form names the agreement it cascades from by its title; the id stays for a
            # reviewer (shown with the sources).
            cascade = r["cascade"]
            parent = plan.agreements_by_id.get(cascade.agreement)
            r["cascade"] = dict(attrs.asdict(cascade), title=(parent.title if parent else None) or cascade.agreement)
        indicators.append(r)
    if not indicators:
        return []
    return [Document("indicator-template", {
        "owner": owner,
        "framework": fw,
        "level_th": LEVEL_TH.get(fw.level, fw.level or ""),
        "in_agreement": in_agreement,
        "indicators": indicators,
        "plan_fiscal_year": plan.fiscal_year,
        "sample": sample_view(fw, owner if in_agreement else None),
    }, title=owner.title or owner.id)]
