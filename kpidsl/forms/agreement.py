"""Performance agreement (คำรับรองการปฏิบัติราชการ): parties, period, the
indicators with their agreed weights, baselines, targets and ladders, the
optional indicators left out, cascades, and signature blocks."""

from __future__ import annotations

from decimal import Decimal

from ..plan.read import plan_of
from . import Document, Request
from .policy_marks import redistributed_note
from .view import LEVEL_TH, is_indicator, rows, walk, where

CASCADE_TH = {
    "direct": "ถ่ายทอดโดยตรง",
    "split": "ถ่ายทอดโดยแบ่งค่าเป้าหมาย",
    "partial": "ถ่ายทอดบางส่วน",
}


def applies(request: Request) -> bool:
    # An individual's evaluation has its own forms (achievement, competency, summary).
    return (request.framework or {}).get("level") != "individual"


def _baseline_years(table: list[dict]) -> list[int]:
    years = {b["year"] for r in table for b in r["template"].get("baselines") or [] if b.get("year")}
    return sorted(years)


def _baselines_by_year(row: dict) -> dict[int, dict]:
    out = {}
    for b in row["template"].get("baselines") or []:
        if b.get("year"):
            out[b["year"]] = {"value": b.get("value"), "text": b.get("text") or ""}
    return out


def _mark_words(b: dict | None) -> dict | None:
    if b and b["value"] is None and b["text"]:
        return {"value": None, "text": "*"}
    return b


def _title_of(plan: dict, agreement_id: str, kpi_id: str) -> str:
    a = plan_of(plan).agreements_by_id.get(agreement_id)
    node = a.nodes_by_id.get(kpi_id) if a is not None else None
    return (node.title or "") if node is not None else ""


def _agreement_title(plan: dict, agreement_id: str) -> str:
    a = plan_of(plan).agreements_by_id.get(agreement_id)
    if a is None:
        return agreement_id
    return a.organisation or a.person or a.title or agreement_id


def build(request: Request) -> list[Document]:
    a, fw, plan = request.agreement, request.framework or {}, request.plan
    assert a is not None
    table = rows(a.get("nodes") or [], in_agreement=True)
    # Every agreement has a baseline column (002 ข้อ 1.4.2 (4): ข้อมูลพื้นฐาน); with no
    # baseline year in the rule file it is one column of lines to fill in.
    years = _baseline_years(table) or [""]
    for r in table:
        by_year = _baselines_by_year(r)
        # A baseline in words does not fit a figure column: a mark there, the words under the title.
        r["baseline_cells"] = [_mark_words(by_year.get(y)) for y in years]
        r["baseline_words"] = [{"year": y, "text": b["text"]} for y in years
                               if (b := by_year.get(y)) and b["value"] is None and b["text"]]
    top = [n for n in a.get("nodes") or []]
    total = sum((Decimal(n["weight"]) for n in top if n.get("weight") is not None), Decimal(0))
    if not any(n.get("weight") is not None for n in top):
        # components (a work group's ผลสัมฤทธิ์ของงาน 100%): their shares make the whole
        total = sum((Decimal(n["share"]) for n in top if n.get("share") is not None), Decimal(0))
    omitted = [dict(r) for r in table if r["omitted"]]
    framework_nodes = {n["id"]: n for n, _, _ in walk(fw.get("nodes") or [])}
    for r in omitted:
        opt = (framework_nodes.get(r["id"]) or {}).get("optional") or {}
        r["to"] = opt.get("to")
        r["declared"] = (framework_nodes.get(r["id"]) or {}).get("weight")
    cascades = [{
        "id": r["id"], "title": r["title"],
        "mode": r["cascade"].get("mode"), "mode_th": CASCADE_TH.get(r["cascade"].get("mode"), r["cascade"].get("mode")),
        "from_agreement": r["cascade"].get("agreement"),
        "from_owner": _agreement_title(plan, r["cascade"].get("agreement")),
        "from_kpi": r["cascade"].get("kpi"),
        "from_title": _title_of(plan, r["cascade"].get("agreement"), r["cascade"].get("kpi")),
    } for r in table if r["cascade"]]
    details = [r for r in table if not r["omitted"] and r["scoring"] and (
        r["scoring"]["steps"] or r["scoring"]["expr"] or r["scoring"]["parts"])]
    signatories = list(a.get("signatories") or [])
    if not signatories:
        # An agreement the rule file names no signatories for is made between the evaluator
        # and the one evaluated (seed 000, activity 6: "จัดทำคำรับรองฯ ระหว่างผู้ประเมินกับผู้รับการ
        # ประเมิน"): both sign, a name the rule file does not give is a line to fill in.
        signatories = [{"name": a.get("assessor") or "", "role": "ผู้ประเมิน"},
                       {"name": a.get("person") or a.get("organisation") or "", "role": "ผู้รับการประเมิน"}]
    footnotes = [redistributed_note(fw)] if any(r["weight"].get("mark") for r in table) else []
    return [Document("agreement", {
        "footnotes": footnotes,
        "agreement": a,
        "framework": fw,
        "level_th": LEVEL_TH.get(fw.get("level"), fw.get("level") or ""),
        "rows": [r for r in table if not r["omitted"]],
        "indicators": sum(1 for r in table if is_indicator(r) and not r["omitted"] and not r["relative"]),
        "total": total,
        "has_relative": any(r["relative"] for r in table),
        "years": years,
        "omitted": omitted,
        "cascades": cascades,
        "details": details,
        "signatories": signatories,
        "round": next((r for r in fw.get("rounds") or [] if r["id"] == a.get("round")), None),
        "source": where(a.get("source"), request.root),
    }, title=a.get("title") or a["id"])]
