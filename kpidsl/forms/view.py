"""View data shared by the forms: a plan's indicator tree as table rows, and an
indicator's scoring criteria as a form shows them. Plain dicts, no formatting
of figures (the templates do that with the filters of kpidsl/forms/env.py)."""

from __future__ import annotations

from typing import Any, Iterator

from .figures import figure
from .policy_marks import REDISTRIBUTED, redistributed

KIND_TH = {
    "perspective": "มุมมอง",
    "dimension": "มิติ",
    "kpi": "ตัวชี้วัด",
    "component": "องค์ประกอบ",
    "competency": "สมรรถนะ",
}

LEVEL_TH = {
    "department": "ระดับส่วนราชการ (กรม)",
    "province": "ระดับจังหวัด",
    "province_group": "ระดับกลุ่มจังหวัด",
    "provincial_agency": "ระดับส่วนราชการประจำจังหวัด",
    "work_group": "ระดับกลุ่มงาน",
    "individual": "ระดับบุคคล",
}

SCORING_TH = {
    "ladder": "เกณฑ์การให้คะแนน 5 ระดับ",
    "milestones": "ระดับขั้นของความสำเร็จ (Milestone)",
    "weighted_average": "ร้อยละเฉลี่ยถ่วงน้ำหนัก",
    "formula": "สูตรการคำนวณ",
    "composite": "องค์ประกอบย่อย",
    "owner_score": "คะแนนจากเจ้าภาพตัวชี้วัด",
    "scale": "มาตรวัดสมรรถนะ",
    "sum": "ผลรวมถ่วงน้ำหนัก",
    "given": "คะแนนที่ให้",
    "component": "องค์ประกอบการประเมิน",
}

DIRECTION_TH = {"higher": "ค่ามากดี", "lower": "ค่าน้อยดี"}


def walk(nodes: list[dict], depth: int = 0, parent: dict | None = None) -> Iterator[tuple[dict, int, dict | None]]:
    """Every node of a tree, depth first, with its depth and parent."""
    for node in nodes:
        yield node, depth, parent
        yield from walk(node.get("children") or [], depth + 1, node)


def is_indicator(node: dict) -> bool:
    return node.get("kind") in ("kpi", "competency")


def ladder_view(ladder: dict | None) -> dict | None:
    """A 5-level ladder as the slide tables show it: levels 1..5 with their thresholds."""
    if not ladder or not ladder.get("thresholds"):
        return None
    return {
        "thresholds": ladder["thresholds"],
        "direction": ladder.get("direction") or "higher",
        "direction_th": DIRECTION_TH.get(ladder.get("direction") or "higher", ""),
        "unit": ladder.get("unit"),
        "target": ladder.get("target"),
        "step": ladder.get("step"),
        "open_level_1": bool(ladder.get("open_level_1")),
        "source": ladder.get("source"),
    }


def scoring_view(scoring: dict | None) -> dict | None:
    """What a form shows of how an indicator is scored, by kind."""
    if not scoring:
        return None
    kind = scoring.get("kind")
    view: dict[str, Any] = {"kind": kind, "kind_th": SCORING_TH.get(kind, kind or ""), "ladder": None,
                            "steps": [], "expr": None, "inputs": [], "parts": [], "source": scoring.get("source")}
    if kind == "ladder":
        view["ladder"] = ladder_view(scoring)
    elif kind == "milestones":
        view["steps"] = scoring.get("steps") or []
    elif kind == "formula":
        view["expr"] = scoring.get("expr")
        view["inputs"] = scoring.get("inputs") or []
        view["ladder"] = ladder_view(scoring.get("ladder"))
    elif kind == "weighted_average":
        view["ladder"] = ladder_view(scoring.get("ladder"))
    elif kind == "composite":
        view["parts"] = [{"id": p["id"], "title": p.get("title"), "share": p.get("share"),
                          "scoring": scoring_view(p.get("scoring"))} for p in scoring.get("parts") or []]
    elif kind == "scale":
        view["scale"] = scoring.get("scale")
    return view


def weight_text(node: dict, in_agreement: bool) -> dict:
    """A node's weight as a form states it.

    ``value``: the figure to print (None for none); ``note``: why it is what it is
    (set by each agreement, optional, omitted, redistributed)."""
    optional = node.get("optional")
    if not in_agreement:
        kind = node.get("weight_kind")
        if kind == "agreed":
            return {"value": None, "note": "ตามที่ตกลง", "optional": _optional_note(optional), "mark": ""}
        return {"value": node.get("weight") if kind == "fixed" else None, "note": "",
                "optional": _optional_note(optional), "mark": ""}
    if node.get("omitted"):
        return {"value": None, "note": "ไม่มี (ยกเว้น)", "optional": _optional_note(optional), "mark": ""}
    note = ""
    declared = node.get("declared_weight")
    if declared is not None and node.get("weight") is not None and declared != node.get("weight"):
        note = f"รวมน้ำหนักที่โอนมา (เดิม {declared})"
    return {"value": node.get("weight"), "note": note, "optional": _optional_note(optional),
            "mark": REDISTRIBUTED if redistributed(node) else ""}


def _optional_note(optional: dict | None) -> str:
    if not optional:
        return ""
    if optional.get("to"):
        return f"ถ้ามี (ถ้าไม่มี น้ำหนักไปที่ {optional['to']})"
    if optional.get("proportional"):
        return "ถ้ามี (ถ้าไม่มี น้ำหนักกระจายตามสัดส่วน)"
    return "ถ้ามี"


def rows(nodes: list[dict], *, in_agreement: bool) -> list[dict]:
    """The indicator tree as table rows (perspective, dimension, indicator, sub-indicator)."""
    out = []
    for node, depth, parent in walk(nodes):
        scoring = scoring_view(node.get("scoring"))
        if scoring and scoring["kind"] == "component" and node.get("share") is not None:
            # what a component brings to the total: its share (ผลสัมฤทธิ์ของงาน 70%)
            scoring["kind_th"] = f"{SCORING_TH['component']} สัดส่วนร้อยละ {figure(node['share'])}"
        ladder = (scoring or {}).get("ladder")
        out.append({
            "id": node["id"],
            "kind": node.get("kind"),
            "kind_th": KIND_TH.get(node.get("kind"), node.get("kind") or ""),
            "title": node.get("title") or "",
            "heading": _heading(node),
            "depth": depth,
            "group": not is_indicator(node),
            "weight": weight_text(node, in_agreement),
            # A sub-indicator of a weighted average carries a relative weight W, not a % of the total.
            "relative": bool(parent and (parent.get("scoring") or {}).get("kind") == "weighted_average"),
            "share": node.get("share"),
            "unit": node.get("unit") or (ladder or {}).get("unit"),
            "target": node.get("target") or (ladder or {}).get("target"),
            "scoring": scoring,
            "ladder": ladder,
            "omitted": bool(node.get("omitted")),
            "added": bool(node.get("added")),
            "cascade": node.get("cascade"),
            "citation": node.get("citation"),
            "source": node.get("source"),
            "template": node.get("template") or {},
            "notes": node.get("notes") or [],
        })
    return out


def _heading(node: dict) -> str:
    """A row's label: its title alone, as the seed tables print it (no rule keyword such
    as มุมมอง or มิติ before it)."""
    return node.get("title") or ""


def where(source: dict | None, root: str = "") -> str:
    """``rules/2555/department.kpi:98`` for a plan node's source."""
    if not source:
        return ""
    prefix = f"{root}/" if root else ""
    return f"{prefix}{source['path']}:{source['line']}"

