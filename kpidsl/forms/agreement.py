"""Performance agreement (คำรับรองการปฏิบัติราชการ): parties, period, the
indicators with their agreed weights, baselines, targets and ladders, the
optional indicators left out, cascades, and signature blocks."""

from __future__ import annotations

from decimal import Decimal

import attrs

from ..plan.model import Baseline, Composite, Formula, Milestones, Plan, Signatory
from . import Document, Request
from .policy_lines import scoring_policies
from .policy_marks import redistributed_note
from .view import LEVEL_TH, rows, targets_at_level_3, where

CASCADE_TH = {
    "direct": "ถ่ายทอดโดยตรง",
    "split": "ถ่ายทอดโดยแบ่งค่าเป้าหมาย",
    "partial": "ถ่ายทอดบางส่วน",
}


def applies(request: Request) -> bool:
    # An individual's evaluation has its own forms (achievement, competency, summary).
    return request.framework is None or request.framework.level != "individual"


def _baseline_years(table: list[dict]) -> list[int]:
    years = {b.year for r in table for b in r["template"].baselines if b.year}
    return sorted(years)


def _baselines_by_year(row: dict) -> dict[int, Baseline]:
    return {b.year: b for b in row["template"].baselines if b.year}


def _mark_words(b: Baseline | None) -> Baseline | None:
    if b is not None and b.value is None and b.text:
        return attrs.evolve(b, text="*")
    return b


def _title_of(plan: Plan, agreement_id: str, kpi_id: str) -> str:
    a = plan.agreements_by_id.get(agreement_id)
    node = a.nodes_by_id.get(kpi_id) if a is not None else None
    return (node.title or "") if node is not None else ""


def _agreement_title(plan: Plan, agreement_id: str) -> str:
    a = plan.agreements_by_id.get(agreement_id)
    if a is None:
        return agreement_id
    return a.organisation or a.person or a.title or agreement_id


def build(request: Request) -> list[Document]:
    a, fw, plan = request.agreement, request.framework, request.plan
    assert a is not None and fw is not None
    table = rows(a.nodes, fw.policies)
    # Every agreement has a baseline column (002 ข้อ 1.4.2 (4): ข้อมูลพื้นฐาน); with no
    # baseline year in the rule file it is one column of lines to fill in.
    years = _baseline_years(table) or [""]
    for r in table:
        by_year = _baselines_by_year(r)
        # A baseline in words does not fit a figure column: a mark there, the words under the title.
        r["baseline_cells"] = [_mark_words(by_year.get(y)) for y in years]
        r["baseline_words"] = [{"year": y, "text": b.text} for y in years
                               if (b := by_year.get(y)) and b.value is None and b.text]
    top = a.nodes
    total = sum((n.weight for n in top if n.weight is not None), Decimal(0))
    if not any(n.weight is not None for n in top):
        # components (a work group's ผลสัมฤทธิ์ของงาน 100%): their shares make the whole
        total = sum((n.share for n in top if n.share is not None), Decimal(0))
    omitted = [dict(r) for r in table if r["omitted"]]
    framework_nodes = {n.id: n for n in fw.walk()}
    for r in omitted:
        declared = framework_nodes.get(r["id"])
        r["to"] = declared.optional.to if declared is not None and declared.optional is not None else None
        r["declared"] = declared.weight if declared is not None else None
    cascades = [{
        "id": r["id"], "title": r["title"],
        "mode": r["cascade"].mode, "mode_th": CASCADE_TH.get(r["cascade"].mode, r["cascade"].mode),
        "from_agreement": r["cascade"].agreement,
        "from_owner": _agreement_title(plan, r["cascade"].agreement),
        "from_kpi": r["cascade"].kpi,
        "from_title": _title_of(plan, r["cascade"].agreement, r["cascade"].kpi),
    } for r in table if r["cascade"]]
    # Steps, a formula or parts do not fit the ladder columns: they are set out after the table.
    details = [r for r in table if not r["omitted"] and isinstance(r["node"].scoring, (Milestones, Formula, Composite))]
    signatories: list = list(a.signatories)
    if not signatories:
        # An agreement the rule file names no signatories for is made between the evaluator
        # and the one evaluated (seed 000, activity 6: "จัดทำคำรับรองฯ ระหว่างผู้ประเมินกับผู้รับการ
        # ประเมิน"): both sign, a name the rule file does not give is a line to fill in.
        signatories = [Signatory(a.assessor or "", "ผู้ประเมิน"),
                       Signatory(a.person or a.organisation or "", "ผู้รับการประเมิน")]
    footnotes = [redistributed_note(fw)] if any(r["weight"]["mark"] for r in table) else []
    return [Document("agreement", {
        "footnotes": footnotes,
        "policies": scoring_policies(fw.policies, a.nodes),
        "agreement": a,
        "framework": fw,
        "level_th": LEVEL_TH.get(fw.level, fw.level or ""),
        "rows": [r for r in table if not r["omitted"]],
        "indicators": sum(1 for r in table if not r["group"] and not r["omitted"] and not r["relative"]),
        "total": total,
        "has_relative": any(r["relative"] for r in table),
        "target_at_3": targets_at_level_3(table),
        "years": years,
        "omitted": omitted,
        "cascades": cascades,
        "details": details,
        "signatories": signatories,
        "round": a.round,
        "source": where(a.source, request.root),
    }, title=a.title or a.id)]
