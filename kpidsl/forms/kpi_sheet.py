"""The sheet on which a work group or a person agrees its indicators, as the seeds print it:

* seed 004 (สไลด์ 24–34) การกำหนดตัวชี้วัดระดับกลุ่มงาน: งาน/โครงการ | ผลสัมฤทธิ์หลัก (KRAs) |
  ตัวชี้วัด (KPIs) | ระดับค่าเป้าหมาย 1–5;
* seed 001 (สไลด์ 17) ข้อตกลงผลการปฏิบัติงาน: ผลสัมฤทธิ์ที่คาดหวัง | ตัวชี้วัดผลการปฏิบัติงาน |
  ความสำคัญ | ระดับค่าเป้าหมาย (1) ต้องปรับปรุง … (5) ดีเด่น | ผลการปฏิบัติงาน | คะแนน.

A person's agreement (or one whose indicators state their importance) takes seed 001's
layout, a work group's seed 004's. A field the rule file leaves out is a line to fill in."""

from __future__ import annotations

from ..plan.read import plan_of
from . import Document, Request
from .sar import criteria, is_individual, number_of
from .view import walk

IMPORTANCE_TH = {"high": "สำคัญมาก", "medium": "สำคัญปานกลาง", "low": "สำคัญน้อย"}

# seed 001 สไลด์ 17: the names of the five target levels
LEVEL_NAMES = ("ต้องปรับปรุง", "ต่ำกว่าที่คาดหวัง", "บรรลุตามที่คาดหวัง", "เกินกว่าที่คาดหวัง", "ดีเด่น")


def applies(request: Request) -> bool:
    return request.agreement is not None and is_individual(request.agreement)


def build(request: Request) -> list[Document]:
    a = request.agreement
    assert a is not None
    rows = []
    for node, _, _ in walk(a.get("nodes") or []):
        if node.get("kind") != "kpi" or node.get("omitted"):
            continue
        t = node.get("template") or {}
        crit = criteria(node)
        rows.append({
            "number": number_of(node),
            "title": node.get("title") or "",
            "unit": node.get("unit") or (node.get("scoring") or {}).get("unit") or "",
            "task": t.get("task") or "",
            "key_result": t.get("key_result") or "",
            "importance": IMPORTANCE_TH.get(t.get("importance") or "", ""),
            "cells": crit["cells"],
            "steps": crit["steps"],
            "text": crit["text"],
        })
    if not rows:
        return []
    agreement = plan_of(request.plan).agreement(a["id"])
    framework = agreement.framework
    person = framework.level == "individual" or any(r["importance"] for r in rows)
    return [Document("kpi-sheet", {
        "agreement": agreement,
        "framework": framework,
        "layout": "001" if person else "004",
        "rows": rows,
        "level_names": [f"({i}) {name}" for i, name in enumerate(LEVEL_NAMES, start=1)],
        "round": agreement.round,
    }, title=agreement.title or agreement.id)]
