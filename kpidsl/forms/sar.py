"""The self-assessment report (รายงานผลการประเมินตนเอง, SAR) of an agreement: one per
reporting round of its framework (6, 9 and 12 months in seed 002), each indicator
with its scoring criteria beside it.

Blank, the result cells are empty for the organisation to fill in. Filled from a
score :class:`~kpidsl.score.engine.Report`, they carry the measured value, the
score, the weighted score, the subtotal of every group, the total, the late-report
penalty (seed 002: 0.0500 of the total per working day late) and the published
total. Everything here is plain data; the templates only lay it out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
import datetime as dt
from decimal import Decimal

from ..plan.model import (Agreement, AgreementNode, Composite, Dates, Formula, Framework, GroupSum, Ladder,
                          LatePenalty, Milestones, OwnerScore, Period, Plan, Policies, ScaleScoring, Step,
                          WeightedAverage)
from ..diagnostics.phrases import phrase
from ..plan.read import plan_of
from ..scale_scores import scale_range
from ..score.engine import NodeResult, Report
from ..score.numbers import D, baht_names, money
from ..score.weighted import weight_shown
from .policy_lines import scoring_policies
from .policy_marks import (INTERPOLATED, REDISTRIBUTED, interpolated, interpolated_note, redistributed, redistributed_note,
                           rounded_note, rounded_sign)
from .figures import Numbers, figure, formula, kpi_number, ladder_cells, span_of, thai_date
from .view import KIND_TH, unit_of

# A milestone step longer than this is printed as a line across the five level columns.
STEP_CELL_CHARS = 60

# The kinds of evidence seed 000 (3.2, การติดตามและประเมินผล) asks to file beside a SAR:
# printed under the table so the evidence column is filled alike.
EVIDENCE_KINDS = ("รายงานการประชุม", "คำสั่งแต่งตั้งคณะทำงาน", "แผนการดำเนินงานที่ได้รับความเห็นชอบจากผู้มีอำนาจ")


# ---- the agreement, the framework, the rounds ----------------------------------------------
def is_individual(agreement: Agreement) -> bool:
    """A person's agreement is made of components (achievement, competency): it gets the
    individual forms of seed 001, not a SAR."""
    return any(n.kind == "component" for n in agreement.nodes)


def rounds_of(plan: Plan | dict, agreement_id: str) -> list[str | None]:
    """The round ids a SAR is made for: the agreement's own round when it names one (the
    scorer takes results for no other), else every round of its framework, else one
    report for the whole agreement period (a framework without rounds, 2555 department)."""
    agreement = plan_of(plan).agreement(agreement_id)
    if agreement.round_id:
        return [agreement.round_id]
    return [r.id for r in agreement.framework.rounds] or [None]


def period(dates: Dates | Period | None) -> str:
    """A period with both days written out: ``1 ตุลาคม 2553 – 30 กันยายน 2554``."""
    if not dates:
        return ""
    if dates.start == dates.end:
        return thai_date(dates.start.isoformat())
    return f"{thai_date(dates.start.isoformat())} – {thai_date(dates.end.isoformat())}"


def round_view(framework: Framework, round_id: str | None) -> dict | None:
    rnd = next((r for r in framework.rounds if r.id == round_id), None)
    if rnd is None:
        return None
    return {
        "id": rnd.id,
        "title": rnd.title or rnd.id,
        "period": period(rnd.period),
        "due": span_of(rnd.due, short=False),
        "penalty": _penalty_rule(rnd.late_penalty, framework.policies),
    }


def _penalty_rule(penalty: LatePenalty | None, policy: Policies) -> str | None:
    if not penalty:
        return None
    per = "วันทำการ" if penalty.per != "day" else "วัน"
    amount = figure(penalty.amount)  # declared: as written, as the score's explanation writes it (0.05)
    # the rule set's penalty_floor (kpidsl/penalty_floor.py): how low the penalty can take the total
    floor = "" if policy.penalty_floor is None else f" คะแนนรวมหลังปรับลดไม่ต่ำกว่า {figure(policy.penalty_floor)}"
    return f"ส่งล่าช้าปรับลด {amount} คะแนนต่อ{per}{floor}"


def heading(agreement: Agreement) -> dict:
    """What every form of an agreement prints at its top."""
    framework = agreement.framework
    return {
        "id": agreement.id,
        "title": agreement.title or agreement.id,
        "organisation": agreement.organisation,
        "person": agreement.person,
        "assessor": agreement.assessor,
        "fiscal_year": agreement.fiscal_year or framework.fiscal_year,
        "period": period(agreement.period or framework.period),
        "signatories": [s.to_json() for s in agreement.signatories],
        "framework": {"id": framework.id, "title": framework.title or framework.id},
    }


# ---- scoring criteria --------------------------------------------------------------------------
# What a score given directly may be (an owner's, a composite's part without a ladder): the range
# the results reader takes and says in its Q-diagnostics (kpidsl/score/results/cells.py), in the
# same words, so that the form and the scorer cannot disagree.
GIVEN_RANGE = phrase("score-range").th


def criteria(node: AgreementNode, framework: Framework) -> dict:
    """The scoring criteria of a node as the SAR prints them beside it: five level cells
    (a ladder, or five milestone steps) or one line of text; every key always present.
    ``framework``: the agreement's, whose scales and policies a score on a scale follows."""
    out = {"cells": None, "text": "", "note": "", "formula": "", "inputs": [], "milestones": False, "steps": []}
    out.update(_criteria(node, framework))
    return out


