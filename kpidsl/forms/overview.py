"""Framework overview (กรอบการประเมินผล): perspectives, dimensions and indicators
nested with their weights, and each ladder as the slide tables show it."""

from __future__ import annotations

from . import Document, Request
from .view import LEVEL_TH, rows, where


def build(request: Request) -> list[Document]:
    fw = request.framework
    assert fw is not None
    table = rows(fw.get("nodes") or [], in_agreement=False)
    return [Document("overview", {
        "framework": fw,
        "level_th": LEVEL_TH.get(fw.get("level"), fw.get("level") or ""),
        "rows": table,
        "ladders": [r for r in table if r["ladder"]],
        "milestones": [r for r in table if r["scoring"] and r["scoring"]["steps"]],
        "rounds": fw.get("rounds") or [],
        "source": where(fw.get("source"), request.root),
    }, title=fw.get("title") or fw["id"])]
