"""The individual evaluation forms of seed 001, for one person's agreement:

- แบบประเมินผลสัมฤทธิ์ของงาน (achievement): each indicator with its five target
  levels, score (ก), weight (ข) and ก × ข = (ค); Σค × 20 on a 100 base (3.6 × 20 = 72);
- แบบประเมินสมรรถนะ (competency): each competency, its expected level when the
  agreement sets one, score, weight and score × weight; Σ × 20 (3.4 × 20 = 68), with
  the definitions of the scale;
- แบบสรุปการประเมินผล (summary): each component × its share and the total
  (72 × 70% + 68 × 30% = 70.8), the rating band, the raise % it allows and the
  amount when a raise is given.

Blank, the score cells are empty; filled from a score Report they carry every figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from ..diagnostics.cli_texts import said
from ..plan.model import Band, Framework, Ladder, Milestones, Plan, ScaleScoring
from ..plan.read import plan_of
from ..raise_words import is_none, raise_range_text
from ..scale_scores import scale_range
from ..score.engine import Report
from ..score.evaluate.trace import ComponentTotal
from ..score.numbers import money
from ..score.weighted import weight_shown
from .figures import ROUNDING_TH, Numbers, figure, ladder_cells, percent
from .policy_lines import scoring_policies
from .policy_marks import ACHIEVEMENT_ONLY, achievement_only, achievement_only_note
from .sar import heading, is_individual, round_view
from .view import unit_of


COMPONENT_FORMS = {
    "kpi": "แบบประเมินผลสัมฤทธิ์ของงาน",
    "competency": "แบบประเมินพฤติกรรมการปฏิบัติราชการหรือสมรรถนะ",
}


def _scale(framework: Framework, scale_id: str | None) -> dict | None:
    scale = framework.scales_by_id.get(scale_id) if scale_id else None
    if scale is None:
        return None
    return {"id": scale.id, "title": scale.title or scale.id,
            "levels": [{"number": lv.number, "text": lv.text} for lv in scale.levels],
            "rule": _scale_rule(framework, scale.id)}


def _scale_rule(framework: Framework, scale_id: str) -> str:
    """What a score on the scale may be, and the policy that says so (kpidsl/scale_scores.py):
    the seed defines the levels, the rule set's ``scale_score`` whether a score lies between them."""
    within = scale_range(framework, scale_id, framework.policies.scale_score)
    if within is None:
        return ""
    what = "เป็นระดับใดระดับหนึ่งของมาตรวัด" if not within.between else "อยู่ระหว่างระดับต่ำสุดและสูงสุดของมาตรวัด"
    return (f"คะแนน (ก) {what} คือ {within.allowed().th} ตามหลักเกณฑ์ “{within.policy_words().th}” "
            f"ที่ {framework.title or framework.id} ประกาศไว้")


def band_range(band: Band) -> str:
    """``ตั้งแต่ 80 แต่ต่ำกว่า 90``: whether each boundary belongs to the band is said."""
    lo, hi = band.lower, band.upper
    if not lo or not hi:
        return ""
    low = f"ตั้งแต่ {figure(lo.value)}" if lo.op == ">=" else f"มากกว่า {figure(lo.value)}"
    high = f"ถึง {figure(hi.value)}" if hi.op == "<=" else f"แต่ต่ำกว่า {figure(hi.value)}"
    return f"{low} {high}"


def _bands(framework: Framework, chosen: str | None) -> list[dict]:
    table = framework.bands
    if table is None:
        return []
    out = []
    for band in table.bands:
        raise_ = band.raise_range
        out.append({
            "id": band.id,
            "title": band.title,
            "range": band_range(band),
            "raise": f"{figure(raise_.low)}–{figure(raise_.high)}%" if raise_ else
            (said("raise-none", "th") if band.no_raise else ""),
            "chosen": band.id == chosen,
        })
    return out