def _criteria(node: AgreementNode, framework: Framework) -> dict:
    scoring = node.scoring
    if node.omitted:
        return {"text": _omitted_text(node)}
    if isinstance(scoring, Ladder):
        return _ladder(scoring)
    if isinstance(scoring, Formula):
        out = _ladder(scoring.ladder) if scoring.ladder else {"text": ""}
        out["formula"] = formula(scoring.expr)
        out["inputs"] = [{"names": " ".join(i.names), "label": i.label or "", "unit": i.unit or ""}
                         for i in scoring.inputs]
        return out
    if isinstance(scoring, Milestones):
        steps = scoring.steps
        if len(steps) == 5 and all(len(s.text) <= STEP_CELL_CHARS for s in steps):
            return {"cells": [_step_cell(s) for s in steps], "milestones": True}
        # Long steps (seed 003's unit-cost indicator) read as lines across the five level
        # columns: squeezed into one column each they become towers of one word per line.
        return {"steps": [_step_cell(s) for s in steps], "milestones": True}
    if isinstance(scoring, WeightedAverage):
        ladder = scoring.ladder
        text = "ค่าเฉลี่ยถ่วงน้ำหนักของตัวชี้วัดย่อย Σ(W × SM) / ΣW"
        if ladder and ladder_cells(ladder):
            text += " (ตัวชี้วัดย่อยใช้เกณฑ์ " + " ".join(ladder_cells(ladder)) + ")"
        return {"text": text}
    if isinstance(scoring, Composite):
        parts = []
        for p in scoring.parts:
            cells = ladder_cells(p.scoring) if isinstance(p.scoring, Ladder) else None
            how = f"เกณฑ์ {' '.join(cells)}" if cells else f"ให้คะแนน {GIVEN_RANGE}"
            parts.append(f"{p.title or p.id} สัดส่วน {figure(p.share)}% ({how})")
        return {"text": " + ".join(parts)}
    if isinstance(scoring, OwnerScore):
        return {"text": f"เจ้าภาพตัวชี้วัดให้คะแนน ({GIVEN_RANGE})"}
    if isinstance(scoring, ScaleScoring):
        return {"text": _scale_text(framework, scoring.scale)}
    return {"text": ""}


def _scale_text(framework: Framework, scale_id: str) -> str:
    """The scores a scale takes under the rule set's ``scale_score`` policy, and the policy in the
    rule file's words (kpidsl/scale_scores.py); the scale's id is the rule file's name, not the form's."""
    within = scale_range(framework, scale_id, framework.policies.scale_score)
    if within is None:
        return "คะแนนตามมาตรวัด"
    return f"คะแนนตามมาตรวัด: {within.allowed().th} ตามหลักเกณฑ์ “{within.policy_words().th}”"


def _ladder(ladder: Ladder) -> dict:
    cells = ladder_cells(ladder)
    if cells is None:
        return {"text": ""}
    out: dict = {"cells": cells}
    if ladder.direction == "lower":
        out["note"] = "ค่าน้อยดี"
    return out


def _step_cell(step: Step) -> str:
    due = f" (ภายใน {span_of(step.due)})" if step.due else ""
    return f"{step.number}. {step.text}{due}"


def _omitted_text(node: AgreementNode) -> str:
    if node.optional is not None and node.optional.to:
        return f"ไม่มีในคำรับรองนี้ น้ำหนักโอนไปยังตัวชี้วัด {node.optional.to}"
    return "ไม่มีในคำรับรองนี้ น้ำหนักกระจายให้ตัวชี้วัดอื่นตามสัดส่วน"


