"""The score report of an agreement: every number with its explanation, as
``kpidsl score --explain`` gives it — the results given, the rule applied, the rule
file line it comes from and the seed it cites — for the indicator scores, the
subtotals, the total, the late penalty, the band and the raise.

Blank (no results yet), it lists what each indicator needs and the criteria it
will be scored by, with the same rule file lines.

The form is a Thai document: ``rule`` is the Thai explanation; ``rule_en`` keeps the
English in the view data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..penalty_floor import floored
from ..plan.model import AgreementNode, Composite, Formula, Framework, Plan, Source
from ..plan.read import plan_of
from ..raise_words import is_none, raise_range_text
from ..score.engine import Explanation, Inputs, NodeResult, Report, score_agreement
from ..score.numbers import baht_names, money
from ..score.weighted import weight_shown
from .figures import Numbers, figure, percent
from .policy_marks import rounded_note, rounded_sign
from .sar import criteria, heading, label, number_of, round_view
from .view import KIND_TH, walk, where


# The results' field names as a Thai results file writes them (kpidsl/score/results/);
# formula inputs and composite parts keep the names the rule file gave them.
_FIELD_TH = {"result": "ผล", "steps": "ขั้นที่ผ่าน", "score": "คะแนน"}


def _rule_where(e: Explanation, root: str) -> str:
    """Where an explanation's rule is written (the evaluator gives the line in the plan's JSON
    form: kpidsl/score/scored.py, Explanation.source)."""
    s = e.source
    return where(Source(s["path"], s["line"]), root) if s else ""


def _criteria_text(node: AgreementNode, framework: Framework) -> str:
    c = criteria(node, framework)
    parts = []
    if c.get("formula"):
        parts.append(c["formula"])
    if c.get("cells"):
        prefix = "ขั้นความสำเร็จ " if c.get("milestones") else "เกณฑ์ "
        sep = "; " if c.get("milestones") else ", " if any(" " in cell for cell in c["cells"]) else " "
        parts.append(prefix + sep.join(c["cells"]) + (f" ({c['note']})" if c.get("note") else ""))
    if c.get("steps"):
        parts.append("ขั้นความสำเร็จ " + "; ".join(c.get("steps")))
    if c.get("text"):
        parts.append(c["text"])
    return "; ".join(parts)


def _explained(label_th: str, label_en: str, value: str, e: Explanation | None, root: str) -> dict:
    return {"label_th": label_th, "label_en": label_en, "value": value,
            "rule": e.rule_th if e else "", "rule_en": e.rule_en if e else "",
            "where": _rule_where(e, root) if e else "", "citation": (e.citation or "") if e else ""}


def build(plan: Plan | dict, agreement_id: str, report: Report | None = None, origin: str | None = None,
          round_id: str | None = None, root: str | None = None, person: str | None = None) -> dict:
    """The view data of one score report. ``root`` is prefixed to rule file paths
    (``rules/2555``); by default the rule set's name. ``person``: a results row's, before
    the agreement's."""
    typed = plan_of(plan).agreement(agreement_id)
    root = plan_of(plan).rule_set if root is None else root
    filled = report is not None
    rid = round_id or typed.round_id
    # Blank, the engine still says what each indicator needs and where its rule is.
    shown = report if filled else score_agreement(plan, agreement_id, Inputs(round=rid))
    decimals = shown.decimals
    num = Numbers(decimals, shown.policy.rounding)

    rows: list[dict] = []

    def visit(nodes: tuple[AgreementNode, ...], depth: int) -> None:
        for n in nodes:
            r: NodeResult | None = shown.find(n.id)
            e = r.explanation if r is not None else None
            # A composite's inputs are named by part id in the results: show the part titles.
            parts = n.scoring.parts if isinstance(n.scoring, Composite) else ()
            fields = dict(_FIELD_TH, **{p.id: p.title or p.id for p in parts})
            # A composite's figures in the narrow column, its parts by title under the indicator's
            # (as the SAR prints them, kpidsl/forms/sar.py result_text): the titles in the 9 % column
            # stood fifteen lines high.
            given = [(fields[k], v) for k, v in e.inputs if any(p.id == k for p in parts)] if e and filled else []
            # a formula's inputs in baht as the form writes money (X1 1,250,000); the JSON keeps the figure
            baht = baht_names(n.scoring.inputs) if isinstance(n.scoring, Formula) else frozenset()
            rows.append({
                "id": n.id,
                "number": number_of(n),
                "title": label(n),
                "depth": depth,
                "omitted": n.omitted,
                # the figure the row's weighted score is weighed by, a component's share included
                # (kpidsl/score/weighted.py), as the score table and JSON print it
                "weight": "" if n.omitted else figure(weight_shown(n, decimals, shown.policy.rounding)),
                "inputs": ("; ".join(str(v) for _, v in given) if given
                           else ", ".join(f"{fields.get(k, k)} {money(v) if k in baht else v}" for k, v in e.inputs)
                           if e and filled else ""),
                "parts": "; ".join(f"{title} {v}" for title, v in given),
                "value": figure(r.value) if filled and r is not None and r.value is not None else "",
                "score": num(r.score) if filled and r is not None else "",
                "score_sign": rounded_sign(filled and r is not None and num.rounded(r.score)),
                "weighted": num(r.weighted) if filled and r is not None else "",
                "weighted_sign": rounded_sign(filled and r is not None and num.rounded(r.weighted)),
                "rule": e.rule_th if e else "",
                "rule_en": e.rule_en if e else "",
                "criteria": "" if filled else _criteria_text(n, typed.framework),
                "where": _rule_where(e, root) if e else where(n.source, root),
                "citation": (e.citation if e else n.citation) or "",
            })
            visit(n.children, depth + 1)

    visit(typed.nodes, 0)
    totals = []
    if filled:
        totals.append(_explained("คะแนนรวม", "total", num(report.total), report.total_explanation, root))
        if report.penalty:
            totals.append(_explained("คะแนนที่ถูกปรับลด", "late penalty", num(report.penalty),
                                     report.penalty_explanation, root))
            net = net_en = f"{num(report.total)} − {num(report.penalty)} = {num(report.final)}"
            floor = report.policy.penalty_floor
            if floored(report.total, report.penalty, floor):  # the policy, not the penalty, made it
                net = f"{num(report.total)} − {num(report.penalty)} ไม่ต่ำกว่า {figure(floor)}: {num(report.final)}"
                net_en = (f"{num(report.total)} − {num(report.penalty)}, not below the penalty floor "
                          f"{figure(floor)}: {num(report.final)}")
            totals.append({"label_th": "คะแนนรวมสุทธิ", "label_en": "published total", "value": num(report.final),
                           "rule": net, "rule_en": net_en, "where": "", "citation": ""})
        if report.band:
            totals.append(_explained("ระดับผลการประเมิน", "band", report.band.title, report.band_explanation,
                                     root))
        if report.raise_range:
            lo, hi = report.raise_range
            none = is_none(lo, hi)  # ต้องปรับปรุง: "ไม่ได้เลื่อนเงินเดือน" (seed 001 ขั้นตอนที่ 9), not 0–0%
            chosen = f" ({percent(report.raise_percent)})" if report.raise_percent is not None and not none else ""
            band = report.band
            span = raise_range_text(lo, hi, "th", figure)
            span_en = raise_range_text(lo, hi, "en", figure)
            totals.append({"label_th": "ร้อยละการเลื่อนเงินเดือน", "label_en": "raise",
                           "value": f"{span}{chosen}",
                           "rule": (f"ระดับผล {band.title} {span}" if none else
                                    f"ระดับผล {band.title} เลื่อนเงินเดือนได้ร้อยละ {figure(lo)}–{figure(hi)}")
                           if band else "",
                           "rule_en": (f"band {band.id}: {span_en}" if none else f"band {band.id} allows {span_en}")
                           if band else "",
                           "where": where(band.source, root) if band else "",
                           "citation": ""})
        if report.amount is not None:
            totals.append(_explained("จำนวนเงินที่ได้เลื่อน", "raise amount", money(report.amount),
                                     report.amount_explanation, root))
        if report.sample_size is not None:  # seedrules hook: seed 003 slide 52 (kpidsl/score/sample_size.py)
            totals.append(_explained("ขนาดกลุ่มตัวอย่าง (คน)", "survey sample (people)", figure(report.sample_size.n),
                                     report.sample_size_explanation, root))
    return {
        "form": "score-report",
        "filled": filled,
        "origin": origin,
        "agreement": {**heading(typed), **({"person": person} if person else {})},
        "round": round_view(typed.framework, rid),
        "decimals": decimals,
        # the first column holds perspectives, dimensions, components, not indicators alone
        "heading": " / ".join(dict.fromkeys(KIND_TH.get(n.kind, n.kind) for n, _, _ in walk(typed.nodes))) or KIND_TH["kpi"],
        "rows": rows,
        "totals": totals,
        "footnotes": [rounded_note(typed.framework)] if any(r["score_sign"] for r in rows) else [],
        "missing": list(report.missing_titled) if filled else [],
        "problems": [p.message_th for p in report.problems] if filled else [],
    }


def build_all(plan: Plan | dict, agreement_id: str, fills: Iterable | None = None, root: str | None = None
              ) -> Iterator[tuple[str, dict]]:
    """The blank report of an agreement, then one per fill: ``score-report`` and
    ``score-report-<fill name>``, each made as it is asked for."""
    yield "score-report", build(plan, agreement_id, root=root)
    for fill in fills or ():
        if fill.agreement == agreement_id:
            yield f"score-report-{fill.name}", build(plan, agreement_id, fill.report, fill.origin, fill.round, root,
                                                     fill.person)


def documents(request) -> Iterator:
    """The registry's builder (kpidsl/forms/__init__.py): the explained score reports of an agreement."""
    from . import Document
    from .fills import fills_for

    agreement = request.agreement
    fills = fills_for(request.plan, request.results, agreement.id)
    return (Document(stem, view, f"รายงานผลคะแนนพร้อมคำอธิบาย — {view['agreement']['title']}")
            for stem, view in build_all(request.plan, agreement.id, fills, request.root or None))
