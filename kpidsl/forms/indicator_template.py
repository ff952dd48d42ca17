"""Indicator details (รายละเอียดตัวชี้วัด, KPI template), one page per indicator:
definition, formula, conditions, baselines, ladder or milestones, owner,
supervisor, data collector and evidence — whatever the plan carries.

In an agreement, an indicator shows what the agreement says and, for each
field the agreement leaves empty, what its framework says."""

from __future__ import annotations

from ..plan.read import plan_of
from . import Document, Request
from .policy_marks import redistributed_note
from .sar import number_of
from .view import LEVEL_TH, is_indicator, rows, walk, where

KIND_TH = {"quantity": "เชิงปริมาณ", "quality": "เชิงคุณภาพ", "timeliness": "เชิงเวลา",
           "cost": "เชิงความคุ้มค่า (ต้นทุน)"}
IMPORTANCE_TH = {"high": "สูง", "medium": "ปานกลาง", "low": "ต่ำ"}


def _merged(own: dict, inherited: dict) -> dict:
    return {k: (v if v not in (None, [], "") else inherited.get(k, v)) for k, v in own.items()}


def build(request: Request) -> list[Document]:
    plan = request.plan
    if request.scope == "agreement":
        owner, fw = request.agreement, request.framework or {}
        nodes, in_agreement = owner.get("nodes") or [], True
    else:
        owner = fw = request.framework
        nodes, in_agreement = fw.get("nodes") or [], False
    declared = {n["id"]: n.get("template") or {} for n, _, _ in walk(fw.get("nodes") or [])}
    indicators = []
    for r in rows(nodes, in_agreement=in_agreement):
        if not is_indicator(r) or r["omitted"]:
            continue
        t = _merged(r["template"], declared.get(r["id"], {})) if in_agreement else dict(r["template"])
        steps = (r["scoring"] or {}).get("steps") or []
        r["t"] = dict(t, kind_th=KIND_TH.get(t.get("kind"), ""),
                      importance_th=IMPORTANCE_TH.get(t.get("importance"), ""),
                      step_evidence=[(s["number"], e) for s in steps for e in s.get("evidence") or []])
        r["where"] = where(r["source"], request.root)
        r["number"] = number_of(r)
        r["footnotes"] = [redistributed_note(fw)] if r["weight"].get("mark") else []
        if r["cascade"]:
            # The form names the agreement it cascades from by its title; the id stays for a
            # reviewer (shown with the sources).
            parent = plan_of(plan).agreements_by_id.get(r["cascade"]["agreement"])
            r["cascade"] = dict(r["cascade"], title=(parent.title if parent else None) or r["cascade"]["agreement"])
        indicators.append(r)
    if not indicators:
        return []
    return [Document("indicator-template", {
        "owner": owner,
        "framework": fw,
        "level_th": LEVEL_TH.get(fw.get("level"), fw.get("level") or ""),
        "in_agreement": in_agreement,
        "indicators": indicators,
        "plan_fiscal_year": plan_of(plan).fiscal_year,
    }, title=owner.get("title") or owner["id"])]