def build(plan: Plan | dict, agreement_id: str, report: Report | None = None, origin: str | None = None,
          round_id: str | None = None, person: str | None = None, salary: Decimal | None = None) -> dict:
    """The form's view; ``person`` and ``salary``, a results row's, before the agreement's."""
    agreement = plan_of(plan).agreement(agreement_id)
    framework = agreement.framework
    policy = report.policy if report is not None else framework.policies
    num = Numbers(policy.decimals, policy.rounding)

    rid = round_id or agreement.round_id
    components = []
    for comp in agreement.nodes:
        if comp.kind != "component":
            continue
        result = report.find(comp.id) if report is not None else None
        share = comp.share
        multiplier = comp.multiplier or Decimal(1)
        rows = []
        weight_total = Decimal(0)
        scale_id = None
        kinds = set()
        for i, child in enumerate(c for c in comp.children if not c.omitted):
            kinds.add(child.kind)
            r = result and next((x for x in result.children if x.id == child.id), None)
            scoring = child.scoring
            scale_id = scale_id or (scoring.scale if isinstance(scoring, ScaleScoring) else None)
            weight = child.weight
            weight_total += weight or Decimal(0)
            rows.append({
                "number": i + 1,
                "id": child.id,
                "title": child.title or child.id,
                "unit": child.unit or unit_of(scoring) or "",
                "levels": ladder_cells(scoring) if isinstance(scoring, Ladder) else None,
                # a milestone indicator's five steps read across the level columns (004 สไลด์ 24–28)
                "steps": [f"{s.number}. {s.text}" for s in scoring.steps] if isinstance(scoring, Milestones) else [],
                "note": "ค่าน้อยดี" if isinstance(scoring, Ladder) and scoring.direction == "lower" else "",
                "expected": figure(child.target),
                "result": figure(r.value) if r is not None and r.value is not None else "",
                "score": num(r.score) if r is not None else "",
                "weight": percent(weight_shown(child, policy.decimals, policy.rounding)) if weight is not None else "",
                "weighted": num(r.weighted) if r is not None else "",
            })
        kind = "competency" if kinds == {"competency"} else "kpi"
        score = result.score if result is not None else None
        # Σ score × weight % and score × share, as the evaluator worked them out
        working = result.working if result is not None else None
        sum_c = working.sum if isinstance(working, ComponentTotal) else None
        product = result.weighted if result is not None and share else None  # score × share %
        components.append({
            "id": comp.id,
            "title": comp.title or comp.id,
            "form": COMPONENT_FORMS[kind],
            "kind": kind,
            "share": percent(share) if share is not None else "",
            "multiplier": figure(multiplier) if multiplier != 1 else "",
            "rows": rows,
            "has_levels": any(r["levels"] or r.get("steps") for r in rows),
            "has_expected": any(r["expected"] for r in rows),
            "has_result": any(r["result"] for r in rows),
            "weight_total": percent(weight_total),
            "sum": num(sum_c),
            "score": num(score),
            "product": num(product),
            "scale": _scale(framework, scale_id),
            # what a result below level 1 or between two levels scores: the ladders' policies
            "policies": scoring_policies(policy, comp.children) if any(r["levels"] or r.get("steps") for r in rows) else [],
        })
    band = report.band if report is not None else None
    marked = achievement_only(components)
    view = {
        "achievement_only": ACHIEVEMENT_ONLY if marked else "",
        "footnotes": [achievement_only_note(framework, components)] if marked else [],
        "form": "individual",
        "filled": report is not None,
        "origin": origin,
        "agreement": {**heading(agreement), **({"person": person} if person else {})},
        "round": round_view(framework, rid),
        "rounds": [{"id": r.id, "title": r.title or r.id, "chosen": r.id == rid} for r in framework.rounds],
        "decimals": num.decimals,
        "components": components,
        "total": num(report.total) if report is not None else "",
        "band": {"id": band.id, "title": band.title, "range": band_range(band)} if band else None,
        "bands": _bands(framework, band.id if band else None),
        "raise_range": "",
        "raise_percent": "",
        "raise_none": False,
        "amount": "",
        "amount_how": None,
        "salary": money(salary if salary is not None else agreement.salary),
        "missing": list(report.missing_titled) if report is not None else [],
    }
    if report is not None:
        if report.raise_range:
            lo, hi = report.raise_range
            view["raise_range"] = raise_range_text(lo, hi, "th", figure)  # the form is Thai
        if report.raise_percent is not None:
            view["raise_percent"] = percent(report.raise_percent)
            # a band of no raise given 0%: "ไม่ได้เลื่อนเงินเดือน", not "…; เลื่อน 0%" after it
            view["raise_none"] = bool(report.raise_range) and is_none(*report.raise_range) \
                and report.raise_percent == 0
        if report.amount is not None:
            view["amount"] = money(report.amount)
            view["amount_how"] = _amount_how(report)
    return view


def _amount_how(report: Report) -> dict | None:
    """Base × raise % and the rounding, as seed 001 works it (37,200 × 3.03% = 1,127.16 → 1,130):
    the figures the evaluator worked out (Report.amount_working)."""
    how = report.amount_working
    if how is None:
        return None
    rounding = ROUNDING_TH.get(str(how.rounding or "half_up"), "ปัด")
    return {"grade": how.grade.title, "half": "ค่ากลางตอนบน" if how.upper else "ค่ากลางตอนล่าง",
            "base": money(how.base), "raw": money(how.raw), "rounding": rounding, "unit": figure(how.unit)}




def build_all(plan: Plan | dict, agreement_id: str, fills: Iterable | None = None) -> Iterator[tuple[str, dict]]:
    """The blank forms of a person's agreement, then one filled per fill: ``individual`` and
    ``individual-<fill name>``, each made as it is asked for."""
    yield "individual", build(plan, agreement_id)
    for fill in fills or ():
        if fill.agreement == agreement_id:
            yield f"individual-{fill.name}", build(plan, agreement_id, fill.report, fill.origin, fill.round,
                                                   fill.person, fill.inputs.salary)


def applies(request) -> bool:
    return request.agreement is not None and is_individual(request.agreement)


def documents(request) -> Iterator:
    """The registry's builder (kpidsl/forms/__init__.py): a person's forms, blank and filled."""
    from . import Document
    from .fills import fills_for

    agreement = request.agreement
    fills = fills_for(request.plan, request.results, agreement.id)
    return (Document(stem, view, f"แบบประเมินผลการปฏิบัติราชการรายบุคคล — {view['agreement']['title']}")
            for stem, view in build_all(request.plan, agreement.id, fills))