def number_of(node: AgreementNode) -> str:
    """The number column: an indicator numbered as its seed numbers it (``1.1.2``);
    an id made of letters (``p4``, ``c1``, ``achievement``) is a name in the rule file,
    not something the form's reader knows, so its row shows only its title."""
    return kpi_number(node.id)


def label(node: AgreementNode) -> str:
    """A title as a row shows it: the title alone, as the seed tables print it (no rule
    keyword such as มุมมอง or มิติ before it)."""
    return node.title or ""


# ---- results ------------------------------------------------------------------------------------
def result_text(node: AgreementNode, result: NodeResult | None) -> str:
    """The measured figure as the SAR's result column shows it."""
    if result is None or result.omitted:
        return ""
    given = dict(result.explanation.inputs)
    scoring = node.scoring
    if isinstance(scoring, (Ladder, Formula)) and result.value is not None:
        return figure(result.value)
    if isinstance(scoring, Milestones) and (steps := given.get("steps")) is not None:
        return f"ผ่าน {steps} ขั้น"
    if isinstance(scoring, Composite):
        # the figures alone, in the order the criteria list the parts; their titles go under the
        # indicator (formula_inputs): a narrow result column cannot hold them
        return "; ".join(str(given[p.id]) for p in scoring.parts if p.id in given)
    return ""


def formula_inputs(node: AgreementNode, result: NodeResult | None) -> str:
    """The inputs of a formula as given: ``X1 90, Y1 100, …``; a composite's parts by their
    titles: ``สำรวจ… 4; ผู้ตรวจ… 3``."""
    scoring = node.scoring
    if result is None or not isinstance(scoring, (Formula, Composite)):
        return ""
    if isinstance(scoring, Composite):
        given = dict(result.explanation.inputs)
        return "; ".join(f"{p.title or p.id} {given[p.id]}" for p in scoring.parts if p.id in given)
    baht = baht_names(scoring.inputs)  # money with thousands separators, as the form writes baht
    return ", ".join(f"{k} {money(v) if k in baht else v}" for k, v in result.explanation.inputs if k != "score")


def rows(agreement: Agreement, report: Report | None, number: Numbers) -> list[dict]:
    out: list[dict] = []

    def visit(nodes: tuple[AgreementNode, ...], depth: int, parent: AgreementNode | None) -> None:
        for n in nodes:
            r = report.find(n.id) if report is not None else None
            # Group nodes add up their children; their rows carry subtotals, not criteria.
            group = isinstance(n.scoring, (GroupSum, WeightedAverage)) and bool(n.children)
            out.append({
                "id": n.id,
                "kind": n.kind,
                "kind_title": KIND_TH.get(n.kind, n.kind),
                "title": n.title or "",
                "label": label(n),
                "number": number_of(n),
                "depth": depth,
                "group": group,
                "omitted": n.omitted,
                # Under a weighted average the weight is the W of Σ(W × SM), a fraction
                # of 1, not a percentage of the total.
                "sub": parent is not None and isinstance(parent.scoring, WeightedAverage),
                "weight": "" if n.omitted else figure(weight_shown(n, number.decimals, number.rounding)),
                "weight_mark": REDISTRIBUTED if redistributed(n) else "",
                "unit": n.unit or unit_of(n.scoring) or "",
                "criteria": criteria(n, agreement.framework),
                "result": result_text(n, r),
                "inputs": formula_inputs(n, r),
                "score": number(r.score) if r is not None and not r.omitted else "",
                "score_sign": rounded_sign(r is not None and not r.omitted and number.rounded(r.score)),
                "score_mark": INTERPOLATED if r is not None and not r.omitted and interpolated(n, r.score) else "",
                # One quantity in the whole column: the share the row adds to its parent's
                # score (kpidsl/score/weighted.py), the figure an example's คะแนนถ่วงน้ำหนัก is.
                "weighted": number(r.weighted) if r is not None and not r.omitted else "",
                "weighted_sign": rounded_sign(r is not None and not r.omitted and number.rounded(r.weighted)),
            })
            visit(n.children, depth + 1, n)

    visit(agreement.nodes, 0, None)
    return out


