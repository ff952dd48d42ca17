"""The sheet on which a work group or a person agrees its indicators, as the seeds print it:

* seed 004 (สไลด์ 24–34) การกำหนดตัวชี้วัดระดับกลุ่มงาน: งาน/โครงการ | ผลสัมฤทธิ์หลัก (KRAs) |
  ตัวชี้วัด (KPIs) | ระดับค่าเป้าหมาย 1–5;
* seed 001 (สไลด์ 17) ข้อตกลงผลการปฏิบัติงาน: ผลสัมฤทธิ์ที่คาดหวัง | ตัวชี้วัดผลการปฏิบัติงาน |
  ความสำคัญ | ระดับค่าเป้าหมาย (1) ต้องปรับปรุง … (5) ดีเด่น | ผลการปฏิบัติงาน | คะแนน.

An agreement whose indicators state their importance takes seed 001's layout, and so
does a person's whose indicators state no งาน or ผลสัมฤทธิ์หลัก; the others seed 004's.
A field the rule file leaves out is a line to fill in."""

from __future__ import annotations

from ..plan.model import Cascade, Plan
from . import Document, Request
from .agreement import CASCADE_TH
from .sar import criteria, is_individual, number_of
from .view import unit_of, walk

IMPORTANCE_TH = {"high": "สำคัญมาก", "medium": "สำคัญปานกลาง", "low": "สำคัญน้อย"}

# seed 001 สไลด์ 17: the names of the five target levels
LEVEL_NAMES = ("ต้องปรับปรุง", "ต่ำกว่าที่คาดหวัง", "บรรลุตามที่คาดหวัง", "เกินกว่าที่คาดหวัง", "ดีเด่น")


def _cascade_text(plan: Plan, cascade: Cascade | None) -> str:
    """``ถ่ายทอดโดยแบ่งค่าเป้าหมาย จาก เกษตรอำเภอ``: a person's sheet is the only agreement form a
    person gets, so it says from whose indicator one was cascaded (seed 004 สไลด์ 13–15)."""
    if cascade is None:
        return ""
    superior = plan.agreements_by_id.get(cascade.agreement)
    owner = (superior.person or superior.organisation or superior.title or "") if superior is not None else ""
    how = CASCADE_TH.get(cascade.mode, "ถ่ายทอด")
    return f"{how} จาก {owner}" if owner else how


def applies(request: Request) -> bool:
    return request.agreement is not None and is_individual(request.agreement)


def build(request: Request) -> list[Document]:
    agreement = request.agreement
    assert agreement is not None
    rows = []
    for node, _, parent in walk(agreement.nodes):
        if node.kind != "kpi" or node.omitted:
            continue
        # seed 001 สไลด์ 17 heads its rows เป้าหมายเชิงยุทธศาสตร์ / เป้าหมายงานด้านอื่นๆ (``group``)
        heading = next((g.title for g in (parent.groups if parent else ()) if node.id in g.kpis), "")
        t = node.template
        crit = criteria(node, agreement.framework)
        rows.append({
            "number": number_of(node),
            "title": node.title or "",
            "unit": node.unit or unit_of(node.scoring) or "",
            "task": t.task or "",
            "key_result": t.key_result or "",
            "importance": IMPORTANCE_TH.get(t.importance or "", ""),
            "cells": crit["cells"],
            "steps": crit.get("steps"),
            "text": crit["text"],
            "cascade": _cascade_text(request.plan, node.cascade),
            "heading": heading,
        })
    if not rows:
        return []
    framework = agreement.framework
    # Seed 004 prints its persons' indicators in its own table (สไลด์ 15, 27–28): rows that state
    # งาน or ผลสัมฤทธิ์หลัก keep it; a person's other agreements, and any that state importance, are seed 001's.
    seed_004_rows = any(r["task"] or r["key_result"] for r in rows)
    person = any(r["importance"] for r in rows) or (framework.level == "individual" and not seed_004_rows)
    return [Document("kpi-sheet", {
        "agreement": agreement,
        "framework": framework,
        "layout": "001" if person else "004",
        "rows": rows,
        "level_names": [f"({i}) {name}" for i, name in enumerate(LEVEL_NAMES, start=1)],
        "round": agreement.round,
    }, title=agreement.title or agreement.id)]
