"""Indicator details (รายละเอียดตัวชี้วัด, KPI template), one page per indicator:
definition, formula, conditions, baselines, ladder or milestones, owner,
supervisor, data collector and evidence — whatever the plan carries.

In an agreement, an indicator shows what the agreement says and, for each
field the agreement leaves empty, what its framework says."""

from __future__ import annotations

from ..plan.model import Agreement, Bound, Framework
from ..plan.read import plan_of
from ..score.numbers import D
from ..score.sample_size import for_agreement
from . import Document, Request
from .figures import figure, money, percent
from .policy_marks import redistributed_note
from .sar import number_of
from .view import LEVEL_TH, is_indicator, rows, walk, where

KIND_TH = {"quantity": "เชิงปริมาณ", "quality": "เชิงคุณภาพ", "timeliness": "เชิงเวลา",
           "cost": "เชิงความคุ้มค่า (ต้นทุน)"}
IMPORTANCE_TH = {"high": "สูง", "medium": "ปานกลาง", "low": "ต่ำ"}


_ROUNDING_TH = {"up": "ปัดขึ้น", "down": "ปัดลง", "half_up": "ปัดครึ่งขึ้น", "half_even": "ปัดครึ่งเป็นคู่"}
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
            "rounding": _ROUNDING_TH.get(rule.rounding or "half_up", ""),
            "rows": [{"range": " ถึง ".join(filter(None, (bound(r.lower), bound(r.upper)))), "n": _people(r.n)}
                     for r in rule.table],
            "citation": rule.citation or "", "population": "", "exact": "", "n": ""}
    sample = for_agreement(framework, agreement, None) if agreement is not None else None
    if sample is not None:
        view.update(population=_people(sample.population), exact=figure(sample.exact.quantize(D("0.01"))),
                    n=_people(sample.n))
    return view


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
    typed_fw = plan_of(plan).frameworks_by_id.get(fw.get("id"))
    return [Document("indicator-template", {
        "owner": owner,
        "framework": fw,
        "level_th": LEVEL_TH.get(fw.get("level"), fw.get("level") or ""),
        "in_agreement": in_agreement,
        "indicators": indicators,
        "plan_fiscal_year": plan_of(plan).fiscal_year,
        "sample": sample_view(typed_fw, plan_of(plan).agreement(owner["id"]) if in_agreement else None)
        if typed_fw is not None else None,
    }, title=owner.get("title") or owner["id"])]