# ---- the form -----------------------------------------------------------------------------------
def build(plan: Plan | dict, agreement_id: str, round_id: str | None = None, report: Report | None = None,
          submitted: dt.date | None = None, origin: str | None = None) -> dict:
    """The view data of one SAR: blank without ``report``, filled with it."""
    typed = plan_of(plan).agreement(agreement_id)
    framework = typed.framework
    policy = report.policy if report is not None else framework.policies
    number = Numbers(policy.decimals, policy.rounding)
    view = {
        "form": "sar",
        "filled": report is not None,
        "origin": origin,
        "agreement": heading(typed),
        "round": round_view(framework, round_id),
        "decimals": number.decimals,
        "rows": rows(typed, report, number),
        "subtotals": [],
        "total": "", "penalty": "", "final": "", "band": None,
        "submitted": thai_date(submitted.isoformat()) if submitted else "",
        "late": None,
        "missing": [],
        "evidence_kinds": list(EVIDENCE_KINDS),
        "policies": scoring_policies(policy, typed.nodes),
    }
    view["total_weight"] = total_weight(view)
    view["footnotes"] = footnotes(view["rows"], framework)
    view["has_sub"] = any(r["sub"] for r in view["rows"])
    if report is None:
        return view
    # A part's score is its weighted score × 100 / its weight, printed so ("2.5080 × 100 / 70
    # ≈ 3.5829"): "70 × 3.5829 / 100" would not give the 2.5080 beside it, the score being
    # rounded only to be shown.
    view["subtotals"] = [{"id": n.id, "title": n.title or "", "weight": figure(n.weight),
                          "score": number(n.score), "weighted": number(n.weighted),
                          "weighted_sign": rounded_sign(number.rounded(n.weighted)),
                          "relation": "≈" if number.rounded(n.score) or number.rounded(n.weighted) else "="}
                         for n in report.nodes if not n.omitted and n.weight is not None]
    view["total"] = number(report.total)
    view["final"] = number(report.final)
    if report.penalty:
        view["penalty"] = number(report.penalty)
    late = report.lateness
    if late is not None and late.days:
        view["late"] = {
            "due": thai_date(late.due.isoformat()),
            "submitted": thai_date(late.submitted.isoformat()),
            "count": len(late.days),
            "unit": "วันทำการ" if late.per == "working_day" else "วัน",
            "days": ", ".join(thai_date(d.isoformat(), short=True) for d in late.days),
            "per": figure(late.amount),  # declared, as the rule above (0.05); the product is computed
        }
    if report.band:
        view["band"] = {"id": report.band.id, "title": report.band.title}
    view["missing"] = list(report.missing_titled)
    return view


def build_all(plan: Plan | dict, agreement_id: str, fills: Iterable | None = None) -> Iterator[tuple[str, dict]]:
    """Every SAR of an agreement: one blank per round, then one filled per fill of the
    agreement (a fill's round, else its agreement's). Names are ``sar-<round>`` and
    ``sar-<round>-<fill name>``; ``sar`` alone when the framework has no rounds. Each made
    as it is asked for."""
    for rid in rounds_of(plan, agreement_id):
        yield _name(rid), build(plan, agreement_id, rid)
    for fill in fills or ():
        if fill.agreement != agreement_id:
            continue
        yield (f"{_name(fill.round)}-{fill.name}",
               build(plan, agreement_id, fill.round, fill.report, fill.inputs.submitted, fill.origin))


def applies(request) -> bool:
    return request.agreement is not None and not is_individual(request.agreement)


def documents(request) -> Iterator:
    """The registry's builder (kpidsl/forms/__init__.py): the SARs of the request's agreement,
    each made as it is asked for."""
    from . import Document
    from .fills import fills_for

    agreement = request.agreement
    fills = fills_for(request.plan, request.results, agreement.id)
    for stem, view in build_all(request.plan, agreement.id, fills):
        what = view["round"]["title"] if view["round"] else "รายงานผลการประเมินตนเอง"
        yield Document(stem, view, f"{what} — {view['agreement']['title']}")


def _name(round_id: str | None) -> str:
    return f"sar-{round_id}" if round_id else "sar"


def footnotes(rows: list[dict], framework: Framework) -> list[dict]:
    """The notes for the marks the rows carry (kpidsl/forms/policy_marks.py)."""
    notes = []
    if any(r["weight_mark"] for r in rows):
        notes.append(redistributed_note(framework))
    if any(r["score_mark"] for r in rows):
        notes.append(interpolated_note(framework))
    if any(r["score_sign"] for r in rows):
        notes.append(rounded_note(framework))
    return notes


def total_weight(view: dict) -> str:
    """Σ of the top-level weights shown under the table (100 when the agreement is whole)."""
    total = sum((D(r["weight"]) for r in view["rows"] if r["depth"] == 0 and r["weight"]), Decimal(0))
    return figure(total)
